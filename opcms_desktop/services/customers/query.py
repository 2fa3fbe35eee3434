"""The customer list: filters, search and sort in SQL, paged around the rows a table shows.

The list screen asks `first_customer_page` when the query changes (the count up to COUNT_CAP and the first
page, off one lookup of the matches), then `customer_page` (or `customer_ids` plus `customer_rows` for its
cache) for the rows around the visible range, and `count_customers` for the exact count past the cap;
`list_customers` gives the exact total and a page at once (the CLI).
Every statement is limited to the customers the actor may see (`scope.visible_customers`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    cast,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from ...models import Customer, CustomerOwner, DictionaryEntry
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import reads
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .rows import CustomerRow, customer_rows
from .search import book_first, matching_ids, search_condition

__all__ = [
    "SORT_COLUMNS",
    "check_query",
    "CustomerPage",
    "CustomerQuery",
    "CustomerRow",
    "COUNT_CAP",
    "count_customers",
    "customer_ids",
    "customer_page",
    "customer_rows",
    "first_customer_page",
    "iter_customer_ids",
    "list_customers",
]

_S = TypeVar("_S", bound=Select)

MAX_PAGE = 1000
MAX_SEARCH = 100
MAX_SEGMENT_NAME = 80
# A screen needs no exact count beyond this ("10,000+"); counting 100,000 matches of 1M rows is what is slow.
COUNT_CAP = 10_000

# name -> SELECT of the segment's member ids the actor may see. The customers layer may not import insight, so
# services/insight/segments.py installs its reader here when imported (the UI and CLI import it).
SEGMENT_MEMBERS: list[Callable[[Session, Actor, str], Any]] = []


def _segment_members(session: Session, actor: Actor, name: str) -> Any:
    if not SEGMENT_MEMBERS:
        raise NotFound("segments.not_found", name=name)
    return SEGMENT_MEMBERS[-1](session, actor, name)


def _label_of(column: Any) -> Any:
    return select(DictionaryEntry.label).where(DictionaryEntry.id == column).scalar_subquery()


# Sort key -> (expression, may be NULL). Ties always break on Customer.id.
# Names sort in pinyin order, as Excel sorts Chinese text (阿… before 北… before 中…), not by code point:
# by the full-pinyin search key `name_pinyin` (indexed, ix_customers_name_pinyin), so a 1M-row list pages
# from the index on both databases. The key holds lower-case letters and digits only, so both databases'
# collations order it alike.
SORT_COLUMNS: dict[str, tuple[Any, bool]] = {
    "company_id": (Customer.company_id, False),
    "name": (Customer.name_pinyin, False),
    "account_type": (Customer.account_type, True),
    "industry": (_label_of(Customer.industry_id), True),
    "erp": (_label_of(Customer.erp_id), True),
    "onboarding": (Customer.onboarding_half, True),
    "grade": (Customer.grade, True),
    "coop_status": (_label_of(Customer.coop_status_id), True),
    "billing_enabled": (Customer.billing_enabled, True),
    "disabled": (Customer.disabled, True),
    "settlement_mode": (Customer.settlement_mode, True),
    "consumption_tier": (Customer.consumption_tier, True),
    "avg_monthly_shoots": (Customer.avg_monthly_shoots, True),
    "payment_terms_days": (Customer.payment_terms_days, False),
    "updated_at": (Customer.updated_at, True),
}


@dataclass(frozen=True)
class CustomerQuery:
    """What the list shows. Empty tuples mean "any"; `None` inside a tuple means "has no value"."""

    search: str = ""
    account_types: tuple[str | None, ...] = ()
    industry_ids: tuple[int | None, ...] = ()
    erp_ids: tuple[int | None, ...] = ()
    coop_statuses: tuple[str | None, ...] = ()  # normalised meanings (active / dormant / ...)
    coop_status_ids: tuple[int | None, ...] = ()  # 合作状态 dictionary entries (the sheet's values)
    billing_enabled: tuple[str | None, ...] = ()
    disabled: bool | None = None  # False also matches "not stated"
    settlement_modes: tuple[str | None, ...] = ()
    sales_owner_ids: tuple[int | None, ...] = ()  # None: no sales owner who is a user
    ops_owner_ids: tuple[int | None, ...] = ()
    grades: tuple[str | None, ...] = ()
    consumption_tiers: tuple[str | None, ...] = ()
    sort: str = "company_id"
    descending: bool = False
    segment: str = ""  # a saved segment's name: only its members (read through SEGMENT_MEMBERS above)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (saved filters)."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CustomerQuery:
        """The inverse of to_dict; unknown keys are ignored, wrong shapes raise ValidationError."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
        try:
            query = cls(**values)
        except TypeError as exc:  # pragma: no cover - only unknown keyword arguments raise here
            raise ValidationError("customers.filter.unreadable", [Problem("customers.filter.bad_definition")]) from exc
        check_query(query)
        return query


