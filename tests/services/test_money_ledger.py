"""The money ledger (money_days, receivable_changes; migration 0022) and the company-wide figures read off it.

- Through random inserts, updates and deletes of bills, credit notes, receipts and allocations (statuses,
  days, due days or none, totals, several credit notes per bill, one dated before its bill, allocations
  before the issue day, reversed or moved to another bill), the ledger's aging equals the AR aging
  report's total line on every day around the data, and its daily amounts equal the direct sums of the
  rows (figures.daily_amounts), on SQLite and PostgreSQL.
- A manager's KPIs and dashboard (read off the ledger) equal a picked owner's plus the others' books
  where every customer has one owner: the scoped path reads the rows, so the two paths check each other.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import delete, insert, select, true, update

from opcms_desktop.models import Allocation, CreditNote, Invoice, Receipt
from opcms_desktop.services.insight import company_totals, figures
from opcms_desktop.services.insight.dashboard import dashboard
from opcms_desktop.services.receivables.reports import ar_aging

START = dt.date(2026, 1, 1)
DAYS = [START + dt.timedelta(days=n) for n in range(0, 200, 6)]
_numbers = iter(range(1, 10**9))


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randint(0, 150))


def _cents(rng: random.Random, top: int) -> Decimal:
    return Decimal(rng.randint(1, top)).scaleb(-2)


def _new_bill(session, rng: random.Random, customers: list[int]) -> None:
    issued = _day(rng)
    status = rng.choice(["issued", "issued", "issued", "cancelled", "draft"])
    number = next(_numbers)
    session.execute(
        insert(Invoice).values(
            number=f"L{number:08d}", customer_id=rng.choice(customers), period=f"{2000 + number % 900:04d}-01",
            kind="usage", status=status, total=_cents(rng, 900_000), payment_terms_days=30,
            issue_date=None if status == "draft" and rng.random() < 0.5 else issued,
            due_date=None if rng.random() < 0.15 else issued + dt.timedelta(days=rng.choice([0, 15, 30, 45])),
            version=1,
        )
    )


def _allocated(session, invoice_id: int) -> Decimal:
    return sum(
        session.scalars(
            select(Allocation.amount).where(Allocation.invoice_id == invoice_id, Allocation.reversed_at.is_(None))
        ),
        Decimal(0),
    )


def _allocate(session, rng: random.Random, bill: Invoice) -> None:
    room = bill.total - _allocated(session, bill.id)
    if room <= 0:
        return
    amount = min(room, _cents(rng, int(room * 100)))
    receipt_id = session.execute(
        insert(Receipt).values(customer_id=bill.customer_id, receipt_date=_day(rng), amount=amount, version=1)
    ).inserted_primary_key[0]
    session.execute(
        insert(Allocation).values(receipt_id=receipt_id, invoice_id=bill.id, amount=amount, allocated_on=_day(rng))
    )


def _credit(session, rng: random.Random, bill: Invoice) -> None:
    session.execute(
        insert(CreditNote).values(
            number=f"C{next(_numbers):08d}", invoice_id=bill.id, customer_id=bill.customer_id,
            issue_date=_day(rng), reason="冲正", total=-bill.total,
        )
    )


def _step(session, rng: random.Random, customers: list[int]) -> None:
    bills = session.scalars(select(Invoice)).all()
    action = rng.choice(
        ["bill", "allocate", "allocate", "credit", "reverse", "move", "redate", "rebill", "uncredit", "receipt",
         "unallocate"]
    )
    bill = rng.choice(bills)
    if action == "bill":
        _new_bill(session, rng, customers)
    elif action == "allocate":
        _allocate(session, rng, bill)
    elif action == "credit":
        _credit(session, rng, bill)
    elif action == "uncredit":
        notes = session.scalars(select(CreditNote)).all()
        if notes:
            note = rng.choice(notes)
            if rng.random() < 0.5:
                session.delete(note)
            else:
                note.issue_date = _day(rng)
                if rng.random() < 0.4:
                    note.invoice_id = rng.choice(bills).id  # to another bill
    elif action in ("reverse", "move", "unallocate"):
        rows = session.scalars(select(Allocation).where(Allocation.reversed_at.is_(None))).all()
        if rows:
            row = rng.choice(rows)
            if action == "reverse":
                row.reversed_at, row.reversal_reason = dt.datetime(2026, 6, 1), "退回"
            elif action == "unallocate":
                session.delete(row)
            else:
                row.allocated_on = _day(rng)
                target = rng.choice(bills)
                if target.total - _allocated(session, target.id) >= row.amount:
                    row.invoice_id = target.id
    elif action == "redate":
        bill.issue_date = _day(rng)
        bill.due_date = None if rng.random() < 0.2 else bill.issue_date + dt.timedelta(days=rng.randint(0, 60))
    elif action == "rebill":
        bill.status = rng.choice(["issued", "cancelled"])
        bill.total = max(_allocated(session, bill.id), _cents(rng, 900_000))
    else:
        receipts = session.scalars(select(Receipt)).all()
        if receipts:
            rng.choice(receipts).receipt_date = _day(rng)
    session.flush()


def _check(session, ops) -> None:
    company = company_totals.receivables(session)
    for day in DAYS:
        assert company.aging(day) == ar_aging(session, ops, day).total.amounts, day
    direct = figures.daily_amounts(session, lambda column: true(), START - dt.timedelta(days=400))
    read = company_totals.daily_amounts(session, START - dt.timedelta(days=400))
    assert read.received == {d: v for d, v in direct.received.items() if v}
    assert read.billed == {d: v for d, v in direct.billed.items() if v}


def _random_bills(session, rng: random.Random, customers: list[int]) -> None:
    for _ in range(25):
        _new_bill(session, rng, customers)
    session.flush()
    for bill in session.scalars(select(Invoice)).all():
        for _ in range(rng.randint(0, 3)):
            _allocate(session, rng, bill)
        if rng.random() < 0.2:
            _credit(session, rng, bill)
    session.flush()


def test_the_ledger_equals_the_aging_report_and_the_rows_through_random_changes(session, make, ops):
    rng = random.Random(22)
    customers = [make.customer(f"账本客户{i}").id for i in range(5)]
    _random_bills(session, rng, customers)
    _check(session, ops)
    assert any(v for v in company_totals.receivables(session).aging(DAYS[-1]).values())
    for _ in range(45):
        _step(session, rng, customers)
        _check(session, ops)
    session.execute(delete(Allocation))  # a bulk statement: every row's trigger
    session.execute(update(Invoice).values(status="cancelled"))
    _check(session, ops)


def test_the_company_dashboard_is_the_sum_of_its_owners_books(session, make, ops, sales, other_sales):
    """Every customer has one sales owner: the company's figures (the ledger) are the two books' (the rows)."""
    rng = random.Random(5)
    customers = [make.customer(f"两本客户{i}", sales=(sales, other_sales)[i % 2]).id for i in range(6)]
    _random_bills(session, rng, customers)
    as_of = dt.date(2026, 5, 20)
    company = dashboard(session, ops, "2026-05", as_of=as_of, months=6)
    books = [dashboard(session, ops, "2026-05", owner_id=owner.id, as_of=as_of, months=6)
             for owner in (sales, other_sales)]
    assert company.aging == {k: books[0].aging[k] + books[1].aging[k] for k in company.aging}
    assert company.billed == tuple(a + b for a, b in zip(books[0].billed, books[1].billed, strict=True))
    assert company.received == tuple(a + b for a, b in zip(books[0].received, books[1].received, strict=True))
    for name in ("invoiced", "received", "outstanding", "overdue"):
        assert company.kpis.current.get(name) == sum(b.kpis.current.get(name) for b in books)
        assert company.kpis.previous.get(name) == sum(b.kpis.previous.get(name) for b in books)
    assert company.kpis.sparklines["outstanding"] == tuple(  # floats for the chart: to the fen
        round(a + b, 2) for a, b in zip(*(b.kpis.sparklines["outstanding"] for b in books), strict=True)
    )
    assert any(company.billed) and any(company.aging.values())


def test_multi_row_statements_on_credit_notes_of_one_bill(session, make, ops):
    """Several credit notes of one bill written by one statement (a database copy, a batched insert, a bulk
    update or delete): each row's change is counted against the rows before it, not its siblings."""
    rng = random.Random(7)
    customers = [make.customer(f"多行客户{i}").id for i in range(3)]
    _random_bills(session, rng, customers)
    bills = [b for b in session.scalars(select(Invoice).where(Invoice.status == "issued")).all()][:4]
    session.execute(insert(CreditNote), [
        {"number": f"M{next(_numbers):08d}", "invoice_id": bill.id, "customer_id": bill.customer_id,
         "issue_date": _day(rng), "reason": "冲正", "total": -bill.total}
        for bill in bills for _ in range(3)
    ])
    session.flush()
    _check(session, ops)
    session.execute(update(CreditNote).where(CreditNote.invoice_id == bills[0].id)
                    .values(issue_date=START + dt.timedelta(days=40)))
    session.execute(update(CreditNote).where(CreditNote.invoice_id == bills[1].id).values(invoice_id=bills[2].id))
    _check(session, ops)
    session.execute(delete(CreditNote).where(CreditNote.invoice_id.in_([bills[0].id, bills[2].id])))
    _check(session, ops)
