"""Sales isolation through the command line (issue 5, item 2): a sales user runs the main commands against a
database holding another salesperson's customer, and nothing of it comes out: not in the JSON, not in the
text, not in the files written; lookups of its invoice, receipt or 公司id exit 2 or 3 and name nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from opcms_desktop.models import User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.security.auth import actor_for

from ..services.isolation_world import (
    FOREIGN_COMPANY,
    FOREIGN_NAME,
    MINE_COMPANY,
    build_isolation_world,
    xlsx_text,
)

PASSWORD = "Sales-pass-2026"


@pytest.fixture
def walk(initialised_cli):
    """Users sales1 / sales2 / ops1 made through the CLI; the two salespeople's data through the services."""
    cli = initialised_cli
    for name, role in (("sales1", "sales"), ("sales2", "sales"), ("ops1", "ops")):
        code, _, err = cli.as_admin("user", "add", name, "--role", role, env={"OPCMS_NEW_PASSWORD": PASSWORD})
        assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        actors = {u.username: actor_for(session, u) for u in session.scalars(select(User))}
        world = build_isolation_world(session, actors["sales1"], actors["sales2"], actors["ops1"])
    engine.dispose()
    return cli, world


def _as(cli, user, *args):
    return cli(*args, user=user, password=PASSWORD)


def _shows_foreign(world, *texts) -> list[str]:
    blob = "\n".join(str(t) for t in texts)
    return [m for m in world.markers if m in blob]


def test_sales_commands_show_only_their_own_customers(walk, tmp_path):
    cli, world = walk
    listings = [
        ("invoices", "list", "--json", "--xlsx", str(tmp_path / "invoices.xlsx")),
        ("invoices", "list", "--customer", "外方", "--json"),
        ("invoices", "list", "--owner-id", str(world.foreign.actor.id), "--json"),
        ("invoices", "list", "--company-id", str(FOREIGN_COMPANY), "--json"),
        ("report", "ar-aging", "--as-of", "2026-06-30", "--json", "--xlsx", str(tmp_path / "aging.xlsx")),
        ("report", "settlement", "--period", "2026-01", "--as-of", "2026-06-30", "--json"),
        ("report", "receipts", "--from", "2026-01", "--to", "2026-06", "--json"),
        ("receipt", "list", "--json"),
        ("receipt", "list", "--company-id", str(FOREIGN_COMPANY), "--json"),
        ("usage", "list", "--json"),
        ("usage", "list", "--name", "外方", "--json"),
        ("usage", "list", "--company-id", str(FOREIGN_COMPANY), "--json"),
        ("bill-run", "--period", "2026-01", "--dry-run", "--json"),
        ("export", "customers", str(tmp_path / "customers.xlsx"), "--json"),
    ]
    for args in listings:
        code, data, err = _as(cli, "sales1", *args)
        assert code == 0, (args, err)
        assert not _shows_foreign(world, data, err), (args, data)
    files = {name: xlsx_text(tmp_path / name) for name in ("invoices.xlsx", "aging.xlsx", "customers.xlsx")}
    for name, text in files.items():
        assert not _shows_foreign(world, text), name
    assert str(MINE_COMPANY) in files["customers.xlsx"] and str(MINE_COMPANY) in files["invoices.xlsx"]

    # Positive control: the owner's same commands do show the customer the walk hid.
    code, data, _ = _as(cli, "sales2", "invoices", "list", "--customer", "外方", "--json")
    assert code == 0 and [r["company_id"] for r in data["invoices"]] == [FOREIGN_COMPANY, FOREIGN_COMPANY]
    code, data, _ = _as(cli, "sales2", "report", "ar-aging", "--as-of", "2026-06-30", "--json")
    assert [c["company_id"] for c in data["customers"]] == [FOREIGN_COMPANY]
    code, data, _ = _as(cli, "sales2", "usage", "list", "--name", "外方", "--json")
    assert code == 0 and FOREIGN_NAME in str(data)


def test_foreign_lookups_exit_2_or_3_and_name_nothing(walk, tmp_path):
    cli, world = walk
    pdf = tmp_path / "foreign.pdf"
    lookups = [
        ("invoice", "show", world.foreign.invoice_number, "--json"),
        ("invoice", "pdf", world.foreign.invoice_number, str(pdf)),
        ("receipt", "show", str(world.foreign.receipt_id), "--json"),
        ("receipt", "suggest", str(world.foreign.receipt_id), "--json"),
        ("receipt", "balance", "--company-id", str(FOREIGN_COMPANY), "--json"),
        ("plan", "list", "--company-id", str(FOREIGN_COMPANY), "--json"),
        ("invoice", "credit", world.foreign.invoice_number, "--reason", "walk"),
        ("allocate", "--receipt", str(world.foreign.receipt_id), "--invoice", world.foreign.invoice_number,
         "--amount", "1"),
        ("unallocate", "--allocation", str(world.foreign.allocation_id), "--reason", "walk"),
        ("usage", "delete-order", world.foreign.order_no, "--reason", "walk"),
        ("owners", "list", "--json"),
        ("audit", "list", "--json"),
    ]
    for args in lookups:
        code, data, err = _as(cli, "sales1", *args)
        assert code in (2, 3), (args, code, data)
        echoed = {*args, f"receipt #{world.foreign.receipt_id}"}  # repeating what was asked for is fine
        leaked = [m for m in _shows_foreign(world, data, err) if m not in echoed]
        assert not leaked, (args, err)
    assert not pdf.exists()

    # The owner's own lookups work (the refusals above are about whose customer it is).
    code, data, err = _as(cli, "sales2", "invoice", "show", world.foreign.invoice_number, "--json")
    assert code == 0 and FOREIGN_NAME in str(data), err
    code, _, err = _as(cli, "sales2", "plan", "list", "--company-id", str(FOREIGN_COMPANY), "--json")
    assert code == 0, err
