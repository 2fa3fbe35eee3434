"""The data-use report, field-permission editor and export-approval inbox (admins), through the runner."""

from __future__ import annotations

from opcms_desktop.models import Customer
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.security import export_approval, field_permissions, users
from opcms_desktop.services.security.auth import authenticate
from opcms_desktop.ui.security.data_use_screen import DataUseScreen
from opcms_desktop.ui.security.export_approvals_screen import ExportApprovalsScreen
from opcms_desktop.ui.security.field_permissions_screen import FieldPermissionsScreen

from .conftest import run_in_session

WAIT = 10000
PASSWORD = "Good-password-9"


def idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.runner.running == 0, timeout=WAIT)


def seed_views(factory, guard, admin) -> None:
    def work(s):
        customer = Customer(
            company_id=9901, name="界面客户", name_initials="", name_pinyin="", payment_terms_days=30
        )
        s.add(customer)
        s.flush()
        get_customer(s, admin, customer.id)
        get_customer(s, admin, customer.id)

    with guard.allowed():
        run_in_session(factory, work)


def test_data_use_screen_lists_views_and_verifies_the_chain(
    qtbot, qtmodeltester, app_ctx, ui_factory, admin_actor, query_guard, tmp_path
):
    seed_views(ui_factory, query_guard, admin_actor)
    screen = DataUseScreen(app_ctx)
    qtbot.addWidget(screen)
    idle(qtbot, app_ctx)
    assert screen.model.rows() == [("admin", "view", "customer", 2, 2)]
    assert screen.model.data(screen.model.index(0, 1)) == "查看"
    assert screen.model.data(screen.model.index(0, 2)) == "客户详情"
    qtmodeltester.check(screen.model)
    screen.verify()
    idle(qtbot, app_ctx)
    assert "访问记录链完好" in screen.status.text() and "2" in screen.status.text()
    screen.export_to(str(tmp_path / "use.xlsx"))
    idle(qtbot, app_ctx)
    assert (tmp_path / "use.xlsx").exists() and "已导出 1 行" in screen.status.text()
    screen.scan()
    idle(qtbot, app_ctx)
    assert "检查完成" in screen.status.text()
    qtmodeltester.check(screen.alerts)


def test_field_permission_editor_hides_a_field_for_a_role(
    qtbot, qtmodeltester, app_ctx, ui_factory, admin_actor, query_guard
):
    screen = FieldPermissionsScreen(app_ctx)
    qtbot.addWidget(screen)
    idle(qtbot, app_ctx)
    roles = [screen.role.itemData(i) for i in range(screen.role.count())]
    assert "admin" not in roles and "sales" in roles
    screen.role.setCurrentIndex(roles.index("sales"))
    idle(qtbot, app_ctx)
    keys = [r.field for r in screen.model.rows()]
    assert keys == list(field_permissions.FIELD_KEYS)
    qtmodeltester.check(screen.model)
    screen.table.setCurrentIndex(screen.model.index(keys.index("notes"), 0))
    screen.buttons["hidden"].click()
    idle(qtbot, app_ctx)
    assert next(r for r in screen.model.rows() if r.field == "notes").mode == "hidden"
    assert screen.model.data(screen.model.index(keys.index("notes"), 2)) == "隐藏"
    with query_guard.allowed():
        rules = run_in_session(ui_factory, lambda s: field_permissions.list_field_rules(s, admin_actor))
    assert [(r.role, r.field, r.mode) for r in rules] == [("sales", "notes", "hidden")]


