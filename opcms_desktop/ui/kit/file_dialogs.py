"""Save and open dialogs that start in the last used folder (else Documents) and remember it.

    path = ask_save_path(self, self.tr("导出当前视图"), "客户-20260301.xlsx", self.tr("Excel 工作簿 (*.xlsx)"))
    if path:
        ...

Both return "" when the user cancels. A save path always lies in an existing folder (the dialog asks
again otherwise), so an export never has to create one.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...services.platform.preferences import preferences_path
from .text import fmt

LAST_FOLDER_KEY = "files/last_folder"
_settings: QSettings | None = None


def use_settings(settings: QSettings | None) -> None:
    """Where the last folder is remembered (default: the app's QSettings); tests pass their own."""
    global _settings
    _settings = settings


def _store() -> QSettings:
    if _settings is not None:
        return _settings
    if os.environ.get("OPCMS_PREFERENCES"):  # a preferences file of its own (tests): settings beside it
        return QSettings(str(preferences_path().with_name("ui-settings.ini")), QSettings.Format.IniFormat)
    return QSettings()


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder() -> Path:
    saved = _store().value(LAST_FOLDER_KEY)
    folder = Path(str(saved)) if saved else None
    return folder if folder is not None and folder.is_dir() else documents_folder()


def remember_folder(path: str | Path) -> None:
    folder = Path(path).parent
    if folder.is_dir():
        store = _store()
        store.setValue(LAST_FOLDER_KEY, str(folder))
        store.sync()


def start_path(suggested: str) -> str:
    """The dialog's starting point: `suggested` as is when it names an existing folder, else in the last folder."""
    if suggested:
        given = Path(suggested)
        if given.is_absolute() and given.parent.is_dir():
            return str(given)
        return str(last_folder() / given.name)
    return str(last_folder())


def ask_save_path(parent: QWidget | None, title: str, suggested_name: str, file_filter: str) -> str:
    """A file to write, in an existing folder; "" when cancelled."""
    start = start_path(suggested_name)
    while True:
        path, _chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
        if not path:
            return ""
        if Path(path).parent.is_dir():
            remember_folder(path)
            return path
        QMessageBox.warning(parent, title, fmt(QCoreApplication.translate("file_dialogs", "文件夹 %1 不存在，请选择一个已有的文件夹。"),
                                               str(Path(path).parent)))
        start = str(last_folder() / Path(path).name)


def ask_open_path(parent: QWidget | None, title: str, start: str, file_filter: str) -> str:
    """An existing file to read; "" when cancelled."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, start_path(start), file_filter)
    if path:
        remember_folder(path)
    return path
