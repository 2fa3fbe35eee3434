"""Checkpoints anchor the audit chain: a chain cut at its end, or recomputed after an edit, no longer
verifies; on SQLite a checkpoint edited without the keyring's MAC key is reported as forged."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update

from opcms_desktop.models import AuditCheckpoint, AuditEntry
from opcms_desktop.services.audit import anchors, trail
from opcms_desktop.services.maintenance import backup as backups
from opcms_desktop.services.platform.db import make_session_factory, session_scope
from opcms_desktop.services.platform.errors import UserError
from opcms_desktop.services.security import audit_view

from ..factories import Factory


@pytest.fixture
def world(fresh_engine):
    factory = make_session_factory(fresh_engine)
    with session_scope(factory) as s:
        admin = Factory(s).actor("anchoradmin", "admin")
    with session_scope(factory) as s:
        for n in range(60):
            trail.record(s, admin, "update", "customer", str(n), {"name": [f"a{n}", f"b{n}"]})
        trail.record(s, admin, "issue", "invoice", "1", {"status": ["draft", "issued"]}, summary="INV-1")
    return factory, admin


def verify(factory, admin):
    with session_scope(factory) as s:
        return audit_view.verify(s, admin)


def checkpoints(factory) -> list[tuple[int, str]]:
    with session_scope(factory) as s:
        return [(c.rows, c.reason) for c in s.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id))]


def _cut(factory, count: int | None) -> None:
    with session_scope(factory) as s:
        if s.get_bind().dialect.name == "postgresql":  # the owner, behind the application's back
            s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        ids = select(AuditEntry.id).order_by(AuditEntry.id.desc())
        s.execute(delete(AuditEntry).where(AuditEntry.id.in_(ids.limit(count) if count else ids)))
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))


def test_an_issue_anchors_the_chain_when_its_transaction_commits(world, backend):
    factory, admin = world
    with session_scope(factory) as s:
        rows = s.scalar(select(func.count()).select_from(AuditEntry))
    marks = checkpoints(factory)
    assert marks[-1] == (rows, "issue") or marks[-1] == (rows, "daily+issue")
    report = verify(factory, admin)
    assert report.ok and report.rows == rows


@pytest.mark.parametrize("cut", [1, 50, None])
def test_rows_cut_at_the_end_are_reported(world, cut):
    factory, admin = world
    _cut(factory, cut)
    report = verify(factory, admin)
    assert not report.ok and report.reason == "audit.chain_truncated" and report.broken_id is None
    assert report.reason_params["anchored"] == 61 and report.reason_params["rows"] == 61 - (cut or 61)
    assert "fewer than the 61" in report.reason_text


def test_a_chain_recomputed_after_an_edit_is_reported(world):
    factory, admin = world
    with session_scope(factory) as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        prev = trail.GENESIS
        for e in entries:  # "bill paid in cash": row 10 edited, every hash after it recomputed
            summary = "bill paid in cash" if e is entries[9] else e.summary
            digest = trail._digest(
                prev, e.at, e.user_id, e.username, e.action, e.entity, e.entity_id, e.changes, summary
            )
            s.execute(
                update(AuditEntry)
                .where(AuditEntry.id == e.id)
                .values(summary=summary, prev_hash=prev, hash=digest)
            )
            prev = digest
    with session_scope(factory) as s:
        assert trail.verify_chain(s).ok  # row by row it verifies: only the anchor catches it
    report = verify(factory, admin)
    assert not report.ok and report.reason == "audit.chain_rewritten"


def test_a_forged_checkpoint_is_reported_on_sqlite(world, backend):
    if backend != "sqlite":
        pytest.skip("PostgreSQL: no application role may write audit_checkpoints (test_pg_attacks.py)")
    factory, admin = world
    _cut(factory, 5)
    with session_scope(factory) as s:  # hide the cut: lower the newest checkpoint too
        s.execute(
            update(AuditCheckpoint)
            .where(AuditCheckpoint.id == s.scalar(select(func.max(AuditCheckpoint.id))))
            .values(rows=56)
        )
    report = verify(factory, admin)
    assert not report.ok and report.reason == "audit.checkpoint_forged"


def test_backups_and_the_first_row_of_a_day_write_checkpoints(world, backend, tmp_path):
    factory, admin = world
    if backend == "sqlite":  # (PostgreSQL: backups need pg_dump; the daily one is test_pg_attacks.py's)
        backups.backup_database(factory.kw["bind"], "manual", actor=admin, folder=tmp_path / "bk")
        assert checkpoints(factory)[-1][1] == "backup"
        with session_scope(factory) as s:  # a new day: no checkpoint of today yet
            s.execute(delete(AuditCheckpoint))
        with session_scope(factory) as s:
            trail.record(s, admin, "update", "customer", "x", {"name": ["c", "d"]})
        assert [r for _, r in checkpoints(factory)] == ["daily"]
    with session_scope(factory) as s:
        made = anchors.write_checkpoint(s, "audit", "manual")
        assert made.rows == s.scalar(select(func.count()).select_from(AuditEntry))
    with session_scope(factory) as s, pytest.raises(UserError) as unknown:
        anchors.write_checkpoint(s, "nonsense", "x")
    assert unknown.value.code == "audit.unknown_chain"
    assert verify(factory, admin).ok