def test_export_inbox_approves_another_persons_request(
    qtbot, qtmodeltester, app_ctx, ui_factory, admin_actor, query_guard
):
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: users.create_user(s, admin_actor, "xiao", PASSWORD, "sales"))
        sales, _ = authenticate(ui_factory, "xiao", PASSWORD)
        run_in_session(
            ui_factory, lambda s: export_approval.set_export_policy(s, admin_actor, "sales", 10, False)
        )
        run_in_session(ui_factory, lambda s: export_approval.request_export(s, sales, "customer_view", 500))
    screen = ExportApprovalsScreen(app_ctx)
    qtbot.addWidget(screen)
    idle(qtbot, app_ctx)
    (row,) = screen.model.rows()
    assert (row.requested_by, row.rows, row.status) == ("xiao", 500, "pending")
    qtmodeltester.check(screen.model)
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    assert screen.approve_button.isEnabled()
    screen.approve_button.click()
    idle(qtbot, app_ctx)
    assert screen.model.rows()[0].status == "approved" and not screen.approve_button.isEnabled()
    screen.policy_role.setCurrentIndex(screen.policy_role.findData("sales"))
    assert screen.threshold.value() == 10 and not screen.no_threshold.isChecked()
    screen.no_threshold.setChecked(True)
    screen.save_policy()
    idle(qtbot, app_ctx)
    with query_guard.allowed():
        policy = run_in_session(ui_factory, lambda s: export_approval.export_policy(s, admin_actor, "sales"))
    assert policy.row_threshold is None


def test_the_customer_list_hides_the_columns_of_hidden_fields(
    qtbot, ui_factory, admin_actor, query_guard, settings
):
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.context import AppContext
    from opcms_desktop.ui.customers.list_screen import CustomersScreen
    from opcms_desktop.ui.operations import OperationRunner

    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: users.create_user(s, admin_actor, "yun", PASSWORD, "ops"))
        run_in_session(
            ui_factory, lambda s: field_permissions.set_field_mode(s, admin_actor, "ops", "notes", "hidden")
        )
        ops, _ = authenticate(ui_factory, "yun", PASSWORD)
    runner = OperationRunner(ui_factory, ops)
    try:
        screen = CustomersScreen(AppContext(runner, ops, settings, ConnectionProfile()))
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT)
        notes = screen.model.column_of("notes")
        assert screen.table.isColumnHidden(notes)
        assert not screen.table.isColumnHidden(screen.model.column_of("name"))
        assert "notes" not in screen.visible_column_keys()
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)


def test_the_detail_dialog_leaves_hidden_fields_out_and_still_saves(
    qtbot, ui_factory, admin_actor, query_guard, settings
):
    from PySide6.QtWidgets import QLabel

    from opcms_desktop.services.customers.edit import update_customer
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.context import AppContext
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog
    from opcms_desktop.ui.operations import OperationRunner

    def seed(s):
        customer = Customer(
            company_id=9902,
            name="隐藏字段客户",
            name_initials="",
            name_pinyin="",
            payment_terms_days=30,
            notes="机密-9902",
            grade="A",
        )
        s.add(customer)
        s.flush()
        update_customer(s, admin_actor, customer.id, {"notes": "机密-改过"}, customer.version)
        return customer.id

    with query_guard.allowed():
        customer_id = run_in_session(ui_factory, seed)
        run_in_session(ui_factory, lambda s: users.create_user(s, admin_actor, "yun2", PASSWORD, "ops"))
        run_in_session(
            ui_factory, lambda s: field_permissions.set_field_mode(s, admin_actor, "ops", "notes", "hidden")
        )
        ops, _ = authenticate(ui_factory, "yun2", PASSWORD)
    runner = OperationRunner(ui_factory, ops)
    try:
        dialog = CustomerDetailDialog(AppContext(runner, ops, settings, ConnectionProfile()), customer_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.bundle is not None, timeout=WAIT)
        assert not dialog.form.boxes["notes"].isVisible() and dialog.form.boxes["grade"].isVisible()
        assert not [
            x for x in dialog.form.findChildren(QLabel) if x.buddy() is dialog.form.notes and x.isVisible()
        ]
        assert "机密" not in repr(dialog.bundle)  # neither the value nor its audit history reached the screen
        dialog.form.grade.set_value("B")
        assert dialog.form.changes() == {"grade": "B"}
        with qtbot.waitSignal(dialog.saved, timeout=WAIT):
            dialog.save()
        with query_guard.allowed():
            after = run_in_session(ui_factory, lambda s: s.get(Customer, customer_id))
        assert (after.grade, after.notes) == ("B", "机密-改过")
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)
