"""Receipts (收款): recording, listing, and importing a bank export with matching and duplicate detection."""

import datetime as dt
import inspect

import openpyxl
import pytest
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, Receipt
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError
from opcms_desktop.services.receivables import allocation, receipt_import, receipts
from opcms_desktop.services.receivables.receipt_import import (
    CustomerDirectory,
    MatchedCustomer,
    normalise_name,
)

from .invoice_builders import D, issued, receipt

FEB_3 = dt.date(2026, 2, 3)


def test_record_a_receipt_and_see_it_in_the_list(session, make, ops, sales):
    c = make.customer("收款客户", company_id=601, sales=sales)
    other = make.customer("别人的客户", company_id=602)
    row = receipts.record_receipt(session, ops, receipts.ReceiptInput(
        customer_id=c.id, receipt_date=FEB_3, amount="1,250.50", method="银行转账", reference=" TX-1 ",
        payer="收款客户有限公司", note=""))
    assert (row.amount, row.unallocated, row.reference, row.note, row.company_id) == (
        D("1250.50"), D("1250.50"), "TX-1", None, 601)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "receipt")).one()
    assert entry.action == "create" and entry.changes["amount"] == [None, "1250.50"]
    receipt(session, ops, other, "99.00", dt.date(2026, 2, 4))
    inv = issued(session, ops, c, "250.50", FEB_3)
    allocation.allocate(session, ops, row.id, inv.invoice_id, "250.50")

    page = receipts.list_receipts(session, ops)
    assert [(r.company_id, r.amount, r.unallocated) for r in page.rows] == [
        (602, D("99.00"), D("99.00")), (601, D("1250.50"), D("1000.00"))]
    assert (page.total_count, page.sum_amount, page.sum_unallocated) == (2, D("1349.50"), D("1099.00"))
    assert [r.id for r in receipts.list_receipts(session, ops, receipts.ReceiptFilter(
        date_from=dt.date(2026, 2, 4))).rows] == [page.rows[0].id]
    assert [r.company_id for r in receipts.list_receipts(session, sales).rows] == [601]
    detail = receipts.get_receipt(session, ops, row.id)
    assert [(a.invoice_number, a.amount) for a in detail.allocations] == [("INV-2026-000001", D("250.50"))]
    with pytest.raises(NotFound):
        receipts.get_receipt(session, sales, page.rows[0].id)


def test_bad_receipts_are_refused_with_every_problem(session, make, ops, sales):
    c = make.customer("客户")
    with pytest.raises(ValidationError) as caught:
        receipts.record_receipt(session, ops, receipts.ReceiptInput(customer_id=c.id, receipt_date="2026-02-03",
                                                                   amount="-5", method="x" * 41))
    assert caught.value.code == "receivables.receipt.invalid"
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("amount", "amount.not_positive"), ("receipt_date", "receivables.receipt.date_required"),
        ("method", "receivables.receipt.text_too_long")}
    assert next(p.params for p in caught.value.problems if p.field == "method") == {"limit": 40}
    with pytest.raises(ValidationError) as caught:
        receipts.record_receipt(session, ops, receipts.ReceiptInput(c.id, FEB_3, "1.005"))
    assert [p.code for p in caught.value.problems] == ["amount.too_many_decimals"]
    for absurd in ("1e309", "NaN", "1000000000.00"):
        with pytest.raises(ValidationError) as caught:
            receipts.record_receipt(session, ops, receipts.ReceiptInput(c.id, FEB_3, absurd))
        assert caught.value.problems[0].code in ("amount.too_large", "amount.not_a_number")
    with pytest.raises(NotFound) as missing:
        receipts.record_receipt(session, ops, receipts.ReceiptInput(999999, FEB_3, "1.00"))
    assert (missing.value.code, missing.value.params) == ("receivables.customer_not_found", {"customer_id": 999999})
    assert str(missing.value) == "There is no customer #999999 that you can see."
    with pytest.raises(PermissionDenied, match="receipts.record"):
        receipts.record_receipt(session, sales, receipts.ReceiptInput(c.id, FEB_3, "1.00"))
    assert session.scalar(select(func.count()).select_from(Receipt)) == 0


