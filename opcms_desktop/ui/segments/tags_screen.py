"""标签管理 (admin): tags with how many customers hold them; create, rename, merge, delete; tag rules (a saved
condition that tags matching customers) and refreshing them now."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.insight import tags
from ..context import AppContext
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .condition_editor import ConditionEditor

translate = QCoreApplication.translate


def tag_columns() -> list[Column]:
    return [
        Column("name", translate("segments", "标签"), lambda t: t.name, width=180),
        Column(
            "customers", translate("segments", "客户数"), lambda t: t.customers, align_right=True, width=80
        ),
        Column("rules", translate("segments", "规则数"), lambda t: t.rules, align_right=True, width=70),
    ]


def rule_columns() -> list[Column]:
    return [
        Column("name", translate("segments", "规则"), lambda r: r.name, width=160),
        Column("tag", translate("segments", "标签"), lambda r: r.tag, width=120),
        Column(
            "active",
            translate("segments", "状态"),
            lambda r: translate("segments", "启用") if r.active else translate("segments", "停用"),
            width=60,
        ),
        Column(
            "condition",
            translate("segments", "条件"),
            lambda r: json.dumps(r.condition, ensure_ascii=False),
            width=420,
        ),
    ]


class TagRuleDialog(QDialog):
    def __init__(self, tag_names: list[str], rule: tags.TagRuleInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("标签规则"))
        self.resize(720, 460)
        self.name_edit = QLineEdit(rule.name if rule else "")
        self.tag_combo = QComboBox()
        self.tag_combo.addItems(tag_names)
        if rule is not None:
            self.tag_combo.setCurrentText(rule.tag)
        self.active_box = QCheckBox(self.tr("启用"))
        self.active_box.setChecked(rule.active if rule else True)
        self.editor = ConditionEditor(self)
        if rule is not None:
            self.editor.set_document(rule.condition)
        else:
            self.editor.add_condition()
        form = QFormLayout()
        form.addRow(self.tr("规则名称"), self.name_edit)
        form.addRow(self.tr("打上标签"), self.tag_combo)
        form.addRow("", self.active_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("满足以下条件的客户：")))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)


class TagsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        manage = ctx.can("tags.manage")
        self.message = InlineMessage(self)
        self.model = RowsTableModel(tag_columns(), self)
        self.table = DataTableView("segment-tags", self)
        self.table.setModel(self.model)
        self.rule_model = RowsTableModel(rule_columns(), self, highlight=lambda r: not r.active)
        self.rules = DataTableView("segment-tag-rules", self)
        self.rules.setModel(self.rule_model)
        for view, model in ((self.table, self.model), (self.rules, self.rule_model)):
            for index, column in enumerate(model.columns):
                view.horizontalHeader().resizeSection(index, column.width or 100)
        tag_buttons = QHBoxLayout()
        self.create_button = self._button(self.tr("新建标签"), self.create_tag, tag_buttons)
        self.rename_button = self._button(self.tr("改名"), self.rename_tag, tag_buttons)
        self.merge_button = self._button(self.tr("合并到…"), self.merge_tag, tag_buttons)
        self.delete_button = self._button(self.tr("删除"), self.delete_tag, tag_buttons)
        tag_buttons.addStretch(1)
        rule_buttons = QHBoxLayout()
        self.rule_button = self._button(self.tr("新建规则…"), lambda: self.edit_rule(None), rule_buttons)
        self.edit_rule_button = self._button(
            self.tr("编辑规则…"), lambda: self.edit_rule(self._rule()), rule_buttons
        )
        self.delete_rule_button = self._button(self.tr("删除规则"), self.delete_rule, rule_buttons)
        rule_buttons.addStretch(1)
        self.refresh_button = self._button(self.tr("立即按规则刷新标签"), self.refresh_rules, rule_buttons)
        for button in (
            self.create_button,
            self.rename_button,
            self.merge_button,
            self.delete_button,
            self.rule_button,
            self.edit_rule_button,
            self.delete_rule_button,
            self.refresh_button,
        ):
            button.setVisible(manage)
        hint = QLabel(
            self.tr(
                "规则标签由定时任务（opcms jobs run-due，应用打开时每 5 分钟一次）刷新，也可以点“立即按规则刷新标签”。"
            )
        )
        hint.setStyleSheet("color: #5f6368;")
        hint.setWordWrap(True)
        top, bottom = QWidget(), QWidget()
        top_layout, bottom_layout = QVBoxLayout(top), QVBoxLayout(bottom)
        for box, buttons, view, title in (
            (top_layout, tag_buttons, self.table, self.tr("标签")),
            (bottom_layout, rule_buttons, self.rules, self.tr("标签规则")),
        ):
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(QLabel(title))
            box.addLayout(buttons)
            box.addWidget(view, 1)
        bottom_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        ctx.runner.changed.connect(
            lambda what: self.refresh() if what & {"tags", "rules", "customers"} else None
        )
        self.refresh()

    def _button(self, text: str, slot, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        self.ctx.runner.op(tags.list_tags).success(self.model.refresh_rows).failure(self._failed).run()
        self.ctx.runner.op(tags.list_tag_rules).success(self.rule_model.refresh_rows).failure(
            self._failed
        ).run()

    def _tag(self) -> tags.TagInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _rule(self) -> tags.TagRuleInfo | None:
        index = self.rules.currentIndex()
        return self.rule_model.row_at(index.row()) if index.isValid() else None

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _done(self, text: str):
        return lambda _result: self.message.info(text)

    def create_tag(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新建标签"), self.tr("标签名称"))
        if ok and name.strip():
            self.ctx.runner.op(tags.create_tag, name).success(
                self._done(fmt(self.tr("已创建标签 %1"), name.strip()))
            ).failure(self._failed).run()

    def rename_tag(self) -> None:
        tag = self._tag()
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("标签改名"), self.tr("新名称"), text=tag.name)
        if ok and name.strip():
            self.ctx.runner.op(tags.rename_tag, tag.name, name).success(
                self._done(self.tr("已改名"))
            ).failure(self._failed).run()

    def merge_tag(self) -> None:
        tag = self._tag()
        if tag is None:
            return
        others = [t.name for t in self.model.rows() if t.name != tag.name]
        if not others:
            return
        target, ok = QInputDialog.getItem(
            self, self.tr("合并标签"), fmt(self.tr("把 %1 合并到"), tag.name), others, 0, False
        )
        if ok:
            self.ctx.runner.op(tags.merge_tags, tag.name, target).success(
                self._done(self.tr("已合并"))
            ).failure(self._failed).run()

    def delete_tag(self) -> None:
        tag = self._tag()
        if tag is not None:
            self.ctx.runner.op(tags.delete_tag, tag.name).success(self._done(self.tr("已删除"))).failure(
                self._failed
            ).run()

    def edit_rule(self, rule: tags.TagRuleInfo | None) -> None:
        names = [t.name for t in self.model.rows()]
        if not names:
            self.message.error(self.tr("请先新建标签"))
            return
        dialog = TagRuleDialog(names, rule, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.runner.op(
                tags.save_tag_rule,
                dialog.name_edit.text(),
                dialog.tag_combo.currentText(),
                dialog.editor.document(),
                active=dialog.active_box.isChecked(),
            ).success(self._done(self.tr("规则已保存"))).failure(self._failed).run()

    def delete_rule(self) -> None:
        rule = self._rule()
        if rule is not None:
            self.ctx.runner.op(tags.delete_tag_rule, rule.name).success(
                self._done(self.tr("规则已删除"))
            ).failure(self._failed).run()

    def refresh_rules(self) -> None:
        def done(result: tags.RuleRefresh) -> None:
            self.message.info(
                fmt(
                    self.tr("已按 %1 条规则刷新：新增 %2，移除 %3"),
                    result.rules,
                    result.added,
                    result.removed,
                )
            )

        self.ctx.runner.op(tags.refresh_rule_tags).success(done).failure(self._failed).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
        self.rules.save_layout(self.ctx.settings)
