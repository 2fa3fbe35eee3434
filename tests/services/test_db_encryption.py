"""The embedded SQLite file is encrypted with SQLCipher; its key lives in the keyring (or OPCMS_DB_KEY).

SQLite only: these tests make their own files (the engine fixtures' PostgreSQL half has no file).
"""

from __future__ import annotations

import contextlib
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from opcms_desktop.models import Customer
from opcms_desktop.services.maintenance import backup as backups
from opcms_desktop.services.maintenance import encryption
from opcms_desktop.services.platform import cipher, db_key
from opcms_desktop.services.platform.db import (
    create_db_engine,
    make_session_factory,
    session_scope,
    upgrade_schema,
)
from opcms_desktop.services.platform.errors import PermissionDenied, UserError
from opcms_desktop.services.security import bootstrap

from ..conftest import migrated_engine
from ..factories import Factory

NAME = "我爱我家房产经纪有限公司"
LATIN = "Zebracorn Realty Holdings"


def _populate(engine) -> None:
    with session_scope(make_session_factory(engine)) as session:
        make = Factory(session)
        for n in range(30):
            make.customer(f"{NAME}{n}", company_id=900_000 + n)
        make.customer(LATIN, company_id=901_000)


def _all_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{side}").read_bytes() for side in ("", "-wal", "-shm") if Path(f"{path}{side}").exists()
    )


def _admin(engine):
    with session_scope(make_session_factory(engine)) as session:
        make = Factory(session)
        return make.actor("keyadmin", "admin"), make.actor("keyops", "ops")


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "data" / "opcms.db"


def test_the_file_does_not_open_without_the_key_and_holds_no_customer_name(database):
    engine = migrated_engine(f"sqlite:///{database}")
    try:
        _populate(engine)
        with engine.connect() as conn:  # still open: the WAL holds the newest pages
            assert conn.scalar(select(func.count()).select_from(Customer)) == 31
            data = _all_bytes(database)
            assert Path(f"{database}-wal").exists()
            for side in ("", "-wal", "-shm"):  # owner-only, the side files included
                assert stat.S_IMODE(Path(f"{database}{side}").stat().st_mode) == 0o600
    finally:
        engine.dispose()
    data += _all_bytes(database)
    assert len(data) > 100_000
    for needle in (
        NAME.encode("utf-8"),
        LATIN.encode("utf-8"),
        b"SQLite format 3",
        b"customers",
        b"CREATE TABLE",
    ):
        assert needle not in data, needle
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(database).execute("SELECT count(*) FROM customers").fetchone()
    with pytest.raises(UserError) as wrong:
        cipher.connect(database, "ab" * 32)
    assert wrong.value.code == "db_key.wrong_key"


def test_the_key_comes_from_the_keyring_or_opcms_db_key(database, monkeypatch):
    engine = migrated_engine(f"sqlite:///{database}")
    _populate(engine)
    engine.dispose()
    key = db_key.database_key(database, create=False)
    assert len(key) == 64 and keyring_value(database) == key
    # another computer: an empty keyring and no key in memory
    monkeypatch.setattr(db_key, "_cache", {})
    monkeypatch.setattr(db_key, "_read", lambda kind, path: None)
    with pytest.raises(UserError) as missing:
        _count(database)
    assert missing.value.code == "db_key.missing" and "OPCMS_DB_KEY" in str(missing.value)
    monkeypatch.setenv("OPCMS_DB_KEY", "not-a-key")
    with pytest.raises(UserError) as bad:
        _count(database)
    assert bad.value.code == "db_key.bad_format"
    monkeypatch.setenv("OPCMS_DB_KEY", "cd" * 32)
    with pytest.raises(UserError) as wrong:
        _count(database)
    assert wrong.value.code == "db_key.wrong_key"
    monkeypatch.setenv("OPCMS_DB_KEY", key.upper())
    assert _count(database) == 31


def keyring_value(path: Path) -> str | None:
    import keyring

    return keyring.get_password(db_key.SERVICE, f"db-key:{path.resolve()}")


def _count(path: Path) -> int:
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        with session_scope(make_session_factory(engine)) as session:
            return int(session.scalar(select(func.count()).select_from(Customer)) or 0)
    finally:
        engine.dispose()


