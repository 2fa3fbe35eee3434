"""Fixtures: every service test runs on SQLite and on PostgreSQL.

PostgreSQL comes from $OPCMS_TEST_PG_URL (default: the local server); each run creates and drops its
own databases. Without a server the PostgreSQL half is skipped, unless OPCMS_REQUIRE_PG=1.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPCMS_BCRYPT_ROUNDS", "4")

import keyring
import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from opcms_desktop.services.platform import messages
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, upgrade_schema
from opcms_desktop.services.security import bootstrap
from opcms_desktop.ui.garbage import collect_due

from .factories import Factory
from .memory_keyring import MemoryKeyring

keyring.set_keyring(MemoryKeyring())  # SQLite test files are encrypted: their keys live here

PG_SERVER_URL = os.environ.get("OPCMS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("OPCMS_REQUIRE_PG") == "1"
BACKENDS = ["sqlite", "postgresql"]


def _pg_admin_engine() -> Engine:
    return create_engine(make_url(PG_SERVER_URL).set(drivername="postgresql+psycopg"),
                         isolation_level="AUTOCOMMIT")


def _pg_available() -> str | None:
    try:
        with _pg_admin_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        return str(exc).splitlines()[0]


_PG_PROBLEM = _pg_available()


def create_pg_database() -> str:
    if _PG_PROBLEM:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL is required (OPCMS_REQUIRE_PG=1) but unavailable: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL unavailable: {_PG_PROBLEM}")
    name = f"opcms_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_SERVER_URL).set(drivername="postgresql+psycopg", database=name).render_as_string(
        hide_password=False
    )


def drop_pg_database(url: str) -> None:
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def new_database_url(backend: str, tmp_dir) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / f'opcms-{uuid.uuid4().hex[:8]}.db'}"
    return create_pg_database()


def dispose_database(backend: str, url: str) -> None:
    if backend == "postgresql":
        drop_pg_database(url)


def migrated_engine(url: str) -> Engine:
    engine = create_db_engine(url)
    upgrade_schema(engine)
    bootstrap.initialise(engine, upgrade=False)
    return engine


@pytest.fixture(autouse=True)
def collect_cycles_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui/garbage.py): no automatic collection, which could free a Qt object in an
    operation's worker thread (a hang or a crash); due collections run here, on the main thread."""
    gc.disable()
    yield
    collect_due()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def engine(backend, tmp_path_factory) -> Iterator[Engine]:
    """One migrated database per backend for the whole run; tests roll back (see `session`)."""
    url = new_database_url(backend, tmp_path_factory.mktemp("db"))
    engine = migrated_engine(url)
    yield engine
    engine.dispose()
    dispose_database(backend, url)


@pytest.fixture
def session(engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; commits become savepoints."""
    connection = engine.connect()
    outer = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def fresh_engine(backend, tmp_path) -> Iterator[Engine]:
    """A database of its own, for tests that commit (CLI, concurrency, login)."""
    url = new_database_url(backend, tmp_path)
    engine = migrated_engine(url)
    yield engine
    engine.dispose()
    dispose_database(backend, url)


@pytest.fixture
def fresh_factory(fresh_engine):
    return make_session_factory(fresh_engine)


@pytest.fixture
def make(session) -> Factory:
    """Builders for users, customers, plans... inside the test's transaction."""
    return Factory(session)


@pytest.fixture
def admin(make):
    return make.actor("admin1", "admin")


@pytest.fixture
def ops(make):
    return make.actor("ops1", "ops")


@pytest.fixture
def sales(make):
    return make.actor("sales1", "sales")


@pytest.fixture
def other_sales(make):
    return make.actor("sales2", "sales")


@pytest.fixture(autouse=True)
def message_language(tmp_path_factory, monkeypatch) -> Iterator[str]:
    """Service and CLI tests read messages in English (tests/ui switches to zh_CN, as the app ships);
    preferences go to a file of the test run's own, never the developer's."""
    monkeypatch.setenv("OPCMS_PREFERENCES", str(tmp_path_factory.getbasetemp() / "preferences.json"))
    previous = messages.current_language()
    messages.set_language("en")
    yield "en"
    messages.set_language(previous)
