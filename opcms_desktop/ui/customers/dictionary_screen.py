"""字典 (管理字典): industries, ERPs and cooperation statuses with their normalised meaning.

List, add, rename, deactivate / activate; a cooperation status also gets its meaning (正常合作, 休眠 …),
which every customer holding the status takes. The services audit every change.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.customers import dictionary_admin as dictionary
from ...services.customers.labels import COOP_STATUS_LABELS
from ..context import AppContext
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure

CONTEXT = "DictionaryScreen"
KINDS = (("coop_status", QT_TRANSLATE_NOOP("DictionaryScreen", "合作状态")),
         ("industry", QT_TRANSLATE_NOOP("DictionaryScreen", "行业类型")),
         ("erp", QT_TRANSLATE_NOOP("DictionaryScreen", "所属ERP")))
TITLES = {"label": QT_TRANSLATE_NOOP("DictionaryScreen", "名称"),
          "meaning": QT_TRANSLATE_NOOP("DictionaryScreen", "状态归类"),
          "active": QT_TRANSLATE_NOOP("DictionaryScreen", "状态"),
          "customers": QT_TRANSLATE_NOOP("DictionaryScreen", "客户数")}
# The meanings' Chinese labels (services/customers/labels.py), here for the translation tool.
MEANINGS = {"active": QT_TRANSLATE_NOOP("DictionaryScreen", "正常合作"),
            "dormant": QT_TRANSLATE_NOOP("DictionaryScreen", "休眠"),
            "pending": QT_TRANSLATE_NOOP("DictionaryScreen", "待确认"),
            "trial": QT_TRANSLATE_NOOP("DictionaryScreen", "商务/试用"),
            "terminated": QT_TRANSLATE_NOOP("DictionaryScreen", "终止合作")}
NO_MEANING = QT_TRANSLATE_NOOP("DictionaryScreen", "（未归类）")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def meaning_label(code: str | None) -> str:
    return _t(MEANINGS[code]) if code in MEANINGS else (code or _t(NO_MEANING))


def _columns(kind: str) -> list[Column]:
    columns = [Column("label", _t(TITLES["label"]), lambda r: r.label, width=180)]
    if kind == "coop_status":
        columns.append(Column("meaning", _t(TITLES["meaning"]), lambda r: meaning_label(r.code), width=110))
    columns += [Column("active", _t(TITLES["active"]),
                       lambda r: _t("启用") if r.active else _t("停用"), width=70),
                Column("customers", _t(TITLES["customers"]), lambda r: r.customers, align_right=True, width=80)]
    return columns


# The two state words of the table, for the translation tool.
_STATES = (QT_TRANSLATE_NOOP("DictionaryScreen", "启用"), QT_TRANSLATE_NOOP("DictionaryScreen", "停用"))


class DictionaryScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(_t(label), key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.model = RowsTableModel(_columns("coop_status"), self)
        self.table = DataTableView("dictionaries", self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(DataTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.add_button = QPushButton(self.tr("新增…"))
        self.rename_button = QPushButton(self.tr("改名…"))
        self.toggle_button = QPushButton(self.tr("停用"))
        self.meaning = QComboBox()
        self.meaning.addItem(_t(NO_MEANING), None)
        for code in COOP_STATUS_LABELS:
            self.meaning.addItem(meaning_label(code), code)
        self.meaning_button = QPushButton(self.tr("设为此归类"))
        self.meaning_label = QLabel(self.tr("归类"))
        self.add_button.clicked.connect(self.add_entry)
        self.rename_button.clicked.connect(self.rename_entry)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.meaning_button.clicked.connect(self.set_meaning)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("字典")))
        bar.addWidget(self.kind)
        for widget in (self.add_button, self.rename_button, self.toggle_button, self.meaning_label, self.meaning,
                       self.meaning_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.status = QLabel()
        hint = QLabel(self.tr("停用的字典项不再供选择，已使用它的客户保持不变。合作状态的归类决定筛选“状态归类”和账单规则看到的含义。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        kind = self.current_kind()
        self.ctx.runner.op(dictionary.list_dictionary, kind).success(lambda rows: self._show(kind, rows)).run()

    def _show(self, kind: str, rows: list[dictionary.DictionaryRow]) -> None:
        if kind != self.current_kind():
            return
        self.model.refresh_rows(rows)
        self._update_buttons()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.model.set_columns(_columns(kind))
        self.model.set_rows([])
        for widget in (self.meaning_label, self.meaning, self.meaning_button):
            widget.setVisible(kind == "coop_status")
        self.reload()

    def _on_changed(self, what: frozenset) -> None:
        if what & {"dictionaries", "customers"}:
            self.reload()

    def selected(self) -> dictionary.DictionaryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows()[rows[0].row()] if rows else None

    def select_label(self, label: str) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.label == label:
                self.table.selectRow(n)

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        for button in (self.rename_button, self.toggle_button, self.meaning_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))
        if row is not None:
            self.meaning.setCurrentIndex(max(0, self.meaning.findData(row.code)))

    # -- actions --------------------------------------------------------------------------------
    def _run(self, fn, *args, done: str) -> None:
        def ok(row: dictionary.DictionaryRow) -> None:
            self.status.setText(fmt(done, row.label))

        def failed(failure: Failure) -> bool:
            self.status.setText(error_text(failure.error))
            return True

        self.ctx.runner.op(fn, *args).success(ok).failure(failed).run()

    def _ask(self, title: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, self.tr("名称"), QLineEdit.EchoMode.Normal, text)
        return value if ok and value.strip() else None

    def add_entry(self) -> None:
        label = self._ask(self.tr("新增字典项"))
        if label is not None:
            self._run(dictionary.add_dictionary_entry, self.current_kind(), label, done=self.tr("已新增“%1”。"))

    def rename_entry(self) -> None:
        row = self.selected()
        label = self._ask(self.tr("改名"), row.label) if row is not None else None
        if row is not None and label is not None:
            self._run(dictionary.rename_dictionary_entry, row.id, label, done=self.tr("已改名为“%1”。"))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is not None:
            self._run(dictionary.set_dictionary_entry_active, row.id, not row.active,
                      done=self.tr("已停用“%1”。") if row.active else self.tr("已启用“%1”。"))

    def set_meaning(self) -> None:
        row = self.selected()
        if row is not None:
            self._run(dictionary.set_status_meaning, row.id, self.meaning.currentData(),
                      done=self.tr("已更新“%1”的归类。"))

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
