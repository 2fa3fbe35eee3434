"""Batch actions on the selected customers: one operation, confirmed first, also over rows not loaded."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from opcms_desktop.services import customers
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.customers.batch_actions import AssignOwnersDialog, CoopStatusDialog

from .customer_support import WAIT, build_shop, open_screen, wait_loaded


def select_names(screen, wanted: set[str]) -> None:
    selection = screen.table.selectionModel()
    selection.clearSelection()
    for row in range(screen.model.rowCount()):
        if screen.model.row_at(row).name in wanted:
            selection.select(screen.model.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def rows_by_name(ui_factory, query_guard, actor):
    with query_guard.allowed(), session_scope(ui_factory) as s:
        page = customers.list_customers(s, actor, CustomerQuery(), 0, 1000)
    return {r.name: r for r in page.rows}


def after_batch(qtbot, screen, action) -> None:
    """Run the action; wait for its result and for the list to re-query (it announced "customers")."""
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT), \
            qtbot.waitSignal(screen.batch.finished, timeout=WAIT):
        action()
    wait_loaded(qtbot, screen)


def test_disable_the_selection_after_confirming(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    select_names(screen, {"我爱我家", "Realty Homes"})
    asked = []

    def answer_no(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    screen.batch.set_disabled(True)
    assert asked == ["停用所选的 2 个客户吗？"]
    assert not rows_by_name(ui_factory, query_guard, app_ctx.actor)["我爱我家"].disabled  # refused: nothing done

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    after_batch(qtbot, screen, lambda: screen.batch.set_disabled(True))
    rows = rows_by_name(ui_factory, query_guard, app_ctx.actor)
    assert rows["我爱我家"].disabled and rows["Realty Homes"].disabled and not rows["北京我爱我家置业"].disabled
    assert screen.status.text() == "已修改 2 个客户"


def test_assign_an_ops_owner_to_the_selection(qtbot, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    select_names(screen, {"我爱我家", "链家地产"})
    screen.batch.assign_owners("ops")
    qtbot.waitUntil(lambda: screen.findChild(AssignOwnersDialog) is not None, timeout=WAIT)
    dialog = screen.findChild(AssignOwnersDialog)
    assert dialog.apply_button.text() == "应用到 2 个客户"
    first = dialog.owners.list.item(0).text()
    assert first.startswith("郭富乾")  # ops users first for an ops owner
    dialog.owners.set_checked([shop.ops.id])
    after_batch(qtbot, screen, dialog.accept)
    rows = rows_by_name(ui_factory, query_guard, app_ctx.actor)
    assert rows["我爱我家"].ops_owners == "郭富乾" and rows["链家地产"].ops_owners == "郭富乾"
    assert rows["Realty Homes"].ops_owners == ""


def test_change_cooperation_status(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    select_names(screen, {"Realty Homes"})
    screen.batch.change_coop_status()
    dialog = screen.findChild(CoopStatusDialog)
    dialog.status.set_value("terminated")
    after_batch(qtbot, screen, dialog.accept)
    assert rows_by_name(ui_factory, query_guard, app_ctx.actor)["Realty Homes"].coop_status == "terminated"


def test_select_all_reaches_rows_not_loaded_yet(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    build_shop(ui_factory, query_guard, fillers=450)
    screen = open_screen(qtbot, app_ctx)
    screen.table.selectAll()
    selection = screen.batch.selection()
    assert selection.count == 454 and selection.runs  # most pages are not cached
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    after_batch(qtbot, screen, lambda: screen.batch.set_disabled(True))
    assert screen.status.text() == "已修改 453 个客户，1 个本来如此"  # 链家地产 was disabled already
    rows = rows_by_name(ui_factory, query_guard, app_ctx.actor)
    assert all(r.disabled for r in rows.values()) and len(rows) == 454
