"""About (issue 10 item 2): version, the database without its password, the data folder, the log file."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from opcms_desktop.services.platform.logs import log_path
from opcms_desktop.ui.connection import ConnectionProfile
from opcms_desktop.ui.help.dialogs import AboutDialog
from opcms_desktop.ui.help.paths import data_folder


def test_about_names_everything_support_asks_for(qtbot, monkeypatch):
    pg = ConnectionProfile(kind="postgresql", host="db.example", port=5433, database="opcms")
    about = AboutDialog(pg.describe())
    qtbot.addWidget(about)
    assert about.values["database"].text() == "PostgreSQL db.example:5433/opcms"
    assert about.values["data"].text() == str(data_folder())
    assert about.values["log"].text() == str(log_path())
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    about.folder_button.click()
    assert opened == [str(log_path().parent)]


def test_the_database_description_never_holds_a_password():
    pg = ConnectionProfile(kind="postgresql", host="db", database="opcms")
    assert "secret" in pg.url("ops", "secret")  # the URL does...
    assert "secret" not in pg.describe() and "ops" not in pg.describe()  # ...what About shows does not
