"""用量: usage per customer × month × series with filters (months, customer search, series), totals,
corrections with a reason (typed in a dialog, or pasted into the figure cells from Excel), the usage
sheet import, its template and the export of the current view.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.usage import records as usage
from ...services.usage.records import UsageCorrection, UsageFigures, UsageQuery, UsageRow
from ...services.usage.sheet_export import export_usage, write_usage_template
from ...services.usage.sheet_import import import_usage
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.fields import MonthEdit
from ..kit.file_dialogs import ask_save_path
from ..kit.format import area_text
from ..kit.periods import last_month
from ..kit.problems import error_text
from ..kit.sheet_import import SheetImportDialog
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from ..operations import Failure
from .correction import PASTE_COLUMNS, CorrectionDialog, PasteCorrectionDialog, pasted_value
from .model import UsageTableModel

SEARCH_DELAY_MS = 250


def query_from(period_from: str, period_to: str, search: str, series: str | None) -> UsageQuery:
    """All digits search the 公司id; anything else the name, its pinyin or initials."""
    text = search.strip()
    company_id = int(text) if text.isdigit() and len(text) <= 12 else None
    return UsageQuery(period_from=min(period_from, period_to), period_to=max(period_from, period_to),
                      company_id=company_id, name=None if company_id is not None or not text else text,
                      series=series or None)


class UsageScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = UsageTableModel(ctx.runner, self)
        self.table = DataTableView("usage", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        self.table.restore_layout(ctx.settings)
        self.table.activated.connect(lambda _i: self.correct())
        self.table.set_open_handler(lambda _i: self.correct())

        month = last_month()
        self.period_from = MonthEdit(month)
        self.period_to = MonthEdit(month)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("客户：公司id / 名称 / 拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.series = QComboBox()
        self.series.addItem(self.tr("全部系列"), None)
        for value in usage.SERIES:
            self.series.addItem(fmt(self.tr("%1 系列"), value), value)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.period_from.dateChanged.connect(self.apply_query)
        self.period_to.dateChanged.connect(self.apply_query)
        self.series.currentIndexChanged.connect(self.apply_query)

        self.correct_button = QPushButton(self.tr("修正用量…"))
        self.correct_button.clicked.connect(self.correct)
        self.correct_button.setVisible(ctx.can("usage.edit"))
        self.import_button = QPushButton(self.tr("导入用量表…"))
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setVisible(ctx.can("usage.import"))
        self.template_button = QPushButton(self.tr("下载模板"))
        self.template_button.clicked.connect(self.download_template)
        self.template_button.setVisible(ctx.can("usage.import"))
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export_view)
        if ctx.can("usage.edit"):
            self.table.set_paste_handler(self.paste_block)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.model.reload)

        self.count_label = QLabel(self.tr("正在加载…"))
        self.count_label.setStyleSheet("font-weight: 600;")
        self.totals_label = QLabel()
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("月份")))
        filters.addWidget(self.period_from)
        filters.addWidget(QLabel(self.tr("至")))
        filters.addWidget(self.period_to)
        filters.addSpacing(12)
        filters.addWidget(self.search)
        filters.addWidget(self.series)
        filters.addStretch(1)
        for button in (self.correct_button, self.import_button, self.template_button, self.export_button,
                       self.refresh_button):
            filters.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.totals_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.model.count_changed.connect(
            lambda n: self.count_label.setText(fmt(self.tr("共 %1 行"), f"{n:,}")))
        self.model.totals_changed.connect(self._show_totals)
        self.model.load_failed.connect(lambda f: self.status.setText(error_text(f.error)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.apply_query()

    # -- the query ----------------------------------------------------------------------------
    def current_query(self) -> UsageQuery:
        return query_from(self.period_from.period(), self.period_to.period(), self.search.text(),
                          self.series.currentData())

    def apply_query(self, *_args) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.count_label.setText(self.tr("正在加载…"))
            self.model.set_query(query)

    def _show_totals(self, totals: UsageFigures) -> None:
        self.totals_label.setText(fmt(self.tr("合计：单层 %1 · 多层 %2（%3 层）· 面积 %4 m² · 共 %5 套"),
                                      f"{totals.single_shoots:,}", f"{totals.multi_shoots:,}",
                                      f"{totals.multi_floors:,}", area_text(totals.area), f"{totals.shoots:,}"))

    def _on_changed(self, what: frozenset) -> None:
        if {"usage", "customers"} & what:
            self.model.reload()

    def selected(self) -> UsageRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        self.correct_button.setEnabled(self.selected() is not None)

    # -- actions ------------------------------------------------------------------------------
    def correct(self) -> CorrectionDialog | None:
        row = self.selected()
        if row is None or not self.ctx.can("usage.edit"):
            return None
        dialog = CorrectionDialog(row, self)

        def failed(failure: Failure) -> bool:
            dialog.show_error(failure.error)
            return True

        def saved(new: UsageRow) -> None:
            dialog.accept()
            self.status.setText(fmt(self.tr("已修正 %1 %2 %3 系列：共 %4 套"), new.customer_name, new.period,
                                    new.series, new.total.shoots))

        def submit() -> None:
            figures = dialog.figures()
            if figures is None or not dialog.reason_text():
                return
            dialog.set_busy(True)
            self.ctx.runner.op(usage.correct_usage, row.customer_id, row.period, row.series, *figures,
                               dialog.reason_text(), row.monthly_version) \
                .success(saved).failure(failed).run()

        dialog.save_button.clicked.connect(submit)
        dialog.open()
        return dialog

    def paste_block(self, block: list[list[str]], top_left: QModelIndex) -> PasteCorrectionDialog | None:
        """A block pasted from Excel onto the figure cells: read like typed text, confirmed with a reason."""
        keys = [column.key for column in self.model.columns]
        changes: list[tuple[UsageRow, UsageFigures]] = []
        problems: list[str] = []
        for r, cells in enumerate(block):
            row = self.model.row_at(top_left.row() + r) if top_left.row() + r < self.model.rowCount() else None
            if row is None:
                break
            values = {"single_shoots": row.total.single_shoots, "multi_shoots": row.total.multi_shoots,
                      "multi_floors": row.total.multi_floors, "area": row.total.area}
            for c, text in enumerate(cells):
                column = top_left.column() + c
                field = PASTE_COLUMNS.get(keys[column]) if column < len(keys) else None
                if field is None:
                    continue  # only the figure cells are editable
                value = pasted_value(field, text)
                if value is None:
                    problems.append(fmt(self.tr("第 %1 行“%2”：%3 不是有效的数字"), top_left.row() + r + 1,
                                        self.model.headerData(column, Qt.Orientation.Horizontal), text))
                else:
                    values[field] = value
            new = UsageFigures(int(values["single_shoots"]), int(values["multi_shoots"]),
                               int(values["multi_floors"]), Decimal(values["area"]))
            if new != row.total:
                changes.append((row, new))
        if problems:
            self.status.setText(fmt(self.tr("未粘贴：%1"), "；".join(problems)))
            return None
        if not changes:
            self.status.setText(self.tr("粘贴的数字与现有用量相同，没有需要修正的。"))
            return None
        dialog = PasteCorrectionDialog(changes, self)

        def saved(rows: list[UsageRow]) -> None:
            dialog.accept()
            self.status.setText(fmt(self.tr("已修正 %1 行用量"), len(rows)))

        def failed(failure: Failure) -> bool:
            dialog.show_error(failure.error)
            return True

        def submit() -> None:
            if not dialog.reason_text():
                return
            dialog.set_busy(True)
            items = [UsageCorrection(row.customer_id, row.period, row.series, new.single_shoots, new.multi_shoots,
                                     new.multi_floors, new.area, row.monthly_version) for row, new in changes]
            self.ctx.runner.op(usage.correct_usage_many, items, dialog.reason_text()) \
                .success(saved).failure(failed).run()

        dialog.save_button.clicked.connect(submit)
        dialog.open()
        return dialog

    def download_template(self) -> None:
        path = ask_save_path(self, self.tr("保存用量表模板"), self.tr("用量导入模板.xlsx"),
                             self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.save_template(path)

    def save_template(self, path: str) -> None:
        self.ctx.runner.call(write_usage_template, path) \
            .success(lambda written: self.status.setText(fmt(self.tr("模板已保存到 %1"), written))) \
            .failure(lambda f: self.status.setText(fmt(self.tr("无法保存模板：%1"), error_text(f.error))) or True) \
            .run()

    def export_view(self) -> None:
        path = ask_save_path(self, self.tr("导出用量"), self.tr("用量.xlsx"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """The rows of the current filters (every page, not only those loaded) to `path`."""
        self.ctx.runner.op(export_usage, path, self.current_query()) \
            .success(lambda done: self.status.setText(fmt(self.tr("已导出 %1 行到 %2"), done.rows, done.path))) \
            .failure(unless_export_request(
                lambda f: self.status.setText(fmt(self.tr("无法导出：%1"), error_text(f.error))) or True)) \
            .run()

    def open_import(self) -> SheetImportDialog:
        dialog = SheetImportDialog(
            self.ctx, self.tr("导入用量表"), import_usage,
            self.tr("两种格式按表头自动识别：订单明细（订单号、公司id、上传日期、设备系列、层数、面积）或"
                    "月度汇总（公司id、月份、设备系列、单层拍摄量、多层拍摄量、多层总层数、面积）。"
                    "已导入过的订单号不会重复计入。"), self)
        dialog.open()
        return dialog

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
