"""Engines, sessions and schema upgrades for SQLite (embedded default) and PostgreSQL.

Sessions are opened by the caller (UI runner, CLI command, test fixture), one per user action:
    with session_scope(factory) as session: ...
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from . import activity, cipher, db_key
from .errors import OpcmsError, UserError

APP_NAME = "OPCMS"
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
# SQLite: how long a write waits for another writer's lock before it is refused with DatabaseBusy
# (a long import holds it for minutes: waiting 30 s and then failing helps nobody). Reads wait longer:
# under WAL they meet a lock only in rare checkpoint or recovery moments.
WRITE_WAIT_MS = 3000
READ_WAIT_MS = 30000
# PostgreSQL: how long any statement waits for a lock (row, table, advisory) before it is refused with
# DatabaseBusy("database.lock_timeout"): a login that holds a lock and idles cannot block others for good.
PG_LOCK_WAIT_MS = 10000


class DatabaseBusy(UserError):
    """SQLite: another writer holds the database (a long import, a bill run); refused after WRITE_WAIT_MS.

    `database.busy` names the running operation, its user and since when, when it announced itself
    (`platform.activity.announce_activity`); else `database.busy_unknown`.
    """

    default_code = "database.busy_unknown"

    @classmethod
    def for_database(cls, target: Any) -> DatabaseBusy:
        holder = activity.current_activity(target)
        if holder is None:
            return cls("database.busy_unknown")
        return cls("database.busy", holder=holder.user, operation=holder.operation_message,
                   since=holder.since_text())


def is_busy_error(error: BaseException) -> bool:
    """SQLite's SQLITE_BUSY / SQLITE_LOCKED ("database is locked"), raw or wrapped by SQLAlchemy."""
    current: BaseException | None = error
    while current is not None:
        code = getattr(current, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            return True
        if "database is locked" in str(current) or "database is busy" in str(current):
            return True
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) and orig is not current else current.__cause__
    return False


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "opcms.db"


def default_url() -> str:
    return os.environ.get("OPCMS_DB") or f"sqlite:///{default_sqlite_path()}"


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def server_url(host: str, database: str, port: int | None = None, **query: str) -> str:
    """A PostgreSQL URL without credentials, as a connection profile stores it."""
    return URL.create("postgresql+psycopg", host=host, port=port, database=database, query=query).render_as_string()


def user_url(base_url: str, username: str, password: str) -> str:
    """The base PostgreSQL URL with this user's own credentials (PostgreSQL mode: one login per user)."""
    parsed = make_url(normalise_url(base_url)).set(username=username, password=password or None)
    return parsed.render_as_string(hide_password=False)


