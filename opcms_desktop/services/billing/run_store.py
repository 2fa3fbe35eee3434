"""What a bill run reads and writes in bulk: the period lock, existing invoices, drafts, audit rows.

Core bulk statements (executemany) only; nothing here decides a price.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, func, select, text, type_coerce, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from ...models import AuditEntry, BillingPeriodLock, BillRun, Invoice, InvoiceLine
from ..audit import trail as audit
from ..platform.bulk import bulk_insert_rows
from ..platform.errors import AlreadyRunning, ConflictError
from ..platform.messages import Message
from ..platform.operations import reads, writes
from ..pricing.engine import Line
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import period_lock, states

KIND = "usage"
INVOICES = cast(Table, Invoice.__table__)
LINES = cast(Table, InvoiceLine.__table__)
LOCKS = cast(Table, BillingPeriodLock.__table__)
RUNS = cast(Table, BillRun.__table__)
AUDIT = cast(Table, AuditEntry.__table__)
CHUNK = 2000
Number = Decimal | float | int  # float / int: NUMERIC as SQLite holds it
LineKey = tuple[str | None, str, Number, Number | None, str | None, Number, int | None]


def line_key(line: Line, as_float: bool = False) -> LineKey:
    """What makes two lines the same (Decimals compare by value: 120 == 120.0000).

    `as_float`: the numbers as SQLite holds them (NUMERIC is stored as a float, read back without the
    Decimal conversion); exact, since a NUMERIC(14,4) value has at most 14 digits and a double keeps 15."""
    if as_float:
        price = line.unit_price
        return (line.series, line.description, float(line.quantity),
                None if price is None else float(price), line.formula, float(line.amount), line.plan_id)
    return (line.series, line.description, line.quantity, line.unit_price, line.formula, line.amount,
            line.plan_id)


DESCRIPTION_MAX = 400  # invoice_lines.description as written
FINGERPRINT_FORMAT = "1"  # bump when what a fingerprint covers changes: old drafts then differ and are replaced once


def fingerprint(total: Decimal, terms: int, lines: Iterable[Line]) -> str:
    """A digest of everything a bill-run draft holds: its total, payment terms and lines (each line's series,
    description as written, quantity, unit price, formula, amount, plan), numbers by value (120 == 120.0000).

    The run stores it after the draft's lines; inserting, changing or deleting a line clears it (triggers,
    migration 0018).
    Fields are joined with NUL and an empty value is SOH, characters no text column holds."""
    parts = [FINGERPRINT_FORMAT, str(total.normalize()), str(terms)]
    for li in lines:
        price, series, formula = li.unit_price, li.series, li.formula
        parts += ("\1" if series is None else series, li.description[:DESCRIPTION_MAX], str(li.quantity.normalize()),
                  "\1" if price is None else str(price.normalize()), "\1" if formula is None else formula,
                  str(li.amount.normalize()), str(li.plan_id))
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


class ExistingInvoice(NamedTuple):
    """A live bill of the period as a run compares with it; a NamedTuple, built straight from its row (a
    re-run reads one per customer, 80,000 at 100,000 customers)."""

    id: int
    customer_id: int
    status: str
    total: Decimal
    payment_terms_days: int
    version: int
    fingerprint: str | None = None  # the stored content_fingerprint of a bill-run draft
    lines: tuple[LineKey, ...] | None = None  # None: not read (the draft's fingerprint stands for them)
    lines_as_float: bool = False  # the lines' numbers as SQLite stores them (line_key(..., as_float=True))


@dataclass(frozen=True)
class CreditedInvoice:
    """A cancelled bill of the period (credited by a credit note): a replacement may be billed for it."""

    id: int
    customer_id: int
    number: str | None
    total: Decimal


@dataclass(frozen=True)
class DraftWrite:
    """One draft to create (invoice_id None) or replace (the existing draft's id)."""

    customer_id: int
    invoice_id: int | None
    total: Decimal
    payment_terms_days: int
    lines: tuple[Line, ...]
    replaces_invoice_id: int | None = None  # a new draft replacing a credited bill
    fingerprint: str | None = None  # fingerprint(total, payment_terms_days, lines)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# --- the period lock -------------------------------------------------------------------------------

@writes("bills")
def lock_period(session: Session, actor: Actor, period: str) -> None:
    """Hold the period's lock row until the transaction ends; AlreadyRunning if another run holds it.

    PostgreSQL: INSERT ... ON CONFLICT DO NOTHING, then SELECT ... FOR UPDATE NOWAIT (inside a savepoint so
    a refusal leaves the transaction usable); the holder is named through its application_name, the time
    through its transaction start.
    SQLite: the holder is written into the row in a short committed transaction of its own and cleared
    when the run's transaction ends (`period_lock`); a live holder refuses at once with the same code.
    """
    require(actor, "billing.run")
    table = LOCKS
    if session.get_bind().dialect.name != "postgresql":
        period_lock.take(session, actor.username, period)
        return
    try:
        with session.begin_nested():
            old_timeout = session.scalar(text("SHOW lock_timeout"))
            session.execute(text("SELECT set_config('lock_timeout', '500ms', true)"))
            session.execute(postgresql.insert(table).values(period=period).on_conflict_do_nothing())
            session.execute(select(table.c.period).where(table.c.period == period).with_for_update(nowait=True))
            session.execute(text("SELECT set_config('lock_timeout', :v, true)"), {"v": old_timeout})
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        found = session.execute(
            text("SELECT application_name, xact_start FROM pg_stat_activity WHERE application_name LIKE :p"
                 " AND pid <> pg_backend_pid() LIMIT 1"), {"p": f"opcms bill-run {period} %"}).first()
        who: str | Message = (found.application_name.rsplit(" ", 1)[-1] if found is not None
                              else Message("billing.run.another_user"))
        since: str | Message = (found.xact_start.astimezone().strftime("%Y-%m-%d %H:%M")
                                if found is not None and found.xact_start is not None
                                else Message("billing.run.since_unknown"))
        raise AlreadyRunning("billing.run.already_running", period=period, holder=who, since=since) from exc
    session.execute(text("SELECT set_config('application_name', :n, true)"),
                    {"n": f"opcms bill-run {period} {actor.username}"[:63]})


@writes("bills")
def start_run(session: Session, actor: Actor, period: str) -> int:
    require(actor, "billing.run")
    run = BillRun(period=period, started_by=actor.id)
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, period: str, summary: dict[str, Any]) -> None:
    session.execute(update(RUNS).where(RUNS.c.id == run_id)
                    .values(finished_at=dt.datetime.now(dt.UTC), summary=audit.jsonable(summary)))
    session.execute(update(LOCKS).where(LOCKS.c.period == period)
                    .values(last_run_id=run_id, note=f"last run {run_id}", **period_lock.cleared()))


