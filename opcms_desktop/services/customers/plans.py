"""The first price plan a customer gets from its sheet cells 单层定价 / 多层定价 (DOMAIN.md 3.1, 3.2).

Every parsable price seeds one plan for all device series (`ALL`), source `customer_import`, valid
from the import's plan start. A re-import with the same prices changes nothing; with other prices it
ends the open plan the day before the new start and adds a new one (or corrects it in place when it
starts on the same day). Plans made elsewhere (editor, pricing import) are never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..platform.messages import Message, msg
from ..pricing.grammar import PriceSpec

PLAN_SOURCE = "customer_import"
SINGLE, MULTI = "单层定价", "多层定价"  # the sheet's headers
VALUE_FIELDS = ("mode", "single_price", "multi_price", "multi_base", "multi_step", "area_rate", "annual_fee")


@dataclass(frozen=True)
class PlanTarget:
    mode: str
    single_price: Decimal | None = None
    multi_price: Decimal | None = None  # None with a single price: multi-floor shoots at the single price
    multi_base: Decimal | None = None
    multi_step: Decimal | None = None
    area_rate: Decimal | None = None
    annual_fee: Decimal | None = None
    source_raw: str = ""

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in VALUE_FIELDS)

    def columns(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in VALUE_FIELDS}

    def describe(self) -> dict[str, Any]:
        return {f: v for f, v in self.columns().items() if v is not None}


def _source_raw(single: PriceSpec | None, multi: PriceSpec | None) -> str:
    parts = [f"{label}: {spec.raw}" for label, spec in ((SINGLE, single), (MULTI, multi)) if spec is not None]
    return "; ".join(parts)


def _is_price(spec: PriceSpec | None) -> bool:
    return spec is not None and spec.kind in ("per_shoot", "formula", "area", "package")


def plan_from_cells(single: PriceSpec | None, multi: PriceSpec | None,
                    settlement_mode: str | None) -> tuple[PlanTarget | None, list[tuple[str, Message]]]:
    """The plan the cells describe (None if no parsable price) and warnings as (field key, message)."""
    warnings: list[tuple[str, Message]] = []
    raw = _source_raw(single, multi)
    if single is not None and single.kind == "formula":
        warnings.append(("single_price", msg("customers.import.formula_in_single", column=SINGLE, multi_column=MULTI)))
        single = None
    if single is not None and single.kind in ("area", "package"):
        if multi is not None and _is_price(multi):
            ignored = (msg("customers.import.multi_ignored_area", column=SINGLE, single=single.raw,
                           multi_column=MULTI, multi=multi.raw) if single.kind == "area"
                       else msg("customers.import.multi_ignored_package", column=SINGLE, single=single.raw,
                                multi_column=MULTI, multi=multi.raw))
            warnings.append(("multi_price", ignored))
        if single.kind == "area":
            return PlanTarget("area", area_rate=single.area_rate, source_raw=raw), warnings
        if settlement_mode == "annual_quota":
            warnings.append(("settlement_mode", msg("customers.import.quota_unknown")))
        return PlanTarget("annual_package", annual_fee=single.annual_fee, source_raw=raw), warnings
    single_price = single.price if single is not None and single.kind == "per_shoot" else None
    multi_price = multi_base = multi_step = None
    if multi is not None:
        if multi.kind == "per_shoot":
            multi_price = multi.price
        elif multi.kind == "formula":
            multi_base, multi_step = multi.base, multi.step
        elif multi.kind in ("area", "package"):
            warnings.append(("multi_price", msg("customers.import.multi_not_per_shoot", column=MULTI, value=multi.raw)))
    if single_price is None and multi_price is None and multi_base is None:
        return None, warnings
    return PlanTarget("per_shoot", single_price, multi_price, multi_base, multi_step, source_raw=raw), warnings


@dataclass(frozen=True)
class ExistingPlan:
    id: int
    effective_from: dt.date
    effective_to: dt.date | None
    values: tuple[Any, ...]
    version: int

    def describe(self) -> dict[str, Any]:
        return {f: v for f, v in zip(VALUE_FIELDS, self.values, strict=True) if v is not None}


@dataclass(frozen=True)
class PlanAction:
    kind: str  # "keep" | "insert" | "update" (same start: correct in place) | "end_and_insert" | "blocked"
    existing: ExistingPlan | None = None
    message: Message | None = None


def decide(target: PlanTarget | None, latest: ExistingPlan | None, plan_start: dt.date) -> PlanAction:
    """What to do with the customer's latest imported plan given the sheet's prices."""
    if target is None:
        return PlanAction("keep", latest)
    if latest is None:
        return PlanAction("insert")
    if latest.values == target.values():
        return PlanAction("keep", latest)
    if latest.effective_from == plan_start:
        return PlanAction("update", latest)
    if latest.effective_from < plan_start:
        return PlanAction("end_and_insert", latest)
    return PlanAction("blocked", latest, msg("customers.import.plan_later", plan_from=latest.effective_from.isoformat(),
                                             plan_start=plan_start.isoformat()))
