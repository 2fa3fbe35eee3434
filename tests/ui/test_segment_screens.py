"""The segment builder (live count, sample, save, load), tag management and the pricing sandbox: every database
call off the UI thread, every table model sound."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opcms_desktop.models import DictionaryEntry
from opcms_desktop.services.insight import segments, tags
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.periods import Period
from opcms_desktop.ui.segments.builder_screen import SegmentBuilderScreen
from opcms_desktop.ui.segments.condition_editor import ConditionEditor
from opcms_desktop.ui.segments.sandbox_screen import SandboxScreen
from opcms_desktop.ui.segments.tags_screen import TagsScreen

from ..factories import Factory
from ..services.billing_builders import add_orders, add_plan

WAIT = 10000


def _book(factory, guard, admin_actor) -> None:
    """Five customers: three 房产经纪 with billing on (priced at 10 per shoot, 2 shoots last month each)."""
    last_month = Period.of(dt.date.today()).previous.start
    with guard.allowed(), session_scope(factory) as s:
        make = Factory(s)
        broker = s.query(DictionaryEntry).filter_by(kind="industry", label="房产经纪").one()
        for n in range(5):
            customer = make.customer(
                f"客户{n}",
                company_id=500 + n,
                industry_id=broker.id if n < 3 else None,
                billing_enabled="yes",
            )
            add_plan(s, customer, single_price="10")
            add_orders(s, customer, last_month, 2)
        tags.create_tag(s, admin_actor, "VIP")
        segments.save_segment(
            s, admin_actor, "经纪客户", {"field": "行业类型", "op": "=", "value": "房产经纪"}, shared=True
        )


def _show(qtbot, screen):
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    return screen


def test_the_editor_round_trips_a_document(qtbot):
    editor = ConditionEditor()
    qtbot.addWidget(editor)
    document = {
        "any": [
            {"field": "行业类型", "op": "in", "value": ["房产经纪", "项目"]},
            {"not": {"any": [{"field": "近30天拍摄量", "op": ">=", "value": "3"}]}},
            {"field": "标签", "op": "empty"},
        ]
    }
    editor.set_document(document)
    assert editor.document() == document


def test_builder_counts_live_saves_and_loads(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor, monkeypatch
):
    _book(ui_factory, query_guard, admin_actor)
    screen = _show(qtbot, SegmentBuilderScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.segment_list.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: screen.count_label.text() == "条件未完成", timeout=WAIT)  # a new, empty condition
    row = screen.editor.root.child(0)
    screen.editor.tree.itemWidget(row, 2).setText("房产经纪")
    try:
        qtbot.waitUntil(lambda: screen.count_label.text() == "匹配 3 个客户", timeout=WAIT)
    except Exception:
        raise AssertionError(
            (
                screen.count_label.text(),
                screen.message.text(),
                screen.editor.document(),
                app_ctx.runner.presented,
            )
        ) from None
    qtmodeltester.check(screen.model)
    assert [screen.model.row_at(r).company_id for r in range(3)] == [500, 501, 502]
    screen.editor.tree.itemWidget(row, 2).setText("")  # incomplete: a coded message, no count
    qtbot.waitUntil(lambda: screen.count_label.text() == "条件未完成", timeout=WAIT)
    assert screen.message.text()
    screen.editor.tree.itemWidget(row, 2).setText("房产经纪")

    def accept(dialog):
        dialog.name_edit.setText("我的经纪客户")
        dialog.static_radio.setChecked(True)
        return 1

    monkeypatch.setattr("opcms_desktop.ui.segments.builder_screen.SaveSegmentDialog.exec", accept)
    screen.save()
    qtbot.waitUntil(lambda: screen.segment_list.count() == 2, timeout=WAIT)
    assert screen.current is not None and screen.current.latest_snapshot.members == 3
    assert screen.snapshot_button.isEnabled()
    screen.segment_list.setCurrentRow(0)  # 经纪客户 (sorted by name: 我 after 经)
    assert screen.editor.document()["all"][0]["value"] == "房产经纪"


def test_sandbox_prices_the_segment(qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor):
    _book(ui_factory, query_guard, admin_actor)
    screen = _show(qtbot, SandboxScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.segment_combo.count() == 2, timeout=WAIT)
    screen.segment_combo.setCurrentIndex(screen.segment_combo.findData("经纪客户"))
    screen.percent_spin.setValue(25)
    screen.run()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=WAIT)
    qtmodeltester.check(screen.model)
    total = screen.model.row_at(3)
    assert (total.current, total.proposed) == (Decimal("60.00"), Decimal("75.00"))
    assert "差额 15.00 元" in screen.totals.text()
    screen.plan_radio.setChecked(True)
    screen.price_edit.setText("8")
    screen.run()
    qtbot.waitUntil(lambda: screen.model.row_at(3).proposed == Decimal("48.00"), timeout=WAIT)
    screen.price_edit.setText("八")
    screen.run()
    assert screen.message.text()  # refused before anything runs


def test_tags_screen_lists_tags_and_refreshes_rules(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor
):
    _book(ui_factory, query_guard, admin_actor)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        tags.save_tag_rule(
            s, admin_actor, "经纪", "VIP", {"field": "行业类型", "op": "=", "value": "房产经纪"}
        )
    screen = _show(qtbot, TagsScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.rule_model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.rule_model)
    screen.refresh_rules()
    qtbot.waitUntil(lambda: "新增 3" in screen.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: screen.model.row_at(0).customers == 3, timeout=WAIT)


def test_a_segment_filters_the_customer_list(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    from opcms_desktop.ui.customers.list_screen import CustomersScreen

    _book(ui_factory, query_guard, admin_actor)
    screen = _show(qtbot, CustomersScreen(app_ctx))
    combo = screen.filters.combos["segment"]
    qtbot.waitUntil(lambda: combo.findText("经纪客户") > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "共 5 个客户" in screen.count_label.text(), timeout=WAIT)
    combo.setCurrentIndex(combo.findText("经纪客户"))
    qtbot.waitUntil(lambda: "共 3 个客户" in screen.count_label.text(), timeout=WAIT)
    assert screen.filters.values()["segment"] == "经纪客户"
