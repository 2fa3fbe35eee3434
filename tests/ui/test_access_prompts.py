"""The app's answers to access refusals: the password asked again (then the operation runs once more), and
an export that needs approval offering to file the request."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import select

from opcms_desktop.models import Customer
from opcms_desktop.models.access import AccessEntry, AccessFlag, ExportRequest
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.customers.export import export_customer_view
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.security import export_approval, unusual_access, users
from opcms_desktop.services.security.auth import authenticate
from opcms_desktop.ui.operations import OperationRunner
from opcms_desktop.ui.security.access_prompts import PasswordAgainDialog, install_access_prompts

from .conftest import run_in_session

WAIT = 10000
PASSWORD = "Good-password-9"


def _customer(session) -> int:
    customer = Customer(company_id=9911, name="提示客户", name_initials="", name_pinyin="", payment_terms_days=30)
    session.add(customer)
    session.flush()
    return customer.id


def _ops_runner(ui_factory, admin_actor, query_guard, setup):
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: users.create_user(s, admin_actor, "lin", PASSWORD, "ops"))
        ops, _ = authenticate(ui_factory, "lin", PASSWORD)
        found = run_in_session(ui_factory, setup)
    presented = []
    runner = OperationRunner(ui_factory, ops, error_presenter=lambda _parent, failure: presented.append(failure))
    install_access_prompts(runner)
    return runner, presented, found


def _shown(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_password_asked_again_clears_the_request_and_runs_the_views_again(
    qtbot, ui_factory, admin_actor, query_guard
):
    def setup(s):
        unusual_access.require_password_again(s, admin_actor, "lin", "突发大量查看")
        return _customer(s)

    runner, presented, customer_id = _ops_runner(ui_factory, admin_actor, query_guard, setup)
    arrived = []
    try:
        runner.op(get_customer, customer_id).success(arrived.append).run()
        runner.op(get_customer, customer_id).success(arrived.append).run()  # a second view waits on the same prompt
        qtbot.waitUntil(lambda: bool(_shown(PasswordAgainDialog)) and runner.running == 0, timeout=WAIT)
        (dialog,) = _shown(PasswordAgainDialog)
        assert dialog.windowTitle() == "请重新输入密码"
        dialog.password.setText("not-the-password")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: runner.running == 0 and dialog.buttons.isEnabled(), timeout=WAIT)
        assert dialog.isVisible() and "密码不对" in dialog.message.text() and arrived == []
        dialog.password.setText(PASSWORD)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: len(arrived) == 2, timeout=WAIT)
        qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT)
        assert arrived[0].name == "提示客户" and presented == [] and not dialog.isVisible()
        with query_guard.allowed():
            flag = run_in_session(ui_factory, lambda s: s.get(AccessFlag, runner.actor.id).reauth_required)
            views = run_in_session(ui_factory, lambda s: s.scalars(
                select(AccessEntry.action).where(AccessEntry.username == "lin")).all())
        assert flag is False and views == ["view", "view"]  # once per view: the refused tries left nothing
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)


def test_cancelling_the_password_prompt_shows_the_refusal(qtbot, ui_factory, admin_actor, query_guard):
    def setup(s):
        unusual_access.require_password_again(s, admin_actor, "lin")
        return _customer(s)

    runner, presented, customer_id = _ops_runner(ui_factory, admin_actor, query_guard, setup)
    try:
        runner.op(get_customer, customer_id).run()
        qtbot.waitUntil(lambda: bool(_shown(PasswordAgainDialog)), timeout=WAIT)
        _shown(PasswordAgainDialog)[0].reject()
        assert [f.error.code for f in presented] == ["access.reauth_required"]
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)


def test_an_export_that_needs_approval_offers_to_file_the_request(
    qtbot, ui_factory, admin_actor, query_guard, tmp_path
):
    def setup(s):
        export_approval.set_export_policy(s, admin_actor, "ops", 0, False)
        return _customer(s)

    runner, presented, _ = _ops_runner(ui_factory, admin_actor, query_guard, setup)
    target = tmp_path / "list.xlsx"
    try:
        runner.op(export_customer_view, CustomerQuery(), ["company_id", "name"], str(target)).run()
        qtbot.waitUntil(lambda: bool(_shown(QMessageBox)), timeout=WAIT)
        (offer,) = _shown(QMessageBox)
        assert "审批阈值 0" in offer.text() and presented == [] and not target.exists()
        (request_button,) = [b for b in offer.buttons() if b.text() == "申请导出"]
        request_button.click()
        qtbot.waitUntil(lambda: any("已提交导出申请" in b.text() for b in _shown(QMessageBox)), timeout=WAIT)
        qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT)
        with query_guard.allowed():
            requests = run_in_session(ui_factory, lambda s: [
                (r.kind, r.row_count, r.masked, r.status) for r in s.scalars(select(ExportRequest))])
        assert requests == [("customer_view", 1, False, "pending")]
        for box in _shown(QMessageBox):
            box.close()
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)
