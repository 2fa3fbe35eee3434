"""Allocation (核销) told as a story, the rules one by one, suggestions, and two clerks racing."""

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import Allocation, AuditEntry
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, UserError, ValidationError
from opcms_desktop.services.receivables import allocation

from ..factories import Factory
from .invoice_builders import D, draft, issued, receipt


def status(session, actor, invoice_id):
    row = invoices.invoice_row(session, actor, invoice_id, as_of=dt.date(2026, 3, 20))
    return row.payment_status, row.outstanding


def test_a_customer_pays_in_parts_then_an_invoice_is_credited(session, make, ops):
    # 链家 is billed for January (two lines) and February.
    lianjia = make.customer("链家", company_id=501)
    jan = draft(session, lianjia, "2026-01", lines=(("X系列 单层 40 次", "600.00"), ("N系列 多层 8 层", "400.00")))
    feb = draft(session, lianjia, "2026-02", lines=(("X系列 单层 20 次", "500.00"),))
    invoices.issue_invoices(session, ops, period="2026-01", issue_date=dt.date(2026, 2, 1))
    invoices.issue_invoices(session, ops, period="2026-02", issue_date=dt.date(2026, 3, 1))
    assert status(session, ops, jan.id) == ("unpaid", D("1000.00"))

    # A first transfer of 300.00 pays part of January.
    r1 = receipt(session, ops, lianjia, "300.00", dt.date(2026, 2, 20), reference="B001")
    a1 = allocation.allocate(session, ops, r1.id, jan.id, "300.00")
    assert (a1.amount, a1.allocated_on, a1.invoice_number) == (D("300.00"), dt.date(2026, 2, 20), "INV-2026-000001")
    assert status(session, ops, jan.id) == ("partially_paid", D("700.00"))

    # Two more transfers pay the rest of January; 200.00 of the second is left over.
    r2 = receipt(session, ops, lianjia, "500.00", dt.date(2026, 3, 10), reference="B002")
    r3 = receipt(session, ops, lianjia, "400.00", dt.date(2026, 3, 15), reference="B003")
    a2 = allocation.allocate(session, ops, r2.id, jan.id, "500.00")
    allocation.allocate(session, ops, r3.id, jan.id, "200.00")
    assert status(session, ops, jan.id) == ("paid", D("0.00"))
    balance = allocation.customer_balance(session, ops, lianjia.id, as_of=dt.date(2026, 4, 1))
    assert (balance.receipts_total, balance.allocated, balance.credit_balance) == (D("1200.00"), D("1000.00"),
                                                                                    D("200.00"))
    assert (balance.invoiced, balance.outstanding, balance.open_invoices, balance.overdue) == (
        D("1500.00"), D("500.00"), 1, D("500.00"))

    # The credit balance goes to February; nothing can be allocated twice.
    allocation.allocate(session, ops, r3.id, feb.id, "200.00")
    assert status(session, ops, feb.id) == ("partially_paid", D("300.00"))
    with pytest.raises(UserError) as refused:
        allocation.allocate(session, ops, r3.id, feb.id, "0.01")
    assert (refused.value.code, refused.value.params) == (
        "receivables.allocate.over_receipt", {"amount": D("0.01"), "receipt_id": r3.id, "left": D("0.00")})
    assert "only 0.00 of it is unallocated" in str(refused.value)
    assert refused.value.text("zh_CN") == f"收款 #{r3.id} 只剩 0.00 未核销，不能核销 0.01"
    big = receipt(session, ops, lianjia, "1000.00", dt.date(2026, 3, 18))
    with pytest.raises(UserError) as refused:
        allocation.allocate(session, ops, big.id, feb.id, "300.01")
    assert (refused.value.code, refused.value.params) == (
        "receivables.allocate.over_bill", {"amount": D("300.01"), "bill": "INV-2026-000002", "outstanding": D("300.00")})

    # The 500.00 allocation was booked against the wrong invoice: reverse it (kept, marked, audited).
    reversed_row = allocation.unallocate(session, ops, a2.id, "应核销二月发票")
    assert (reversed_row.active, reversed_row.reversal_reason, reversed_row.reversed_by) == (False, "应核销二月发票",
                                                                                             "ops1")
    assert session.scalar(select(func.count()).select_from(Allocation)) == 4
    assert status(session, ops, jan.id) == ("partially_paid", D("500.00"))
    with pytest.raises(UserError) as refused:
        allocation.unallocate(session, ops, a2.id, "again")
    assert (refused.value.code, refused.value.params) == ("receivables.unallocate.already_reversed",
                                                          {"allocation_id": a2.id})
    allocation.allocate(session, ops, r2.id, feb.id, "300.00")
    assert status(session, ops, feb.id) == ("paid", D("0.00"))

    # January is credited (冲正): first its remaining allocations go back to the customer's balance.
    with pytest.raises(UserError, match="un-allocate its receipts"):
        invoices.credit_invoice(session, ops, jan.id, "重开发票")
    for a in invoices.get_invoice(session, ops, jan.id).allocations:
        if a.active:
            allocation.unallocate(session, ops, a.id, "冲正")
    note = invoices.credit_invoice(session, ops, jan.id, "重开发票", issue_date=dt.date(2026, 3, 20))
    assert (note.number, note.total) == ("CN-2026-000001", D("-1000.00"))
    with pytest.raises(UserError) as refused:
        allocation.allocate(session, ops, r1.id, jan.id, "1.00")
    assert (refused.value.code, refused.value.params) == ("receivables.allocate.cancelled_bill",
                                                          {"bill": "INV-2026-000001"})
    balance = allocation.customer_balance(session, ops, lianjia.id, as_of=dt.date(2026, 4, 1))
    assert (balance.receipts_total, balance.allocated, balance.credit_balance, balance.outstanding) == (
        D("2200.00"), D("500.00"), D("1700.00"), D("0.00"))
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "allocation")).all()
    assert actions.count("allocate") == 5 and actions.count("unallocate") == 3


