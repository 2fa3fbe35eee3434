"""The usage summary under concurrent writers (PostgreSQL, committed transactions on two connections).

A writes a customer-month and holds its transaction open; B writes the same customer-month meanwhile and
blocks; A commits, B finishes. The summary must then count both writes (before the advisory locks of
opcms_usage_summary_refresh, B overwrote it with totals computed from a snapshot without A's row), and a
rebuild running meanwhile must not bring back a month without A's row. The locks are per bucket of
customers (id mod 128): one transaction writing 2,000 customers x 12 months ran the server's shared lock
table out of memory with a lock per customer-month.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, UsageOrder
from opcms_desktop.services.insight.usage_summary import rebuild_usage_summary
from opcms_desktop.services.platform.db import make_session_factory, session_scope

from ..factories import Factory

_numbers = iter(range(1, 10**6))


def _insert_order(conn: Connection, customer_id: int, day: dt.date) -> None:
    conn.execute(
        UsageOrder.__table__.insert().values(
            order_no=f"R{next(_numbers):07d}", customer_id=customer_id, upload_date=day, series="X", floors=1
        )
    )


def _delete_order(conn: Connection, customer_id: int, day: dt.date) -> None:
    conn.execute(
        UsageOrder.__table__.delete().where(UsageOrder.customer_id == customer_id, UsageOrder.upload_date == day)
    )


def _summary(engine: Engine, customer_id: int) -> tuple | None:
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT order_shoots, shoots, last_order_day FROM usage_customer_months"
                 " WHERE customer_id = :c AND period = '2026-01'"),
            {"c": customer_id},
        ).one_or_none()
    return None if row is None else tuple(row)


def race(engine: Engine, first: Callable[[Connection], None], second: Callable[[Connection], None]) -> None:
    """`first` in a transaction left open until `second`, on another connection, waits on a lock; then both
    commit."""
    failures: list[BaseException] = []
    started = threading.Event()
    pid: list[int] = []

    def run_second() -> None:
        try:
            with engine.begin() as conn:
                pid.append(int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()))
                started.set()
                second(conn)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            failures.append(exc)
            started.set()

    thread = threading.Thread(target=run_second)
    with engine.connect() as a, engine.connect() as watcher:
        try:
            with a.begin():
                first(a)
                thread.start()
                assert started.wait(10)
                deadline = time.monotonic() + 10
                while not failures and time.monotonic() < deadline:
                    waiting = watcher.execute(
                        text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :p"), {"p": pid[0]}
                    ).scalar()
                    watcher.rollback()
                    if waiting == "Lock":
                        break
                    time.sleep(0.02)
                else:
                    if not failures:
                        pytest.fail("the second writer never waited for the first")
        finally:
            if thread.ident is not None:  # started
                thread.join(20)
    assert not thread.is_alive()
    if failures:
        raise failures[0]


@pytest.fixture
def pg_customer(request, backend) -> int:
    if backend != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite writers take the whole database in turn)")
    engine = request.getfixturevalue("fresh_engine")
    with session_scope(make_session_factory(engine)) as s:
        return Factory(s).customer("并发汇总客户").id


def test_two_writers_of_one_month_are_both_counted(pg_customer, fresh_engine):
    race(fresh_engine, lambda c: _insert_order(c, pg_customer, dt.date(2026, 1, 5)),
         lambda c: _insert_order(c, pg_customer, dt.date(2026, 1, 20)))
    assert _summary(fresh_engine, pg_customer) == (2, 2, dt.date(2026, 1, 20))


def test_two_deleters_of_one_month_leave_no_summary_row(pg_customer, fresh_engine):
    with fresh_engine.begin() as conn:
        for day in (5, 20, 25):
            _insert_order(conn, pg_customer, dt.date(2026, 1, day))
    race(fresh_engine, lambda c: _delete_order(c, pg_customer, dt.date(2026, 1, 5)),
         lambda c: _delete_order(c, pg_customer, dt.date(2026, 1, 20)))
    assert _summary(fresh_engine, pg_customer) == (1, 1, dt.date(2026, 1, 25))
    race(fresh_engine, lambda c: _delete_order(c, pg_customer, dt.date(2026, 1, 25)),
         lambda c: _insert_order(c, pg_customer, dt.date(2026, 1, 7)))
    assert _summary(fresh_engine, pg_customer) == (1, 1, dt.date(2026, 1, 7))
    race(fresh_engine, lambda c: _delete_order(c, pg_customer, dt.date(2026, 1, 7)),
         lambda c: _insert_order(c, pg_customer, dt.date(2026, 1, 9)) or _delete_order(c, pg_customer,
                                                                                         dt.date(2026, 1, 9)))
    assert _summary(fresh_engine, pg_customer) is None


def test_a_rebuild_waits_for_a_writer(pg_customer, fresh_engine):
    with session_scope(make_session_factory(fresh_engine)) as s:
        admin = Factory(s).actor("race_admin", "admin")
    with fresh_engine.begin() as conn:
        _insert_order(conn, pg_customer, dt.date(2026, 1, 3))
        # damaged: the rebuild's update then waits for the writer's summary row (no wait, no race)
        conn.execute(text("UPDATE usage_customer_months SET order_shoots = 9, shoots = 9"))
    rebuilt = []

    def rebuild(conn: Connection) -> None:
        with Session(bind=conn) as s:  # committed with `conn`
            rebuilt.append(rebuild_usage_summary(s, admin))
            s.flush()

    race(fresh_engine, lambda c: _insert_order(c, pg_customer, dt.date(2026, 1, 5)), rebuild)
    assert rebuilt[0].was_current  # the writer's trigger repaired the month; the rebuild saw its commit
    assert _summary(fresh_engine, pg_customer) == (2, 2, dt.date(2026, 1, 5))


def test_one_transaction_writes_thousands_of_customer_months(pg_customer, fresh_engine):
    with session_scope(make_session_factory(fresh_engine)) as s:
        s.add_all(Customer(company_id=10_000 + i, name=f"锁客户{i}", name_initials="", name_pinyin="",
                           payment_terms_days=30) for i in range(2000))
    with fresh_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO usage_orders (order_no, customer_id, upload_date, series, floors)"
            " SELECT 'T' || c.id || '-' || m, c.id, make_date(2025, m, 3), 'X', 1"
            " FROM customers AS c, generate_series(1, 12) AS m"
        ))
        held = conn.execute(text(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")).scalar()
        assert 0 < held <= 128  # buckets, not one lock per customer: the lock table is shared and small
    with fresh_engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*), SUM(order_shoots) FROM usage_customer_months")).one() == (
            2001 * 12, 2001 * 12)