# --- existing invoices -----------------------------------------------------------------------------

@reads
def existing_invoices(session: Session, actor: Actor, period: str) -> dict[int, ExistingInvoice]:
    """The period's live (not cancelled) usage invoice per customer, with the lines of the drafts that have
    no fingerprint (lock_drafts before writing). Cancelled bills are `credited_invoices`."""
    query = (select(Invoice.id, Invoice.customer_id, Invoice.status, Invoice.total, Invoice.payment_terms_days,
                    Invoice.version, Invoice.content_fingerprint)
             .where(Invoice.period == period, Invoice.kind == KIND, Invoice.status != states.CANCELLED,
                    visible_customers(actor, Invoice.customer_id)))
    session.flush()  # the reads below go through Core (no autoflush, no ORM row overhead)
    conn = session.connection()
    heads = conn.execute(query).all()
    lines: dict[int, list[LineKey]] = {}
    if any(h[6] is None and h[2] == "draft" for h in heads):  # by position: Row attributes cost more
        raw = lambda column: type_coerce(column, NullType())  # noqa: E731  the driver's value, unconverted
        rows = conn.execute(
            select(InvoiceLine.invoice_id, InvoiceLine.series, InvoiceLine.description, raw(InvoiceLine.quantity),
                   raw(InvoiceLine.unit_price), InvoiceLine.formula, raw(InvoiceLine.amount), InvoiceLine.plan_id)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(Invoice.period == period, Invoice.kind == KIND, Invoice.status == "draft",
                   Invoice.content_fingerprint.is_(None), visible_customers(actor, Invoice.customer_id))
            .order_by(InvoiceLine.invoice_id, InvoiceLine.seq)
        )
        for invoice_id, *key in rows.all():
            found = lines.get(invoice_id)
            if found is None:
                lines[invoice_id] = [tuple(key)]  # type: ignore[list-item]
            else:
                found.append(tuple(key))  # type: ignore[arg-type]
    as_float = conn.dialect.name == "sqlite"  # psycopg returns NUMERIC as Decimal
    make = tuple.__new__  # ExistingInvoice(*row) without the keyword handling
    return {head[1]: make(ExistingInvoice, (*head, None if head[6] is not None else tuple(lines.get(head[0], ())),
                                            as_float))
            for head in heads}