def pg_connect_kwargs(url: str | URL, username: str, password: str) -> dict[str, Any]:
    """psycopg.connect() keywords for host/port/database (and query options) of `url`, as this user."""
    parsed = make_url(url) if isinstance(url, str) else url
    kwargs: dict[str, Any] = {str(k): v for k, v in parsed.query.items()}
    kwargs.update(host=parsed.host, port=parsed.port, dbname=parsed.database, user=username, password=password)
    kwargs.setdefault("connect_timeout", 10)
    return {k: v for k, v in kwargs.items() if v is not None}


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def create_db_engine(url: str, *, key: str | None = None, **kwargs) -> Engine:
    """`key`: an encrypted SQLite file's key given by the caller (a rekey records itself under the new
    key while OPCMS_DB_KEY still holds the old one); None asks OPCMS_DB_KEY, then the keyring."""
    url = normalise_url(url)
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            engine = _encrypted_engine(url, Path(database).expanduser().resolve(), key, **kwargs)
        else:  # in-memory databases stay plain
            engine = create_engine(url, connect_args={"timeout": READ_WAIT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    options = " ".join(filter(None, [str(make_url(url).query.get("options", "")), f"-c lock_timeout={PG_LOCK_WAIT_MS}"]))
    connect_args = {**kwargs.pop("connect_args", {}), "options": options}
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    event.listen(engine, "begin", _pg_on_begin)
    event.listen(engine, "handle_error", _pg_lock_timeout)
    return engine


class LockTimeout(DatabaseBusy, OperationalError):  # type: ignore[misc]  # `params`: the message's, not the SQL's
    """PostgreSQL refused a lock wait (SQLSTATE 55P03: lock_timeout, or NOWAIT): a coded DatabaseBusy
    that is still the OperationalError SQLAlchemy raised (callers that expect NOWAIT refusals keep
    catching it by its `orig.sqlstate`)."""

    @classmethod
    def wrapping(cls, error: OperationalError) -> LockTimeout:
        made = cls.__new__(cls)
        OperationalError.__init__(made, error.statement, error.params, cast(BaseException, error.orig),
                                  connection_invalidated=error.connection_invalidated)
        made.code, made.params = "database.lock_timeout", {"seconds": max(1, PG_LOCK_WAIT_MS // 1000)}
        return made


def _pg_lock_timeout(context) -> BaseException | None:
    """A statement that waited PG_LOCK_WAIT_MS for a lock becomes a coded DatabaseBusy (LockTimeout)."""
    error = context.sqlalchemy_exception
    if isinstance(error, OperationalError) and getattr(context.original_exception, "sqlstate", None) == "55P03":
        return LockTimeout.wrapping(error)
    return None


def _encrypted_engine(url: str, path: Path, given_key: str | None, **kwargs) -> Engine:
    """A SQLite file encrypted with SQLCipher: every pooled connection starts with `PRAGMA key` (the key
    from the keyring or OPCMS_DB_KEY, services/platform/db_key.py). The first connection creates the
    file owner-only with a new key, or converts a plain file from an earlier version (cipher.convert_plain)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()

    def connect():
        with lock:
            if cipher.is_plain_sqlite(path):
                cipher.convert_plain(path, db_key.database_key(path, create=True))
            key = given_key or db_key.database_key(path, create=cipher.is_empty(path))
            cipher.owner_only(path)
        return cipher.connect(path, key, timeout=READ_WAIT_MS / 1000)

    return create_engine(url, module=cipher.sqlcipher, creator=connect, **kwargs)


PAGE_CACHE_KIB = 128 * 1024


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin) so transactions are real.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={READ_WAIT_MS}")
    # SQLCipher decrypts every page it reads: a page cache of up to PAGE_CACHE_KIB keeps a large list's
    # index pages decrypted between queries (filled only as pages are read).
    cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    cursor.close()


def _sqlite_on_begin(conn) -> None:
    # IMMEDIATE takes the write lock up front: two writers queue instead of failing mid-transaction.
    # Read-only sessions (read_only_factory) begin deferred: under WAL they run beside a writer.
    # query_only is a setting of the pooled connection, not of the transaction, so every begin sets
    # it both ways: a connection a read used never carries the refusal into a later write.
    # A write waits WRITE_WAIT_MS for another writer, then is refused with DatabaseBusy naming it.
    writes = conn.get_execution_options().get("opcms_write_intent", True)
    if not writes:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={READ_WAIT_MS}")
        conn.exec_driver_sql("PRAGMA query_only=ON")
        conn.exec_driver_sql("BEGIN")
        return
    conn.exec_driver_sql(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
    conn.exec_driver_sql("PRAGMA query_only=OFF")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if is_busy_error(exc):
            raise DatabaseBusy.for_database(conn.engine) from exc
        raise


def _pg_on_begin(conn) -> None:
    # Read-only sessions: the server refuses every write; the setting ends with the transaction.
    if not conn.get_execution_options().get("opcms_write_intent", True):
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


class UndeclaredWrite(OpcmsError):
    """An operation wrote in a read-only transaction: its service function is not declared `@writes`.

    A programming error, not the user's: nothing was written. `operation` names the function.
    """

    default_code = "error.undeclared_write"


def read_only_factory(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Sessions for reads, in a transaction the database itself keeps read-only.

    SQLite: `PRAGMA query_only=ON` and a deferred BEGIN (under WAL a read runs beside a long import or
    bill run); PostgreSQL: `SET TRANSACTION READ ONLY`. The session also refuses an ORM flush or an ORM
    INSERT/UPDATE/DELETE before it reaches the database, with `UndeclaredWrite`; the runner names the
    operation in `session.info["opcms_operation"]`.
    """
    engine = factory.kw["bind"]
    maker = sessionmaker(bind=engine.execution_options(opcms_write_intent=False), expire_on_commit=False,
                         autoflush=True)
    event.listen(maker, "before_flush", _refuse_flush)
    event.listen(maker, "do_orm_execute", _refuse_orm_write)
    return maker


def _operation_name(session: Session) -> str:
    return str(session.info.get("opcms_operation", "?"))


def _refuse_flush(session: Session, _flush_context, _instances) -> None:
    if session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty):
        raise UndeclaredWrite(operation=_operation_name(session))


def _refuse_orm_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise UndeclaredWrite(operation=_operation_name(state.session))


def is_read_only_violation(error: BaseException) -> bool:
    """True when the database refused a write because the transaction is read-only."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, UndeclaredWrite):
            return True
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException) and orig is not current and is_read_only_violation(orig):
            return True
        code = getattr(current, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == 8:  # SQLITE_READONLY (query_only)
            return True
        if getattr(current, "sqlstate", None) == "25006":  # PostgreSQL read_only_sql_transaction
            return True
        current = current.__cause__
    return False


@contextlib.contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One operation = one session = one transaction: commit on success, roll back on any error."""
    session = factory()
    try:
        with session.begin():
            yield session
    finally:
        session.close()


# Tables a migration keeps outside the models: the name search index (migration 0017 on SQLite, 0021 on
# PostgreSQL, kept current by
# triggers; services/customers/search_index.py).
UNMODELLED_TABLES = frozenset({"customer_name_bigrams"})


def schema_object_filter(dialect_name: str):
    """Autogenerate filter: skip objects that exist only on another dialect (`.ddl_if(dialect=...)`) and the
    tables that are no model (UNMODELLED_TABLES)."""

    def include(obj, name, type_, reflected, compare_to) -> bool:
        if type_ == "table" and name in UNMODELLED_TABLES:
            return False
        condition = getattr(obj, "_ddl_if", None)
        return condition is None or condition.dialect in (None, dialect_name)

    return include


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def schema_is_current(engine: Engine) -> bool:
    script = ScriptDirectory.from_config(alembic_config(engine.url.render_as_string(hide_password=False)))
    with engine.connect().execution_options(opcms_write_intent=False) as connection:  # a read: no queueing
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(script.get_heads())
