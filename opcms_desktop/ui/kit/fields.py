"""Input widgets for money, prices, counts and months: text in, Decimal out (never float).

Shared by the pricing, usage and bill-run screens; the text formatting lives in `kit.format`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .format import plain_number
from .periods import last_month

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5f6368;"


class DecimalEdit(QLineEdit):
    """A number with at most `places` decimals, typed as text; `value()` gives a Decimal or None when empty."""

    def __init__(self, places: int = 4, parent: QWidget | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.places = places
        pattern = rf"^\d{{0,10}}(\.\d{{0,{places}}})?$" if places else r"^\d{0,10}$"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(160)

    def value(self) -> Decimal | None:
        """None when empty; ValueError when the text is not a number (e.g. a lone '.')."""
        text = self.text().strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(text) from exc

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else plain_number(value))


class IntEdit(QLineEdit):
    """A whole number of at most 9 digits; `value()` gives an int or None when empty."""

    def __init__(self, parent: QWidget | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,9}$"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(160)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class MonthEdit(QDateEdit):
    """A billing period picker showing YYYY-MM."""

    def __init__(self, period: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM")
        self.setCalendarPopup(False)
        self.set_period(period or last_month())

    def period(self) -> str:
        d = self.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_period(self, period: str) -> None:
        self.setDate(QDate(int(period[:4]), int(period[5:7]), 1))


class FieldWithMessage(QWidget):
    """An input with its own problem line underneath (red once touched, grey before)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None, suffix: QWidget | None = None,
                 expand: bool = False):
        super().__init__(parent)
        self.field = field
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1 if expand else 0)
        if suffix is not None:
            row.addWidget(suffix)
        if not expand:
            row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def show_problems(self, texts: list[str], strong: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if strong else HINT_STYLE)
        self.message.setText("；".join(texts))
        self.message.setVisible(bool(texts))


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label