@reads
def credited_invoices(session: Session, actor: Actor, period: str) -> dict[int, CreditedInvoice]:
    """Per customer, the latest cancelled (credited) usage bill of the period: what a replacement replaces."""
    rows = session.execute(
        select(Invoice.id, Invoice.customer_id, Invoice.number, Invoice.total)
        .where(Invoice.period == period, Invoice.kind == KIND, Invoice.status == states.CANCELLED,
               visible_customers(actor, Invoice.customer_id))
        .order_by(Invoice.customer_id, Invoice.id))
    return {r.customer_id: CreditedInvoice(r.id, r.customer_id, r.number, r.total) for r in rows}


def is_unchanged(existing: ExistingInvoice, total: Decimal, terms: int, lines: tuple[Line, ...],
                 print_: str | None = None) -> bool:
    """Whether the draft holds exactly this: by its fingerprint (`print_`, computed if not given), or line by
    line when it has none (drafts written before migration 0018, or edited by hand since)."""
    if existing.total != total or existing.payment_terms_days != terms:
        return False
    if existing.fingerprint is not None:
        return existing.fingerprint == (print_ or fingerprint(total, terms, lines))
    as_float = existing.lines_as_float
    return existing.lines == tuple(line_key(li, as_float) for li in lines)


def line_counts(session: Session, invoice_ids: Sequence[int]) -> dict[int, int]:
    """The number of lines of each invoice (for the audit rows of replaced / removed drafts)."""
    counts: dict[int, int] = {}
    for chunk in _chunks(sorted(invoice_ids)):
        rows = session.execute(select(LINES.c.invoice_id, func.count()).where(LINES.c.invoice_id.in_(chunk))
                               .group_by(LINES.c.invoice_id))
        counts.update((invoice_id, n) for invoice_id, n in rows)
    return counts


# --- writing drafts --------------------------------------------------------------------------------

def lock_drafts(session: Session, versions: dict[int, int]) -> None:
    """Lock the drafts about to be replaced or removed; ConflictError if one changed since it was read."""
    changed = 0
    ids = sorted(versions)
    for chunk in _chunks(ids):
        query = select(INVOICES.c.id, INVOICES.c.status, INVOICES.c.version).where(INVOICES.c.id.in_(chunk))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        found = {r.id: r for r in session.execute(query)}
        changed += sum(1 for i in chunk if i not in found or found[i].status != "draft"
                       or found[i].version != versions[i])
    if changed:
        raise ConflictError("billing.run.drafts_changed", count=changed)


def delete_drafts(session: Session, invoice_ids: Sequence[int]) -> None:
    for chunk in _chunks(invoice_ids):
        session.execute(delete(LINES).where(LINES.c.invoice_id.in_(chunk)))
        session.execute(delete(INVOICES).where(INVOICES.c.id.in_(chunk), INVOICES.c.status == "draft"))


