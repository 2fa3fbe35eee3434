"""The price grammar of DOMAIN.md 3.1: sheet cells and tier strings to typed prices.

    25 / 12.5            -> per shoot
    a+(F-1)*b            -> multi-floor formula (ASCII or full-width brackets and operators)
    Nm²M元               -> area rate M/N yuan per m2
    N套餐                -> annual package fee
    0 (in 多层定价)       -> no separate multi-floor price: billed at the single price (Decision)
    anything else        -> no price, with a warning; the raw text is always kept

`PriceSpec.warning` is a message code of the catalogue (pricing.price.*) without parameters: the cell's
raw text is the value an import report shows beside it. A number with more digits than a price can hold
(1e309) raises ArithmeticError (decimal.InvalidOperation): callers report it as too large.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..platform.cells import decimal_or_none, fold, is_missing, to_text
from ..platform.errors import Problem, ValidationError
from ..platform.money import MAX_AMOUNT

RATE_PLACES = Decimal("0.0001")
MAX_PRICE = MAX_AMOUNT  # any price, rate or fee of a plan
MAX_TIER_COUNT = 1_000_000  # a tier bound is a month's shoots of one series; no month holds more


@dataclass(frozen=True)
class PriceSpec:
    kind: str  # per_shoot | formula | area | package | same_as_single | none
    raw: str
    price: Decimal | None = None
    base: Decimal | None = None  # a in a+(F-1)*b
    step: Decimal | None = None  # b in a+(F-1)*b
    area_rate: Decimal | None = None
    annual_fee: Decimal | None = None
    warning: str | None = None  # a message code (pricing.price.*); the raw text is the value it is about

    @property
    def is_price(self) -> bool:
        return self.kind not in ("none",)


@dataclass(frozen=True)
class TierBand:
    """Shoots numbered from_count+1 .. to_count of the period (to_count None = open-ended)."""

    from_count: int
    to_count: int | None
    unit_price: Decimal


_NUMBER = r"(\d+(?:\.\d+)?)"
_FORMULA = re.compile(rf"^{_NUMBER}\+\(F-1\)\*{_NUMBER}$", re.IGNORECASE)
_AREA = re.compile(rf"^{_NUMBER}(?:m2|m²|㎡|平米|平方米|平)(?:/)?{_NUMBER}元?$", re.IGNORECASE)
_PACKAGE = re.compile(rf"^{_NUMBER}元?(?:/年)?套餐$")


def parse_price(value: object, column: str = "single") -> PriceSpec:
    """Parse one 单层定价 (column='single') or 多层定价 (column='multi') cell."""
    raw = to_text(value)
    if is_missing(value):
        return PriceSpec("none", raw)
    text = fold(raw)
    number = decimal_or_none(text)
    if number is not None:
        if number < 0:
            return PriceSpec("none", raw, warning="pricing.price.negative")
        if number == 0:
            if column == "multi":
                return PriceSpec("same_as_single", raw, warning="pricing.price.multi_zero")
            return PriceSpec("none", raw, warning="pricing.price.single_zero")
        return PriceSpec("per_shoot", raw, price=number.quantize(RATE_PLACES))
    if m := _FORMULA.match(text.replace("f", "F")):
        base, step = Decimal(m.group(1)), Decimal(m.group(2))
        return PriceSpec("formula", raw, base=base.quantize(RATE_PLACES), step=step.quantize(RATE_PLACES))
    if m := _AREA.match(text):
        per, yuan = Decimal(m.group(1)), Decimal(m.group(2))
        if per == 0:
            return PriceSpec("none", raw, warning="pricing.price.area_zero")
        return PriceSpec("area", raw, area_rate=(yuan / per).quantize(RATE_PLACES))
    if m := _PACKAGE.match(text):
        return PriceSpec("package", raw, annual_fee=Decimal(m.group(1)).quantize(Decimal("0.01")))
    return PriceSpec("none", raw, warning="pricing.price.not_a_price")


def parse_formula(text: str) -> tuple[Decimal, Decimal] | None:
    """`a+(F-1)*b` -> (a, b), or None if the text is not such a formula."""
    m = _FORMULA.match(fold(text).replace("f", "F"))
    return (Decimal(m.group(1)), Decimal(m.group(2))) if m else None


_BAND = re.compile(rf"^(\d+)(?:-(\d+)|\+):{_NUMBER}$")


def parse_tiers(text: object, field: str = "阶梯") -> list[TierBand]:
    """`0-1000:10; 1000-5000:8; 5000+:5` -> validated bands (contiguous from 0, last open-ended)."""
    raw = to_text(text)
    folded = fold(raw).replace("；", ";").replace("，", ";").replace(",", ";").replace("：", ":")
    parts = [p for p in folded.split(";") if p]
    problems: list[Problem] = []
    bands: list[TierBand] = []
    for part in parts:
        m = _BAND.match(part)
        if not m:
            problems.append(Problem("pricing.tiers.band_format", field=field, value=part))
            continue
        if any(len(g.split(".")[0]) > 12 for g in m.groups() if g):  # far beyond any bound: never parsed
            problems.append(Problem("pricing.tiers.band_too_large", field=field, value=part,
                                    params={"band": len(bands) + 1, "maximum": f"{MAX_TIER_COUNT:,}",
                                            "price": format(MAX_PRICE, ",f")}))
            continue
        lo, hi = int(m.group(1)), (int(m.group(2)) if m.group(2) else None)
        bands.append(TierBand(lo, hi, Decimal(m.group(3)).quantize(RATE_PLACES)))
    if not parts:
        problems.append(Problem("pricing.tiers.missing", field=field, value=raw))
    if problems:
        raise ValidationError("pricing.tiers.unreadable", problems)
    validate_tiers(bands, field)
    return bands


def validate_tiers(bands: list[TierBand], field: str = "阶梯") -> None:
    problems: list[Problem] = []
    expected_from = 0
    for i, band in enumerate(bands):
        label = format_band(band)
        if band.from_count != expected_from:
            problems.append(Problem("pricing.tiers.band_gap", field=field, value=label,
                                    params={"band": i + 1, "expected": expected_from}))
        if band.to_count is not None and band.to_count <= band.from_count:
            problems.append(Problem("pricing.tiers.band_reversed", field=field, value=label, params={"band": i + 1}))
        if band.to_count is None and i != len(bands) - 1:
            problems.append(Problem("pricing.tiers.open_not_last", field=field, value=label, params={"band": i + 1}))
        if band.unit_price.is_finite() and band.unit_price < 0:
            problems.append(Problem("pricing.tiers.band_negative", field=field, value=label, params={"band": i + 1}))
        elif max(band.from_count, band.to_count or 0) > MAX_TIER_COUNT or not band.unit_price.is_finite() \
                or band.unit_price > MAX_PRICE or band.unit_price != band.unit_price.quantize(RATE_PLACES):
            problems.append(Problem("pricing.tiers.band_too_large", field=field, value=label,
                                    params={"band": i + 1, "maximum": f"{MAX_TIER_COUNT:,}",
                                            "price": format(MAX_PRICE, ",f")}))
        expected_from = band.to_count if band.to_count is not None else expected_from
    if bands and bands[-1].to_count is not None:
        problems.append(Problem("pricing.tiers.last_closed", field=field, value=format_band(bands[-1])))
    if problems:
        raise ValidationError("pricing.tiers.invalid", problems)


def format_band(band: TierBand) -> str:
    price = format(band.unit_price.normalize(), "f")
    if band.to_count is None:
        return f"{band.from_count}+:{price}"
    return f"{band.from_count}-{band.to_count}:{price}"


def format_tiers(bands: list[TierBand]) -> str:
    return "; ".join(format_band(b) for b in bands)