def test_allocation_rules(session, make, ops):
    a_customer, b_customer = make.customer("甲"), make.customer("乙")
    inv = issued(session, ops, a_customer, "100.00", dt.date(2026, 2, 1))
    r = receipt(session, ops, a_customer, "100.00", dt.date(2026, 2, 3))
    foreign = receipt(session, ops, b_customer, "100.00", dt.date(2026, 2, 3))
    def refusal(call, *args, **kwargs):
        with pytest.raises(UserError) as refused:
            call(session, ops, *args, **kwargs)
        return refused.value

    error = refusal(allocation.allocate, foreign.id, inv.invoice_id, "10.00")
    assert (error.code, error.params) == ("receivables.allocate.different_customers",
                                          {"receipt_id": foreign.id, "bill": inv.number})
    unissued = draft(session, a_customer, "2026-05")
    error = refusal(allocation.allocate, r.id, unissued.id, "10.00")
    assert (error.code, error.params) == ("receivables.allocate.draft_bill", {"bill": f"#{unissued.id}"})
    for amount, problem in (("10.001", "amount.too_many_decimals"), ("0", "amount.not_positive"),
                            ("NaN", "amount.not_a_number"), ("1e309", "amount.too_large")):
        error = refusal(allocation.allocate, r.id, inv.invoice_id, amount)
        assert isinstance(error, ValidationError) and [p.code for p in error.problems] == [problem], amount
    error = refusal(allocation.allocate, r.id, inv.invoice_id, "10.00", allocated_on=dt.date(2026, 2, 2))
    assert isinstance(error, ValidationError) and error.code == "receivables.allocate.invalid_date"
    assert [(p.code, p.field, p.params) for p in error.problems] == [
        ("receivables.allocate.date_too_early", "allocated_on", {"earliest": "2026-02-03"})]
    assert "must not be before 2026-02-03" in str(error)
    error = refusal(allocation.allocate, 999999, inv.invoice_id, "10.00")
    assert isinstance(error, NotFound) and error.params == {"receipt_id": 999999}
    error = refusal(allocation.allocate, r.id, 999999, "10.00")
    assert isinstance(error, NotFound) and (error.code, error.params) == ("receivables.bill_not_found",
                                                                           {"bill_id": 999999})
    kept = allocation.allocate(session, ops, r.id, inv.invoice_id, "10")
    error = refusal(allocation.unallocate, kept.id, "  ")
    assert isinstance(error, ValidationError) and error.code == "receivables.unallocate.reason_required"
    assert [(p.code, p.field) for p in error.problems] == [("receivables.unallocate.reason_empty", "reason")]
    error = refusal(allocation.unallocate, 999999, "x")
    assert isinstance(error, NotFound) and error.code == "receivables.allocation_not_found"


def test_sales_may_look_but_not_allocate(session, make, ops, sales, other_sales):
    mine = make.customer("销售客户", sales=sales)
    inv = issued(session, ops, mine, "100.00", dt.date(2026, 2, 1))
    r = receipt(session, ops, mine, "100.00", dt.date(2026, 2, 3))
    with pytest.raises(PermissionDenied, match="receipts.allocate"):
        allocation.allocate(session, sales, r.id, inv.invoice_id, "10.00")
    a = allocation.allocate(session, ops, r.id, inv.invoice_id, "10.00")
    with pytest.raises(PermissionDenied, match="receipts.unallocate"):
        allocation.unallocate(session, sales, a.id, "no")
    assert allocation.customer_balance(session, sales, mine.id).credit_balance == D("90.00")
    with pytest.raises(NotFound):
        allocation.customer_balance(session, other_sales, mine.id)


