"""What the invoice list can do with its rows: issue drafts, credit (冲正), save a PDF, export to Excel.

Each action asks the user first where it must (confirm, reason, file name), then runs the service in
the runner; the list refreshes through the runner's `changed` broadcast ({"invoices"}).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...services.billing.document import InvoiceDocument, invoice_document
from ...services.billing.invoices import IssueResult, credit_invoice, issue_invoices
from ...services.billing.queries import InvoiceRow
from ...services.receivables.report_xlsx import export_invoices_xlsx
from ..context import AppContext
from ..invoice_pdf import write_invoice_pdf
from ..kit.format import money_text
from ..kit.labels import invoice_label, tr
from ..kit.reason_dialog import ReasonDialog
from .list_model import InvoiceListQuery

CHANGES = {"invoices", "receipts"}


def describe_issue(result: IssueResult) -> str:
    text = tr("已开具 %1 张发票").replace("%1", str(len(result.issued)))
    if result.issued:
        numbers = [r.number for r in result.issued]
        text += f"（{numbers[0]}{' … ' + numbers[-1] if len(numbers) > 1 else ''}）"
    if result.skipped:
        text += tr("；%1 张金额为 0 的草稿未开具").replace("%1", str(len(result.skipped)))
    return text


class InvoiceActions(QObject):
    def __init__(self, ctx: AppContext, parent: QWidget, *, selected: Callable[[], list[InvoiceRow]],
                 query: Callable[[], InvoiceListQuery], report: Callable[[str], None]):
        super().__init__(parent)
        self.ctx, self.parent_widget = ctx, parent
        self._selected, self._query, self._report = selected, query, report

    # -- issue ------------------------------------------------------------------------------------
    def selected_drafts(self) -> list[InvoiceRow]:
        return [r for r in self._selected() if r.status == "draft"]

    def issue_selected(self) -> None:
        drafts = self.selected_drafts()
        if not drafts:
            return
        total = sum((r.total for r in drafts), Decimal("0.00"))
        question = self.tr("开具所选的 %1 张草稿发票（合计 ¥%2）？开具后发票号生成、内容不可再改。") \
            .replace("%1", str(len(drafts))).replace("%2", money_text(total))
        if not self._confirm(self.tr("开具发票"), question):
            return
        self._issue(invoice_ids=[r.id for r in drafts])

    def issue_period(self, period: str | None) -> None:
        if not period:
            self._report(self.tr("请先在“账期”中选择要开具的账期。"))
            return
        question = self.tr("开具 %1 的全部草稿发票？金额为 0 的草稿将保留为草稿。").replace("%1", period)
        if not self._confirm(self.tr("开具本账期草稿"), question):
            return
        self._issue(period=period)

    def _issue(self, **which) -> None:
        self.ctx.runner.op(issue_invoices, announce=CHANGES, **which) \
            .with_progress(self.tr("正在开具发票…"), self.parent_widget) \
            .success(lambda result: self._report(describe_issue(result))).run()

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self.parent_widget, title, question)
        return answer == QMessageBox.StandardButton.Yes

    # -- credit note --------------------------------------------------------------------------------
    def credit(self, row: InvoiceRow) -> ReasonDialog:
        details = self.tr("将为发票 %1（%2，¥%3）开具冲正单，原发票状态变为“已冲正”。已核销的收款须先取消核销。") \
            .replace("%1", invoice_label(row)).replace("%2", row.customer_name).replace("%3", money_text(row.total))
        dialog = ReasonDialog(self.tr("冲正发票"), self.tr("冲正原因"), self.parent_widget, details=details,
                              ok_text=self.tr("冲正"))
        dialog.submit_with(
            lambda reason: self.ctx.runner.op(credit_invoice, row.id, reason, announce=CHANGES),
            lambda note: self._report(self.tr("已冲正 %1，冲正单 %2").replace("%1", invoice_label(row))
                                      .replace("%2", note.number)))
        dialog.open()
        return dialog

    # -- PDF --------------------------------------------------------------------------------------
    def save_pdf(self, row: InvoiceRow) -> None:
        default = f"{row.number or f'草稿-{row.id}'}-{row.customer_name}.pdf"
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("保存发票 PDF"), default,
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_pdf_to(row, path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_pdf_to(self, row: InvoiceRow, path: str) -> None:
        """Read the printable content in the runner, then paint the PDF here (Qt painting, no SQL)."""

        def render(document: InvoiceDocument) -> None:
            write_invoice_pdf(document, path)
            self._report(self.tr("已保存 %1").replace("%1", Path(path).name))

        self.ctx.runner.op(invoice_document, invoice_id=row.id).success(render).run()

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        default = f"发票-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("导出发票列表"), default,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        query = self._query()
        self.ctx.runner.op(export_invoices_xlsx, path, query.filters, sort=query.sort, descending=query.descending,
                           as_of=query.as_of) \
            .with_progress(self.tr("正在导出发票…"), self.parent_widget) \
            .success(lambda n: self._report(self.tr("已导出 %1 张发票到 %2").replace("%1", f"{n:,}")
                                            .replace("%2", path))).run()
