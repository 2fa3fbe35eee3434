"""The pricing engine (DOMAIN.md 3.2, 3.3): pure functions from a plan and usage counts to invoice lines.

No database, no clock: Decimal in, Decimal out. Each line is computed exactly and rounded once to
0.01 yuan (ROUND_HALF_UP); an invoice total is the sum of its rounded lines.

Decisions (beyond DOMAIN.md):
- Lines are per plan bucket and layer: a series plan prices its own series; an ALL plan prices all
  series together (one line per layer, the per-series counts shown in the description), so tiers and
  quotas of an ALL plan count every series, and an area rate is applied once to the summed area.
- per_shoot multi-floor shoots: the a+(F-1)*b formula when multi_base is set (multi_step empty = 0),
  else the flat multi_price, else (multi_price empty or 0: the "0 in 多层定价" decision) the single price.
- A plan's contract year starts on effective_from and on each anniversary; an anniversary of 29 Feb
  falls on 28 Feb in years without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, TypeVar

from ..platform.messages import render
from ..platform.money import CENT, money  # the one rounding rule; callers still use pe.money (cli/billing.py)
from .grammar import TierBand

_T = TypeVar("_T")
ZERO = Decimal("0")
ALL = "ALL"
SERIES_ORDER = {"X": 0, "N": 1, "L": 2, ALL: 3}
USAGE_MODES = ("per_shoot", "tiered_graduated", "tiered_volume", "area")
"""Modes that charge per use (a month without usage under them is worth a note)."""
ANNUAL_MODES = ("annual_package", "annual_quota")
MODE_LABELS = {
    "per_shoot": "定价结算", "tiered_graduated": "阶梯（累进）", "tiered_volume": "阶梯（全量）",
    "area": "按面积", "annual_package": "包年套餐", "annual_quota": "包年限量套餐",
}


@dataclass(frozen=True)
class Plan:
    """A price plan as the engine sees it (built from models.PricePlan by the bill run)."""

    id: int
    series: str  # X / N / L / ALL
    mode: str
    effective_from: dt.date
    effective_to: dt.date | None = None  # last day included; None = open-ended
    single_price: Decimal | None = None
    multi_price: Decimal | None = None
    multi_base: Decimal | None = None
    multi_step: Decimal | None = None
    extra_floor_price: Decimal | None = None
    area_rate: Decimal | None = None
    annual_fee: Decimal | None = None
    quota: int | None = None
    overage_price: Decimal | None = None
    payment_terms_days: int | None = None
    tiers: tuple[TierBand, ...] = ()

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.effective_from <= end and (self.effective_to is None or self.effective_to >= start)


@dataclass(frozen=True)
class Counts:
    """Usage of one bucket: single-floor shoots, multi-floor shoots, their total floors, area."""

    single_shoots: int = 0
    multi_shoots: int = 0
    multi_floors: int = 0
    area: Decimal = ZERO
    shoots_without_area: int = 0
    by_series: tuple[tuple[str, int, int], ...] = ()  # (series, single, multi shoots), for descriptions

    @property
    def shoots(self) -> int:
        return self.single_shoots + self.multi_shoots

    @property
    def extra_floors(self) -> int:
        """Σ (F-1) over the multi-floor shoots."""
        return self.multi_floors - self.multi_shoots

    def __add__(self, other: Counts) -> Counts:
        per: dict[str, tuple[int, int]] = {s: (a, b) for s, a, b in self.by_series}
        for series, single, multi in other.by_series:
            a, b = per.get(series, (0, 0))
            per[series] = (a + single, b + multi)
        return Counts(self.single_shoots + other.single_shoots, self.multi_shoots + other.multi_shoots,
                      self.multi_floors + other.multi_floors, self.area + other.area,
                      self.shoots_without_area + other.shoots_without_area,
                      tuple((s, a, b) for s, (a, b) in sorted(per.items(), key=lambda kv: SERIES_ORDER.get(kv[0], 9))))


@dataclass(frozen=True)
class Line:
    """One invoice line: how it was computed and its amount (already rounded)."""

    series: str | None
    description: str
    quantity: Decimal
    amount: Decimal
    unit_price: Decimal | None = None
    formula: str | None = None
    plan_id: int | None = None


@dataclass(frozen=True)
class Shortfall:
    """Usage the plan cannot price (a price is missing): never billed at 0, always reported.

    `code` and `params` are a catalogue message (pricing.short.*); `message` is its text.
    """

    series: str
    shoots: int
    code: str
    kind: str = "no_price"
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)


@dataclass(frozen=True)
class Priced:
    lines: tuple[Line, ...] = ()
    shortfalls: tuple[Shortfall, ...] = field(default_factory=tuple)


def total(lines: Iterable[Line]) -> Decimal:
    """An invoice total: the sum of its rounded lines."""
    return sum((line.amount for line in lines), Decimal("0.00"))


def build(cls: type[_T], /, **values: Any) -> _T:
    """A frozen dataclass without its __init__ (several times faster; a bill run builds hundreds of
    thousands). Fields left out keep their class default; no __post_init__ runs."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


