"""The pricing sandbox (结算沙盒): what a segment's customers would have paid under another price.

For the chosen customers and the last N complete months before `as_of`, each month is priced twice with the
bill run's own code (services/billing/compute.charge_customer over services/billing/usage_totals.read_usage,
plans loaded by the bill run's loader): once with the plans in force, once with the change. Nothing is written.

Decisions:
- A new plan replaces every plan of each customer for the whole window, from the window's first day,
  open-ended (so a package plan's annual fee falls once, in the first month, and its quota counts across
  the months, as a contract starting that day would).
- A percentage change scales every price of the current plans (unit prices, formula parts, tier prices, area
  rates, annual fees, overage prices) by (100 + p) %, each kept to its stored precision (4 decimals for rates,
  2 for fees, ROUND_HALF_UP); the lines are then priced and rounded once each as usual.
- Usage no plan prices is reported (`unpriced_shoots`), never counted as money.
- A customer is listed when selected, whether or not it had usage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer
from ..audit import trail as audit
from ..billing.compute import charge_customer
from ..billing.run import PRIOR_DAYS
from ..billing.run import load_plans as load_bill_run_plans
from ..billing.usage_totals import read_usage
from ..platform.errors import Problem, ValidationError
from ..platform.operations import reads, writes
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress, Steps
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..pricing.engine import Plan
from ..pricing.grammar import TierBand, parse_tiers
from ..pricing.plan_input import PlanInput, validate_plan
from ..security.access_log import record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .conditions import customer_id_select
from .field_guard import require_amounts
from .segments import segment_id_select

MAX_MONTHS = 24
MAX_CUSTOMERS = 50_000
SANDBOX_PLAN_ID = -1
_RATE, _FEE = Decimal("0.0001"), Decimal("0.01")
_RATE_FIELDS = (
    "single_price",
    "multi_price",
    "multi_base",
    "multi_step",
    "extra_floor_price",
    "area_rate",
    "overage_price",
)


@dataclass(frozen=True)
class SandboxRow:
    customer_id: int
    company_id: int
    name: str
    shoots: int
    current: Decimal
    proposed: Decimal
    unpriced_shoots: int  # under the current plans
    proposed_unpriced_shoots: int

    @property
    def difference(self) -> Decimal:
        return self.proposed - self.current


@dataclass(frozen=True)
class SandboxResult:
    months: tuple[str, ...]
    change: str  # "percent:+10" / "plan:per_shoot"
    rows: tuple[SandboxRow, ...]
    current_total: Decimal
    proposed_total: Decimal
    unpriced_shoots: int

    @property
    def difference(self) -> Decimal:
        return self.proposed_total - self.current_total


def sandbox_months(months: int, as_of: dt.date) -> list[Period]:
    """The `months` complete calendar months before as_of's month, oldest first."""
    last = Period.of(as_of).previous
    found = [last]
    for _ in range(months - 1):
        found.append(found[-1].previous)
    return list(reversed(found))


def _check(months: object, new_plan: PlanInput | None, percent: object) -> Decimal | None:
    problems: list[Problem] = []
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        problems.append(
            Problem(
                "segments.sandbox.months_range",
                field="months",
                value=str(months)[:20],
                params={"maximum": MAX_MONTHS},
            )
        )
    if new_plan is None and percent is None:
        problems.append(Problem("segments.sandbox.no_change", field="change"))
    if new_plan is not None and percent is not None:
        problems.append(Problem("segments.sandbox.both_changes", field="change"))
    scale: Decimal | None = None
    if percent is not None:
        try:
            value = Decimal(str(percent)) if not isinstance(percent, bool) else None
        except ArithmeticError:
            value = None
        if value is None or not value.is_finite() or not Decimal(-100) <= value <= Decimal(1000):
            problems.append(
                Problem("segments.sandbox.percent_range", field="percent", value=str(percent)[:20])
            )
        else:
            scale = (Decimal(100) + value) / Decimal(100)
    if new_plan is not None:
        problems.extend(validate_plan(new_plan))
    if problems:
        raise ValidationError("segments.sandbox.invalid", problems)
    return scale


PLAN_KEYS = (
    "mode",
    "series",
    "single_price",
    "multi_price",
    "multi_base",
    "multi_step",
    "tiers",
    "extra_floor_price",
    "area_rate",
    "annual_fee",
    "quota",
    "overage_price",
)


