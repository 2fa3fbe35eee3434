"""Offline to shared (issue 10, item 5): a SQLite database built through the services, copied into an
empty PostgreSQL database, loses nothing; a non-empty target is refused and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import Customer, Invoice
from opcms_desktop.services.audit import trail
from opcms_desktop.services.billing import numbers
from opcms_desktop.services.maintenance import migrate
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.platform.errors import PermissionDenied, UserError
from opcms_desktop.services.receivables import reports
from opcms_desktop.services.security import bootstrap

from ..conftest import create_pg_database, drop_pg_database, migrated_engine
from .maintenance_world import build_world, snapshot


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """The offline database (SQLite), with a realistic history."""
    url = f"sqlite:///{tmp_path_factory.mktemp('offline') / 'opcms.db'}"
    engine = migrated_engine(url)
    world = build_world(engine)
    engine.dispose()
    return url, world


@pytest.fixture
def empty_pg():
    url = create_pg_database()
    yield url
    drop_pg_database(url)


def bills(engine):
    with session_scope(make_session_factory(engine)) as session:
        return session.execute(select(Invoice.id, Invoice.number, Invoice.customer_id, Invoice.period, Invoice.status,
                                      Invoice.total, Invoice.issue_date, Invoice.due_date).order_by(Invoice.id)).all()


def aging(engine, actor, day):
    with session_scope(make_session_factory(engine)) as session:
        return reports.ar_aging(session, actor, day)


def test_a_migrated_database_loses_nothing(offline, empty_pg):
    url, world = offline
    source = create_db_engine(url)
    expected = snapshot(source)  # before the migration (its backup event comes after this)

    report = migrate.migrate_database(url, empty_pg, actor=world.admin, batch=7)

    target = create_db_engine(empty_pg)
    source_now, copied = snapshot(source), snapshot(target)
    try:
        # every table row by row, the audit trail as it is plus the migration event on the target; the
        # source's backup added an audit row and an audit checkpoint, both copied
        chained = ("audit_log", "audit_checkpoints")
        assert {k: v for k, v in copied.items() if k not in chained} == {
            k: v for k, v in expected.items() if k not in chained}
        assert copied["audit_checkpoints"] == source_now["audit_checkpoints"]
        assert copied["audit_log"][:-1] == source_now["audit_log"]
        assert source_now["audit_log"][:-1] == expected["audit_log"]  # the source got its backup event
        assert report.audit_chain == "ok" and report.audit_rows == len(source_now["audit_log"])
        assert report.backup and report.backup.endswith("-before-migrate.db")
        assert [(t.table, t.source, t.target) for t in report.tables] == [
            (t.table, len(source_now[t.table]), len(source_now[t.table])) for t in report.tables]
        assert {t.table for t in report.tables} == set(expected) - migrate.SKIPPED  # derived: rebuilt, compared above
        with session_scope(make_session_factory(target)) as session:
            chain = trail.verify_chain(session)
            assert chain.ok and chain.rows == len(copied["audit_log"])
        assert bills(target) == bills(source) and len(world.numbers) == 3
        for day in (dt.date(2026, 3, 1), dt.date(2026, 5, 20), dt.date(2026, 12, 31)):
            assert aging(target, world.ops, day) == aging(source, world.ops, day)
        assert aging(target, world.ops, dt.date(2026, 5, 20)).total.total > 0
        # counters and sequences continue where the offline database stopped
        for engine in (source, target):
            with engine.connect() as conn:
                conn.begin()
                session = make_session_factory(engine)(bind=conn)
                top = session.scalar(select(func.max(Customer.id)))
                number = numbers.next_number(session, "INV", 2026)
                session.add(Customer(company_id=999_999, name="新客户", name_initials="", name_pinyin="",
                                     payment_terms_days=30))
                session.flush()
                new_id = session.scalar(select(Customer.id).where(Customer.company_id == 999_999))
                assert (number, new_id) == ("INV-2026-000006", top + 1)
                session.close()
                conn.rollback()
        assert report.sequences["customers"] == top + 1
    finally:
        source.dispose()
        target.dispose()


def test_a_target_with_any_row_is_refused_and_nothing_is_written(offline, empty_pg):
    url, world = offline
    engine = migrated_engine(empty_pg)  # `opcms init` ran on it: seeded roles and dictionaries
    before = snapshot(engine)
    try:
        with pytest.raises(UserError) as refused:
            migrate.migrate_database(url, empty_pg, actor=world.admin, backup_source=False)
        assert refused.value.code == "maintenance.target_not_empty"
        assert "roles" in refused.value.params["tables"] and "CREATE DATABASE" in str(refused.value)
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_a_failed_copy_leaves_the_target_as_it_was(offline, empty_pg, monkeypatch):
    url, world = offline

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "_reset_sequences", broken)
    with pytest.raises(RuntimeError):
        migrate.migrate_database(url, empty_pg, actor=world.admin, backup_source=False)
    engine = create_db_engine(empty_pg)
    try:
        assert snapshot(engine) == {}  # not even the schema: it is created in the same transaction
        bootstrap.initialise(engine)  # and the database is still usable for a new attempt or a fresh start
    finally:
        engine.dispose()


def test_only_an_admin_migrates_and_only_sqlite_to_postgresql(offline, empty_pg, tmp_path):
    url, world = offline
    with pytest.raises(PermissionDenied):
        migrate.migrate_database(url, empty_pg, actor=world.ops)
    with pytest.raises(UserError) as wrong:
        migrate.migrate_database(url, f"sqlite:///{tmp_path / 'x.db'}", actor=world.admin)
    assert wrong.value.code == "maintenance.target_not_postgresql"
    with pytest.raises(UserError) as wrong:
        migrate.migrate_database(empty_pg, empty_pg, actor=world.admin)
    assert wrong.value.code == "maintenance.source_not_sqlite"
