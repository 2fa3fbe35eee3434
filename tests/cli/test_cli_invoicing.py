"""`opcms invoices/invoice/receipt/allocate/unallocate/import receipts/report` end to end, on both databases."""

import openpyxl
import pytest
from sqlalchemy import select

from opcms_desktop.models import User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.security.auth import actor_for

from ..factories import Factory
from ..services.invoice_builders import draft

SALES_PASSWORD = "Sales-pass-2026"


@pytest.fixture
def billed(initialised_cli):
    """Two customers with January drafts (as the bill run leaves them) and a sales user owning one."""
    cli = initialised_cli
    code, _, err = cli.as_admin("user", "add", "liuji", "--role", "sales", env={"OPCMS_NEW_PASSWORD": SALES_PASSWORD})
    assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        make = Factory(session)
        liuji = actor_for(session, session.scalars(select(User).where(User.username == "liuji")).one())
        lianjia = make.customer("链家", company_id=1101, sales=liuji)
        woai = make.customer("我爱我家", company_id=1102)
        draft(session, woai, "2026-01", lines=(("N系列 多层 10 层", "250.50"),), terms=15)
        draft(session, lianjia, "2026-01", lines=(("X系列 单层 40 次", "600.00"), ("N系列 多层 8 层", "400.00")))
    engine.dispose()
    return cli


def test_issue_allocate_credit_and_report(billed, tmp_path):
    cli = billed
    code, data, err = cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01", "--json")
    assert code == 0, err
    assert data == {"issued": [
        {"number": "INV-2026-000001", "company_id": 1101, "amount": "1000.00", "due_date": "2026-03-03"},
        {"number": "INV-2026-000002", "company_id": 1102, "amount": "250.50", "due_date": "2026-02-16"}]}

    code, data, err = cli.as_admin("receipt", "add", "--company-id", "1101", "--amount", "700", "--date",
                                   "2026-02-20", "--reference", "B001", "--json")
    assert code == 0, err
    receipt_id = data["receipt_id"]
    assert data == {"receipt_id": receipt_id, "company_id": 1101, "amount": "700.00"}

    code, data, err = cli.as_admin("allocate", "--receipt", str(receipt_id), "--invoice", "INV-2026-000001",
                                   "--amount", "600", "--json")
    assert code == 0, err
    assert (data["amount"], data["invoice_outstanding"], data["payment_status"], data["receipt_unallocated"]) == (
        "600.00", "400.00", "partially_paid", "100.00")
    allocation_id = data["allocation_id"]
    code, data, err = cli.as_admin("allocate", "--receipt", str(receipt_id), "--invoice", "INV-2026-000001",
                                   "--amount", "100.01", "--json")
    assert code == 2 and "only 100.00 of it is unallocated" in err
    assert data["error"]["code"] == "receivables.allocate.over_receipt"
    assert data["error"]["params"] == {"amount": "100.01", "receipt_id": receipt_id, "left": "100.00"}
    code, _, err = cli.as_admin("allocate", "--receipt", str(receipt_id), "--invoice", "INV-2026-000001",
                                "--amount", "100.01", lang="zh_CN")
    assert code == 2 and f"收款 #{receipt_id} 只剩 100.00 未核销" in err
    for absurd, problem in (("1e309", "amount.too_large"), ("NaN", "amount.not_a_number")):
        code, data, err = cli.as_admin("allocate", "--receipt", str(receipt_id), "--invoice", "INV-2026-000001",
                                       "--amount", absurd, "--json")
        assert code == 2 and [p["code"] for p in data["error"]["problems"]] == [problem], err

    code, data, _ = cli.as_admin("invoices", "list", "--period", "2026-01", "--overdue", "--as-of", "2026-03-04",
                                 "--json")
    assert [(r["number"], r["outstanding"], r["days_overdue"]) for r in data["invoices"]] == [
        ("INV-2026-000001", "400.00", 1), ("INV-2026-000002", "250.50", 16)]
    xlsx = tmp_path / "list.xlsx"
    code, data, _ = cli.as_admin("invoices", "list", "--status", "issued", "--xlsx", str(xlsx), "--json")
    assert data["count"] == 2 and data["xlsx"]["rows"] == 2
    assert openpyxl.load_workbook(xlsx).active["G2"].data_type == "n"

    code, data, _ = cli.as_admin("report", "ar-aging", "--as-of", "2026-03-04", "--json")
    assert data == {"as_of": "2026-03-04",
                    "total": {"current": "0.00", "1-30": "650.50", "31-60": "0.00", "61-90": "0.00", "90+": "0.00"},
                    "customers": [
                        {"company_id": 1101, "current": "0.00", "1-30": "400.00", "31-60": "0.00", "61-90": "0.00",
                         "90+": "0.00"},
                        {"company_id": 1102, "current": "0.00", "1-30": "250.50", "31-60": "0.00", "61-90": "0.00",
                         "90+": "0.00"}]}
    code, data, _ = cli.as_admin("report", "settlement", "--period", "2026-01", "--as-of", "2026-03-04", "--json")
    assert (data["invoiced"], data["received"], data["outstanding"], data["overdue"], data["collection_rate"]) == (
        "1250.50", "600.00", "650.50", "650.50", "0.4798")
    code, data, _ = cli.as_admin("report", "receipts", "--from", "2026-01", "--to", "2026-02",
                                 "--xlsx", str(tmp_path / "r.xlsx"), "--json")
    assert data["customers"] == [{"company_id": 1101, "name": "链家", "months": {"2026-01": "0.00",
                                                                                 "2026-02": "700.00"},
                                  "total": "700.00"}]
    assert data["xlsx"]["rows"] == 2

    code, _, err = cli.as_admin("invoice", "credit", "INV-2026-000001", "--reason", "重开", "--json")
    assert code == 2 and "un-allocate" in err
    code, data, err = cli.as_admin("unallocate", "--allocation", str(allocation_id), "--reason", "冲正前", "--json")
    assert code == 0 and data["reversed"] is True, err
    code, data, err = cli.as_admin("invoice", "credit", "INV-2026-000001", "--reason", "重开", "--date",
                                   "2026-03-05", "--json")
    assert code == 0, err
    assert (data["credit_note"], data["total"], data["status"]) == ("CN-2026-000001", "-1000.00", "cancelled")
    code, data, _ = cli.as_admin("invoice", "show", "INV-2026-000001", "--json")
    assert data["status"] == "cancelled" and [c["number"] for c in data["credit_notes"]] == ["CN-2026-000001"]
    assert [(a["amount"], a["active"]) for a in data["allocations"]] == [("600.00", False)]
    assert [ln["amount"] for ln in data["lines"]] == ["600.00", "400.00"]


