"""Invoices after the bill run: issuing with gap-free yearly numbers, frozen content, credit notes, the list."""

import datetime as dt
import threading

import openpyxl
import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, CreditNoteLine, Invoice, InvoiceLine, NumberSequence
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing.invoices import InvoiceFilter
from opcms_desktop.services.billing.numbers import next_number
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, UserError, ValidationError
from opcms_desktop.services.receivables import allocation, report_xlsx

from ..factories import Factory
from .invoice_builders import D, draft, issued, receipt

FEB_1 = dt.date(2026, 2, 1)


def test_issuing_a_period_numbers_the_drafts_in_order_and_skips_zero_totals(session, make, ops):
    lianjia = make.customer("链家", company_id=101)
    woai = make.customer("我爱我家", company_id=102)
    idle = make.customer("空账户", company_id=103)
    later = draft(session, lianjia, "2026-02", lines=(("二月", "50.00"),))
    # Created out of company order: numbers still follow the 公司id.
    b = draft(session, woai, lines=(("X系列 单层 120 次", "1500.00"), ("N系列 多层 10 层", "250.50")), terms=15)
    a = draft(session, lianjia, lines=(("X系列 单层 8 次", "99.99"),))
    zero = draft(session, idle, lines=(("无用量", "0.00"),))

    result = invoices.issue_invoices(session, ops, period="2026-01", issue_date=FEB_1)

    assert [(i.number, i.company_id, i.amount, i.due_date) for i in result.issued] == [
        ("INV-2026-000001", 101, D("99.99"), dt.date(2026, 3, 3)),
        ("INV-2026-000002", 102, D("1750.50"), dt.date(2026, 2, 16)),
    ]
    assert [(s.invoice_id, s.company_id) for s in result.skipped] == [(zero.id, 103)]
    session.refresh(a), session.refresh(b), session.refresh(zero), session.refresh(later)
    assert (a.status, a.issue_date, a.issued_by) == ("issued", FEB_1, ops.id)
    assert (zero.status, zero.number, later.status) == ("draft", None, "draft")
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "issue")).all()
    assert [e.summary for e in audits] == ["INV-2026-000001", "INV-2026-000002"]
    assert audits[0].changes["status"] == ["draft", "issued"]

    # Issuing the period again finds nothing new; the zero draft can be issued by naming it.
    assert invoices.issue_invoices(session, ops, period="2026-01", issue_date=FEB_1).issued == ()
    named = invoices.issue_invoices(session, ops, invoice_ids=[zero.id], issue_date=FEB_1)
    assert [(i.number, i.amount) for i in named.issued] == [("INV-2026-000003", D("0.00"))]


def test_numbers_are_gap_free_per_year_and_a_rollback_gives_them_back(session, make, ops):
    c = make.customer("年度客户")
    assert issued(session, ops, c, "10.00", dt.date(2026, 12, 31), "2026-11").number == "INV-2026-000001"
    assert issued(session, ops, c, "10.00", dt.date(2026, 12, 31), "2026-12").number == "INV-2026-000002"
    assert issued(session, ops, c, "10.00", dt.date(2027, 1, 2), "2027-01").number == "INV-2027-000001"

    savepoint = session.begin_nested()
    assert issued(session, ops, c, "10.00", dt.date(2027, 2, 1), "2027-02").number == "INV-2027-000002"
    savepoint.rollback()
    assert issued(session, ops, c, "10.00", dt.date(2027, 3, 1), "2027-03").number == "INV-2027-000002"
    assert next_number(session, "CN", 2027) == "CN-2027-000001"
    counters = {(s.prefix, s.year): s.last_value for s in session.scalars(select(NumberSequence))}
    assert counters == {("INV", 2026): 2, ("INV", 2027): 2, ("CN", 2027): 1}


