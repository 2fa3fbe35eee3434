"""Date and month fields: the arrow keys step the part under the cursor; a date typed over select-all is taken."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from opcms_desktop.ui.kit.fields import DateEdit, MonthEdit


def _focused(qtbot, edit):
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    QApplication.processEvents()  # the focus-in event selects the default part
    return edit


def test_arrow_up_in_a_month_field_steps_the_month_not_the_year(qtbot):
    month = _focused(qtbot, MonthEdit("2026-03"))
    qtbot.keyClick(month, Qt.Key.Key_Up)
    assert month.period() == "2026-04"
    month.lineEdit().setCursorPosition(2)  # inside the year
    qtbot.keyClick(month, Qt.Key.Key_Down)
    assert month.period() == "2025-04"
    month.lineEdit().setCursorPosition(7)  # at the end of the month
    qtbot.keyClick(month, Qt.Key.Key_Up)
    assert month.period() == "2025-05"


def test_arrow_keys_in_a_date_field_step_the_part_under_the_cursor(qtbot):
    date = _focused(qtbot, DateEdit(QDate(2026, 3, 15)))
    date.lineEdit().setCursorPosition(6)
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.date() == QDate(2026, 4, 15)
    date.lineEdit().setCursorPosition(9)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    assert date.date() == QDate(2026, 4, 14)


def test_a_date_typed_after_select_all_is_taken_as_typed(qtbot):
    date = _focused(qtbot, DateEdit(QDate(2026, 3, 15)))
    date.selectAll()
    qtbot.keyClicks(date, "2025-11-02")
    assert date.date() == QDate(2025, 11, 2) and date.text() == "2025-11-02"
    date.selectAll()
    qtbot.keyClicks(date, "20240704")
    assert date.date() == QDate(2024, 7, 4)
    date.selectAll()
    qtbot.keyClicks(date, "2023/1/5")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert date.date() == QDate(2023, 1, 5)


def test_a_month_typed_after_select_all_is_taken_as_typed(qtbot):
    month = _focused(qtbot, MonthEdit("2026-03"))
    month.selectAll()
    qtbot.keyClicks(month, "2024-07")
    assert month.period() == "2024-07"
    month.selectAll()
    qtbot.keyClicks(month, "2023-9")
    qtbot.keyClick(month, Qt.Key.Key_Return)
    assert month.period() == "2023-09"
    month.selectAll()
    qtbot.keyClicks(month, "20x")  # not a date: the field keeps its month
    assert month.period() == "2023-09"
