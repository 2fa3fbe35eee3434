"""The first start, for the controller: the welcome screen, the demo database, the guided path.

The controller asks three questions at its three moments (start, signed in, main window open); when
this is not a first start (a connection profile or a local database exists) it never asks them.
Choices: EMPTY -> the default local file, the first-admin dialog, then the guided path to the customer
import; DEMO -> a separate SQLite file (dialog.demo_database_path), the first-admin dialog, then
`load_demo` fills it (with a progress dialog) before the main window opens; SHARED -> the existing
connection dialog with PostgreSQL chosen (cancelling it returns to the welcome screen).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject

from ..connection import ConnectionProfile, save_profile
from ..operations import Failure
from .dialog import DEMO, EMPTY, SHARED, WelcomeDialog, demo_database_path
from .guide import GuidedPathDialog

# The controller, the main window and SignedIn are duck-typed (Any): importing them would make this
# feature folder depend on every other one through the main window's screens.

log = logging.getLogger(__name__)


class FirstRun(QObject):
    def __init__(self, controller: Any):
        super().__init__(controller)
        self.controller = controller
        self.mode: str | None = None  # the welcome choice, until its follow-up is done
        self.welcome: WelcomeDialog | None = None
        self.guide: GuidedPathDialog | None = None

    # -- the controller's start ---------------------------------------------------------------------
    def intercept_start(self) -> bool:
        """True when the welcome screen is shown instead of opening a database."""
        if self.mode is not None:
            return False
        self.welcome = WelcomeDialog()
        self.welcome.accepted.connect(self._chosen)
        self.welcome.rejected.connect(self.controller._quit)
        self.controller._show_dialog(self.welcome)
        return True

    def _chosen(self) -> None:
        assert self.welcome is not None
        choice, controller = self.welcome.choice, self.controller
        log.info("first start: %s", choice)
        if choice == SHARED:
            previous = controller.profile
            controller.profile = replace(previous, kind="postgresql")
            self.mode = SHARED
            self.welcome.show()  # stays behind the connection dialog; cancelling returns to it
            controller.change_connection()
            if not controller.settings.contains("connection/kind"):  # cancelled: choose again
                controller.profile, self.mode = previous, None
            return
        path = demo_database_path() if choice == DEMO else ""
        controller.profile = replace(ConnectionProfile(), kind="sqlite", sqlite_path=path)
        save_profile(controller.settings, controller.profile)
        self.mode = choice
        controller.start()

    # -- signed in, before the main window ----------------------------------------------------------
    def before_main(self, signed: Any) -> bool:
        """The demo database is filled first; True when the controller must not open the window now."""
        if self.mode != DEMO:
            return False
        self.mode = None
        from ...services.insight.demo import load_demo

        self.controller.runner.op(load_demo).with_progress(
            self.tr("正在生成演示数据（不到一分钟）…")
        ).success(lambda _summary: self.controller._open_main(signed)).failure(
            lambda failure: self._demo_failed(failure, signed)
        ).run()
        return True

    def _demo_failed(self, failure: Failure, signed: Any) -> bool:
        code = getattr(failure.error, "code", "")
        if code != "insight.demo.not_empty":  # an already filled demo file simply opens
            self.controller.runner.present_error(None, failure)
        self.controller._open_main(signed)
        return True

    # -- the main window is open ----------------------------------------------------------------------
    def after_main(self, window: Any) -> None:
        if self.mode != EMPTY:
            return
        self.mode = None
        guide = self.guide = GuidedPathDialog(window)
        guide.import_requested.connect(lambda: self._open_import(window))
        guide.pricing_requested.connect(lambda: window.open_screen("pricing"))
        guide.billing_requested.connect(lambda: window.open_screen("billrun"))
        self.controller.runner.changed.connect(self._changed)
        guide.show()

    def _open_import(self, window: Any) -> Any:
        screen = window.open_screen("customers")
        opener = getattr(screen, "open_import", None)
        return opener() if callable(opener) else None

    def _changed(self, topics: frozenset) -> None:
        if self.guide is not None and "customers" in topics:
            self.guide.mark_done(0)