LINE_COLUMNS = ("invoice_id", "seq", "series", "description", "quantity", "unit_price", "formula", "amount",
                "plan_id")


def write_drafts(session: Session, run_id: int, period: str, drafts: Sequence[DraftWrite]) -> dict[int, int]:
    """Create or replace drafts (lines of replaced drafts are rewritten); returns customer id -> invoice id.

    Fingerprints go in last: a line inserted after one would clear it (migration 0018)."""
    replaced = [d for d in drafts if d.invoice_id is not None]
    for chunk in _chunks([d.invoice_id for d in replaced]):
        session.execute(delete(LINES).where(LINES.c.invoice_id.in_(chunk)))
    if replaced:
        session.execute(
            update(INVOICES).where(INVOICES.c.id == bindparam("b_id"), INVOICES.c.status == "draft")
            .values(total=bindparam("b_total"), payment_terms_days=bindparam("b_terms"), bill_run_id=run_id,
                    content_fingerprint=None, version=INVOICES.c.version + 1),
            [{"b_id": d.invoice_id, "b_total": d.total, "b_terms": d.payment_terms_days} for d in replaced],
        )
    bulk_insert_rows(session, INVOICES,
                ("customer_id", "period", "kind", "status", "total", "payment_terms_days", "bill_run_id", "version",
                 "replaces_invoice_id"),
                [(d.customer_id, period, KIND, "draft", d.total, d.payment_terms_days, run_id, 1, d.replaces_invoice_id)
                 for d in drafts if d.invoice_id is None])
    ids = dict(session.execute(select(INVOICES.c.customer_id, INVOICES.c.id)
                               .where(INVOICES.c.bill_run_id == run_id, INVOICES.c.period == period,
                                      INVOICES.c.kind == KIND, INVOICES.c.status == "draft")).all())
    if missing := [d.customer_id for d in drafts if d.customer_id not in ids]:
        raise ConflictError("billing.run.drafts_changed_writing", count=len(missing))
    bulk_insert_rows(session, LINES, LINE_COLUMNS, [
        (ids[d.customer_id], seq, li.series, li.description[:DESCRIPTION_MAX], li.quantity, li.unit_price, li.formula, li.amount,
         li.plan_id)
        for d in drafts for seq, li in enumerate(d.lines, start=1)
    ])
    store_fingerprints(session, [(ids[d.customer_id], d.fingerprint or fingerprint(d.total, d.payment_terms_days, d.lines))
                                 for d in drafts])
    return ids


def store_fingerprints(session: Session, prints: Sequence[tuple[int, str]]) -> None:
    """Set the drafts' fingerprints, (invoice id, fingerprint) each: one UPDATE over arrays on PostgreSQL, a
    driver-level executemany on SQLite."""
    if not prints:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("UPDATE invoices SET content_fingerprint = v.fp"
                          " FROM unnest(CAST(:ids AS bigint[]), CAST(:prints AS varchar[])) AS v(id, fp)"
                          " WHERE invoices.id = v.id"),
                     {"ids": [i for i, _ in prints], "prints": [p for _, p in prints]})
        return
    conn.exec_driver_sql("UPDATE invoices SET content_fingerprint = ? WHERE id = ?", [(p, i) for i, p in prints])


# --- audit in bulk ---------------------------------------------------------------------------------

AuditItem = tuple[str, str, object, Any, str | None]
"""action, entity, entity id, changes (plain JSON values: str / int / None, lists, dicts), summary."""


@writes("audit")
def record_audit(session: Session, actor: Actor, items: Sequence[AuditItem]) -> None:
    """Append the run's audit rows in bulk, on the one hash chain `audit` keeps; `changes` must already be
    plain JSON values (the bill run builds them so), they are stored as given."""
    audit.record_many(session, actor, [audit.AuditItem(*item) for item in items], prepared=True)
