"""Strict, gap-free yearly numbers (INV-2026-000123, CN-2026-000007) from `number_sequences`.

Like Tryton's strict sequences: the counter row is bumped with UPDATE ... RETURNING inside the
caller's transaction. On PostgreSQL the UPDATE holds the row lock until commit, so a concurrent issuer
waits instead of taking the same number, and a rollback gives the numbers back: no gaps, no doubles.
SQLite serialises writers (BEGIN IMMEDIATE) to the same effect.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...models import NumberSequence
from ..platform.errors import UserError

INVOICE_PREFIX = "INV"
CREDIT_NOTE_PREFIX = "CN"
DIGITS = 6


def format_number(prefix: str, year: int, value: int) -> str:
    return f"{prefix}-{year:04d}-{value:0{DIGITS}d}"


def _ensure_row(session: Session, prefix: str, year: int) -> None:
    """Insert the (prefix, year) counter at 0 unless it exists; a concurrent insert is not an error."""
    values = {"prefix": prefix, "year": year, "last_value": 0}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(postgresql.insert(NumberSequence).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite.insert(NumberSequence).values(**values).on_conflict_do_nothing())
    elif session.scalar(
        select(NumberSequence.last_value).where(NumberSequence.prefix == prefix, NumberSequence.year == year)
    ) is None:
        session.execute(insert(NumberSequence).values(**values))


def next_numbers(session: Session, prefix: str, year: int, count: int = 1) -> list[str]:
    """Take `count` consecutive numbers of (prefix, year) in the caller's transaction."""
    if count <= 0:
        return []
    _ensure_row(session, prefix, year)
    last = session.execute(
        update(NumberSequence)
        .where(NumberSequence.prefix == prefix, NumberSequence.year == year)
        .values(last_value=NumberSequence.last_value + count)
        .returning(NumberSequence.last_value)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    if last >= 10**DIGITS:
        raise UserError("billing.numbers_used_up", prefix=prefix, year=year, digits=DIGITS)
    return [format_number(prefix, year, value) for value in range(last - count + 1, last + 1)]


def next_number(session: Session, prefix: str, year: int) -> str:
    return next_numbers(session, prefix, year, 1)[0]
