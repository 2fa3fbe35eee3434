"""The audit viewer's filters: user, entity, entity id, action, date range and free text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...services.security.audit_view import AuditChoices, AuditFilter
from ..kit.fields import DateEdit
from .labels import action_label, entity_label

TYPING_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)  # the minimum of the date boxes, shown as 不限


def _date_box(any_text: str) -> QDateEdit:
    box = DateEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    box.setMinimumDate(NO_DATE)
    box.setSpecialValueText(any_text)
    box.setDate(NO_DATE)
    box.setMinimumWidth(110)
    return box


def _date_of(box: QDateEdit) -> dt.date | None:
    value = box.date()
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())


class AuditFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.user = QComboBox()
        self.entity = QComboBox()
        self.action = QComboBox()
        for combo, everyone in ((self.user, self.tr("全部用户")), (self.entity, self.tr("全部对象")),
                                (self.action, self.tr("全部操作"))):
            combo.addItem(everyone, None)
            combo.setMinimumWidth(110)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText(self.tr("对象ID"))
        self.entity_id.setClearButtonEnabled(True)
        self.entity_id.setMaximumWidth(110)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("搜索摘要、对象ID或用户名"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(200)
        self.since = _date_box(self.tr("不限"))
        self.until = _date_box(self.tr("不限"))
        for box in (self.since, self.until):
            box.dateChanged.connect(lambda _d: self.changed.emit())
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        for edit in (self.entity_id, self.text):
            edit.textChanged.connect(lambda _t: self._timer.start())

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        cells = [(self.tr("用户"), self.user), (self.tr("对象"), self.entity), (self.tr("对象ID"), self.entity_id),
                 (self.tr("操作"), self.action)]
        for n, (caption, widget) in enumerate(cells):
            grid.addWidget(self._caption(caption), 0, 2 * n)
            grid.addWidget(widget, 0, 2 * n + 1)
        grid.addWidget(self._caption(self.tr("从")), 1, 0)
        grid.addWidget(self.since, 1, 1)
        grid.addWidget(self._caption(self.tr("到")), 1, 2)
        grid.addWidget(self.until, 1, 3)
        grid.addWidget(self._caption(self.tr("搜索")), 1, 4)
        grid.addWidget(self.text, 1, 5, 1, 3)
        grid.addWidget(self.clear_button, 1, 8)
        grid.setColumnStretch(9, 1)

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #5f6368;")
        return label

    def set_choices(self, choices: AuditChoices) -> None:
        """Fill the drop-downs, keeping what is selected."""
        for combo, values, label in ((self.user, choices.usernames, str), (self.entity, choices.entities, entity_label),
                                     (self.action, choices.actions, action_label)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(label(value), value)
            if current is not None and combo.findData(current) < 0:
                combo.addItem(label(current), current)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)

    def select(self, combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value)
        if index < 0 and value is not None:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    def values(self) -> AuditFilter:
        return AuditFilter(username=self.user.currentData(), entity=self.entity.currentData(),
                           entity_id=self.entity_id.text().strip() or None, action=self.action.currentData(),
                           since=_date_of(self.since), until=_date_of(self.until),
                           text=self.text.text().strip() or None)

    def clear(self) -> None:
        self.blockSignals(True)
        for combo in (self.user, self.entity, self.action):
            combo.setCurrentIndex(0)
        for edit in (self.entity_id, self.text):
            edit.clear()
        for box in (self.since, self.until):
            box.setDate(NO_DATE)
        self._timer.stop()
        self.blockSignals(False)
        self.changed.emit()
