"""Backups that restore (issue 10, item 4): checked online backups, retention, restore, on both databases."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.audit import trail
from opcms_desktop.services.maintenance import backup as backups
from opcms_desktop.services.maintenance import restore
from opcms_desktop.services.maintenance.files import sqlite_path
from opcms_desktop.services.maintenance.retention import (
    RetentionPolicy,
    backup_files,
    policy_from_settings,
    prune_backups,
)
from opcms_desktop.services.platform import cipher, db_key
from opcms_desktop.services.platform.db import make_session_factory, session_scope
from opcms_desktop.services.platform.errors import PermissionDenied, UserError
from opcms_desktop.services.receivables import receipts
from opcms_desktop.services.security import settings

from ..factories import Factory
from .maintenance_world import build_world, snapshot


def keyed_connection(path: Path, database: Path):
    """A sqlcipher3 connection to `path` with the keys of `database` (every SQLite file is encrypted)."""
    return cipher.open_with_any(Path(path), db_key.candidate_keys(database))


def audit_events(engine, operation):
    with session_scope(make_session_factory(engine)) as session:
        return session.execute(select(AuditEntry.username, AuditEntry.changes)
                               .where(AuditEntry.entity == "database", AuditEntry.entity_id == operation)
                               .order_by(AuditEntry.id)).all()


# ---- retention ---------------------------------------------------------------------------------

def touch(folder: Path, at: dt.datetime, reason: str = "daily") -> Path:
    path = folder / f"opcms-{at:%Y%m%d-%H%M%S}-{reason}.db"
    path.write_bytes(b"x")
    return path


def test_retention_keeps_the_newest_of_each_day_week_and_month_and_everything_of_the_last_day(tmp_path):
    now = dt.datetime(2026, 6, 30, 18, 0)
    made = [dt.datetime(2026, 6, 30, 9, 0), dt.datetime(2026, 6, 30, 14, 0),  # today: both kept (< 24 h)
            dt.datetime(2026, 6, 29, 8, 0), dt.datetime(2026, 6, 29, 20, 0),  # yesterday: 20:00 (< 24 h) and
            dt.datetime(2026, 6, 28, 10, 0),  # 08:00 falls to the daily rule (newest of 06-29 is 20:00)
            dt.datetime(2026, 6, 20, 10, 0), dt.datetime(2026, 6, 17, 10, 0),  # ISO week 25: newest 06-20
            dt.datetime(2026, 5, 31, 10, 0), dt.datetime(2026, 5, 2, 10, 0),  # May: newest 05-31
            dt.datetime(2026, 4, 15, 10, 0), dt.datetime(2025, 12, 1, 10, 0)]
    paths = {at: touch(tmp_path, at) for at in made}
    (tmp_path / "my-own-copy.db").write_bytes(b"x")  # not ours: never touched
    policy = RetentionPolicy(daily=3, weekly=2, monthly=3)
    removed = prune_backups(tmp_path, policy, now)
    kept = {b.made_at for b in backup_files(tmp_path)}
    # daily: 06-30 14:00, 06-29 20:00, 06-28; weekly (ISO 27, 26): 06-30 14:00, 06-28;
    # monthly: June 06-30 14:00, May 05-31, April 04-15.
    assert kept == {dt.datetime(2026, 6, 30, 9, 0), dt.datetime(2026, 6, 30, 14, 0), dt.datetime(2026, 6, 29, 20, 0),
                    dt.datetime(2026, 6, 28, 10, 0), dt.datetime(2026, 5, 31, 10, 0), dt.datetime(2026, 4, 15, 10, 0)}
    assert removed == [str(paths[at]) for at in sorted(set(made) - kept)]
    assert (tmp_path / "my-own-copy.db").exists()


def test_retention_numbers_are_admin_settings(fresh_engine, fresh_factory):
    assert policy_from_settings(fresh_engine) == RetentionPolicy(7, 4, 12)
    with session_scope(fresh_factory) as session:
        admin = Factory(session).actor("admin1", "admin")
        settings.set_setting(session, admin, settings.BACKUP_KEEP_DAILY, "10")
        settings.set_setting(session, admin, settings.BACKUP_KEEP_MONTHLY, 0)
    assert policy_from_settings(fresh_engine) == RetentionPolicy(10, 4, 0)


# ---- backup ------------------------------------------------------------------------------------

@pytest.fixture
def world(fresh_engine):
    return build_world(fresh_engine)


def test_a_backup_is_checked_and_audited(backend, fresh_engine, world, tmp_path):
    result = backups.backup_database(fresh_engine, "Manual backup!", actor=world.admin, folder=tmp_path / "bk")
    assert (result.checked, result.chain_ok, result.reason, result.backend) == (True, True, "manual-backup", backend)
    path = Path(result.path)
    assert path.parent == tmp_path / "bk" and path.stat().st_size == result.size > 0
    assert path.name.startswith("opcms-") and path.suffix == (".db" if backend == "sqlite" else ".dump")
    if backend == "sqlite":  # one self-contained file, integrity ok, chain verifying on the copy itself
        assert not Path(f"{path}-wal").exists()
        with contextlib.closing(keyed_connection(path, sqlite_path(fresh_engine))) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (result.audit_rows,)
    [(username, details)] = audit_events(fresh_engine, "backup")
    assert username == "admin1" and details["path"] == result.path and details["chain_ok"] is True
    with session_scope(make_session_factory(fresh_engine)) as session:
        assert trail.verify_chain(session).ok


def test_only_admins_back_up_or_restore(fresh_engine, world, tmp_path):
    with pytest.raises(PermissionDenied, match="settings.manage"):
        backups.backup_database(fresh_engine, actor=world.ops, folder=tmp_path / "bk")
    with pytest.raises(PermissionDenied, match="settings.manage"):
        restore.restore_database(fresh_engine, tmp_path / "x.db", actor=world.ops)
    assert not (tmp_path / "bk").exists() and not audit_events(fresh_engine, "backup")


def test_backup_then_change_then_restore_gives_back_every_table(backend, fresh_engine, world, tmp_path):
    before = snapshot(fresh_engine)
    taken = backups.backup_database(fresh_engine, "manual", actor=world.admin, folder=tmp_path / "bk")
    with session_scope(make_session_factory(fresh_engine)) as session:  # the change: a customer, a receipt
        customer = Factory(session).customer("备份后的新客户", company_id=880_001)
        receipts.record_receipt(session, world.ops, receipts.ReceiptInput(
            customer_id=customer.id, receipt_date=dt.date(2026, 7, 1), amount=Decimal("321.00"), method="现金"))
    changed = snapshot(fresh_engine)
    assert len(changed["customers"]) == len(before["customers"]) + 1
    assert len(changed["receipts"]) == len(before["receipts"]) + 1

    result = restore.restore_database(fresh_engine, taken.path, actor=world.admin)

    after = snapshot(fresh_engine)
    event = after["audit_log"][-1]
    assert after["audit_log"][:-1] == before["audit_log"]  # exactly the backed-up trail, then the restore event
    trail_tables = ("audit_log", "audit_checkpoints")  # the backup anchors both chains: two checkpoints more
    assert after["audit_checkpoints"][:len(before["audit_checkpoints"])] == before["audit_checkpoints"]
    added = after["audit_checkpoints"][len(before["audit_checkpoints"]):]
    assert [(c[1], c[5]) for c in added] == [("audit", "backup"), ("access", "backup")]
    assert ({k: v for k, v in after.items() if k not in trail_tables}
            == {k: v for k, v in before.items() if k not in trail_tables})
    [(username, details)] = audit_events(fresh_engine, "restore")
    assert username == "admin1" and details["restored_from"] == str(Path(taken.path).resolve())
    assert event[3:7] == ("admin1", "event", "database", "restore") and event[0] > before["audit_log"][-1][0]
    assert result.chain_ok and result.audit_rows == len(after["audit_log"])
    kept = Path(result.kept_aside)
    assert kept.exists()
    if backend == "sqlite":  # the file replaced is kept aside, whole, with the change in it
        database = sqlite_path(fresh_engine)
        assert kept.name.startswith(f"{database.stem}-before-restore-") and kept.parent == database.parent
        with contextlib.closing(keyed_connection(kept, database)) as conn:
            assert conn.execute("SELECT count(*) FROM customers WHERE company_id = 880001").fetchone() == (1,)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_restore_is_refused_while_another_connection_has_the_file_open(fresh_engine, world, tmp_path):
    taken = backups.backup_database(fresh_engine, actor=world.admin, folder=tmp_path / "bk")
    database = sqlite_path(fresh_engine)
    app = keyed_connection(database, database)  # the desktop client, idle after a read
    app.execute("SELECT count(*) FROM customers").fetchone()
    before = snapshot(fresh_engine)
    try:
        with pytest.raises(UserError) as refused:
            restore.restore_database(fresh_engine, taken.path, actor=world.admin)
    finally:
        app.close()
    assert refused.value.code == "maintenance.database_in_use" and "desktop app" in str(refused.value)
    assert snapshot(fresh_engine) == before
    assert [p.name for p in database.parent.iterdir() if "before-restore" in p.name] == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_damaged_or_tampered_backup_is_not_restored(fresh_engine, world, tmp_path):
    taken = Path(backups.backup_database(fresh_engine, actor=world.admin, folder=tmp_path / "bk").path)
    tampered = tmp_path / "tampered.db"
    shutil.copy(taken, tampered)
    with contextlib.closing(keyed_connection(tampered, sqlite_path(fresh_engine))) as conn:
        conn.execute("UPDATE audit_log SET summary = 'changed' WHERE id = 3")
        conn.commit()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    before = snapshot(fresh_engine)
    for path, detail in ((tampered, "audit chain is broken at row 3"), (garbage, "integrity check"),
                         (tmp_path / "missing.db", None)):
        with pytest.raises(UserError) as refused:
            restore.restore_database(fresh_engine, path, actor=world.admin)
        assert refused.value.code == ("maintenance.backup_unusable" if detail else "maintenance.backup_missing")
        assert detail is None or detail in str(refused.value)
    assert snapshot(fresh_engine) == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_backup_before_a_risky_operation_and_once_a_day(fresh_engine, world):
    folder = sqlite_path(fresh_engine).parent / "backups"
    today = backups.backup_if_due(fresh_engine)
    assert today is not None and today.reason == "daily" and Path(today.path).parent == folder
    assert backups.backup_if_due(fresh_engine) is None  # one a day (any automatic backup of today counts)
    first = backups.backup_before(fresh_engine, "customer-import")
    assert first is not None and Path(first.path).parent == folder and first.path.endswith("-before-customer-import.db")
    assert first.checked and first.chain_ok and len(backup_files(folder)) == 2
    assert [u for u, _ in audit_events(fresh_engine, "backup")] == ["system", "system"]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_without_client_tools_says_what_to_install(fresh_engine, world, tmp_path, monkeypatch):
    assert backups.backup_before(fresh_engine, "bill-run") is None  # automatic backups: SQLite only
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UserError) as missing:
        backups.backup_database(fresh_engine, actor=world.admin, to=tmp_path / "x.dump")
    error = missing.value
    assert error.code == "maintenance.pg_tool_missing" and error.params["tool"] == "pg_dump"
    assert error.params["command"].startswith(f"pg_dump --format=custom --file {tmp_path / 'x.dump.part'}")
    assert "postgresql-client" in str(error) and "password" not in error.params["command"]
    with pytest.raises(UserError) as missing:
        restore.restore_database(fresh_engine, __file__, actor=world.admin)
    assert missing.value.code == "maintenance.pg_tool_missing" and missing.value.params["tool"] == "pg_restore"
