"""What a search box matches in the customer list, as SQL terms each answered by an index.

公司id: exact or prefix (as index ranges, no cast to text); name: substring in any case; pinyin initials
and full pinyin: prefix (我爱我家 -> wawj / woaiwojia). The terms are ORed; on SQLite they are a UNION of
ids instead, since SQLite cannot OR a substring search with index ranges; its name term reads the bigram
table (search_index.py; triggers keep it current), driven by the text's rarest bigram.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    Text,
    and_,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ...models import Customer
from . import search_index
from .labels import search_key

_MAX_COMPANY_ID_DIGITS = 12  # prefix search of 公司id covers ids up to 999,999,999,999


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(column: Any, key: str) -> ColumnElement[bool]:
    """`column` starts with `key` (lower-case letters/digits): an index range plus an exact LIKE."""
    upper = key[:-1] + chr(ord(key[-1]) + 1)
    return and_(column >= key, column < upper, column.like(_escape_like(key) + "%", escape="\\"))


def _company_id_matches(digits: str) -> ColumnElement[bool]:
    """公司id equal to the number or starting with its digits, as index ranges (no cast to text)."""
    number = int(digits)
    terms: list[ColumnElement[bool]] = [Customer.company_id == number]
    if number > 0:
        for extra in range(1, _MAX_COMPANY_ID_DIGITS - len(digits) + 1):
            low = number * 10**extra
            terms.append(Customer.company_id.between(low, low + 10**extra - 1))
    return or_(*terms)


_TRIGRAM = 3  # pg_trgm answers LIKE only for patterns of 3+ characters


def _bigrams(text: str) -> list[str]:
    """The distinct 2-character pieces of lower(text), as customer_name_bigrams() (migration 0016) cuts a name."""
    folded = text.lower()
    return sorted({folded[i:i + 2] for i in range(len(folded) - 1)})


def _name_contains(text: str, dialect: str) -> ColumnElement[bool]:
    pattern = "%" + _escape_like(text) + "%"
    caseless = text.lower() == text.upper()  # Chinese, digits, punctuation: nothing to fold
    if dialect == "postgresql":
        if len(text) < _TRIGRAM:
            # A trigram index has nothing to look up for 1-2 characters; PostgreSQL still tries it
            # (1 s over 1M rows) unless the term is one no index answers. Two characters: the GIN index on
            # the name's bigrams finds the candidates, strpos keeps the exact matches. One: a scan.
            haystack = Customer.name if caseless else func.lower(Customer.name)
            found = func.strpos(haystack, text if caseless else text.lower()) > 0
            if len(text) < 2:
                return found
            candidates = func.customer_name_bigrams(Customer.name).op("@>")(
                cast(postgresql.array(_bigrams(text)), postgresql.ARRAY(Text)))
            return and_(candidates, found)
        # The pg_trgm GIN index on name answers LIKE and ILIKE; LIKE scans twice as fast where it can.
        return Customer.name.like(pattern, escape="\\") if caseless else Customer.name.ilike(pattern, escape="\\")
    if caseless:
        return func.instr(Customer.name, text) > 0  # exact, and cheaper than LIKE on SQLite
    return Customer.name.like(pattern, escape="\\")  # SQLite's LIKE ignores ASCII case


def _key_terms(text: str) -> list[ColumnElement[bool]]:
    """The terms other than the name's: 公司id (exact or prefix), pinyin initials or full pinyin (prefix)."""
    terms: list[ColumnElement[bool]] = []
    if text.isascii() and text.isdigit() and len(text) <= 18:
        terms.append(_company_id_matches(text))
    key = search_key(text)
    if key and key.isascii() and key.isalnum():
        terms.append(_prefix(Customer.name_initials, key))
        terms.append(_prefix(Customer.name_pinyin, key))
    return terms


def search_terms(text: str, dialect: str) -> list[ColumnElement[bool]]:
    """What a search matches, one term per index: 公司id (exact or prefix), name (substring, any case),
    pinyin initials or full pinyin (prefix)."""
    text = text.strip()
    return [_name_contains(text, dialect), *_key_terms(text)]


def search_condition(session: Session, text: str, per_row: bool = False) -> ColumnElement[bool]:
    """The search as one WHERE term. `per_row`: the plain OR, for a plan that tests rows one by one along
    another index (a search matching many rows) instead of collecting every match first."""
    if not text.strip():
        return true()
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and not per_row:
        return Customer.id.in_(matching_ids(session, text))
    return or_(*search_terms(text, dialect))


RARITY_PROBE = 5000  # bigrams are ranked by their count up to this many rows (enough to pick the rarest)
RARITY_LIFETIME = 300.0  # seconds a ranking is reused
_RARITY_MEMO_SIZE = 64


