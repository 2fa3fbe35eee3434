"""`opcms report churn|churn-backtest|rfm|health|profile` (issue 9 items 3, 4 and 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from opcms_desktop.models import Customer, CustomerOwner, User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

from ..services.profiling_builders import bill, monthly, months

PASSWORD = "Sales-pass-2026"
END = "2026-06-30"


def _customer(session, company_id, name, owner, **fields):
    customer = Customer(
        company_id=company_id, name=name, name_initials="", name_pinyin="", payment_terms_days=30, **fields
    )
    session.add(customer)
    session.flush()
    session.add(
        CustomerOwner(customer_id=customer.id, kind="sales", user_id=owner.id, raw_name=owner.display_name)
    )
    return customer


def _steady(session, customer, last, **changes):
    span = months("2025-07", 12)
    data = {m: 10 for m in span[: span.index(last) + 1]}
    data.update(changes)
    monthly(session, customer.id, {m: n for m, n in data.items() if n})


@pytest.fixture
def world(initialised_cli):
    cli = initialised_cli
    for name in ("sales1", "sales2"):
        code, _, err = cli.as_admin(
            "user", "add", name, "--role", "sales", env={"OPCMS_NEW_PASSWORD": PASSWORD}
        )
        assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        users = {u.username: u for u in session.scalars(select(User))}
        a = _customer(session, 8001, "停于二月", users["sales1"], coop_status="active", consumption_tier="C5")
        _steady(session, a, "2026-02")
        b = _customer(session, 8002, "三月虚惊", users["sales1"], coop_status="active")
        _steady(session, b, "2026-06", **{"2026-03": 2})
        bill(session, b.id, "2026-03", "300.00", paid="100.00")
        c = _customer(session, 8003, "五月起停", users["sales2"])
        _steady(session, c, "2026-04")
        d = _customer(session, 8004, "停于三月", users["sales2"])
        _steady(session, d, "2026-03")
    engine.dispose()
    return cli


def test_backtest_json_reports_the_contract_figures(world):
    code, data, err = world.as_admin("report", "churn-backtest", "--months", "6", "--as-of", END, "--json")
    assert code == 0, err
    assert {
        k: data[k]
        for k in (
            "stopped",
            "warned",
            "warned_30_days_ahead",
            "median_days_ahead",
            "false_alarms",
            "warnings",
            "precision",
            "recall",
            "target_met",
        )
    } == {
        "stopped": 2,
        "warned": 2,
        "warned_30_days_ahead": 2,
        "median_days_ahead": 61,
        "false_alarms": 1,
        "warnings": 4,
        "precision": "0.6667",
        "recall": "1.0000",
        "target_met": True,
    }
    assert data["pending"] == 1 and data["months"] == 6 and data["replays"][-1] == END
    assert data["thresholds"] == {"days": 60, "drop_percent": 50}


def test_backtest_text_and_bad_months(world):
    code, text, err = world.as_admin("report", "churn-backtest", "--months", "6", "--as-of", END)
    assert code == 0, err
    assert "2 customers stopped" in text and "Target met" in text
    code, data, err = world.as_admin("report", "churn-backtest", "--months", "0", "--json")
    assert code == 2 and data["error"]["code"] == "cli.bad_number"


def test_churn_lists_each_reason_from_the_catalogue(world):
    code, data, err = world.as_admin("report", "churn", "--as-of", END, "--json")
    assert code == 0, err
    by_company = {w["company_id"]: w for w in data["warnings"]}
    assert set(by_company) == {8001, 8003, 8004}
    assert by_company[8001]["reason"] == {
        "code": "profiling.reason.no_usage",
        "params": {"days": 122},
        "message": "No usage for 122 days",
    }
    assert by_company[8001]["days_without_usage"] == 122 and by_company[8001]["last_usage_month"] == "2026-02"
    assert [w["company_id"] for w in data["warnings"]] == [8001, 8004, 8003]  # longest silence first


def test_sales_see_only_their_own_customers(world):
    for command in (("churn",), ("rfm",), ("health",)):
        code, data, err = world(
            "report", *command, "--as-of", END, "--json", user="sales1", password=PASSWORD
        )
        assert code == 0, err
        rows = data.get("warnings", data.get("customers"))
        assert {r["company_id"] for r in rows} <= {8001, 8002}, command
    code, data, err = world(
        "report",
        "churn-backtest",
        "--months",
        "6",
        "--as-of",
        END,
        "--json",
        user="sales1",
        password=PASSWORD,
    )
    assert (data["stopped"], data["warnings"]) == (1, 2)
    code, data, _ = world(
        "report",
        "profile",
        "--company-id",
        "8003",
        "--as-of",
        END,
        "--json",
        user="sales1",
        password=PASSWORD,
    )
    assert code == 2 and "8003" in data["error"]["message"] and "五月起停" not in str(data)


def test_rfm_health_and_profile(world):
    code, data, err = world.as_admin("report", "rfm", "--as-of", END, "--json")
    assert code == 0, err
    b = next(r for r in data["customers"] if r["company_id"] == 8002)
    assert (b["recency"], b["frequency"], b["monetary"], b["quadrant"]) == (5, 5, 1, "high_value")
    code, data, err = world.as_admin("report", "health", "--as-of", END, "--json")
    b = next(r for r in data["customers"] if r["company_id"] == 8002)
    payment = next(p for p in b["parts"] if p["key"] == "payment")
    assert payment["points"] == "33.3" and payment["inputs"]["overdue"] == "200.00"
    code, data, err = world.as_admin("report", "profile", "--company-id", "8001", "--as-of", END, "--json")
    assert code == 0, err
    assert (data["recorded_tier"], data["suggested_tier"]) == ("C5", "C6")
    assert data["usage"]["series"]["X"][-6:] == [10, 10, 0, 0, 0, 0]
    assert data["what_if"]["months"][-1] == "2026-06" and data["what_if"]["invoiced"] == "0.00"
    trend = data["health"]["parts"][0]
    assert trend["key"] == "usage_trend" and trend["flag"] == "undefined"


def test_bad_company_id_and_date(world):
    code, data, _ = world.as_admin("report", "profile", "--company-id", "x", "--json")
    assert code == 2 and data["error"]["code"] == "cli.bad_company_id"
    code, _, _ = world.as_admin("report", "churn", "--as-of", "2026-13-01", "--json")
    assert code == 2
    assert dt.date.fromisoformat(END)
