"""Bill runs that meet: two runs of one period at once, and runs through a PostgreSQL login under RLS."""

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import func, make_url, select

from opcms_desktop.models import BillingPeriodLock, BillRun, Customer, Invoice, User
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.billing.run import generate_bill_run
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.platform.errors import AlreadyRunning
from opcms_desktop.services.security import auth, pg_security, users

from ..conftest import create_pg_database, drop_pg_database, migrated_engine
from ..factories import TEST_PASSWORD, Factory
from .billing_builders import add_orders, add_plan
from .test_pg_security import drop_logins

JAN = "2026-01"


def jan(d: int) -> dt.date:
    return dt.date(2026, 1, d)


def _seed(factory):
    with session_scope(factory) as s:
        make = Factory(s)
        first, second = make.actor("runner1", "ops"), make.actor("runner2", "ops")
        c = make.customer(company_id=901, billing_enabled="yes")
        add_plan(s, c, single_price=8)
        add_orders(s, c, jan(2), 3)
    return first, second


def _run_and_hold(factory, actor, holding, release, out):
    def hold(done, total, label):
        if not holding.is_set():
            holding.set()
            release.wait(30)

    try:
        with session_scope(factory) as s:
            out.append(generate_bill_run(s, actor, JAN, progress=hold))
    except Exception as exc:  # noqa: BLE001 - handed to the test thread
        out.append(exc)


@pytest.mark.parametrize("lock_row_exists", [False, True])
def test_second_concurrent_run_is_refused_on_postgresql(backend, request, lock_row_exists):
    if backend != "postgresql":
        pytest.skip("row locks with NOWAIT are PostgreSQL's; SQLite serialises (next test)")
    fresh_factory = request.getfixturevalue("fresh_factory")
    first, second = _seed(fresh_factory)
    if lock_row_exists:
        with session_scope(fresh_factory) as s:
            generate_bill_run(s, first, JAN)
    holding, release, out = threading.Event(), threading.Event(), []
    worker = threading.Thread(target=_run_and_hold, args=(fresh_factory, first, holding, release, out))
    worker.start()
    try:
        assert holding.wait(30)
        with pytest.raises(AlreadyRunning, match=r"A bill run for 2026-01 is already running \(started by runner1 "
                                                 r"at \d{4}-\d\d-\d\d \d\d:\d\d\)") as refused, \
                session_scope(fresh_factory) as s:
            generate_bill_run(s, second, JAN)
        assert refused.value.code == "billing.run.already_running"
    finally:
        release.set()
        worker.join(30)
    assert not isinstance(out[0], Exception), out
    with session_scope(fresh_factory) as s:
        assert s.scalar(select(func.count()).select_from(BillRun)) == (2 if lock_row_exists else 1)
        assert s.scalar(select(func.count()).select_from(Invoice)) == 1


def test_second_concurrent_run_is_refused_at_once_on_sqlite(backend, request):
    """Two connections on one SQLite file: the second run does not queue behind the first, it is refused
    at once, naming the holder and since when; after the first ends the period runs again."""
    if backend != "sqlite":
        pytest.skip("PostgreSQL refuses through its row lock (previous test)")
    fresh_factory = request.getfixturevalue("fresh_factory")
    first, second = _seed(fresh_factory)
    holding, release, out = threading.Event(), threading.Event(), []
    worker = threading.Thread(target=_run_and_hold, args=(fresh_factory, first, holding, release, out))
    worker.start()
    try:
        assert holding.wait(30)
        began = time.monotonic()
        with pytest.raises(AlreadyRunning) as refused, session_scope(fresh_factory) as s:
            generate_bill_run(s, second, JAN)
        assert time.monotonic() - began < 5  # at once, not after SQLite's 30 s busy timeout
        assert refused.value.code == "billing.run.already_running"
        assert refused.value.params["holder"] == "runner1" and refused.value.params["period"] == JAN
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", refused.value.params["since"])
    finally:
        release.set()
        worker.join(30)
    assert out[0].created == 1
    with session_scope(fresh_factory) as s:  # released when the first run's transaction ended
        assert s.get(BillingPeriodLock, JAN).holder is None
        assert generate_bill_run(s, second, JAN).unchanged == 1


def _leave_holder(factory, pid, minutes_ago, host=None):
    with session_scope(factory) as s:
        s.merge(BillingPeriodLock(period=JAN, holder="crashed", holder_host=host or socket.gethostname(),
                                  holder_pid=pid, locked_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)))


def test_a_lock_left_by_a_crashed_run_does_not_block_on_sqlite(backend, request):
    if backend != "sqlite":
        pytest.skip("SQLite's holder row")
    fresh_factory = request.getfixturevalue("fresh_factory")
    first, _ = _seed(fresh_factory)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _leave_holder(fresh_factory, gone.pid, minutes_ago=1)  # its process is gone
    with session_scope(fresh_factory) as s:
        assert generate_bill_run(s, first, JAN).created == 1
    _leave_holder(fresh_factory, os.getppid(), minutes_ago=1, host="another-pc")  # alive elsewhere: holds
    with pytest.raises(AlreadyRunning), session_scope(fresh_factory) as s:
        generate_bill_run(s, first, JAN)
    _leave_holder(fresh_factory, os.getppid(), minutes_ago=31, host="another-pc")  # older than 30 min: stale
    with session_scope(fresh_factory) as s:
        assert generate_bill_run(s, first, JAN).unchanged == 1


def test_generate_through_an_ops_login_under_row_level_security(backend):
    """With pg_security installed the app logs in as the user's own role: COPY is refused there (RLS)."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL logins and row-level security")
    url = create_pg_database()
    engine = migrated_engine(url)
    names = {k: f"{k}_{uuid.uuid4().hex[:8]}" for k in ("admin", "ops")}
    try:
        pg_security.install(engine)
        factory = make_session_factory(engine)
        with session_scope(factory) as s:
            users.create_user(s, None, names["admin"], TEST_PASSWORD, "admin", must_change_password=False)
        with session_scope(factory) as s:
            boss = auth.actor_for(s, s.scalar(select(User).where(User.username == names["admin"])))
            users.create_user(s, boss, names["ops"], TEST_PASSWORD, "ops", must_change_password=False)
            for company_id in (11, 12):
                c = Factory(s).customer(company_id=company_id, billing_enabled="yes")
                add_plan(s, c, single_price=8)
                add_orders(s, c, jan(3), company_id - 10)
        login = make_url(url).set(username=names["ops"], password=TEST_PASSWORD).render_as_string(hide_password=False)
        ops_engine = create_db_engine(login)
        ops_factory = make_session_factory(ops_engine)

        def run():
            with session_scope(ops_factory) as s:
                actor = auth.actor_for(s, s.scalar(select(User).where(User.username == names["ops"])))
                return generate_bill_run(s, actor, JAN)

        assert (run().created, run().unchanged) == (2, 2)
        with session_scope(factory) as s:
            first, second = (s.scalar(select(Customer).where(Customer.company_id == n)) for n in (11, 12))
            add_orders(s, first, jan(4), 1)
            second.billing_enabled = "no"
        again = run()
        assert (again.created, again.replaced, again.removed, again.total) == (0, 1, 1, D("16.00"))
        ops_engine.dispose()
        with session_scope(factory) as s:
            assert s.scalar(select(func.count()).select_from(Invoice)) == 1
            assert audit.verify_chain(s).ok
    finally:
        with engine.connect() as conn:
            usernames = list(conn.scalars(select(User.username)))
        engine.dispose()
        drop_logins(url, sorted(set(usernames) | set(names.values())))
        drop_pg_database(url)
