"""Save and open dialogs start in the last used folder (else Documents); a save path's folder exists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from opcms_desktop.ui.kit import file_dialogs
from opcms_desktop.ui.kit.file_dialogs import ask_open_path, ask_save_path


@pytest.fixture
def remembered(tmp_path):
    file_dialogs.use_settings(QSettings(str(tmp_path / "dialogs.ini"), QSettings.Format.IniFormat))
    yield
    file_dialogs.use_settings(None)


def test_save_dialog_starts_in_documents_then_in_the_last_used_folder(qtbot, tmp_path, monkeypatch, remembered):
    starts, answers = [], [str(tmp_path / "exports" / "客户.xlsx"), ""]
    (tmp_path / "exports").mkdir()

    def dialog(_parent, _title, start, _filter):
        starts.append(start)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert ask_save_path(None, "导出", "客户.xlsx", "Excel (*.xlsx)") == str(tmp_path / "exports" / "客户.xlsx")
    assert starts[0] == str(file_dialogs.documents_folder() / "客户.xlsx")
    assert ask_save_path(None, "导出", "账单.xlsx", "Excel (*.xlsx)") == ""  # cancelled
    assert starts[1] == str(tmp_path / "exports" / "账单.xlsx")


def test_open_dialog_shares_the_last_folder(qtbot, tmp_path, monkeypatch, remembered):
    (tmp_path / "in").mkdir()
    sheet = tmp_path / "in" / "收款.xlsx"
    sheet.write_bytes(b"x")
    starts = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, start, _f: (starts.append(start), (str(sheet), ""))[1])
    assert ask_open_path(None, "选择", "", "Excel (*.xlsx)") == str(sheet)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, start, _f: (starts.append(start), ("", ""))[1])
    ask_save_path(None, "导出", "报表.xlsx", "Excel (*.xlsx)")
    assert starts[-1] == str(tmp_path / "in" / "报表.xlsx")


def test_a_save_path_in_a_missing_folder_is_asked_again(qtbot, tmp_path, monkeypatch, remembered):
    answers = [str(tmp_path / "missing" / "a.xlsx"), str(tmp_path / "a.xlsx")]
    warned = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (answers.pop(0), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    assert ask_save_path(None, "导出", "a.xlsx", "Excel (*.xlsx)") == str(tmp_path / "a.xlsx")
    assert len(warned) == 1 and "missing" in warned[0]
