"""`opcms bill-run --period YYYY-MM [--dry-run] --json`: the exact JSON document and the exit codes."""

import datetime as dt

import pytest

from opcms_desktop.models import Customer
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

from ..services.billing_builders import add_monthly, add_orders, add_plan


@pytest.fixture
def billed_cli(initialised_cli, cli_db_url):
    engine = create_db_engine(cli_db_url)
    with session_scope(make_session_factory(engine)) as s:
        a = Customer(company_id=1001, name="甲", billing_enabled="yes", payment_terms_days=30)
        b = Customer(company_id=1002, name="乙", billing_enabled="yes", payment_terms_days=30)
        lost = Customer(company_id=1003, name="丙", billing_enabled="yes", payment_terms_days=30)
        s.add_all([a, b, lost])
        s.flush()
        add_plan(s, a, "tiered_graduated", series="X", tiers="0-1000:10; 1000-5000:8; 5000+:5")
        add_monthly(s, a, "2026-01", "X", single=5000, multi=1, floors=3)
        add_plan(s, b, "area", area_rate="0.125")
        add_orders(s, b, dt.date(2026, 1, 9), 2, series="N", area="10.10")
        add_orders(s, lost, dt.date(2026, 1, 9), 3)
    engine.dispose()
    return initialised_cli


EXPECTED_INVOICES = [
    {"company_id": 1001, "amount": "42005.00", "lines": [
        {"series": "X", "description": "X系列 阶梯累进 第1档(1-1000) 1000套 × 10.00", "quantity": "1000",
         "amount": "10000.00"},
        {"series": "X", "description": "X系列 阶梯累进 第2档(1001-5000) 4000套 × 8.00", "quantity": "4000",
         "amount": "32000.00"},
        {"series": "X", "description": "X系列 阶梯累进 第3档(5001+) 1套 × 5.00", "quantity": "1",
         "amount": "5.00"},
    ]},
    {"company_id": 1002, "amount": "2.53", "lines": [
        {"series": "ALL", "description": "全系列 按面积 20.2m² × 0.125", "quantity": "20.2", "amount": "2.53"},
    ]},
]


def test_dry_run_json_is_exactly_the_documented_shape(billed_cli):
    code, data, err = billed_cli.as_admin("bill-run", "--period", "2026-01", "--dry-run", "--json")
    assert code == 0, err
    assert list(data) == ["period", "total", "created", "replaced", "unchanged", "invoices", "exceptions",
                          "warnings"]
    assert data["warnings"] == []  # 2026-01 is over
    assert data["period"] == "2026-01" and data["total"] == "42007.53"
    assert (data["created"], data["replaced"], data["unchanged"]) == (2, 0, 0)
    assert data["invoices"] == EXPECTED_INVOICES
    assert data["exceptions"] == [{"company_id": 1003, "kind": "no_plan", "code": "billing.exception.no_plan",
                                   "params": {"shoots": 3, "series": "X", "days": "2026-01-09"},
                                   "message": "3 shoots of the X series (2026-01-09): no price plan in force; "
                                              "not billed"}]
    code, again, _ = billed_cli.as_admin("bill-run", "--period", "2026-01", "--dry-run", "--json")
    assert again["created"] == 2  # the dry run wrote nothing


def test_generate_then_rerun(billed_cli):
    code, data, err = billed_cli.as_admin("bill-run", "--period", "2026-01", "--json")
    assert code == 0, err
    assert (data["created"], data["replaced"], data["unchanged"], data["total"]) == (2, 0, 0, "42007.53")
    assert data["invoices"] == EXPECTED_INVOICES
    code, data, _ = billed_cli.as_admin("bill-run", "--period", "2026-01", "--dry-run", "--json")
    assert (data["created"], data["replaced"], data["unchanged"]) == (0, 0, 2)
    code, data, _ = billed_cli.as_admin("bill-run", "--period", "2026-01", "--json")
    assert (data["created"], data["replaced"], data["unchanged"]) == (0, 0, 2)


def test_empty_period_prints_zero_amounts(billed_cli):
    code, data, _ = billed_cli.as_admin("bill-run", "--period", "2025-02", "--json")
    assert code == 0
    assert data["total"] == "0.00" and data["invoices"] == []


def test_text_output(billed_cli):
    code, text, _ = billed_cli.as_admin("bill-run", "--period", "2026-01", "--dry-run")
    assert code == 0 and "dry run" in text and "42007.53" in text and "no_plan" in text


@pytest.mark.parametrize("period", ["2026-13", "2026/01", "jan"])
def test_bad_period_exits_2(billed_cli, period):
    code, data, err = billed_cli.as_admin("bill-run", "--period", period, "--json")
    assert code == 2 and "YYYY-MM" in err and data["error"]["code"] == "period.invalid"


