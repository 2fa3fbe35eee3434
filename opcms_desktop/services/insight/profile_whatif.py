"""What this customer would have paid: its actual usage of the last months priced under other plans.

Decisions:
- The window is the `months` complete months ending with the last complete month at `as_of`.
- Every scenario prices the same usage through the bill run's own code (billing.compute.charge_customer
  and the pricing engine), re-dating the scenario's plans to start on the window's first day and stay
  open: an annual fee therefore falls once, in the first month, and a quota counts from that day.
- Scenarios: the current plan(s) (those in force at `as_of`, per series); for each other plan mode, the
  most common plan of that mode in force at `as_of` among the customers the actor may see (same mode
  and prices; the lowest plan id stands for them, tiers included), skipped when no such plan exists;
  and a plan the user types (validated like the plan editor: ValidationError pricing.plan_invalid).
- Usage no scenario plan prices (a series without a price) is counted in `unpriced_shoots`, not billed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ...models import PricePlan, PricePlanTier
from ..billing.compute import charge_customer
from ..billing.usage_totals import DayUsage, read_usage
from ..platform.cells import decimal_or_none, fold
from ..platform.errors import Problem, ValidationError
from ..platform.money import ZERO
from ..platform.operations import reads
from ..platform.periods import Period
from ..pricing.engine import MODE_LABELS, Plan
from ..pricing.grammar import TierBand, parse_formula, parse_tiers
from ..pricing.plan_input import PlanInput, describe_prices, mode_name, validate_plan
from ..pricing.plans import plan_history
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .field_guard import require_amounts
from .profile_amounts import amount_signals
from .profile_customers import one_customer, visible_label
from .profile_usage import current_month, months_back

MIN_MONTHS, MAX_MONTHS = 1, 36
PLAN_FIELDS = (
    "single_price",
    "multi_price",
    "multi_base",
    "multi_step",
    "extra_floor_price",
    "area_rate",
    "annual_fee",
    "quota",
    "overage_price",
)


@dataclass(frozen=True)
class Scenario:
    kind: str  # current / mode / typed; label code profiling.whatif.<kind>
    mode: str  # the plan mode (for `current`, the first current plan's)
    description: str  # the plan's prices as the plan list writes them
    monthly: tuple[Decimal, ...]  # one amount per month of WhatIf.months
    unpriced_shoots: int

    @property
    def amount(self) -> Decimal:
        return sum(self.monthly, ZERO)


@dataclass(frozen=True)
class WhatIf:
    customer_id: int
    months: tuple[str, ...]
    shoots: tuple[int, ...]  # per month
    invoiced: Decimal  # what the issued bills of the window's months actually charged
    scenarios: tuple[Scenario, ...]


def check_months(months: object) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            "profiling.months_range", minimum=MIN_MONTHS, maximum=MAX_MONTHS, value=str(months)
        )
    return months


def _engine_plan(plan: PlanInput, plan_id: int, start: dt.date) -> Plan:
    return Plan(
        id=plan_id,
        series=plan.series,
        mode=plan.mode,
        effective_from=start,
        effective_to=None,
        tiers=tuple(plan.tiers),
        payment_terms_days=plan.payment_terms_days,
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
    )


def _reference_plans(session: Session, actor: Actor, as_of: dt.date, modes: set[str]) -> dict[str, PlanInput]:
    """The most common plan of each mode in force at `as_of` among visible customers."""
    in_force = and_(
        PricePlan.effective_from <= as_of,
        or_(PricePlan.effective_to.is_(None), PricePlan.effective_to >= as_of),
        visible_customers(actor, PricePlan.customer_id),
        PricePlan.mode.in_(sorted(modes)),
    )
    columns = [getattr(PricePlan, name) for name in PLAN_FIELDS]
    groups = session.execute(
        select(PricePlan.mode, func.count(), func.min(PricePlan.id), *columns)
        .where(in_force)
        .group_by(PricePlan.mode, *columns)
    ).all()
    best: dict[str, tuple[int, int]] = {}
    for mode, count, plan_id, *_ in groups:
        if mode not in best or (count, -plan_id) > (best[mode][0], -best[mode][1]):
            best[mode] = (count, plan_id)
    ids = [plan_id for _, plan_id in best.values()]
    tiers: dict[int, list[TierBand]] = defaultdict(list)
    for plan_id, lo, hi, price in session.execute(
        select(
            PricePlanTier.plan_id, PricePlanTier.from_count, PricePlanTier.to_count, PricePlanTier.unit_price
        )
        .where(PricePlanTier.plan_id.in_(ids or [-1]))
        .order_by(PricePlanTier.plan_id, PricePlanTier.seq)
    ):
        tiers[plan_id].append(TierBand(lo, hi, price))
    found: dict[str, PlanInput] = {}
    for row in session.scalars(select(PricePlan).where(PricePlan.id.in_(ids or [-1]))):
        found[row.mode] = PlanInput(
            customer_id=row.customer_id,
            mode=row.mode,
            effective_from=row.effective_from,
            series="ALL",
            tiers=tuple(tiers.get(row.id, ())),
            **{name: getattr(row, name) for name in PLAN_FIELDS},
        )
    return found


def _price(plans: list[Plan], usage: list[DayUsage], months: list[Period]) -> tuple[tuple[Decimal, ...], int]:
    amounts, unpriced = [], 0
    for month in months:
        rows = [r for r in usage if month.contains(r.day)]
        prior = [r for r in usage if r.day < month.start]
        charges = charge_customer(plans, rows, prior, month.start, month.end)
        amounts.append(charges.amount)
        unpriced += charges.unpriced_shoots
    return tuple(amounts), unpriced


@reads
def what_if_plans(
    session: Session,
    actor: Actor,
    customer_id: int,
    months: int = 12,
    plan_input: PlanInput | None = None,
    as_of: dt.date | None = None,
) -> WhatIf:
    """The customer's usage of the last `months` complete months priced under each scenario."""
    require(actor, "insight.view")
    require_amounts(session, actor)
    check_months(months)
    visible_label(session, actor, customer_id)
    if plan_input is not None:
        problems = validate_plan(dataclasses.replace(plan_input, customer_id=customer_id))
        if problems:
            raise ValidationError("pricing.plan_invalid", problems)
    day = as_of or dt.date.today()
    window = months_back(current_month(day), months)
    start, end = window[0].start, window[-1].end
    usage = read_usage(session, start, end, one_customer(actor, customer_id)).get(customer_id, [])
    current = [
        row.to_input()
        for row in plan_history(session, actor, customer_id)
        if row.effective_from <= day and (row.effective_to is None or row.effective_to >= day)
    ]
    scenarios: list[Scenario] = []
    if current:
        plans = [_engine_plan(p, i + 1, start) for i, p in enumerate(current)]
        scenarios.append(
            _scenario(
                "current",
                current[0].mode,
                "; ".join(describe_prices(p) for p in current),
                plans,
                usage,
                window,
            )
        )
    others = set(MODE_LABELS) - {p.mode for p in current}
    for mode, plan in sorted(
        _reference_plans(session, actor, day, others).items(), key=lambda kv: list(MODE_LABELS).index(kv[0])
    ):
        scenarios.append(
            _scenario("mode", mode, describe_prices(plan), [_engine_plan(plan, 1, start)], usage, window)
        )
    if plan_input is not None:
        scenarios.append(
            _scenario(
                "typed",
                plan_input.mode,
                describe_prices(plan_input),
                [_engine_plan(plan_input, 1, start)],
                usage,
                window,
            )
        )
    shoots = tuple(sum(r.shoots for r in usage if m.contains(r.day)) for m in window)
    invoiced = _invoiced(session, actor, customer_id, window)
    return WhatIf(customer_id, tuple(str(m) for m in window), shoots, invoiced, tuple(scenarios))


