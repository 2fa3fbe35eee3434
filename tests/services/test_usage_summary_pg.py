"""The usage summary under PostgreSQL enforcement (plain psycopg logins): a sales login reads only its own
customers' rows and writes none; an admin login's usage writes reach it through the SECURITY DEFINER
triggers, and its rebuild finds it current.
"""

from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import make_url

from opcms_desktop.models import UsageMonthly
from opcms_desktop.services.insight.usage_summary import rebuild_usage_summary
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

from ..factories import TEST_PASSWORD, Factory
from .test_pg_attacks import world  # noqa: F401  (the secured database, its admin and sales logins)
from .test_pg_security import connect_as


def _usage(engine, customer_id: int, period: str, shoots: int) -> None:
    with session_scope(make_session_factory(engine)) as s:
        s.add(UsageMonthly(customer_id=customer_id, period=period, series="X", single_shoots=shoots,
                           multi_shoots=0, multi_floors=0, area=Decimal("0")))


def test_sales_reads_only_its_own_summary_rows_and_writes_none(world):  # noqa: F811
    with session_scope(make_session_factory(world.engine)) as s:
        other = Factory(s).customer("别人的客户").id
    _usage(world.engine, world.customer_id, "2026-01", 4)
    _usage(world.engine, other, "2026-01", 6)
    with connect_as(world.engine, world.sales) as conn:
        seen = {r[0] for r in conn.execute("SELECT customer_id FROM usage_customer_months")}
        assert seen == {world.customer_id}
        for statement in (
            "INSERT INTO usage_customer_months VALUES (%s, '2026-02', 1, 0, 0, 0, 1, NULL)",
            "UPDATE usage_customer_months SET shoots = 99 WHERE customer_id = %s",
            "DELETE FROM usage_customer_months WHERE customer_id = %s",
            "SELECT opcms_usage_summary_refresh(ARRAY[%s]::bigint[], ARRAY['2026-01'])",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, (other,))
            conn.rollback()
    with connect_as(world.engine, world.admin) as conn:  # a login's usage write goes through the triggers
        conn.execute(
            "INSERT INTO usage_monthly (customer_id, period, series, single_shoots, multi_shoots, multi_floors,"
            " area, version) VALUES (%s, '2026-02', 'N', 3, 0, 0, 0, 1)",
            (other,),
        )
        conn.commit()
        rows = conn.execute(
            "SELECT customer_id, period, shoots FROM usage_customer_months WHERE customer_id = ANY(%s)",
            ([world.customer_id, other],),
        ).fetchall()
        assert sorted(rows) == sorted([(world.customer_id, "2026-01", 4), (other, "2026-01", 6),
                                       (other, "2026-02", 3)])
    url = make_url(world.url).set(username=world.admin, password=TEST_PASSWORD)
    engine = create_db_engine(url.render_as_string(hide_password=False))
    try:
        with session_scope(make_session_factory(engine)) as s:
            assert rebuild_usage_summary(s, world.actor(world.admin)).was_current
    finally:
        engine.dispose()