def test_names_are_normalised_for_fuzzy_matching():
    assert normalise_name("北京链家房地产经纪有限公司") == "北京链家房地产经纪"
    assert normalise_name("我爱我家（北京） 有限公司") == "我爱我家"
    assert normalise_name("ＡＢＣ Realty Co., Ltd.") == "abcrealtycoltd"
    directory = CustomerDirectory([MatchedCustomer(1, 11, "链家"), MatchedCustomer(2, 12, "我爱我家"),
                                   MatchedCustomer(3, 13, "上海链家"), MatchedCustomer(4, 14, "同名"),
                                   MatchedCustomer(5, 15, "同名")])
    assert directory.match("随便", 12)[:2] == ("id", directory.by_id[2])
    assert directory.match("链家", None)[:2] == ("name", directory.by_id[1])
    assert directory.match("我爱我家（北京）有限公司", None)[:2] == ("fuzzy", directory.by_id[2])
    assert directory.match("上海链家房产有限公司", None)[:2] == ("fuzzy", directory.by_id[3])  # longest contained
    kind, _, note = directory.match("同名", None)
    assert (kind, note.code, note.params) == ("none", "receivables.match.same_name",
                                              {"candidates": ("同名 (14)", "同名 (15)")})
    assert note.text() == "several customers have this name: 同名 (14), 同名 (15)"
    assert directory.match("完全不同的公司", None)[2].code == "receivables.match.no_similar_name"
    kind, _, note = directory.match("链家", 99)  # a wrong 公司id is never matched by name
    assert (kind, note.code, note.params) == ("none", "receivables.match.unknown_company_id", {"company_id": 99})


