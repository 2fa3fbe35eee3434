"""客户分群: saved segments on the left; the condition editor with a live count and sample members on the
right (refreshed through the runner, 400 ms after the last edit); save as dynamic or static, private or shared;
export members; snapshots of a static segment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.insight import segments
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.file_dialogs import ask_save_path
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .condition_editor import ConditionEditor

translate = QCoreApplication.translate
DEBOUNCE_MS = 400


def member_columns() -> list[Column]:
    return [
        Column(
            "company_id", translate("segments", "公司id"), lambda m: m.company_id, align_right=True, width=80
        ),
        Column("name", translate("segments", "公司名称"), lambda m: m.name, width=220),
        Column("industry", translate("segments", "行业类型"), lambda m: m.industry, width=90),
        Column("sales", translate("segments", "销售负责人"), lambda m: m.sales_owners, width=100),
        Column("status", translate("segments", "合作状态"), lambda m: m.coop_status, width=100),
        Column("billing", translate("segments", "是否结算"), lambda m: m.billing_enabled, width=70),
    ]


class SaveSegmentDialog(QDialog):
    def __init__(self, name: str, static: bool, shared: bool, may_share: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存分群"))
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(segments.NAME_MAX)
        self.dynamic_radio = QRadioButton(self.tr("动态（打开时重新计算）"))
        self.static_radio = QRadioButton(self.tr("静态（冻结今天的成员）"))
        (self.static_radio if static else self.dynamic_radio).setChecked(True)
        self.shared_box = QCheckBox(self.tr("共享给所有人"))
        self.shared_box.setChecked(shared and may_share)
        self.shared_box.setEnabled(may_share)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name_edit)
        form.addRow(self.tr("类型"), self.dynamic_radio)
        form.addRow("", self.static_radio)
        form.addRow("", self.shared_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class SegmentBuilderScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: segments.SegmentInfo | None = None
        self._generation = 0
        self.segment_list = QListWidget()
        self.segment_list.currentItemChanged.connect(self._segment_chosen)
        self.new_button = QPushButton(self.tr("新建"))
        self.new_button.clicked.connect(self.new_segment)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_segment)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("已保存的分群")))
        left_layout.addWidget(self.segment_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)

        self.editor = ConditionEditor(self)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.snapshot_label = QLabel()
        self.snapshot_label.setStyleSheet("color: #5f6368;")
        self.save_button = QPushButton(self.tr("保存分群…"))
        self.save_button.clicked.connect(self.save)
        self.snapshot_button = QPushButton(self.tr("拍快照"))
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.export_button = QPushButton(self.tr("导出成员…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setVisible(ctx.can("customers.export"))
        self.message = InlineMessage(self)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.snapshot_label, 1)
        for button in (self.save_button, self.snapshot_button, self.export_button):
            actions.addWidget(button)
        self.model = RowsTableModel(member_columns(), self)
        self.table = DataTableView("segment-sample", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        sample = QWidget()
        sample_layout = QVBoxLayout(sample)
        sample_layout.setContentsMargins(0, 0, 0, 0)
        sample_layout.addWidget(QLabel(self.tr("成员示例（按公司id，前 20 个）")))
        sample_layout.addWidget(self.table, 1)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.editor)
        right_split.addWidget(sample)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.message)
        right_layout.addWidget(right_split, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh_count)
        self.editor.changed.connect(self.debounce.start)
        ctx.runner.changed.connect(self._on_changed)
        self.editor.add_condition()
        self._enable()
        self.load_segments()

    # -- segments ---------------------------------------------------------------------------------
    def load_segments(self, select: str | None = None) -> None:
        self.ctx.runner.op(segments.list_segments).success(
            lambda found: self._segments_arrived(found, select)
        ).failure(self._failed).run()

    def _segments_arrived(self, found: list[segments.SegmentInfo], select: str | None) -> None:
        self.segment_list.blockSignals(True)
        self.segment_list.clear()
        for info in found:
            kind = self.tr("静态") if info.kind == "static" else self.tr("动态")
            shared = self.tr("，共享") if info.shared else ""
            item = QListWidgetItem(fmt(self.tr("%1（%2）"), info.name, kind + shared))
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.segment_list.addItem(item)
            if info.name == select:
                self.segment_list.setCurrentItem(item)
                self.current = info
        self.segment_list.blockSignals(False)
        self._enable()

    def _segment_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        info = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.current = info
        if info is not None:
            self.editor.set_document(info.condition)
        self._enable()

    def new_segment(self) -> None:
        self.segment_list.setCurrentItem(None)  # type: ignore[arg-type]
        self.current = None
        self.editor.clear()
        self.editor.add_condition()
        self._enable()

    def _enable(self) -> None:
        info = self.current
        self.delete_button.setEnabled(info is not None and (info.mine or self.ctx.can("segments.manage")))
        self.snapshot_button.setEnabled(info is not None and info.kind == "static")
        self.export_button.setEnabled(info is not None)
        latest = info.latest_snapshot if info is not None else None
        self.snapshot_label.setText(
            fmt(self.tr("最近快照 %1，%2 个客户"), latest.taken_on.isoformat(), latest.members)
            if latest is not None
            else ""
        )

    # -- the live count ---------------------------------------------------------------------------
    def refresh_count(self) -> None:
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("计算中…"))
        self.ctx.runner.op(segments.preview_condition, self.editor.document()).success(
            lambda preview: self._preview_arrived(generation, preview)
        ).failure(lambda failure: self._preview_failed(generation, failure)).run()

    def _preview_arrived(self, generation: int, preview: segments.SegmentPreview) -> None:
        if generation != self._generation:
            return  # an older condition's answer
        self.message.clear_message()
        self.count_label.setText(fmt(self.tr("匹配 %1 个客户"), f"{preview.count:,}"))
        self.model.set_rows(preview.sample)

    def _preview_failed(self, generation: int, failure: Failure) -> bool:
        if generation == self._generation:
            self.count_label.setText(self.tr("条件未完成"))
            self.message.error(error_text(failure.error))
            self.model.set_rows([])
        return True

    # -- saving, snapshots, export ----------------------------------------------------------------
    def save(self) -> None:
        info = self.current
        dialog = SaveSegmentDialog(
            info.name if info else "",
            bool(info and info.kind == "static"),
            bool(info and info.shared),
            self.ctx.can("segments.manage"),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = dialog.name_edit.text().strip()
        kind = "static" if dialog.static_radio.isChecked() else "dynamic"
        self.ctx.runner.op(
            segments.save_segment,
            name,
            self.editor.document(),
            kind=kind,
            shared=dialog.shared_box.isChecked(),
        ).success(
            lambda saved: (
                self.message.info(fmt(self.tr("已保存分群 %1"), saved.name)),
                self.load_segments(saved.name),
            )
        ).failure(self._failed).run()

    def delete_segment(self) -> None:
        if self.current is not None:
            name = self.current.name
            self.ctx.runner.op(segments.delete_segment, name).success(
                lambda _r: (self.new_segment(), self.load_segments())
            ).failure(self._failed).run()

    def take_snapshot(self) -> None:
        if self.current is not None:
            name = self.current.name
            self.ctx.runner.op(segments.take_snapshot, name).success(
                lambda snap: (
                    self.message.info(fmt(self.tr("已拍快照：%1 个客户"), snap.members)),
                    self.load_segments(name),
                )
            ).failure(self._failed).run()

    def export(self) -> None:
        if self.current is None:
            return
        name = self.current.name
        path = ask_save_path(self, self.tr("导出分群成员"), f"{name}.xlsx", self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.ctx.runner.op(segments.export_segment_members, name, path).success(
                lambda rows: self.message.info(fmt(self.tr("已导出 %1 行"), rows))
            ).failure(unless_export_request(self._failed)).run()

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _on_changed(self, what: frozenset) -> None:
        if what & {"segments", "tags"}:
            self.debounce.start()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
