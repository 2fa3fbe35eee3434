"""`opcms demo` and `opcms report kpis`: the JSON contract, agreement with `report ar-aging`, scope, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import CustomerOwner, Invoice, User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

from .conftest import ADMIN_PASSWORD

PASSWORD = "Sales-pass-2026"
AS_OF = "2026-06-15"
KPI_KEYS = {"active_customers", "shoots", "invoiced", "received", "outstanding", "overdue", "churn_risk"}


@pytest.fixture
def demo_cli(initialised_cli):
    cli = initialised_cli
    code, data, err = cli.as_admin(
        "demo", "--customers", "200", "--months", "4", "--seed", "2", "--as-of", AS_OF, "--json"
    )
    assert code == 0, err
    assert data["customers"] == 199 and data["months"] == 4 and data["last_period"] == "2026-05"
    assert data["bills"] > 0 and data["receipts"] > 0 and data["credit_notes"] >= 2 and data["usage_rows"] > 0
    for name, role in (("sales1", "sales"), ("ops1", "ops")):
        code, _, err = cli.as_admin("user", "add", name, "--role", role, env={"OPCMS_NEW_PASSWORD": PASSWORD})
        assert code == 0, err
    return cli


def _give_sales1_every_other_billed_customer(url: str) -> None:
    engine = create_db_engine(url)
    with session_scope(make_session_factory(engine)) as session:
        user_id = session.scalar(select(User.id).where(User.username == "sales1"))
        billed = sorted(set(session.scalars(select(Invoice.customer_id).where(Invoice.total > 0))))
        session.add_all(
            CustomerOwner(customer_id=cid, kind="sales", user_id=user_id, raw_name="sales1")
            for cid in billed[::2]
        )
    engine.dispose()


def _aging_total(cli, day: str, **who) -> tuple[Decimal, Decimal]:
    code, data, err = cli("report", "ar-aging", "--as-of", day, "--json", **who)
    assert code == 0, err
    buckets = {k: Decimal(v) for k, v in data["total"].items()}
    return sum(buckets.values(), Decimal("0.00")), sum(buckets.values(), Decimal("0.00")) - buckets["current"]


def test_kpis_json_contract_and_agreement_with_the_aging_report(demo_cli):
    cli = demo_cli
    code, data, err = cli.as_admin("report", "kpis", "--period", "2026-05", "--as-of", AS_OF, "--json")
    assert code == 0, err
    assert set(data) >= KPI_KEYS
    assert all(isinstance(data[k], int) for k in ("active_customers", "shoots", "churn_risk"))
    for key in ("invoiced", "received", "outstanding", "overdue"):
        assert isinstance(data[key], str) and Decimal(data[key]).as_tuple().exponent == -2
    assert data["active_customers"] > 0 and Decimal(data["invoiced"]) > 0
    assert (Decimal(data["outstanding"]), Decimal(data["overdue"])) == _aging_total(
        cli, "2026-05-31", user="admin", password=ADMIN_PASSWORD
    )
    # month to date: June 1..15 against May 1..15, receivables as of AS_OF
    code, data, err = cli.as_admin("report", "kpis", "--period", "2026-06", "--as-of", AS_OF, "--json")
    assert code == 0, err
    assert data["month_to_date"] and data["previous_window"] == {"from": "2026-05-01", "to": "2026-05-15"}
    assert (Decimal(data["outstanding"]), Decimal(data["overdue"])) == _aging_total(
        cli, AS_OF, user="admin", password=ADMIN_PASSWORD
    )


def test_a_salesperson_sees_only_their_own_book(demo_cli):
    cli = demo_cli
    code, data, err = cli(
        "report", "kpis", "--period", "2026-05", "--as-of", AS_OF, "--json", user="sales1", password=PASSWORD
    )
    assert code == 0, err
    assert {k: data[k] for k in KPI_KEYS} == {
        "active_customers": 0,
        "shoots": 0,
        "invoiced": "0.00",
        "received": "0.00",
        "outstanding": "0.00",
        "overdue": "0.00",
        "churn_risk": 0,
    }
    _give_sales1_every_other_billed_customer(cli.url)
    _, everyone, _ = cli.as_admin("report", "kpis", "--period", "2026-05", "--as-of", AS_OF, "--json")
    code, own, err = cli(
        "report", "kpis", "--period", "2026-05", "--as-of", AS_OF, "--json", user="sales1", password=PASSWORD
    )
    assert code == 0, err
    assert 0 < Decimal(own["invoiced"]) < Decimal(everyone["invoiced"])
    assert (Decimal(own["outstanding"]), Decimal(own["overdue"])) == _aging_total(
        cli, "2026-05-31", user="sales1", password=PASSWORD
    )
    # the manager's owner picker gives the same book
    _, by_owner, _ = cli.as_admin(
        "report", "kpis", "--period", "2026-05", "--as-of", AS_OF, "--owner", "sales1", "--json"
    )
    assert {k: by_owner[k] for k in KPI_KEYS} == {k: own[k] for k in KPI_KEYS}
    code, data, _ = cli(
        "report",
        "kpis",
        "--period",
        "2026-05",
        "--owner",
        "admin",
        "--json",
        user="sales1",
        password=PASSWORD,
    )
    assert code == 2 and data["error"]["code"] == "insight.kpis.owner_not_found"


def test_refusals(demo_cli):
    cli = demo_cli
    code, data, _ = cli.as_admin("demo", "--customers", "10", "--as-of", AS_OF, "--json")
    assert code == 2 and data["error"]["code"] == "insight.demo.not_empty"
    code, data, _ = cli("demo", "--json", user="ops1", password=PASSWORD)
    assert code == 3 and data["error"]["code"] == "insight.demo.admin_only"
    code, data, _ = cli.as_admin("report", "kpis", "--period", "2026-13", "--json")
    assert code == 2 and data["error"]["code"] == "period.invalid"
    code, data, _ = cli.as_admin("report", "kpis", "--period", "2026-07", "--as-of", AS_OF, "--json")
    assert code == 2 and data["error"]["code"] == "insight.kpis.invalid"
    code, data, _ = cli.as_admin("demo", "--months", "0", "--json")
    assert code == 2 and data["error"]["code"] == "cli.bad_number"


def test_text_output_speaks_the_chosen_language(demo_cli):
    code, text, err = demo_cli.as_admin(
        "report", "kpis", "--period", "2026-05", "--as-of", AS_OF, lang="zh_CN"
    )
    assert code == 0, err
    assert "2026-05 关键指标" in text and "应收余额" in text and "流失风险客户" in text
    code, text, err = demo_cli.as_admin("report", "kpis", "--period", "2026-05", "--as-of", AS_OF)
    assert code == 0 and "Outstanding" in text and "Customers at churn risk" in text


def test_rebuild_summary_reports_what_it_changed_admin_only(demo_cli):
    from sqlalchemy import text

    cli = demo_cli
    code, data, err = cli.as_admin("insight", "rebuild-summary", "--json")
    assert code == 0, err
    assert data["was_current"] and data["rows"] > 0  # the triggers kept it through the demo load
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:  # break it behind the triggers' back
        session.execute(text("DELETE FROM usage_customer_months WHERE customer_id = (SELECT MIN(customer_id)"
                             " FROM usage_customer_months)"))
        session.execute(text("UPDATE usage_customer_months SET shoots = shoots + 1 WHERE customer_id ="
                             " (SELECT MAX(customer_id) FROM usage_customer_months)"))
    engine.dispose()
    code, data, err = cli.as_admin("insight", "rebuild-summary", "--json")
    assert code == 0, err
    assert data["added"] > 0 and data["changed"] > 0 and data["removed"] == 0 and not data["was_current"]
    code, data, _ = cli("insight", "rebuild-summary", "--json", user="ops1", password=PASSWORD)
    assert code == 3
