"""A streamed import in several batches, through the name-bigram triggers (migration 0017): the index ends
exactly as the names say, after inserts and after renames."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import Customer
from opcms_desktop.services.customers.sheet_import import import_customers

from .customer_sheet_builders import HEADERS, customer_row, write_sheet
from .test_customer_search_index import ALPHABET, expected_rows, index_rows


@pytest.fixture
def sqlite_only(backend):
    if backend != "sqlite":
        pytest.skip("PostgreSQL's bigram table is tested in test_customer_name_bigrams_pg.py")


def _names(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))).strip() or "x" for _ in range(count)]


def test_a_streamed_import_indexes_exactly_the_names(session, admin, tmp_path, sqlite_only, monkeypatch):
    """Random names (ASCII case, accents, emoji, one character) over several batches, then a re-import that
    renames some: the index is what cutting every name gives."""
    import opcms_desktop.services.customers.sheet_import as sheet_import

    monkeypatch.setattr(sheet_import, "BATCH_ROWS", 7)  # several batches
    rng = random.Random(20)
    names = _names(rng, 40)
    first = write_sheet(tmp_path / "a.xlsx", HEADERS, [customer_row(float(n), name) for n, name in
                                                       enumerate(names, start=1)])
    assert import_customers(session, admin, first).inserted == 40
    assert index_rows(session) == expected_rows(session)
    renamed = [name if rng.random() < 0.5 else name + "置业" for name in names] + _names(rng, 9)
    second = write_sheet(tmp_path / "b.xlsx", HEADERS, [customer_row(float(n), name) for n, name in
                                                        enumerate(renamed, start=1)])
    result = import_customers(session, admin, second)
    assert result.inserted == 9 and result.updated == sum(a != b for a, b in zip(names, renamed, strict=False))
    assert index_rows(session) == expected_rows(session)
    assert {n for _b, n in index_rows(session)} == set(session.scalars(
        select(Customer.id).where(func.length(Customer.name) > 1)))