_INT_FILTERS = ("industry_ids", "erp_ids", "coop_status_ids", "sales_owner_ids", "ops_owner_ids")
_TEXT_FILTERS = ("account_types", "coop_statuses", "billing_enabled", "settlement_modes", "grades",
                 "consumption_tiers")


def check_query(query: CustomerQuery) -> None:
    """ValidationError unless every field has its shape and the sort column is one of SORT_COLUMNS."""
    problems = []
    for name, kind in [*((n, int) for n in _INT_FILTERS), *((n, str) for n in _TEXT_FILTERS)]:
        values = getattr(query, name)
        if not isinstance(values, tuple) or any(
            v is not None and (not isinstance(v, kind) or isinstance(v, bool)) for v in values
        ):
            problems.append(Problem("customers.query.list_of_ids" if kind is int else "customers.query.list_of_codes",
                                    field=name, value=str(values)))
    if query.disabled is not None and not isinstance(query.disabled, bool):
        problems.append(Problem("customers.query.true_false_null", field="disabled", value=str(query.disabled)))
    if not isinstance(query.descending, bool):
        problems.append(Problem("customers.query.true_false", field="descending", value=str(query.descending)))
    if not isinstance(query.search, str) or len(query.search) > MAX_SEARCH:
        problems.append(Problem("customers.query.search_too_long", field="search", params={"limit": MAX_SEARCH}))
    if not isinstance(query.sort, str) or query.sort not in SORT_COLUMNS:
        problems.append(Problem("customers.query.sort_unknown", field="sort", value=str(query.sort),
                                params={"allowed": list(SORT_COLUMNS)}))
    if not isinstance(query.segment, str) or len(query.segment) > MAX_SEGMENT_NAME:
        problems.append(Problem("customers.query.search_too_long", field="segment",
                                params={"limit": MAX_SEGMENT_NAME}))
    if problems:
        raise ValidationError("customers.query.invalid", problems)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _in_or_null(column: Any, values: tuple[Any, ...]) -> ColumnElement[bool]:
    present = [v for v in values if v is not None]
    terms: list[ColumnElement[bool]] = []
    if present:
        terms.append(column.in_(present))
    if None in values:
        terms.append(column.is_(None))
    return or_(*terms)


def _owner_condition(kind: str, user_ids: tuple[int | None, ...]) -> ColumnElement[bool]:
    owned = [u for u in user_ids if u is not None]
    terms: list[ColumnElement[bool]] = []
    if owned:
        terms.append(exists().where(CustomerOwner.customer_id == Customer.id, CustomerOwner.kind == kind,
                                    CustomerOwner.user_id.in_(owned)))
    if None in user_ids:
        terms.append(~exists().where(CustomerOwner.customer_id == Customer.id, CustomerOwner.kind == kind,
                                     CustomerOwner.user_id.is_not(None)))
    return or_(*terms)