def plan_from_document(document: object) -> PlanInput:
    """A typed-in plan from JSON-like data ({"mode": "per_shoot", "single_price": "12", "tiers": "0-100:10; 100+:8"});
    the plan's own rules are checked later by validate_plan (run_sandbox)."""
    problems: list[Problem] = []
    if not isinstance(document, dict):
        raise ValidationError(
            "segments.sandbox.plan_invalid", [Problem("segments.sandbox.plan_not_object", field="plan")]
        )
    values: dict[str, Any] = {}
    for key, raw in document.items():
        if key not in PLAN_KEYS:
            problems.append(
                Problem("segments.sandbox.plan_key", field=str(key)[:40], params={"known": list(PLAN_KEYS)})
            )
        elif raw is None:
            continue
        elif key in ("mode", "series"):
            values[key] = str(raw)
        elif key == "tiers":
            try:
                values[key] = tuple(parse_tiers(raw, "tiers"))
            except ValidationError as exc:
                problems.extend(exc.problems)
        elif key == "quota":
            if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).strip().isdigit():
                problems.append(Problem("segments.sandbox.plan_number", field=key, value=str(raw)[:40]))
            else:
                values[key] = int(str(raw).strip())
        else:
            try:
                number = Decimal(str(raw).strip()) if not isinstance(raw, bool) else None
            except ArithmeticError:
                number = None
            if number is None or not number.is_finite():
                problems.append(Problem("segments.sandbox.plan_number", field=key, value=str(raw)[:40]))
            else:
                values[key] = number
    if "mode" not in values:
        problems.append(Problem("segments.sandbox.plan_mode", field="mode"))
    if problems:
        raise ValidationError("segments.sandbox.plan_invalid", problems)
    return PlanInput(customer_id=0, effective_from=dt.date(2000, 1, 1), source="sandbox", **values)


def _scaled(plan: Plan, scale: Decimal) -> Plan:
    changes: dict[str, Any] = {
        name: (getattr(plan, name) * scale).quantize(_RATE, ROUND_HALF_UP)
        for name in _RATE_FIELDS
        if getattr(plan, name) is not None
    }
    if plan.annual_fee is not None:
        changes["annual_fee"] = (plan.annual_fee * scale).quantize(_FEE, ROUND_HALF_UP)
    changes["tiers"] = tuple(
        TierBand(b.from_count, b.to_count, (b.unit_price * scale).quantize(_RATE, ROUND_HALF_UP))
        for b in plan.tiers
    )
    return replace(plan, **changes)


def _typed_plan(plan: PlanInput, start: dt.date) -> Plan:
    return Plan(
        id=SANDBOX_PLAN_ID,
        series=plan.series,
        mode=plan.mode,
        effective_from=start,
        effective_to=None,
        single_price=plan.single_price,
        multi_price=plan.multi_price,
        multi_base=plan.multi_base,
        multi_step=plan.multi_step,
        extra_floor_price=plan.extra_floor_price,
        area_rate=plan.area_rate,
        annual_fee=plan.annual_fee,
        quota=plan.quota,
        overage_price=plan.overage_price,
        payment_terms_days=plan.payment_terms_days,
        tiers=tuple(plan.tiers),
    )


