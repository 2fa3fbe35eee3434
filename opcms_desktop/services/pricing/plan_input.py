"""One price plan on its own: the editor's input (`PlanInput`), its live validation and its description.

The rules that need the database (overlap, ending the open plan) live in services/price_plans.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..platform.errors import Problem, ValidationError
from .grammar import TierBand, format_tiers, validate_tiers

MODE_LABELS = {
    "per_shoot": "定价结算",
    "tiered_graduated": "阶梯累进",
    "tiered_volume": "阶梯全量",
    "area": "按面积",
    "annual_package": "包年套餐",
    "annual_quota": "包年限量套餐",
}
SERIES_LABELS = {"X": "X", "N": "N", "L": "L", "ALL": "全部"}
RATE_PLACES, FEE_PLACES = Decimal("0.0001"), Decimal("0.01")
TOO_LARGE = Decimal(10) ** 10
RATE_FIELDS = ("single_price", "multi_price", "multi_base", "multi_step", "extra_floor_price", "area_rate",
               "overage_price")
MODE_FIELDS: dict[str, frozenset[str]] = {
    "per_shoot": frozenset({"single_price", "multi_price", "multi_base", "multi_step"}),
    "tiered_graduated": frozenset({"tiers", "extra_floor_price"}),
    "tiered_volume": frozenset({"tiers", "extra_floor_price"}),
    "area": frozenset({"area_rate"}),
    "annual_package": frozenset({"annual_fee"}),
    "annual_quota": frozenset({"annual_fee", "quota", "overage_price"}),
}
MODE_SPECIFIC = ("single_price", "multi_price", "multi_base", "multi_step", "tiers", "extra_floor_price",
                 "area_rate", "annual_fee", "quota", "overage_price")
COMPARED = ("series", "mode", "effective_from", "effective_to", *MODE_SPECIFIC, "payment_terms_days")


@dataclass(frozen=True, kw_only=True)
class PlanInput:
    """What the editor (or the pricing import) asks for; only the fields of `mode` may be set."""

    customer_id: int
    mode: str
    effective_from: dt.date
    effective_to: dt.date | None = None  # last day included; None = open-ended
    series: str = "ALL"  # X / N / L / ALL
    single_price: Decimal | None = None  # per_shoot
    multi_price: Decimal | None = None  # per_shoot, flat per multi-floor shoot
    multi_base: Decimal | None = None  # per_shoot, a in a+(F-1)*b
    multi_step: Decimal | None = None  # per_shoot, b in a+(F-1)*b
    tiers: Sequence[TierBand] = ()  # tiered_*: contiguous from 0, last band open-ended
    extra_floor_price: Decimal | None = None  # tiered_*: per floor beyond the first of multi-floor shoots
    area_rate: Decimal | None = None  # area: yuan per m2
    annual_fee: Decimal | None = None  # annual_package / annual_quota
    quota: int | None = None  # annual_quota: shoots per contract year
    overage_price: Decimal | None = None  # annual_quota: per shoot beyond the quota
    payment_terms_days: int | None = None  # None = the customer's terms
    source: str = "editor"
    source_raw: str | None = None


def _num(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def describe_prices(plan: PlanInput) -> str:
    if plan.mode == "per_shoot":
        if plan.multi_base is not None and plan.multi_step is not None:
            multi = f"{_num(plan.multi_base)}+(F-1)*{_num(plan.multi_step)}"
        else:
            multi = _num(plan.multi_price) if plan.multi_price is not None else "按单层价"
        return f"单层 {_num(plan.single_price)}, 多层 {multi}"
    if plan.mode in ("tiered_graduated", "tiered_volume"):
        extra = f", 加层 {_num(plan.extra_floor_price)}" if plan.extra_floor_price is not None else ""
        return f"{format_tiers(list(plan.tiers))}{extra}"
    if plan.mode == "area":
        return f"{_num(plan.area_rate)} 元/m²"
    if plan.mode == "annual_quota":
        return f"年费 {_num(plan.annual_fee)}, 额度 {plan.quota}, 超额 {_num(plan.overage_price)}"
    return f"年费 {_num(plan.annual_fee)}"


def validate_plan(plan: PlanInput) -> list[Problem]:
    """Every problem of one plan on its own (no database): the editor calls it on each change."""
    problems: list[Problem] = []

    def add(message: str, field: str, value: object = None) -> None:
        problems.append(Problem(message, field=field, value=None if value is None else str(value)))

    if plan.mode not in MODE_LABELS:
        add(f"unknown mode; choose one of {', '.join(MODE_LABELS)}", "mode", plan.mode)
        return problems
    label = MODE_LABELS[plan.mode]
    if plan.series not in SERIES_LABELS:
        add("the device series must be X, N, L or ALL (全部)", "series", plan.series)
    if plan.effective_to is not None and plan.effective_to < plan.effective_from:
        add(f"the last day is before the first day {plan.effective_from.isoformat()}", "effective_to",
            plan.effective_to.isoformat())
    for name in RATE_FIELDS + ("annual_fee",):
        value = getattr(plan, name)
        places = FEE_PLACES if name == "annual_fee" else RATE_PLACES
        if value is None:
            continue
        if value < 0:
            add("must not be negative", name, value)
        elif value >= TOO_LARGE:
            add("is too large", name, value)
        elif value != value.quantize(places):
            add(f"has more than {len(str(places)) - 2} decimals", name, value)
    if plan.payment_terms_days is not None and not 0 <= plan.payment_terms_days <= 366:
        add("payment terms must be 0 to 366 days", "payment_terms_days", plan.payment_terms_days)
    used = MODE_FIELDS[plan.mode]
    for name in unused_fields(plan):
        add(f"is not used by {label} plans; leave it empty", name, _field_text(plan, name))
    if plan.mode == "per_shoot":
        _check_per_shoot(plan, add)
    elif "tiers" in used:
        if not plan.tiers:
            add(f"a {label} plan needs tier bands, e.g. 0-1000:10; 1000+:8", "tiers")
        else:
            try:
                validate_tiers(list(plan.tiers), "tiers")
            except ValidationError as exc:
                problems.extend(exc.problems)
    elif plan.mode == "area" and not plan.area_rate:
        add("an 按面积 plan needs a price per m² above 0", "area_rate", plan.area_rate)
    if "annual_fee" in used and not plan.annual_fee:
        add(f"a {label} plan needs the annual fee (above 0)", "annual_fee", plan.annual_fee)
    if plan.mode == "annual_quota":
        if plan.quota is None or plan.quota <= 0:
            add("a 包年限量套餐 plan needs the quota: shoots per contract year, above 0", "quota", plan.quota)
        if plan.overage_price is None:
            add("a 包年限量套餐 plan needs the price of each shoot beyond the quota", "overage_price")
    return problems


def _check_per_shoot(plan: PlanInput, add: Any) -> None:
    if plan.single_price is None:
        add("a 定价结算 plan needs the single-floor price", "single_price")
    has_formula = plan.multi_base is not None or plan.multi_step is not None
    if plan.multi_price is not None and has_formula:
        add("give either a flat multi-floor price or the formula a+(F-1)*b, not both", "multi_price",
            plan.multi_price)
    if has_formula and (plan.multi_base is None or plan.multi_step is None):
        missing = "multi_step" if plan.multi_step is None else "multi_base"
        add("the formula a+(F-1)*b needs both a and b", missing)


def unused_fields(plan: PlanInput) -> list[str]:
    """The mode-specific fields set although `plan.mode` does not use them."""
    used = MODE_FIELDS.get(plan.mode, frozenset())
    return [name for name in MODE_SPECIFIC if name not in used and _is_set(getattr(plan, name))]


def _is_set(value: object) -> bool:
    return bool(value) if isinstance(value, tuple | list) else value is not None


def _field_text(plan: PlanInput, name: str) -> str:
    value = getattr(plan, name)
    return format_tiers(list(value)) if name == "tiers" else str(value)
