"""The profile tab and the profiling screen (issue 9 items 3 and 4): what they show is what the services
compute; clicks open the customer; the thresholds editor saves; nothing queries on the UI thread."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.insight import churn, health, rfm
from opcms_desktop.services.insight.profile import customer_profile
from opcms_desktop.services.insight.thresholds import churn_thresholds
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.periods import Period
from opcms_desktop.ui.profiling.profile_tab import ProfileTab
from opcms_desktop.ui.profiling.screen import ProfilingScreen
from tests.factories import Factory
from tests.services.billing_builders import add_plan
from tests.services.profiling_builders import bill, monthly

WAIT = 15000
TODAY = dt.date.today()


def _recent(count: int) -> list[str]:
    month = Period.of(TODAY).previous
    out = []
    for _ in range(count):
        out.append(str(month))
        month = month.previous
    return out[::-1]


@pytest.fixture
def book(ui_factory, query_guard):
    """链家: steady usage, a plan, a part-paid bill; 麦田: stopped 4 months ago; 我爱我家: no usage."""
    months = _recent(8)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        make = Factory(s)
        steady = make.customer("链家地产", company_id=11, coop_status="active", consumption_tier="C4")
        add_plan(s, steady, single_price="10", start=dt.date(2020, 1, 1))
        monthly(s, steady.id, {m: 20 for m in months})
        bill(s, steady.id, months[-3], "200.00", paid="50.00")
        stopped = make.customer("麦田房产", company_id=12, coop_status="dormant")
        monthly(s, stopped.id, {m: 30 for m in months[:4]})
        make.customer("我爱我家", company_id=13)
        return {"steady": steady.id, "stopped": stopped.id}


def test_profile_tab_shows_the_service_profile(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor, book
):
    tab = ProfileTab(app_ctx, book["steady"])
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show()
    qtbot.waitUntil(lambda: tab.profile is not None, timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        expected = customer_profile(s, admin_actor, book["steady"], TODAY)
    assert tab.profile == expected
    assert tab.card_texts() == {"health": str(expected.health.score), "rfm": "R5 F4 M1", "tier": "C4 / C6"}
    assert tab.tier_card.note.text() == "与建议不一致"
    assert tab.parts.rowCount() == 3 and tab.timeline.rowCount() == len(expected.timeline)
    trend = tab.parts.data(tab.parts.index(0, 2))
    assert "已封顶" in trend  # steady usage equals the trailing mean: full marks, flagged
    for model in (tab.parts, tab.timeline):
        qtmodeltester.check(model)


def test_what_if_panel_prices_current_and_typed_plans(qtbot, qtmodeltester, app_ctx, book):
    tab = ProfileTab(app_ctx, book["steady"])
    qtbot.addWidget(tab)
    tab.show()
    tab.tabs.setCurrentWidget(tab.whatif)
    panel = tab.whatif
    qtbot.waitUntil(lambda: panel.result is not None, timeout=WAIT)
    current = panel.model.row_at(0)
    assert current.kind == "current" and current.amount == Decimal("1600.00")  # 8 months x 20 shoots x 10
    panel.mode.setCurrentIndex(panel.mode.findData("per_shoot"))
    panel.price.setText("abc")
    panel.try_button.click()
    assert "不小于 0 的数字" in panel.message.text()
    panel.price.setText("8")
    panel.try_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=WAIT)
    typed = panel.model.row_at(1)
    assert typed.kind == "typed" and typed.amount == Decimal("1280.00")
    assert panel.model.data(panel.model.index(1, 3)) == "-320.00"
    qtmodeltester.check(panel.model)


def test_screen_lists_match_the_services_and_a_click_opens_the_customer(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor, book
):
    opened = []
    screen = ProfilingScreen(app_ctx, open_customer=lambda cid, parent: opened.append(cid))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitUntil(
        lambda: (
            screen.rfm_model.rowCount() == 3
            and screen.health_model.rowCount() == 3
            and screen.churn_model.rowCount() == 1
        ),
        timeout=WAIT,
    )
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert screen.churn_model.rows() == churn.churn_warnings(s, admin_actor, TODAY)
        assert screen.rfm_model.rows() == rfm.rfm_scores(s, admin_actor, TODAY)
        assert screen.health_model.rows() == health.health_ranking(s, admin_actor, TODAY)
    reason = screen.churn_model.data(screen.churn_model.index(0, 3))
    assert reason.startswith("已 ") and "天没有使用" in reason
    assert screen.tabs.tabText(1) == "流失预警 (1)"
    stopped = next(s for s in screen.scores if s.customer_id == book["stopped"])
    layer = screen.scatter.layers[stopped.quadrant]
    spot = next(p for p in layer.points() if screen.scores[p.data()].customer_id == book["stopped"])
    screen.scatter._clicked(layer, [spot])  # what a click on its point does
    assert book["stopped"] and "麦田房产" in screen.scatter._point_tip(0, 0, spot.data())
    screen._open_row(screen.churn_model.row_at(0))
    assert opened == [book["stopped"], book["stopped"]]
    for model in (screen.rfm_model, screen.churn_model, screen.health_model):
        qtmodeltester.check(model)


def test_admin_saves_thresholds_and_the_lists_follow(
    qtbot, app_ctx, ui_factory, query_guard, admin_actor, book
):
    screen = ProfilingScreen(app_ctx)
    qtbot.addWidget(screen)
    screen.show()
    panel = screen.thresholds
    assert panel is not None
    qtbot.waitUntil(lambda: panel.current is not None and screen.churn_model.rowCount() == 1, timeout=WAIT)
    panel.days.setValue(400)
    panel.drop.setValue(100)
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.current.days == 400, timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert churn_thresholds(s, admin_actor).drop_percent == 100
    assert "已保存" in panel.message.text()
    # 麦田 stopped 4 months ago: under 400 days, and no usage in the 3 months before either: no warning now
    qtbot.waitUntil(lambda: screen.churn_model.rowCount() == 0, timeout=WAIT)
    assert screen.tabs.tabText(1) == "流失预警 (0)"


def test_sales_see_no_thresholds_tab_and_only_their_customers(qtbot, app_ctx, ui_factory, query_guard, book):
    from opcms_desktop.ui.context import AppContext
    from opcms_desktop.ui.operations import OperationRunner

    with query_guard.allowed(), session_scope(ui_factory) as s:
        make = Factory(s)
        seller = make.actor("liuji", "sales", "刘冀")
        mine = make.customer("我的客户", company_id=21, sales=seller)
        monthly(s, mine.id, {m: 5 for m in _recent(6)})
    runner = OperationRunner(ui_factory, seller)
    ctx = AppContext(runner, seller, app_ctx.settings, app_ctx.profile)
    screen = ProfilingScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    try:
        qtbot.waitUntil(lambda: screen.rfm_model.rowCount() == 1, timeout=WAIT)
        assert screen.thresholds is None and screen.tabs.count() == 3
        assert [r.company_id for r in screen.rfm_model.rows()] == [21]
    finally:
        runner.cancel_all()
        assert runner.wait_for_done(20000)


def test_the_profile_tab_and_screen_are_registered(app_ctx):
    from opcms_desktop.ui.kit.customer_tabs import customer_tabs
    from opcms_desktop.ui.screens import available_screens

    screens = {s.key: s for s in available_screens()}
    assert screens["profiling"].permission == "insight.view"
    tabs = {tab.key: (title, tab) for title, tab in customer_tabs(app_ctx)}
    title, tab = tabs["profile"]
    assert title == "画像" and tab.factory is ProfileTab and tab.permission == "insight.view"
