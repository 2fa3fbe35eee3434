"""Screenshots of customer profiling on the demo data: the RFM scatter, the churn list, a customer's profile.

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py profiling-rfm profiling-churn profiling-profile
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, demo_size, shot
from sqlalchemy import func, select

from opcms_desktop.models import Customer, UsageMonthly
from opcms_desktop.services.insight.demo import load_demo
from opcms_desktop.services.platform.db import session_scope

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811


def _demo(studio: Studio) -> None:
    with session_scope(studio.factory) as session:
        load_demo(session, studio.actor, seed=1, **demo_size())


def _window(studio: Studio, tab: int) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    window = MainWindow(studio.ctx)
    window.resize(1366, 728)
    screen = window.open_screen("profiling")
    screen.tabs.setCurrentIndex(tab)
    return window


@shot("profiling-rfm")
def profiling_rfm(studio: Studio) -> QWidget:
    _demo(studio)
    return _window(studio, 0)


@shot("profiling-churn")
def profiling_churn(studio: Studio) -> QWidget:
    _demo(studio)
    return _window(studio, 1)


@shot("profiling-profile")
def profiling_profile(studio: Studio) -> QWidget:
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog
    from opcms_desktop.ui.profiling.profile_tab import ProfileTab
    from opcms_desktop.ui.screens import register_customer_tabs

    _demo(studio)
    register_customer_tabs()
    with session_scope(studio.factory) as session:  # a customer with several series and a steady record
        customer_id = session.execute(
            select(UsageMonthly.customer_id)
            .group_by(UsageMonthly.customer_id)
            .order_by(
                func.count(func.distinct(UsageMonthly.series)).desc(),
                func.count().desc(),
                UsageMonthly.customer_id,
            )
            .limit(1)
        ).scalar_one()
        assert session.get(Customer, customer_id) is not None
    dialog = CustomerDetailDialog(studio.ctx, customer_id)
    dialog.resize(1000, 680)
    tabs = dialog.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if isinstance(tabs.widget(i), ProfileTab)))
    return dialog
