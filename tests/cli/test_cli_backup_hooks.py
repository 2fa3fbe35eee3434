"""Risky commands take a checked SQLite backup first (issue 10 item 4): a customer import and a bill run
that write; their dry runs do not. PostgreSQL: nothing (the server's own backups apply)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import make_url

from opcms_desktop.services.maintenance.files import backups_folder

from ..sheets import write_sheet


def _backups(cli_db_url: str, backend: str) -> list[str]:
    if backend != "sqlite":
        return []
    folder = backups_folder(Path(make_url(cli_db_url).database))
    return sorted(p.name for p in folder.glob("*.db")) if folder.is_dir() else []


def test_customer_import_backs_up_first_but_not_its_dry_run(initialised_cli, cli_db_url, backend, tmp_path):
    sheet = write_sheet(tmp_path / "c.xlsx", ["公司id", "公司名称"], [[7001, "备份甲"]])
    code, data, err = initialised_cli.as_admin("import", "customers", str(sheet), "--dry-run", "--json")
    assert code == 0, err
    assert not [n for n in _backups(cli_db_url, backend) if "customer-import" in n]
    code, data, err = initialised_cli.as_admin("import", "customers", str(sheet), "--json")
    assert code == 0 and data["inserted"] == 1, err
    taken = [n for n in _backups(cli_db_url, backend) if n.endswith("-before-customer-import.db")]
    assert len(taken) == (1 if backend == "sqlite" else 0)


def test_bill_run_backs_up_first_but_not_its_dry_run(initialised_cli, cli_db_url, backend):
    code, _, err = initialised_cli.as_admin("bill-run", "--period", "2025-02", "--dry-run", "--json")
    assert code == 0, err
    assert not [n for n in _backups(cli_db_url, backend) if "bill-run" in n]
    code, data, err = initialised_cli.as_admin("bill-run", "--period", "2025-02", "--json")
    assert code == 0 and data["total"] == "0.00", err
    taken = [n for n in _backups(cli_db_url, backend) if n.endswith("-before-bill-run.db")]
    assert len(taken) == (1 if backend == "sqlite" else 0)