def test_issue_refuses_what_is_not_a_draft_or_does_not_add_up(session, make, ops, sales):
    c = make.customer("客户甲")
    inv = draft(session, c)
    invoices.issue_invoices(session, ops, invoice_ids=[inv.id], issue_date=FEB_1)
    with pytest.raises(UserError, match="cannot issue bill INV-2026-000001 because it is issued") as refused:
        invoices.issue_invoices(session, ops, invoice_ids=[inv.id])
    assert refused.value.code == "billing.refused.issue" and refused.value.params["bill"] == "INV-2026-000001"
    with pytest.raises(NotFound, match="#999999"):
        invoices.issue_invoices(session, ops, invoice_ids=[999999])
    with pytest.raises(UserError, match="name a period") as no_target:
        invoices.issue_invoices(session, ops)
    assert no_target.value.code == "billing.issue.needs_target"
    with pytest.raises(ValidationError, match="YYYY-MM"):
        invoices.issue_invoices(session, ops, period="2026-13")
    wrong = draft(session, c, "2026-02", lines=(("a", "10.00"), ("b", "5.00")), total="15.01")
    with pytest.raises(ValidationError, match="lines add up to 15.00") as mismatch:
        invoices.issue_invoices(session, ops, period="2026-02")
    assert mismatch.value.code == "billing.issue.total_mismatch"
    assert [p.code for p in mismatch.value.problems] == ["billing.issue.total_mismatch_row"]
    session.refresh(wrong)
    assert wrong.status == "draft"
    with pytest.raises(PermissionDenied, match="invoices.issue"):
        invoices.issue_invoices(session, sales, period="2026-02")


def test_a_draft_can_be_edited_an_issued_invoice_cannot(session, make, ops):
    c = make.customer("客户乙")
    inv = draft(session, c, lines=(("X系列", "100.00"), ("N系列", "20.00")))
    line = session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == inv.id, InvoiceLine.seq == 2)).one()
    changed = invoices.update_draft_line(session, ops, line.id, amount="25.50", description="N系列 多层")
    assert (changed.amount, changed.description) == (D("25.50"), "N系列 多层")
    session.refresh(inv)
    assert inv.total == D("125.50")
    invoices.issue_invoices(session, ops, invoice_ids=[inv.id], issue_date=FEB_1)
    with pytest.raises(UserError, match="cannot change bill INV-2026-000001 because it is issued"):
        invoices.update_draft_line(session, ops, line.id, amount="1.00")
    session.refresh(line)
    assert line.amount == D("25.50")


def test_credit_note_mirrors_the_invoice_and_cancels_it(session, make, ops):
    c = make.customer("冲正客户", company_id=201)
    inv = draft(session, c, lines=(("X系列 单层 10 次", "300.00"), ("N系列 多层 2 层", "45.67")))
    invoices.issue_invoices(session, ops, invoice_ids=[inv.id], issue_date=FEB_1)
    with pytest.raises(ValidationError, match="reason"):
        invoices.credit_invoice(session, ops, inv.id, "  ")

    note = invoices.credit_invoice(session, ops, inv.id, "单价录入错误", issue_date=dt.date(2026, 2, 10))

    assert (note.number, note.invoice_number, note.total, note.reason) == (
        "CN-2026-000001", "INV-2026-000001", D("-345.67"), "单价录入错误")
    assert [(ln.seq, ln.description, ln.quantity, ln.amount) for ln in note.lines] == [
        (1, "X系列 单层 10 次", D("-1"), D("-300.00")), (2, "N系列 多层 2 层", D("-1"), D("-45.67"))]
    detail = invoices.get_invoice(session, ops, inv.id)
    assert (detail.invoice.status, detail.invoice.total, detail.invoice.outstanding) == ("cancelled", D("345.67"), D("0"))
    assert detail.invoice.payment_status is None
    assert [ln.amount for ln in detail.lines] == [D("300.00"), D("45.67")]  # the original stays
    assert [cn.number for cn in detail.credit_notes] == ["CN-2026-000001"]
    assert len(session.scalars(select(CreditNoteLine)).all()) == 2
    actions = [(e.action, e.entity) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))][-2:]
    assert actions == [("create", "credit_note"), ("cancel", "invoice")]
    with pytest.raises(UserError, match="because it is cancelled"):
        invoices.credit_invoice(session, ops, inv.id, "again")
    with pytest.raises(UserError, match="cannot credit bill draft #") as refused:
        invoices.credit_invoice(session, ops, draft(session, c, "2026-03").id, "draft")
    assert refused.value.code == "billing.refused.credit"


