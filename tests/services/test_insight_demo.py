"""Demo data (services/insight/demo.py) and the judged check: on it, the dashboard equals the sums of the rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import (
    Allocation,
    CreditNote,
    Customer,
    CustomerOwner,
    Invoice,
    Receipt,
    UsageMonthly,
)
from opcms_desktop.services.insight.dashboard import dashboard
from opcms_desktop.services.insight.demo import demo_periods, load_demo
from opcms_desktop.services.insight.kpis import kpis
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, UserError, ValidationError
from opcms_desktop.services.platform.periods import Period
from opcms_desktop.services.receivables.reports import ar_aging

AS_OF = dt.date(2026, 6, 15)
ZERO = Decimal("0.00")


@pytest.fixture
def demo(session, admin):
    return load_demo(session, admin, customers=250, months=5, seed=3, as_of=AS_OF)


def fingerprint(session) -> tuple:
    return (
        tuple(session.execute(select(Customer.company_id, Customer.name).order_by(Customer.company_id))),
        tuple(
            session.execute(
                select(
                    Customer.company_id,
                    UsageMonthly.period,
                    UsageMonthly.series,
                    UsageMonthly.single_shoots,
                    UsageMonthly.multi_shoots,
                )
                .join(Customer, Customer.id == UsageMonthly.customer_id)
                .order_by(Customer.company_id, UsageMonthly.period, UsageMonthly.series)
            )
        ),
        tuple(
            session.execute(
                select(Customer.company_id, Invoice.period, Invoice.status, Invoice.total, Invoice.issue_date)
                .join(Customer, Customer.id == Invoice.customer_id)
                .order_by(Customer.company_id, Invoice.period, Invoice.number)
            )
        ),
        tuple(
            session.execute(
                select(Customer.company_id, Receipt.receipt_date, Receipt.amount)
                .join(Customer, Customer.id == Receipt.customer_id)
                .order_by(Customer.company_id, Receipt.receipt_date, Receipt.amount)
            )
        ),
    )


def test_the_demo_fills_every_table_up_to_last_month(session, make, demo):
    assert (demo.months, demo.first_period, demo.last_period) == (5, "2026-01", "2026-05")
    assert (
        demo.customers == session.scalar(select(func.count()).select_from(Customer)) == 249
    )  # one duplicate id
    assert demo.rejected_rows == 1 and demo.plans > 0 and demo.usage_rows > 0
    assert demo.bills == session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.status != "draft")
    )
    assert demo.receipts == session.scalar(select(func.count()).select_from(Receipt)) > 0
    assert demo.credit_notes == session.scalar(select(func.count()).select_from(CreditNote)) >= 2
    periods = set(session.scalars(select(Invoice.period).distinct()))
    assert periods == {str(p) for p in demo_periods(5, AS_OF)}
    assert not session.scalar(select(func.count()).select_from(Invoice).where(Invoice.status == "draft"))
    assert session.scalar(select(func.max(Receipt.receipt_date))) <= AS_OF
    assert session.scalar(select(func.max(Invoice.issue_date))) <= AS_OF
    # credited bills were billed again, linked to the bill they replace
    assert (
        session.scalar(
            select(func.count()).select_from(Invoice).where(Invoice.replaces_invoice_id.is_not(None))
        )
        == demo.credit_notes
    )
    # some payers are late or partial: something is overdue at AS_OF
    aging = ar_aging(session, make.actor("演示经理", "manager"), AS_OF).total
    assert aging.total > ZERO and aging.total > aging.amounts["current"]


def test_same_seed_same_data(session, admin):
    outer = session.begin_nested()
    load_demo(session, admin, customers=150, months=3, seed=9, as_of=AS_OF)
    first = fingerprint(session)
    outer.rollback()
    assert not session.scalar(select(func.count()).select_from(Customer))
    load_demo(session, admin, customers=150, months=3, seed=9, as_of=AS_OF)
    assert fingerprint(session) == first and first[2]


def test_refusals_write_nothing(session, admin, ops, demo):
    with pytest.raises(UserError) as excinfo:
        load_demo(session, admin, customers=10, months=2, as_of=AS_OF)
    assert excinfo.value.code == "insight.demo.not_empty" and excinfo.value.params["customers"] == 249
    with pytest.raises(PermissionDenied) as denied:
        load_demo(session, ops, customers=10, months=2, as_of=AS_OF)
    assert denied.value.code == "insight.demo.admin_only"


def test_bad_arguments_are_named(session, admin, tmp_path):
    with pytest.raises(ValidationError) as excinfo:
        load_demo(session, admin, customers=0, months=99, sheet=tmp_path / "missing.xlsx", as_of=AS_OF)
    codes = {(p.code, p.field) for p in excinfo.value.problems}
    assert codes == {
        ("insight.demo.sheet_and_customers", "customers"),
        ("insight.demo.customers_range", "customers"),
        ("insight.demo.months_range", "months"),
        ("insight.demo.sheet_missing", "sheet"),
    }
    assert not session.scalar(select(func.count()).select_from(Customer))


def test_progress_is_reported_and_cancel_stops_it(session, admin):
    seen: list[tuple[int, int, str]] = []
    outer = session.begin_nested()
    load_demo(
        session,
        admin,
        customers=30,
        months=2,
        as_of=AS_OF,
        progress=lambda d, t, label: seen.append((d, t, label)),
    )
    outer.rollback()
    assert seen[0][:2] == (0, 6) and seen[-1][:2] == (6, 6) and "2026-04" in seen[2][2]
    with pytest.raises(Cancelled):
        load_demo(session, admin, customers=30, months=2, as_of=AS_OF, cancel=lambda: True)
    assert not session.scalar(select(func.count()).select_from(Customer))


def _expected(session, customer_ids: set[int] | None, first: dt.date, last: dt.date, month: str) -> dict:
    """The KPI figures recomputed from the rows in Python, independently of the service's SQL."""

    def mine(cid: int) -> bool:
        return customer_ids is None or cid in customer_ids

    invoiced = sum(
        (
            t
            for cid, t, day, status in session.execute(
                select(Invoice.customer_id, Invoice.total, Invoice.issue_date, Invoice.status)
            )
            if mine(cid) and status != "draft" and first <= day <= last
        ),
        ZERO,
    )
    invoiced += sum(
        (
            t
            for cid, t, day in session.execute(
                select(CreditNote.customer_id, CreditNote.total, CreditNote.issue_date)
            )
            if mine(cid) and first <= day <= last
        ),
        ZERO,
    )
    received = sum(
        (
            a
            for cid, a, day in session.execute(
                select(Receipt.customer_id, Receipt.amount, Receipt.receipt_date)
            )
            if mine(cid) and first <= day <= last
        ),
        ZERO,
    )
    credited = {i: d for i, d in session.execute(select(CreditNote.invoice_id, CreditNote.issue_date))}
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for invoice_id, amount, day, reversed_at in session.execute(
        select(Allocation.invoice_id, Allocation.amount, Allocation.allocated_on, Allocation.reversed_at)
    ):
        if reversed_at is None and day <= last:
            paid[invoice_id] += amount
    outstanding = overdue = ZERO
    for iid, cid, total, issued, due, status in session.execute(
        select(
            Invoice.id,
            Invoice.customer_id,
            Invoice.total,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.status,
        )
    ):
        if not mine(cid) or status == "draft" or issued > last or (iid in credited and credited[iid] <= last):
            continue
        left = total - paid[iid]
        outstanding += left
        overdue += left if due < last else ZERO
    usage = [
        (cid, s + m)
        for cid, s, m in session.execute(
            select(UsageMonthly.customer_id, UsageMonthly.single_shoots, UsageMonthly.multi_shoots).where(
                UsageMonthly.period == month
            )
        )
        if mine(cid)
    ]
    return {
        "invoiced": invoiced,
        "received": received,
        "outstanding": outstanding,
        "overdue": overdue,
        "shoots": sum(n for _, n in usage),
        "active_customers": len({cid for cid, n in usage if n > 0}),
    }


