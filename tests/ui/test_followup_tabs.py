"""The 联系人 and 跟进 tabs of the customer detail (issue 14 items 1, 2 and 6)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from opcms_desktop.models import AuditEntry, Customer
from opcms_desktop.services.followup import contacts, followups
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.followup.contacts_tab import ContactsTab
from opcms_desktop.ui.followup.followup_tab import FollowupTab


def _customer(ui_factory, query_guard, admin_actor, company_id=5001) -> int:
    with query_guard.allowed(), session_scope(ui_factory) as s:
        customer = Customer(company_id=company_id, name="跟进测试客户", name_initials="", name_pinyin="",
                            payment_terms_days=30)
        s.add(customer)
        s.flush()
        contacts.add_contact(s, admin_actor, customer.id, contacts.ContactInput(
            name="张三", title="经理", mobile="13812345678", email="zhang.san@example.com", primary=True))
        return customer.id


def test_contacts_tab_masks_adds_deactivates_and_reveals(qtbot, qtmodeltester, app_ctx, ui_factory, admin_actor,
                                                        query_guard):
    customer_id = _customer(ui_factory, query_guard, admin_actor)
    tab = ContactsTab(app_ctx, customer_id)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10000)
    qtmodeltester.check(tab.model)
    row = tab.model.rows()[0]
    assert (row.mobile, row.email) == ("138****5678", "z***@example.com")  # masked on screen for everyone
    assert tab.model.data(tab.model.index(0, tab.model.column_of("primary"))) == "是"
    dialog = tab.add_contact()
    dialog.name.setText("李四")
    dialog.mobile.setText("12345")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "手机号" in dialog.message.text(), timeout=10000)
    dialog.mobile.setText("13900001111")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10000)
    tab.table.selectRow(0)
    tab.reveal()
    qtbot.waitUntil(lambda: tab.model.rows()[0].mobile == "13812345678", timeout=10000)
    tab.table.selectRow(1)
    tab.toggle_active()
    qtbot.waitUntil(lambda: not tab.model.rows()[1].active, timeout=10000)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "reveal")) is not None


def test_followup_tab_plans_completes_and_shows_the_timeline(qtbot, qtmodeltester, app_ctx, ui_factory,
                                                            admin_actor, query_guard):
    customer_id = _customer(ui_factory, query_guard, admin_actor)
    tab = FollowupTab(app_ctx, customer_id)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.plan_label.text() != "", timeout=10000)
    assert tab.model.rowCount() == 0
    dialog = tab.add()
    qtbot.waitUntil(lambda: dialog.contact.count() == 2, timeout=10000)
    dialog.contact.setCurrentIndex(1)
    dialog.content.setPlainText("确认续约意向")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10000)
    qtmodeltester.check(tab.model)
    entry = tab.model.rows()[0]
    assert (entry.kind, entry.state, entry.title, entry.person) == ("followup", "open", "确认续约意向", "张三")
    tab.table.selectRow(0)
    assert tab.complete_button.isEnabled()
    done = tab.complete()
    done.result.setPlainText("客户同意续约")
    done.buttons.accepted.emit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10000)
    states = sorted(e.state for e in tab.model.rows())
    assert states == ["done", "open"]
    plan = tab.edit_plan()
    plan.every.setValue(3)
    plan.first.setChecked(False)
    plan.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "3" in tab.plan_label.text(), timeout=10000)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        page = followups.list_followups(s, admin_actor, followups.FollowupFilter(customer_id=customer_id, state="open"))
        assert [r.due_on for r in page.rows] == [dt.date.today() + dt.timedelta(days=14)]


def test_the_customer_detail_shows_the_tabs_the_role_may_see(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog
    from opcms_desktop.ui.screens import register_customer_tabs

    customer_id = _customer(ui_factory, query_guard, admin_actor)
    register_customer_tabs()
    dialog = CustomerDetailDialog(app_ctx, customer_id)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "联系人" in titles and "跟进" in titles
    contacts_tab = dialog.tabs.widget(titles.index("联系人"))
    qtbot.waitUntil(lambda: contacts_tab.model.rowCount() == 1, timeout=10000)