def _scenario(
    kind: str, mode: str, description: str, plans: list[Plan], usage: list[DayUsage], window: list[Period]
) -> Scenario:
    monthly, unpriced = _price(plans, usage, window)
    return Scenario(kind, mode, description, monthly, unpriced)


def _invoiced(session: Session, actor: Actor, customer_id: int, window: list[Period]) -> Decimal:
    signal = amount_signals(session, one_customer(actor, customer_id), window[-1].end, months=len(window))
    return signal[customer_id].invoiced if customer_id in signal else ZERO


def scenario_label(scenario: Scenario) -> tuple[str, dict[str, Any]]:
    """The message code and parameters naming a scenario (the mode's name for kind `mode`)."""
    if scenario.kind == "mode":
        return "profiling.whatif.mode", {"mode": mode_name(scenario.mode)}
    return f"profiling.whatif.{scenario.kind}", {}


def typed_plan(
    mode: str, price: str = "", multi: str = "", tiers: str = "", quota: str = "", overage: str = ""
) -> PlanInput:
    """A plan from the what-if form's texts (no database): `price` is the single-shoot price, the area rate
    or the annual fee, by mode; `multi` a flat price or `a+(F-1)*b`. ValidationError names each bad field."""
    problems: list[Problem] = []

    def number(text: str, field: str, *, whole: bool = False) -> Decimal | None:
        if not text.strip():
            return None
        value = decimal_or_none(fold(text))
        if value is None or value < 0 or (whole and value != value.to_integral_value()):
            problems.append(Problem("profiling.typed.not_a_number", field=field, value=text))
            return None
        return value

    fields: dict[str, Any] = {}
    if mode == "per_shoot":
        fields["single_price"] = number(price, "price")
        formula = parse_formula(multi) if multi.strip() else None
        if formula is not None:
            fields["multi_base"], fields["multi_step"] = formula
        else:
            fields["multi_price"] = number(multi, "multi")
    elif mode in ("tiered_graduated", "tiered_volume"):
        try:
            fields["tiers"] = tuple(parse_tiers(tiers, "tiers"))
        except ValidationError as error:
            problems.extend(error.problems)
    elif mode == "area":
        fields["area_rate"] = number(price, "price")
    elif mode in ("annual_package", "annual_quota"):
        fields["annual_fee"] = number(price, "price")
        if mode == "annual_quota":
            count = number(quota, "quota", whole=True)
            fields["quota"] = int(count) if count is not None else None
            fields["overage_price"] = number(overage, "overage")
    else:
        problems.append(Problem("profiling.typed.unknown_mode", field="mode", value=mode))
    if problems:
        raise ValidationError("pricing.plan_invalid", problems)
    plan = PlanInput(customer_id=0, mode=mode, effective_from=dt.date(2000, 1, 1), **fields)
    found = validate_plan(plan)
    if found:
        raise ValidationError("pricing.plan_invalid", found)
    return plan