# --- formatting -------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # a run formats the same few prices tens of thousands of times
def fmt_price(value: Decimal) -> str:
    """8 -> 8.00, 0.125 -> 0.125, 8.1 -> 8.10 (2 to 4 decimals)."""
    text = format(value.quantize(Decimal("0.0001")), "f").rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def fmt_quantity(value: Decimal | int) -> str:
    """120 -> 120, 1234.50 -> 1234.5."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


@lru_cache(maxsize=64)
def series_label(series: str) -> str:
    return "全系列" if series == ALL else f"{series}系列"


def _label(series: str, counts: Counts | None = None, layer: str = "") -> str:
    """'X系列'; for an ALL plan used by several series, '全系列（X 100 N 20）' (the shoots of `layer`)."""
    if series != ALL or counts is None or len(counts.by_series) < 2:
        return series_label(series)
    per = [(s, single if layer == "single" else multi if layer == "multi" else single + multi)
           for s, single, multi in counts.by_series]
    per = [(s, n) for s, n in per if n]
    if len(per) < 2:
        return series_label(series)
    return "全系列（" + " ".join(f"{s} {n}" for s, n in per) + "）"


def _line(series: str, text: str, quantity: Decimal | int, exact: Decimal, plan: Plan, *,
          unit_price: Decimal | None = None, formula: str | None = None) -> Line:
    amount = exact.quantize(CENT, ROUND_HALF_UP) if type(exact) is Decimal else money(exact)  # money(), inlined
    return build(Line, series=series, description=text, quantity=Decimal(quantity), amount=amount,
                 unit_price=unit_price, formula=formula, plan_id=plan.id)


# --- the modes -------------------------------------------------------------------------------------

def price_per_shoot(plan: Plan, series: str, counts: Counts, note: str = "") -> Priced:
    """Single shoots × single price + the multi-floor amount (flat, formula, or at the single price)."""
    lines: list[Line] = []
    short: list[Shortfall] = []
    single = plan.single_price
    if counts.single_shoots:
        if single is None:
            short.append(Shortfall(series, counts.single_shoots, "pricing.short.no_single"))
        else:
            label = _label(series, counts, "single")
            lines.append(_line(series, f"{label} 单层拍摄 {counts.single_shoots}套 × {fmt_price(single)}{note}",
                               counts.single_shoots, counts.single_shoots * single, plan, unit_price=single))
    n = counts.multi_shoots
    label = _label(series, counts, "multi")
    if n:
        if plan.multi_base is not None:
            a, b = plan.multi_base, plan.multi_step or ZERO
            formula = f"{fmt_price(a)}×{n} + {fmt_price(b)}×{counts.extra_floors}"
            text = (f"{label} 多层拍摄 {n}套（共{counts.multi_floors}层）按 {fmt_price(a)}+(F-1)×{fmt_price(b)}"
                    f"{note}")
            lines.append(_line(series, text, n, a * n + b * counts.extra_floors, plan, formula=formula))
        elif plan.multi_price:
            p = plan.multi_price
            lines.append(_line(series, f"{label} 多层拍摄 {n}套 × {fmt_price(p)}{note}", n, n * p, plan,
                               unit_price=p))
        elif single is not None:
            lines.append(_line(series, f"{label} 多层拍摄 {n}套 × {fmt_price(single)}（按单层价）{note}", n,
                               n * single, plan, unit_price=single))
        else:
            short.append(Shortfall(series, n, "pricing.short.no_multi"))
    return build(Priced, lines=tuple(lines), shortfalls=tuple(short))


def graduated_split(bands: Iterable[TierBand], count: int) -> list[tuple[int, TierBand, int]]:
    """(band number from 1, band, shoots in it) for each band the count reaches (like a tax table)."""
    out = []
    for i, band in enumerate(bands, start=1):
        top = count if band.to_count is None else min(count, band.to_count)
        n = top - band.from_count
        if n > 0:
            out.append((i, band, n))
    return out


def volume_band(bands: Iterable[TierBand], count: int) -> tuple[int, TierBand] | None:
    """The band holding the period's last shoot (None for no shoots)."""
    if count <= 0:
        return None
    for i, band in enumerate(bands, start=1):
        if band.from_count < count and (band.to_count is None or count <= band.to_count):
            return i, band
    return None


