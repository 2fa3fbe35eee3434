"""The money ledger under concurrent writers of one bill (PostgreSQL, two connections).

A bill's ledger rows depend on its credit day and its allocations, so a credit note and an allocation
written at the same time must not each miss the other: the trigger functions lock the bill's row first
(migration 0022). A writes and holds its transaction open; B writes the same bill and must wait; both
commit; the ledger then equals the direct computation from the rows on every day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import Connection, Engine, insert, select, true

from opcms_desktop.models import Allocation, CreditNote, Invoice, Receipt
from opcms_desktop.services.insight import company_totals, figures
from opcms_desktop.services.platform.db import make_session_factory, session_scope

from ..factories import Factory
from .test_usage_summary_race import race

DAYS = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 120, 4)]


@pytest.fixture
def pg_bill(request, backend) -> tuple[int, int, int]:
    """(bill, receipt, customer) committed in a database of their own."""
    if backend != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite writers take the whole database in turn)")
    engine = request.getfixturevalue("fresh_engine")
    with session_scope(make_session_factory(engine)) as s:
        customer = Factory(s).customer("并发账本客户").id
        bill = s.execute(
            insert(Invoice).values(
                number="R0000001", customer_id=customer, period="2026-01", kind="usage", status="issued",
                total=Decimal("100.00"), payment_terms_days=30, issue_date=dt.date(2026, 1, 10),
                due_date=dt.date(2026, 2, 9), version=1,
            )
        ).inserted_primary_key[0]
        paid = s.execute(
            insert(Receipt).values(customer_id=customer, receipt_date=dt.date(2026, 1, 20),
                                   amount=Decimal("100.00"), version=1)
        ).inserted_primary_key[0]
    return bill, paid, customer


def _credit(bill: int, customer: int) -> Callable[[Connection], None]:
    return lambda c: c.execute(
        insert(CreditNote).values(number="RC000001", invoice_id=bill, customer_id=customer,
                                  issue_date=dt.date(2026, 3, 1), reason="冲正", total=Decimal("-100.00"))
    )


def _allocate(bill: int, paid: int, amount: str, day: int) -> Callable[[Connection], None]:
    return lambda c: c.execute(
        insert(Allocation).values(receipt_id=paid, invoice_id=bill, amount=Decimal(amount),
                                  allocated_on=dt.date(2026, 1, day))
    )


def _assert_ledger_equals_the_rows(engine: Engine) -> None:
    with make_session_factory(engine)() as s:
        company, direct = company_totals.receivables(s), figures.receivables(s, lambda column: true())
        for day in DAYS:
            assert company.aging(day) == direct.aging(day), day
        assert s.scalar(select(Allocation.id)) is not None


@pytest.mark.parametrize("credit_first", [True, False])
def test_a_credit_note_and_an_allocation_of_one_bill(pg_bill, fresh_engine, credit_first):
    bill, paid, customer = pg_bill
    credit, allocate = _credit(bill, customer), _allocate(bill, paid, "40.00", 20)
    race(fresh_engine, *((credit, allocate) if credit_first else (allocate, credit)))
    _assert_ledger_equals_the_rows(fresh_engine)


def test_two_allocations_of_one_bill(pg_bill, fresh_engine):
    bill, paid, _ = pg_bill
    race(fresh_engine, _allocate(bill, paid, "40.00", 20), _allocate(bill, paid, "60.00", 25))
    _assert_ledger_equals_the_rows(fresh_engine)
    with make_session_factory(fresh_engine)() as s:
        assert company_totals.receivables(s).outstanding(dt.date(2026, 3, 1)) == (Decimal("0.00"), Decimal("0.00"))
