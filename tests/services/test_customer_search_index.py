"""Name search through the bigram index (SQLite, migration 0017): the index follows every write, and a
search finds exactly what a plain scan of the names finds, on random data, on both databases."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import delete, insert, or_, select, text, update

from opcms_desktop.models import Customer
from opcms_desktop.services.customers import search_index
from opcms_desktop.services.customers.query import (
    COUNT_CAP,
    CustomerQuery,
    count_customers,
    customer_ids,
    first_customer_page,
    list_customers,
)
from opcms_desktop.services.customers.search import search_terms
from opcms_desktop.services.customers.sheet_import import import_customers

from .customer_sheet_builders import HEADERS, customer_row, write_sheet
from .migration_files import load_migration

ALPHABET = list("置业我爱家房产地北京链置置业业") + list("aAbBzZ19%_ ") + ["é", "É", "🏠"]


def index_rows(session) -> set[tuple[str, int]]:
    return {(r.bigram, r.customer_id) for r in session.execute(select(search_index.BIGRAMS))}


def expected_rows(session) -> set[tuple[str, int]]:
    return {(piece, c.id) for c in session.execute(select(Customer.id, Customer.name))
            for piece in search_index.bigrams(c.name)}


@pytest.fixture
def sqlite_only(backend):
    if backend != "sqlite":
        pytest.skip("migration 0017's table is SQLite's (PostgreSQL's, 0021, in test_customer_name_bigrams_pg.py)")


def test_the_folding_is_sqlites_lower(session, sqlite_only):
    """bigrams() cuts text as the triggers do: SQLite's lower() folds ASCII only."""
    sample = "AbÉé置业 Z🏠%_"
    assert session.scalar(text("SELECT lower(:s)"), {"s": sample}) == search_index.fold(sample)
    assert search_index.bigrams("AbA") == ["ab", "ba"] and search_index.bigrams("置") == []


def test_the_migration_fills_the_index_from_the_names_already_there():
    """Migration 0017 on a database that already has customers: every name's bigrams, then the triggers."""
    import sqlite3

    migration = load_migration("0017_sqlite_name_bigrams.py")
    rng = random.Random(3)
    names = [_random_name(rng) for _ in range(200)] + ["", "x", "AB"]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.executemany("INSERT INTO customers (id, name) VALUES (?, ?)", list(enumerate(names, start=1)))
    for statement in migration.UP:
        db.execute(statement)
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} == \
        set(search_index.TRIGGERS)
    wanted = {(piece, n) for n, name in enumerate(names, start=1) for piece in search_index.bigrams(name)}
    assert set(db.execute(f"SELECT bigram, customer_id FROM {search_index.TABLE_NAME}")) == wanted
    for statement in migration.DOWN:
        db.execute(statement)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%bigram%'").fetchone() == (0,)


def test_the_index_follows_orm_core_and_raw_writes(session, make, sqlite_only):
    first = make.customer("我爱我家 Realty", company_id=901)
    second = make.customer("置业", company_id=902)
    make.customer("x", company_id=903)
    assert index_rows(session) == expected_rows(session)
    first.name = "北京置业AB"  # ORM update
    session.flush()
    assert index_rows(session) == expected_rows(session)
    session.execute(update(Customer).where(Customer.id == second.id).values(name="ZZ置业zz"))  # Core update
    session.execute(update(Customer).where(Customer.id == second.id).values(grade="A"))  # no name change
    session.execute(insert(Customer.__table__), [  # Core bulk insert, as the import writes
        {"company_id": 904 + n, "name": name, "name_initials": "", "name_pinyin": "", "payment_terms_days": 30,
         "version": 1} for n, name in enumerate(["置业置业", "AaAa", "", "é É"])])
    session.execute(text("UPDATE customers SET id = id + 100000 WHERE company_id = 904"))  # raw SQL, new id
    assert index_rows(session) == expected_rows(session)
    session.delete(first)
    session.flush()
    session.execute(delete(Customer).where(Customer.company_id == 905))
    assert index_rows(session) == expected_rows(session)
    assert ("置业", second.id) in index_rows(session)


def test_the_index_follows_the_customer_import(session, admin, tmp_path, sqlite_only):
    v1 = write_sheet(tmp_path / "v1.xlsx", HEADERS, [customer_row(1.0, "甲地产"), customer_row(2.0, "乙置业")])
    import_customers(session, admin, v1)
    v2 = write_sheet(tmp_path / "v2.xlsx", HEADERS, [customer_row(1.0, "甲地产 New"), customer_row(2.0, "乙置业"),
                                                       customer_row(3.0, "丙置业")])
    import_customers(session, admin, v2)
    assert index_rows(session) == expected_rows(session)
    assert {n for _b, n in index_rows(session)} == set(session.scalars(select(Customer.id)))
    assert [r.name for r in list_customers(session, admin, CustomerQuery(search="置业")).rows] == ["乙置业", "丙置业"]


def _random_name(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 9)))


def _random_search(rng: random.Random, names: list[str]) -> str:
    if rng.random() < 0.6:  # a piece of a real name, in some case
        name = rng.choice(names)
        start = rng.randrange(len(name))
        piece = name[start:start + rng.randint(1, 5)]
        return piece.swapcase() if rng.random() < 0.3 else piece
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4)))


@pytest.mark.parametrize("seed", [1, 2])
def test_a_search_finds_what_a_plain_scan_finds(session, make, ops, backend, seed):
    """Every path (the index, its candidates tested exactly, the capped first page) gives the rows and the
    order of a plain OR of the search terms tested on every row."""
    rng = random.Random(seed)
    names = [_random_name(rng) for _ in range(300)]
    for n, name in enumerate(names):
        make.customer(name, company_id=10_000 + n, grade=rng.choice(("A", "B", None)))
    session.execute(update(Customer).where(Customer.id % 7 == 0).values(name=Customer.name + "置业"))
    session.execute(delete(Customer).where(Customer.id % 11 == 0))
    names = list(session.scalars(select(Customer.name)))
    searches = {_random_search(rng, names).strip() for _ in range(60)} - {""}
    for search in sorted(searches):
        for sort in ("company_id", "name", "grade"):
            plain = select(Customer.id).where(or_(*search_terms(search, backend)))
            query = CustomerQuery(search=search, sort=sort)
            wanted = [r.id for r in list_customers(session, ops, replace_search(query), 0, 1000).rows
                      if r.id in set(session.scalars(plain))]
            assert customer_ids(session, ops, query, 0, 1000) == wanted, (search, sort)
            assert count_customers(session, ops, query) == len(wanted), search
            first = first_customer_page(session, ops, query, 50)
            assert [r.id for r in first.rows] == wanted[:50], (search, sort)
            assert first.total == min(len(wanted), COUNT_CAP + 1) == count_customers(session, ops, query, COUNT_CAP)
        if backend == "sqlite":  # and what LIKE means there: a substring, ASCII letters in any case
            folded = search_index.fold(search)
            by_name = {i for i, name in session.execute(select(Customer.id, Customer.name))
                       if folded in search_index.fold(name)}
            assert by_name <= set(customer_ids(session, ops, CustomerQuery(search=search), 0, 1000)), search


def replace_search(query: CustomerQuery) -> CustomerQuery:
    """The same list without its search text: every row, in the query's order."""
    from dataclasses import replace

    return replace(query, search="")
