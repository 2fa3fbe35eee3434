"""The bill run on both databases: preview, generate, idempotency, exceptions, scope, audit, cancel."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, BillingPeriodLock, BillRun, Invoice, InvoiceLine
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.billing.run import describe_plan, generate_bill_run, preview_bill_run
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, ValidationError

from .billing_builders import add_monthly, add_orders, add_plan

JAN = "2026-01"


def jan(d: int) -> dt.date:
    return dt.date(2026, 1, d)


def invoice_of(session, customer, period=JAN):
    return session.scalar(select(Invoice).where(Invoice.customer_id == customer.id, Invoice.period == period))


def lines_of(session, invoice):
    return session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                           .order_by(InvoiceLine.seq)).all()


def bill(preview, customer):
    return next(c for c in preview.customers if c.customer_id == customer.id)


def kinds(preview, customer):
    return sorted(e.kind for e in bill(preview, customer).exceptions)


@pytest.fixture
def priced(session, make):
    """A billed customer: per shoot 8.00, multi-floor 14+(F-1)*10, orders and a monthly summary in January."""
    c = make.customer("甲公司", company_id=101, billing_enabled="yes")
    add_plan(session, c, single_price=8, multi_base=14, multi_step=10)
    add_orders(session, c, jan(5), 3, series="X")
    add_orders(session, c, jan(6), 2, series="X", floors=3)
    add_monthly(session, c, JAN, "N", single=10, multi=1, floors=2)
    return c


def test_preview_lists_usage_plan_and_amount(session, ops, priced):
    preview = preview_bill_run(session, ops, JAN)
    row = bill(preview, priced)
    # single: 13 x 8 = 104 ; multi: 3 shoots, 8 floors: 14*3 + 10*5 = 92
    assert row.amount == D("196.00") and row.action == "create"
    assert [(u.series, u.shoots) for u in row.usage] == [("X", 5), ("N", 11)]
    assert [describe_plan(p) for p in row.plans] == ["单层 8.00；多层 14.00+(F-1)×10.00"]
    assert [li.amount for li in row.lines] == [D("104.00"), D("92.00")]
    assert preview.total == D("196.00") and preview.created == 1
    assert session.scalar(select(func.count()).select_from(Invoice)) == 0  # a preview writes nothing


def test_generate_writes_a_draft_with_its_lines(session, ops, priced):
    result = generate_bill_run(session, ops, JAN)
    assert (result.created, result.replaced, result.unchanged, result.total) == (1, 0, 0, D("196.00"))
    inv = invoice_of(session, priced)
    assert (inv.status, inv.kind, inv.total, inv.payment_terms_days, inv.bill_run_id) == (
        "draft", "usage", D("196.00"), 30, result.run_id)
    assert inv.number is None
    stored = lines_of(session, inv)
    assert [(li.seq, li.series, li.quantity, li.unit_price, li.amount) for li in stored] == [
        (1, "ALL", D(13), D(8), D("104.00")), (2, "ALL", D(3), None, D("92.00"))]
    assert stored[0].description == "全系列（X 3 N 10） 单层拍摄 13套 × 8.00"
    assert stored[1].formula == "14.00×3 + 10.00×5"
    assert sum(li.amount for li in stored) == inv.total
    assert bill(result, priced).invoice_id == inv.id


def test_generate_records_the_run_the_lock_and_the_audit(session, ops, priced):
    result = generate_bill_run(session, ops, JAN)
    run = session.get(BillRun, result.run_id)
    assert run.period == JAN and run.started_by == ops.id and run.finished_at is not None
    assert run.summary["created"] == 1 and run.summary["total"] == "196.00"
    assert session.get(BillingPeriodLock, JAN).last_run_id == run.id
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()
    assert [(e.action, e.entity) for e in entries] == [("event", "bill_run"), ("create", "invoice")]
    assert entries[1].changes["total"] == [None, "196.00"]
    assert audit.verify_chain(session).ok


def test_rerun_is_idempotent_and_replaces_changed_drafts_only(session, ops, make, priced):
    other = make.customer(company_id=102, billing_enabled="yes")
    add_plan(session, other, single_price=5)
    add_orders(session, other, jan(9), 2)
    first = generate_bill_run(session, ops, JAN)
    assert first.created == 2
    ids = {c.customer_id: c.invoice_id for c in first.invoices}
    again = generate_bill_run(session, ops, JAN)
    assert (again.created, again.replaced, again.unchanged) == (0, 0, 2)
    add_orders(session, other, jan(10), 1)
    third = generate_bill_run(session, ops, JAN)
    assert (third.created, third.replaced, third.unchanged) == (0, 1, 1)
    inv = invoice_of(session, other)
    assert inv.id == ids[other.id] and inv.total == D("15.00") and inv.version == 2
    assert [li.seq for li in lines_of(session, inv)] == [1]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert entry.entity_id == str(inv.id) and entry.changes["total"] == ["10.00", "15.00"]
    assert audit.verify_chain(session).ok


def test_a_draft_changed_behind_the_run_is_a_conflict(session, ops, priced):
    from opcms_desktop.services.billing import run_store as store
    from opcms_desktop.services.platform.errors import ConflictError

    generate_bill_run(session, ops, JAN)
    inv = invoice_of(session, priced)
    store.lock_drafts(session, {inv.id: inv.version})
    with pytest.raises(ConflictError):
        store.lock_drafts(session, {inv.id: inv.version + 1})


def test_issued_invoices_are_never_touched(session, ops, priced):
    generate_bill_run(session, ops, JAN)
    inv = invoice_of(session, priced)
    inv.status, inv.number, inv.issue_date = "issued", "INV-2026-000001", jan(31)
    session.flush()
    add_orders(session, priced, jan(20), 10)
    result = generate_bill_run(session, ops, JAN)
    assert (result.created, result.replaced, result.unchanged, result.kept_issued) == (0, 0, 0, 1)
    assert bill(result, priced).action == "keep_issued" and result.total == D("0")
    assert invoice_of(session, priced).total == D("196.00")
    assert "invoice_issued" in kinds(result, priced)


def test_a_draft_with_nothing_left_to_bill_is_removed(session, ops, priced):
    generate_bill_run(session, ops, JAN)
    priced.billing_enabled = "no"
    session.flush()
    result = generate_bill_run(session, ops, JAN)
    assert result.removed == 1 and invoice_of(session, priced) is None
    assert session.scalar(select(func.count()).select_from(InvoiceLine)) == 0
    assert audit.verify_chain(session).ok


def test_exceptions(session, ops, make):
    no_plan = make.customer(company_id=201, billing_enabled="yes")
    add_orders(session, no_plan, jan(3), 4)
    no_series = make.customer(company_id=202, billing_enabled="yes")
    add_plan(session, no_series, series="X", single_price=8)
    add_orders(session, no_series, jan(3), 2, series="L")
    off = make.customer(company_id=203, billing_enabled="no")
    add_plan(session, off, single_price=8)
    add_orders(session, off, jan(3), 1)
    pending = make.customer(company_id=204, billing_enabled="pending")
    add_plan(session, pending, single_price=8)
    add_orders(session, pending, jan(3), 1)
    stopped = make.customer(company_id=205, billing_enabled="yes", disabled=True)
    add_plan(session, stopped, single_price=8)
    add_orders(session, stopped, jan(3), 1)
    spiky = make.customer(company_id=206, billing_enabled="yes")
    add_plan(session, spiky, single_price=8)
    add_monthly(session, spiky, "2025-12", "X", single=100)
    add_monthly(session, spiky, JAN, "X", single=151)
    steady = make.customer(company_id=207, billing_enabled="yes")
    add_plan(session, steady, single_price=8)
    add_monthly(session, steady, "2025-12", "X", single=100)
    add_monthly(session, steady, JAN, "X", single=150)
    idle = make.customer(company_id=208, billing_enabled="yes")
    add_plan(session, idle, "tiered_volume", tiers="0-10:5; 10+:4")

    preview = preview_bill_run(session, ops, JAN)
    assert kinds(preview, no_plan) == ["no_plan"] and bill(preview, no_plan).action == "none"
    assert kinds(preview, no_series) == ["no_series_price"]
    assert bill(preview, no_series).amount == D("0") and bill(preview, no_series).action == "none"
    assert kinds(preview, off) == ["billing_disabled"] and bill(preview, off).action == "not_billed"
    assert bill(preview, off).amount == D("8.00")
    assert kinds(preview, pending) == ["billing_unconfirmed"] and bill(preview, pending).action == "create"
    assert kinds(preview, stopped) == ["disabled_account"] and bill(preview, stopped).action == "create"
    assert kinds(preview, spiky) == ["usage_spike"]
    spike = bill(preview, spiky).exceptions[0].message
    assert spike.code == "billing.exception.usage_spike" and spike.params["percent"] == 51
    assert kinds(preview, steady) == []
    assert kinds(preview, idle) == ["zero_usage"] and bill(preview, idle).action == "none"
    assert {e.company_id for e in preview.exceptions} == {201, 202, 203, 204, 205, 206, 208}
    assert preview.total == D("8.00") * 2 + D("151") * 8 + D("150") * 8  # not the 否 one


def test_payment_terms_from_the_plan_else_the_customer(session, ops, make):
    by_plan = make.customer(company_id=301, billing_enabled="yes")
    add_plan(session, by_plan, single_price=8, payment_terms_days=45)
    add_orders(session, by_plan, jan(3), 1)
    by_customer = make.customer(company_id=302, billing_enabled="yes")
    by_customer.payment_terms_days = 15
    add_plan(session, by_customer, single_price=8)
    add_orders(session, by_customer, jan(3), 1)
    generate_bill_run(session, ops, JAN)
    assert invoice_of(session, by_plan).payment_terms_days == 45
    assert invoice_of(session, by_customer).payment_terms_days == 15


def test_annual_fee_and_quota_overage_are_lines_of_the_usage_invoice(session, ops, make):
    c = make.customer(company_id=401, billing_enabled="yes")
    add_plan(session, c, "annual_quota", start=dt.date(2025, 1, 10), quota=100, overage_price=6, annual_fee=9980)
    add_monthly(session, c, "2025-11", "X", single=60)
    add_orders(session, c, dt.date(2025, 12, 31), 30, series="N")
    add_orders(session, c, jan(5), 20)  # contract year to 2026-01-09: 90 + 20 -> 10 over
    add_orders(session, c, jan(10), 15)  # new contract year: within quota
    generate_bill_run(session, ops, JAN)
    inv = invoice_of(session, c)
    assert [li.amount for li in lines_of(session, inv)] == [D("9980.00"), D("60.00")]
    assert inv.total == D("10040.00") and inv.kind == "usage"


def test_plan_change_inside_the_month_with_order_detail(session, ops, make):
    c = make.customer(company_id=402, billing_enabled="yes")
    add_plan(session, c, "tiered_graduated", series="X", end=jan(15), tiers="0-10:5; 10+:4")
    add_plan(session, c, "tiered_graduated", series="X", start=jan(16), tiers="0-10:3; 10+:2")
    add_plan(session, c, series="N", single_price=7)
    add_orders(session, c, jan(2), 8)
    add_orders(session, c, jan(15), 4)  # 12 under the first plan: 10*5 + 2*4
    add_orders(session, c, jan(16), 11)  # the count starts again: 10*3 + 1*2
    add_orders(session, c, jan(31), 2, series="N")
    row = bill(preview_bill_run(session, ops, JAN), c)
    assert [li.amount for li in row.lines] == [D("50.00"), D("8.00"), D("14.00"), D("30.00"), D("2.00")]
    assert row.amount == D("104.00") and row.exceptions == ()


def test_sales_preview_only_own_customers_and_cannot_generate(session, make, sales, other_sales):
    mine = make.customer(company_id=501, billing_enabled="yes", sales=sales)
    theirs = make.customer(company_id=502, billing_enabled="yes", sales=other_sales)
    for c in (mine, theirs):
        add_plan(session, c, single_price=8)
        add_orders(session, c, jan(3), 1)
    preview = preview_bill_run(session, sales, JAN)
    assert [c.company_id for c in preview.customers] == [501]
    with pytest.raises(PermissionDenied):
        generate_bill_run(session, sales, JAN)


def test_preview_needs_a_billing_or_invoice_permission(session, make):
    from opcms_desktop.services.security.permissions import Actor

    nobody = Actor(id=0, username="x", display_name="x", role="custom", permissions=frozenset({"customers.view"}))
    with pytest.raises(PermissionDenied):
        preview_bill_run(session, nobody, JAN)


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "202601", "", "2026-00"])
def test_bad_period(session, ops, period):
    with pytest.raises(ValidationError):
        preview_bill_run(session, ops, period)


def test_cancel_raises_and_the_caller_rolls_back(session, ops, priced):
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3  # after reading and computing, when writing starts

    with pytest.raises(Cancelled), session.begin_nested():
        generate_bill_run(session, ops, JAN, cancel=cancel)
    assert len(calls) == 4
    assert session.scalar(select(func.count()).select_from(Invoice)) == 0
    assert session.scalar(select(func.count()).select_from(BillRun)) == 0


def test_progress_is_reported(session, ops, priced):
    seen = []
    generate_bill_run(session, ops, JAN, progress=lambda done, total, label: seen.append((done, total, label)))
    assert seen and seen[-1][0] == seen[-1][1]
