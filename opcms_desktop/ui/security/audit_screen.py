"""The audit viewer (审计日志, admins): filters, the SQL-paged trail, before → after of the selected row,
verification of the hash chain and an Excel export of exactly what the filters select."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.audit.trail import ChainReport
from ...services.security import audit_view
from ...services.security.audit_view import AuditChoices, AuditRow
from ..context import AppContext
from ..kit.file_dialogs import ask_save_path
from ..kit.format import local_time_text
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .audit_filters import AuditFilterBar
from .audit_model import AuditTableModel, change_columns, change_lines
from .labels import action_label, entity_label

OK_STYLE = "color: #1e7d32;"
BROKEN_STYLE = "color: #b3261e; font-weight: 600;"
MUTED_STYLE = "color: #5f6368;"


class AuditScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, page_size: int = 200):
        super().__init__(parent)
        self.ctx = ctx
        self.filters = AuditFilterBar(self)
        self.filters.changed.connect(self.apply_filters)
        self.model = AuditTableModel(ctx.runner, self, page_size=page_size)
        self.table = DataTableView("audit", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        self.table.restore_layout(ctx.settings)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_row(current.row()))
        self.model.count_changed.connect(self._counted)
        self.model.dataChanged.connect(lambda *_a: self._refresh_detail())

        self.verify_button = QPushButton(self.tr("校验审计链"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.setEnabled(ctx.can("audit.export"))
        self.verify_button.setEnabled(ctx.can("audit.view"))

        self.detail_title = QLabel(self.tr("选择一行查看变更详情"))
        self.detail_title.setStyleSheet("font-weight: 600;")
        self.detail_title.setWordWrap(True)
        self.detail_summary = QLabel()
        self.detail_summary.setStyleSheet(MUTED_STYLE)
        self.detail_summary.setWordWrap(True)
        self.changes = RowsTableModel(change_columns(), self)
        self.changes_table = DataTableView("audit-changes", self)
        self.changes_table.setModel(self.changes)
        for index, column in enumerate(self.changes.columns):
            if column.width:
                self.changes_table.horizontalHeader().resizeSection(index, column.width)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_summary)
        detail_layout.addWidget(self.changes_table, 1)

        self.count_label = QLabel(self.tr("正在加载…"))
        self.count_label.setStyleSheet("font-weight: 600;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 460])
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._shown_id: int | None = None
        self.broken: ChainReport | None = None
        ctx.runner.changed.connect(self._on_changed)  # a bound method: disconnected when the screen goes
        self._load_choices()
        self.model.set_query(self.filters.values())

    # -- data -------------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        self.ctx.runner.op(audit_view.filter_choices).success(self._choices_loaded).run()

    def _choices_loaded(self, choices: AuditChoices) -> None:
        self.filters.set_choices(choices)

    def apply_filters(self) -> None:
        query = self.filters.values()
        if query != self.model.query:
            self.count_label.setText(self.tr("正在加载…"))
            self.model.set_query(query)

    def _on_changed(self, _what: frozenset) -> None:
        self.reload()  # every change writes the trail

    def reload(self) -> None:
        self._load_choices()
        self.model.reload()

    def _counted(self, count: int) -> None:
        self.count_label.setText(fmt(self.tr("共 %1 条记录"), f"{count:,}"))
        self._show_row(-1)

    def selected_row(self) -> AuditRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- detail -----------------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        entry = self.model.row_at(row) if row >= 0 else None
        self.show_entry(entry)

    def _refresh_detail(self) -> None:
        """A page arrived: the current row may have been a placeholder until now."""
        entry = self.selected_row()
        if entry is not None and entry.id != self._shown_id:
            self.show_entry(entry)

    def show_entry(self, entry: AuditRow | None) -> None:
        self._shown_id = entry.id if entry else None
        if entry is None:
            self.detail_title.setText(self.tr("选择一行查看变更详情"))
            self.detail_summary.setText("")
            self.changes.set_rows([])
            return
        target = f"{entity_label(entry.entity)} {entry.entity_id}" if entry.entity_id else entity_label(entry.entity)
        self.detail_title.setText(f"#{entry.id} · {local_time_text(entry.at)} · {entry.username} · "
                                  f"{action_label(entry.action)} {target}")
        self.detail_summary.setText(entry.summary or "")
        self.detail_summary.setVisible(bool(entry.summary))
        self.changes.set_rows(change_lines(entry))

    # -- verify -----------------------------------------------------------------------------------
    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.status.setStyleSheet(MUTED_STYLE)
        self.status.setText(self.tr("正在校验审计链…"))

        def done(report: ChainReport) -> None:
            self.verify_button.setEnabled(True)
            self.show_report(report)

        def failed(_failure) -> bool:
            self.verify_button.setEnabled(True)
            self.status.setText("")
            return False

        self.ctx.runner.op(audit_view.verify).with_progress(self.tr("正在校验审计链…"), self) \
            .success(done).failure(failed).run()

    def show_report(self, report: ChainReport) -> None:
        self.broken = None if report.ok else report
        if report.ok:
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(fmt(self.tr("✓ 审计链完好：已校验 %1 行，没有发现改动或删除。"), f"{report.rows:,}"))
            return
        self.status.setStyleSheet(BROKEN_STYLE)
        self.status.setText(fmt(self.tr("✗ 审计链在 ID %1 处断开：%2。请立即通知系统管理员。"),
                                report.broken_id, report.reason_text))
        if report.broken_id is not None:
            self.ctx.runner.op(audit_view.get_entry, report.broken_id).success(self.show_entry).run()

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        name = self.tr("审计日志")
        default = f"{name}-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, self.tr("导出审计日志"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        self.ctx.runner.op(audit_view.export_xlsx, self.filters.values(), path) \
            .with_progress(self.tr("正在导出审计日志…"), self) \
            .success(lambda n: self._exported(n, path)).run()

    def _exported(self, rows: int, path: str) -> None:
        self.status.setStyleSheet(MUTED_STYLE)
        self.status.setText(fmt(self.tr("已导出 %1 条记录到 %2"), f"{rows:,}", path))

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
        self.changes_table.save_layout(self.ctx.settings)
