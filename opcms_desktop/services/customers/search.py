"""What a search box matches in the customer list, as SQL terms each answered by an index.

公司id: exact or prefix (as index ranges, no cast to text); name: substring in any case; pinyin initials
and full pinyin: prefix (我爱我家 -> wawj / woaiwojia). The terms are ORed; on SQLite they are a UNION of
ids instead, since SQLite cannot OR a substring search with index ranges; its name term reads the bigram
index of search_index.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    Text,
    and_,
    cast,
    func,
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


def _name_ids(session: Session, text: str) -> Select:
    """SQLite: ids of the names containing `text`. From 2 characters on through the bigram index
    (search_index.py): two characters are answered by it alone, more are its candidates tested exactly."""
    contains = _name_contains(text, "sqlite")
    if len(text) < 2:
        return select(Customer.id).where(contains)  # one character: a scan of the name index
    candidates = search_index.candidate_ids(session, text)
    if search_index.answers_alone(text):
        return candidates
    return select(Customer.id).where(Customer.id.in_(candidates), contains)


def matching_ids(session: Session, text: str) -> CompoundSelect:
    """The ids a search matches, for SQLite: it cannot OR a substring search with index ranges, and its
    table is wide, so each term picks its own index (the name term the bigram index) and the UNION of ids
    drives the rest."""
    text = text.strip()
    return union_all(_name_ids(session, text), *(select(Customer.id).where(term) for term in _key_terms(text)))