def test_a_plain_file_of_an_earlier_version_is_converted_without_loss(database):
    database.parent.mkdir(parents=True)
    plain = create_engine(f"sqlite:///{database}")  # what earlier versions wrote: stdlib sqlite3, WAL
    with plain.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    upgrade_schema(plain)
    bootstrap.initialise(plain, upgrade=False)
    _populate(plain)
    with plain.connect() as conn:
        before = cipher.table_digests(conn.connection.dbapi_connection)
    plain.dispose()
    assert cipher.is_plain_sqlite(database) and NAME.encode() in _all_bytes(database)
    assert before["customers"].rows == 31 and before["roles"].rows > 0

    assert _count(database) == 31  # the first start converts it
    assert not cipher.is_plain_sqlite(database)
    assert NAME.encode() not in _all_bytes(database)
    conn = cipher.connect(database, db_key.database_key(database, create=False))
    try:
        assert cipher.table_digests(conn) == before  # every table: same rows, same checksum
    finally:
        conn.close()
    [kept] = (database.parent / "backups").glob("opcms-*-before-encryption.db")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(database.stat().st_mode) == 0o600
    assert not cipher.is_plain_sqlite(kept) and NAME.encode() not in kept.read_bytes()
    copy = cipher.connect(kept, db_key.database_key(database, create=False))
    try:
        assert cipher.table_digests(copy) == before
    finally:
        copy.close()


def test_a_plain_file_in_use_elsewhere_is_left_alone(database):
    database.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(database)) as plain:
        plain.execute("PRAGMA journal_mode=WAL")
        plain.execute("CREATE TABLE t (x)")
        plain.execute("INSERT INTO t VALUES ('keep me')")
        plain.commit()
    # another program (its own process: POSIX locks do not separate two SQLite libraries in one process)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN');"
            " c.execute('SELECT * FROM t').fetchall(); print('ready', flush=True); time.sleep(30)",
            str(database),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        with pytest.raises(UserError) as refused:
            _count(database)
        assert refused.value.code == "db_key.plain_in_use"
    finally:
        reader.kill()
        reader.wait()
    assert cipher.is_plain_sqlite(database)
    with contextlib.closing(sqlite3.connect(database)) as plain:
        assert plain.execute("SELECT x FROM t").fetchall() == [("keep me",)]
    assert not list(database.parent.glob("*.encrypting"))


def test_backups_are_encrypted_owner_only_and_restorable(database):
    engine = migrated_engine(f"sqlite:///{database}")
    try:
        _populate(engine)
        admin, _ = _admin(engine)
        taken = backups.backup_database(engine, "manual", actor=admin)
    finally:
        engine.dispose()
    path = Path(taken.path)
    assert taken.checked and taken.chain_ok
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not cipher.is_plain_sqlite(path) and NAME.encode() not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT 1 FROM customers").fetchone()
    assert (
        cipher.table_digests(cipher.connect(path, db_key.database_key(database, create=False)))[
            "customers"
        ].rows
        == 31
    )


def test_recovery_key_export_once_and_rekey(database, tmp_path):
    engine = migrated_engine(f"sqlite:///{database}")
    _populate(engine)
    admin, ops = _admin(engine)
    old = db_key.database_key(database, create=False)
    with pytest.raises(PermissionDenied):
        encryption.export_recovery_key(engine, tmp_path / "k0.txt", actor=ops)
    first = encryption.export_recovery_key(engine, tmp_path / "k1.txt", actor=admin)
    assert Path(first.path).read_text().strip() == old and not first.exported_before
    assert stat.S_IMODE(Path(first.path).stat().st_mode) == 0o600
    with pytest.raises(UserError) as again:
        encryption.export_recovery_key(engine, tmp_path / "k2.txt", actor=admin)
    assert again.value.code == "db_key.recovery_exported" and not (tmp_path / "k2.txt").exists()
    assert encryption.export_recovery_key(
        engine, tmp_path / "k2.txt", actor=admin, again=True
    ).exported_before

    result = encryption.rekey_database(engine, actor=admin)
    new = db_key.database_key(database, create=False)
    assert new != old and old in db_key.previous_keys(database)
    with pytest.raises(UserError):
        cipher.connect(database, old)
    assert _count(database) == 31
    # the backup taken first is under the old key and still checks out through the keyring's history
    from opcms_desktop.services.maintenance import restore

    assert restore.check_backup(result.backup, database).chain_ok
    # after a rekey the new key may be exported once
    assert not encryption.export_recovery_key(engine, tmp_path / "k3.txt", actor=admin).exported_before
    with session_scope(make_session_factory(engine)) as session:
        events = key_events(session)
    assert events == ["recovery-key-export", "recovery-key-export", "rekey", "recovery-key-export"]
    engine.dispose()


def key_events(session) -> list[str]:
    from opcms_desktop.models import AuditEntry

    return [
        str(e)
        for e in session.scalars(
            select(AuditEntry.entity_id)
            .where(
                AuditEntry.entity == "database", AuditEntry.entity_id.in_(["recovery-key-export", "rekey"])
            )
            .order_by(AuditEntry.id)
        )
    ]


def test_in_memory_databases_stay_plain():
    engine = create_db_engine("sqlite://")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
        assert type(conn.connection.dbapi_connection).__module__.startswith("sqlite3")
    engine.dispose()
