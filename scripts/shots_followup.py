"""Screenshots of contacts, follow-ups and the today pane, with the receivables demo data.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py today customer-contacts customer-followups

The sales user 刘冀 owns a few demo customers (with overdue bills); contacts and follow-ups go in through
the services; the today screen is shown as 刘冀 sees it.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot
from sqlalchemy import select

from opcms_desktop.models import CustomerOwner, User
from opcms_desktop.services.followup import contacts, followup_plans, followups
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.ui.context import AppContext
from opcms_desktop.ui.operations import OperationRunner

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811

TODAY = dt.date.today()
OWNED = (5, 9, 13, 14)  # 公司id of the demo customers 刘冀 owns
CONTACTS = {
    5: [("王丽", "财务经理", "13811112222", "010-64328899", "wangli@5i5j.com", "wl_5i5j", "wechat", True),
        ("陈刚", "区域总监", "13922223333", None, "chengang@5i5j.com", None, "phone", False),
        ("赵敏", "前台", "13633334444", None, None, None, None, False)],
    9: [("李娜", "运营主管", "13544445555", None, "lina@example.com", "lina_op", "wechat", True)],
    13: [("孙伟", "采购", "13755556666", "021-55667788", None, None, "phone", True)],
}
FOLLOWUPS = [  # (公司id, days from today, method, content, result or None)
    (5, -40, "visit", "上门沟通 2027 年续约方案", "客户倾向包年套餐，等待报价"),
    (5, -21, "phone", "发送包年套餐报价", "已发报价，客户内部审批中"),
    (5, -2, "phone", "跟进报价审批结果", None),
    (9, 0, "wechat", "确认 10 月账单金额无异议", None),
    (13, -5, "phone", "催收 8 月账单余款", None),
    (14, 3, "visit", "季度回访，了解 N 系列设备使用情况", None),
]


def _seeded(studio: Studio) -> Studio:
    if getattr(studio, "followup_seeded", False):
        return studio
    from shots_receivables import seeded as receivables_seeded

    receivables_seeded(studio)
    ids = studio.receivables["ids"]
    with session_scope(studio.factory) as s:
        liuji = s.scalar(select(User).where(User.username == "liuji"))
        assert liuji is not None
        for company_id in OWNED:
            s.add(CustomerOwner(customer_id=ids[company_id], kind="sales", user_id=liuji.id, raw_name="刘冀"))
        s.flush()
        sales = actor_for(s, liuji)
        for company_id, people in CONTACTS.items():
            for name, title, mobile, phone, email, wechat, channel, primary in people:
                contacts.add_contact(s, studio.actor, ids[company_id], contacts.ContactInput(
                    name=name, title=title, mobile=mobile, phone=phone, email=email, wechat=wechat,
                    preferred_channel=channel, primary=primary))
        for company_id, days, method, content, result in FOLLOWUPS:
            view = followups.create_followup(s, sales, ids[company_id], due_on=TODAY + dt.timedelta(days=days),
                                             method=method, content=content)
            if result is not None:
                done_at = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(10), tzinfo=dt.UTC)
                followups.complete_followup(s, sales, view.id, result=result, done_at=done_at)
        followup_plans.set_followup_plan(s, sales, ids[5], every_n=2, unit="week", method="phone")
        studio.sales_actor = sales
    studio.followup_seeded = True
    return studio


def _as_sales(studio: Studio) -> AppContext:
    runner = OperationRunner(studio.factory, studio.sales_actor)
    return AppContext(runner, studio.sales_actor, studio.settings, studio.profile)


@shot("today")
def today_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    _seeded(studio)
    window = MainWindow(_as_sales(studio))
    window.resize(1280, 760)
    window.open_screen("today")
    return window


def _detail(studio: Studio, tab_key: str) -> QWidget:
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog
    from opcms_desktop.ui.screens import register_customer_tabs

    _seeded(studio)
    register_customer_tabs()  # the main window does this when it lists its screens
    ctx = _as_sales(studio) if tab_key == "contacts" else studio.ctx
    dialog = CustomerDetailDialog(ctx, studio.receivables["ids"][5])
    dialog.resize(1100, 640)
    titles = {"contacts": "联系人", "followups": "跟进"}
    for index in range(dialog.tabs.count()):
        if dialog.tabs.tabText(index) in (titles[tab_key], {"contacts": "Contacts", "followups": "Follow-ups"}[tab_key]):
            dialog.tabs.setCurrentIndex(index)
    return dialog


@shot("customer-contacts")
def customer_contacts(studio: Studio) -> QWidget:
    return _detail(studio, "contacts")


@shot("customer-followups")
def customer_followups(studio: Studio) -> QWidget:
    return _detail(studio, "followups")


@shot("today-reminder")
def today_reminder(studio: Studio) -> QWidget:
    """The reminder as it pops up over another screen (the customer list) while the app is open."""
    from opcms_desktop.ui.followup.reminder import TodayReminder
    from opcms_desktop.ui.main_window import MainWindow

    _seeded(studio)
    window = MainWindow(_as_sales(studio))
    window.resize(1280, 760)
    window.open_screen("customers")
    window.show()
    reminder = TodayReminder(window.ctx, window, use_tray=False)
    reminder.check()
    return window
