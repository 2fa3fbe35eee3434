"""Screenshots of the receivables screens, with demo invoices, receipts and allocations.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py invoices invoice-pdf allocation ar-aging

Demo data goes in through the services: the real customer sheet (unless another shot imported it),
draft invoices written as the bill run would (ORM), issued on past dates, receipts, allocations.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget
from screenshots import OUT, Studio, shot
from sqlalchemy import func, select

from opcms_desktop.models import Customer, Invoice, InvoiceLine
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing.document import invoice_document
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.receivables import allocation, receipts

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    # Run as scripts/screenshots.py: register with the module that runs (see shots_customers.py).
    shot = sys.modules["__main__"].shot  # noqa: F811

SHEET = Path("/work/shared/data/customers-2025-12.xlsx")
if not SHEET.exists():
    SHEET = Path(__file__).resolve().parents[2] / "shared" / "data" / "customers-2025-12.xlsx"
TODAY = dt.date.today()
D = Decimal

# 公司id -> (single-floor shoots per month, multi-floor floors per month, unit prices)
DEMO = {9: (120, 18), 13: (260, 40), 5: (86, 12), 10: (340, 66), 11: (150, 0), 12: (95, 30), 14: (40, 8),
        15: (62, 0)}
# (period, days ago it was issued) — with 30 days' terms the first one is far past due
PERIODS = [("2026-06", 170), ("2026-07", 110), ("2026-08", 80), ("2026-09", 48), ("2026-10", 17)]


def _lines(period: str, single: int, floors: int, factor: int) -> list[tuple[str, str, D, D, str | None]]:
    """(series, description, quantity, unit price, formula) of one month, varying a little by month."""
    singles = single + factor * 7 % 23
    lines = [("X", f"X系列 单层拍摄 {period}", D(singles), D("25"), None)]
    if floors:
        lines.append(("N", f"N系列 多层拍摄 共 {floors + factor} 层", D(floors + factor), D("10"), "14+（F-1）*10"))
    if single > 200:
        lines.append(("L", "L系列 单层拍摄（面积计费）", D("1860.5"), D("0.125"), "0.125 元/m²"))
    return lines


def _customer_ids(studio: Studio) -> dict[int, int]:
    with session_scope(studio.factory) as s:
        if not s.scalar(select(func.count()).select_from(Customer)):
            import_customers(s, studio.actor, SHEET)
    with session_scope(studio.factory) as s:
        rows = s.execute(select(Customer.company_id, Customer.id).where(Customer.company_id.in_(list(DEMO))))
        return {company_id: customer_id for company_id, customer_id in rows}


def seeded(studio: Studio) -> Studio:
    if getattr(studio, "receivables", None) is not None:
        return studio
    ids = _customer_ids(studio)
    made: dict[tuple[int, str], int] = {}
    with session_scope(studio.factory) as s:
        for n, (company_id, (single, floors)) in enumerate(DEMO.items()):
            for m, (period, _ago) in enumerate([*PERIODS, ("2026-11", 0)]):
                if (n + m) % 7 == 6:
                    continue  # a month without usage now and then
                lines = _lines(period, single, floors, n + m)
                amounts = [(q * p).quantize(D("0.01")) for _s, _d, q, p, _f in lines]
                invoice = Invoice(customer_id=ids[company_id], period=period, kind="usage", status="draft",
                                  total=sum(amounts, D("0.00")), payment_terms_days=30)
                s.add(invoice)
                s.flush()
                for seq, ((series, text, qty, price, formula), amount) in enumerate(zip(lines, amounts, strict=True), 1):
                    s.add(InvoiceLine(invoice_id=invoice.id, seq=seq, series=series, description=text,
                                      quantity=qty, unit_price=price, formula=formula, amount=amount))
                made[(company_id, period)] = invoice.id
    with session_scope(studio.factory) as s:
        for period, ago in PERIODS:
            invoices.issue_invoices(s, studio.actor, period=period, issue_date=TODAY - dt.timedelta(days=ago))
    with session_scope(studio.factory) as s:
        paid = _pay(s, studio, ids, made)
        credit_one = next(made[k] for k in ((11, "2026-09"), (11, "2026-10"), (11, "2026-08")) if k in made)
        invoices.credit_invoice(s, studio.actor, credit_one, "单价按旧方案计算，重开")
    studio.receivables = {"ids": ids, "invoices": made, "receipts": paid}
    return studio


def _pay(s, studio: Studio, ids: dict[int, int], made: dict[tuple[int, str], int]) -> dict[str, int]:
    """Receipts paying most of the older months; one receipt left partly unallocated for the shot."""
    out = {}
    pay_plan = [  # (company, period, days ago, fraction paid)
        *((c, "2026-06", 130, 1) for c in (9, 13, 10, 12, 14, 15)),
        (9, "2026-07", 85, 1), (13, "2026-07", 80, 1), (10, "2026-07", 76, 1), (15, "2026-07", 70, 1),
        (9, "2026-08", 50, 1), (13, "2026-08", 40, D("0.5")), (10, "2026-08", 44, 1), (12, "2026-08", 30, 1),
        (14, "2026-08", 36, D("0.6")), (10, "2026-09", 12, 1), (15, "2026-09", 8, 1),
    ]
    for company_id, period, ago, fraction in pay_plan:
        invoice_id = made.get((company_id, period))
        if invoice_id is None:
            continue
        total = invoices.invoice_row(s, studio.actor, invoice_id).total
        amount = (total * fraction).quantize(D("0.01"))
        receipt = receipts.record_receipt(s, studio.actor, receipts.ReceiptInput(
            customer_id=ids[company_id], receipt_date=TODAY - dt.timedelta(days=ago), amount=amount,
            method="银行转账", reference=f"BK{TODAY:%y}{ago:03d}{company_id:02d}", payer=None))
        allocation.allocate(s, studio.actor, receipt.id, invoice_id, amount)
    # 我爱我家 paid a round sum covering June and part of July: left for the allocation shot
    first = invoices.invoice_row(s, studio.actor, made[(5, "2026-06")])
    receipt = receipts.record_receipt(s, studio.actor, receipts.ReceiptInput(
        customer_id=ids[5], receipt_date=TODAY - dt.timedelta(days=3), amount=D("6000.00"), method="银行转账",
        reference="BK2611180042", payer="北京我爱我家房地产经纪有限公司", note="6-7月拍摄费"))
    wrong = allocation.allocate(s, studio.actor, receipt.id, made[(5, "2026-09")], D("500.00"))
    allocation.unallocate(s, studio.actor, wrong.id, "核销错发票，应先冲最早到期的")
    allocation.allocate(s, studio.actor, receipt.id, first.id, first.total)
    out["wawj"] = receipt.id
    return out


def _settled_window(studio: Studio, key: str, width: int = 1280, height: int = 760) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(width, height)
    window.open_screen(key)
    return window


@shot("invoices")
def invoices_screen(studio: Studio) -> QWidget:
    window = _settled_window(studio, "invoices")
    window.show()
    studio.settle()
    screen = window.screens["invoices"]
    screen.table.selectRow(_row_of(studio, screen.model, studio.receivables["invoices"][(5, "2026-09")]))
    return window


@shot("invoice-detail")
def invoice_detail(studio: Studio) -> QWidget:
    from opcms_desktop.ui.invoices.detail_dialog import InvoiceDetailDialog

    seeded(studio)
    return InvoiceDetailDialog(studio.ctx, studio.receivables["invoices"][(5, "2026-09")])


@shot("invoice-pdf")
def invoice_pdf(studio: Studio) -> QWidget:
    """Render the PDF as the screen does, convert page 1 with pdftoppm, show that image."""
    from opcms_desktop.ui.invoice_pdf import write_invoice_pdf

    seeded(studio)
    with session_scope(studio.factory) as s:
        document = invoice_document(s, studio.actor, invoice_id=studio.receivables["invoices"][(10, "2026-08")])
    pdf = write_invoice_pdf(document, studio.dir / "invoice.pdf")
    target = OUT / "invoice-pdf.png"
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed for the invoice-pdf shot")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(target.with_suffix(""))], check=True)
    label = QLabel()
    pixmap = QPixmap(str(target))
    label.setPixmap(pixmap)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFixedSize(pixmap.size())
    return label


def _row_of(studio: Studio, model, wanted: int, timeout: float = 20.0) -> int:
    """The model row of id `wanted`, once its page arrived (pages load in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        found = next((i for i in range(model.rowCount())
                      if model.row_at(i) is not None and model.row_at(i).id == wanted), None)
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise SystemExit(f"row {wanted} did not load in {timeout:.0f} s ({model.rowCount()} rows)")
        studio.settle(100)


@shot("allocation")
def allocation_screen(studio: Studio) -> QWidget:
    window = _settled_window(studio, "receipts", 1280, 820)
    screen = window.screens["receipts"]
    window.show()
    studio.settle()
    row = _row_of(studio, screen.model, studio.receivables["receipts"]["wawj"])
    screen.table.selectRow(row)
    studio.settle()
    return window


@shot("ar-aging")
def ar_aging_screen(studio: Studio) -> QWidget:
    return _settled_window(studio, "reports", 1280, 640)


def _reports_tab(studio: Studio, name: str) -> QWidget:
    window = _settled_window(studio, "reports", 1280, 640)
    window.show()
    studio.settle()
    screen = window.screens["reports"]
    screen.tabs.setCurrentWidget(getattr(screen, name))
    return window


@shot("settlement-status")
def settlement_screen(studio: Studio) -> QWidget:
    window = _reports_tab(studio, "settlement")
    tab = window.screens["reports"].settlement
    studio.settle()
    tab.set_period("2026-08")
    tab.run()
    return window


@shot("receipts-by-month")
def receipts_by_month_screen(studio: Studio) -> QWidget:
    return _reports_tab(studio, "receipts")


@shot("receipt-import")
def receipt_import(studio: Studio) -> QWidget:
    from openpyxl import Workbook

    from opcms_desktop.ui.receipts.import_dialog import ReceiptImportDialog

    seeded(studio)
    path = studio.dir / "bank-2026-11.xlsx"
    book = Workbook()
    sheet = book.active
    day = TODAY - dt.timedelta(days=1)
    for row in (["交易日期", "对方户名", "收入金额", "交易流水号", "附言", "公司id"],
                [day, "乐有家", 7482.56, "BK2611200001", "10月拍摄费", None],
                [day, "深圳市某某科技有限公司", 3190.00, "BK2611200002", "万科 10月", 12],
                [day, "吉家地产（北京）有限公司", 1205.00, "BK2611200003", "拍摄费", None],
                [day, "张先生", 300.00, "BK2611200004", "代付", None],
                [TODAY - dt.timedelta(days=3), "北京我爱我家房地产经纪有限公司", 6000.00, "BK2611180042", "", None]):
        sheet.append(row)
    book.save(path)
    dialog = ReceiptImportDialog(studio.ctx)
    dialog.load_file(str(path))
    return dialog


@shot("receipt-entry")
def receipt_entry(studio: Studio) -> QWidget:
    from opcms_desktop.ui.receipts.entry_dialog import ReceiptEntryDialog

    seeded(studio)
    dialog = ReceiptEntryDialog(studio.ctx)
    dialog.picker.search.setText("wawj")
    dialog.picker.run_search()
    dialog.amount.setText("2,620.00")
    dialog.reference.setText("BK2611210007")
    return dialog
