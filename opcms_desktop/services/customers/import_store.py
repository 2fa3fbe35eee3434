"""Database side of the customer import: preload what exists, then write with bulk Core statements.

What a batch of sheet rows compares against is read per batch into dictionaries (a few IN queries, no
per-row queries); writes are bulk batches in the caller's transaction (ORM add_all is ~10x slower).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from ...models import Customer, CustomerOwner, DictionaryEntry, PricePlan, User
from ...models.pricing import ALL_SERIES
from ..platform.bulk import bulk_insert, bulk_insert_rows, bulk_update
from ..platform.messages import render
from .cells import label_key
from .owners import OwnerResolver, load_resolver
from .plans import PLAN_SOURCE, VALUE_FIELDS, ExistingPlan

CUSTOMERS = cast(Table, Customer.__table__)
OWNERS = cast(Table, CustomerOwner.__table__)
PLANS = cast(Table, PricePlan.__table__)
BATCH = 2000

# The customer columns each sheet column sets.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "account_type": ("account_type", "account_type_raw"),
    "industry": ("industry_id",),
    "erp": ("erp_id",),
    "onboarding": ("onboarding_half", "onboarding_raw"),
    "grade": ("grade",),
    "sales_owner": ("sales_owner_raw",),
    "ops_owner": ("ops_owner_raw",),
    "coop_status": ("coop_status_id", "coop_status", "coop_status_raw", "coop_note"),
    "billing": ("billing_enabled",),
    "disabled": ("disabled",),
    "notes": ("notes",),
    "settlement_mode": ("settlement_mode", "settlement_mode_raw"),
    "single_price": ("single_price_raw",),
    "multi_price": ("multi_price_raw",),
    "consumption_tier": ("consumption_tier",),
    "avg_monthly_shoots": ("avg_monthly_shoots",),
}
COLUMN_FIELD = {column: key for key, columns in FIELD_COLUMNS.items() for column in columns}
SHEET_COLUMNS = tuple(COLUMN_FIELD)
SEARCH_COLUMNS = ("name_initials", "name_pinyin", "version", "app_edited")

Tick = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExistingOwner:
    id: int
    kind: str
    raw_name: str
    user_id: int | None


class DictionaryIndex:
    """dictionary_entries by (kind, comparable label) -> (id, code)."""

    def __init__(self, rows: Sequence[tuple[int, str, str, str | None]]):
        self._entries: dict[tuple[str, str], tuple[int, str | None]] = {}
        self.labels: dict[int, str] = {}
        for entry_id, kind, label, code in rows:
            self._entries.setdefault((kind, label_key(label)), (entry_id, code))
            self.labels[entry_id] = label

    def get(self, kind: str, label: str) -> tuple[int, str | None] | None:
        return self._entries.get((kind, label_key(label)))

    def add(self, kind: str, label: str, entry_id: int) -> None:
        self._entries[(kind, label_key(label))] = (entry_id, None)
        self.labels[entry_id] = label


@dataclass
class StoreState:
    customers: dict[int, tuple[int, dict[str, Any]]]  # company_id -> (customer id, column values)
    owners: dict[int, list[ExistingOwner]]  # customer id -> owners
    latest_plans: dict[int, ExistingPlan]  # customer id -> latest plan this import made
    foreign_plan_customers: set[int]  # customers with plans from elsewhere (editor, pricing import)
    dictionary: DictionaryIndex
    resolver: OwnerResolver
    usernames: dict[int, str]


@dataclass
class ImportContext:
    """What every batch of an import compares against that does not depend on its rows (read once)."""

    dictionary: DictionaryIndex
    resolver: OwnerResolver
    usernames: dict[int, str]


def load_context(session: Session) -> ImportContext:
    entries = session.execute(select(DictionaryEntry.id, DictionaryEntry.kind, DictionaryEntry.label,
                                     DictionaryEntry.code).order_by(DictionaryEntry.sort_order, DictionaryEntry.id))
    dictionary = DictionaryIndex([(r[0], r[1], r[2], r[3]) for r in entries])
    usernames = {r[0]: r[1] for r in session.execute(select(User.id, User.username))}
    return ImportContext(dictionary, load_resolver(session), usernames)


def load_state(session: Session, context: ImportContext, company_ids: Sequence[int], *, owners: bool,
               plans: bool) -> StoreState:
    """The customers with these 公司ids (one batch of the sheet), with their owners and imported plans."""
    columns = [CUSTOMERS.c[name] for name in (*SHEET_COLUMNS, *SEARCH_COLUMNS)]
    customers: dict[int, tuple[int, dict[str, Any]]] = {}
    names = (*SHEET_COLUMNS, *SEARCH_COLUMNS)
    for start in range(0, len(company_ids), BATCH):
        wanted = sorted(company_ids[start:start + BATCH])
        for row in session.execute(select(CUSTOMERS.c.id, CUSTOMERS.c.company_id, *columns)
                                   .where(CUSTOMERS.c.company_id.in_(wanted))):
            customers[row[1]] = (row[0], dict(zip(names, row[2:], strict=True)))
    ids = sorted(customer_id for customer_id, _ in customers.values())
    owner_map: dict[int, list[ExistingOwner]] = defaultdict(list)
    latest: dict[int, ExistingPlan] = {}
    foreign: set[int] = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        if owners:
            for r in session.execute(select(OWNERS.c.id, OWNERS.c.customer_id, OWNERS.c.kind, OWNERS.c.raw_name,
                                            OWNERS.c.user_id).where(OWNERS.c.customer_id.in_(chunk))
                                     .order_by(OWNERS.c.id)):
                owner_map[r[1]].append(ExistingOwner(r[0], r[2], r[3], r[4]))
        if plans:
            value_columns = [PLANS.c[f] for f in VALUE_FIELDS]
            query = (select(PLANS.c.id, PLANS.c.customer_id, PLANS.c.effective_from, PLANS.c.effective_to,
                            PLANS.c.version, *value_columns)
                     .where(PLANS.c.customer_id.in_(chunk), PLANS.c.source == PLAN_SOURCE,
                            PLANS.c.series == ALL_SERIES)
                     .order_by(PLANS.c.customer_id, PLANS.c.effective_from, PLANS.c.id))
            for r in session.execute(query):
                latest[r[1]] = ExistingPlan(r[0], r[2], r[3], tuple(r[5:]), r[4])
            foreign.update(session.scalars(select(PLANS.c.customer_id).where(
                PLANS.c.customer_id.in_(chunk),
                or_(PLANS.c.source.is_(None), PLANS.c.source != PLAN_SOURCE, PLANS.c.series != ALL_SERIES))
                .distinct()))
    return StoreState(customers, owner_map, latest, foreign, context.dictionary, context.resolver,
                      context.usernames)


def create_dictionary_entries(session: Session, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """New admin-editable entries (no code) for labels the sheet uses; returns their ids."""
    created: dict[tuple[str, str], int] = {}
    orders: dict[str, int] = {kind: top or 0 for kind, top in session.execute(
        select(DictionaryEntry.kind, func.max(DictionaryEntry.sort_order)).group_by(DictionaryEntry.kind))}
    for kind, label in wanted:
        orders[kind] = (orders.get(kind) or 0) + 1
        entry_id = session.execute(insert(DictionaryEntry).values(kind=kind, label=label, code=None, active=True,
                                                                  sort_order=orders[kind])
                                   .returning(DictionaryEntry.id)).scalar_one()
        created[(kind, label)] = entry_id
    return created


def order_new_entries(session: Session, created: dict[tuple[str, str], int]) -> None:
    """Entries added batch by batch get the sort order one pass over the whole sheet gives: per kind, by label."""
    by_kind: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (kind, label), entry_id in created.items():
        by_kind[kind].append((label, entry_id))
    for entries in by_kind.values():
        ids = [entry_id for _, entry_id in entries]
        orders = sorted(session.scalars(select(DictionaryEntry.sort_order).where(DictionaryEntry.id.in_(ids))))
        wanted = {entry_id: order for (_, entry_id), order in zip(sorted(entries), orders, strict=True)}
        current = {r[0]: r[1] for r in session.execute(select(DictionaryEntry.id, DictionaryEntry.sort_order)
                                                       .where(DictionaryEntry.id.in_(ids)))}
        changed = [{"id": i, "sort_order": o} for i, o in wanted.items() if current[i] != o]
        bulk_update(session, cast(Table, DictionaryEntry.__table__), changed)


def insert_customers(session: Session, rows: Sequence[dict[str, Any]], tick: Tick | None = None) -> dict[int, int]:
    """Insert new customers; returns company_id -> customer id."""
    if tick:
        tick(0, len(rows), render("customers.progress.writing_new"))
    if not rows:
        return {}
    if session.get_bind().dialect.name == "postgresql":  # INSERT .. SELECT FROM unnest(..) RETURNING: as fast as COPY
        return {company_id: customer_id for customer_id, company_id
                in bulk_insert(session, CUSTOMERS, rows, returning=("id", "company_id"))}
    # SQLite: plain tuples through the driver, then the new ids by 公司id (an index lookup each): about twice
    # as fast as an INSERT .. RETURNING through SQLAlchemy's parameter processing.
    columns = list(rows[0])
    bulk_insert_rows(session, CUSTOMERS, columns, [tuple(r[c] for c in columns) for r in rows])
    company_ids = sorted(r["company_id"] for r in rows)
    ids: dict[int, int] = {}
    for start in range(0, len(company_ids), BATCH):
        ids.update((r[0], r[1]) for r in session.execute(
            select(CUSTOMERS.c.company_id, CUSTOMERS.c.id)
            .where(CUSTOMERS.c.company_id.in_(company_ids[start:start + BATCH]))))
    return ids


def update_customers(session: Session, rows: Sequence[dict[str, Any]], tick: Tick | None = None) -> None:
    """rows: {"id": customer id, "version": new version, column: value, ...} with the same columns each."""
    if tick:
        tick(0, len(rows), render("customers.progress.updating"))
    now = dt.datetime.now(dt.UTC)
    bulk_update(session, CUSTOMERS, [{**r, "updated_at": now} for r in rows])


def write_app_edited(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """{"id", "app_edited"} of customers the import changes nothing else on (app_edits.py)."""
    bulk_update(session, CUSTOMERS, rows)


def write_owners(session: Session, inserts: Sequence[dict[str, Any]], updates: Sequence[tuple[int, int | None]],
                 deletes: Sequence[int]) -> None:
    for start in range(0, len(deletes), BATCH):
        session.execute(delete(OWNERS).where(OWNERS.c.id.in_(deletes[start:start + BATCH])))
    bulk_update(session, OWNERS, [{"id": i, "user_id": u} for i, u in updates])
    bulk_insert(session, OWNERS, inserts)


def end_plans(session: Session, ends: Sequence[tuple[int, dt.date, int]]) -> None:
    """(plan id, last day, new version) for plans the import closes."""
    bulk_update(session, PLANS, [{"id": i, "effective_to": d, "version": v} for i, d, v in ends])


def correct_plans(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Plans that start on the import's plan start, given new values (and version) in place."""
    bulk_update(session, PLANS, rows)


def insert_plans(session: Session, rows: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Insert plans (at most one per customer); returns customer id -> new plan id."""
    return {customer_id: plan_id for plan_id, customer_id
            in bulk_insert(session, PLANS, rows, returning=("id", "customer_id"))}
