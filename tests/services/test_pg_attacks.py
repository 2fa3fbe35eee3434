"""Every attack of issue 12 item 6, made through plain psycopg as a sales login, fails.

PostgreSQL only. A database of its own for the module, set up as `opcms init --pg-security` does, with
one user made before the set-up (a bcrypt hash in `users` then) and an admin and a sales login after it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import Engine, select, text

from opcms_desktop.models import AuditEntry, User
from opcms_desktop.services.audit import trail
from opcms_desktop.services.platform import db as platform_db
from opcms_desktop.services.platform.db import DatabaseBusy, make_session_factory, session_scope
from opcms_desktop.services.receivables import receipts
from opcms_desktop.services.security import audit_view, auth, pg_security, users
from opcms_desktop.services.security.permissions import Actor

from ..conftest import create_pg_database, drop_pg_database, migrated_engine
from ..factories import TEST_PASSWORD, Factory
from .test_pg_security import connect_as, drop_logins

OLD = dt.datetime(2025, 1, 31, 9, 0, tzinfo=dt.UTC)


@dataclass
class World:
    engine: Engine  # the owner's
    admin: str
    sales: str
    early: str  # made before the secure set-up
    customer_id: int

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def actor(self, name: str) -> Actor:
        with session_scope(make_session_factory(self.engine)) as s:
            return auth.actor_for(s, s.scalar(select(User).where(User.username == name)))

    def verify(self):
        with session_scope(make_session_factory(self.engine)) as s:
            return audit_view.verify(s, self.actor(self.admin))


@pytest.fixture(scope="module")
def world(backend) -> Iterator[World]:
    if backend != "postgresql":
        pytest.skip("PostgreSQL enforcement")
    url = create_pg_database()
    engine = migrated_engine(url)
    suffix = uuid.uuid4().hex[:8]
    admin, sales, early = f"admin_{suffix}", f"sales_{suffix}", f"early_{suffix}"
    factory = make_session_factory(engine)
    try:
        with session_scope(factory) as s:
            users.create_user(s, None, early, TEST_PASSWORD, "admin", must_change_password=False)
        _grant_unknown_tables()
        pg_security.install(engine)
        with session_scope(factory) as s:
            first = auth.actor_for(s, s.scalar(select(User).where(User.username == early)))
            users.create_user(s, first, admin, TEST_PASSWORD, "admin", must_change_password=False)
        with session_scope(factory) as s:
            boss = auth.actor_for(s, s.scalar(select(User).where(User.username == admin)))
            made = users.create_user(s, boss, sales, TEST_PASSWORD, "sales", must_change_password=False)
            owner = auth.actor_for(s, s.get_one(User, made.id))
            customer = Factory(s).customer("攻击测试客户", sales=owner).id
            trail.record(s, boss, "update", "customer", customer, {"name": ["x", "攻击测试客户"]})
        yield World(engine, admin, sales, early, customer)
    finally:
        with engine.connect() as conn:
            usernames = list(conn.scalars(select(User.username)))
        engine.dispose()
        drop_logins(url, sorted(set(usernames) | {admin, sales, early}))
        drop_pg_database(url)


def _grant_unknown_tables() -> None:
    """Tables other areas have not listed in TABLE_GRANTS yet get no privileges at all (the safe side)."""
    from opcms_desktop.models import Base

    for name in Base.metadata.tables:
        pg_security.TABLE_GRANTS.setdefault(name, {})


def _user_id(conn: psycopg.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM users WHERE username = %s", (name,)).fetchone()
    assert row is not None
    return int(row[0])


def test_audit_rows_inserted_with_psql_are_sealed_by_the_server(world):
    with connect_as(world.engine, world.sales) as conn:
        me = _user_id(conn, world.sales)
        # a junk hash and prev_hash, and an old date
        conn.execute(
            "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, changes, summary,"
            " prev_hash, hash) VALUES (%s, %s, %s, 'event', 'invoice', '1', NULL, 'junk', 'x', 'y')",
            (OLD, me, world.sales),
        )
        # a hash computed correctly for an old date after the real head: "bill paid in cash"
        head = conn.execute("SELECT opcms_audit_last_hash()").fetchone()[0]
        changes = {"status": ["issued", "paid"], "method": "现金"}
        forged = trail._digest(
            head, OLD, me, world.sales, "event", "invoice", "1", changes, "bill paid in cash"
        )
        conn.execute(
            "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, changes, summary,"
            " prev_hash, hash) VALUES (%s, %s, %s, 'event', 'invoice', '1', %s, 'bill paid in cash', %s, %s)",
            (OLD, me, world.sales, psycopg.types.json.Json(changes), head, forged),
        )
        conn.commit()
    report = world.verify()
    assert report.ok, report
    with world.engine.connect() as owner:  # the first sealed row of the day anchored the chain before it
        assert owner.scalar(text("SELECT count(*) FROM audit_checkpoints WHERE reason = 'daily'")) == 1
    with session_scope(make_session_factory(world.engine)) as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.username == world.sales)
            .order_by(AuditEntry.id.desc())
            .limit(2)
        ).all()
    assert {r.summary for r in rows} == {"junk", "bill paid in cash"}
    for row in rows:  # the server's own time and hashes, not the ones sent
        assert row.at > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5) and row.hash not in ("y", forged)


def test_an_audit_row_with_a_number_python_would_write_otherwise_is_refused(world):
    with connect_as(world.engine, world.sales) as conn, pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute(
            "INSERT INTO audit_log (at, user_id, username, action, entity, changes, prev_hash, hash)"
            " VALUES (now(), %s, %s, 'event', 'x', '{\"n\": 1E5}', '', '')",
            (_user_id(conn, world.sales), world.sales),
        )
    assert world.verify().ok


def test_explicit_ids_ahead_of_the_sequence_are_refused(world):
    with connect_as(world.engine, world.sales) as conn:
        me = _user_id(conn, world.sales)
        for offset in (1, 2, 17):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(
                    "INSERT INTO audit_log (id, at, user_id, username, action, entity, prev_hash, hash)"
                    " VALUES ((SELECT max(id) FROM audit_log) + %s, now(), %s, %s, 'event', 'x', '', '')",
                    (offset, me, world.sales),
                )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1)")
        for statement in (  # the one other table sales may write: its own saved filters
            "INSERT INTO saved_filters (id, user_id, screen, name, definition) VALUES (1000000, %s, 'c', 'x', '{}')",
            "UPDATE saved_filters SET id = 1000000 WHERE user_id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement, (me,))
        conn.execute(
            "INSERT INTO saved_filters (user_id, screen, name, definition) VALUES (%s, 'c', 'mine', '{}')",
            (me,),
        )
        conn.commit()
    admin = world.actor(world.admin)
    for n in range(3):  # the next writes of other users go through
        with session_scope(make_session_factory(world.engine)) as s:
            trail.record(s, admin, "event", "test", str(n))
    assert world.verify().ok


def test_the_advisory_lock_blocks_nobody_and_the_chain_lock_wait_is_bounded(world, monkeypatch):
    monkeypatch.setattr(platform_db, "PG_LOCK_WAIT_MS", 1500)
    admin_login = auth.authenticate_pg(world.url, world.admin, TEST_PASSWORD)
    admin = admin_login.actor
    data = receipts.ReceiptInput(
        customer_id=world.customer_id, receipt_date=dt.date(2026, 7, 1), amount=Decimal("10.00")
    )
    try:
        with connect_as(world.engine, world.sales) as conn:
            conn.execute(
                "SELECT pg_advisory_lock(7262001)"
            )  # the application's old chain lock: no longer used
            with session_scope(admin_login.factory) as s:
                receipts.record_receipt(s, admin, data)
            conn.execute("SELECT opcms_audit_lock()")  # held, in an open transaction, by a sales login
            started = dt.datetime.now()
            with pytest.raises(DatabaseBusy) as busy, session_scope(admin_login.factory) as s:
                receipts.record_receipt(s, admin, data)
            waited = (dt.datetime.now() - started).total_seconds()
            assert busy.value.code == "database.lock_timeout" and busy.value.params == {"seconds": 1}
            assert 1.0 <= waited < 10, waited
            conn.rollback()
        with session_scope(admin_login.factory) as s:
            receipts.record_receipt(s, admin, data)
    finally:
        admin_login.engine.dispose()
    assert world.verify().ok


def test_sales_cannot_write_or_lock_the_checkpoints(world):
    with connect_as(world.engine, world.sales) as conn:
        for statement in (
            "INSERT INTO audit_checkpoints (chain, at, rows, reason) VALUES ('audit', now(), 0, 'x')",
            "UPDATE audit_checkpoints SET rows = 0",
            "DELETE FROM audit_checkpoints",
            "SELECT * FROM audit_checkpoints",
            "LOCK TABLE audit_checkpoints IN ACCESS SHARE MODE",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET summary = 'x'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)
        # the definer writer counts for itself: a checkpoint asked for by sales is a true one
        conn.execute("SELECT opcms_audit_checkpoint('audit', 'asked by sales')")
        conn.commit()
    assert world.verify().ok


def test_login_helpers_never_clear_a_lock_or_the_must_change_flag(world):
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=15)
    with world.engine.begin() as owner:
        owner.execute(
            text(
                "UPDATE users SET failed_attempts = 5, locked_until = :u, must_change_password = true"
                " WHERE username = :n"
            ),
            {"u": until, "n": world.sales},
        )
    with connect_as(world.engine, world.sales) as conn:
        conn.execute("SELECT opcms_note_login()")
        conn.execute("SELECT opcms_password_changed()")
        for bad in ("plain-new-password", "md5abcdef"):
            with pytest.raises(psycopg.errors.InvalidParameterValue), conn.transaction():
                conn.execute("SELECT opcms_set_own_password(%s)", (bad,))
        conn.commit()
    with world.engine.connect() as owner:
        row = owner.execute(
            text("SELECT failed_attempts, locked_until, must_change_password FROM users WHERE username = :n"),
            {"n": world.sales},
        ).one()
    assert row[0] == 5 and row[1] is not None and row[1] > dt.datetime.now(dt.UTC) and row[2] is True
    with pytest.raises(Exception) as locked:
        auth.authenticate_pg(world.url, world.sales, TEST_PASSWORD)
    assert getattr(locked.value, "code", "") == "auth.locked"
    with world.engine.begin() as owner:
        owner.execute(
            text(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL, must_change_password = false"
                " WHERE username = :n"
            ),
            {"n": world.sales},
        )


def test_no_login_reads_a_bcrypt_hash_after_the_set_up(world):
    with connect_as(world.engine, world.sales) as conn:
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM users").fetchall()]
        assert hashes and not [h for h in hashes if h.startswith("$2")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("SELECT * FROM password_vault")
    # the user made before the set-up still moves the password to the server at the first owner login
    auth.authenticate(make_session_factory(world.engine), world.early, TEST_PASSWORD)
    with world.engine.connect() as owner:
        assert (
            owner.scalar(text("SELECT count(*) FROM password_vault WHERE username = :n"), {"n": world.early})
            == 0
        )


def test_a_chain_cut_at_the_end_is_reported_against_its_checkpoint(world):
    admin = world.actor(world.admin)
    with session_scope(make_session_factory(world.engine)) as s:
        trail.record(s, admin, "issue", "invoice", "77", {"status": ["draft", "issued"]})  # anchors at commit
    assert world.verify().ok
    with world.engine.begin() as owner:  # only the owner could; no application role may delete
        owner.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        owner.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
        owner.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    report = world.verify()
    assert not report.ok and report.reason == "audit.chain_truncated" and report.broken_id is None
    assert report.reason_params["anchored"] == report.rows + 1


def test_bulk_rows_of_an_application_login_chain_correctly_under_the_seal(world):
    login = auth.authenticate_pg(world.url, world.admin, TEST_PASSWORD)
    try:
        with session_scope(login.factory) as s:
            items = [
                trail.AuditItem("event", "bill_run", str(n), {"n": n, "amount": "1.50", "名": "客户"})
                for n in range(50)
            ]
            assert trail.record_many(s, login.actor, items) == 50
        with session_scope(login.factory) as s:
            trail.record(
                s, login.actor, "update", "customer", "1", {"x": [1.5, 2.25], "y": None, "z": [True, "a\nb"]}
            )
    finally:
        login.engine.dispose()
    report = world.verify()
    assert report.ok, report
    with world.engine.connect() as owner:  # the bill run anchored the chain when it committed
        assert (
            owner.scalar(text("SELECT reason FROM audit_checkpoints ORDER BY id DESC LIMIT 1")) == "bill-run"
        )