def test_suggestions_prefer_an_exact_amount_then_the_oldest_invoice(session, make, ops):
    c = make.customer("建议客户")
    old = issued(session, ops, c, "120.00", dt.date(2026, 1, 5), "2025-12")
    mid = issued(session, ops, c, "80.00", dt.date(2026, 2, 1), "2026-01")
    new = issued(session, ops, c, "300.00", dt.date(2026, 3, 1), "2026-02")
    exact = receipt(session, ops, c, "80.00", dt.date(2026, 3, 5))
    assert [(s.number, s.amount, s.reason) for s in allocation.suggest_allocations(session, ops, exact.id)] == [
        (mid.number, D("80.00"), "exact")]
    spread = receipt(session, ops, c, "250.00", dt.date(2026, 3, 6))
    assert [(s.number, s.amount, s.reason) for s in allocation.suggest_allocations(session, ops, spread.id)] == [
        (old.number, D("120.00"), "oldest"), (mid.number, D("80.00"), "oldest"), (new.number, D("50.00"), "oldest")]
    for s in allocation.suggest_allocations(session, ops, spread.id):
        allocation.allocate(session, ops, spread.id, s.invoice_id, s.amount)
    assert allocation.suggest_allocations(session, ops, spread.id) == ()
    assert [(s.number, s.amount) for s in allocation.suggest_allocations(session, ops, exact.id)] == [
        (new.number, D("80.00"))]


def _committed_setup(fresh_factory, receipts_amounts, invoice_amounts):
    with fresh_factory() as s, s.begin():
        make = Factory(s)
        actor = make.actor("clerk", "ops")
        c = make.customer("并发核销")
        invoice_ids = [issued(s, actor, c, amount, dt.date(2026, 2, 1), f"2026-{i + 1:02d}").invoice_id
                       for i, amount in enumerate(invoice_amounts)]
        receipt_ids = [receipt(s, actor, c, amount, dt.date(2026, 2, 5)).id for amount in receipts_amounts]
    return actor, receipt_ids, invoice_ids


def _race(fresh_factory, actor, first, second):
    """`first` allocates and holds its transaction open; `second` starts meanwhile and must wait for it."""
    outcome: dict[str, object] = {}
    first_done = threading.Event()

    def run_first():
        try:
            with fresh_factory() as s, s.begin():
                allocation.allocate(s, actor, *first)
                first_done.set()
                time.sleep(0.6)  # keep the locks while the second clerk tries
            outcome["first"] = "ok"
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcome["first"] = exc
            first_done.set()

    def run_second():
        first_done.wait(10)
        started = time.monotonic()
        try:
            with fresh_factory() as s, s.begin():
                allocation.allocate(s, actor, *second)
            outcome["second"] = "ok"
        except Exception as exc:  # noqa: BLE001
            outcome["second"] = exc
        outcome["waited"] = time.monotonic() - started

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def _allocated_total(fresh_factory):
    with fresh_factory() as s:
        return s.scalar(select(func.sum(Allocation.amount)).where(Allocation.reversed_at.is_(None)))


def test_two_clerks_cannot_over_allocate_one_receipt(fresh_factory):
    actor, (r,), (inv1, inv2) = _committed_setup(fresh_factory, ["100.00"], ["100.00", "100.00"])
    outcome = _race(fresh_factory, actor, (r, inv1, D("60.00")), (r, inv2, D("60.00")))
    assert outcome["first"] == "ok"
    second = outcome["second"]
    assert isinstance(second, UserError) and second.code == "receivables.allocate.over_receipt"
    assert second.params["left"] == D("40.00")
    assert outcome["waited"] >= 0.3  # it waited for the first clerk's lock
    assert D(str(_allocated_total(fresh_factory))) == D("60.00")


def test_two_clerks_cannot_over_pay_one_invoice_from_two_receipts(fresh_factory):
    actor, (r1, r2), (inv,) = _committed_setup(fresh_factory, ["100.00", "100.00"], ["100.00"])
    outcome = _race(fresh_factory, actor, (r1, inv, D("70.00")), (r2, inv, D("70.00")))
    assert outcome["first"] == "ok"
    second = outcome["second"]
    assert isinstance(second, UserError) and second.code == "receivables.allocate.over_bill"
    assert second.params["outstanding"] == D("30.00")
    assert D(str(_allocated_total(fresh_factory))) == D("70.00")


def test_allocate_many_is_all_or_nothing(session, make, ops):
    wojia = make.customer("我爱我家", company_id=502)
    jan = draft(session, wojia, "2026-01", lines=(("X系列 单层 10 次", "100.00"),))
    feb = draft(session, wojia, "2026-02", lines=(("X系列 单层 20 次", "200.00"),))
    invoices.issue_invoices(session, ops, period="2026-01", issue_date=dt.date(2026, 2, 1))
    invoices.issue_invoices(session, ops, period="2026-02", issue_date=dt.date(2026, 3, 1))
    money = receipt(session, ops, wojia, "250.00", dt.date(2026, 3, 5))

    # February asks for more than it owes: nothing of the batch may stay.
    with pytest.raises(UserError), session.begin_nested():
        allocation.allocate_many(session, ops, money.id, ((jan.id, D("100.00")), (feb.id, D("200.01"))))
    assert status(session, ops, jan.id) == ("unpaid", D("100.00"))

    rows = allocation.allocate_many(session, ops, money.id, ((jan.id, D("100.00")), (feb.id, D("150.00"))))
    assert [r.amount for r in rows] == [D("100.00"), D("150.00")]
    assert status(session, ops, jan.id) == ("paid", D("0.00"))
    assert status(session, ops, feb.id) == ("partially_paid", D("50.00"))
