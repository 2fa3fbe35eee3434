"""Offline to shared: copy a whole SQLite database into an empty PostgreSQL database.

In one transaction on the target: the schema is created by the project's own migrations, every table is
copied in foreign-key order with its ids (bill numbers and the number counters with it), the sequences
are set past the copied ids, row counts are compared table by table, the audit chain (copied row by row
as it is) is verified on the target, and a migration event is appended to it. Any failure rolls all of it
back. A target with any application row in it is refused before anything is written.
Afterwards, as for any new server: `opcms --db OWNER_URL init --pg-security` (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from alembic import command
from sqlalchemy import Connection, DateTime, Engine, MetaData, Table, func, inspect, make_url, select, text
from sqlalchemy.orm import Session

from ...models import Base
from ..audit import trail
from ..platform.actor import Actor
from ..platform.bulk import bulk_insert, gc_paused
from ..platform.db import alembic_config, create_db_engine, is_sqlite, schema_is_current
from ..platform.errors import UserError
from ..platform.messages import msg, render
from ..platform.progress import Cancel, Progress, Steps
from ..security.permissions import require
from .backup import PERMISSION, backup_before, chain_problem
from .files import FileCheck

BATCH = 10_000
SKIPPED = frozenset({"alembic_version"})  # written by the migrations themselves
# the dashboard's totals (migration 0022): the target's triggers build them from the copied rows
SKIPPED |= frozenset({"money_days", "receivable_changes", "usage_month_totals"})
# the name bigram table (0017 on SQLite, 0021 on PostgreSQL): the target's triggers cut the copied names
SKIPPED |= frozenset({"customer_name_bigrams"})


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass(frozen=True)
class MigrationReport:
    source: str  # URLs without passwords
    target: str
    tables: list[TableCount]
    audit_chain: str  # "ok" (a broken chain rolls the migration back)
    audit_rows: int  # copied rows; the migration event is one more
    sequences: dict[str, int] = field(default_factory=dict)  # table -> the next id the target hands out
    backup: str | None = None  # the checked backup of the source taken first

    @property
    def rows(self) -> int:
        return sum(t.target for t in self.tables)


def _hidden(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def migrate_database(source_url: str, target_url: str, *, actor: Actor, batch: int = BATCH,
                     backup_source: bool = True, progress: Progress | None = None,
                     cancel: Cancel | None = None) -> MigrationReport:
    require(actor, PERMISSION)
    if not is_sqlite(source_url):
        raise UserError("maintenance.source_not_sqlite", url=_hidden(source_url))
    if is_sqlite(target_url):
        raise UserError("maintenance.target_not_postgresql", url=_hidden(target_url))
    steps = Steps(progress, cancel)
    source = create_db_engine(source_url)
    target = create_db_engine(target_url)
    try:
        _check_source(source, source_url)
        with target.connect() as probe:
            _refuse_non_empty(probe, _hidden(target_url))
        taken = backup_before(source, "migrate") if backup_source else None
        with source.connect() as src, target.begin() as dst:
            src.execution_options(opcms_write_intent=False)  # a deferred, read-only snapshot of the source
            _refuse_non_empty(dst, _hidden(target_url))  # again, inside the transaction that writes
            cfg = alembic_config(target_url)
            cfg.attributes["connection"] = dst
            command.upgrade(cfg, "head")
            tables = _target_tables(dst)
            _clear_seeded_rows(dst, tables)
            counts = _copy_tables(src, dst, tables, batch, steps)
            _restore_fingerprints(src, dst)
            sequences = _reset_sequences(dst, tables)
            session = Session(bind=dst)
            chain = trail.verify_chain(session)
            if not chain.ok:
                raise UserError("maintenance.target_chain_broken", detail=chain_problem(
                    FileCheck("ok", False, chain.rows, chain.broken_id, chain.reason)))
            _record(session, actor, source_url, counts)
            session.close()
        return MigrationReport(_hidden(source_url), _hidden(target_url), counts, "ok", chain.rows, sequences,
                               taken.path if taken else None)
    finally:
        source.dispose()
        target.dispose()


def _check_source(source: Engine, url: str) -> None:
    try:
        current = schema_is_current(source)
    except Exception as exc:  # noqa: BLE001 - a file that is no database becomes a clear message
        raise UserError("database.cannot_open", url=_hidden(url), detail=str(exc).splitlines()[0]) from exc
    if not current:
        raise UserError("maintenance.source_not_current", url=_hidden(url))
    with Session(source) as session:
        chain = trail.verify_chain(session)
    if not chain.ok:
        raise UserError("maintenance.source_chain_broken", detail=chain_problem(
            FileCheck("ok", False, chain.rows, chain.broken_id, chain.reason)))


def _refuse_non_empty(conn: Connection, shown: str) -> None:
    """UserError naming the tables that hold rows, unless no table but alembic's has any."""
    occupied = []
    preparer = conn.dialect.identifier_preparer
    for name in sorted(inspect(conn).get_table_names()):
        if name in SKIPPED:
            continue
        if conn.execute(text(f"SELECT 1 FROM {preparer.quote(name)} LIMIT 1")).first() is not None:
            occupied.append(name)
    if occupied:
        raise UserError("maintenance.target_not_empty", database=shown, tables=occupied[:8])