def test_an_invoice_with_allocations_must_be_unallocated_before_crediting(session, make, ops):
    c = make.customer("已付客户")
    inv = issued(session, ops, c, "200.00", FEB_1)
    r = receipt(session, ops, c, "80.00", dt.date(2026, 2, 5))
    a = allocation.allocate(session, ops, r.id, inv.invoice_id, "80.00")
    with pytest.raises(UserError, match=f"un-allocate its receipts \\(allocations #{a.id}\\)"):
        invoices.credit_invoice(session, ops, inv.invoice_id, "重开")
    allocation.unallocate(session, ops, a.id, "冲正前取消核销")
    assert invoices.credit_invoice(session, ops, inv.invoice_id, "重开").total == D("-200.00")
    assert allocation.customer_balance(session, ops, c.id).credit_balance == D("80.00")


def test_invoice_list_filters_sorts_and_pages_in_sql(session, make, ops, sales):
    mine = make.customer("北京链家", company_id=301, sales=sales)
    other = make.customer("上海德佑", company_id=302)
    paid = issued(session, ops, mine, "100.00", dt.date(2026, 1, 5), "2025-12")  # due 2026-02-04
    part = issued(session, ops, other, "300.00", dt.date(2026, 2, 1), "2026-01")  # due 2026-03-03
    issued(session, ops, mine, "50.00", dt.date(2026, 2, 1), "2026-01")  # due 2026-03-03
    draft(session, other, "2026-02", lines=(("草稿", "70.00"),))
    allocation.allocate(session, ops, receipt(session, ops, mine, "100.00", dt.date(2026, 1, 20)).id,
                        paid.invoice_id, "100.00")
    allocation.allocate(session, ops, receipt(session, ops, other, "120.00", dt.date(2026, 2, 20)).id,
                        part.invoice_id, "120.00")
    as_of = dt.date(2026, 3, 10)

    def numbers(filters=None, **kw):
        kw.setdefault("as_of", as_of)
        return [r.number for r in invoices.list_invoices(session, ops, filters, **kw).rows]

    page = invoices.list_invoices(session, ops, as_of=as_of, sort="number", descending=False)
    assert [r.number for r in page.rows] == ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003", None]
    assert (page.total_count, page.sum_total, page.sum_outstanding) == (4, D("520.00"), D("230.00"))
    by_number = {r.number: r for r in page.rows}
    assert (by_number["INV-2026-000002"].payment_status, by_number["INV-2026-000002"].outstanding) == (
        "partially_paid", D("180.00"))
    assert by_number["INV-2026-000002"].overdue and by_number["INV-2026-000002"].days_overdue == 7
    assert numbers(InvoiceFilter(period="2026-01"), sort="number", descending=False) == [
        "INV-2026-000002", "INV-2026-000003"]
    assert numbers(InvoiceFilter(status="draft")) == [None]
    assert numbers(InvoiceFilter(overdue_only=True), sort="number", descending=False) == [
        "INV-2026-000002", "INV-2026-000003"]
    assert numbers(InvoiceFilter(overdue_only=True), as_of=dt.date(2026, 3, 3)) == []  # due today is not late
    assert numbers(InvoiceFilter(payment_status="paid")) == ["INV-2026-000001"]
    assert numbers(InvoiceFilter(payment_status="partially_paid")) == ["INV-2026-000002"]
    assert numbers(InvoiceFilter(payment_status="unpaid")) == ["INV-2026-000003"]
    assert numbers(InvoiceFilter(customer_name="链家"), sort="total") == ["INV-2026-000001", "INV-2026-000003"]
    assert numbers(InvoiceFilter(company_id=302), sort="number") == ["INV-2026-000002", None]  # drafts last
    assert numbers(InvoiceFilter(owner_user_id=sales.id), sort="outstanding") == [
        "INV-2026-000003", "INV-2026-000001"]
    second = invoices.list_invoices(session, ops, offset=1, limit=2, sort="number", descending=False)
    assert [r.number for r in second.rows] == ["INV-2026-000002", "INV-2026-000003"] and second.total_count == 4
    with pytest.raises(ValidationError, match="payment_status"):
        invoices.list_invoices(session, ops, InvoiceFilter(payment_status="late"))

    # Sales see their own customers' invoices only, everywhere.
    assert [r.number for r in invoices.list_invoices(session, sales, sort="number").rows] == [
        "INV-2026-000003", "INV-2026-000001"]
    with pytest.raises(NotFound):
        invoices.get_invoice_by_number(session, sales, "INV-2026-000002")
    assert invoices.get_invoice_by_number(session, sales, "inv-2026-000003").invoice.total == D("50.00")


