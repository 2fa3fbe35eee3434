"""经营看板: cards and charts show the service's figures, load off the UI thread, exports, details, sales scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import CustomerOwner, Invoice
from opcms_desktop.services.insight.dashboard import dashboard
from opcms_desktop.services.insight.demo import load_demo
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.ui.insight.dashboard_screen import DashboardScreen

from ..factories import Factory
from .receivables_support import WAIT, context_for, settle

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


@pytest.fixture
def demo_db(ui_factory, admin_actor, query_guard):
    with query_guard.allowed(), session_scope(ui_factory) as session:
        load_demo(session, admin_actor, customers=160, months=3, seed=4)


def open_screen(qtbot, ctx) -> DashboardScreen:
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.board is not None, timeout=WAIT)
    return screen


def expected(ui_factory, query_guard, actor, period: str):
    with query_guard.allowed(), session_scope(ui_factory) as session:
        return dashboard(session, actor, period)


def test_cards_and_charts_show_the_services_figures(
    qtbot, app_ctx, ui_factory, query_guard, admin_actor, demo_db
):
    screen = open_screen(qtbot, app_ctx)
    assert screen.period.period() == TODAY.strftime("%Y-%m")
    screen.period.set_period(LAST_MONTH)
    qtbot.waitUntil(lambda: screen.board.kpis.period == LAST_MONTH, timeout=WAIT)
    board = expected(ui_factory, query_guard, admin_actor, LAST_MONTH)
    assert screen.board == board
    invoiced = board.kpis.current.invoiced
    assert invoiced > 0
    assert screen.cards["invoiced"].value.text() == "¥" + f"{invoiced:,.2f}"
    assert screen.cards["active_customers"].value.text() == f"{board.kpis.current.active_customers:,}"
    assert "(" not in screen.status.text() and LAST_MONTH in screen.status.text()
    # hover: the bar under the mouse tells its month and values
    last = len(board.months) - 1
    tip = screen.charts["billed_received"].tooltip_at(last, 0)
    assert tip.startswith(LAST_MONTH) and f"{invoiced:,.2f}" in tip
    assert screen.charts["billed_received"].tooltip_at(last + 0.5, 0) is None
    assert board.months[-1] in screen.charts["shoots"].tooltip_at(last, 0)
    settle(qtbot, app_ctx.runner)


def test_a_card_click_lists_the_customers_behind_the_number(qtbot, qtmodeltester, app_ctx, demo_db):
    screen = open_screen(qtbot, app_ctx)
    screen.period.set_period(LAST_MONTH)
    qtbot.waitUntil(lambda: screen.board.kpis.period == LAST_MONTH, timeout=WAIT)
    dialog = screen.open_details("invoiced")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=WAIT)
    qtmodeltester.check(dialog.model)
    assert sum((r.value for r in dialog.rows), Decimal("0.00")) == screen.board.kpis.current.invoiced
    assert dialog.model.rowCount() == len(dialog.rows) > 0
    settle(qtbot, app_ctx.runner)


def test_each_chart_exports_its_picture_and_its_data(qtbot, app_ctx, demo_db, tmp_path):
    screen = open_screen(qtbot, app_ctx)
    screen.export_image("aging", str(tmp_path / "aging"))
    assert (tmp_path / "aging.png").stat().st_size > 1000
    screen.export_data("billed_received", str(tmp_path / "billed.xlsx"))
    qtbot.waitUntil(
        lambda: (tmp_path / "billed.xlsx").exists() and "billed.xlsx" in screen.status.text(), timeout=WAIT
    )
    rows = list(load_workbook(tmp_path / "billed.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("月份", "开账金额", "收款")
    assert [r[0] for r in rows[1:]] == list(screen.board.months)
    assert [Decimal(str(r[1])).quantize(Decimal("0.01")) for r in rows[1:]] == list(screen.board.billed)
    settle(qtbot, app_ctx.runner)


def test_a_salesperson_sees_only_their_book(qtbot, ui_factory, admin_actor, query_guard, settings, demo_db):
    with query_guard.allowed(), session_scope(ui_factory) as session:
        user = Factory(session).user("sales_ui", "sales")
        billed = sorted(set(session.scalars(select(Invoice.customer_id).where(Invoice.total > 0))))
        session.add_all(
            CustomerOwner(customer_id=cid, kind="sales", user_id=user.id, raw_name="sales_ui")
            for cid in billed[:2]
        )
        session.flush()
        actor = actor_for(session, user)
    ctx = context_for(actor, ui_factory, settings)
    screen = open_screen(qtbot, ctx)
    assert not screen.owner.isEnabled() and screen.owner.currentText() == "我的客户"
    screen.period.set_period(LAST_MONTH)
    qtbot.waitUntil(lambda: screen.board.kpis.period == LAST_MONTH, timeout=WAIT)
    assert screen.board == expected(ui_factory, query_guard, actor, LAST_MONTH)
    assert {t.customer_id for t in screen.board.top_customers} <= set(billed[:2])
    settle(qtbot, ctx.runner)
