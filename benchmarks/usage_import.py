"""Time `import_usage` on an order-detail sheet of N rows (default 100,000), then the usage screen's query.

    python benchmarks/usage_import.py                     # a throwaway SQLite file
    python benchmarks/usage_import.py --db postgresql://postgres@127.0.0.1:5432/opcms_bench --rows 100000

The database must be empty or absent (SQLite); the script creates its schema, 500 customers and the sheet,
then prints the seconds spent reading + checking + writing, and again for a re-import (all unchanged).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from opcms_desktop.models import Customer, Role, User
from opcms_desktop.services.platform.db import (
    create_db_engine,
    make_session_factory,
    session_scope,
    upgrade_schema,
)
from opcms_desktop.services.security import bootstrap
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.services.usage.records import UsageQuery, usage_page
from opcms_desktop.services.usage.sheet_import import import_usage


def write_orders(path: Path, rows: int, customers: int) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("orders")
    sheet.append(["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"])
    for i in range(rows):
        sheet.append([f"BENCH-{i:07d}", 1 + i % customers, dt.date(2026, 1, 1 + i % 28), "XNL"[i % 3],
                      1 + i % 4, round(60 + i % 90 + 0.5, 2)])
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="opcms-bench-"))
    engine = create_db_engine(args.db or f"sqlite:///{work / 'bench.db'}")
    upgrade_schema(engine)
    bootstrap.initialise(engine, upgrade=False)
    factory = make_session_factory(engine)
    with session_scope(factory) as session:
        role_id = session.query(Role.id).filter(Role.name == "ops").scalar()
        user = User(username="bench", display_name="bench", password_hash="x", role_id=role_id, active=True,
                    failed_attempts=0, must_change_password=False)
        session.add(user)
        session.add_all(Customer(company_id=i, name=f"客户{i}", name_initials="", name_pinyin="",
                                 payment_terms_days=30) for i in range(1, 501))
        session.flush()
        actor = actor_for(session, user)
    sheet = work / "orders.xlsx"
    started = time.perf_counter()
    write_orders(sheet, args.rows, 500)
    print(f"wrote {args.rows} rows in {time.perf_counter() - started:.1f} s")
    for label in ("first import", "re-import"):
        started = time.perf_counter()
        with session_scope(factory) as session:
            report = import_usage(session, actor, sheet)
        print(f"{label}: {time.perf_counter() - started:.2f} s on {engine.dialect.name}: "
              f"{report.inserted} inserted, {report.unchanged} unchanged, {report.rejected} rejected")
    for label, query in (("usage page, all", UsageQuery()), ("usage page, 2026-01", UsageQuery("2026-01", "2026-01")),
                         ("usage page, one customer", UsageQuery(company_id=7))):
        started = time.perf_counter()
        with session_scope(factory) as session:
            page = usage_page(session, actor, query)
        print(f"{label}: {time.perf_counter() - started:.2f} s, {page.total_rows} rows")
    engine.dispose()


if __name__ == "__main__":
    main()
