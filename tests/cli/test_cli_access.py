"""`opcms access ...`, `opcms report data-use` and `opcms export approvals ...`: reads on record, hidden
fields in CLI exports, and a large sales export that waits for a second person's approval."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import Customer, CustomerOwner, User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

PASSWORD = "Sales-pass-2026"
SECRET = "机密备注-CLI"
TODAY = dt.date.today().isoformat()


@pytest.fixture
def shop(initialised_cli):
    cli = initialised_cli
    for name, role in (("sales1", "sales"), ("ops1", "ops")):
        code, _, err = cli.as_admin("user", "add", name, "--role", role, env={"OPCMS_NEW_PASSWORD": PASSWORD})
        assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        sales_id = session.scalar(select(User.id).where(User.username == "sales1"))
        for n in range(3):
            customer = Customer(
                company_id=8100 + n,
                name=f"命令行客户{n}",
                name_initials="",
                name_pinyin="",
                payment_terms_days=30,
                notes=SECRET,
            )
            session.add(customer)
            session.flush()
            session.add(
                CustomerOwner(customer_id=customer.id, kind="sales", user_id=sales_id, raw_name="sales1")
            )
    engine.dispose()
    return cli


def _as(cli, user, *args):
    return cli(*args, user=user, password=PASSWORD)


def test_a_large_sales_export_waits_for_approval_then_runs_once_without_hidden_fields(shop, tmp_path):
    cli = shop
    assert cli.as_admin("access", "fields", "set", "sales", "notes", "hidden", "--json")[0] == 0
    code, policy, err = cli.as_admin("access", "export-policy", "sales", "--threshold", "2", "--json")
    assert code == 0, err
    assert policy == {"role": "sales", "row_threshold": 2, "masked_needs_approval": False}
    target = tmp_path / "mine.xlsx"
    code, refused, err = _as(cli, "sales1", "export", "customers", str(target), "--json")
    assert code == 2 and refused["error"]["code"] == "access.export_needs_approval"
    request = refused["error"]["params"]["request"]
    assert request > 0 and refused["error"]["params"]["rows"] == 3 and not target.exists()
    code, again, _ = _as(cli, "sales1", "export", "customers", str(target), "--json")
    assert code == 2 and again["error"]["params"]["request"] == request  # the same request waits
    code, listed, _ = cli.as_admin("export", "approvals", "list", "--status", "pending", "--json")
    assert [(r["id"], r["requested_by"], r["rows"]) for r in listed["requests"]] == [(request, "sales1", 3)]
    code, denied, _ = _as(cli, "ops1", "export", "approvals", "approve", str(request), "--json")
    assert code == 3 and denied["error"]["code"] == "error.permission_missing"
    code, approved, err = cli.as_admin("export", "approvals", "approve", str(request), "--json")
    assert code == 0 and approved["status"] == "approved", err
    code, done, err = _as(cli, "sales1", "export", "customers", str(target), "--json")
    assert code == 0 and done["rows"] == 3, err
    book = load_workbook(target)
    cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v is not None]
    assert "8100" in cells and SECRET not in cells and "备注" not in cells
    assert book.properties.creator == "sales1（sales1）"
    assert book.active.oddFooter.center.text.startswith("由 sales1（sales1） 于 ")
    code, third, _ = _as(cli, "sales1", "export", "customers", str(tmp_path / "again.xlsx"), "--json")
    assert code == 2 and third["error"]["params"]["request"] != request  # one approval, one export

    code, log, err = cli.as_admin(
        "access", "list", "--from", TODAY, "--to", TODAY, "--user", "sales1", "--json"
    )
    assert code == 0, err
    assert [r["action"] for r in reversed(log["rows"])] == [
        "export_request",
        "export_approved",
        "export",
        "export_request",
    ]
    code, verified, _ = cli.as_admin("access", "verify", "--json")
    assert code == 0 and verified == {"rows": 5, "ok": True}  # with the admin's decision


def test_the_data_use_report_per_user_with_xlsx(shop, tmp_path):
    cli = shop
    assert _as(cli, "ops1", "export", "customers", str(tmp_path / "ops.xlsx"), "--json")[0] == 0
    assert _as(cli, "sales1", "report", "ar-aging", "--json")[0] == 0
    out = tmp_path / "use.xlsx"
    code, report, err = cli.as_admin(
        "report", "data-use", "--from", TODAY, "--to", TODAY, "--xlsx", str(out), "--json"
    )
    assert code == 0, err
    users = {u["user"]: u for u in report["users"]}
    assert users["ops1"]["exports"] == 1 and users["ops1"]["exported_rows"] == 3
    assert users["sales1"]["lines"] == [
        {"action": "report", "entity": "ar_aging", "operations": 1, "rows": 0}
    ]  # no bills yet
    assert report["xlsx"]["rows"] == 2 and load_workbook(out).properties.creator.startswith("admin")
    code, only, _ = cli.as_admin(
        "report", "data-use", "--from", TODAY, "--to", TODAY, "--user", "ops1", "--json"
    )
    assert [u["user"] for u in only["users"]] == ["ops1"]
    code, bad, _ = cli.as_admin("report", "data-use", "--from", TODAY, "--to", "2000-01-01", "--json")
    assert code == 2 and bad["error"]["code"] == "access.period_reversed"
    code, denied, _ = _as(cli, "sales1", "report", "data-use", "--from", TODAY, "--to", TODAY, "--json")
    assert code == 3


def test_alerts_and_password_again(shop):
    cli = shop
    code, data, err = cli.as_admin("access", "alerts", "--scan", "--json")
    assert code == 0 and isinstance(data["alerts"], list), err
    assert cli.as_admin("access", "require-password", "sales1", "--reason", "测试", "--json")[0] == 0
    code, refused, _ = _as(cli, "sales1", "export", "customers", "/tmp/never-written.xlsx", "--json")
    assert code == 3 and refused["error"]["code"] == "access.reauth_required"
    code, bad, _ = cli.as_admin("access", "fields", "set", "sales", "nope", "hidden", "--json")
    assert code == 2 and bad["error"]["code"] == "access.unknown_field"


def test_report_and_masked_contact_exports_wait_for_approval_too(shop, tmp_path):
    cli = shop
    assert cli.as_admin("access", "export-policy", "sales", "--threshold", "0", "--json")[0] == 0
    aging = tmp_path / "aging.xlsx"
    code, refused, err = _as(cli, "sales1", "report", "ar-aging", "--xlsx", str(aging), "--json")
    assert code == 2 and refused["error"]["code"] == "access.export_needs_approval", err
    params = refused["error"]["params"]
    assert params["kind"] == "report" and params["rows"] >= 1 and not aging.exists()
    assert cli.as_admin("export", "approvals", "approve", str(params["request"]), "--json")[0] == 0
    code, done, err = _as(cli, "sales1", "report", "ar-aging", "--xlsx", str(aging), "--json")
    assert code == 0 and done["xlsx"]["rows"] == params["rows"] and aging.exists(), err

    # contacts a sales login sees masked: approval whatever the size when the policy says so
    code, _, err = cli.as_admin(
        "contact", "add", "--company-id", "8100", "--name", "王五", "--mobile", "13812345678", "--json"
    )
    assert code == 0, err
    assert cli.as_admin("access", "export-policy", "sales", "--no-threshold", "--masked-need-approval",
                        "--json")[0] == 0
    contacts = tmp_path / "contacts.xlsx"
    code, refused, _ = _as(cli, "sales1", "export", "contacts", str(contacts), "--json")
    assert code == 2 and refused["error"]["code"] == "access.export_masked_needs_approval"
    assert refused["error"]["params"]["masked"] is True and refused["error"]["params"]["rows"] == 1
    assert "masked" in refused["error"]["message"] and not contacts.exists()
