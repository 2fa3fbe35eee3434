"""Screenshots of the security screens: role editor, audit viewer, settings.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py roles audit settings

Demo data goes in through the services: two custom roles (one held by a user), a few edits of roles,
users and the idle timeout, so the audit trail has before → after pairs to show.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security import roles, users
from opcms_desktop.services.security import settings as app_settings

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    # Run as scripts/screenshots.py: register with the module that runs (see shots_customers.py).
    shot = sys.modules["__main__"].shot  # noqa: F811


def seeded(studio: Studio) -> Studio:
    if getattr(studio, "security_seeded", False):
        return studio
    actor = studio.actor
    with session_scope(studio.factory) as s:
        roles.create_role(s, actor, "finance", "财务", "all",
                          ["customers.view", "invoices.view", "invoices.export", "receipts.view", "receipts.create",
                           "receipts.record", "receipts.allocate", "reports.view", "reports.export"])
        roles.create_role(s, actor, "sales_lead", "销售主管", "own",
                          ["customers.view", "customers.edit", "customers.export", "invoices.view", "reports.view"])
    with session_scope(studio.factory) as s:
        roles.update_role(s, actor, "finance", label="财务专员",
                          permissions=[*roles.get_role(s, actor, "finance").permissions, "receipts.unallocate"])
        users.create_user(s, actor, "chenjing", "Demo-password-1", "finance", "陈静")
        users.change_role(s, actor, "guofuqian", "sales_lead")
        app_settings.set_setting(s, actor, app_settings.IDLE_TIMEOUT, 30)
    with session_scope(studio.factory) as s:
        roles.update_role(s, actor, "ops", permissions=[p for p in roles.get_role(s, actor, "ops").permissions
                                                        if p != "customers.delete"])
    studio.security_seeded = True
    return studio


@shot("roles")
def roles_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1360, 820)
    screen = window.open_screen("roles")
    studio.settle()
    screen.select_role("finance")
    return window


@shot("audit")
def audit_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1360, 820)
    screen = window.open_screen("audit")
    studio.settle()
    rows = [screen.model.row_at(i) for i in range(screen.model.rowCount())]
    pick = next((i for i, r in enumerate(rows) if r and r.entity == "role" and r.action == "update"), 0)
    screen.table.selectRow(pick)
    screen.verify()
    return window


@shot("settings")
def settings_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1100, 620)
    screen = window.open_screen("settings")
    studio.settle()
    screen.value.setText("600")
    screen.value.textEdited.emit("600")
    return window
