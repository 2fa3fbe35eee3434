"""What the bill list (账单) can do with its rows: issue drafts, credit (冲正), record or clear the tax
invoice (发票), save a PDF, export to Excel.

Which rows an action applies to comes from each row's `actions` (the state table in
services/billing/states.py), never from comparing status strings here. Each action asks the user first
where it must (confirm, reason, file name), then runs the service in the runner; the service's
declaration (@writes("bills", ...)) makes the runner broadcast what changed, so the list refreshes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ...services.billing.document import InvoiceDocument, invoice_document
from ...services.billing.invoices import IssueResult, clear_tax_invoice, credit_invoice, issue_invoices
from ...services.billing.queries import InvoiceFilter, InvoicePage, InvoiceRow, list_invoices
from ...services.receivables.report_xlsx import export_invoices_xlsx
from ..context import AppContext
from ..invoice_pdf import write_invoice_pdf
from ..kit.file_dialogs import ask_save_path
from ..kit.format import money_text
from ..kit.labels import invoice_label
from ..kit.reason_dialog import ReasonDialog
from ..kit.text import fmt
from .list_model import InvoiceListQuery
from .tax_invoice_dialog import TaxInvoiceDialog


def describe_issue(result: IssueResult) -> str:
    text = fmt(QCoreApplication.translate("Invoices", "已开具 %1 张账单"), len(result.issued))
    if result.issued:
        numbers = [r.number for r in result.issued]
        text += f"（{numbers[0]}{' … ' + numbers[-1] if len(numbers) > 1 else ''}）"
    if result.skipped:
        text += fmt(QCoreApplication.translate("Invoices", "；%1 张金额为 0 的草稿未开具"), len(result.skipped))
    return text


def rows_allowing(rows: list[InvoiceRow], action: str) -> list[InvoiceRow]:
    """The rows the state table allows `action` on."""
    return [r for r in rows if action in r.actions]


class InvoiceActions(QObject):
    def __init__(self, ctx: AppContext, parent: QWidget, *, selected: Callable[[], list[InvoiceRow]],
                 query: Callable[[], InvoiceListQuery], report: Callable[[str], None]):
        super().__init__(parent)
        self.ctx, self.parent_widget = ctx, parent
        self._selected, self._query, self._report = selected, query, report

    # -- issue ------------------------------------------------------------------------------------
    def selected_drafts(self) -> list[InvoiceRow]:
        return rows_allowing(self._selected(), "issue")

    def issue_selected(self) -> None:
        drafts = self.selected_drafts()
        if not drafts:
            return
        total = sum((r.total for r in drafts), Decimal("0.00"))
        question = fmt(self.tr("开具所选的 %1 张草稿账单（合计 ¥%2）？开具后生成账单号，内容不可再改。"),
                       len(drafts), money_text(total))
        if not self._confirm(self.tr("开具账单"), question):
            return
        self._issue(invoice_ids=[r.id for r in drafts])

    def issue_period(self, period: str | None) -> None:
        if not period:
            self._report(self.tr("请先在“账期”中选择要开具的账期。"))
            return
        drafts = InvoiceFilter(period=period, status="draft")
        self.ctx.runner.op(list_invoices, drafts, limit=0) \
            .success(lambda page: self.confirm_issue_period(period, page)).run()

    def confirm_issue_period(self, period: str, page: InvoicePage) -> None:
        """Ask with the count and total of the period's drafts, then issue them."""
        if not page.total_count:
            self._report(fmt(self.tr("%1 没有草稿账单可开具。"), period))
            return
        question = fmt(self.tr("开具 %1 的全部 %2 张草稿账单（合计 ¥%3）？金额为 0 的草稿将保留为草稿。"),
                       period, page.total_count, money_text(page.sum_total))
        if not self._confirm(self.tr("开具本账期草稿"), question):
            return
        self._issue(period=period)

    def _issue(self, **which) -> None:
        self.ctx.runner.op(issue_invoices, **which) \
            .with_progress(self.tr("正在开具账单…"), self.parent_widget) \
            .success(lambda result: self._report(describe_issue(result))).run()

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self.parent_widget, title, question)
        return answer == QMessageBox.StandardButton.Yes

    # -- credit note --------------------------------------------------------------------------------
    def credit(self, row: InvoiceRow) -> ReasonDialog:
        details = fmt(self.tr("将为账单 %1（%2，¥%3）开具冲正单，原账单状态变为“已冲正”。已核销的收款须先取消核销。"),
                      invoice_label(row), row.customer_name, money_text(row.total))
        dialog = ReasonDialog(self.tr("冲正账单"), self.tr("冲正原因"), self.parent_widget, details=details,
                              ok_text=self.tr("冲正"))
        dialog.submit_with(
            lambda reason: self.ctx.runner.op(credit_invoice, row.id, reason),
            lambda note: self._report(fmt(self.tr("已冲正 %1，冲正单 %2"), invoice_label(row), note.number)))
        dialog.open()
        return dialog

    # -- the tax invoice (发票) -------------------------------------------------------------------
    def record_tax_invoice(self, rows: list[InvoiceRow]) -> TaxInvoiceDialog | None:
        bills = rows_allowing(rows, "record_tax_invoice")
        if not bills:
            return None
        dialog = TaxInvoiceDialog(self.ctx, bills, self.parent_widget, done=lambda done: self._report(
            fmt(self.tr("已为 %1 张账单登记发票"), len(done))))
        dialog.open()
        return dialog

    def clear_tax_invoice(self, rows: list[InvoiceRow]) -> ReasonDialog | None:
        bills = rows_allowing(rows, "clear_tax_invoice")
        if not bills:
            return None
        numbers = "、".join(sorted({r.tax_invoice_number or "" for r in bills}))
        details = fmt(self.tr("清除所选 %1 张账单登记的发票（%2）。仅用于登记有误的情况，原因将记入审计日志。"),
                      len(bills), numbers)
        dialog = ReasonDialog(self.tr("清除发票登记"), self.tr("清除原因"), self.parent_widget, details=details,
                              ok_text=self.tr("清除"))
        dialog.submit_with(
            lambda reason: self.ctx.runner.op(clear_tax_invoice, [r.id for r in bills], reason),
            lambda done: self._report(fmt(self.tr("已清除 %1 张账单的发票登记"), len(done))))
        dialog.open()
        return dialog

    # -- PDF --------------------------------------------------------------------------------------
    def save_pdf(self, row: InvoiceRow) -> None:
        default = f"{row.number or f'草稿-{row.id}'}-{row.customer_name}.pdf"
        path = ask_save_path(self.parent_widget, self.tr("保存账单 PDF"), default,
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_pdf_to(row, path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_pdf_to(self, row: InvoiceRow, path: str) -> None:
        """Read the printable content in the runner, then paint the PDF here (Qt painting, no SQL)."""

        def render(document: InvoiceDocument) -> None:
            write_invoice_pdf(document, path)
            self._report(fmt(self.tr("已保存 %1"), Path(path).name))

        self.ctx.runner.op(invoice_document, invoice_id=row.id).success(render).run()

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        default = f"{self.tr('账单')}-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self.parent_widget, self.tr("导出账单列表"), default,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        query = self._query()
        self.ctx.runner.op(export_invoices_xlsx, path, query.filters, sort=query.sort, descending=query.descending,
                           as_of=query.as_of) \
            .with_progress(self.tr("正在导出账单…"), self.parent_widget) \
            .success(lambda n: self._report(fmt(self.tr("已导出 %1 张账单到 %2"), f"{n:,}", path))).run()
