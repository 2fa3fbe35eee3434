"""A credited bill is billed again (DOMAIN.md 5): the replacement draft, the credit note's own row in the
list and export, amounts beyond the database never written, and the month that is not over yet."""

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from opcms_desktop.models import Invoice
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing.invoices import InvoiceFilter
from opcms_desktop.services.billing.preview_xlsx import write_preview_xlsx
from opcms_desktop.services.billing.run import generate_bill_run, month_state, preview_bill_run
from opcms_desktop.services.platform.errors import UserError
from opcms_desktop.services.receivables import report_xlsx

from .billing_builders import add_monthly, add_orders, add_plan
from .invoice_builders import D

JAN = "2026-01"


def _billed_and_credited(session, make, ops):
    c = make.customer("重开客户", company_id=7001, billing_enabled="yes")
    add_plan(session, c, single_price=8)
    add_orders(session, c, dt.date(2026, 1, 5), 3)
    first = generate_bill_run(session, ops, JAN)
    assert first.created == 1
    number = invoices.issue_invoices(session, ops, period=JAN, issue_date=dt.date(2026, 2, 1)).issued[0].number
    original = invoices.invoice_id_by_number(session, ops, number)
    invoices.credit_invoice(session, ops, original, "金额有误，重开", issue_date=dt.date(2026, 2, 3))
    return c, original, number


def test_a_credited_period_gets_a_replacement_draft_that_issues_as_usual(session, make, ops):
    c, original, number = _billed_and_credited(session, make, ops)
    preview = preview_bill_run(session, ops, JAN)
    assert (preview.created, preview.kept_issued) == (1, 0)
    bill = preview.customers[0]
    assert bill.action == "create" and bill.replaces_invoice_id == original
    assert [e.message.code for e in bill.exceptions] == ["billing.exception.replaces_credited"]
    result = generate_bill_run(session, ops, JAN)
    assert (result.created, result.total) == (1, D("24.00"))
    replacement = session.get(Invoice, result.customers[0].invoice_id)
    assert (replacement.status, replacement.replaces_invoice_id, replacement.total) == ("draft", original, D("24.00"))
    again = generate_bill_run(session, ops, JAN)  # idempotent: one live bill per customer x period x kind
    assert (again.created, again.unchanged, again.replaced) == (0, 1, 0)
    issued = invoices.issue_invoices(session, ops, period=JAN, issue_date=dt.date(2026, 2, 4)).issued
    assert [i.number for i in issued] == ["INV-2026-000002"] and number == "INV-2026-000001"
    assert session.scalar(select(func.count()).select_from(Invoice).where(Invoice.customer_id == c.id)) == 2


def test_the_database_allows_one_live_bill_per_customer_period_and_kind(session, make, ops):
    c, original, _ = _billed_and_credited(session, make, ops)
    generate_bill_run(session, ops, JAN)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(Invoice(customer_id=c.id, period=JAN, kind="usage", status="draft", total=D("1.00"),
                            payment_terms_days=30))
        session.flush()


def test_the_credit_note_is_its_own_row_in_the_list_and_the_export(session, make, ops, tmp_path):
    c, original, number = _billed_and_credited(session, make, ops)
    generate_bill_run(session, ops, JAN)
    page = invoices.list_invoices(session, ops, InvoiceFilter(customer_id=c.id), sort="number", descending=False)
    rows = [(r.number, r.kind, r.status, r.total, r.linked_number, r.is_credit_note) for r in page.rows]
    assert rows == [("CN-2026-000001", "credit_note", "issued", D("-24.00"), number, True),
                    (number, "usage", "cancelled", D("24.00"), None, False),
                    (None, "usage", "draft", D("24.00"), number, False)]
    assert page.total_count == 3 and page.sum_total == D("24.00")  # the credited pair cancels out
    note = page.rows[0]
    assert (note.id, note.credits_invoice_id, note.outstanding, note.payment_status) == (original, original,
                                                                                         D("0.00"), None)
    detail = invoices.get_invoice_by_number(session, ops, "CN-2026-000001")  # opens the bill it credits
    assert detail.invoice.id == original and [n.number for n in detail.credit_notes] == ["CN-2026-000001"]
    assert [r.number for r in invoices.list_invoices(session, ops, InvoiceFilter(status="issued")).rows] == []
    path = tmp_path / "bills.xlsx"
    report_xlsx.export_invoices_xlsx(session, ops, path, InvoiceFilter(customer_id=c.id), sort="number",
                                     descending=False)
    sheet = openpyxl.load_workbook(path).active
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "CN-2026-000001" and first[4] == "冲正" and first[6] == -24 and first[-1] == number


