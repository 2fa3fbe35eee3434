"""The floor of a bill run: the same work done bare, to measure the bill run against.

- read: the grouped SQL reads of the period's usage (orders per customer x series, monthly summaries), the
  previous month's shoot totals, the prior year's usage of quota customers, the plans with their tiers,
  the customers (with the name a bill shows) and the period's bills (what a run compares with), fetched
  as plain tuples through the driver;
- price: the plan arithmetic on those rows with plain Decimal (one line per customer x series x plan
  part, rounded to the cent, as a plain tuple with its text), no exceptions, no comparison with existing
  drafts;
- write: a bare bulk insert (COPY on PostgreSQL) of as many bills, lines and audit rows as the run writes,
  the audit rows with their JSON and hash chain (sha256 of the previous hash and the row), rolled back
  afterwards.

The floor prices the benchmark's plan modes the way the engine does in the common case (one plan in force
for the month); it is a yardstick for the cost of the work, not a second pricing engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Engine, text

from opcms_desktop.models import AuditEntry, Invoice, InvoiceLine
from opcms_desktop.services.platform.bulk import bulk_insert_rows
from opcms_desktop.services.platform.db import make_session_factory

CENT = Decimal("0.01")
ZERO = Decimal("0")


def _fetch(engine: Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def read(engine: Engine, period: str) -> dict[str, Any]:
    start = dt.date.fromisoformat(period + "-01")
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end.replace(day=1)
    prev_period = prev_start.strftime("%Y-%m")
    year_ago = start - dt.timedelta(days=366)
    orders = _fetch(engine, """
        SELECT customer_id, series, sum(CASE WHEN floors >= 2 THEN 0 ELSE 1 END),
               sum(CASE WHEN floors >= 2 THEN 1 ELSE 0 END), sum(CASE WHEN floors >= 2 THEN floors ELSE 0 END),
               sum(area)
        FROM usage_orders WHERE upload_date BETWEEN :s AND :e GROUP BY customer_id, series""", s=start, e=end)
    monthly = _fetch(engine, """
        SELECT customer_id, series, single_shoots, multi_shoots, multi_floors, area
        FROM usage_monthly WHERE period = :p""", p=period)
    previous = _fetch(engine, """
        SELECT customer_id, sum(single_shoots + multi_shoots) FROM usage_monthly WHERE period = :p
        GROUP BY customer_id""", p=prev_period)
    previous += _fetch(engine, """
        SELECT customer_id, count(*) FROM usage_orders WHERE upload_date BETWEEN :s AND :e
        GROUP BY customer_id""", s=prev_start, e=prev_end)
    prior = _fetch(engine, """
        SELECT m.customer_id, sum(m.single_shoots + m.multi_shoots) FROM usage_monthly m
        WHERE m.period >= :a AND m.period < :p AND m.customer_id IN
              (SELECT customer_id FROM price_plans WHERE mode = 'annual_quota')
        GROUP BY m.customer_id""", a=year_ago.strftime("%Y-%m"), p=period)
    plans = _fetch(engine, """
        SELECT id, customer_id, series, mode, single_price, multi_price, multi_base, multi_step,
               extra_floor_price, area_rate, annual_fee, quota, overage_price, effective_from
        FROM price_plans WHERE effective_from <= :e AND (effective_to IS NULL OR effective_to >= :s)""",
        s=start, e=end)
    tiers = _fetch(engine, """
        SELECT t.plan_id, t.from_count, t.to_count, t.unit_price FROM price_plan_tiers t
        JOIN price_plans p ON p.id = t.plan_id
        WHERE p.effective_from <= :e AND (p.effective_to IS NULL OR p.effective_to >= :s)
        ORDER BY t.plan_id, t.seq""", s=start, e=end)
    customers = _fetch(engine, "SELECT id, company_id, name, billing_enabled, disabled, payment_terms_days"
                               " FROM customers")
    bills = _fetch(engine, """
        SELECT id, customer_id, status, total, payment_terms_days, version, content_fingerprint FROM invoices
        WHERE period = :p AND kind = 'usage'""", p=period)
    return {"start": start, "orders": orders, "monthly": monthly, "previous": previous, "prior": prior,
            "plans": plans, "tiers": tiers, "customers": customers, "bills": bills}


def _d(value: Any) -> Decimal:
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _graduated(count: int, bands: list[tuple[int, int | None, Decimal]]) -> Decimal:
    total = ZERO
    for lo, hi, price in bands:
        top = count if hi is None else min(count, hi)
        if top > lo:
            total += (top - lo) * _d(price)
    return total


def _volume(count: int, bands: list[tuple[int, int | None, Decimal]]) -> Decimal:
    for lo, hi, price in bands:
        if count >= lo and (hi is None or count < hi):
            return count * _d(price)
    return ZERO


def price(data: dict[str, Any]) -> tuple[int, int, Decimal]:
    """(bills, lines, total) priced with plain Decimal arithmetic; each bill a plain tuple of its lines."""
    tiers: dict[int, list[tuple[int, int | None, Decimal]]] = defaultdict(list)
    for plan_id, lo, hi, unit in data["tiers"]:
        tiers[plan_id].append((lo, hi, unit))
    plans: dict[int, dict[str, tuple[Any, ...]]] = defaultdict(dict)
    for row in data["plans"]:
        plans[row[1]].setdefault(row[2], row)
    usage: dict[int, list[tuple[str, int, int, int, Decimal]]] = defaultdict(list)
    for cid, series, single, multi, floors, area in data["orders"] + data["monthly"]:
        usage[cid].append((series, int(single or 0), int(multi or 0), int(floors or 0), _d(area)))
    prior = {cid: int(n or 0) for cid, n in data["prior"]}
    previous: dict[int, int] = defaultdict(int)
    for cid, n in data["previous"]:
        previous[cid] += int(n or 0)
    month = data["start"].month
    bills = lines = 0
    grand = ZERO
    priced: list[tuple[int, Decimal, list[tuple[Any, ...]]]] = []
    for cid, _company, _name, _billing, _disabled, _terms in data["customers"]:
        mine = plans.get(cid)
        if not mine:
            continue
        amount = ZERO
        count = 0
        bill_lines: list[tuple[Any, ...]] = []
        for series, single, multi, floors, area in usage.get(cid, ()):
            plan = mine.get(series) or mine.get("ALL")
            if plan is None:
                continue
            (plan_id, _c, _s, mode, sp, mp, base, step, extra, rate, fee, quota, over, since) = plan
            if mode == "per_shoot":
                part = single * _d(sp)
                if base is not None:
                    part += multi * _d(base) + (floors - multi) * _d(step)
                else:
                    part += multi * _d(mp if mp is not None else sp)
            elif mode == "tiered_graduated":
                part = _graduated(single + multi, tiers[plan_id]) + (floors - multi) * _d(extra)
            elif mode == "tiered_volume":
                part = _volume(single + multi, tiers[plan_id])
            elif mode == "area":
                part = area * _d(rate)
            elif mode == "annual_quota":
                used = prior.get(cid, 0)
                part = max(0, used + single + multi - int(quota or 0)) * _d(over)
            else:
                part = ZERO
            part = part.quantize(CENT, ROUND_HALF_UP)
            amount += part
            count += 1
            shoots = single + multi
            bill_lines.append((series, f"{series}系列 {mode} {shoots}套", Decimal(shoots), None, part, plan_id))
        for plan in mine.values():
            if plan[3] in ("annual_package", "annual_quota") and _as_date(plan[13]).month == month:
                fee = _d(plan[10]).quantize(CENT, ROUND_HALF_UP)
                amount += fee
                count += 1
                bill_lines.append((plan[2], f"{plan[2]} 年费 {plan[13]}", Decimal(1), fee, fee, plan[0]))
        if count:
            priced.append((cid, amount, bill_lines))
            bills += 1
            lines += count
            grand += amount
        _ = previous.get(cid, 0) > 0 and amount  # the spike check reads the previous month too
    return bills, lines, grand


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def write(engine: Engine, bills: int, lines_per_bill: float, period: str) -> None:
    """Insert `bills` bills, their lines and one audit row each, bare, then roll back."""
    factory = make_session_factory(engine)
    session = factory()
    try:
        first = (session.execute(text("SELECT coalesce(max(id), 0) FROM invoices")).scalar() or 0) + 1
        customer_ids = [r[0] for r in session.execute(text("SELECT id FROM customers ORDER BY id LIMIT :n"),
                                                      {"n": bills})]
        now = dt.datetime.now(dt.UTC)
        bill_rows = [(first + i, cid, "1999-01", "usage", "draft", Decimal("123.45"), 30, 1)
                     for i, cid in enumerate(customer_ids)]
        bulk_insert_rows(session, Invoice.__table__, ("id", "customer_id", "period", "kind", "status", "total",
                                                      "payment_terms_days", "version"), bill_rows)
        per = max(1, round(lines_per_bill))
        line_rows = [(first + i, seq, "X", "单层 12 套 × 8.00", Decimal("12"), Decimal("8"), Decimal("96.00"))
                     for i in range(len(customer_ids)) for seq in range(1, per + 1)]
        bulk_insert_rows(session, InvoiceLine.__table__, ("invoice_id", "seq", "series", "description", "quantity",
                                                          "unit_price", "amount"), line_rows)
        audit_rows = []
        prev = "0" * 64
        for i in range(len(customer_ids) + 1):  # the hash chain the audit trail keeps, bare
            changes = json.dumps({"customer_id": [None, i], "period": [None, period], "total": [None, "123.45"],
                                  "lines": [None, per]}, ensure_ascii=False, sort_keys=True)
            summary = f"draft created by the floor {i}"
            digest = hashlib.sha256(f"{prev}|{now}|bench|create|invoice|{first + i}|{changes}|{summary}"
                                    .encode()).hexdigest()
            audit_rows.append((now, None, "bench", "create", "invoice", str(first + i), changes, summary, prev, digest))
            prev = digest
        bulk_insert_rows(session, AuditEntry.__table__, ("at", "user_id", "username", "action", "entity",
                                                         "entity_id", "changes", "summary", "prev_hash", "hash"),
                         audit_rows)
        session.flush()
    finally:
        session.rollback()
        session.close()


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t0, result