def _pieces(text: str, dialect: str) -> list[str]:
    """The bigrams of `text` as the database's bigram table holds names: lower() folds ASCII only on
    SQLite (search_index.py), every letter on PostgreSQL (customer_name_bigrams(), migration 0016)."""
    return search_index.bigrams(text) if dialect == "sqlite" else _bigrams(text)


class _RarityMemo:
    """A text's bigrams rarest first, per database and text, for RARITY_LIFETIME seconds: a list asks once
    per search, not again for every page. The order only picks which bigram's rows drive the lookup,
    never which rows match: a ranking that later writes have outdated costs time, never results."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # operations run on a thread pool
        self._rankings: OrderedDict[tuple[str, tuple[str, ...]], tuple[float, list[str]]] = OrderedDict()

    def ranked(self, session: Session, pieces: list[str]) -> list[str]:
        if len(pieces) < 2:
            return pieces
        key = (session.get_bind().engine.url.render_as_string(hide_password=True), tuple(pieces))
        now = time.monotonic()
        with self._lock:
            known = self._rankings.get(key)
            if known is not None and now - known[0] < RARITY_LIFETIME:
                self._rankings.move_to_end(key)
                return list(known[1])
        probes = [select(func.count()).select_from(
            select(literal(1)).where(search_index.BIGRAMS.c.bigram == piece).limit(RARITY_PROBE).subquery())
            .scalar_subquery() for piece in pieces]
        counts = session.execute(select(*probes)).one()
        ranked = [piece for _count, piece in sorted(zip(counts, pieces, strict=True))]
        with self._lock:
            self._rankings[key] = (now, ranked)
            self._rankings.move_to_end(key)
            while len(self._rankings) > _RARITY_MEMO_SIZE:
                self._rankings.popitem(last=False)
        return list(ranked)

    def forget(self) -> None:
        with self._lock:
            self._rankings.clear()


RARITY = _RarityMemo()


def _candidate_ids(session: Session, pieces: list[str]) -> Select:
    """Ids of the customers whose name has every one of these bigrams: the rarest bigram's rows, each
    checked for the others."""
    bigrams = search_index.BIGRAMS
    first, *others = RARITY.ranked(session, pieces)
    driver = bigrams.alias("driver")
    statement = select(driver.c.customer_id).where(driver.c.bigram == first)
    for piece in others:
        statement = statement.where(exists().where(bigrams.c.bigram == piece,
                                                   bigrams.c.customer_id == driver.c.customer_id))
    return statement


def _name_ids(session: Session, text: str, dialect: str) -> Select:
    """Ids of the names containing `text`. From 2 characters on through the bigram table (SQLite:
    search_index.py, PostgreSQL: migration 0021): a name contains a two-character text exactly when it has
    that bigram, so the table answers alone; a longer text takes its candidates, tested exactly."""
    contains = _name_contains(text, dialect)
    pieces = _pieces(text, dialect)
    if not pieces:
        return select(Customer.id).where(contains)  # one character: a scan of the name index
    candidates = _candidate_ids(session, pieces)
    if _answered_by_bigrams(text, dialect):
        return candidates
    return select(Customer.id).where(Customer.id.in_(candidates), contains)


def _answered_by_bigrams(text: str, dialect: str) -> bool:
    """A two-character text: the names containing it are exactly those having it as a bigram."""
    folded = search_index.fold(text) if dialect == "sqlite" else text.lower()
    return len(text) == 2 == len(folded)


def book_first(text: str, dialect: str) -> bool:
    """Whether a sales user's search is best merged with the user's book on indexes (`matching_ids`), so
    that only the user's own matches are read. SQLite: always. PostgreSQL: a two-character text, which
    the bigram table answers alone; otherwise the trigram index (3+ characters) or a scan (one) tests
    the rows, and starting from a common text's bigrams was slower (房地产: 0.5 -> 2 s)."""
    text = text.strip()
    return dialect == "sqlite" or _answered_by_bigrams(text, dialect)


def matching_ids(session: Session, text: str) -> CompoundSelect:
    """The ids a search matches, each term through its own index (the name term the bigram table), as a
    UNION of ids. SQLite: it cannot OR a substring search with index ranges, and its table is wide.
    PostgreSQL, for a sales user's two-character search (`book_first`): the ids are merged with the
    user's book on indexes alone and only the user's own matches are read; the GIN index of the OR read
    every match (置业: 80,000 rows for a user's 3,982)."""
    text = text.strip()
    dialect = session.get_bind().dialect.name
    return union_all(_name_ids(session, text, dialect),
                     *(select(Customer.id).where(term) for term in _key_terms(text)))
