"""Reads on record: detail views, exports, prints and reports land in the chained access log."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from opcms_desktop.models.access import AccessEntry
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.customers.export import export_customer_view
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.platform.errors import PermissionDenied, UserError
from opcms_desktop.services.receivables.reports import ar_aging
from opcms_desktop.services.security import access_log, data_use_report, unusual_access

TODAY = dt.date.today()


def entries(session):
    return session.scalars(select(AccessEntry).order_by(AccessEntry.id)).all()


def test_detail_export_and_report_are_recorded_and_the_chain_verifies(session, make, ops, admin, tmp_path):
    customer = make.customer("留痕客户", company_id=7101)
    make.customer("另一个", company_id=7102)
    get_customer(session, ops, customer.id)
    export_customers(session, ops, tmp_path / "sheet.xlsx")
    export_customer_view(session, ops, CustomerQuery(), ["company_id", "name"], tmp_path / "view.xlsx")
    ar_aging(session, ops, TODAY)
    recorded = [(e.username, e.action, e.entity, e.target) for e in entries(session)]
    assert recorded[0] == ("ops1", "view", "customer", "7101")
    assert [r[1:3] for r in recorded[1:]] == [
        ("export", "customers"),
        ("export", "customer_view"),
        ("report", "ar_aging"),
    ]
    rows = {e.entity: e.row_count for e in entries(session)}
    assert rows["customers"] >= 2 and rows["customer_view"] == rows["customers"]
    report = access_log.verify_access_chain(session, admin)
    assert report.ok and report.rows == 4


def test_an_edited_or_removed_access_row_breaks_the_chain(session, make, ops, admin):
    customer = make.customer("留痕客户", company_id=7103)
    for _ in range(3):
        get_customer(session, ops, customer.id)
    first, second, _third = entries(session)
    session.execute(update(AccessEntry).where(AccessEntry.id == second.id).values(row_count=999))
    session.expire_all()
    broken = access_log.verify_access_chain(session, admin)
    assert not broken.ok and broken.broken_id == second.id and broken.reason == "audit.chain_edited"
    session.execute(update(AccessEntry).where(AccessEntry.id == second.id).values(row_count=1))
    session.delete(session.get(AccessEntry, first.id))
    session.flush()
    removed = access_log.verify_access_chain(session, admin)
    assert not removed.ok and removed.reason == "audit.chain_removed"


def test_verify_needs_the_access_log_permission(session, ops):
    with pytest.raises(PermissionDenied):
        access_log.verify_access_chain(session, ops)


def test_exported_files_carry_who_exported_them(session, make, ops, tmp_path):
    make.customer("盖章客户", company_id=7104)
    export_customers(session, ops, tmp_path / "sheet.xlsx")
    book = load_workbook(tmp_path / "sheet.xlsx")
    assert book.properties.creator == "ops1（ops1）"
    footer = book.active.oddFooter.center.text
    assert footer.startswith("由 ops1（ops1） 于 ") and footer.endswith(" 导出")


def test_the_data_use_report_counts_per_user_and_exports_to_xlsx(session, make, ops, sales, admin, tmp_path):
    mine = make.customer("销售的", company_id=7105, sales=sales)
    get_customer(session, sales, mine.id)
    get_customer(session, sales, mine.id)
    export_customers(session, ops, tmp_path / "a.xlsx")
    report = data_use_report.data_use_report(session, admin, TODAY, TODAY)
    by_user = {u.username: u for u in report.users}
    assert by_user["sales1"].views == 2 and by_user["sales1"].exports == 0
    assert by_user["ops1"].exports == 1 and by_user["ops1"].exported_rows >= 1
    only = data_use_report.data_use_report(session, admin, TODAY, TODAY, "sales1")
    assert [u.username for u in only.users] == ["sales1"]
    yesterday = data_use_report.data_use_report(
        session, admin, TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=1)
    )
    assert yesterday.users == ()
    written = data_use_report.export_data_use_report(session, admin, TODAY, TODAY, tmp_path / "use.xlsx")
    sheet = load_workbook(tmp_path / "use.xlsx").active
    assert written == sheet.max_row - 1 >= 2
    assert ("sales1", "view", "customer", 2, 2) in [
        tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    with pytest.raises(UserError) as bad:
        data_use_report.data_use_report(session, admin, TODAY, TODAY - dt.timedelta(days=1))
    assert bad.value.code == "access.period_reversed"
    with pytest.raises(PermissionDenied):
        data_use_report.data_use_report(session, sales, TODAY, TODAY)


def test_a_user_asked_for_the_password_again_reads_nothing_until_they_give_it(session, make, ops, admin):
    customer = make.customer("再验证", company_id=7106)
    unusual_access.require_password_again(session, admin, "ops1", "burst of exports")
    with pytest.raises(PermissionDenied) as refused:
        get_customer(session, ops, customer.id)
    assert refused.value.code == "access.reauth_required"
    with pytest.raises(UserError) as wrong:
        unusual_access.confirm_password(session, ops, "not the password")
    assert wrong.value.code == "access.wrong_password"
    unusual_access.confirm_password(session, ops, "Test-password-2026")
    assert get_customer(session, ops, customer.id).company_id == 7106


def test_printing_a_bill_is_recorded(session, make, ops, admin):
    from opcms_desktop.services.billing.document import invoice_document

    from .invoice_builders import issued

    customer = make.customer("打印客户", company_id=7107)
    bill = issued(session, ops, customer, "100.00", dt.date(2026, 2, 1))
    document = invoice_document(session, ops, invoice_id=bill.invoice_id)
    (entry,) = entries(session)
    assert (entry.action, entry.entity, entry.target, entry.row_count) == (
        "print",
        "invoice",
        document.number,
        1,
    )
    assert access_log.verify_access_chain(session, admin).ok


def test_revealing_a_contact_is_recorded(session, make, ops, admin):
    from opcms_desktop.services.followup import contacts

    customer = make.customer("联系人客户", company_id=7108)
    view = contacts.add_contact(
        session, ops, customer.id, contacts.ContactInput(name="王先生", mobile="13800138000")
    )
    contacts.reveal_contact(session, ops, view.id)
    (entry,) = entries(session)
    assert (entry.action, entry.entity, entry.target, entry.details) == (
        "reveal",
        "contact",
        str(view.id),
        {"company_id": 7108},
    )


def test_bill_and_receipt_list_exports_are_recorded_and_stamped(session, make, ops, tmp_path):
    from opcms_desktop.services.receivables.receipt_export import export_receipts_xlsx
    from opcms_desktop.services.receivables.report_xlsx import export_invoices_xlsx

    from .invoice_builders import issued, receipt

    customer = make.customer("导出客户", company_id=7109)
    issued(session, ops, customer, "100.00", dt.date(2026, 2, 1))
    receipt(session, ops, customer, "100.00", dt.date(2026, 2, 3))
    export_invoices_xlsx(session, ops, tmp_path / "bills.xlsx")
    export_receipts_xlsx(session, ops, tmp_path / "receipts.xlsx")
    recorded = [(e.action, e.entity, e.row_count) for e in entries(session)]
    assert recorded == [("export", "invoices", 1), ("export", "receipts", 1)]
    for name in ("bills.xlsx", "receipts.xlsx"):
        assert load_workbook(tmp_path / name).properties.creator == "ops1（ops1）"


def test_the_access_chain_cut_at_its_end_no_longer_verifies(session, admin, ops):
    from opcms_desktop.services.audit import anchors

    for n in range(3):
        access_log.record_access(session, ops, "view", "customer", n, rows=1)
    assert anchors.latest(session, "access").reason == "daily"  # the day's first row anchored the chain
    anchors.write_checkpoint(session, "access", "backup")  # as every backup does
    assert access_log.verify_access_chain(session, admin).ok
    last = session.scalar(select(AccessEntry).order_by(AccessEntry.id.desc()).limit(1))
    session.delete(last)
    session.flush()
    report = access_log.verify_access_chain(session, admin)
    assert not report.ok and report.reason in ("audit.chain_truncated", "audit.chain_rewritten")