@reads
def run_sandbox(
    session: Session,
    actor: Actor,
    *,
    segment: str | None = None,
    condition: object = None,
    months: int = 3,
    new_plan: PlanInput | None = None,
    percent: Decimal | int | str | None = None,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SandboxResult:
    """Revenue per customer over the last `months` months under today's plans and under the change.

    The customers are a segment's members (by name) or those matching a condition document; without either,
    every customer the actor may see."""
    require(actor, "pricing.view")
    require(actor, "insight.view")
    require_amounts(session, actor)
    scale = _check(months, new_plan, percent)
    day = as_of or dt.date.today()
    if segment is not None:
        chosen = segment_id_select(session, actor, segment, day)
    elif condition is not None:
        chosen = customer_id_select(session, actor, condition, day)
    else:
        chosen = select(Customer.id).where(visible_customers(actor, Customer.id))
    customers = session.execute(
        select(Customer.id, Customer.company_id, Customer.name)
        .where(Customer.id.in_(chosen.scalar_subquery()), visible_customers(actor, Customer.id))
        .order_by(Customer.company_id)
    ).all()
    if len(customers) > MAX_CUSTOMERS:
        raise ValidationError("segments.sandbox.too_many_customers", maximum=MAX_CUSTOMERS)
    periods = sandbox_months(months, day)
    window_start, window_end = periods[0].start, periods[-1].end
    plans = load_bill_run_plans(session, actor, window_start - dt.timedelta(days=PRIOR_DAYS), window_end)
    typed = _typed_plan(new_plan, window_start) if new_plan is not None else None

    def restricted(column: Any) -> Any:
        return visible_customers(actor, column) & column.in_(chosen.scalar_subquery())

    totals: dict[int, list[Any]] = {
        cid: [0, Decimal("0.00"), Decimal("0.00"), 0, 0] for cid, _, _ in customers
    }
    steps = Steps(progress, cancel)
    for index, period in enumerate(periods):
        steps(index, len(periods), str(period))
        start, end = period.start, period.end
        usage = read_usage(session, start, end, restricted)
        prior = read_usage(
            session, start - dt.timedelta(days=PRIOR_DAYS), start - dt.timedelta(days=1), restricted
        )
        for cid, sums in totals.items():
            current_plans = plans.get(cid, ())
            proposed_plans = (
                (typed,)
                if typed is not None
                else tuple(_scaled(p, scale or Decimal(1)) for p in current_plans)
            )
            rows, before = usage.get(cid, ()), prior.get(cid, ())
            now = charge_customer(current_plans, rows, before, start, end)
            then = charge_customer(proposed_plans, rows, before, start, end)
            sums[0] += sum(r.shoots for r in rows)
            sums[1] += now.amount
            sums[2] += then.amount
            sums[3] += now.unpriced_shoots
            sums[4] += then.unpriced_shoots
    steps(len(periods), len(periods), "")
    result_rows = tuple(
        SandboxRow(cid, company_id, name, *totals[cid]) for cid, company_id, name in customers
    )
    change = f"plan:{new_plan.mode}" if new_plan is not None else f"percent:{Decimal(str(percent)):+}"
    return SandboxResult(
        months=tuple(str(p) for p in periods),
        change=change,
        rows=result_rows,
        current_total=sum((r.current for r in result_rows), Decimal("0.00")),
        proposed_total=sum((r.proposed for r in result_rows), Decimal("0.00")),
        unpriced_shoots=sum(r.unpriced_shoots for r in result_rows),
    )


SANDBOX_COLUMNS = (
    Column("公司id", "int", 10),
    Column("公司名称", "text", 30),
    Column("拍摄量", "int", 10),
    Column("现行方案金额", "money", 16),
    Column("新方案金额", "money", 16),
    Column("差额", "money", 14),
    Column("现行未计价拍摄", "int", 14),
)


@writes("audit", "access_log", "exports")
def export_sandbox(session: Session, actor: Actor, result: SandboxResult, path: str | Path) -> int:
    """Write a sandbox result (per customer, then the total) to .xlsx; returns the rows written."""
    require(actor, "pricing.view")
    require(actor, "insight.view")
    require_amounts(session, actor)
    clear_export(session, actor, "sandbox", len(result.rows))
    record_access(session, actor, "export", "sandbox", None, len(result.rows), {"file": Path(path).name})
    audit.record(
        session,
        actor,
        "event",
        "sandbox_export",
        None,
        {
            "months": list(result.months),
            "change": result.change,
            "rows": len(result.rows),
            "file": Path(path).name,
        },
    )
    session.flush()
    rows: list[tuple[Any, ...]] = [
        (r.company_id, r.name, r.shoots, r.current, r.proposed, r.difference, r.unpriced_shoots)
        for r in result.rows
    ]
    rows.append(
        (
            None,
            "合计",
            sum(r.shoots for r in result.rows),
            result.current_total,
            result.proposed_total,
            result.difference,
            result.unpriced_shoots,
        )
    )
    title = f"{result.months[0]}..{result.months[-1]}" if result.months else "sandbox"
    return write_xlsx(
        path, [Sheet(title, SANDBOX_COLUMNS, rows)], exported_by=actor.display_name or actor.username
    )
