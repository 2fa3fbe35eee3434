"""Every text a person can read on a widget tree: labels, buttons, titles, tabs, headers, menus,
placeholders, tool tips. Item-view cells are data and are left out; headers are not.

Used by `screenshots.py --texts` and by tests/ui/test_screen_language.py, which check that English
screens hold no Chinese and Chinese screens no English sentence (data values aside).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every readable text in `root` and its visible children."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, kind: str, text: str | None) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}.{kind}", text.strip()))

    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.isWindow():
            add(widget, "title", widget.windowTitle())
        add(widget, "tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text() if widget.textFormat() != Qt.TextFormat.RichText else _plain(widget.text()))
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, "tab", widget.tabText(i))
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            add(widget, "current", widget.currentText())
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                add(widget, "item", widget.item(row).text())
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            for column in range(header.count()):
                if not header.isSectionHidden(column):
                    add(widget, "header", str(widget.model().headerData(column, Qt.Orientation.Horizontal) or ""))
        elif isinstance(widget, QMainWindow) and widget.menuBar() is not None:
            for action in widget.menuBar().actions():
                add(widget, "menu", action.text().replace("&", ""))
                menu = action.menu()
                if isinstance(menu, QMenu):
                    for item in menu.actions():
                        add(widget, "menu", item.text().replace("&", ""))
    return found


def _plain(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)


def database_words(sqlite_path: str) -> list[str]:
    """Every text value stored in the database: what a screen may show as data, in any language."""
    from pathlib import Path

    from opcms_desktop.services.platform import cipher, db_key

    words: set[str] = set()
    path = Path(sqlite_path)
    key = None if cipher.is_plain_sqlite(path) else db_key.database_key(path, create=False)
    with cipher.connect(path, key, read_only=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                words.update(v for v in row if isinstance(v, str) and v.strip())
    return sorted(words)