def test_invoice_list_exports_to_xlsx_with_number_cells(session, make, ops, tmp_path):
    c = make.customer("导出客户", company_id=401)
    inv = issued(session, ops, c, "1234.56", FEB_1)
    allocation.allocate(session, ops, receipt(session, ops, c, "34.56", FEB_1).id, inv.invoice_id, "34.56")
    path = tmp_path / "invoices.xlsx"
    assert report_xlsx.export_invoices_xlsx(session, ops, path, as_of=dt.date(2026, 4, 1)) == 1
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[1]]
    row = {h: cell for h, cell in zip(header, ws[2], strict=True)}
    assert ws.title == "账单" and "发票号" not in header
    assert row["账单号"].value == "INV-2026-000001" and row["公司id"].value == 401
    assert row["金额"].data_type == "n" and D(str(row["金额"].value)) == D("1234.56")
    assert D(str(row["未收金额"].value)) == D("1200.00") and row["付款状态"].value == "部分付款"
    assert row["开具日期"].is_date and row["逾期天数"].value == 29
    assert (row["状态"].value, row["发票状态"].value, row["发票号码"].value) == ("已开具", "未开票", None)


def test_concurrent_issuers_never_share_a_number(fresh_factory, fresh_engine):
    with fresh_factory() as s, s.begin():
        make = Factory(s)
        actor = make.actor("issuer", "ops")
        c = make.customer("并发客户")
        ids = [draft(s, c, f"2026-0{m}").id for m in range(1, 7)]
    errors: list[BaseException] = []

    def issue(part):
        try:
            with fresh_factory() as s, s.begin():
                for invoice_id in part:
                    invoices.issue_invoices(s, actor, invoice_ids=[invoice_id], issue_date=FEB_1)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=issue, args=(ids[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with fresh_factory() as s:
        numbers = sorted(s.scalars(select(Invoice.number)).all())
    assert numbers == [f"INV-2026-{n:06d}" for n in range(1, 7)]


# --- the tax invoice (发票) recorded on bills ----------------------------------------------------------

def test_a_tax_invoice_is_recorded_on_many_issued_bills_and_audited(session, make, ops, sales):
    c = make.customer("开票客户", company_id=501)
    first, second = issued(session, ops, c, "100.00", FEB_1), issued(session, ops, c, "50.00", FEB_1, "2026-02")
    other = draft(session, c, "2026-03")
    rows = invoices.record_tax_invoice(session, ops, [first.invoice_id, second.invoice_id], " 25112000000000012345 ",
                                       dt.date(2026, 2, 3))
    assert [(r.tax_invoice_status, r.tax_invoice_number, r.tax_invoice_date) for r in rows] == [
        ("issued", "25112000000000012345", dt.date(2026, 2, 3))] * 2
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "tax_invoice")).all()[-1]
    assert (entry.entity, entry.changes["tax_invoice_number"]) == ("invoice", [None, "25112000000000012345"])
    assert invoices.invoice_row(session, ops, other.id).tax_invoice_status is None  # a draft has nothing to invoice

    with pytest.raises(UserError) as again:
        invoices.record_tax_invoice(session, ops, [first.invoice_id], "X2", dt.date(2026, 2, 4))
    assert again.value.code == "billing.tax_invoice.already_recorded"
    with pytest.raises(UserError) as on_draft:
        invoices.record_tax_invoice(session, ops, [other.id], "X3", dt.date(2026, 2, 4))
    assert on_draft.value.code == "billing.refused.record_tax_invoice"
    with pytest.raises(ValidationError) as empty:
        invoices.record_tax_invoice(session, ops, [other.id], "  ", dt.date(2026, 2, 4))
    assert [p.code for p in empty.value.problems] == ["billing.tax_invoice.number_required"]
    with pytest.raises(PermissionDenied, match="invoices.edit"):
        invoices.record_tax_invoice(session, sales, [first.invoice_id], "X4", dt.date(2026, 2, 4))


