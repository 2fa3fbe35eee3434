"""Issue 12 items 2, 4 and 8 through plain psycopg as a sales login: export requests, the "password again"
flag and the access log hold on the server, and the application's own flows still work through real logins.

PostgreSQL only. A database of its own for the module, set up as `opcms init --pg-security` does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import Engine, select, text

from opcms_desktop.models import User
from opcms_desktop.services.audit import trail
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.platform.db import make_session_factory, session_scope
from opcms_desktop.services.platform.errors import PermissionDenied
from opcms_desktop.services.security import access_log, auth, pg_security, unusual_access, users
from opcms_desktop.services.security import export_approval as ea
from opcms_desktop.services.security.permissions import Actor

from ..conftest import create_pg_database, drop_pg_database, migrated_engine
from ..factories import TEST_PASSWORD, Factory
from .test_pg_attacks import _grant_unknown_tables
from .test_pg_security import connect_as, drop_logins

NAMES = ("admin", "manager", "sales_a", "sales_b")


@dataclass
class World:
    engine: Engine  # the owner's
    names: dict[str, str]
    ids: dict[str, int]
    customer_a: int  # owned by sales_a

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def actor(self, key: str) -> Actor:
        with session_scope(make_session_factory(self.engine)) as s:
            return auth.actor_for(s, s.scalar(select(User).where(User.username == self.names[key])))

    def login(self, key: str) -> auth.PgLogin:
        return auth.authenticate_pg(self.url, self.names[key], TEST_PASSWORD)

    def psql(self, key: str) -> psycopg.Connection:
        return connect_as(self.engine, self.names[key])


@pytest.fixture(scope="module")
def world(backend) -> Iterator[World]:
    if backend != "postgresql":
        pytest.skip("PostgreSQL enforcement")
    url = create_pg_database()
    engine = migrated_engine(url)
    suffix = uuid.uuid4().hex[:8]
    names = {key: f"{key}_{suffix}" for key in NAMES}
    factory = make_session_factory(engine)
    try:
        _grant_unknown_tables()
        pg_security.install(engine)
        with session_scope(factory) as s:
            users.create_user(s, None, names["admin"], TEST_PASSWORD, "admin", must_change_password=False)
        with session_scope(factory) as s:
            boss = auth.actor_for(s, s.scalar(select(User).where(User.username == names["admin"])))
            for key in ("manager", "sales_a", "sales_b"):
                role = "manager" if key == "manager" else "sales"
                users.create_user(s, boss, names[key], TEST_PASSWORD, role, must_change_password=False)
            ids = {key: s.scalar(select(User.id).where(User.username == names[key])) for key in NAMES}
            owner = auth.actor_for(s, s.get_one(User, ids["sales_a"]))
            customer = Factory(s).customer("访问日志客户", sales=owner).id
            for role in ("sales", "manager"):
                ea.set_export_policy(s, boss, role, 0, False)
        yield World(engine, names, ids, customer)
    finally:
        with engine.connect() as conn:
            usernames = list(conn.scalars(select(User.username)))
        engine.dispose()
        drop_logins(url, sorted(set(usernames) | set(names.values())))
        drop_pg_database(url)


def _refused(conn: psycopg.Connection, statement: str, params: tuple = ()) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
        conn.execute(statement, params)


def _request(world: World, key: str) -> int:
    """A pending request made by the application through the user's own login."""
    login = world.login(key)
    try:
        with session_scope(login.factory) as s:
            clearance = ea.request_export(s, login.actor, "customers", 5)
    finally:
        login.engine.dispose()
    assert clearance.status == "pending" and clearance.request_id is not None
    return clearance.request_id


def _status(world: World, request_id: int) -> tuple[str, int | None]:
    with world.engine.connect() as owner:
        row = owner.execute(text("SELECT status, decided_by FROM export_requests WHERE id = :i"),
                            {"i": request_id}).one()
    return str(row[0]), row[1]


# ---- export requests ---------------------------------------------------------------------------