@reads
def conditions(session: Session, actor: Actor, query: CustomerQuery) -> list[ColumnElement[bool]]:
    """The WHERE terms (ANDed) of a query, scope first."""
    dialect = _dialect(session)
    terms: list[ColumnElement[bool]] = [visible_customers(actor, Customer.id)]
    searching = bool(query.search.strip())
    if actor.sees_own_customers_only and (dialect == "sqlite" or (searching and book_first(query.search, dialect))):
        # Same rows as the scope's EXISTS, but lets SQLite start from the owner index instead of
        # probing it once per customer (a sales count over 1M customers: 75 ms instead of 370 ms).
        # A search is intersected with the book on the two indexes alone, so that only the matches
        # are read from the table: 50,000 row reads cost ~600 ms on SQLite (encrypted, wide); on
        # PostgreSQL (two characters, `book_first`) the GIN index read all 80,000 names with 置业 to
        # keep a user's 3,982 (250-420 ms -> ~100 ms).
        own = select(CustomerOwner.customer_id).where(CustomerOwner.user_id == actor.id,
                                                      CustomerOwner.kind == "sales")
        if searching:
            own = own.where(CustomerOwner.customer_id.in_(matching_ids(session, query.search)))
            searching = False
        terms.append(Customer.id.in_(own))
    if searching:
        terms.append(search_condition(session, query.search))
    for column, values in (
        (Customer.account_type, query.account_types),
        (Customer.industry_id, query.industry_ids),
        (Customer.erp_id, query.erp_ids),
        (Customer.coop_status, query.coop_statuses),
        (Customer.coop_status_id, query.coop_status_ids),
        (Customer.billing_enabled, query.billing_enabled),
        (Customer.settlement_mode, query.settlement_modes),
        (Customer.grade, query.grades),
        (Customer.consumption_tier, query.consumption_tiers),
    ):
        if values:
            terms.append(_in_or_null(column, values))
    if query.disabled is True:
        terms.append(Customer.disabled.is_(True))
    elif query.disabled is False:
        terms.append(Customer.disabled.is_not(True))
    if query.sales_owner_ids:
        terms.append(_owner_condition("sales", query.sales_owner_ids))
    if query.ops_owner_ids:
        terms.append(_owner_condition("ops", query.ops_owner_ids))
    if query.segment:
        terms.append(Customer.id.in_(_segment_members(session, actor, query.segment)))
    return terms


def _unindexed(column: Any) -> Any:
    """The same sort key, but no index can produce it: a search result is found first, then sorted.

    Walking the sort column's index and testing the search on each row until a page is full is what both
    planners prefer, and it reads all 1M rows when few match (4-7 s on PostgreSQL, 1.7 s on SQLite).
    """
    if isinstance(column, ScalarSelect):
        return column  # a looked-up label has no index anyway
    kind = getattr(column, "type", None)
    if isinstance(kind, Boolean):
        return cast(column, Integer)
    if isinstance(kind, Integer | Numeric):
        return column + 0
    if isinstance(kind, String):
        return column + ""
    return column


def _order_by(column: Any, nullable: bool, descending: bool, id_column: Any) -> tuple[Any, Any]:
    if descending:
        return (column.desc().nulls_first() if nullable else column.desc()), id_column.desc()
    return (column.asc().nulls_last() if nullable else column.asc()), id_column.asc()


def _ordered(statement: _S, query: CustomerQuery, found_first: bool | None = None) -> _S:
    """Sorted by the query's column, ties by id. `found_first` (default: when searching) sorts by a key no
    index produces, so the matches are found first and then sorted."""
    column, nullable = SORT_COLUMNS[query.sort]
    if query.search.strip() if found_first is None else found_first:
        column = _unindexed(column)
    return statement.order_by(*_order_by(column, nullable, query.descending, Customer.id))


def _count(where: list[ColumnElement[bool]], cap: int | None) -> Select[Any]:
    """The count of matching rows; with a cap it stops at cap + 1 rows ("more than cap")."""
    if cap is None:
        return select(func.count()).select_from(Customer).where(*where)
    return select(func.count()).select_from(select(Customer.id).where(*where).limit(cap + 1).subquery())