def test_a_tax_invoice_date_before_the_issue_date_is_refused(session, make, ops):
    c = make.customer("早开客户")
    bill = issued(session, ops, c, "10.00", FEB_1)
    with pytest.raises(ValidationError) as early:
        invoices.record_tax_invoice(session, ops, [bill.invoice_id], "X1", dt.date(2026, 1, 31))
    assert early.value.problems[0].code == "billing.tax_invoice.date_before_issue"
    assert invoices.invoice_row(session, ops, bill.invoice_id).tax_invoice_number is None


def test_a_tax_invoice_entered_by_mistake_is_cleared_with_a_reason(session, make, ops):
    c = make.customer("清除客户")
    bill = issued(session, ops, c, "10.00", FEB_1)
    invoices.record_tax_invoice(session, ops, [bill.invoice_id], "X1", FEB_1)
    with pytest.raises(ValidationError) as no_reason:
        invoices.clear_tax_invoice(session, ops, [bill.invoice_id], " ")
    assert no_reason.value.code == "billing.tax_invoice.reason_required"
    (row,) = invoices.clear_tax_invoice(session, ops, [bill.invoice_id], "号码录错")
    assert (row.tax_invoice_status, row.tax_invoice_number, row.tax_invoice_date) == ("none", None, None)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "tax_invoice_cleared")).all()[-1]
    assert entry.changes["reason"] == [None, "号码录错"] and entry.changes["tax_invoice_number"] == ["X1", None]
    with pytest.raises(UserError) as nothing:
        invoices.clear_tax_invoice(session, ops, [bill.invoice_id], "again")
    assert nothing.value.code == "billing.refused.clear_tax_invoice"


def test_the_list_filters_issued_bills_still_without_a_tax_invoice(session, make, ops, tmp_path):
    c = make.customer("筛选客户", company_id=502)
    with_one, without = issued(session, ops, c, "10.00", FEB_1), issued(session, ops, c, "20.00", FEB_1, "2026-02")
    draft(session, c, "2026-03")
    invoices.record_tax_invoice(session, ops, [with_one.invoice_id], "X9", dt.date(2026, 2, 2))

    def numbers(tax_invoice):
        page = invoices.list_invoices(session, ops, InvoiceFilter(customer_id=c.id, tax_invoice=tax_invoice),
                                      sort="number", descending=False)
        return [r.number for r in page.rows]

    assert numbers("none") == [without.number]
    assert numbers("issued") == [with_one.number]
    assert len(numbers(None)) == 3
    with pytest.raises(ValidationError) as bad:
        numbers("maybe")
    assert bad.value.problems[0].code == "billing.filter.one_of"
    path = tmp_path / "bills.xlsx"
    report_xlsx.export_invoices_xlsx(session, ops, path, InvoiceFilter(customer_id=c.id), sort="number",
                                     descending=False)
    ws = openpyxl.load_workbook(path).active
    header = [cell.value for cell in ws[1]]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert [(r["发票状态"], r["发票号码"]) for r in rows] == [("已开票", "X9"), ("未开票", None), (None, None)]
    assert ws["P2"].is_date and rows[0]["开票日期"].date() == dt.date(2026, 2, 2)