def test_sales_cannot_approve_its_own_export_request_or_anyone_elses(world):
    mine, theirs = _request(world, "sales_a"), _request(world, "sales_b")
    admin_id = world.ids["admin"]
    with world.psql("sales_a") as conn:
        for statement in (
            "UPDATE export_requests SET status = 'approved' WHERE id = %s",
            f"UPDATE export_requests SET status = 'approved', decided_by = {admin_id}, decided_at = now() WHERE id = %s",
            "UPDATE export_requests SET row_count = 1000000 WHERE id = %s",
            "DELETE FROM export_requests WHERE id = %s",
        ):
            _refused(conn, statement, (mine,))
        # another person's request is not even visible, let alone writable
        assert conn.execute("SELECT id FROM export_requests").fetchall() == [(mine,)]
        assert conn.execute("UPDATE export_requests SET status = 'rejected' WHERE id = %s", (theirs,)).rowcount == 0
        for statement, params in (  # made approved, in another's name, or with an id ahead of the sequence
            ("INSERT INTO export_requests (requested_by, requested_at, kind, row_count, masked, status,"
            " decided_by, decided_at) VALUES (%s, now(), 'customers', 9, false, 'approved', %s, now())",
            (world.ids["sales_a"], admin_id)),
            ("INSERT INTO export_requests (requested_by, requested_at, kind, row_count, masked, status)"
             " VALUES (%s, now(), 'customers', 9, false, 'pending')", (world.ids["sales_b"],)),
            ("INSERT INTO export_requests (id, requested_by, requested_at, kind, row_count, masked, status)"
             " VALUES (1000000, %s, now(), 'customers', 9, false, 'pending')", (world.ids["sales_a"],)),
        ):
            _refused(conn, statement, params)
        conn.commit()
    assert _status(world, mine) == ("pending", None) and _status(world, theirs) == ("pending", None)


def test_an_approver_decides_only_others_requests_and_in_its_own_name(world):
    mine, theirs = _request(world, "manager"), _request(world, "sales_a")
    with world.psql("manager") as conn:
        _refused(conn, "UPDATE export_requests SET status = 'approved', decided_by = %s WHERE id = %s",
                 (world.ids["admin"], mine))
        _refused(conn, "UPDATE export_requests SET status = 'approved', decided_by = %s WHERE id = %s",
                 (world.ids["manager"], mine))
        _refused(conn, "UPDATE export_requests SET status = 'approved', decided_by = %s WHERE id = %s",
                 (world.ids["admin"], theirs))
        _refused(conn, "UPDATE export_requests SET status = 'used' WHERE id = %s", (theirs,))
        conn.commit()
    assert _status(world, mine) == ("pending", None) and _status(world, theirs) == ("pending", None)


def test_the_application_flow_runs_through_real_logins(world):
    request_id = _request(world, "sales_a")
    manager = world.login("manager")
    try:
        with session_scope(manager.factory) as s:
            decided = ea.approve_export(s, manager.actor, request_id)
        assert decided.status == "approved" and decided.decided_by == world.names["manager"]
        assert decided.decided_at is not None and decided.decided_at > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    finally:
        manager.engine.dispose()
    with world.psql("sales_a") as conn:  # approved: still not the requester's to re-aim or decide again
        _refused(conn, "UPDATE export_requests SET status = 'pending' WHERE id = %s", (request_id,))
        _refused(conn, "UPDATE export_requests SET decided_by = %s WHERE id = %s", (world.ids["sales_a"], request_id))
    requester = world.login("sales_a")
    try:
        with session_scope(requester.factory) as s:
            assert ea.clear_export(s, requester.actor, "customers", 5) == request_id
    finally:
        requester.engine.dispose()
    assert _status(world, request_id) == ("used", world.ids["manager"])


# ---- the "password again" flag --------------------------------------------------------------------

def test_a_sales_login_clears_its_password_again_flag_only_after_logging_in_again(world):
    me = world.ids["sales_b"]
    with world.psql("sales_b") as conn:  # a session opened before the flag, as the app's pool holds one
        conn.execute("SELECT 1")
        conn.commit()
        admin = world.login("admin")
        try:
            with session_scope(admin.factory) as s:
                unusual_access.require_password_again(s, admin.actor, world.names["sales_b"], "burst of exports")
        finally:
            admin.engine.dispose()
        for statement, params in (
            ("UPDATE access_flags SET reauth_required = false WHERE user_id = %s", (me,)),
            ("UPDATE access_flags SET reauth_required = false, set_at = now() + interval '1 day'"
             " WHERE user_id = %s", (me,)),
            ("DELETE FROM access_flags WHERE user_id = %s", (me,)),
            ("INSERT INTO access_flags (user_id, reauth_required) VALUES (%s, false)", (world.ids["sales_a"],)),
        ):
            _refused(conn, statement, params)
        assert conn.execute("SELECT user_id, reauth_required FROM access_flags").fetchall() == [(me, True)]
        conn.commit()
    with world.psql("sales_a") as conn:  # another user's flag: not visible, not writable
        assert conn.execute("UPDATE access_flags SET reauth_required = false WHERE user_id = %s",
                            (me,)).rowcount == 0
        conn.commit()
    login = world.login("sales_b")
    try:
        with pytest.raises(PermissionDenied) as asked, session_scope(login.factory) as s:
            access_log.record_access(s, login.actor, "view", "customer", "1", 1)
        assert asked.value.code == "access.reauth_required"
        # the password given again (the app's dialog): a session that logs in now with it clears the flag
        with session_scope(login.factory) as s:
            unusual_access.confirm_password(s, login.actor, TEST_PASSWORD)
        with session_scope(login.factory) as s:
            access_log.record_access(s, login.actor, "view", "customer", "1", 1)
    finally:
        login.engine.dispose()