def test_sales_may_not_generate(billed_cli):
    billed_cli.as_admin("user", "add", "seller", "--role", "sales", env={"OPCMS_NEW_PASSWORD": "Sales-pass-2026"})
    code, _, err = billed_cli("bill-run", "--period", "2026-01", "--json", user="seller", password="Sales-pass-2026")
    assert code == 3 and "billing.run" in err
    code, data, _ = billed_cli("bill-run", "--period", "2026-01", "--dry-run", "--json", user="seller",
                               password="Sales-pass-2026")
    assert code == 0 and data["invoices"] == []  # owns no customers


def test_a_credited_bill_is_billed_again_by_the_next_bill_run(billed_cli):
    """Issue 11 item 2, exactly: credit, bill-run --json creates the replacement, issue numbers it."""
    code, data, err = billed_cli.as_admin("bill-run", "--period", "2026-01", "--json")
    assert code == 0 and data["created"] == 2, err
    code, data, err = billed_cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01", "--json")
    assert [i["number"] for i in data["issued"]] == ["INV-2026-000001", "INV-2026-000002"], err
    code, data, err = billed_cli.as_admin("invoice", "credit", "INV-2026-000001", "--reason", "金额有误，重开",
                                          "--date", "2026-02-03", "--json")
    assert code == 0 and data["credit_note"] == "CN-2026-000001", err
    code, data, err = billed_cli.as_admin("bill-run", "--period", "2026-01", "--json")
    assert code == 0, err
    assert (data["created"], data["replaced"], data["unchanged"]) == (1, 0, 0)
    assert [e["code"] for e in data["exceptions"] if e["company_id"] == 1001] == [
        "billing.exception.replaces_credited"]
    code, again, _ = billed_cli.as_admin("bill-run", "--period", "2026-01", "--json")
    assert (again["created"], again["unchanged"]) == (0, 1)  # idempotent: the replacement draft is unchanged
    code, data, err = billed_cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-04", "--json")
    assert code == 0 and [(i["number"], i["company_id"], i["amount"]) for i in data["issued"]] == [
        ("INV-2026-000003", 1001, "42005.00")], err
    code, data, err = billed_cli.as_admin("invoices", "list", "--period", "2026-01", "--sort", "number", "--json")
    assert [(r["number"], r["kind"], r["status"], r["total"], r["linked_number"]) for r in data["invoices"]] == [
        ("CN-2026-000001", "credit_note", "issued", "-42005.00", "INV-2026-000001"),
        ("INV-2026-000001", "usage", "cancelled", "42005.00", None),
        ("INV-2026-000002", "usage", "issued", "2.53", None),
        ("INV-2026-000003", "usage", "issued", "42005.00", "INV-2026-000001"),
    ]


def test_a_negative_limit_is_refused_with_a_code(billed_cli):
    code, data, err = billed_cli.as_admin("invoices", "list", "--limit", "-1", "--json")
    assert code != 0 and data["error"]["code"] == "cli.bad_number", (data, err)  # cli/common.limit_arg


def test_the_current_month_needs_allow_open_month_and_warns(billed_cli):
    this = f"{dt.date.today():%Y-%m}"
    code, data, _ = billed_cli.as_admin("bill-run", "--period", this, "--dry-run", "--json")
    assert code == 0 and [w["code"] for w in data["warnings"]] == ["billing.run.open_month"]
    code, data, _ = billed_cli.as_admin("bill-run", "--period", this, "--json")
    assert code != 0 and data["error"]["code"] == "billing.run.open_month_refused"
    code, data, err = billed_cli.as_admin("bill-run", "--period", this, "--allow-open-month", "--json")
    assert code == 0 and [w["code"] for w in data["warnings"]] == ["billing.run.open_month"], err
    code, data, _ = billed_cli.as_admin("bill-run", "--period", f"{dt.date.today().year + 1}-01",
                                        "--allow-open-month", "--json")
    assert code != 0 and data["error"]["code"] == "billing.run.future_month"


def test_the_preview_exports_to_xlsx(billed_cli, tmp_path):
    import openpyxl

    path = tmp_path / "preview.xlsx"
    code, data, err = billed_cli.as_admin("bill-run", "--period", "2026-01", "--dry-run", "--xlsx", str(path),
                                          "--json")
    assert code == 0 and data["xlsx"] == {"file": str(path), "rows": 4}, err  # 3 customers and 1 exception
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[5]) for r in rows] == [(1001, 42005), (1002, 2.53), (1003, 0)]
