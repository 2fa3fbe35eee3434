"""The sign-in flow of the desktop client: database -> first admin -> login -> main window."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication, QDialog

from ..services.security import users
from . import credentials
from .connection import ConnectionProfile, load_profile, save_profile
from .connection_dialog import ConnectionDialog
from .context import AppContext
from .i18n import install_language
from .idle import IdleWatcher
from .login import ChangePasswordDialog, FirstAdminDialog, LoginDialog, ReauthDialog
from .main_window import MainWindow
from .operations import Failure, OperationRunner
from .security.access_prompts import install_access_prompts
from .session_flow import (
    OpenedDatabase,
    SignedIn,
    create_first_admin,
    idle_timeout_minutes,
    open_embedded,
    sign_in,
)
from .welcome.dialog import needs_welcome
from .welcome.first_run import FirstRun

log = logging.getLogger(__name__)


class Controller(QObject):
    def __init__(self, settings: QSettings, profile: ConnectionProfile | None = None):
        super().__init__()
        self.settings = settings
        self.profile = profile or load_profile(settings)
        self.runner = OperationRunner(parent=self)
        install_access_prompts(self.runner)  # password again; exports that need a request
        self.database: OpenedDatabase | None = None
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.idle: IdleWatcher | None = None
        # the welcome screen and guided path, only on a first start (ui/welcome/first_run.py)
        self.first_run = FirstRun(self) if profile is None and needs_welcome(settings) else None

    # -- start ----------------------------------------------------------------------------------
    def start(self) -> None:
        if self.first_run is not None and self.first_run.intercept_start():
            return
        if self.profile.is_postgresql:
            self.show_login()
            return
        self.runner.call(open_embedded, self.profile).with_progress(self.tr("正在打开数据库…")) \
            .success(self._opened).failure(self._open_failed).run()

    def _opened(self, database: OpenedDatabase) -> None:
        self.database = database
        if database.needs_first_admin:
            first = FirstAdminDialog(
                self.runner, lambda u, p, d: create_first_admin(database, u, p, d), self.profile.describe())
            first.accepted.connect(lambda: self._signed_in(first.result_value))
            first.rejected.connect(self._quit)
            self._show_dialog(first)
        else:
            self.show_login()

    def _open_failed(self, failure: Failure) -> bool:
        self.runner.present_error(None, failure)
        self.change_connection(after_failure=True)
        return True

    # -- windows ----------------------------------------------------------------------------------
    def _current_dialog(self) -> QDialog | None:
        dialog = self.dialog
        return dialog if dialog is not None and dialog.isVisible() and dialog.isEnabled() else None

    def _show_dialog(self, dialog: QDialog) -> None:
        """Show `dialog` first, then retire the one it replaces: the app is never without a window
        (Qt quits without a word when its last window closes)."""
        previous, self.dialog = self.dialog, dialog
        dialog.show()
        if previous is not None and previous is not dialog:
            self._retire(previous)

    @staticmethod
    def _retire(dialog: QDialog) -> None:
        for signal in (dialog.accepted, dialog.rejected):
            with contextlib.suppress(RuntimeError, TypeError):  # nothing connected
                signal.disconnect()
        dialog.close()
        dialog.deleteLater()

    @staticmethod
    def _quit() -> None:
        log.info("the user closed the sign-in window; quitting")
        QApplication.quit()

    # -- login ----------------------------------------------------------------------------------
    def show_login(self) -> None:
        install_language()  # the saved choice: a language picked in the main window applies from here on
        last_user = str(self.settings.value("login/last_user", ""))
        key = self.profile.key
        dialog = LoginDialog(
            self.runner, lambda u, p: sign_in(self.profile, self.database, u, p), self.profile.describe(),
            username=last_user, remembered=lambda u: credentials.recall(key, u) if u else None,
            forget=lambda u: credentials.forget(key, u),
        )
        dialog.accepted.connect(lambda: self._login_accepted(dialog))
        dialog.rejected.connect(self._quit)
        dialog.connection_requested.connect(self.change_connection)
        self._show_dialog(dialog)

    def _login_accepted(self, dialog: LoginDialog) -> None:
        username = dialog.username.text().strip()
        self.settings.setValue("login/last_user", username)
        if dialog.remember.isChecked():
            credentials.remember(self.profile.key, username, dialog.password.text())
        else:
            credentials.forget(self.profile.key, username)
        self._signed_in(dialog.result_value)

    def change_connection(self, after_failure: bool = False) -> None:
        """The old sign-in window stays on screen (disabled) until the new database's window shows."""
        dialog = ConnectionDialog(self.profile, self._current_dialog(), self.runner,
                                  str(self.settings.value("login/last_user", "")))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        profile = dialog.profile()
        dialog.deleteLater()
        if not accepted:
            if after_failure:  # no database could be opened and the user chose none: say so, then quit
                log.warning("no database opened (%s); quitting", self.profile.describe())
                self._quit()
            return
        if self.dialog is not None:
            self.dialog.setEnabled(False)
        self.profile = profile
        save_profile(self.settings, self.profile)
        if self.database is not None:
            self.database.engine.dispose()
            self.database = None
        self.start()

    def _signed_in(self, signed: SignedIn) -> None:
        self.database = signed.database
        self.runner.session_factory = signed.database.factory
        self.runner.actor = signed.actor
        if signed.must_change_password:
            change = ChangePasswordDialog(self.runner, users.change_own_password, forced=True)
            change.accepted.connect(lambda: self._open_main(signed))
            change.rejected.connect(self.logout)
            self._show_dialog(change)
            return
        if self.first_run is not None and self.first_run.before_main(signed):
            return
        self._open_main(signed)

    def _open_main(self, signed: SignedIn) -> None:
        ctx = AppContext(self.runner, signed.actor, self.settings, self.profile)
        self.window = MainWindow(ctx)
        self.window.logout_requested.connect(self.logout)
        self.window.change_password_requested.connect(self._change_password)
        self.window.show()
        if self.dialog is not None:  # the sign-in window goes once the main window is up
            self._retire(self.dialog)
            self.dialog = None
        self._watch_idle(signed)
        if self.first_run is not None:
            self.first_run.after_main(self.window)

    # -- session --------------------------------------------------------------------------------
    def _watch_idle(self, signed: SignedIn) -> None:
        app = QApplication.instance()
        if self.idle is None:
            self.idle = IdleWatcher(15, self)
            app.installEventFilter(self.idle)
            self.idle.idle.connect(self._lock)
        self.idle.pause(False)
        self.runner.op(idle_timeout_minutes).success(self.idle.set_timeout).failure(lambda _f: True).run()

    def _lock(self) -> None:
        if self.window is None or self.database is None or self.runner.actor is None:
            return
        actor = self.runner.actor
        reauth = ReauthDialog(self.runner, lambda u, p: sign_in(self.profile, self.database, u, p),
                              actor.username, self.window)
        reauth.accepted.connect(lambda: self.idle.pause(False) if self.idle else None)
        reauth.rejected.connect(self.logout)
        reauth.open()

    def _change_password(self) -> None:
        dialog = ChangePasswordDialog(self.runner, users.change_own_password, forced=False, parent=self.window)
        dialog.open()

    def logout(self) -> None:
        if self.idle:
            self.idle.pause(True)
        window, self.window = self.window, None
        self.runner.actor = None
        if self.profile.is_postgresql and self.database is not None:
            self.database.engine.dispose()
            self.database = None
        self.profile = replace(self.profile)
        self.show_login()  # before the main window closes: never a moment without a window
        if window is not None:
            window.close()
            window.deleteLater()