# ---- the access log -------------------------------------------------------------------------------

def _verify_access(world: World):
    with session_scope(make_session_factory(world.engine)) as s:
        return access_log.verify_access_chain(s, world.actor("admin"))


def test_access_rows_inserted_with_psql_are_sealed_and_in_the_login_s_own_name(world):
    me = world.ids["sales_a"]
    with world.psql("sales_a") as conn:
        conn.execute(
            "INSERT INTO access_log (at, user_id, username, action, entity, target, row_count, details,"
            " prev_hash, hash) VALUES ('2025-01-31', %s, %s, 'view', 'customer', '1', 1, '{\"a\": [1, 2.5]}',"
            " 'x', 'y')", (me, world.names["sales_a"]))
        for statement, params in (
            ("INSERT INTO access_log (id, at, user_id, username, action, entity, row_count, prev_hash, hash)"
             " VALUES (1000000, now(), %s, %s, 'view', 'x', 0, '', '')", (me, world.names["sales_a"])),
            ("INSERT INTO access_log (at, user_id, username, action, entity, row_count, prev_hash, hash)"
             " VALUES (now(), %s, %s, 'export', 'customers', 900, '', '')",
             (world.ids["sales_b"], world.names["sales_b"])),
            ("INSERT INTO access_log (at, user_id, username, action, entity, row_count, prev_hash, hash)"
             " VALUES (now(), NULL, 'system', 'alert', 'burst', 0, '', '')", ()),
            ("UPDATE access_log SET row_count = 0", ()),
            ("DELETE FROM access_log", ()),
            ("SELECT setval(pg_get_serial_sequence('access_log', 'id'), 1)", ()),
        ):
            _refused(conn, statement, params)
        conn.commit()
    report = _verify_access(world)
    assert report.ok, report
    with world.engine.connect() as owner:
        row = owner.execute(text("SELECT at, hash FROM access_log WHERE username = :n ORDER BY id DESC LIMIT 1"),
                            {"n": world.names["sales_a"]}).one()
        assert row[0] > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5) and row[1] != "y"
        assert owner.scalar(text("SELECT count(*) FROM audit_checkpoints WHERE chain = 'access'")) >= 1


def test_sales_reads_only_its_own_access_rows(world):
    boss = world.actor("admin")
    with session_scope(make_session_factory(world.engine)) as s:
        access_log.record_access(s, boss, "export", "customers", None, 40)
    with world.psql("sales_a") as conn:
        names = {r[0] for r in conn.execute("SELECT DISTINCT username FROM access_log").fetchall()}
    assert names <= {world.names["sales_a"]}
    with world.psql("manager") as conn:  # no access_log.view: its own rows only, too
        names = {r[0] for r in conn.execute("SELECT DISTINCT username FROM access_log").fetchall()}
    assert world.names["admin"] not in names


def test_the_access_chain_verifies_after_application_writes_of_every_login(world):
    for key in ("sales_a", "manager", "admin"):
        login = world.login(key)
        try:
            with session_scope(login.factory) as s:
                detail = get_customer(s, login.actor, world.customer_a)
                assert detail.company_id is not None
                access_log.record_access(s, login.actor, "report", "ar_aging", "2026-06-30", 3,
                                         {"x": [1.5, None, True, "a\nb"], "名": "客户"})
        finally:
            login.engine.dispose()
    admin = world.login("admin")
    try:  # alerts are "system" rows written by a holder of access_log.view
        with session_scope(admin.factory) as s:
            access_log.append_entry(s, None, "alert", "burst", world.names["sales_a"], 99, {"key": "k"})
            trail.record(s, admin.actor, "event", "test", "access")
    finally:
        admin.engine.dispose()
    report = _verify_access(world)
    assert report.ok and report.rows >= 7, report
