"""KPIs (services/insight/kpis.py): windows, definitions, agreement with the AR aging report, scope."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.billing import invoices
from opcms_desktop.services.insight.dashboard import dashboard, sales_owner_id, sales_owners
from opcms_desktop.services.insight.dashboard_xlsx import CHARTS, chart_table, export_chart_xlsx
from opcms_desktop.services.insight.kpi_details import kpi_details
from opcms_desktop.services.insight.kpis import kpis, windows
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError
from opcms_desktop.services.platform.periods import Period
from opcms_desktop.services.receivables import allocation
from opcms_desktop.services.receivables.reports import ar_aging

from .billing_builders import add_monthly, add_orders
from .invoice_builders import D, issued, receipt

AS_OF = dt.date(2026, 3, 10)


@pytest.fixture
def world(session, make, ops, sales, other_sales):
    """Two customers of two salespeople with usage, bills, receipts and a credit note in Feb and Mar 2026."""
    mine = make.customer(
        "本方客户",
        company_id=710_001,
        sales=sales,
        consumption_tier="C5",
        grade="A",
        onboarding_half="2025-H2",
    )
    theirs = make.customer("外方客户", company_id=710_002, sales=other_sales, consumption_tier="C3")
    add_orders(session, mine, dt.date(2026, 2, 5), 3)  # Feb days 1..10: in the previous window of March MTD
    add_orders(session, mine, dt.date(2026, 2, 20), 2, series="N")  # Feb, after day 10
    add_orders(session, mine, dt.date(2026, 3, 4), 4)
    add_monthly(session, theirs, "2026-02", "X", 28)  # a summary: 10/28 of it falls in Feb 1..10
    bill_jan = issued(session, ops, mine, "300.00", dt.date(2026, 2, 3), period="2026-01")  # due 03-05
    bill_feb = issued(session, ops, theirs, "7000.00", dt.date(2026, 3, 2), period="2026-02")  # due 04-01
    credited = issued(session, ops, mine, "50.00", dt.date(2026, 3, 3), period="2026-02")
    invoices.credit_invoice(session, ops, credited.invoice_id, "错账", issue_date=dt.date(2026, 3, 8))
    paid = receipt(session, ops, mine, "120.00", dt.date(2026, 3, 6))
    allocation.allocate(
        session, ops, paid.id, bill_jan.invoice_id, D("120.00"), allocated_on=dt.date(2026, 3, 6)
    )
    receipt(session, ops, theirs, "10.00", dt.date(2026, 2, 9))  # unallocated: still received
    return {"mine": mine, "theirs": theirs, "bill_feb": bill_feb}


def test_windows_compare_month_to_date_with_the_same_days(session):
    window, previous, to_date = windows(Period(2026, 3), dt.date(2026, 3, 31))
    assert (window.first, window.last, previous.last, to_date) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
        dt.date(2026, 2, 28),
        False,
    )
    window, previous, to_date = windows(Period(2026, 3), dt.date(2026, 3, 30))
    assert to_date and previous.last == dt.date(2026, 2, 28)  # day 30 cut to February's length
    window, previous, to_date = windows(Period(2026, 1), AS_OF)
    assert not to_date and (previous.first, previous.last) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        windows(Period(2026, 4), AS_OF)
    assert excinfo.value.problems[0].code == "insight.kpis.future_period"


def test_month_to_date_figures_and_their_previous_window(session, make, world):
    manager = make.actor("经理甲", "manager")
    result = kpis(session, manager, "2026-03", as_of=AS_OF)
    assert result.month_to_date and result.window.last == AS_OF
    now, before = result.current, result.previous
    assert (now.active_customers, now.shoots) == (1, 4)
    assert (before.active_customers, before.shoots) == (2, 3 + 10)  # 3 orders + 28 * 10/28 of the summary
    assert now.invoiced == D("7000.00")  # 7000 + 50 issued, -50 credited in the window
    assert before.invoiced == D("300.00")
    assert (now.received, before.received) == (D("120.00"), D("10.00"))
    assert (now.outstanding, now.overdue) == (D("7180.00"), D("180.00"))
    assert (before.outstanding, before.overdue) == (D("300.00"), D("0.00"))
    assert result.change("invoiced") == D("6700.00")


def test_a_closed_month_is_compared_whole(session, make, world):
    result = kpis(session, make.actor("经理乙", "manager"), "2026-02", as_of=AS_OF)
    assert not result.month_to_date and result.window.last == dt.date(2026, 2, 28)
    assert (result.current.active_customers, result.current.shoots) == (2, 5 + 28)
    assert result.current.invoiced == D("300.00") and result.previous.invoiced == D("0.00")
    assert result.months[-1] == "2026-02" and len(result.months) == 12
    assert result.sparklines["shoots"][-1] == 33.0 and result.sparklines["invoiced"][-2] == 0.0


@pytest.mark.parametrize(
    "day", [dt.date(2026, 2, 28), dt.date(2026, 3, 5), dt.date(2026, 3, 6), AS_OF, dt.date(2026, 4, 30)]
)
def test_outstanding_and_overdue_equal_the_aging_report(session, make, world, day):
    manager = make.actor("经理丙", "manager")
    result = kpis(session, manager, str(Period.of(day)), as_of=day)
    aging = ar_aging(session, manager, day).total
    assert result.current.outstanding == aging.total
    assert result.current.overdue == aging.total - aging.amounts["current"]


def test_sales_see_only_their_own_book(session, make, world, sales, other_sales):
    own = kpis(session, sales, "2026-03", as_of=AS_OF).current
    assert (own.invoiced, own.received, own.outstanding, own.shoots) == (
        D("0.00"),
        D("120.00"),
        D("180.00"),
        4,
    )
    theirs = kpis(session, other_sales, "2026-03", as_of=AS_OF).current
    assert (theirs.invoiced, theirs.outstanding) == (D("7000.00"), D("7000.00"))
    # asking for someone else's book gives nothing of it
    assert kpis(session, sales, "2026-03", owner_id=other_sales.id, as_of=AS_OF).current.outstanding == D(
        "0.00"
    )
    assert [o.username for o in sales_owners(session, sales)] == [sales.username]
    with pytest.raises(NotFound):
        sales_owner_id(session, sales, other_sales.username)


def test_the_owner_filter_narrows_a_managers_view(session, make, world, sales):
    manager = make.actor("经理丁", "manager")
    assert {o.username for o in sales_owners(session, manager)} >= {sales.username}
    owner = sales_owner_id(session, manager, sales.username)
    result = kpis(session, manager, "2026-03", owner_id=owner, as_of=AS_OF)
    assert result.current == kpis(session, sales, "2026-03", as_of=AS_OF).current


def test_the_dashboard_series_add_up(session, make, world):
    board = dashboard(session, make.actor("经理戊", "manager"), "2026-03", as_of=AS_OF, months=3)
    assert board.months == ("2026-01", "2026-02", "2026-03")
    assert board.shoots_by_series["X"] == (0, 31, 4) and board.shoots_by_series["N"] == (0, 2, 0)
    assert board.billed == (D("0.00"), D("300.00"), D("7000.00"))
    assert board.received == (D("0.00"), D("10.00"), D("120.00"))
    assert sum(board.aging.values(), D("0")) == board.kpis.current.outstanding
    assert dict(board.tiers) == {"C3": 1, "C5": 1} and dict(board.grades) == {"A": 1, "": 1}
    assert dict(board.onboarding) == {"2025-H2": 1, "": 1}
    assert [(t.company_id, t.billed) for t in board.top_customers] == [
        (710_002, D("7000.00")),
        (710_001, D("300.00")),
    ]


def test_permission_and_bad_input(session, sales, world):
    with pytest.raises(PermissionDenied):
        kpis(session, dataclasses.replace(sales, permissions=frozenset({"customers.view"})), "2026-03")
    with pytest.raises(ValidationError) as excinfo:
        kpis(session, sales, "2026-13")
    assert excinfo.value.code == "period.invalid"
    with pytest.raises(ValidationError):
        dashboard(session, sales, "2026-04", as_of=AS_OF)
    assert isinstance(kpis(session, sales, "2026-03", as_of=AS_OF).current.invoiced, Decimal)


@pytest.mark.parametrize("kpi", ["invoiced", "received", "outstanding", "overdue", "shoots"])
def test_the_list_behind_a_card_adds_up_to_it(session, make, world, kpi):
    manager = make.actor("经理己", "manager")
    figure = kpis(session, manager, "2026-03", as_of=AS_OF).current.get(kpi)
    rows = kpi_details(session, manager, "2026-03", kpi, as_of=AS_OF)
    assert sum(r.value for r in rows) == figure and all(r.value != 0 for r in rows)


def test_the_list_behind_a_card_is_scoped_and_checked(session, make, world, sales):
    rows = kpi_details(session, sales, "2026-03", "outstanding", as_of=AS_OF)
    assert [(r.company_id, r.value) for r in rows] == [(710_001, D("180.00"))]
    with pytest.raises(ValidationError) as excinfo:
        kpi_details(session, sales, "2026-03", "profit", as_of=AS_OF)
    assert excinfo.value.problems[0].code == "insight.kpis.unknown_kpi"


def test_every_chart_exports_its_table(session, make, world, tmp_path):
    manager = make.actor("经理庚", "manager")
    board = dashboard(session, manager, "2026-03", as_of=AS_OF, months=3)
    for chart in CHARTS:
        table = chart_table(board, chart)
        assert table.rows and all(len(row) == len(table.columns) for row in table.rows)
    assert export_chart_xlsx(session, manager, board, "aging", tmp_path / "aging.xlsx") == 5
    assert chart_table(board, "top_customers").rows[0] == (710_002, "外方客户", D("7000.00"))
    with pytest.raises(ValidationError):
        chart_table(board, "pie")
