"""Receivables reports: aging as of several dates, settlement of a period, receipts by month, xlsx."""

import dataclasses
import datetime as dt

import openpyxl
import pytest

from opcms_desktop.services.billing import invoices
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError
from opcms_desktop.services.receivables import allocation, reports
from opcms_desktop.services.receivables.report_xlsx import export_report_xlsx

from .invoice_builders import D, draft, issued, receipt

Z = D("0.00")


@pytest.fixture
def ledger(session, make, ops, sales):
    """Three customers' invoices, payments and one credit note across January to April 2026."""
    a = make.customer("甲公司", company_id=1001)
    b = make.customer("乙公司", company_id=1002, sales=sales)
    c = make.customer("丙公司", company_id=1003)
    inv1 = issued(session, ops, a, "1000.00", dt.date(2026, 1, 5), "2025-12")  # due 2026-02-04
    inv2 = issued(session, ops, a, "500.00", dt.date(2026, 2, 1), "2026-01")  # due 2026-03-03
    inv3 = issued(session, ops, b, "200.00", dt.date(2026, 1, 10), "2025-12", terms=15)  # due 2026-01-25
    inv4 = issued(session, ops, c, "300.00", dt.date(2026, 1, 5), "2025-12")  # due 2026-02-04
    draft(session, c, "2025-12", kind="package", lines=(("套餐", "99.00"),))
    invoices.credit_invoice(session, ops, inv4.invoice_id, "重复开票", issue_date=dt.date(2026, 3, 1))
    allocation.allocate(session, ops, receipt(session, ops, a, "400.00", dt.date(2026, 2, 10)).id,
                        inv1.invoice_id, "400.00")
    allocation.allocate(session, ops, receipt(session, ops, b, "200.00", dt.date(2026, 4, 1)).id,
                        inv3.invoice_id, "200.00")
    receipt(session, ops, a, "50.00", dt.date(2025, 12, 31))
    receipt(session, ops, c, "70.00", dt.date(2026, 5, 2))
    return {"a": a, "b": b, "c": c, "inv2": inv2}


def aging(session, actor, day):
    report = reports.ar_aging(session, actor, day)
    buckets = {k: v for k, v in report.total.amounts.items() if v != Z}
    return buckets, {line.company_id: {k: v for k, v in line.amounts.items() if v != Z} for line in report.customers}


def test_ar_aging_as_of_several_dates(session, ledger, ops):
    assert aging(session, ops, dt.date(2026, 1, 4)) == ({}, {})
    assert aging(session, ops, dt.date(2026, 1, 31)) == (
        {"current": D("1300.00"), "1-30": D("200.00")},
        {1001: {"current": D("1000.00")}, 1002: {"1-30": D("200.00")}, 1003: {"current": D("300.00")}})
    # The due date itself is still current; 400.00 paid on 2026-02-10 counts from then on.
    assert aging(session, ops, dt.date(2026, 2, 4)) == (
        {"current": D("1800.00"), "1-30": D("200.00")},
        {1001: {"current": D("1500.00")}, 1002: {"1-30": D("200.00")}, 1003: {"current": D("300.00")}})
    assert aging(session, ops, dt.date(2026, 2, 28)) == (
        {"current": D("500.00"), "1-30": D("900.00"), "31-60": D("200.00")},
        {1001: {"current": D("500.00"), "1-30": D("600.00")}, 1002: {"31-60": D("200.00")},
         1003: {"1-30": D("300.00")}})
    # From the credit note's date on, 丙公司's cancelled invoice is gone.
    assert aging(session, ops, dt.date(2026, 3, 1))[1] == {1001: {"current": D("500.00"), "1-30": D("600.00")},
                                                           1002: {"31-60": D("200.00")}}
    report = reports.ar_aging(session, ops, dt.date(2026, 5, 10))
    assert [(line.company_id, line.amounts) for line in report.customers] == [
        (1001, {"current": Z, "1-30": Z, "31-60": Z, "61-90": D("500.00"), "90+": D("600.00")})]
    assert report.total.total == D("1100.00")


def test_sales_see_aging_of_their_own_customers_only(session, ledger, sales, other_sales):
    assert aging(session, sales, dt.date(2026, 2, 28)) == ({"31-60": D("200.00")}, {1002: {"31-60": D("200.00")}})
    assert aging(session, other_sales, dt.date(2026, 2, 28)) == ({}, {})


