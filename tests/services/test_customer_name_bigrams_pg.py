"""PostgreSQL's name bigram table (migration 0021): it follows every write of customers, the migration fills
it from the names already there and its downgrade removes it, a sales login reads only its own customers'
bigrams, and a sales user's search through it finds what a plain scan of the user's book finds (both
databases)."""

from __future__ import annotations

import random

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import delete, insert, or_, select, text, update

from opcms_desktop.models import Customer, CustomerOwner
from opcms_desktop.services.customers import search
from opcms_desktop.services.customers.query import (
    COUNT_CAP,
    CustomerQuery,
    count_customers,
    customer_ids,
    first_customer_page,
    list_customers,
)
from opcms_desktop.services.customers.search import search_terms
from opcms_desktop.services.platform.db import make_session_factory, session_scope

from ..factories import Factory
from .migration_files import load_migration
from .test_customer_search_index import ALPHABET
from .test_pg_attacks import world  # noqa: F401  (the secured database, its admin and sales logins)
from .test_pg_security import connect_as


@pytest.fixture
def pg_only(backend):
    if backend != "postgresql":
        pytest.skip("SQLite's table is migration 0017's (tests/services/test_customer_search_index.py)")


def _run(connection, step: str) -> None:
    with Operations.context(MigrationContext.configure(connection)):
        getattr(load_migration("0021_postgresql_name_bigrams.py"), step)()


def index_rows(session) -> set[tuple[str, int]]:
    return {(r.bigram, r.customer_id) for r in session.execute(text("SELECT bigram, customer_id FROM customer_name_bigrams"))}


def expected_rows(session) -> set[tuple[str, int]]:
    """Each name cut in Python (lower() folds as PostgreSQL's does for these characters)."""
    return {(piece, c.id) for c in session.execute(select(Customer.id, Customer.name))
            for piece in search._bigrams(c.name)}


def _random_name(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 9)))


def test_the_table_follows_orm_core_and_raw_writes(session, make, pg_only):
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
    # one statement swapping two names: each row keeps the bigrams of its new name only
    session.execute(text("UPDATE customers SET name = CASE company_id WHEN 905 THEN 'é É' ELSE 'AaAa' END"
                         " WHERE company_id IN (905, 907)"))
    assert index_rows(session) == expected_rows(session)
    rng = random.Random(5)
    ids = list(session.scalars(select(Customer.id)))
    for customer_id in rng.sample(ids, 4):
        session.execute(update(Customer).where(Customer.id == customer_id).values(name=_random_name(rng)))
    assert index_rows(session) == expected_rows(session)
    session.delete(first)
    session.flush()
    session.execute(delete(Customer).where(Customer.company_id == 905))
    assert index_rows(session) == expected_rows(session)


def test_the_migration_fills_the_table_from_the_names_already_there_and_its_downgrade_removes_it(session, make,
                                                                                                   pg_only):
    connection = session.connection()
    _run(connection, "downgrade")
    assert connection.scalar(text("SELECT to_regclass('customer_name_bigrams')")) is None
    rng = random.Random(3)
    for n in range(200):
        make.customer(_random_name(rng), company_id=80_000 + n)
    make.customer("", company_id=80_500)
    _run(connection, "upgrade")
    assert index_rows(session) == expected_rows(session) and len(index_rows(session)) > 500
    make.customer("新的置业", company_id=80_501)  # and the triggers are back
    assert index_rows(session) == expected_rows(session)


def test_a_sales_login_reads_only_its_own_customers_bigrams_and_writes_none(world):  # noqa: F811
    with session_scope(make_session_factory(world.engine)) as s:
        other = Factory(s).customer("别人的置业").id
    with connect_as(world.engine, world.sales) as conn:
        seen = {r[0] for r in conn.execute("SELECT DISTINCT customer_id FROM customer_name_bigrams")}
        assert seen == {world.customer_id}
        conn.execute("SELECT customer_id FROM customer_name_bigrams WHERE bigram = '置业'")
        for statement in ("INSERT INTO customer_name_bigrams VALUES ('xx', %s)",
                          "DELETE FROM customer_name_bigrams WHERE customer_id = %s"):
            with pytest.raises(Exception, match="permission denied"):
                conn.execute(statement, (other,))
            conn.rollback()
    with connect_as(world.engine, world.admin) as conn:  # an application login's writes reach it by the trigger
        conn.execute("UPDATE customers SET name = '别人的房产' WHERE id = %s", (other,))
        conn.commit()
        assert {r[0] for r in conn.execute("SELECT bigram FROM customer_name_bigrams WHERE customer_id = %s",
                                           (other,))} == {"别人", "人的", "的房", "房产"}


