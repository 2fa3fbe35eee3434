"""Screenshots of the dashboard (经营看板) on the demo data (`opcms demo`: 1,300 synthetic customers, 24 months).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py dashboard dashboard-sales dashboard-details

The demo's synthetic sheet names sales owners such as 刘冀, whom the studio's user liuji matches by name, so
the sales shot shows liuji's own book.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, demo_size, shot

from opcms_desktop.services.insight.demo import load_demo
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.auth import authenticate
from opcms_desktop.ui.context import AppContext
from opcms_desktop.ui.operations import OperationRunner

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    # Run as scripts/screenshots.py: register with the module that runs (see shots_customers.py).
    shot = sys.modules["__main__"].shot  # noqa: F811


def _demo(studio: Studio) -> None:
    with session_scope(studio.factory) as session:
        load_demo(session, studio.actor, seed=1, **demo_size())


def _window(ctx: AppContext) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.resize(1366, 728)
    window.open_screen("dashboard")
    return window


@shot("dashboard")
def dashboard_screen(studio: Studio) -> QWidget:
    _demo(studio)
    return _window(studio.ctx)


@shot("dashboard-sales")
def dashboard_sales(studio: Studio) -> QWidget:
    _demo(studio)
    actor, _ = authenticate(studio.factory, "liuji", "Demo-password-1")
    runner = OperationRunner(studio.factory, actor)
    studio.runner = runner  # settle() waits for this runner's work
    return _window(AppContext(runner, actor, studio.settings, studio.profile))


@shot("dashboard-details")
def dashboard_details(studio: Studio) -> QWidget:
    from opcms_desktop.ui.insight.dashboard_screen import DashboardScreen

    _demo(studio)
    screen = DashboardScreen(studio.ctx)
    screen.resize(1180, 640)
    studio.settle()
    dialog = screen.open_details("overdue")
    assert dialog is not None
    return dialog