def test_settlement_of_a_period(session, ledger, ops, sales):
    report = reports.settlement_status(session, ops, "2025-12", as_of=dt.date(2026, 3, 10))
    t = report.total
    assert (t.invoices, t.invoiced, t.received, t.outstanding, t.overdue, t.collection_rate) == (
        2, D("1200.00"), D("600.00"), D("600.00"), D("600.00"), D("0.5000"))
    assert (report.drafts, report.cancelled) == (1, 1)
    assert [(c.company_id, c.invoiced, c.received, c.collection_rate) for c in report.customers] == [
        (1001, D("1000.00"), D("400.00"), D("0.4000")), (1002, D("200.00"), D("200.00"), D("1.0000"))]
    jan = reports.settlement_status(session, ops, "2026-01", as_of=dt.date(2026, 3, 3))
    assert (jan.total.outstanding, jan.total.overdue) == (D("500.00"), Z)  # due today is not overdue
    empty = reports.settlement_status(session, ops, "2024-01")
    assert (empty.total.invoiced, empty.total.collection_rate, empty.customers) == (Z, None, ())
    mine = reports.settlement_status(session, sales, "2025-12", as_of=dt.date(2026, 3, 10))
    assert [c.company_id for c in mine.customers] == [1002] and mine.total.collection_rate == D("1.0000")


def test_receipts_by_customer_and_month(session, ledger, ops):
    report = reports.receipts_by_month(session, ops, "2026-01", "2026-04")
    assert report.months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert [(c.company_id, c.amounts, c.total) for c in report.customers] == [
        (1001, {"2026-01": Z, "2026-02": D("400.00"), "2026-03": Z, "2026-04": Z}, D("400.00")),
        (1002, {"2026-01": Z, "2026-02": Z, "2026-03": Z, "2026-04": D("200.00")}, D("200.00"))]
    assert report.total.total == D("600.00")
    assert reports.receipts_by_month(session, ops, "2025-12", "2025-12").total.amounts == {"2025-12": D("50.00")}
    with pytest.raises(ValidationError) as caught:
        reports.receipts_by_month(session, ops, "2026-04", "2026-01")
    assert caught.value.code == "receivables.report.invalid_month_range"
    assert [(p.code, p.field) for p in caught.value.problems] == [("receivables.report.from_after_to", "from")]
    with pytest.raises(ValidationError) as caught:
        reports.receipts_by_month(session, ops, "2000-01", "2026-01")
    assert [(p.code, p.params) for p in caught.value.problems] == [("receivables.report.too_many_months",
                                                                   {"maximum": 120})]
    assert reports.months_between("2016-02", "2026-01")[::119] == ("2016-02", "2026-01")  # 120 months is fine
    for bad in ("2026-13", "26-01", "9999-12"):
        with pytest.raises(ValidationError) as caught:
            reports.receipts_by_month(session, ops, bad, "2026-01")
        assert caught.value.code == "period.invalid" and caught.value.problems[0].field == "from"
    with pytest.raises(ValidationError) as caught:
        reports.settlement_status(session, ops, "2026-1")
    assert caught.value.code == "period.invalid"


def test_reports_write_real_numbers_to_xlsx(session, ledger, ops, sales, tmp_path):
    path = tmp_path / "aging.xlsx"
    assert export_report_xlsx(session, ops, reports.ar_aging(session, ops, dt.date(2026, 2, 28)), path) == 4
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]][:3] == ["公司id", "客户名称", "未到期"]
    first = ws[2]
    assert (first[0].value, first[1].value, first[2].data_type, D(str(first[3].value))) == (
        1001, "甲公司", "n", D("600.00"))
    assert ws.cell(5, 2).value == "合计" and D(str(ws.cell(5, 8).value)) == D("1600.00")
    settle = tmp_path / "settlement.xlsx"
    export_report_xlsx(session, ops, reports.settlement_status(session, ops, "2025-12", dt.date(2026, 3, 10)), settle)
    rate = openpyxl.load_workbook(settle).active.cell(4, 8)
    assert rate.data_type == "n" and D(str(rate.value)) == D("0.5") and rate.number_format == "0.00%"
    export_report_xlsx(session, ops, reports.receipts_by_month(session, ops, "2026-01", "2026-04"), tmp_path / "r.xlsx")
    viewer = dataclasses.replace(sales, permissions=frozenset({"reports.view"}))
    with pytest.raises(PermissionDenied, match="reports.export"):
        export_report_xlsx(session, viewer, reports.ar_aging(session, viewer, dt.date(2026, 2, 28)), tmp_path / "x.xlsx")