def _band_text(band: TierBand) -> str:
    top = "+" if band.to_count is None else f"-{band.to_count}"
    return f"{band.from_count + 1}{top}"


def price_tiered(plan: Plan, series: str, counts: Counts, note: str = "") -> Priced:
    """tiered_graduated / tiered_volume on the bucket's shoot count, plus the optional extra-floor price."""
    label, count, lines = _label(series, counts), counts.shoots, []
    if count and not plan.tiers:
        return Priced((), (Shortfall(series, count, "pricing.short.no_tiers"),))
    if plan.mode == "tiered_graduated":
        for i, band, n in graduated_split(plan.tiers, count):
            p = band.unit_price
            text = f"{label} 阶梯累进 第{i}档({_band_text(band)}) {n}套 × {fmt_price(p)}{note}"
            lines.append(_line(series, text, n, n * p, plan, unit_price=p))
    else:
        found = volume_band(plan.tiers, count)
        if found is not None:
            i, band = found
            p = band.unit_price
            text = f"{label} 阶梯全量 第{i}档({_band_text(band)}) {count}套 × {fmt_price(p)}{note}"
            lines.append(_line(series, text, count, count * p, plan, unit_price=p))
    extra = counts.extra_floors
    if extra and plan.extra_floor_price is not None:
        p = plan.extra_floor_price
        lines.append(_line(series, f"{label} 多层加层 {extra}层 × {fmt_price(p)}{note}", extra, extra * p, plan,
                           unit_price=p))
    return build(Priced, lines=tuple(lines), shortfalls=())


def price_area(plan: Plan, series: str, counts: Counts, note: str = "") -> Priced:
    """Σ area × rate (a rate may have 4 decimals, e.g. 0.125 元/m²)."""
    if not counts.shoots and not counts.area:
        return Priced()
    rate = plan.area_rate
    if rate is None:
        return Priced((), (Shortfall(series, counts.shoots, "pricing.short.no_area_rate"),))
    short: tuple[Shortfall, ...] = ()
    if counts.shoots_without_area:
        n = counts.shoots_without_area
        short = (Shortfall(series, n, "pricing.short.missing_area", kind="missing_area", params={"count": n}),)
    label = _label(series, counts)
    text = f"{label} 按面积 {fmt_quantity(counts.area)}m² × {fmt_price(rate)}{note}"
    line = _line(series, text, counts.area, counts.area * rate, plan, unit_price=rate)
    return Priced((line,) if counts.area else (), short)


