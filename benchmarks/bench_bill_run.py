"""Bill run at scale: preview (dry run), first generate, re-run (all unchanged), on SQLite and PostgreSQL.

    python benchmarks/bench_bill_run.py                                  # 1,320 and 100,000 customers, both DBs
    python benchmarks/bench_bill_run.py --customers 1320 --backend sqlite

Synthetic month (2026-01) per customer, in the proportions of the real sheet: per-shoot plans (some with
a+(F-1)*b), graduated and volume tiers (some per series), area rates of 4 decimals, annual packages and
quotas (with eleven months of prior usage), a few mid-month plan changes, customers without a plan,
billing 否 / 待确认, disabled accounts. 70 % report monthly summaries, 30 % order detail (~12 orders).
Data goes in with Core bulk inserts into an Alembic-migrated schema (as `opcms init`); SQLite lives in a
temporary file, PostgreSQL in a throwaway database created and dropped here. Targets: < 1 s for 1,320
customers on SQLite, < 30 s for 100,000 on both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, make_url, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opcms_desktop.models import (  # noqa: E402
    Customer,
    PricePlan,
    PricePlanTier,
    UsageMonthly,
    UsageOrder,
    User,
)
from opcms_desktop.services.billing.run import generate_bill_run, preview_bill_run  # noqa: E402
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope  # noqa: E402
from opcms_desktop.services.security import bootstrap  # noqa: E402
from opcms_desktop.services.security.auth import actor_for  # noqa: E402

PG_SERVER = os.environ.get("OPCMS_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PERIOD = "2026-01"
BATCH = 10_000
TARGETS = {1320: 1.0, 100_000: 30.0}


def _insert(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), BATCH):
            conn.execute(insert(model.__table__), rows[i:i + BATCH])


def _plans_for(cid: int, i: int, rnd: random.Random) -> list[tuple[dict[str, Any], str | None]]:
    """(plan row, tier text) for customer number i."""
    base = {"customer_id": cid, "series": "ALL", "effective_from": dt.date(2025, 1, 1), "source": "bench"}
    kind = i % 20
    if kind < 8:
        formula = i % 3 == 0
        plan = {**base, "mode": "per_shoot", "single_price": Decimal(rnd.choice(["8", "12.5", "25", "6"])),
                "multi_base": Decimal("14") if formula else None, "multi_step": Decimal("10") if formula else None,
                "multi_price": None if formula or i % 5 == 0 else Decimal("15")}
        if i % 97 == 0:  # price change on the 15th
            return [({**plan, "effective_to": dt.date(2026, 1, 14)}, None),
                    ({**plan, "effective_from": dt.date(2026, 1, 15), "single_price": Decimal("9")}, None)]
        return [(plan, None)]
    if kind < 11:
        plan = {**base, "mode": "tiered_graduated", "extra_floor_price": Decimal("2")}
        if kind == 10:
            return [({**plan, "series": "X"}, "0-1000:10; 1000-5000:8; 5000+:5"),
                    ({**plan, "series": "N"}, "0-200:12; 200+:9")]
        return [(plan, "0-1000:10; 1000-5000:8; 5000+:5")]
    if kind < 13:
        return [({**base, "mode": "tiered_volume"}, "0-100:9; 100-500:7.5; 500+:6")]
    if kind < 15:
        return [({**base, "mode": "area", "area_rate": Decimal("0.125")}, None)]
    start = dt.date(2025, 1 + i % 12, 1 + i % 28)
    if kind < 17:
        return [({**base, "mode": "annual_package", "effective_from": start, "annual_fee": Decimal("9980")}, None)]
    if kind < 19:
        return [({**base, "mode": "annual_quota", "effective_from": start, "annual_fee": Decimal("6000"),
                  "quota": 1200, "overage_price": Decimal("6.5")}, None)]
    return []  # no plan: reported as an exception


def seed(engine: Engine, customers: int) -> None:
    rnd = random.Random(20260131)
    cust_rows = [{"id": i + 1, "company_id": 10_000 + i, "name": f"客户{i:06d}", "name_initials": "", "name_pinyin": "",
                  "billing_enabled": "yes" if i % 25 else rnd.choice(["no", "pending", None]),
                  "disabled": i % 53 == 0, "payment_terms_days": 30, "version": 1} for i in range(customers)]
    _insert(engine, Customer, cust_rows)
    plan_rows: list[dict[str, Any]] = []
    tier_texts: list[str | None] = []
    for i in range(customers):
        for plan, tiers in _plans_for(i + 1, i, rnd):
            plan_rows.append({"multi_price": None, "multi_base": None, "multi_step": None, "single_price": None,
                              "extra_floor_price": None, "area_rate": None, "annual_fee": None, "quota": None,
                              "overage_price": None, "effective_to": None, "version": 1, **plan})
            tier_texts.append(tiers)
    for n, row in enumerate(plan_rows, start=1):
        row["id"] = n
    _insert(engine, PricePlan, plan_rows)
    tiers = []
    for row, tier_text in zip(plan_rows, tier_texts, strict=True):
        for seq, part in enumerate((tier_text or "").split(";") if tier_text else [], start=1):
            rng, price = part.strip().split(":")
            lo, _, hi = rng.partition("-")
            tiers.append({"plan_id": row["id"], "seq": seq, "from_count": int(lo.rstrip("+")),
                          "to_count": int(hi) if hi else None, "unit_price": Decimal(price)})
    _insert(engine, PricePlanTier, tiers)
    monthly, orders = [], []
    for i in range(customers):
        cid = i + 1
        if i % 10 < 7 or i % 20 in (17, 18):  # quota customers report monthly, a whole year of it
            for series in ("X", "N") if i % 2 else ("X",):
                single, multi = rnd.randint(0, 400), rnd.randint(0, 40)
                area = Decimal(rnd.randint(0, 900_000)) / 100
                monthly.append({"customer_id": cid, "period": PERIOD, "series": series, "single_shoots": single,
                                "multi_shoots": multi, "multi_floors": multi * rnd.randint(2, 4), "area": area,
                                "version": 1})
                months = range(1, 12) if i % 20 >= 17 else (12,)  # quota customers: the whole prior year
                for m in months:
                    monthly.append({"customer_id": cid, "period": f"2025-{m:02d}", "series": series,
                                    "single_shoots": rnd.randint(0, 300), "multi_shoots": 0, "multi_floors": 0,
                                    "area": Decimal("100.00"), "version": 1})
        else:
            for k in range(rnd.randint(4, 20)):
                floors = 1 if rnd.random() < 0.8 else rnd.randint(2, 5)
                orders.append({"order_no": f"B{cid:07d}-{k:03d}", "customer_id": cid,
                               "upload_date": dt.date(2026, 1, rnd.randint(1, 31)), "series": rnd.choice("XNL"),
                               "floors": floors, "area": Decimal(rnd.randint(3000, 20000)) / 100})
    _insert(engine, UsageMonthly, monthly)
    _insert(engine, UsageOrder, orders)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("customers", "price_plans", "price_plan_tiers", "usage_monthly", "usage_orders"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    print(f"    seeded {customers:,} customers, {len(plan_rows):,} plans, {len(monthly):,} monthly rows, "
          f"{len(orders):,} orders")


def measure(engine: Engine, customers: int) -> dict[str, float]:
    factory = make_session_factory(engine)
    with session_scope(factory) as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None
        actor = actor_for(s, user)
    figures: dict[str, float] = {}
    for label, fn in (("dry run", preview_bill_run), ("generate", generate_bill_run),
                      ("re-run (unchanged)", generate_bill_run)):
        t0, cpu0 = time.perf_counter(), time.process_time()
        with session_scope(factory) as s:
            result = fn(s, actor, PERIOD)
        figures[label] = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        print(f"    {label:<20} {figures[label]:7.2f} s (client CPU {cpu:5.2f} s, load {os.getloadavg()[0]:.1f})   "
              f"{len(result.invoices):,} invoices, total {result.total}, "
              f"created {result.created}, replaced {result.replaced}, unchanged {result.unchanged}, "
              f"{len(result.exceptions):,} exceptions")
    return figures


def run(backend: str, customers: int) -> dict[str, float]:
    print(f"{backend}, {customers:,} customers")
    tmp = tempfile.TemporaryDirectory()
    admin_engine = None
    if backend == "sqlite":
        url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    else:
        name = f"opcms_bench_{uuid.uuid4().hex[:10]}"
        admin_engine = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
    engine = create_db_engine(url)
    try:
        bootstrap.initialise(engine, "admin", "Bench-admin-2026")
        t0 = time.perf_counter()
        seed(engine, customers)
        print(f"    seeding took {time.perf_counter() - t0:.1f} s")
        return measure(engine, customers)
    finally:
        engine.dispose()
        if admin_engine is not None:
            with admin_engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
            admin_engine.dispose()
        tmp.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, nargs="+", default=[1320, 100_000])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    results = []
    for customers in args.customers:
        backends = args.backend or (["sqlite"] if customers <= 2000 else ["sqlite", "postgresql"])
        for backend in backends:
            results.append((backend, customers, run(backend, customers)))
    print("\nsummary (seconds)")
    ok = True
    for backend, customers, figures in results:
        target = TARGETS.get(customers)
        worst = max(figures.values())
        verdict = "" if target is None else ("  ok" if worst < target else f"  OVER the {target:g} s target")
        ok = ok and (target is None or worst < target)
        print(f"  {backend:<10} {customers:>8,}  " + "  ".join(f"{k} {v:.2f}" for k, v in figures.items()) + verdict)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
