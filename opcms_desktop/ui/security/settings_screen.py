"""Application settings (系统设置, admins): every setting with its value, default and range; edit one at
a time with the range (or a text's length) checked inline before anything is sent, saved with the
version it was loaded at. The seller's details (销售方名称, 纳税人识别号, bank, account, address,
contact) are text settings printed on every bill."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.errors import ConflictError, ValidationError
from ...services.security import settings as app_settings
from ...services.security.settings import SettingValue
from ..context import AppContext
from ..kit.forms import InlineMessage, problems_text
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals

SELLER_NOTE = QT_TRANSLATE_NOOP("SettingsScreen", "印在每张账单（PDF）上，留空的项不打印。")
DESCRIPTIONS = {  # shown through SettingsScreen.tr
    app_settings.IDLE_TIMEOUT: QT_TRANSLATE_NOOP(
        "SettingsScreen", "桌面客户端在这么多分钟没有键盘或鼠标操作后锁定，须重新输入密码。对所有用户生效。"),
    app_settings.SELLER_NAME: SELLER_NOTE, app_settings.SELLER_TAX_ID: SELLER_NOTE,
    app_settings.SELLER_BANK: SELLER_NOTE, app_settings.SELLER_ACCOUNT: SELLER_NOTE,
    app_settings.SELLER_ADDRESS: SELLER_NOTE, app_settings.SELLER_CONTACT: SELLER_NOTE,
}


def is_text(setting: SettingValue) -> bool:
    return setting.kind == app_settings.TEXT


def range_text(setting: SettingValue) -> str:
    if is_text(setting):
        return fmt(translate("security", "最多 %1 字"), setting.maximum)
    return f"{setting.minimum} – {setting.maximum}"


def setting_columns() -> list[Column]:
    return [
        Column("label", translate("security", "设置"), lambda s: s.label, width=200),
        Column("value", translate("security", "当前值"), lambda s: s.value, align_right=True, width=160),
        Column("default", translate("security", "默认值"), lambda s: s.default, align_right=True, width=80),
        Column("range", translate("security", "允许范围"), range_text, width=100),
        Column("state", translate("security", "状态"), lambda s: translate("security", "默认") if s.is_default else translate("security", "已修改"), width=70),
        Column("key", translate("security", "键"), lambda s: s.key, width=220),
    ]


def range_error(setting: SettingValue, text: str) -> str:
    """Empty when `text` fits the setting (a whole number within its range, a short enough text), else
    what is wrong."""
    raw = text.strip()
    if is_text(setting):
        return fmt(translate("security", "最多 %1 个字符。"), setting.maximum) if len(raw) > setting.maximum else ""
    if not raw.lstrip("-").isdigit() or not setting.minimum <= int(raw) <= setting.maximum:
        return fmt(translate("security", "请输入 %1 到 %2 之间的整数。"), setting.minimum, setting.maximum)
    return ""


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.can("settings.manage")
        self.current: SettingValue | None = None
        self._pending: tuple[str, bool] | None = None  # (message, is_error) to show after the next load
        self.model = RowsTableModel(setting_columns(), self)
        self.table = DataTableView("settings", self)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        self.table.restore_layout(ctx.settings)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(lambda: self.reload())

        self.editor = QGroupBox(self.tr("修改设置"))
        self.setting_label = QLabel()
        self.setting_label.setStyleSheet("font-weight: 600;")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #5f6368;")
        self.value = QLineEdit()
        self.value.setMaximumWidth(120)
        self._digits = QIntValidator(-999999, 999999, self)  # digits only; the range is checked below
        self.value.setValidator(self._digits)
        self.value.textEdited.connect(self._edited)
        self.value.returnPressed.connect(self.save)
        self.range_hint = QLabel()
        self.range_hint.setStyleSheet("color: #5f6368;")
        self.message = InlineMessage(self)
        self.save_button = QPushButton(self.tr("保存"))
        self.default_button = QPushButton(self.tr("恢复默认值"))
        self.save_button.clicked.connect(self.save)
        self.default_button.clicked.connect(self.restore_default)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value)
        value_row.addWidget(self.range_hint)
        value_row.addStretch(1)
        form = QFormLayout(self.editor)
        form.addRow(self.setting_label)
        form.addRow(self.description)
        form.addRow(self.tr("新值"), value_row)
        form.addRow("", self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

        bar = QHBoxLayout()
        note = QLabel(self.tr("每项更改都会记入审计日志。"))
        note.setStyleSheet("color: #5f6368;")
        bar.addWidget(note)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        ctx.runner.changed.connect(self._on_changed)
        self._show(None)
        self.reload()

    # -- data -------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        wanted = select or (self.current.key if self.current else None)
        self.ctx.runner.op(app_settings.list_settings).success(lambda rows: self._loaded(rows, wanted)).run()

    def _loaded(self, rows: list[SettingValue], select: str | None) -> None:
        self.model.set_rows(rows)
        keys = [r.key for r in rows]
        if keys:
            self.table.selectRow(keys.index(select) if select in keys else 0)
        else:
            self._show(None)

    def _on_changed(self, what: frozenset) -> None:
        if "settings" in what:
            self.reload()

    def _selection_changed(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self.model.row_at(rows[0].row()) if rows else None)

    def _show(self, setting: SettingValue | None) -> None:
        self.current = setting
        self.message.clear_message()
        active = self.editable and setting is not None
        for widget in (self.value, self.save_button, self.default_button):
            widget.setEnabled(active)
        if setting is None:
            self.setting_label.setText(self.tr("选择上方的一项设置"))
            self.description.setText("")
            self.value.clear()
            self.range_hint.setText("")
            return
        self.setting_label.setText(setting.label)
        self.description.setText(self.tr(DESCRIPTIONS.get(setting.key, "")))
        self.description.setVisible(setting.key in DESCRIPTIONS)
        text_setting = is_text(setting)
        self.value.setValidator(None if text_setting else self._digits)
        self.value.setMaximumWidth(480 if text_setting else 120)
        self.value.setText(str(setting.value))
        if text_setting:
            self.range_hint.setText(fmt(self.tr("最多 %1 字，可留空"), setting.maximum))
        else:
            self.range_hint.setText(fmt(self.tr("范围 %1 – %2，默认 %3"), setting.minimum, setting.maximum,
                                        setting.default))
        self.default_button.setEnabled(active and setting.value != setting.default)
        if not self.editable:
            self.message.info(self.tr("您只能查看设置；修改需要“管理设置”权限。"))
        if self._pending:
            text, is_error = self._pending
            self._pending = None
            (self.message.error if is_error else self.message.info)(text)

    def _edited(self, text: str) -> None:
        if self.current is None:
            return
        problem = range_error(self.current, text) if text.strip() else ""
        if problem:
            self.message.error(problem)
        else:
            self.message.clear_message()
        self.save_button.setEnabled(self.editable and not problem)

    # -- saving -----------------------------------------------------------------------------------
    def restore_default(self) -> None:
        if self.current is not None:
            self.value.setText(str(self.current.default))
            self.save()

    def save(self) -> None:
        setting = self.current
        if setting is None or not self.editable:
            return
        problem = range_error(setting, self.value.text())
        if problem:
            self.message.error(problem)
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(False)
        raw = self.value.text().strip()
        value: int | str = raw if is_text(setting) else int(raw)
        self.ctx.runner.op(app_settings.set_setting, setting.key, value, setting.version) \
            .success(self._saved).failure(self._failed).run()

    def _saved(self, setting: SettingValue) -> None:
        self._pending = (fmt(self.tr("已保存：%1 = %2"), setting.label, setting.value), False)  # the runner's "settings" change reloads the list and shows it

    def _failed(self, failure: Failure) -> bool:
        self.save_button.setEnabled(True)
        error = failure.error
        if isinstance(error, ConflictError):
            self._pending = (self.tr("此设置在您打开后已被他人修改，已重新加载最新值。"), True)
            self.reload()
            return True
        if isinstance(error, ValidationError) and self.current is not None and not is_text(self.current):
            self.message.error(range_error(self.current, "x"))
            return True
        self.message.error(problems_text(error) or error_text(error))
        return True

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
