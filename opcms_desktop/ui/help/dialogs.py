"""The Help menu's dialogs: the user guide, the keyboard shortcuts and About."""

from __future__ import annotations

import platform
import re

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ..kit.text import fmt
from .paths import data_folder, guide_folder, guide_page, log_file

_TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)

# (keys, what they do): shown in 键盘快捷键, translated at use.
SHORTCUTS = (
    ("F1", QT_TRANSLATE_NOOP("help", "打开用户指南（当前界面的那一页）")),
    ("Ctrl+C", QT_TRANSLATE_NOOP("help", "表格：复制当前单元格；选中多行时复制为制表符分隔的区域")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("help", "表格：复制选中的行（含表头）")),
    ("Ctrl+V", QT_TRANSLATE_NOOP("help", "可编辑的表格（用量更正）：粘贴从 Excel 复制的区域")),
    (QT_TRANSLATE_NOOP("help", "右键"), QT_TRANSLATE_NOOP("help", "表格：复制、复制（含表头）、按此值筛选、打开")),
    (QT_TRANSLATE_NOOP("help", "双击 / Enter"), QT_TRANSLATE_NOOP("help", "表格：打开所选的行")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("help", "客户：跳到搜索框")),
    ("Esc", QT_TRANSLATE_NOOP("help", "取消正在运行的操作（导入、月结、导出）")),
    (QT_TRANSLATE_NOOP("help", "↑ / ↓"), QT_TRANSLATE_NOOP("help", "日期和月份框：加减光标所在的部分（年、月或日）")),
    ("Ctrl+A", QT_TRANSLATE_NOOP("help", "日期和月份框：全选后直接输入日期，如 2026-03-15")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("help", "在输入框之间移动")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def page_title(html: str, fallback: str) -> str:
    match = _TITLE.search(html)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else fallback


class UserGuideDialog(QDialog):
    """One short page per screen, listed on the left; opens at the page of the screen on show."""

    def __init__(self, current: str | None, keys: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("用户指南"))
        self.resize(820, 560)
        self.pages = QListWidget()
        self.pages.setFixedWidth(180)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(guide_folder())])
        for key in ["index", *keys]:
            path = guide_page(key)
            if path is None:
                continue
            item = QListWidgetItem(page_title(path.read_text(encoding="utf-8"), key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.pages.addItem(item)
        self.pages.currentRowChanged.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.pages)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.show_page(current or "index")

    def keys(self) -> list[str]:
        return [self.pages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.pages.count())]

    def show_page(self, key: str) -> None:
        keys = self.keys()
        self.pages.setCurrentRow(keys.index(key) if key in keys else 0)

    def _show(self, row: int) -> None:
        item = self.pages.item(row)
        path = guide_page(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.browser.setHtml(path.read_text(encoding="utf-8") if path else "")

    def _follow(self, url: QUrl) -> None:
        """Links between pages are written as `customers.html`."""
        self.show_page(url.fileName().removesuffix(".html"))


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘快捷键"))
        self.resize(620, 420)
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, what) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(_tr(keys)))
            self.table.setItem(row, 1, QTableWidgetItem(_tr(what)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    """Version, the database in use, where the data and the log are (to tell support)."""

    def __init__(self, database: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于 OP_CMS"))
        self.setMinimumWidth(520)
        title = QLabel(self.tr("OP_CMS 客户与结算管理"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        rows = (
            ("version", self.tr("版本"), fmt(self.tr("%1（Python %2，Qt for Python %3）"), __version__,
                                             platform.python_version(), pyside_version)),
            ("database", self.tr("数据库"), database),
            ("data", self.tr("数据文件夹"), str(data_folder())),
            ("log", self.tr("日志文件"), str(log_file())),
        )
        for key, label, value in rows:
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.values[key] = text
            form.addRow(label, text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.folder_button = QPushButton(self.tr("打开日志文件夹"))
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def open_log_folder(self) -> bool:
        folder = log_file().parent
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
