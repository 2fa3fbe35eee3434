"""The owner-mapping and dictionary screens (issue 11 items 3 and 5)."""

from PySide6.QtWidgets import QInputDialog

from opcms_desktop.services.customers.dictionary_admin import list_dictionary
from opcms_desktop.services.customers.owners import list_unlinked_owners
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.customers.dictionary_screen import DictionaryScreen
from opcms_desktop.ui.customers.owner_mapping import OwnerMappingScreen
from tests.services.customer_sheet_builders import HEADERS, customer_row, write_sheet


def _import(ui_factory, admin_actor, query_guard, tmp_path):
    sheet = write_sheet(tmp_path / "owners.xlsx", HEADERS, [
        customer_row(1, "甲", 销售负责人="刘冀", 运营负责人="郭富乾", 合作状态="使用Qverse"),
        customer_row(2, "乙", 销售负责人="刘冀", 合作状态="公司倒闭")])
    with query_guard.allowed(), session_scope(ui_factory) as s:
        import_customers(s, admin_actor, sheet)


def test_owner_mapping_lists_names_and_creates_a_user(qtbot, app_ctx, ui_factory, admin_actor, query_guard,
                                                      tmp_path):
    _import(ui_factory, admin_actor, query_guard, tmp_path)
    screen = OwnerMappingScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=10000)
    first = screen.model.rows()[0]
    assert (first.name, first.sales_customers, first.ops_customers) == ("刘冀", 2, 0)
    assert screen.model.data(screen.model.index(0, 1)) == "2"
    screen.table.selectRow(0)
    screen.new_user()
    dialog = screen.dialog
    dialog.username.setText("liuji")
    dialog.password.setText("Sales-pass-2026")
    assert dialog.role.currentData() == "sales"
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)
    assert "liuji" in screen.status.text()
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert [o.name for o in list_unlinked_owners(s, admin_actor)] == ["郭富乾"]


def test_owner_mapping_maps_to_an_existing_user(qtbot, app_ctx, ui_factory, admin_actor, query_guard, tmp_path):
    _import(ui_factory, admin_actor, query_guard, tmp_path)
    screen = OwnerMappingScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2 and screen.users.count() > 0, timeout=10000)
    screen.table.selectRow(1)
    screen.users.setCurrentIndex(screen.users.findData(admin_actor.username))
    screen.map_selected()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)


def test_dictionary_screen_adds_renames_deactivates_and_sets_a_meaning(qtbot, app_ctx, ui_factory, admin_actor,
                                                                       query_guard, tmp_path, monkeypatch):
    _import(ui_factory, admin_actor, query_guard, tmp_path)
    screen = DictionaryScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: "使用Qverse" in {r.label for r in screen.model.rows()}, timeout=10000)
    screen.select_label("公司倒闭")
    screen.meaning.setCurrentIndex(screen.meaning.findData("terminated"))
    screen.set_meaning()
    qtbot.waitUntil(lambda: any(r.label == "公司倒闭" and r.code == "terminated" for r in screen.model.rows()),
                    timeout=10000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("走访中", True))
    screen.add_entry()
    qtbot.waitUntil(lambda: "走访中" in {r.label for r in screen.model.rows()}, timeout=10000)
    screen.select_label("走访中")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("走访", True))
    screen.rename_entry()
    qtbot.waitUntil(lambda: "走访" in {r.label for r in screen.model.rows()}, timeout=10000)
    screen.select_label("走访")
    screen.toggle_active()
    qtbot.waitUntil(lambda: any(r.label == "走访" and not r.active for r in screen.model.rows()), timeout=10000)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        rows = {r.label: r for r in list_dictionary(s, admin_actor, "coop_status")}
    assert rows["公司倒闭"].customers == 1 and rows["公司倒闭"].code == "terminated"
    screen.kind.setCurrentIndex(screen.kind.findData("industry"))
    qtbot.waitUntil(lambda: "项目" in {r.label for r in screen.model.rows()}, timeout=10000)
