"""Segment counts at scale: 100,000 customers with usage, bills, allocations and tags (issue 9, item 8).

    python benchmarks/bench_segment_count.py                          # both backends, 100,000 customers
    python benchmarks/bench_segment_count.py --backend sqlite --customers 20000

Each condition is counted with services/insight/conditions.count_matching in a session of its own (as one UI
operation would), as an admin and as a salesperson owning 1/20 of the book; the figure is the median of
`--repeat` runs after a first one. Target: < 300 ms per count. Data goes in with Core bulk inserts into an
Alembic-migrated schema; SQLite lives in a temporary file, PostgreSQL in a throwaway database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, make_url, select, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opcms_desktop.models import (  # noqa: E402
    Allocation,
    Customer,
    CustomerOwner,
    Invoice,
    Receipt,
    Role,
    UsageMonthly,
    UsageOrder,
    User,
)
from opcms_desktop.models.segment import CustomerTag, Tag  # noqa: E402
from opcms_desktop.services.insight.conditions import count_matching  # noqa: E402
from opcms_desktop.services.platform.db import create_db_engine, upgrade_schema  # noqa: E402
from opcms_desktop.services.security import bootstrap  # noqa: E402
from opcms_desktop.services.security.auth import actor_for  # noqa: E402

PG_SERVER = os.environ.get("OPCMS_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
AS_OF = dt.date(2026, 6, 15)
TARGET_MS = 300
BATCH = 10_000
SALES = 20
CONDITIONS: dict[str, Any] = {
    "issue example (行业类型 + 是否结算)": {
        "all": [
            {"field": "行业类型", "op": "=", "value": "房产经纪"},
            {"field": "是否结算", "op": "=", "value": "是"},
        ]
    },
    "近30天拍摄量 >= 3": {"field": "近30天拍摄量", "op": ">=", "value": 3},
    "近3个月拍摄量 < 5 (zero counts)": {"field": "近3个月拍摄量", "op": "<", "value": 5},
    "未收金额 > 1000": {"field": "未收金额", "op": ">", "value": 1000},
    "距上次用量天数 > 60": {"field": "距上次用量天数", "op": ">", "value": 60},
    "标签 has VIP": {"field": "标签", "op": "has", "value": "VIP"},
    "nested any/all/not, 6 leaves": {
        "any": [
            {
                "all": [
                    {"field": "行业类型", "op": "in", "value": ["房产经纪", "项目"]},
                    {"field": "近12个月开票额", "op": ">=", "value": 5000},
                ]
            },
            {
                "all": [
                    {"field": "最近用量", "op": "not within", "value": "30d"},
                    {"field": "逾期金额", "op": ">", "value": 0},
                ]
            },
            {"not": {"field": "公司名称", "op": "contains", "value": "房"}},
            {"field": "标签", "op": "has", "value": "流失风险"},
        ]
    },
}


def _insert(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), BATCH):
            conn.execute(insert(model.__table__), rows[i : i + BATCH])


def populate(engine: Engine, customers: int) -> None:
    rnd = random.Random(9)
    with Session(engine) as session:
        industries = list(session.scalars(text("SELECT id FROM dictionary_entries WHERE kind='industry'")))
        sales_role = session.scalar(select(Role.id).where(Role.name == "sales"))
        admin_role = session.scalar(select(Role.id).where(Role.name == "admin"))
    _insert(
        engine,
        User,
        [
            {
                "username": "bench_admin",
                "display_name": "管理员",
                "password_hash": "x",
                "role_id": admin_role,
                "active": True,
                "failed_attempts": 0,
                "must_change_password": False,
            }
        ],
    )
    _insert(
        engine,
        User,
        [
            {
                "username": f"bench_sales{i}",
                "display_name": f"销售{i}",
                "password_hash": "x",
                "role_id": sales_role,
                "active": True,
                "failed_attempts": 0,
                "must_change_password": False,
            }
            for i in range(SALES)
        ],
    )
    with Session(engine) as session:
        sales_ids = list(
            session.scalars(select(User.id).where(User.username.like("bench_sales%")).order_by(User.id))
        )
    _insert(
        engine,
        Customer,
        [
            {
                "id": i + 1,
                "company_id": 1_000_000 + i,
                "name": f"{rnd.choice(['链家', '房友', '中原', '我爱我家'])}{i}",
                "name_initials": "",
                "name_pinyin": "",
                "industry_id": rnd.choice([*industries, None]),
                "billing_enabled": rnd.choice(["yes", "no", "pending", None]),
                "disabled": rnd.random() < 0.05,
                "avg_monthly_shoots": Decimal(rnd.randint(0, 200)),
                "payment_terms_days": 30,
                "version": 1,
            }
            for i in range(customers)
        ],
    )
    _insert(
        engine,
        CustomerOwner,
        [
            {
                "customer_id": i + 1,
                "kind": "sales",
                "user_id": sales_ids[i % SALES],
                "raw_name": f"销售{i % SALES}",
            }
            for i in range(customers)
        ],
    )
    orders, monthly, invoices = [], [], []
    for i in range(customers):
        cid = i + 1
        for n in range(rnd.choice([0, 0, 1, 3, 6])):
            orders.append(
                {
                    "order_no": f"B{cid}-{n}",
                    "customer_id": cid,
                    "series": "X",
                    "floors": 1,
                    "upload_date": AS_OF - dt.timedelta(days=rnd.randint(0, 240)),
                }
            )
        if i % 5 == 0:
            monthly.append(
                {
                    "customer_id": cid,
                    "period": rnd.choice(["2026-03", "2026-04", "2026-05"]),
                    "series": "N",
                    "single_shoots": rnd.randint(0, 30),
                    "multi_shoots": 0,
                    "multi_floors": 0,
                    "area": Decimal(0),
                    "version": 1,
                }
            )
        if i % 2 == 0:
            invoices.append(
                {
                    "id": len(invoices) + 1,
                    "customer_id": cid,
                    "period": "2026-04",
                    "kind": "usage",
                    "status": "issued",
                    "number": f"INV-B-{cid}",
                    "total": Decimal(rnd.randint(1, 9000)),
                    "payment_terms_days": 30,
                    "issue_date": dt.date(2026, 5, 3),
                    "due_date": dt.date(2026, 6, 2),
                    "version": 1,
                }
            )
    _insert(engine, UsageOrder, orders)
    _insert(engine, UsageMonthly, monthly)
    _insert(engine, Invoice, invoices)
    paid = invoices[::3]
    _insert(
        engine,
        Receipt,
        [
            {
                "id": n + 1,
                "customer_id": inv["customer_id"],
                "receipt_date": AS_OF,
                "amount": inv["total"],
                "version": 1,
            }
            for n, inv in enumerate(paid)
        ],
    )
    _insert(
        engine,
        Allocation,
        [
            {"receipt_id": n + 1, "invoice_id": inv["id"], "amount": inv["total"], "allocated_on": AS_OF}
            for n, inv in enumerate(paid)
        ],
    )
    _insert(engine, Tag, [{"id": 1, "name": "VIP"}, {"id": 2, "name": "流失风险"}])
    _insert(
        engine,
        CustomerTag,
        [{"customer_id": i + 1, "tag_id": 1 + i % 2, "source": "manual"} for i in range(0, customers, 7)],
    )
    print(
        f"  data: {customers:,} customers, {len(orders):,} orders, {len(monthly):,} monthly rows, "
        f"{len(invoices):,} bills, {len(paid):,} allocations",
        flush=True,
    )


@contextmanager
def sqlite_database() -> Iterator[str]:
    os.environ.setdefault(
        "OPCMS_DB_KEY", secrets.token_hex(32)
    )  # SQLite files are encrypted; no keyring here
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/bench.db"


@contextmanager
def pg_database() -> Iterator[str]:
    admin = create_engine(make_url(PG_SERVER), isolation_level="AUTOCOMMIT")
    name = f"opcms_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(engine: Engine, repeat: int) -> list[tuple[str, str, float, int]]:
    with Session(engine) as session:
        admin = actor_for(session, session.scalar(select(User).where(User.username == "bench_admin")))
        sales = actor_for(session, session.scalar(select(User).where(User.username == "bench_sales3")))
    figures = []
    for label, document in CONDITIONS.items():
        for who, actor in (("admin", admin), ("sales", sales)):
            times, count = [], 0
            for _ in range(repeat + 1):
                with Session(engine) as session:
                    started = time.perf_counter()
                    count = count_matching(session, actor, document, AS_OF)
                    times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times[1:])
            figures.append((label, who, median, count))
            verdict = "ok" if median < TARGET_MS else "SLOW"
            print(
                f"  {median:8.1f} ms  (best {min(times[1:]):7.1f}, first {times[0]:7.1f})  {who:5}  "
                f"{count:>7,}  {verdict:4}  {label}",
                flush=True,
            )
    return figures


def run_backend(backend: str, customers: int, repeat: int) -> list[tuple[str, str, float, int]]:
    print(f"\n== {backend}: {customers:,} customers ==", flush=True)
    database = sqlite_database() if backend == "sqlite" else pg_database()
    with database as url:
        engine = create_db_engine(url)
        upgrade_schema(engine)
        bootstrap.initialise(engine, upgrade=False)
        started = time.perf_counter()
        populate(engine, customers)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(
            f"  loaded in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs",
            flush=True,
        )
        try:
            return measure(engine, repeat)
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    slow = []
    for backend in backends:
        slow += [
            (backend, *f) for f in run_backend(backend, args.customers, args.repeat) if f[2] >= TARGET_MS
        ]
    print(f"\n{'all counts under' if not slow else f'{len(slow)} counts over'} {TARGET_MS} ms")
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
