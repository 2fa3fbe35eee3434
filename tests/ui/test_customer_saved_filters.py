"""Saved filters of the customer list: save the current view, choose it again later, delete it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from .customer_support import WAIT, build_shop, choose, names, open_screen, requery


def test_saved_filter_round_trip(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    build_shop(ui_factory, query_guard, fillers=3)
    screen = open_screen(qtbot, app_ctx)
    requery(qtbot, screen, lambda: choose(screen, "industry_ids", "房产经纪"))
    requery(qtbot, screen, lambda: screen.search.setText("wawj"))
    assert names(screen) == ["我爱我家"]
    saved_query = screen.current_query()

    screen.saved.save_as("房产经纪里的我爱我家")
    qtbot.waitUntil(lambda: screen.saved.combo.count() == 2, timeout=WAIT)
    assert screen.saved.selected().name == "房产经纪里的我爱我家"

    requery(qtbot, screen, screen.filters.clear)
    requery(qtbot, screen, screen.search.clear)
    assert screen.model.rowCount() == 7 and screen.saved.selected() is None  # changed by hand: no longer named

    screen.saved.combo.setCurrentIndex(1)
    requery(qtbot, screen, lambda: screen.saved.combo.activated.emit(1))
    assert screen.model.query == saved_query and names(screen) == ["我爱我家"]
    assert screen.search.text() == "wawj"
    assert screen.filters.combos["industry_ids"].currentText() == "房产经纪"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.saved.ask_and_delete()
    qtbot.waitUntil(lambda: screen.saved.combo.count() == 1, timeout=WAIT)
    assert screen.saved.filters == [] and not screen.saved.delete_button.isEnabled()


def test_a_saved_filter_with_several_values_shows_them_in_one_item(qtbot, app_ctx, ui_factory, query_guard):
    from opcms_desktop.services.customers.query import CustomerQuery

    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    requery(qtbot, screen, lambda: screen.apply_saved(
        CustomerQuery(coop_statuses=("active", "dormant"), sort="name", descending=True)))
    assert screen.filters.combos["coop_statuses"].currentText() == "正常合作、休眠"
    assert names(screen) == ["我爱我家", "链家地产", "北京我爱我家置业"]  # pinyin order, descending
    assert screen.table.horizontalHeader().sortIndicatorSection() == screen.model.column_of("name")
