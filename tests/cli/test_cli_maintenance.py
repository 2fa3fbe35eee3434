"""`opcms backup`, `opcms restore FILE` and `opcms migrate` (issue 10, items 4 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from opcms_desktop.services.platform import cipher, db_key

from ..conftest import create_pg_database, drop_pg_database
from .conftest import ADMIN_PASSWORD

NEW_PASSWORD = "Ops-password-2026x"


def usernames(cli):
    code, data, err = cli.as_admin("user", "list", "--json")
    assert code == 0, err
    return sorted(u["username"] for u in data["users"])


def test_backup_then_restore_from_the_command_line(initialised_cli, backend, tmp_path):
    cli = initialised_cli
    target = tmp_path / "copies" / ("before.db" if backend == "sqlite" else "before.dump")
    code, data, err = cli.as_admin("backup", "--to", str(target), "--json")
    assert code == 0, err
    assert (data["path"], data["checked"], data["chain_ok"], data["backend"], data["removed"]) == (
        str(target), True, True, backend, [])
    assert target.stat().st_size == data["size"]
    code, data, err = cli.as_admin("backup", "--to", str(target), "--json")
    assert code == 2 and data["error"]["code"] == "maintenance.file_exists"

    code, _, err = cli.as_admin("user", "add", "liuji_after", "--role", "ops", env={"OPCMS_NEW_PASSWORD": NEW_PASSWORD})
    assert code == 0, err
    assert "liuji_after" in usernames(cli)

    code, data, err = cli.as_admin("restore", str(target), "--json")
    assert code == 0, err
    assert (data["restored_from"], data["chain_ok"], data["backend"]) == (str(target), True, backend)
    assert Path(data["kept_aside"]).exists()
    assert usernames(cli) == ["admin"]
    code, data, err = cli.as_admin("audit", "verify", "--json")
    assert code == 0 and data["ok"], err


def test_backup_and_restore_are_for_admins(initialised_cli, tmp_path):
    cli = initialised_cli
    code, _, err = cli.as_admin("user", "add", "ops_user", "--role", "ops", env={"OPCMS_NEW_PASSWORD": NEW_PASSWORD})
    assert code == 0, err
    code, data, _ = cli("backup", "--to", str(tmp_path / "x.db"), "--json", user="ops_user", password=NEW_PASSWORD)
    assert code == 3 and data["error"]["code"] == "error.permission_missing"
    code, data, _ = cli("restore", str(tmp_path / "x.db"), "--json", user="ops_user", password=NEW_PASSWORD)
    assert code == 3 and not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_restore_refuses_while_the_app_has_the_database_open(initialised_cli, tmp_path):
    cli = initialised_cli
    code, data, err = cli.as_admin("backup", "--json")
    assert code == 0, err
    backup = data["path"]
    assert Path(backup).parent == Path(make_url(cli.url).database).resolve().parent / "backups"
    database = Path(make_url(cli.url).database).resolve()
    app = cipher.open_with_any(database, db_key.candidate_keys(database))  # the desktop client, idle
    app.execute("SELECT count(*) FROM users").fetchone()
    try:
        code, data, err = cli.as_admin("restore", backup, "--json")
    finally:
        app.close()
    assert code == 2 and data["error"]["code"] == "maintenance.database_in_use"
    assert "desktop app may be open" in err


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_migrate_from_the_command_line(initialised_cli):
    cli = initialised_cli
    target = create_pg_database()
    try:
        code, data, err = cli.as_admin("migrate", "--from", cli.url, "--to", target, "--json")
        assert code == 0, err
        tables = {t["table"]: (t["source"], t["target"]) for t in data["tables"]}
        assert tables["users"] == (1, 1) and tables["roles"] == (4, 4) and tables["invoices"] == (0, 0)
        assert all(s == t for s, t in tables.values()) and "alembic_version" not in tables
        assert data["audit_chain"] == "ok" and data["rows"] == sum(s for s, _ in tables.values())
        assert "init --pg-security" in data["next_steps"]
        code, data, _ = cli.as_admin("migrate", "--to", target, "--json")
        assert code == 2 and data["error"]["code"] == "maintenance.target_not_empty"
        # the shared database works with the offline admin's password
        code, data, err = cli("--db", target, "audit", "verify", "--json", user="admin", password=ADMIN_PASSWORD)
        assert code == 0 and data["ok"] and data["rows"] == tables["audit_log"][0] + 1, err
    finally:
        drop_pg_database(target)
