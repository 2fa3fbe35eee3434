"""SQLite under two writers: the second is refused within seconds with database.busy naming the running
operation (issue 11, item 10), and the activity announcements behind it."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from opcms_desktop.services.platform import activity, db
from opcms_desktop.services.platform.activity import announce_activity, current_activity
from opcms_desktop.services.platform.db import (
    DatabaseBusy,
    create_db_engine,
    make_session_factory,
    read_only_factory,
    session_scope,
)

from ..cli.conftest import ADMIN_PASSWORD


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'busy.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    yield engine
    engine.dispose()


@contextmanager
def writer_holding(engine, who: str | None = "刘冀", operation="database.activity.customer_import") -> Iterator[None]:
    """A thread that holds a write transaction (announced as `who`, unless None) until the block ends."""
    held, release, failed = threading.Event(), threading.Event(), []

    def hold() -> None:
        try:
            if who is None:
                _hold(engine, held, release)
            else:
                with announce_activity(engine, who, operation):
                    _hold(engine, held, release)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failed.append(exc)
            held.set()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    assert not failed, failed
    try:
        yield
    finally:
        release.set()
        thread.join(20)


def _hold(engine, held: threading.Event, release: threading.Event) -> None:
    with session_scope(make_session_factory(engine)) as session:
        session.execute(text("INSERT INTO t VALUES (1)"))
        held.set()
        release.wait(30)


def test_a_second_writer_is_refused_within_seconds_naming_the_holder(sqlite_engine):
    with writer_holding(sqlite_engine):
        start = time.monotonic()
        with pytest.raises(DatabaseBusy) as info, session_scope(make_session_factory(sqlite_engine)) as session:
            session.execute(text("INSERT INTO t VALUES (2)"))
        waited = time.monotonic() - start
    assert waited < 6
    assert info.value.code == "database.busy"
    assert info.value.params["holder"] == "刘冀"
    assert info.value.params["operation"].code == "database.activity.customer_import"
    assert "刘冀 is running the customer import" in str(info.value)
    assert "Wait until it finishes" in str(info.value)
    assert info.value.to_json()["params"]["holder"] == "刘冀"
    # the refused writer left nothing behind: the next write goes through
    with session_scope(make_session_factory(sqlite_engine)) as session:
        session.execute(text("INSERT INTO t VALUES (3)"))
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("SELECT x FROM t ORDER BY x")).scalars().all() == [1, 3]


def test_an_unannounced_writer_gives_the_generic_busy_message(sqlite_engine):
    with writer_holding(sqlite_engine, who=None), pytest.raises(DatabaseBusy) as info, \
            sqlite_engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (2)"))
    assert info.value.code == "database.busy_unknown"


def test_reads_run_beside_the_writer(sqlite_engine):
    with writer_holding(sqlite_engine), session_scope(read_only_factory(make_session_factory(sqlite_engine))) as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar() == 0
        assert db.schema_is_current is not None


def test_the_write_wait_is_short(sqlite_engine, monkeypatch):
    monkeypatch.setattr(db, "WRITE_WAIT_MS", 200)
    with writer_holding(sqlite_engine):
        start = time.monotonic()
        with pytest.raises(DatabaseBusy), sqlite_engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
        assert time.monotonic() - start < 2


def test_the_announcement_is_removed_afterwards_and_a_dead_process_is_stale(sqlite_engine, tmp_path):
    folder = activity.activity_folder(sqlite_engine)
    assert folder == tmp_path / "busy.db.activity"
    with announce_activity(sqlite_engine, "刘冀", "database.activity.bill_run") as record:
        assert record is not None
        current = current_activity(sqlite_engine)
        assert current is not None and (current.user, current.operation) == ("刘冀", "database.activity.bill_run")
    assert current_activity(sqlite_engine) is None
    stale = folder / "999999999-dead.json"
    stale.write_text(json.dumps({"user": "ghost", "operation": "database.activity.usage_import", "pid": 999999999,
                                 "host": os.uname().nodename, "since": "2026-01-01T00:00:00+00:00"}))
    (folder / "garbage.json").write_text("{not json")
    assert current_activity(sqlite_engine) is None
    assert not stale.exists()


def test_the_oldest_announcement_is_named(sqlite_engine):
    with announce_activity(sqlite_engine, "first", "database.activity.usage_import"):
        time.sleep(0.01)
        with announce_activity(sqlite_engine, "second", "database.activity.customer_import"):
            assert [a.user for a in activity.current_activities(sqlite_engine)] == ["first", "second"]
            assert current_activity(sqlite_engine).user == "first"


def test_nothing_is_announced_on_postgresql_or_in_memory():
    for url in ("postgresql+psycopg://u@127.0.0.1/db", "sqlite://", "sqlite:///:memory:"):
        assert activity.activity_folder(url) is None
        with announce_activity(url, "x", "database.activity.bill_run") as record:
            assert record is None


def test_an_actor_is_announced_by_its_display_name(sqlite_engine):
    class Someone:
        display_name, username = "刘冀", "liuji"

    with announce_activity(make_session_factory(sqlite_engine)(), Someone(), "database.activity.write"):
        assert current_activity(sqlite_engine).user == "刘冀"


def test_the_cli_says_who_is_busy(tmp_path, capsys, monkeypatch):
    from opcms_desktop.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("OPCMS_ADMIN_PASSWORD", ADMIN_PASSWORD)
    assert main(["--db", url, "--lang", "en", "init", "--json"]) == 0
    engine = create_db_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
        monkeypatch.setenv("OPCMS_PASSWORD", ADMIN_PASSWORD)
        with writer_holding(engine, "刘冀", "database.activity.usage_import"):
            capsys.readouterr()
            start = time.monotonic()
            code = main(["--db", url, "--lang", "en", "--user", "admin", "--json", "receipt", "add",
                         "--company-id", "1", "--amount", "10", "--date", "2026-01-01"])
            waited = time.monotonic() - start
            out, err = capsys.readouterr()
        assert code == 2, err
        assert waited < 10
        assert json.loads(out)["error"]["code"] == "database.busy"
        assert "刘冀 is running the usage import" in err
    finally:
        engine.dispose()


def test_long_cli_commands_announce_themselves():
    from opcms_desktop.cli import LONG_WRITES, build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    for (command, inner), operation in LONG_WRITES.items():
        assert command in commands
        if inner is not None:
            sub = commands[command]._subparsers._group_actions[0].choices  # noqa: SLF001
            assert inner in sub, (command, inner)
        assert operation.startswith("database.activity.")
