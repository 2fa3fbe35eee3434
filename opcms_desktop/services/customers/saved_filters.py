"""A user's named filters of the customer list (saved_filters, screen 'customers'): save, list, delete."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import SavedFilter
from ..audit import trail as audit
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from .query import CustomerQuery, check_query

SCREEN = "customers"
_NAME_MAX = 80


@dataclass(frozen=True)
class SavedCustomerFilter:
    id: int
    name: str
    query: CustomerQuery
    problem: str | None = None  # set when the stored definition can no longer be read (query is then empty)


def _name(name: str) -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(text) <= _NAME_MAX:
        raise ValidationError("customers.filter.not_saved", [Problem("customers.filter.name_length", field="name",
                                                                     value=str(name), params={"maximum": _NAME_MAX})])
    return text


def _read(entry: SavedFilter) -> SavedCustomerFilter:
    try:
        return SavedCustomerFilter(entry.id, entry.name, CustomerQuery.from_dict(dict(entry.definition or {})))
    except (ValidationError, TypeError, ValueError) as exc:
        return SavedCustomerFilter(entry.id, entry.name, CustomerQuery(), problem=str(exc))


@writes("saved_filters", "audit")
def save_customer_filter(session: Session, actor: Actor, name: str, query: CustomerQuery) -> SavedCustomerFilter:
    """Save the query under this name for the actor; a filter of the same name is replaced."""
    require(actor, "customers.view")
    clean = _name(name)
    check_query(query)
    definition = query.to_dict()
    entry = session.scalar(select(SavedFilter).where(
        SavedFilter.user_id == actor.id, SavedFilter.screen == SCREEN, SavedFilter.name == clean))
    if entry is None:
        entry = SavedFilter(user_id=actor.id, screen=SCREEN, name=clean, definition=definition)
        session.add(entry)
        session.flush()
        audit.record(session, actor, "create", "saved_filter", entry.id, {"name": [None, clean]})
    else:
        before = dict(entry.definition or {})
        entry.definition = definition
        session.flush()
        audit.record(session, actor, "update", "saved_filter", entry.id,
                     {"definition": [before, definition]} if before != definition else None)
    return SavedCustomerFilter(entry.id, entry.name, query)


@reads
def list_customer_filters(session: Session, actor: Actor) -> list[SavedCustomerFilter]:
    """The actor's own saved customer filters, by name."""
    require(actor, "customers.view")
    entries = session.scalars(select(SavedFilter).where(
        SavedFilter.user_id == actor.id, SavedFilter.screen == SCREEN).order_by(SavedFilter.name))
    return [_read(e) for e in entries]


@writes("saved_filters", "audit")
def delete_customer_filter(session: Session, actor: Actor, filter_id: int) -> None:
    """Delete one of the actor's own saved filters (someone else's: NotFound)."""
    require(actor, "customers.view")
    entry = session.scalar(select(SavedFilter).where(
        SavedFilter.id == filter_id, SavedFilter.user_id == actor.id, SavedFilter.screen == SCREEN))
    if entry is None:
        raise NotFound("customers.filter.not_found", filter_id=filter_id)
    name = entry.name
    session.delete(entry)
    session.flush()
    audit.record(session, actor, "delete", "saved_filter", filter_id, {"name": [name, None]})
