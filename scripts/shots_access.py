"""Screenshots of reads on record: the data-use report, field permissions and the export-approval inbox.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py data_use field_permissions export_approvals

Demo data goes in through the services: customers owned by 刘冀, detail views and exports by three users,
a hidden field for sales, an export rule and a waiting request, and an alert for a login at 03:00.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot
from sqlalchemy import select, update

from opcms_desktop.models import Customer, CustomerOwner, User
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security import export_approval, field_permissions, unusual_access
from opcms_desktop.services.security.auth import actor_for

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811

NAMES = [
    "我爱我家（北京）",
    "链家·上海徐汇店",
    "贝壳找房杭州",
    "麦田房产",
    "中原地产深圳",
    "21世纪不动产成都",
]


def seeded(studio: Studio) -> Studio:
    if getattr(studio, "access_seeded", False):
        return studio
    admin = studio.actor
    with session_scope(studio.factory) as s:
        people = {u.username: actor_for(s, u) for u in s.scalars(select(User))}
        liuji, guofuqian = people["liuji"], people["guofuqian"]
        ids = []
        for n, name in enumerate(NAMES):
            customer = Customer(
                company_id=6100 + n,
                name=name,
                name_initials="",
                name_pinyin="",
                payment_terms_days=30,
                notes="年框客户" if n % 2 else None,
            )
            s.add(customer)
            s.flush()
            s.add(CustomerOwner(customer_id=customer.id, kind="sales", user_id=liuji.id, raw_name="刘冀"))
            ids.append(customer.id)
        s.flush()
        for n in range(7):
            get_customer(s, liuji, ids[n % len(ids)])
        for n in range(3):
            get_customer(s, guofuqian, ids[n])
        export_customers(s, guofuqian, studio.dir / "客户.xlsx")
        field_permissions.set_field_mode(s, admin, "sales", "notes", "hidden")
        field_permissions.set_field_mode(s, admin, "sales", "amounts", "hidden")
        field_permissions.set_field_mode(s, admin, "sales", "payment_terms_days", "read_only")
        export_approval.set_export_policy(s, admin, "sales", 200, True)
        export_approval.request_export(s, liuji, "customer_view", 1280)
        night = dt.datetime.now().astimezone().replace(hour=3, minute=12)
        if night > dt.datetime.now().astimezone():
            night -= dt.timedelta(days=1)
        s.execute(update(User).where(User.username == "xiehailong").values(last_login_at=night))
        unusual_access.scan_unusual_access(s, admin)
    studio.access_seeded = True
    return studio


def _open(studio: Studio, key: str) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1366, 768)
    window.open_screen(key)
    studio.settle()
    return window


@shot("data_use")
def data_use_screen(studio: Studio) -> QWidget:
    return _open(studio, "data_use")


@shot("field_permissions")
def field_permissions_screen(studio: Studio) -> QWidget:
    window = _open(studio, "field_permissions")
    screen = window.open_screen("field_permissions")
    screen.role.setCurrentIndex(max(screen.role.findData("sales"), 0))
    studio.settle()
    return window


@shot("export_approvals")
def export_approvals_screen(studio: Studio) -> QWidget:
    window = _open(studio, "export_approvals")
    screen = window.open_screen("export_approvals")
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    screen.policy_role.setCurrentIndex(max(screen.policy_role.findData("sales"), 0))
    studio.settle()
    return window


@shot("password_again")
def password_again_dialog(studio: Studio) -> QWidget:
    """What a user sees after an admin asked for the password again: the refused view runs once it is given."""
    from opcms_desktop.services.platform.messages import render
    from opcms_desktop.ui.security.access_prompts import PasswordAgainDialog

    seeded(studio)
    dialog = PasswordAgainDialog(studio.ctx.runner, render("access.reauth_required", {"user": studio.actor.username}))
    dialog.resize(460, dialog.sizeHint().height())
    dialog.show()
    studio.settle()
    return dialog


@shot("export_request_offer")
def export_request_offer(studio: Studio) -> QWidget:
    """An export over the role's threshold: the message says why, and a button files the request."""
    from opcms_desktop.services.platform.errors import UserError
    from opcms_desktop.ui.failure import Failure
    from opcms_desktop.ui.security.access_prompts import _open, offer_export_request

    seeded(studio)
    refused = UserError("access.export_needs_request", kind="customer_view", rows=1280, masked=False, threshold=200)
    offer_export_request(studio.ctx.runner, None, Failure(refused, ""))
    studio.settle()
    return next(iter(_open))
