"""Customer list at scale: 1,000,000 customers, first page, searches and sorts, on SQLite and PostgreSQL.

    python benchmarks/bench_customer_list.py                   # both backends, 1M rows, throwaway DBs
    python benchmarks/bench_customer_list.py --backend sqlite --rows 200000
    python benchmarks/bench_customer_list.py --indexes both        # with and without migration 0003's indexes

Data is written with Core bulk inserts into a schema migrated by Alembic (as `opcms init` does). SQLite
lives in a temporary file, PostgreSQL in a database created with CREATE DATABASE and dropped afterwards.
The list figures are what the screen shows first, in the one operation its model asks
(`first_customer_page`): a count that stops past 10,000 ("10,000+", the exact count follows in a second
operation, listed under "info") and the first page of 100 rows, found off the same matches.
Every measured call runs in a session of its own, as one UI operation would; the figures are the median
and the best of several runs after a first run (printed too). Migration 0003 added the indexes this
benchmark proposed (SUGGESTED_INDEXES); `--indexes both` compares with and without them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin
from sqlalchemy import Engine, create_engine, insert, make_url, select, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opcms_desktop.models import Customer, CustomerOwner, Role, User  # noqa: E402
from opcms_desktop.services.customers.query import (  # noqa: E402
    COUNT_CAP,
    CustomerQuery,
    count_customers,
    customer_page,
    first_customer_page,
)
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, upgrade_schema  # noqa: E402
from opcms_desktop.services.security import bootstrap  # noqa: E402
from opcms_desktop.services.security.permissions import BUILTIN_ROLES, Actor  # noqa: E402

PG_SERVER = os.environ.get("OPCMS_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TARGETS_MS = {"first page": 200.0, "search": 150.0, "sort": 150.0}
BATCH = 10_000
SALES_USERS = 20
OPS_USERS = 10

CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "武汉", "南京", "西安", "天津", "苏州", "长沙",
          "郑州", "青岛", "厦门", "合肥", "济南", "福州", "昆明", "佛山", "东莞", "宁波", "无锡", "沈阳", "大连"]
CORE_CHARS = list("鑫华安居宝嘉信德恒泰瑞祥丰盛宏远金源富利达通和顺兴隆昌明辉光新世纪中天地海山云龙凤")
SUFFIXES = ["房产", "地产", "置业", "房地产经纪有限公司", "科技有限公司", "不动产", "租房", "房屋中介", "家园",
            "物业管理有限公司", "数字传媒有限公司", "投资集团"]
RARE_BRAND = "我爱我家"  # about 1 in 2,000 names starts with it
ASCII_WORDS = ["Realty", "Homes", "Estate", "Property", "Living", "Space", "Vision", "Capital"]

_keys_cache: dict[str, tuple[str, str]] = {}


def _keys(part: str) -> tuple[str, str]:
    if part not in _keys_cache:
        initials = "".join(lazy_pinyin(part, style=Style.FIRST_LETTER, errors="default")).lower()
        full = "".join(lazy_pinyin(part, errors="default")).lower()
        _keys_cache[part] = ("".join(c for c in initials if c.isalnum()), "".join(c for c in full if c.isalnum()))
    return _keys_cache[part]


def _name(rng: random.Random, n: int) -> tuple[str, str, str]:
    roll = rng.random()
    if roll < 0.0005:
        parts = [RARE_BRAND, rng.choice(CITIES), f"{rng.randint(1, 999)}店"]
    elif roll < 0.03:
        word = f"{rng.choice(ASCII_WORDS)} {rng.choice(ASCII_WORDS)} {n}"
        return word, *_keys(word)
    else:
        core = "".join(rng.choice(CORE_CHARS) for _ in range(rng.choice((2, 2, 3))))
        parts = [rng.choice(CITIES), core, rng.choice(SUFFIXES)]
        if rng.random() < 0.3:
            parts = parts[1:]
    keys = [_keys(p) for p in parts]
    return "".join(parts), "".join(k[0] for k in keys)[:200], "".join(k[1] for k in keys)[:800]


def _customer_batches(rows: int, seed: int = 20261101) -> Iterator[list[dict[str, Any]]]:
    rng = random.Random(seed)
    company_ids = rng.sample(range(2, rows * 10), rows)
    batch: list[dict[str, Any]] = []
    for n in range(rows):
        name, initials, pinyin = _name(rng, n)
        batch.append({
            "id": n + 1, "company_id": company_ids[n], "name": name, "name_initials": initials,
            "name_pinyin": pinyin, "account_type": rng.choice(("formal", "formal", "formal", "test", "internal")),
            "industry_id": None, "erp_id": None, "onboarding_half": rng.choice(("2025-H1", "2025-H2", None)),
            "grade": rng.choice(("S", "A", "B", "C", "D", None, None, None)),
            "coop_status": rng.choice(("active", "active", "dormant", "pending", "trial", "terminated", None)),
            "coop_status_raw": None, "billing_enabled": rng.choice(("yes", "yes", "no", "pending", None)),
            "disabled": rng.random() < 0.05, "notes": None,
            "settlement_mode": rng.choice(("fixed_price", "fixed_price", "annual_package", "annual_quota", None)),
            "single_price_raw": str(rng.choice((10, 12, 15, 25))), "multi_price_raw": "14+(F-1)*10",
            "consumption_tier": rng.choice(("C2", "C3", "C4", "C5", "C6", None)),
            "avg_monthly_shoots": Decimal(rng.randint(0, 4522)), "payment_terms_days": 30, "version": 1,
        })
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _users(session: Session) -> tuple[list[int], list[int]]:
    ids: dict[str, list[int]] = {"sales": [], "ops": []}
    for role_name, count in (("sales", SALES_USERS), ("ops", OPS_USERS)):
        role_id = session.scalar(select(Role.id).where(Role.name == role_name))
        for n in range(count):
            user = User(username=f"bench_{role_name}{n}", display_name=f"{role_name}员工{n}", password_hash="x",
                        role_id=role_id, active=True, failed_attempts=0, must_change_password=False)
            session.add(user)
            session.flush()
            ids[role_name].append(user.id)
    return ids["sales"], ids["ops"]


def populate(engine: Engine, rows: int, industries: list[int], erps: list[int]) -> tuple[list[int], list[int]]:
    factory = make_session_factory(engine)
    with factory() as session, session.begin():
        sales_ids, ops_ids = _users(session)
    rng = random.Random(7)
    started = time.perf_counter()
    done = 0
    with engine.begin() as conn:
        for batch in _customer_batches(rows):
            for row in batch:
                row["industry_id"] = rng.choice(industries + [None])
                row["erp_id"] = rng.choice(erps + [None, None, None])
            conn.execute(insert(Customer.__table__), batch)
            owners = []
            for row in batch:
                sales = sales_ids[row["id"] % SALES_USERS]
                ops = ops_ids[row["id"] % OPS_USERS]
                owners.append({"customer_id": row["id"], "kind": "sales", "user_id": sales,
                               "raw_name": f"sales员工{sales_ids.index(sales)}"})
                owners.append({"customer_id": row["id"], "kind": "ops", "user_id": ops,
                               "raw_name": f"ops员工{ops_ids.index(ops)}"})
            conn.execute(insert(CustomerOwner.__table__), owners)
            done += len(batch)
            if done % 200_000 == 0:
                print(f"  inserted {done:,} customers ({done / (time.perf_counter() - started):,.0f}/s)", flush=True)
    print(f"  {rows:,} customers + {2 * rows:,} owners in {time.perf_counter() - started:.1f} s", flush=True)
    return sales_ids, ops_ids


def analyse(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


SUGGESTED_INDEXES = {  # (create, drop): what the report proposes for a migration
    "sqlite": [
        ("CREATE INDEX IF NOT EXISTS ix_customers_name_pinyin ON customers (name_pinyin)",
         "DROP INDEX IF EXISTS ix_customers_name_pinyin"),
    ],
    "postgresql": [
        ("CREATE EXTENSION IF NOT EXISTS pg_trgm", None),
        ("CREATE INDEX IF NOT EXISTS ix_customers_name_pinyin ON customers (name_pinyin)",
         "DROP INDEX IF EXISTS ix_customers_name_pinyin"),
        ("CREATE INDEX IF NOT EXISTS ix_customers_name_trgm ON customers USING gin (name gin_trgm_ops)",
         "DROP INDEX IF EXISTS ix_customers_name_trgm"),
    ],
}


def set_suggested_indexes(engine: Engine, present: bool) -> None:
    with engine.begin() as conn:
        for create, drop in SUGGESTED_INDEXES[engine.dialect.name]:
            statement = create if present else drop
            if statement:
                conn.execute(text(statement))


def _actor(user_id: int | None, role: str) -> Actor:
    label, scope, perms = BUILTIN_ROLES[role]
    return Actor(id=user_id or 0, username=f"bench_{role}", display_name=label, role=role, permissions=perms,
                 customer_scope=scope)


def _time(engine: Engine, fn: Callable[[Session], Any], repeat: int) -> tuple[float, float, float, float, Any]:
    """(first run, median and best of the next `repeat` runs, median CPU of this process) in ms, and the
    last result. On SQLite the CPU figure is the query work itself, whatever else the machine is doing."""
    factory = make_session_factory(engine)
    timings = []
    cpu = []
    result = None
    for _ in range(repeat + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        with factory() as session, session.begin():
            result = fn(session)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return timings[0], statistics.median(timings[1:]), min(timings[1:]), statistics.median(cpu[1:]), result


def measure(engine: Engine, sales_ids: list[int], repeat: int) -> list[tuple[str, str, float, float, str]]:
    ops = _actor(None, "ops")
    sales = _actor(sales_ids[3], "sales")
    with Session(engine) as session:
        middle = (session.scalar(select(Customer.id).order_by(Customer.id.desc()).limit(1)) or 2) // 2 + 7
        known_company_id = session.scalar(select(Customer.company_id).where(Customer.id == middle))
    cid = str(known_company_id)

    def page(actor: Actor, query: CustomerQuery) -> Callable[[Session], Any]:
        """What the list screen asks first, in one call: the count (capped at COUNT_CAP: "10,000+") and
        the first page of rows."""
        def run(session: Session) -> str:
            first = first_customer_page(session, actor, query, 100)
            shown = f"{COUNT_CAP:,}+" if first.total > COUNT_CAP else f"{first.total:,}"
            return f"{shown} rows, page of {len(first.rows)}"
        return run

    def capped_then_page(actor: Actor, query: CustomerQuery) -> Callable[[Session], Any]:
        """The two calls the screen made before `first_customer_page`: the capped count, then the page."""
        def run(session: Session) -> str:
            total = count_customers(session, actor, query, COUNT_CAP)
            rows = customer_page(session, actor, query, 0, 100)
            shown = f"{COUNT_CAP:,}+" if total > COUNT_CAP else f"{total:,}"
            return f"{shown} rows, page of {len(rows)}"
        return run

    def exact_count(actor: Actor, query: CustomerQuery) -> Callable[[Session], Any]:
        """The exact count the screen asks for after a capped one (the label then shows it)."""
        def run(session: Session) -> str:
            return f"{count_customers(session, actor, query):,} rows"
        return run

    def two_calls(actor: Actor, query: CustomerQuery) -> Callable[[Session], Any]:
        def run(session: Session) -> str:
            total = count_customers(session, actor, query)
            return f"{total:,} rows, page of {len(customer_page(session, actor, query, 0, 100))}"
        return run

    def only_page(actor: Actor, query: CustomerQuery, offset: int = 0) -> Callable[[Session], Any]:
        def run(session: Session) -> str:
            return f"page of {len(customer_page(session, actor, query, offset, 100))}"
        return run

    cases: list[tuple[str, str, Callable[[Session], Any]]] = [
        ("first page", "ops: count + 100 rows, by 公司id", page(ops, CustomerQuery())),
        ("first page", "sales (1/20 of rows): count + 100", page(sales, CustomerQuery())),
        ("first page", "ops: 3 filters + count + 100", page(ops, CustomerQuery(
            coop_statuses=("active",), billing_enabled=("yes",), disabled=False))),
        ("search", f"name substring, rare '{RARE_BRAND}'", page(ops, CustomerQuery(search=RARE_BRAND))),
        ("search", "name substring, common '置业'", page(ops, CustomerQuery(search="置业"))),
        ("search", "name substring, absent '羽蒙'", page(ops, CustomerQuery(search="羽蒙"))),
        ("search", "pinyin initials prefix 'wawj'", page(ops, CustomerQuery(search="wawj"))),
        ("search", "full pinyin prefix 'woaiwojia'", page(ops, CustomerQuery(search="woaiwojia"))),
        ("search", f"公司id exact {cid}", page(ops, CustomerQuery(search=cid))),
        ("search", f"公司id prefix {cid[:3]}", page(ops, CustomerQuery(search=cid[:3]))),
        ("search", "sales: name substring '置业'", page(sales, CustomerQuery(search="置业"))),
        ("sort", "by name asc (count + 100)", page(ops, CustomerQuery(sort="name"))),
        ("sort", "by name desc (count + 100)", page(ops, CustomerQuery(sort="name", descending=True))),
        ("sort", "by 公司id desc (count + 100)", page(ops, CustomerQuery(descending=True))),
        ("sort", "by name asc, rows only", only_page(ops, CustomerQuery(sort="name"))),
        ("info", "count_customers + customer_page, '我爱我家'", two_calls(ops, CustomerQuery(search=RARE_BRAND))),
        ("info", "capped count, then page (two calls): '置业'", capped_then_page(ops, CustomerQuery(search="置业"))),
        ("info", "capped count, then page (two calls): sales '置业'",
         capped_then_page(sales, CustomerQuery(search="置业"))),
        ("info", "then the exact count: sales user", exact_count(sales, CustomerQuery())),
        ("info", "then the exact count: 3 filters", exact_count(ops, CustomerQuery(
            coop_statuses=("active",), billing_enabled=("yes",), disabled=False))),
        ("info", "then the exact count: '置业'", exact_count(ops, CustomerQuery(search="置业"))),
        ("info", "置业 by name, rows only (a later page)", only_page(ops, CustomerQuery(search="置业", sort="name"),
                                                                   1_000)),
        ("info", "by name, page at offset 500,000", only_page(ops, CustomerQuery(sort="name"), 500_000)),
        ("info", "by grade (nullable), rows only", only_page(ops, CustomerQuery(sort="grade"))),
        ("info", "by industry label, rows only", only_page(ops, CustomerQuery(sort="industry"))),
    ]
    results = []
    cpu_label = "cpu" if engine.dialect.name == "sqlite" else "client"
    print(f"  {'':<10} {'':<44} {'median':>8} {'best':>8} {'first':>8} {cpu_label:>8}   (ms)", flush=True)
    for group, label, fn in cases:
        cold, median, best, cpu, outcome = _time(engine, fn, repeat)
        results.append((group, label, cold, median, str(outcome)))
        target = TARGETS_MS.get(group)
        verdict = "" if target is None else ("ok" if median < target else f"OVER {target:.0f}")
        print(f"  {group:<10} {label:<44} {median:8.1f} {best:8.1f} {cold:8.1f} {cpu:8.1f}   {outcome:<28} {verdict}",
              flush=True)
    return results


@contextmanager
def sqlite_database(keep: str | None) -> Iterator[tuple[str, bool]]:
    if keep:
        yield f"sqlite:///{keep}", Path(keep).exists()
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}", False


@contextmanager
def pg_database(keep: str | None) -> Iterator[tuple[str, bool]]:
    admin = create_engine(make_url(PG_SERVER), isolation_level="AUTOCOMMIT")
    name = keep or f"opcms_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is not None
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False), exists
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_backend(backend: str, rows: int, repeat: int, schemas: list[bool | None], keep: str | None) -> None:
    print(f"\n== {backend}: {rows:,} customers ==", flush=True)
    database = sqlite_database(keep) if backend == "sqlite" else pg_database(keep)
    with database as (url, reused):
        engine = create_db_engine(url)
        if not reused:
            upgrade_schema(engine)
            bootstrap.initialise(engine, upgrade=False)
            with Session(engine) as session:
                industries = list(session.scalars(text("SELECT id FROM dictionary_entries WHERE kind='industry'")))
                erps = list(session.scalars(text("SELECT id FROM dictionary_entries WHERE kind='erp'")))
            populate(engine, rows, industries, erps)
        else:
            upgrade_schema(engine)  # a kept database gets the migrations added since it was built
        with Session(engine) as session:
            sales_ids = list(session.scalars(select(User.id).where(User.username.like("bench_sales%"))
                                             .order_by(User.id)))
        for suggested in schemas:
            started = time.perf_counter()
            if suggested is not None:  # None: the migrated schema exactly as `opcms init` leaves it
                set_suggested_indexes(engine, suggested)
            analyse(engine)
            what = {None: "schema as migrated", True: "with the search indexes",
                    False: "without the search indexes of migration 0003"}[suggested]
            print(f"\n  -- {backend}, {what} (indexes + analyse {time.perf_counter() - started:.1f} s; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)", flush=True)
            measure(engine, sales_ids, repeat)
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--indexes", choices=("migrated", "without", "both"), default="migrated",
                        help="the migrated schema, the schema without migration 0003's search indexes, or both")
    parser.add_argument("--keep-sqlite", metavar="PATH", help="keep (or reuse) the SQLite file at PATH")
    parser.add_argument("--keep-pg", metavar="DBNAME", help="keep (or reuse) this PostgreSQL database")
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        keep = args.keep_sqlite if backend == "sqlite" else args.keep_pg
        schemas = {"migrated": [None], "without": [False], "both": [False, True]}[args.indexes]
        run_backend(backend, args.rows, args.repeat, schemas, keep)


if __name__ == "__main__":
    main()
