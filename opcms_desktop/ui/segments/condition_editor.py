"""The condition tree editor: groups (全部满足 / 任一满足 / 都不满足) holding field / operator / value rows.

`document()` gives the condition document of services/insight/conditions.py; `set_document()` shows one.
Field names in the document are the Chinese column titles; the combo boxes show them translated.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.insight.segment_fields import find_field

translate = QCoreApplication.translate

# (name in the document, label shown): the customer list's columns, then figures and tags
FIELDS: tuple[tuple[str, str], ...] = (
    ("行业类型", QT_TRANSLATE_NOOP("segments", "行业类型")),
    ("是否结算", QT_TRANSLATE_NOOP("segments", "是否结算")),
    ("合作状态", QT_TRANSLATE_NOOP("segments", "合作状态")),
    ("账号类型", QT_TRANSLATE_NOOP("segments", "账号类型")),
    ("所属ERP", QT_TRANSLATE_NOOP("segments", "所属ERP")),
    ("结算方式", QT_TRANSLATE_NOOP("segments", "结算方式")),
    ("客户等级", QT_TRANSLATE_NOOP("segments", "客户等级")),
    ("客户消费等级", QT_TRANSLATE_NOOP("segments", "客户消费等级")),
    ("销售负责人", QT_TRANSLATE_NOOP("segments", "销售负责人")),
    ("运营负责人", QT_TRANSLATE_NOOP("segments", "运营负责人")),
    ("是否停用", QT_TRANSLATE_NOOP("segments", "是否停用")),
    ("公司名称", QT_TRANSLATE_NOOP("segments", "公司名称")),
    ("公司id", QT_TRANSLATE_NOOP("segments", "公司id")),
    ("接入时间", QT_TRANSLATE_NOOP("segments", "接入时间")),
    ("月均拍摄量", QT_TRANSLATE_NOOP("segments", "月均拍摄量")),
    ("账期(天)", QT_TRANSLATE_NOOP("segments", "账期(天)")),
    ("备注", QT_TRANSLATE_NOOP("segments", "备注")),
    ("近30天拍摄量", QT_TRANSLATE_NOOP("segments", "近30天拍摄量")),
    ("近90天拍摄量", QT_TRANSLATE_NOOP("segments", "近90天拍摄量")),
    ("近3个月拍摄量", QT_TRANSLATE_NOOP("segments", "近3个月拍摄量")),
    ("近12个月开票额", QT_TRANSLATE_NOOP("segments", "近12个月开票额")),
    ("未收金额", QT_TRANSLATE_NOOP("segments", "未收金额")),
    ("逾期金额", QT_TRANSLATE_NOOP("segments", "逾期金额")),
    ("距上次用量天数", QT_TRANSLATE_NOOP("segments", "距上次用量天数")),
    ("最近用量", QT_TRANSLATE_NOOP("segments", "最近用量")),
    ("标签", QT_TRANSLATE_NOOP("segments", "标签")),
)
OP_LABELS: dict[str, str] = {
    "=": QT_TRANSLATE_NOOP("segments", "等于"),
    "!=": QT_TRANSLATE_NOOP("segments", "不等于"),
    "in": QT_TRANSLATE_NOOP("segments", "属于"),
    "not in": QT_TRANSLATE_NOOP("segments", "不属于"),
    "contains": QT_TRANSLATE_NOOP("segments", "包含"),
    "not contains": QT_TRANSLATE_NOOP("segments", "不包含"),
    "starts with": QT_TRANSLATE_NOOP("segments", "开头是"),
    ">": QT_TRANSLATE_NOOP("segments", "大于"),
    ">=": QT_TRANSLATE_NOOP("segments", "不少于"),
    "<": QT_TRANSLATE_NOOP("segments", "小于"),
    "<=": QT_TRANSLATE_NOOP("segments", "不超过"),
    "between": QT_TRANSLATE_NOOP("segments", "介于"),
    "empty": QT_TRANSLATE_NOOP("segments", "为空"),
    "not empty": QT_TRANSLATE_NOOP("segments", "不为空"),
    "within": QT_TRANSLATE_NOOP("segments", "在最近"),
    "not within": QT_TRANSLATE_NOOP("segments", "不在最近"),
    "has": QT_TRANSLATE_NOOP("segments", "有"),
    "has not": QT_TRANSLATE_NOOP("segments", "没有"),
}
GROUPS: tuple[tuple[str, str], ...] = (
    ("all", QT_TRANSLATE_NOOP("segments", "全部满足")),
    ("any", QT_TRANSLATE_NOOP("segments", "任一满足")),
    ("none", QT_TRANSLATE_NOOP("segments", "都不满足")),
)
_KIND = Qt.ItemDataRole.UserRole  # "group" / "leaf"
_LIST_OPS = ("in", "not in", "has", "has not")
_SPLIT = re.compile(r"\s*[,，、;；]\s*")


def _value_hint(op: str) -> str:
    if op in _LIST_OPS:
        return translate("segments", "多个值用逗号分隔")
    if op == "between":
        return translate("segments", "下限, 上限")
    if op in ("within", "not within"):
        return translate("segments", "如 30d（天）或 3m（月）")
    return translate("segments", "值")


class ConditionEditor(QWidget):
    """Emits `changed` on every edit (the screen debounces it)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("字段 / 条件组"), self.tr("运算"), self.tr("值")])
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 110)
        self.add_condition_button = QPushButton(self.tr("添加条件"))
        self.add_condition_button.clicked.connect(lambda: self.add_condition())
        self.add_group_button = QPushButton(self.tr("添加条件组"))
        self.add_group_button.clicked.connect(lambda: self.add_group())
        self.remove_button = QPushButton(self.tr("删除所选"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_condition_button, self.add_group_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.clear()

    # -- building ---------------------------------------------------------------------------------
    def clear(self) -> None:
        self.tree.clear()
        self.root = self._group_item(None, "all")
        self.tree.setCurrentItem(self.root)
        self.changed.emit()

    def _group_item(self, parent: QTreeWidgetItem | None, kind: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        combo = QComboBox()
        for key, label in GROUPS:
            combo.addItem(translate("segments", label), key)
        combo.setCurrentIndex(max(0, combo.findData(kind)))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.tree.setItemWidget(item, 0, combo)
        item.setData(0, _KIND, "group")
        item.setExpanded(True)
        return item

    def _target_group(self) -> QTreeWidgetItem:
        item = self.tree.currentItem() or self.root
        return item if item.data(0, _KIND) == "group" else (item.parent() or self.root)

    def add_group(self, kind: str = "any", parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        item = self._group_item(parent or self._target_group(), kind)
        self.tree.setCurrentItem(item)
        self.changed.emit()
        return item

    def add_condition(
        self, field: str = "行业类型", op: str = "=", value: str = "", parent: QTreeWidgetItem | None = None
    ) -> QTreeWidgetItem:
        group = parent or self._target_group()
        item = QTreeWidgetItem()
        group.addChild(item)
        group.setExpanded(True)
        item.setData(0, _KIND, "leaf")
        fields, ops, edit = QComboBox(), QComboBox(), QLineEdit(value)
        for name, label in FIELDS:
            fields.addItem(translate("segments", label), name)
        if fields.findData(field) < 0:
            fields.addItem(field, field)  # a name typed elsewhere (CLI): shown as it is
        fields.setCurrentIndex(fields.findData(field))
        self.tree.setItemWidget(item, 0, fields)
        self.tree.setItemWidget(item, 1, ops)
        self.tree.setItemWidget(item, 2, edit)
        self._fill_ops(item, op)
        fields.currentIndexChanged.connect(lambda _i: (self._fill_ops(item, None), self.changed.emit()))
        ops.currentIndexChanged.connect(lambda _i: (self._hint(item), self.changed.emit()))
        edit.textChanged.connect(lambda _t: self.changed.emit())
        self.tree.setCurrentItem(item)
        self.changed.emit()
        return item

    def _fill_ops(self, item: QTreeWidgetItem, wanted: str | None) -> None:
        fields, ops = self._widget(item, 0), self._widget(item, 1)
        spec, _window = find_field(fields.currentData())
        choices = spec.ops if spec is not None else tuple(OP_LABELS)
        ops.blockSignals(True)
        ops.clear()
        for op in choices:
            ops.addItem(translate("segments", OP_LABELS.get(op, op)), op)
        ops.setCurrentIndex(max(0, ops.findData(wanted)) if wanted else 0)
        ops.blockSignals(False)
        self._hint(item)

    def _hint(self, item: QTreeWidgetItem) -> None:
        op = self._widget(item, 1).currentData()
        edit = self._widget(item, 2)
        edit.setPlaceholderText(_value_hint(op))
        edit.setEnabled(op not in ("empty", "not empty"))

    def _widget(self, item: QTreeWidgetItem, column: int) -> Any:
        return self.tree.itemWidget(item, column)

    def remove_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None or item is self.root:
            return
        (item.parent() or self.root).removeChild(item)
        self.changed.emit()

    # -- the document -----------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        return self._node(self.root)

    def _node(self, item: QTreeWidgetItem) -> dict[str, Any]:
        if item.data(0, _KIND) == "group":
            kind = self._widget(item, 0).currentData()
            parts = [self._node(item.child(i)) for i in range(item.childCount())]
            return {"not": {"any": parts}} if kind == "none" else {kind: parts}
        field, op = self._widget(item, 0).currentData(), self._widget(item, 1).currentData()
        text = self._widget(item, 2).text().strip()
        leaf: dict[str, Any] = {"field": field, "op": op}
        if op in ("empty", "not empty"):
            return leaf
        if op in _LIST_OPS or op == "between":
            leaf["value"] = [part for part in _SPLIT.split(text) if part] if text else []
        elif text:
            leaf["value"] = text
        return leaf

    def set_document(self, document: Any) -> None:
        self.tree.clear()
        self.root = self._group_item(None, "all")
        self._load(document, self.root, top=True)
        self.tree.expandAll()
        self.tree.setCurrentItem(self.root)
        self.changed.emit()

    def _load(self, node: Any, group: QTreeWidgetItem, top: bool = False) -> None:
        if not isinstance(node, dict):
            return
        kind = next((k for k in ("all", "any", "not") if k in node), None)
        if kind is None:
            value = node.get("value")
            text = (
                ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
            )
            self.add_condition(str(node.get("field", "")), str(node.get("op", "=")), text, parent=group)
            return
        body = node[kind]
        if kind == "not":
            inner = body.get("any") if isinstance(body, dict) and set(body) == {"any"} else [body]
            target = self._retitle(group, "none") if top else self.add_group("none", group)
            for part in inner or []:
                self._load(part, target)
            return
        target = self._retitle(group, kind) if top else self.add_group(kind, group)
        for part in body if isinstance(body, list) else []:
            self._load(part, target)

    def _retitle(self, group: QTreeWidgetItem, kind: str) -> QTreeWidgetItem:
        combo = self._widget(group, 0)
        combo.setCurrentIndex(max(0, combo.findData(kind)))
        return group