def test_an_amount_beyond_the_database_is_an_exception_and_never_written(session, make, ops):
    huge = make.customer("超大用量", company_id=7002, billing_enabled="yes")
    fine = make.customer("正常用量", company_id=7003, billing_enabled="yes")
    add_plan(session, huge, single_price=800)
    add_plan(session, fine, single_price=8)
    add_monthly(session, huge, JAN, "X", single=2_000_000_000)  # 1.6e12 does not fit NUMERIC(14,2)
    add_monthly(session, fine, JAN, "X", single=2)
    result = generate_bill_run(session, ops, JAN)
    assert (result.created, result.total) == (1, D("16.00"))
    bad = next(b for b in result.customers if b.company_id == 7002)
    assert bad.action == "not_billed" and bad.invoice_id is None
    assert [e.message.code for e in bad.exceptions] == ["billing.exception.amount_overflow"]
    assert session.scalar(select(func.count()).select_from(Invoice).where(Invoice.customer_id == huge.id)) == 0


def test_a_month_not_over_is_warned_and_a_future_month_refused(session, make, ops):
    today = dt.date.today()
    this = f"{today:%Y-%m}"
    future = f"{today.year + 1}-01"
    assert (month_state(this), month_state(future), month_state(JAN, dt.date(2026, 2, 1))) == (
        "open", "future", "closed")
    assert [w.code for w in preview_bill_run(session, ops, this).warnings] == ["billing.run.open_month"]
    assert preview_bill_run(session, ops, JAN).warnings == ()
    with pytest.raises(UserError) as refused:
        generate_bill_run(session, ops, this)
    assert refused.value.code == "billing.run.open_month_refused"
    assert generate_bill_run(session, ops, this, allow_open_month=True).warnings[0].code == "billing.run.open_month"
    with pytest.raises(UserError) as refused:
        generate_bill_run(session, ops, future, allow_open_month=True)
    assert refused.value.code == "billing.run.future_month"


def test_the_preview_exports_to_xlsx_with_number_cells(session, make, ops, tmp_path):
    c = make.customer("导出客户", company_id=7004, billing_enabled="yes")
    add_plan(session, c, single_price="12.5")
    add_orders(session, c, dt.date(2026, 1, 5), 3)
    path = tmp_path / "preview.xlsx"
    assert write_preview_xlsx(session, ops, preview_bill_run(session, ops, JAN), path) == 1
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == ["公司id", "客户名称", "本月拍摄", "上月拍摄", "价格方案", "金额(元)",
                                                 "处理", "异常"]
    row = [cell.value for cell in sheet[2]]
    assert row[:4] == [7004, "导出客户", 3, 0] and row[5] == 37.5 and row[6] == "新建草稿"
    assert isinstance(row[5], int | float) and sheet.cell(2, 6).number_format == "#,##0.00"


def test_migration_0005_keeps_bills_lines_and_credit_notes(backend, tmp_path):
    """Upgrade a 0004 database holding a credited bill: nothing is lost (SQLite rebuilds the table with its
    children's foreign keys), and afterwards the period takes a replacement bill."""
    from sqlalchemy import text

    from opcms_desktop.services.platform.db import create_db_engine, upgrade_schema

    from ..conftest import dispose_database, new_database_url

    url = new_database_url(backend, tmp_path)
    engine = create_db_engine(url)
    try:
        upgrade_schema(engine, "0004")
        with engine.begin() as conn:
            run = conn.execute
            run(text("INSERT INTO customers (id, company_id, name, name_initials, name_pinyin, payment_terms_days,"
                     " disabled, version)"
                     " VALUES (1, 9001, '迁移客户', 'qy', 'qianyi', 30, false, 1)"))
            run(text("INSERT INTO invoices (id, number, customer_id, period, kind, status, total, payment_terms_days,"
                     " issue_date, version) VALUES (1, 'INV-2026-000001', 1, '2026-01', 'usage', 'cancelled', 24,"
                     " 30, '2026-02-01', 1)"))
            run(text("INSERT INTO invoice_lines (id, invoice_id, seq, description, quantity, amount)"
                     " VALUES (1, 1, 1, 'X系列 3套', 3, 24)"))
            run(text("INSERT INTO credit_notes (id, number, invoice_id, customer_id, issue_date, reason, total)"
                     " VALUES (1, 'CN-2026-000001', 1, 1, '2026-02-03', '重开', -24)"))
        upgrade_schema(engine)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM invoice_lines")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM credit_notes")).scalar() == 1
            conn.execute(text("INSERT INTO invoices (id, customer_id, period, kind, status, total, payment_terms_days,"
                              " version, replaces_invoice_id) VALUES (2, 1, '2026-01', 'usage', 'draft', 24, 30, 1, 1)"))
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.execute(text("INSERT INTO invoices (id, customer_id, period, kind, status, total,"
                                  " payment_terms_days, version) VALUES (3, 1, '2026-01', 'usage', 'draft', 1, 30, 1)"))
    finally:
        engine.dispose()
        dispose_database(backend, url)