def test_the_migration_gives_an_installed_database_the_row_policy(world):  # noqa: F811
    with world.engine.begin() as connection:
        _run(connection, "downgrade")
        _run(connection, "upgrade")
    with connect_as(world.engine, world.sales) as conn:
        seen = {r[0] for r in conn.execute("SELECT DISTINCT customer_id FROM customer_name_bigrams")}
        assert seen == {world.customer_id}


@pytest.mark.parametrize("seed", [1, 2])
def test_a_sales_search_finds_what_a_plain_scan_of_the_book_finds(session, make, sales, other_sales, backend, seed):
    """The book merged with the bigram table's ids (and the other terms' ids) gives the rows and the order
    of a plain OR of the search terms tested on every row of the user's book."""
    rng = random.Random(seed)
    for n in range(300):
        owner = rng.choice((sales, sales, other_sales, None))
        make.customer(_random_name(rng), company_id=20_000 + n, sales=owner, grade=rng.choice(("A", "B", None)))
    shared = make.customer("置业共有", company_id=20_900, sales=sales)
    session.add(CustomerOwner(customer_id=shared.id, kind="sales", user_id=other_sales.id, raw_name="第二销售"))
    session.flush()
    names = list(session.scalars(select(Customer.name)))
    book = set(session.scalars(select(CustomerOwner.customer_id).where(CustomerOwner.user_id == sales.id,
                                                                       CustomerOwner.kind == "sales")))
    searches = {name[start:start + rng.randint(1, 5)] for name in rng.sample(names, 40)
                for start in [rng.randrange(len(name) or 1)]} | {"置业", "置", "aB", "é", "é É"}
    for search_text in sorted(s.strip() for s in searches if s.strip()):
        for sort in ("company_id", "name", "grade"):
            plain = set(session.scalars(select(Customer.id).where(or_(*search_terms(search_text, backend)))))
            query = CustomerQuery(search=search_text, sort=sort)
            every = list_customers(session, sales, CustomerQuery(sort=sort), 0, 1000).rows
            wanted = [r.id for r in every if r.id in plain and r.id in book]
            assert customer_ids(session, sales, query, 0, 1000) == wanted, (search_text, sort)
            assert count_customers(session, sales, query) == len(wanted), search_text
            first = first_customer_page(session, sales, query, 50)
            assert [r.id for r in first.rows] == wanted[:50] and first.total == min(len(wanted), COUNT_CAP + 1)
    assert shared.id in customer_ids(session, sales, CustomerQuery(search="置业"), 0, 1000)


def test_writers_interleaving_leave_the_table_equal_to_the_names(engine, pg_only):
    """Two connections renaming, adding and deleting overlapping customers at once, each in many short
    transactions: afterwards the table holds exactly the bigrams of the names committed."""
    import threading

    factory = make_session_factory(engine)
    with session_scope(factory) as s:
        ids = [Factory(s).customer(f"并发{n}", company_id=60_000 + n).id for n in range(8)]
    errors: list[BaseException] = []

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for step in range(25):
                with session_scope(factory) as s:
                    chosen = sorted(rng.sample(ids, 3))
                    s.execute(update(Customer).where(Customer.id.in_(chosen)).values(
                        name=Customer.name.op("||")(rng.choice(ALPHABET))))
                    s.execute(text("SELECT pg_sleep(0.002)"))
                    added = Factory(s).customer(_random_name(rng), company_id=61_000 + seed * 100 + step)
                    if step % 3 == 0:
                        s.execute(delete(Customer).where(Customer.id == added.id))
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        with session_scope(factory) as s:
            mine = select(Customer.id).where(Customer.company_id.between(60_000, 61_999))
            found = {(r.bigram, r.customer_id) for r in s.execute(text(
                "SELECT bigram, customer_id FROM customer_name_bigrams WHERE customer_id = ANY(:ids)"),
                {"ids": list(s.scalars(mine))})}
            wanted = {(piece, c.id) for c in s.execute(select(Customer.id, Customer.name).where(Customer.id.in_(mine)))
                      for piece in search._bigrams(c.name)}
            assert found == wanted and len(wanted) > 50
            gone = s.scalar(text("SELECT count(*) FROM customer_name_bigrams b WHERE NOT EXISTS"
                                 " (SELECT 1 FROM customers c WHERE c.id = b.customer_id)"))
            assert gone == 0
    finally:
        with session_scope(factory) as s:
            s.execute(delete(Customer).where(Customer.company_id.between(60_000, 61_999)))
