"""Input widgets for money, prices, counts and months: text in, Decimal out (never float).

Shared by the pricing, usage and bill-run screens; the text formatting lives in `kit.format`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .format import plain_number
from .forms import on_change
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


_STEP_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_DIGIT_RUN = re.compile(r"\d+")
_TYPED_CHARS = set("0123456789-/. ")


class DateEdit(QDateEdit):
    """A date field that behaves as people expect (use it instead of QDateEdit).

    - The arrow keys step the part under the cursor (year, month or day); on entering the field with
      Tab, the default part (the day; the month in `MonthEdit`) is the one selected.
    - After select-all, a typed date is taken as typed: `2026-03-15`, `2026/3/15` or `20260315`
      (QDateEdit alone kept the old year). A partial date is taken on Enter or on leaving the field.
    """

    default_section = QDateEdit.Section.DaySection
    display_format = "yyyy-MM-dd"

    def __init__(self, date: QDate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(self.display_format)
        self._typed: str | None = None  # what is typed after select-all, until it is a date
        if date is not None:
            self.setDate(date)

    # -- the part under the cursor --------------------------------------------------------------
    def section_under_cursor(self) -> int | None:
        """The index of the section (digit run) the cursor is in or at the end of; None if none."""
        text, cursor = self.lineEdit().text(), self.lineEdit().cursorPosition()
        for number, run in enumerate(_DIGIT_RUN.finditer(text)):
            if run.start() <= cursor <= run.end():
                return number if number < self.sectionCount() else None
        return None

    def _all_selected(self) -> bool:
        edit = self.lineEdit()
        return bool(edit.text()) and edit.selectedText() == edit.text()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason,
                              Qt.FocusReason.ActiveWindowFocusReason) \
                and self.displayedSections() & self.default_section:
            self.setSelectedSection(self.default_section)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        if self._typed is not None:
            self._commit_typed(final=True)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key, text = event.key(), event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        typing = self._typed is not None or (plain and text and text in _TYPED_CHARS - {" "} and self._all_selected())
        if typing and self._type(key, text):
            event.accept()
            return
        if key in _STEP_KEYS:
            section = None if self._all_selected() else self.section_under_cursor()
            if section is not None:
                self.setCurrentSectionIndex(section)
            elif self.displayedSections() & self.default_section:
                self.setCurrentSection(self.default_section)
        super().keyPressEvent(event)

    # -- typing over the whole date -------------------------------------------------------------
    def _type(self, key: int, text: str) -> bool:
        """Collect what is typed after select-all; True when the key was taken."""
        typed = self._typed or ""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._commit_typed(final=True)
            return key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if key == Qt.Key.Key_Escape:
            self._typed = None
            self.setDate(self.date())
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            return True
        if key == Qt.Key.Key_Backspace:
            typed = typed[:-1]
        elif text and text in _TYPED_CHARS:
            typed += text
        else:
            self._commit_typed(final=True)
            return False
        self._typed = typed
        edit = self.lineEdit()
        edit.blockSignals(True)
        edit.setText(typed)
        edit.blockSignals(False)
        self._commit_typed(final=False)
        return True

    def _commit_typed(self, final: bool) -> None:
        typed, self._typed = self._typed or "", None
        parsed = self.parse_typed(typed, complete_only=not final)
        if parsed is None and not final:
            self._typed = typed  # not a whole date yet: keep collecting
            return
        if parsed is not None and parsed.isValid():
            self.setDate(parsed)
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))  # what was typed, or back to the date

    def parse_typed(self, typed: str, complete_only: bool = False) -> QDate | None:
        """`typed` as a date: 2026-03-15, 2026/3/15, 2026.3.15 or 20260315 (and 2026-3-1 when complete_only is off)."""
        parts = [p for p in re.split(r"[-/. ]", typed.strip()) if p]
        if len(parts) == 1 and len(parts[0]) == 8:
            parts = [parts[0][:4], parts[0][4:6], parts[0][6:]]
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            return None
        if complete_only and len(parts[2]) < 2:
            return None
        date = QDate(int(parts[0]), int(parts[1]), int(parts[2]))
        return date if date.isValid() else None


class MonthEdit(DateEdit):
    """A billing period picker showing YYYY-MM; the arrow keys step the month unless the cursor is in the year."""

    default_section = QDateEdit.Section.MonthSection
    display_format = "yyyy-MM"

    def __init__(self, period: str | None = None, parent: QWidget | None = None):
        super().__init__(None, parent)
        self.setCalendarPopup(False)
        self.set_period(period or last_month())

    def period(self) -> str:
        d = self.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_period(self, period: str) -> None:
        self.setDate(QDate(int(period[:4]), int(period[5:7]), 1))

    def parse_typed(self, typed: str, complete_only: bool = False) -> QDate | None:
        """2026-03, 2026/3, 2026.3 or 202603 (and 2026-3 when complete_only is off)."""
        parts = [p for p in re.split(r"[-/. ]", typed.strip()) if p]
        if len(parts) == 1 and len(parts[0]) == 6:
            parts = [parts[0][:4], parts[0][4:]]
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            return None
        if complete_only and len(parts[1]) < 2:
            return None
        date = QDate(int(parts[0]), int(parts[1]), 1)
        return date if date.isValid() else None


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
        self._revalidate: Callable[[], list[str]] | None = None
        on_change([field], self._edited)

    def show_problems(self, texts: list[str], strong: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if strong else HINT_STYLE)
        self.message.setText("；".join(texts))
        self.message.setVisible(bool(texts))
        self.message.setProperty("strong", strong)

    def set_revalidate(self, check: Callable[[], list[str]] | None) -> None:
        """`check()` gives this field's problems now; with it, an edit re-checks instead of only clearing."""
        self._revalidate = check

    def _edited(self) -> None:
        """The message goes once the input is fixed (at the latest on the next check)."""
        if not self.message.isVisible():
            return
        if self._revalidate is None:
            self.show_problems([], False)
            return
        self.show_problems(self._revalidate(), bool(self.message.property("strong")))


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label
