"""Bill run at scale: preview (dry run), first generate, re-run (all unchanged), on SQLite and PostgreSQL.

    python benchmarks/bench_bill_run.py                                  # 1,320 and 100,000 customers, both DBs
    python benchmarks/bench_bill_run.py --customers 1320 --backend sqlite
    python benchmarks/bench_bill_run.py --customers 100000 --backend sqlite --json
    python benchmarks/bench_bill_run.py --customers 100000 --backend sqlite --lock /tmp/opcms-bench.lock

Each figure is printed beside its floor (bill_run_floor.py: the same reads, plain Decimal pricing and a bare
bulk write, measured in the same run on the same data) and the ratio of the two.

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
import contextlib
import datetime as dt
import fcntl
import json
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, make_url, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bill_run_floor as floor  # noqa: E402

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


def seed(engine: Engine, customers: int, quiet: bool = False) -> None:
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
    if not quiet:
        print(f"    seeded {customers:,} customers, {len(plan_rows):,} plans, {len(monthly):,} monthly rows, "
              f"{len(orders):,} orders")


def measure(engine: Engine, customers: int, quiet: bool = False) -> dict[str, dict[str, float]]:
    """{"dry_run" | "generate" | "rerun": {"seconds", "floor", "ratio"}}."""
    factory = make_session_factory(engine)
    with session_scope(factory) as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None
        actor = actor_for(s, user)
    say = (lambda *a: None) if quiet else print
    cpu0 = time.process_time()
    read_s, data = floor.timed(floor.read, engine, PERIOD)
    price_s, (bills, lines, total) = floor.timed(floor.price, data)
    floor_cpu = time.process_time() - cpu0
    say(f"    floor: read {read_s:.2f} s, price {price_s:.2f} s ({bills:,} bills, {lines:,} lines, {total})")
    seconds: dict[str, float] = {}
    cpus: dict[str, float] = {}
    written = (0, 0)
    for key, label, fn in (("dry_run", "dry run", preview_bill_run), ("generate", "generate", generate_bill_run),
                           ("rerun", "re-run (unchanged)", generate_bill_run)):
        result = None  # free the previous figure's result before this one's clock starts
        if key == "rerun":  # its floor reads the bills the first run wrote, as the re-run does
            cpu0 = time.process_time()
            rerun_read_s, rerun_data = floor.timed(floor.read, engine, PERIOD)
            rerun_price_s, _ = floor.timed(floor.price, rerun_data)
            rerun_cpu = time.process_time() - cpu0
            rerun_data = None
            say(f"    floor for the re-run: read {rerun_read_s:.2f} s (with the bills written), "
                f"price {rerun_price_s:.2f} s")
        t0, cpu0 = time.perf_counter(), time.process_time()
        with session_scope(factory) as s:
            result = fn(s, actor, PERIOD)
        seconds[key] = time.perf_counter() - t0
        cpu = cpus[key] = time.process_time() - cpu0
        if key == "generate":
            written = (result.created, sum(len(c.lines) for c in result.invoices))
        say(f"    {label:<20} {seconds[key]:7.2f} s (client CPU {cpu:5.2f} s, load {os.getloadavg()[0]:.1f})   "
            f"{len(result.invoices):,} invoices, total {result.total}, "
            f"created {result.created}, replaced {result.replaced}, unchanged {result.unchanged}, "
            f"{len(result.exceptions):,} exceptions")
    cpu0 = time.process_time()
    write_s, _ = floor.timed(floor.write, engine, written[0], written[1] / max(written[0], 1), PERIOD)
    write_cpu = time.process_time() - cpu0
    say(f"    floor: write {write_s:.2f} s ({written[0]:,} bills, {written[1]:,} lines, {written[0] + 1:,} audit rows)")
    floors = {"dry_run": read_s + price_s, "generate": read_s + price_s + write_s,
              "rerun": rerun_read_s + rerun_price_s}
    cpu_floors = {"dry_run": floor_cpu, "generate": floor_cpu + write_cpu, "rerun": rerun_cpu}
    # Client CPU beside wall time: on a shared machine the wall-clock ratio moves with the load; the CPU
    # ratio does not (on PostgreSQL it leaves out the server's share of both figures).
    return {key: {"seconds": round(seconds[key], 3), "floor": round(floors[key], 3),
                  "ratio": round(seconds[key] / floors[key], 2), "client_cpu": round(cpus[key], 3),
                  "client_cpu_floor": round(cpu_floors[key], 3),
                  "client_cpu_ratio": round(cpus[key] / cpu_floors[key], 2)} for key in seconds}


@contextlib.contextmanager
def _held(lock: str | None) -> Iterator[None]:
    """An exclusive flock on `lock` while the figures are taken (machines shared by several benchmarks: the
    data are seeded before it is taken)."""
    if lock is None:
        yield
        return
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(backend: str, customers: int, quiet: bool = False, lock: str | None = None) -> dict[str, dict[str, float]]:
    if not quiet:
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
        seed(engine, customers, quiet)
        if not quiet:
            print(f"    seeding took {time.perf_counter() - t0:.1f} s")
        with _held(lock):
            return measure(engine, customers, quiet)
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
    parser.add_argument("--json", action="store_true", help="print one JSON document with every figure")
    parser.add_argument("--lock", help="hold an exclusive flock on this file while measuring (not while seeding)")
    args = parser.parse_args()
    results = []
    for customers in args.customers:
        backends = args.backend or (["sqlite"] if customers <= 2000 else ["sqlite", "postgresql"])
        for backend in backends:
            results.append({"backend": backend, "customers": customers,
                            **run(backend, customers, quiet=args.json, lock=args.lock)})
    worst = max(r[k]["ratio"] for r in results for k in ("dry_run", "generate", "rerun"))
    if args.json:
        print(json.dumps({"results": results, "load": round(os.getloadavg()[0], 1)}))
        return 0 if worst <= 2 else 1
    print("\nsummary (seconds, floor, ratio)")
    for r in results:
        print(f"  {r['backend']:<10} {r['customers']:>8,}  " + "  ".join(
            f"{k} {r[k]['seconds']:.2f} / {r[k]['floor']:.2f} = {r[k]['ratio']:.2f}x"
            f" (CPU {r[k]['client_cpu_ratio']:.2f}x)" for k in ("dry_run", "generate", "rerun")))
    print(f"worst ratio {worst:.2f} (target: 2 or below)")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
