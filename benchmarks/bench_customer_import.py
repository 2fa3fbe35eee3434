"""Customer import timings: the real sheet and a large synthetic one, on SQLite and PostgreSQL.

    python benchmarks/bench_customer_import.py                        # both backends, real sheet + 100k rows
    python benchmarks/bench_customer_import.py --backend sqlite --rows 20000
    python benchmarks/bench_customer_import.py --pg-url postgresql://postgres@127.0.0.1:5432/postgres

Targets (ARCHITECTURE.md): real sheet dry run + commit < 1 s on SQLite, < 2 s on PostgreSQL;
100,000 rows < 15 s on SQLite, < 25 s on PostgreSQL. Each figure is one import in a session of its
own (as the UI runs it), into a freshly migrated database: dry run, commit into the empty database,
then the same file again (every row unchanged, nothing written). The import runs in one thread, so
its process CPU time is what the wall time would be on an idle machine (PostgreSQL's own work aside).

Each step runs in a child process of its own, so its peak memory (maxrss, interpreter and imports
included) is the step's alone; the target is 500 MB whatever the file size. The floor is measured in
the same run: calamine reading the sheet, plus a bare bulk write (COPY on PostgreSQL, executemany on
SQLite) of the rows a commit writes, into an empty database: one customers row per data row (公司id, name
and the raw text cells), one customer_owners row per owner cell, one price_plans row per row with a
price, and one audit row for each customer and plan, carrying its JSON ({column: [null, value]}) and the
trail's hash chain (sha256 of the canonical JSON of the previous hash and the row, as trail.py writes it).
No parsing, no checks, no comparison. The database's own work on those rows is part of the floor as it is
of the import: PostgreSQL's audit_log triggers and name bigrams (migration 0021), SQLite's name bigrams
(migration 0017), all kept by triggers. The floor
prints its row counts, the import's commit those it wrote, so the two can be compared. The ratio is the
import's commit over that floor (target: 2 or below).

    python benchmarks/bench_customer_import.py --backend sqlite --rows 470000 --skip-real   # the 50 MB sheet
    python benchmarks/generate_customer_sheet.py 470000 /tmp/bench_import/customers-470k.xlsx   # once, then
    python benchmarks/bench_customer_import.py --large /tmp/bench_import/customers-470k.xlsx --skip-real

The import reads a big sheet a slice at a time and writes it in batches (services/customers/import_slices.py,
sheet_import.py), so its peak stays flat; the floor reads the sheet whole, so its own peak grows with the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_customer_sheet import generate  # noqa: E402
from opcms_desktop.models import AuditEntry, Customer, CustomerOwner, PricePlan, User  # noqa: E402
from opcms_desktop.services.customers.sheet_import import import_customers  # noqa: E402
from opcms_desktop.services.platform.bulk import bulk_insert_rows  # noqa: E402
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope  # noqa: E402
from opcms_desktop.services.security import bootstrap  # noqa: E402
from opcms_desktop.services.security.auth import actor_for  # noqa: E402

REAL_SHEET = Path("/work/shared/data/customers-2025-12.xlsx")
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGETS = {("real", "sqlite"): 1.0, ("real", "postgresql"): 2.0, ("large", "sqlite"): 15.0,
           ("large", "postgresql"): 25.0}


@contextmanager
def database(backend: str, pg_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    name = f"opcms_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_url).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


FLOOR_OWNERS = {"销售负责人": "sales", "运营负责人": "ops"}
FLOOR_PRICES = ("单层定价", "多层定价")
FLOOR_PLAN_START = dt.date(2026, 1, 1)
FLOOR_DUMPS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
FLOOR_TEXT = {"账号类型": "account_type_raw", "接入时间": "onboarding_raw", "销售负责人": "sales_owner_raw",
              "运营负责人": "ops_owner_raw", "合作状态": "coop_status_raw", "备注": "notes",
              "结算方式": "settlement_mode_raw", "单层定价": "single_price_raw", "多层定价": "multi_price_raw"}


def _peak_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _text(value: Any, limit: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)[:limit]


def _price(value: Any) -> Decimal | None:
    try:
        price = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    return price if price.is_finite() and price > 0 else None


def floor_read(sheet: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(sheet))
    return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)


def floor_write(url: str, rows: list[list[Any]]) -> dict[str, int]:
    """The rows a commit writes, as plain tuples in bulk writes (no checks, no comparison); their counts."""
    header = [str(v).strip() for v in rows[0]]
    at = {name: header.index(name) for name in ("公司id", "公司名称", *FLOOR_TEXT, *FLOOR_OWNERS, *FLOOR_PRICES)
          if name in header}
    texts = [n for n in FLOOR_TEXT if n in at]
    columns = ["company_id", "name", "name_initials", "name_pinyin", "payment_terms_days", "version",
               *(FLOOR_TEXT[n] for n in texts)]
    tuples = []
    kept: list[list[Any]] = []
    seen: set[int] = set()
    for cells in rows[1:]:
        try:
            company_id = int(float(cells[at["公司id"]]))
        except (TypeError, ValueError):
            continue
        name = _text(cells[at["公司名称"]], 200)
        if company_id in seen or not name:
            continue
        seen.add(company_id)
        kept.append(cells)
        tuples.append((company_id, name, "", "", 30, 1, *(_text(cells[at[n]], 80) for n in texts)))
    engine = create_db_engine(url)
    with session_scope(make_session_factory(engine)) as session:
        bulk_insert_rows(session, Customer.__table__, columns, tuples)
        ids = {r[0]: r[1] for r in session.execute(select(Customer.company_id, Customer.id))}
        owners, plans, audit = _floor_related(session, columns, tuples, kept, at, ids)
    engine.dispose()
    return {"customers": len(tuples), "owners": owners, "plans": plans, "audit": audit}


def _floor_related(session: Any, columns: list[str], tuples: list[tuple[Any, ...]], kept: list[list[Any]],
                   at: dict[str, int], ids: dict[int, int]) -> tuple[int, int, int]:
    """Owners and plans of the customers just written, then one audit row per customer and plan, chained."""
    owner_rows, plan_rows, plan_changes = [], [], []
    for row, cells in zip(tuples, kept, strict=True):
        customer_id = ids[row[0]]
        for header, kind in FLOOR_OWNERS.items():
            owner = cells[at[header]] if header in at else None
            if isinstance(owner, str) and owner.strip() and not owner.startswith("#"):
                owner_rows.append((customer_id, kind, None, owner.strip()[:80]))
        prices = [_price(cells[at[h]]) if h in at else None for h in FLOOR_PRICES]
        if any(p for p in prices):
            single, multi = prices
            source = f"单层定价: {single}; 多层定价: {multi}"
            plan_rows.append((customer_id, "ALL", "per_shoot", FLOOR_PLAN_START, single, multi, "customer_import",
                              source, 1))
            plan_changes.append({"customer_id": [None, customer_id], "series": [None, "ALL"],
                                 "mode": [None, "per_shoot"], "effective_from": [None, FLOOR_PLAN_START.isoformat()],
                                 "single_price": [None, None if single is None else format(single, "f")],
                                 "multi_price": [None, None if multi is None else format(multi, "f")],
                                 "source": [None, "customer_import"], "source_raw": [None, source]})
    bulk_insert_rows(session, CustomerOwner.__table__, ("customer_id", "kind", "user_id", "raw_name"), owner_rows)
    bulk_insert_rows(session, PricePlan.__table__, ("customer_id", "series", "mode", "effective_from", "single_price",
                                                    "multi_price", "source", "source_raw", "version"), plan_rows)
    plan_ids = [r[0] for r in session.execute(select(PricePlan.id).order_by(PricePlan.id))]
    now = dt.datetime.now(dt.UTC)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S.%f")
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or "0" * 64
    audit_rows = []
    items = [("customer", ids[row[0]], {c: [None, v] for c, v in zip(columns, row, strict=True) if v is not None},
              f"公司id {row[0]}: customer import row") for row in tuples]
    items += [("price_plan", plan_id, changes, "seeded by the customer import")
              for plan_id, changes in zip(plan_ids, plan_changes, strict=True)]
    for entity, entity_id, changes, summary in items:  # the chain trail.record_many keeps, bare
        digest = hashlib.sha256(FLOOR_DUMPS([prev, stamp, 1, "admin", "create", entity, str(entity_id), changes,
                                             summary]).encode()).hexdigest()
        audit_rows.append((now, 1, "admin", "create", entity, str(entity_id), FLOOR_DUMPS(changes), summary, prev,
                           digest))
        prev = digest
    bulk_insert_rows(session, AuditEntry.__table__, ("at", "user_id", "username", "action", "entity", "entity_id",
                                                     "changes", "summary", "prev_hash", "hash"), audit_rows)
    return len(owner_rows), len(plan_rows), len(audit_rows)


def _written(session: Any) -> dict[str, int]:
    """What a commit into an empty database wrote (the import's own event and dictionary rows aside)."""
    def count(sql: str) -> int:
        return int(session.scalar(text(sql)) or 0)
    return {"customers": count("SELECT count(*) FROM customers"), "owners": count("SELECT count(*) FROM customer_owners"),
            "plans": count("SELECT count(*) FROM price_plans"),
            "audit": count("SELECT count(*) FROM audit_log WHERE entity IN ('customer', 'price_plan')")}


def _counts(written: dict[str, int]) -> str:
    return ", ".join(f"{n} {what}" for what, n in written.items()) + " rows"


def child(step: str, url: str, sheet: Path) -> None:
    """One measured step in this (fresh) process; prints one JSON line."""
    started, cpu = time.perf_counter(), time.process_time()
    report: dict[str, Any] = {}
    if step == "floor":
        rows = floor_read(sheet)
        report["read"] = time.perf_counter() - started
        report["written"] = floor_write(url, rows)
    else:
        engine = create_db_engine(url)
        factory = make_session_factory(engine)
        with session_scope(factory) as session:
            actor = actor_for(session, session.scalar(select(User).where(User.username == "admin")))
        with session_scope(factory) as session:
            result = import_customers(session, actor, sheet, dry_run=step == "dry run")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if step == "commit":
            with session_scope(factory) as session:
                report["written"] = _written(session)
        report["summary"] = (f"rows {result.rows}: {result.inserted} new, {result.updated} updated, "
                             f"{result.unchanged} unchanged, {result.rejected} rejected, "
                             f"{result.warnings} with warnings")
        engine.dispose()
        report.update(seconds=seconds, cpu=cpu, peak_mb=_peak_mb())
    if "seconds" not in report:
        report.update(seconds=time.perf_counter() - started, cpu=time.process_time() - cpu, peak_mb=_peak_mb())
    print(json.dumps(report))


def _in_child(step: str, url: str, sheet: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", step, "--url", url, "--large", str(sheet)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(backend: str, pg_url: str, sheet: Path, label: str) -> dict[str, float]:
    timings: dict[str, float] = {}
    with database(backend, pg_url) as url, database(backend, pg_url) as floor_url:
        for target in (url, floor_url):
            engine = create_db_engine(target)
            bootstrap.initialise(engine, "admin", "Bench-admin-2026", "管理员")
            engine.dispose()
        floor = _in_child("floor", floor_url, sheet)
        timings["floor"], timings["floor read"] = floor["seconds"], floor["read"]
        print(f"  {backend:<10} {label:<6} {'floor':<10} {floor['seconds']:7.2f} s  (cpu {floor['cpu']:6.2f} s, "
              f"read {floor['read']:.2f} s, "
              f"write {floor['seconds'] - floor['read']:.2f} s of " + _counts(floor["written"]) + "; "
              f"peak {floor['peak_mb']:.0f} MB)", flush=True)
        for step in ("dry run", "commit", "re-import"):
            got = _in_child(step, url, sheet)
            timings[step], timings[f"{step} cpu"], timings[f"{step} peak"] = got["seconds"], got["cpu"], got["peak_mb"]
            print(f"  {backend:<10} {label:<6} {step:<10} {got['seconds']:7.2f} s  (cpu {got['cpu']:6.2f} s, "
                  f"{got['seconds'] / floor['seconds']:4.1f}x floor, peak {got['peak_mb']:.0f} MB)   "
                  f"{got['summary']}", flush=True)
            if "written" in got:
                print(f"  {'':<10} {'':<6} {'':<10} wrote " + _counts(got["written"]), flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the synthetic sheet (0: skip it)")
    parser.add_argument("--sheet", type=Path, default=REAL_SHEET, help="the real customer sheet")
    parser.add_argument("--large", type=Path, help="use this synthetic sheet instead of generating one")
    parser.add_argument("--pg-url", default=PG_DEFAULT)
    parser.add_argument("--skip-real", action="store_true", help="only the synthetic sheet")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.large)
        return
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    sheets = []
    if args.sheet.exists() and not args.skip_real:
        sheets.append(("real", args.sheet))
    if args.large:
        sheets.append(("large", args.large))
    elif args.rows:
        large = Path(tempfile.mkdtemp(prefix="opcms-bench-")) / f"customers-{args.rows}.xlsx"
        started = time.perf_counter()
        generate(args.rows, large)
        print(f"generated {large} ({args.rows} rows) in {time.perf_counter() - started:.1f} s")
        sheets.append(("large", large))
    summary = []
    for backend in backends:
        for label, sheet in sheets:
            timings = run(backend, args.pg_url, sheet, label)
            target = TARGETS[(label, backend)]
            steps = ("dry run", "commit") if label == "real" else ("commit",)
            measured = sum(timings[s] for s in steps)
            cpu = sum(timings[f"{s} cpu"] for s in steps)
            ratio = timings["commit"] / timings["floor"]
            peaks = {s: timings[f"{s} peak"] for s in ("dry run", "commit", "re-import")}
            peak = max(peaks.values())
            summary.append(f"{backend:<10} {label:<6} {' + '.join(steps):<17} {measured:7.2f} s wall, {cpu:6.2f} s cpu "
                           f"(target < {target:g} s) {'OK' if measured < target else 'SLOW'}; commit "
                           f"{ratio:.1f}x its floor of {timings['floor']:.2f} s (target <= 2) "
                           f"{'OK' if ratio <= 2 else 'SLOW'}; peak memory "
                           + ", ".join(f"{s} {mb:.0f} MB" for s, mb in peaks.items())
                           + f" (target < 500) {'OK' if peak < 500 else 'OVER'}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("\n".join(["", f"summary ({os.cpu_count()} cpus, load average {load:.1f}; cpu = this process only, "
                          "PostgreSQL server time not included):", *summary]))


if __name__ == "__main__":
    main()