def _total(session: Session, actor: Actor, query: CustomerQuery, where: list[ColumnElement[bool]],
           cap: int | None) -> int:
    """The count (with a cap: at most cap + 1). A sales user's whole list is counted on the owner index
    alone: the same customers as the scope's EXISTS (owner rows reference customers), 10x cheaper."""
    if actor.sees_own_customers_only and replace(query, sort="company_id", descending=False) == CustomerQuery():
        owned = session.scalar(select(func.count(CustomerOwner.customer_id.distinct())).where(
            CustomerOwner.user_id == actor.id, CustomerOwner.kind == "sales")) or 0
        return owned if cap is None else min(owned, cap + 1)
    return session.scalar(_count(where, cap)) or 0


@reads
def count_customers(session: Session, actor: Actor, query: CustomerQuery, cap: int | None = None) -> int:
    """How many customers the query matches, within what the actor may see.

    With `cap` the count may stop early: a result above `cap` (cap + 1) means "more than cap".
    """
    require(actor, "customers.view")
    check_query(query)
    return _total(session, actor, query, conditions(session, actor, query), cap)


def _check_window(offset: int, limit: int) -> None:
    if offset < 0 or not 1 <= limit <= MAX_PAGE:
        raise ValidationError("customers.query.bad_page", [
            Problem("customers.query.window", field="limit", value=f"{offset}/{limit}", params={"maximum": MAX_PAGE})])


def _id_columns(query: CustomerQuery) -> list[Any]:
    if query.search.strip():
        return [Customer.id, func.count().over().label("total")]
    return [Customer.id]


def _window(where: list[ColumnElement[bool]], query: CustomerQuery, offset: int, limit: int) -> Select[Any]:
    """Ids of one page; with search text also the total, as a window count over the same scan."""
    return _ordered(select(*_id_columns(query)).where(*where), query).offset(offset).limit(limit)


def _walked(session: Session, terms: list[ColumnElement[bool]], query: CustomerQuery, offset: int,
            limit: int) -> list[int]:
    """A page of a list with many matches (more than COUNT_CAP): the sort column's index walked in order,
    each row tested, until the page is full. SQLite would rather collect every match through a filter's
    index and sort them all (100,000 rows: a second); wrapped in coalesce() no index can answer the terms."""
    dialect = _dialect(session)
    if dialect == "sqlite":
        terms = [func.coalesce(and_(*terms), False)]
    walked = _ordered(select(Customer.id).where(*terms), query, found_first=False).offset(offset).limit(limit)
    if dialect != "postgresql":
        return [r.id for r in session.execute(walked)]
    # PostgreSQL splits the walk between parallel workers, each of which fills a page of its own before
    # the merge can stop (a sales user's first page: 3 x 7,800 rows walked instead of 1,900; 470 -> 20 ms).
    # (On an error the transaction ends, and the setting with it.)
    setting = "max_parallel_workers_per_gather"
    before = session.scalar(text("SELECT current_setting(:name)"), {"name": setting})  # the role's own, if set
    session.execute(text("SELECT set_config(:name, '0', true)"), {"name": setting})
    ids = [r.id for r in session.execute(walked)]
    session.execute(text("SELECT set_config(:name, :value, true)"), {"name": setting, "value": before})
    return ids


def _search_page(session: Session, actor: Actor, query: CustomerQuery, offset: int,
                 limit: int) -> tuple[list[int], int | None]:
    """Ids of one page of a search and its total, or None for "more than COUNT_CAP".

    Up to COUNT_CAP + 1 matches are found first (by whatever index answers the search) and sorted: a
    few thousand rows sort in milliseconds. More matches than that (a common word such as 置业) are
    dense enough that walking the sort column's index and testing each row fills a page at once;
    finding and sorting all 80,000 matches of 1M customers took 150-200 ms.
    """
    where = conditions(session, actor, query)
    column, nullable = SORT_COLUMNS[query.sort]
    hits = select(Customer.id, column.label("sort_key")).where(*where).limit(COUNT_CAP + 1).cte("hits")
    total = select(func.count()).select_from(hits).scalar_subquery().label("total")
    found_first = select(hits.c.id, total).order_by(*_order_by(hits.c.sort_key, nullable, query.descending, hits.c.id))
    found = session.execute(found_first.offset(offset).limit(limit)).all()
    if found and found[0].total <= COUNT_CAP:
        return [r.id for r in found], found[0].total
    if not found:
        if offset == 0:
            return [], 0
        counted = session.scalar(_count(where, COUNT_CAP)) or 0
        if counted <= COUNT_CAP:
            return [], counted
    # Many matches: the search tested row by row along the sort index (no set of ids built first).
    per_row = conditions(session, actor, replace(query, search="")) + [
        search_condition(session, query.search, per_row=True)]
    return _walked(session, per_row, query, offset, limit), None