def test_sales_are_scoped_and_refused(billed):
    cli = billed
    cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01")

    def as_sales(*args):
        return cli(*args, user="liuji", password=SALES_PASSWORD)

    code, data, _ = as_sales("invoices", "list", "--json")
    assert code == 0 and [r["company_id"] for r in data["invoices"]] == [1101]
    code, data, err = as_sales("invoice", "show", "INV-2026-000002", "--json")
    assert code == 2 and "no bill" in err and data["error"]["code"] == "billing.number_not_found"
    code, _, err = as_sales("invoices", "issue", "--period", "2026-01", "--json")
    assert code == 3 and "invoices.issue" in err
    code, _, err = as_sales("receipt", "add", "--company-id", "1101", "--amount", "1", "--date", "2026-02-02")
    assert code == 3 and "receipts.record" in err
    code, _, err = as_sales("allocate", "--receipt", "1", "--invoice", "INV-2026-000001", "--amount", "1")
    assert code == 3 and "receipts.allocate" in err
    code, data, _ = as_sales("report", "ar-aging", "--as-of", "2026-03-04", "--json")
    assert [c["company_id"] for c in data["customers"]] == [1101]


def test_bad_input_is_exit_2(billed):
    cli = billed
    code, _, _ = cli.as_admin("invoices", "issue", "--period", "2026-1", "--json")
    assert code == 2
    code, _, err = cli.as_admin("receipt", "add", "--company-id", "1101", "--amount", "-5", "--date", "2026-02-02")
    assert code == 2 and "greater than 0" in err
    code, data, _ = cli.as_admin("report", "receipts", "--from", "2026-04", "--to", "2026-01", "--json")
    assert code == 2 and data["error"]["code"] == "receivables.report.invalid_month_range"
    code, data, _ = cli.as_admin("report", "settlement", "--period", "2026-13", "--json")
    assert code == 2 and data["error"]["code"] == "period.invalid"
    code, data, err = cli.as_admin("invoice", "show", "INV-2099-000001", "--json")
    assert code == 2 and "no bill" in err and data["error"]["code"] == "billing.number_not_found"