def _bank_sheet(path, rows, headers=("日期", "付款方", "金额", "摘要", "公司id")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_import_matches_confirms_and_never_doubles(session, make, ops, tmp_path):
    lianjia = make.customer("链家", company_id=701)
    woai = make.customer("我爱我家", company_id=702)
    make.customer("德佑", company_id=703)
    path = _bank_sheet(tmp_path / "bank.xlsx", [
        (dt.datetime(2026, 2, 3), "某某代付", 1000, "B001", 703),  # by 公司id
        ("2026/02/04", "链家", "2,500.50", "B002", None),  # by exact name
        (dt.date(2026, 2, 5), "我爱我家（北京）房地产经纪有限公司", 300.25, "B003", None),  # similar name
        ("2026-02-06", "无名氏", 10, "B004", None),  # no match
        ("2026-02-07", "链家", -20, "退款", None),  # not a receipt
        ("明天", "链家", 5, "B005", None),  # not a date
        ("2026-02-04", "链家", 2500.5, "B002", None),  # the same bank row twice in the file
    ])

    dry = receipt_import.import_receipts(session, ops, path, dry_run=True)
    assert [(m.row, m.match, m.customer.company_id if m.customer else None) for m in dry.matches] == [
        (2, "id", 703), (3, "name", 701), (4, "fuzzy", 702), (5, "none", None), (8, "name", 701)]
    report = dry.report
    assert (report.rows, report.inserted, report.unchanged, report.rejected) == (7, 2, 1, 4)
    assert {(i.row, i.code) for i in report.issues if i.level == "error"} == {
        (4, "receivables.import.fuzzy_unconfirmed"), (5, "receivables.match.no_similar_name"),
        (6, "receivables.import.amount_not_positive"), (7, "cells.not_a_date")}
    assert next(i.params for i in report.issues if i.row == 4) == {"name": "我爱我家", "company_id": 702}
    assert [(i.row, i.code, i.params) for i in report.issues if i.level == "warning"] == [
        (8, "receivables.duplicate.row", {"other_row": 3})]
    assert dry.matches[-1].duplicate_of.text("zh_CN").startswith("与第 3 行重复")
    assert session.scalar(select(func.count()).select_from(Receipt)) == 0

    # Commit with the fuzzy row confirmed (and the unknown payer assigned by hand).
    done = receipt_import.import_receipts(session, ops, path, confirmed={4: woai.id, 5: lianjia.id})
    assert (done.report.inserted, done.report.unchanged, done.report.rejected) == (4, 1, 2)
    stored = {(r.customer_id, r.amount, r.reference) for r in session.scalars(select(Receipt))}
    assert stored == {(session.scalar(select(Receipt.customer_id).where(Receipt.reference == "B001")), D("1000.00"),
                       "B001"), (lianjia.id, D("2500.50"), "B002"), (woai.id, D("300.25"), "B003"),
                      (lianjia.id, D("10.00"), "B004")}
    assert all(r.method == "银行转账" for r in session.scalars(select(Receipt)))
    events = session.scalars(select(AuditEntry).where(AuditEntry.entity == "receipts")).all()
    assert len(events) == 1 and events[0].changes["inserted"] == 4

    # Importing the same export again adds nothing and says why.
    again = receipt_import.import_receipts(session, ops, path, accept_fuzzy=True)
    assert (again.report.inserted, again.report.unchanged, again.report.rejected) == (0, 5, 2)
    duplicates = [i for i in again.report.issues if i.code == "receivables.duplicate.receipt"]
    assert len(duplicates) == 5 and all("not imported again" in i.message for i in duplicates)
    assert session.scalar(select(func.count()).select_from(Receipt)) == 4


def test_import_takes_a_reference_column_and_refuses_a_sheet_without_one(session, make, ops, tmp_path):
    make.customer("链家", company_id=801)
    path = _bank_sheet(tmp_path / "ref.xlsx", [("2026-02-03", "链家", 88.8, "转账", "REF-9")],
                       headers=("交易日期", "对方户名", "收入金额", "摘要", "参考号"))
    result = receipt_import.import_receipts(session, ops, path)
    stored = session.scalars(select(Receipt)).one()
    assert (result.report.inserted, stored.reference, stored.note, stored.amount) == (1, "REF-9", "转账", D("88.80"))
    bad = _bank_sheet(tmp_path / "bad.xlsx", [("2026-02-03", "链家", 1)], headers=("日期", "付款方", "金额"))
    with pytest.raises(ValidationError, match="摘要 or 参考号") as caught:
        receipt_import.import_receipts(session, ops, bad)
    assert [p.code for p in caught.value.problems] == ["receivables.import.reference_column_missing"]


def test_sales_cannot_import_receipts(session, sales, tmp_path):
    path = _bank_sheet(tmp_path / "s.xlsx", [])
    with pytest.raises(PermissionDenied, match="receipts.import"):
        receipt_import.import_receipts(session, sales, path, dry_run=True)


def test_every_receivables_function_declares_whether_it_writes():
    from opcms_desktop.services.platform.operations import declared
    from opcms_desktop.services.receivables import reports

    undeclared, kinds = [], {}
    for module in (receipts, allocation, receipt_import, reports):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            public = fn.__module__ == module.__name__ and not name.startswith("_")
            if public and list(inspect.signature(fn).parameters)[:2] == ["session", "actor"]:
                kind = declared(fn)
                if kind is None:
                    undeclared.append(name)
                else:
                    kinds[name] = kind
    assert undeclared == []
    assert kinds["allocate"].writes and kinds["allocate"].topics >= {"allocations", "receipts", "bills"}
    assert kinds["import_receipts"].writes and not kinds["check_receipt_import"].writes
    assert not any(kinds[name].writes for name in ("list_receipts", "suggest_allocations"))
    assert kinds["ar_aging"].topics == {"access_log"}  # a report run is read on record