def _target_tables(conn: Connection) -> list[Table]:
    """Every table the migrations made, parents before children; the models' own Table where there is
    one (their types read SQLite's values back as the application wrote them)."""
    reflected = MetaData()
    reflected.reflect(bind=conn)
    return [cast(Table, Base.metadata.tables.get(t.name, t)) for t in reflected.sorted_tables if t.name not in SKIPPED]


def _clear_seeded_rows(conn: Connection, tables: list[Table]) -> None:
    """Delete what the migrations seeded (dunning levels, SLA rules, built-in rules): the target was empty
    before them, and the source's own copies of those rows, as its users changed them, are copied next."""
    for table in reversed(tables):
        conn.execute(table.delete())


def _aware(columns: list[str], row: dict[str, Any]) -> dict[str, Any]:
    # SQLite keeps no time zone: the application writes UTC, and PostgreSQL must not read it as local time.
    for name in columns:
        value = row[name]
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            row[name] = value.replace(tzinfo=dt.UTC)
    return row


def _copy_tables(src: Connection, dst: Connection, tables: list[Table], batch: int,
                 steps: Steps) -> list[TableCount]:
    session = Session(bind=dst)
    counts = []
    with gc_paused():
        for index, table in enumerate(tables):
            steps(index, len(tables), render("maintenance.copying", {"table": table.name}))
            stamped = [c.name for c in table.columns if isinstance(c.type, DateTime) and c.type.timezone]
            order = list(table.primary_key.columns) or list(table.columns)
            result = src.execution_options(yield_per=batch).execute(select(table).order_by(*order))
            copied = 0
            for chunk in result.partitions(batch):
                bulk_insert(session, table, [_aware(stamped, dict(row._mapping)) for row in chunk])
                copied += len(chunk)
                steps(index, len(tables), render("maintenance.copying", {"table": table.name}))
            in_source = src.scalar(select(func.count()).select_from(table)) or 0
            in_target = dst.scalar(select(func.count()).select_from(table)) or 0
            if not in_source == copied == in_target:
                raise UserError("maintenance.count_mismatch", table=table.name, source=in_source, target=in_target)
            counts.append(TableCount(table.name, int(in_source), int(in_target)))
    session.close()
    steps(len(tables), len(tables), render("maintenance.copying", {"table": "-"}))
    return counts


def _restore_fingerprints(src: Connection, dst: Connection) -> None:
    """The drafts' bill fingerprints as the source holds them: copying a draft's lines cleared them (an
    insert into invoice_lines clears its invoice's fingerprint, migration 0018)."""
    rows = src.execute(text("SELECT id, content_fingerprint FROM invoices WHERE content_fingerprint IS NOT NULL"))
    prints = [{"i": i, "p": p} for i, p in rows]
    if prints:
        dst.execute(text("UPDATE invoices SET content_fingerprint = :p WHERE id = :i"), prints)


def _reset_sequences(conn: Connection, tables: list[Table]) -> dict[str, int]:
    """Each serial / identity id continues after the highest copied id."""
    out = {}
    for table in tables:
        for column in table.primary_key.columns:
            sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                   {"t": table.name, "c": column.name})
            if sequence is None:
                continue
            top = conn.scalar(select(func.max(table.c[column.name])))
            following = int(top or 0) + 1
            conn.execute(text("SELECT setval(:s, :v, false)"), {"s": sequence, "v": following})
            out[table.name] = following
    return out


def _record(session: Session, actor: Actor, source_url: str, counts: list[TableCount]) -> None:
    trail.record(session, actor, "event", "database", "migrate",
                 {"migrated_from": _hidden(source_url), "tables": {c.table: c.target for c in counts}})
    session.flush()


def next_steps(report: MigrationReport) -> Any:
    """What the admin runs next, as a message."""
    return msg("maintenance.next_steps", target=report.target)