def _list_page(session: Session, actor: Actor, query: CustomerQuery, offset: int,
               limit: int) -> tuple[list[int], int | None]:
    """Ids of one page of a list without search text and its count, or None for "more than COUNT_CAP"."""
    where = conditions(session, actor, query)
    total = _total(session, actor, query, where, COUNT_CAP)
    if total > COUNT_CAP:
        return _walked(session, where, query, offset, limit), None
    ids = [] if offset >= total else [r.id for r in session.execute(_window(where, query, offset, limit))]
    return ids, total


@reads
def customer_ids(session: Session, actor: Actor, query: CustomerQuery, offset: int, limit: int) -> list[int]:
    """The ids of rows offset .. offset+limit-1 of the sorted, filtered list."""
    require(actor, "customers.view")
    check_query(query)
    _check_window(offset, limit)
    page = _search_page if query.search.strip() else _list_page
    return page(session, actor, query, offset, limit)[0]


@dataclass(frozen=True)
class CustomerPage:
    """One window of the list and how many rows the whole list has."""

    total: int
    offset: int
    rows: tuple[CustomerRow, ...]


@reads
def list_customers(session: Session, actor: Actor, query: CustomerQuery, offset: int = 0,
                   limit: int = 100) -> CustomerPage:
    """The exact total and one page (the CLI). The list screen asks `first_customer_page` (a count capped
    at "10,000+" and the first page together), so that a list of a million rows shows at once.

    With search text the total comes from the same statement (a window count), so a search scans once.
    """
    require(actor, "customers.view")
    check_query(query)
    _check_window(offset, limit)
    where = conditions(session, actor, query)
    if query.search.strip():
        rows = session.execute(_window(where, query, offset, limit)).all()
        ids = [r.id for r in rows]
        total = rows[0].total if rows else (0 if offset == 0 else session.scalar(_count(where, None)) or 0)
    else:
        total = _total(session, actor, query, where, None)
        ids = [] if offset >= total else [r.id for r in session.execute(_window(where, query, offset, limit))]
    return CustomerPage(total=total, offset=offset, rows=tuple(customer_rows(session, actor, ids)))


@reads
def first_customer_page(session: Session, actor: Actor, query: CustomerQuery, limit: int) -> CustomerPage:
    """What a list screen shows first, in one operation: the count up to COUNT_CAP (COUNT_CAP + 1 for
    "10,000+", as `count_customers` with that cap) and the first `limit` rows (as `customer_page`), found off
    the same matches: a search is looked up once, not once for the count and again for the page."""
    require(actor, "customers.view")
    check_query(query)
    _check_window(0, limit)
    page = _search_page if query.search.strip() else _list_page
    ids, total = page(session, actor, query, 0, limit)
    return CustomerPage(total=COUNT_CAP + 1 if total is None else total, offset=0,
                        rows=tuple(customer_rows(session, actor, ids)))


@reads
def customer_page(session: Session, actor: Actor, query: CustomerQuery, offset: int, limit: int) -> list[CustomerRow]:
    """Rows offset .. offset+limit-1 of the sorted, filtered list, ready to show."""
    ids = customer_ids(session, actor, query, offset, limit)
    return customer_rows(session, actor, ids)


@reads
def iter_customer_ids(session: Session, actor: Actor, query: CustomerQuery,
                      batch: int = 1000) -> Iterator[list[int]]:
    """Every matching id in list order, in batches (export)."""
    require(actor, "customers.view")
    check_query(query)
    statement = _ordered(select(*_id_columns(query)).where(*conditions(session, actor, query)), query)
    ids = [row.id for row in session.execute(statement)]
    for start in range(0, len(ids), batch):
        yield ids[start:start + batch]
