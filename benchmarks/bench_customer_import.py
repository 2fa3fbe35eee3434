"""Customer import timings: the real sheet and a large synthetic one, on SQLite and PostgreSQL.

    python benchmarks/bench_customer_import.py                        # both backends, real sheet + 100k rows
    python benchmarks/bench_customer_import.py --backend sqlite --rows 20000
    python benchmarks/bench_customer_import.py --pg-url postgresql://postgres@127.0.0.1:5432/postgres

Targets (ARCHITECTURE.md): real sheet dry run + commit < 1 s on SQLite, < 2 s on PostgreSQL;
100,000 rows < 15 s on SQLite, < 25 s on PostgreSQL. Each figure is one import in a session of its
own (as the UI runs it), into a freshly migrated database: dry run, commit into the empty database,
then the same file again (every row unchanged, nothing written). The import runs in one thread, so
its process CPU time is what the wall time would be on an idle machine (PostgreSQL's own work aside).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_customer_sheet import generate  # noqa: E402
from opcms_desktop.models import User  # noqa: E402
from opcms_desktop.services.customers.sheet_import import import_customers  # noqa: E402
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


def run(backend: str, pg_url: str, sheet: Path, label: str) -> dict[str, float]:
    timings: dict[str, float] = {}
    with database(backend, pg_url) as url:
        engine = create_db_engine(url)
        bootstrap.initialise(engine, "admin", "Bench-admin-2026", "管理员")
        factory = make_session_factory(engine)
        with session_scope(factory) as session:
            actor = actor_for(session, session.scalar(select(User).where(User.username == "admin")))
        for step, dry in (("dry run", True), ("commit", False), ("re-import", False)):
            started, cpu = time.perf_counter(), time.process_time()
            with session_scope(factory) as session:
                result = import_customers(session, actor, sheet, dry_run=dry)
            timings[step] = time.perf_counter() - started
            timings[f"{step} cpu"] = time.process_time() - cpu
            print(f"  {backend:<10} {label:<6} {step:<10} {timings[step]:7.2f} s  (cpu {timings[f'{step} cpu']:6.2f} s)"
                  f"   rows {result.rows}: "
                  f"{result.inserted} new, {result.updated} updated, {result.unchanged} unchanged, "
                  f"{result.rejected} rejected, {result.warnings} with warnings", flush=True)
        engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the synthetic sheet (0: skip it)")
    parser.add_argument("--sheet", type=Path, default=REAL_SHEET, help="the real customer sheet")
    parser.add_argument("--large", type=Path, help="use this synthetic sheet instead of generating one")
    parser.add_argument("--pg-url", default=PG_DEFAULT)
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    sheets = []
    if args.sheet.exists():
        sheets.append(("real", args.sheet))
    folder = Path(tempfile.mkdtemp(prefix="opcms-bench-"))
    if args.large:
        sheets.append(("large", args.large))
    elif args.rows:
        large = folder / f"customers-{args.rows}.xlsx"
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
            summary.append(f"{backend:<10} {label:<6} {' + '.join(steps):<17} {measured:7.2f} s wall, {cpu:6.2f} s cpu "
                           f"(target < {target:g} s) {'OK' if measured < target else 'SLOW'}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("\n".join(["", f"summary ({os.cpu_count()} cpus, load average {load:.1f}; cpu = this process only, "
                          "PostgreSQL server time not included):", *summary]))


if __name__ == "__main__":
    main()