def test_import_receipts_dry_run_then_commit(billed, tmp_path):
    cli = billed
    path = tmp_path / "bank.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["日期", "付款方", "金额", "参考号", "公司id"])
    wb.active.append(["2026-02-03", "链家", 500, "T1", None])
    wb.active.append(["2026-02-04", "我爱我家（上海）有限公司", 250.5, "T2", None])
    wb.active.append(["2026-02-05", "陌生人", 9, "T3", None])
    wb.save(path)
    code, data, err = cli.as_admin("import", "receipts", str(path), "--dry-run", "--json")
    assert code == 0, err
    assert {k: data[k] for k in ("rows", "inserted", "updated", "unchanged", "rejected", "dry_run")} == {
        "rows": 3, "inserted": 1, "updated": 0, "unchanged": 0, "rejected": 2, "dry_run": True}
    assert [(m["match"], m["company_id"]) for m in data["matches"]] == [("name", 1101), ("fuzzy", 1102),
                                                                        ("none", None)]
    assert [(e["row"], e["code"]) for e in data["errors"] if e["level"] == "error"] == [
        (3, "receivables.import.fuzzy_unconfirmed"), (4, "receivables.match.no_similar_name")]
    assert data["errors"][0]["params"] == {"name": "我爱我家", "company_id": 1102}
    assert data["matches"][2]["note"]["code"] == "receivables.match.no_similar_name"
    code, data, _ = cli.as_admin("import", "receipts", str(path), "--accept-fuzzy", "--json")
    assert (data["inserted"], data["rejected"], len(data["receipt_ids"])) == (2, 1, 2)
    code, data, _ = cli.as_admin("import", "receipts", str(path), "--accept-fuzzy", "--json")
    assert (data["inserted"], data["unchanged"], data["rejected"]) == (0, 2, 1)
    code, data, _ = cli.as_admin("receipt", "list", "--json")
    assert data["count"] == 2 and data["amount"] == "750.50"


def test_invoice_pdf(billed, tmp_path):
    cli = billed
    cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01")
    target = tmp_path / "inv.pdf"
    code, data, err = cli.as_admin("invoice", "pdf", "INV-2026-000001", str(target), "--json")
    assert code == 0, err
    assert data["file"] == str(target) and target.read_bytes().startswith(b"%PDF")


def test_tax_invoice_recorded_listed_filtered_and_cleared(billed):
    cli = billed
    cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01")
    code, data, err = cli.as_admin("invoices", "tax-invoice", "INV-2026-000001", "--number", "25112000000000012345",
                                   "--date", "2026-02-05", "--json")
    assert code == 0, err
    (row,) = data["invoices"]
    assert (row["tax_invoice_status"], row["tax_invoice_number"], row["tax_invoice_date"]) == (
        "issued", "25112000000000012345", "2026-02-05")
    assert "record_tax_invoice" not in row["actions"] and "clear_tax_invoice" in row["actions"]

    code, data, _ = cli.as_admin("invoices", "list", "--tax-invoice", "none", "--json")
    assert code == 0 and [r["number"] for r in data["invoices"]] == ["INV-2026-000002"]
    assert data["invoices"][0]["tax_invoice_status"] == "none" and data["invoices"][0]["tax_invoice_number"] is None
    code, data, _ = cli.as_admin("invoices", "list", "--tax-invoice", "issued", "--json")
    assert [r["number"] for r in data["invoices"]] == ["INV-2026-000001"]
    code, _, err = cli.as_admin("invoices", "list", "--tax-invoice", "maybe")
    assert code == 2

    code, data, err = cli.as_admin("invoices", "tax-invoice", "INV-2026-000001", "--number", "X", "--date",
                                   "2026-02-06", "--json")
    assert code == 2 and data["error"]["code"] == "billing.tax_invoice.already_recorded"
    code, text, err = cli.as_admin("invoices", "clear-tax-invoice", "INV-2026-000001", "--reason", "录错")
    assert code == 0 and "cleared on 1 bills" in text
    code, data, _ = cli.as_admin("invoices", "list", "--tax-invoice", "none", "--json")
    assert [r["number"] for r in data["invoices"]] == ["INV-2026-000001", "INV-2026-000002"]
    code, text, _ = cli.as_admin("invoices", "list", "--tax-invoice", "none", lang="zh_CN")
    assert "2 张账单" in text and "未开票" in text and "发票" not in text.splitlines()[0]
