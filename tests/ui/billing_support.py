"""Pricing, usage and bill-run screen tests' support: a small world of customers, plans and usage in January
2026 (each customer one exception case), and an AppContext for another actor than the admin.

Test modules import the fixtures `world_fixture` / `ctx_for_fixture` and ask for `world` / `ctx_for`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.permissions import Actor
from tests.factories import Factory
from tests.services.billing_builders import add_monthly, add_plan

WAIT = 10000
JAN, DEC = "2026-01", "2025-12"


@dataclass(frozen=True)
class World:
    sales: Actor  # 刘冀: owns 甲公司 (101) and 乙公司 (102)
    other_sales: Actor  # 谢海龙: owns 戊公司 (105)
    ids: dict[int, int]  # 公司id -> customer id


def build_world(factory, guard) -> World:
    """101 per shoot 8.00 with a spike; 102 no plan; 103 disabled; 104 billing off; 105 X-only plan, N usage."""
    with guard.allowed(), session_scope(factory) as session:
        make = Factory(session)
        sales = make.actor("liuji", "sales", "刘冀")
        other = make.actor("xiehailong", "sales", "谢海龙")

        def customer(name: str, company_id: int, owner: Actor, **fields):
            c = make.customer(name, company_id=company_id, sales=owner, **fields)
            c.name_initials, c.name_pinyin = name_keys(name)
            return c

        a = customer("甲公司", 101, sales, billing_enabled="yes")
        b = customer("乙公司", 102, sales, billing_enabled="yes")
        c = customer("丙公司", 103, other, billing_enabled="yes", disabled=True)
        d = customer("丁公司", 104, other, billing_enabled="no")
        e = customer("戊公司", 105, other, billing_enabled="yes")
        add_plan(session, a, single_price=8)
        add_plan(session, c, single_price=10)
        add_plan(session, d, single_price=9)
        add_plan(session, e, series="X", single_price=20)
        add_monthly(session, a, JAN, "X", single=10)
        add_monthly(session, a, DEC, "X", single=4)
        add_monthly(session, b, JAN, "N", single=5)
        add_monthly(session, c, JAN, "X", single=3)
        add_monthly(session, d, JAN, "L", single=7)
        add_monthly(session, e, JAN, "N", single=6, multi=1, floors=3, area=Decimal("120.50"))
        session.flush()
        return World(sales, other, {x.company_id: x.id for x in (a, b, c, d, e)})


@pytest.fixture(name="world")
def world_fixture(ui_factory, query_guard) -> World:
    return build_world(ui_factory, query_guard)


@pytest.fixture(name="ctx_for")
def ctx_for_fixture(qtbot, ui_factory, settings):
    """ctx_for(actor) -> an AppContext acting as that actor; its runner is drained after the test."""
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.context import AppContext
    from opcms_desktop.ui.operations import OperationRunner

    runners = []

    def make(actor: Actor) -> AppContext:
        runner = OperationRunner(ui_factory, actor, error_presenter=lambda parent, failure: runner.presented.append(
            failure))
        runner.presented = []
        runners.append(runner)
        return AppContext(runner, actor, settings, ConnectionProfile())

    yield make
    for runner in runners:
        runner.cancel_all()
        assert runner.wait_for_done(20000)


def jan(day: int) -> dt.date:
    return dt.date(2026, 1, day)
