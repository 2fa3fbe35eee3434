"""Fast multi-row INSERT for bulk paths (imports, audit trail), in the caller's transaction.

PostgreSQL: `INSERT INTO t (...) SELECT * FROM unnest(%s::type[], ...)`, one statement per 10,000 rows
with one array per column: as fast as COPY here (measured 3x faster than executemany, whose long
multi-VALUES statements psycopg re-parses every time), and, unlike COPY, allowed on tables with
row-level security. SQLite: SQLAlchemy's executemany.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Float, Numeric, String, Table, bindparam, insert, text, update
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

PG_BATCH = 10_000
SQLITE_BATCH = 2_000
ROWS_BATCH = 20_000


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]],
                returning: Sequence[str] = ()) -> list[tuple[Any, ...]]:
    """Insert rows (dicts with the same keys); returns the `returning` columns of each (any order)."""
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _pg_unnest(session, table, rows, returning)
    out: list[tuple[Any, ...]] = []
    stmt = insert(table)
    for start in range(0, len(rows), SQLITE_BATCH):
        chunk = list(rows[start:start + SQLITE_BATCH])
        if returning:
            out.extend(tuple(r) for r in session.execute(stmt.returning(*(table.c[c] for c in returning)), chunk))
        else:
            session.execute(stmt, chunk)
    return out


def copy_allowed(connection: Any, table_name: str) -> bool:
    """PostgreSQL COPY works unless row-level security applies to this login on that table."""
    return connection.dialect.name == "postgresql" and not connection.scalar(
        text("SELECT row_security_active(CAST(:t AS regclass))"), {"t": table_name})


def bulk_insert_rows(session: Session, table: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]],
                     progress: Callable[[int, int, str], None] | None = None) -> None:
    """Insert plain tuples fast: COPY on PostgreSQL (executemany where row-level security applies to the
    login, since COPY is refused there), a driver-level executemany on SQLite.

    Values are Python values (Decimal, date, datetime, str for JSON text); SQLite gets them the way
    SQLAlchemy's own types would store them (floats for NUMERIC, ISO text for dates). Table and column
    names come from the models, never from input.
    """
    if not rows:
        return
    conn = session.connection()
    names = ", ".join(columns)
    total = len(rows)
    if conn.dialect.name == "postgresql":
        use_copy = copy_allowed(conn, table.name)
        raw: Any = conn.connection.dbapi_connection
        with raw.cursor() as cursor:
            if not use_copy:
                cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({', '.join(['%s'] * len(columns))})",
                                   rows)
            else:
                with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for index, row in enumerate(rows, start=1):
                        copy.write_row(row)
                        if progress is not None and index % 20_000 == 0:
                            progress(index, total, "progress.writing")
        if progress is not None:
            progress(total, total, "progress.writing")
        return
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
    for start in range(0, total, ROWS_BATCH):
        chunk = rows[start:start + ROWS_BATCH]
        conn.exec_driver_sql(sql, [tuple(map(_sqlite_value, row)) for row in chunk])
        if progress is not None:
            progress(start + len(chunk), total, "progress.writing")


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def bulk_update(session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str = "id") -> None:
    """Set the given columns of each row found by `key` (dicts with the same keys, the key included)."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    if session.get_bind().dialect.name == "postgresql":
        _pg_unnest_update(session, table, rows, key, columns)
        return
    stmt = (update(table).where(table.c[key] == bindparam(f"_{key}"))
            .values({c: bindparam(f"_{c}") for c in columns}))
    for start in range(0, len(rows), SQLITE_BATCH):
        session.execute(stmt, [{f"_{c}": r[c] for c in (key, *columns)} for r in rows[start:start + SQLITE_BATCH]])


def _array_type(column_type: TypeEngine[Any], dialect: Any) -> str:
    """Element type of the array a column's values travel in; no lengths, so too-long text fails loudly."""
    if isinstance(column_type, JSON | String):
        return "text"
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return "numeric"
    return str(column_type.compile(dialect=dialect))


def _pg_run(session: Session, sql: str, rows: Sequence[dict[str, Any]], columns: Sequence[str],
            json_columns: set[str], fetch: bool) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, len(rows), PG_BATCH):
            chunk = rows[start:start + PG_BATCH]
            arrays = [[None if r[c] is None else json.dumps(r[c], ensure_ascii=False) for r in chunk]
                      if c in json_columns else [r[c] for r in chunk] for c in columns]
            cursor.execute(sql, arrays)
            if fetch:
                out.extend(tuple(r) for r in cursor.fetchall())
    finally:
        cursor.close()
    return out


def _pg_unnest_update(session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str,
                      columns: Sequence[str]) -> None:
    dialect = session.get_bind().dialect
    quote = dialect.identifier_preparer.quote
    names = [key, *columns]
    json_columns = {c for c in names if isinstance(table.c[c].type, JSON)}
    casts = ", ".join(f"%s::{_array_type(table.c[c].type, dialect)}[]" for c in names)
    sets = ", ".join(f"{quote(c)} = u.{quote(c)}" + ("::json" if c in json_columns else "") for c in columns)
    sql = (f"UPDATE {dialect.identifier_preparer.format_table(table)} AS t SET {sets} "
           f"FROM unnest({casts}) AS u({', '.join(quote(c) for c in names)}) WHERE t.{quote(key)} = u.{quote(key)}")
    _pg_run(session, sql, rows, names, json_columns, fetch=False)


def _pg_unnest(session: Session, table: Table, rows: Sequence[dict[str, Any]],
               returning: Sequence[str]) -> list[tuple[Any, ...]]:
    dialect = session.get_bind().dialect
    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    casts = ", ".join(f"%s::{_array_type(table.c[c].type, dialect)}[]" for c in columns)
    targets = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    picks = ", ".join(f"{dialect.identifier_preparer.quote(c)}::json" if c in json_columns
                      else dialect.identifier_preparer.quote(c) for c in columns)
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({targets}) "
           f"SELECT {picks} FROM unnest({casts}) AS u({targets})")
    if returning:
        sql += " RETURNING " + ", ".join(dialect.identifier_preparer.quote(c) for c in returning)
    return _pg_run(session, sql, rows, columns, json_columns, fetch=bool(returning))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around a bulk path (100k-row import, bill run).

    They allocate millions of small acyclic objects that live to the end; the collections they would
    trigger cost a quarter to 40 % of their time (measured). Reference counting still frees memory,
    and the collector's previous state is restored. freeze() + unfreeze() moves the path's objects to the
    oldest generation, so the first collection after it does not walk them all (a quarter of a second per
    100,000 customers of a bill run); full collections still see them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