def quota_overage(quota: int, prior_shoots: int, shoots: int) -> int:
    """Shoots of this part beyond the contract-year quota, given the shoots counted before it."""
    return max(0, prior_shoots + shoots - quota) - max(0, prior_shoots - quota)


def price_quota_overage(plan: Plan, series: str, counts: Counts, prior_shoots: int, note: str = "") -> Priced:
    """annual_quota: shoots beyond the quota of the contract year, charged in the month they happen."""
    if not counts.shoots:
        return Priced()
    if plan.quota is None:
        return Priced((), (Shortfall(series, counts.shoots, "pricing.short.no_quota"),))
    over = quota_overage(plan.quota, prior_shoots, counts.shoots)
    if not over:
        return Priced()
    p = plan.overage_price
    if p is None:
        return Priced((), (Shortfall(series, over, "pricing.short.no_overage", params={"count": over}),))
    used = prior_shoots + counts.shoots
    text = (f"{_label(series, counts)} 超出年度限量 {over}套 × {fmt_price(p)}"
            f"（限量{plan.quota}套，本合同年累计{used}套）{note}")
    return Priced((_line(series, text, over, over * p, plan, unit_price=p),))


def price_usage(plan: Plan, series: str, counts: Counts, *, prior_shoots: int = 0, note: str = "") -> Priced:
    """The lines for one bucket's usage under `plan`; annual_package shoots are not charged."""
    if plan.mode == "per_shoot":
        return price_per_shoot(plan, series, counts, note)
    if plan.mode in ("tiered_graduated", "tiered_volume"):
        return price_tiered(plan, series, counts, note)
    if plan.mode == "area":
        return price_area(plan, series, counts, note)
    if plan.mode == "annual_quota":
        return price_quota_overage(plan, series, counts, prior_shoots, note)
    return Priced()


# --- contract years and annual fees -------------------------------------------------------------------

def add_years(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 Feb becomes 28 Feb in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def contract_year_start(plan: Plan, day: dt.date) -> dt.date:
    """The start of the contract year holding `day` (contract years start on effective_from)."""
    n = max(0, day.year - plan.effective_from.year)
    while n > 0 and add_years(plan.effective_from, n) > day:
        n -= 1
    return add_years(plan.effective_from, n)


def contract_year_end(plan: Plan, start: dt.date) -> dt.date:
    n = start.year - plan.effective_from.year
    return add_years(plan.effective_from, n + 1) - dt.timedelta(days=1)


def contract_year_starts(plan: Plan, start: dt.date, end: dt.date) -> list[dt.date]:
    """Contract-year starts inside [start, end] on which the plan is in force."""
    found = []
    n = max(0, start.year - plan.effective_from.year - 1)
    while (day := add_years(plan.effective_from, n)) <= end:
        if day >= start and plan.covers(day):
            found.append(day)
        n += 1
    return found


def annual_fee_line(plan: Plan, year_start: dt.date) -> Line | None:
    """The annual fee of an annual_package / annual_quota plan for the contract year starting then."""
    fee = plan.annual_fee
    if fee is None:
        return None
    end = contract_year_end(plan, year_start)
    what = "包年套餐年费" if plan.mode == "annual_package" else f"包年限量套餐年费（限量{plan.quota or 0}套）"
    text = f"{series_label(plan.series)} {what} {year_start.isoformat()}至{end.isoformat()}"
    return _line(plan.series, text, 1, fee, plan, unit_price=fee)


def resolve_plan(plans: Iterable[Plan], series: str, day: dt.date) -> Plan | None:
    """The plan pricing `series` on `day`: a plan for that series wins over an ALL plan.

    Overlapping plans of one series are refused when plans are saved; should two still cover the day,
    the one starting last (then the highest id) wins.
    """
    best: Plan | None = None
    for plan in plans:
        if plan.series not in (series, ALL) or not plan.covers(day):
            continue
        if best is None or _precedence(plan, series) > _precedence(best, series):
            best = plan
    return best


def _precedence(plan: Plan, series: str) -> tuple[bool, dt.date, int]:
    return plan.series == series, plan.effective_from, plan.id