def _figures(result) -> dict:
    c = result.current
    return {
        "invoiced": c.invoiced,
        "received": c.received,
        "outstanding": c.outstanding,
        "overdue": c.overdue,
        "shoots": c.shoots,
        "active_customers": c.active_customers,
    }


@pytest.mark.parametrize("period", ["2026-05", "2026-03"])
def test_a_managers_dashboard_equals_the_sums_of_bills_and_receipts(session, make, demo, period):
    manager = make.actor("演示经理", "manager")
    board = dashboard(session, manager, period, as_of=AS_OF, months=5)
    month = Period.parse(period)
    assert _figures(board.kpis) == _expected(session, None, month.start, month.end, period)
    assert board.kpis.current.invoiced > ZERO and board.kpis.current.received > ZERO
    aging = ar_aging(session, manager, month.end).total
    assert board.kpis.current.outstanding == aging.total
    assert board.aging == aging.amounts
    for index, shown in enumerate(board.months):
        p = Period.parse(shown)
        assert board.billed[index] == _expected(session, None, p.start, p.end, shown)["invoiced"]
        assert (
            sum(s[index] for s in board.shoots_by_series.values())
            == _expected(session, None, p.start, p.end, shown)["shoots"]
        )


def test_a_salespersons_figures_cover_only_their_book(session, make, demo):
    sales = make.actor("演示销售", "sales")
    billed = sorted(set(session.scalars(select(Invoice.customer_id).where(Invoice.total > 0))))
    book = set(billed[::3])
    session.add_all(
        CustomerOwner(customer_id=cid, kind="sales", user_id=sales.id, raw_name="演示销售") for cid in book
    )
    session.flush()
    result = kpis(session, sales, "2026-05", as_of=AS_OF)
    expected = _expected(session, book, dt.date(2026, 5, 1), dt.date(2026, 5, 31), "2026-05")
    assert _figures(result) == expected
    everyone = _expected(session, None, dt.date(2026, 5, 1), dt.date(2026, 5, 31), "2026-05")
    assert 0 < expected["invoiced"] < everyone["invoiced"]
    board = dashboard(session, sales, "2026-05", as_of=AS_OF)
    enabled = session.scalar(
        select(func.count())
        .select_from(Customer)
        .where(Customer.id.in_(book), Customer.disabled.is_not(True))
    )
    assert sum(n for _, n in board.tiers) == enabled
    assert {t.customer_id for t in board.top_customers} <= book
