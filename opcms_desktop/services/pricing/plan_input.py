"""One price plan on its own: the editor's input (`PlanInput`), its live validation and its description.

The rules that need the database (overlap, ending the open plan) live in services/pricing/plans.py.
Problems are catalogue codes (pricing.field.*, pricing.tiers.*) with named parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..platform.errors import Problem, ProblemList, ValidationError
from ..platform.messages import Message
from .grammar import MAX_PRICE, MAX_TIER_COUNT, TierBand, format_tiers, validate_tiers

MODE_LABELS = {
    "per_shoot": "定价结算",
    "tiered_graduated": "阶梯累进",
    "tiered_volume": "阶梯全量",
    "area": "按面积",
    "annual_package": "包年套餐",
    "annual_quota": "包年限量套餐",
}
MODE_CODES = {mode: "pricing.mode." + mode for mode in MODE_LABELS}  # their names in the catalogue
SERIES_LABELS = {"X": "X", "N": "N", "L": "L", "ALL": "全部"}
RATE_PLACES, FEE_PLACES = Decimal("0.0001"), Decimal("0.01")
MAX_QUOTA = 12 * MAX_TIER_COUNT  # shoots per contract year: twelve months at the monthly bound
MAX_TERMS_DAYS = 366
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


def bound_text(bound: Decimal | int) -> str:
    """An upper bound as messages print it: 999,999,999.99 / 1,000,000."""
    return format(bound, ",f") if isinstance(bound, Decimal) else f"{bound:,}"


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


def mode_name(mode: str) -> Message:
    """A mode's name as a message parameter (rendered in the reader's language)."""
    return Message(MODE_CODES[mode]) if mode in MODE_CODES else Message(mode)


def series_name(series: str) -> Message | str:
    """A series as a message parameter: X / N / L as they are, ALL as 全部 / all."""
    return Message("pricing.series.all") if series == "ALL" else series


def validate_plan(plan: PlanInput) -> list[Problem]:
    """Every problem of one plan on its own (no database): the editor calls it on each change."""
    problems = ProblemList()

    def add(code: str, field: str, value: object = None, **params: Any) -> None:
        problems.add(code, field=field, value=value, **params)

    if plan.mode not in MODE_LABELS:
        add("pricing.field.mode_unknown", "mode", plan.mode, modes=[mode_name(m) for m in MODE_LABELS])
        return problems.items
    mode = mode_name(plan.mode)
    if plan.series not in SERIES_LABELS:
        add("pricing.field.series_unknown", "series", plan.series)
    if plan.effective_to is not None and plan.effective_to < plan.effective_from:
        add("pricing.field.end_before_start", "effective_to", plan.effective_to.isoformat(),
            start=plan.effective_from.isoformat())
    for name in RATE_FIELDS + ("annual_fee",):
        value = getattr(plan, name)
        places = FEE_PLACES if name == "annual_fee" else RATE_PLACES
        if value is None:
            continue
        if not value.is_finite():
            add("pricing.field.not_a_number", name, value)
        elif value < 0:
            add("pricing.field.negative", name, value)
        elif value > MAX_PRICE:  # before quantize: 1E+309 has too many digits to quantize
            add("pricing.field.too_large", name, value, maximum=bound_text(MAX_PRICE))
        elif value != value.quantize(places):
            add("pricing.field.too_many_decimals", name, value, places=len(str(places)) - 2)
    if plan.payment_terms_days is not None and not 0 <= plan.payment_terms_days <= MAX_TERMS_DAYS:
        add("pricing.field.terms_range", "payment_terms_days", plan.payment_terms_days)
    used = MODE_FIELDS[plan.mode]
    for name in unused_fields(plan):
        add("pricing.field.unused", name, _field_text(plan, name), mode=mode)
    if plan.mode == "per_shoot":
        _check_per_shoot(plan, add)
    elif "tiers" in used:
        if not plan.tiers:
            add("pricing.field.tiers_required", "tiers", mode=mode)
        else:
            try:
                validate_tiers(list(plan.tiers), "tiers")
            except ValidationError as exc:
                problems.items.extend(exc.problems)
    elif plan.mode == "area" and not plan.area_rate:
        add("pricing.field.area_rate_required", "area_rate", plan.area_rate)
    if "annual_fee" in used and not plan.annual_fee:
        add("pricing.field.annual_fee_required", "annual_fee", plan.annual_fee, mode=mode)
    if plan.mode == "annual_quota":
        if plan.quota is None or plan.quota <= 0:
            add("pricing.field.quota_required", "quota", plan.quota)
        elif plan.quota > MAX_QUOTA:
            add("pricing.field.quota_too_large", "quota", plan.quota, maximum=bound_text(MAX_QUOTA))
        if plan.overage_price is None:
            add("pricing.field.overage_required", "overage_price")
    return problems.items


def _check_per_shoot(plan: PlanInput, add: Any) -> None:
    if plan.single_price is None:
        add("pricing.field.single_required", "single_price")
    has_formula = plan.multi_base is not None or plan.multi_step is not None
    if plan.multi_price is not None and has_formula:
        add("pricing.field.multi_both", "multi_price", plan.multi_price)
    if has_formula and (plan.multi_base is None or plan.multi_step is None):
        missing = "multi_step" if plan.multi_step is None else "multi_base"
        add("pricing.field.formula_incomplete", missing)


def unused_fields(plan: PlanInput) -> list[str]:
    """The mode-specific fields set although `plan.mode` does not use them."""
    used = MODE_FIELDS.get(plan.mode, frozenset())
    return [name for name in MODE_SPECIFIC if name not in used and _is_set(getattr(plan, name))]


def _is_set(value: object) -> bool:
    return bool(value) if isinstance(value, tuple | list) else value is not None


def _field_text(plan: PlanInput, name: str) -> str:
    value = getattr(plan, name)
    return format_tiers(list(value)) if name == "tiers" else str(value)
