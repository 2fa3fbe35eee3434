"""Price plans per customer (DOMAIN.md 3.2): history, create, update, end. The editor's input and live
validation (`PlanInput`, `validate_plan`) live in plan_input.py and are re-exported here.

Rules (the bill-run engine reads plans by the same rules):
- Dates: `effective_from` .. `effective_to`, both days included; `effective_to` None = open-ended.
- Overlap is checked per (customer, series value). Two X plans may not overlap; two ALL plans may not
  overlap. **Decision**: an ALL plan and a series plan (X/N/L) MAY overlap; on a date where both are in
  force, the series plan prices that series and the ALL plan prices the series without a plan of their own.
- One rule for the editor and the pricing import: a new plan that starts after an open-ended plan of the
  same customer and series ends that plan the day before it starts **when the caller agrees**
  (`end_open_plan=True`: the editor's "end the current plan on …", the pricing import always, as its
  template says); without it that overlap is refused with `pricing.overlap_open_endable`, which offers the
  fix. Every other overlap (a closed plan, an open plan starting on or after the new one) is refused with
  a message naming the other plan's dates.
- per_shoot without a multi-floor price (neither `multi_price` nor `multi_base`/`multi_step`): multi-floor
  shoots are billed at the single price per shoot (DOMAIN.md 3.1, 多层定价 0).
- An update never moves a plan to another customer and never ends another plan implicitly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ...models import Customer, PricePlan, PricePlanTier
from ..audit import trail as audit
from ..platform.errors import ConflictError, NotFound, Problem, UserError, ValidationError
from ..platform.messages import render
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import customer_by_company_id, visible_customers
from .grammar import TierBand, format_tiers
from .plan_input import (
    COMPARED,
    FEE_PLACES,
    MODE_FIELDS,
    MODE_LABELS,
    RATE_PLACES,
    SERIES_LABELS,
    PlanInput,
    describe_prices,
    mode_name,
    series_name,
    unused_fields,
    validate_plan,
)

__all__ = [
    "MODE_FIELDS", "MODE_LABELS", "SERIES_LABELS", "PlanInput", "PlanRow", "create_plan", "describe_prices",
    "end_plan", "get_plan", "open_plan_to_end", "plan_history", "plan_history_by_company_id", "unused_fields", "update_plan",
    "upsert_imported_plan", "validate_plan",
]


@dataclass(frozen=True)
class PlanRow:
    id: int
    customer_id: int
    company_id: int
    customer_name: str
    series: str
    mode: str
    effective_from: dt.date
    effective_to: dt.date | None
    single_price: Decimal | None
    multi_price: Decimal | None
    multi_base: Decimal | None
    multi_step: Decimal | None
    tiers: tuple[TierBand, ...]
    extra_floor_price: Decimal | None
    area_rate: Decimal | None
    annual_fee: Decimal | None
    quota: int | None
    overage_price: Decimal | None
    payment_terms_days: int | None
    source: str | None
    source_raw: str | None
    version: int

    @property
    def mode_label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)

    @property
    def series_label(self) -> str:
        return SERIES_LABELS.get(self.series, self.series)

    @property
    def period_text(self) -> str:
        return _dates(self.effective_from, self.effective_to)

    @property
    def summary(self) -> str:
        """One line for lists: '定价结算: 单层 25, 多层 14+(F-1)*10'."""
        return f"{self.mode_label}: {describe_prices(self.to_input())}"

    def to_input(self) -> PlanInput:
        return PlanInput(**{f.name: getattr(self, f.name) for f in dataclasses.fields(PlanInput)
                            if f.name not in ("source",)}, source=self.source or "editor")


def _dates(start: dt.date, end: dt.date | None) -> str:
    return f"{start.isoformat()} – {end.isoformat() if end else render('pricing.open_ended')}"


def _raise_if_invalid(plan: PlanInput) -> None:
    problems = validate_plan(plan)
    if problems:
        raise ValidationError("pricing.plan_invalid", problems)


# ---- reading ------------------------------------------------------------------------------------------


def _customer(session: Session, actor: Actor, customer_id: int, lock: bool = False) -> Customer:
    query = select(Customer).where(Customer.id == customer_id, visible_customers(actor))
    customer = session.scalar(query.with_for_update() if lock else query)
    if customer is None:
        raise NotFound("pricing.customer_not_found", customer_id=customer_id)
    return customer


def _tiers(session: Session, plan_ids: Sequence[int]) -> dict[int, tuple[TierBand, ...]]:
    found: dict[int, list[TierBand]] = {}
    if plan_ids:
        query = select(PricePlanTier).where(PricePlanTier.plan_id.in_(plan_ids)).order_by(PricePlanTier.seq)
        for t in session.scalars(query):
            found.setdefault(t.plan_id, []).append(TierBand(t.from_count, t.to_count, t.unit_price))
    return {plan_id: tuple(bands) for plan_id, bands in found.items()}


def _row(plan: PricePlan, customer: Customer, tiers: tuple[TierBand, ...]) -> PlanRow:
    values = {name: getattr(plan, name) for name in COMPARED if name != "tiers"}
    return PlanRow(id=plan.id, customer_id=plan.customer_id, company_id=customer.company_id,
                   customer_name=customer.name, tiers=tiers, source=plan.source, source_raw=plan.source_raw,
                   version=plan.version, **values)


@reads
def plan_history(session: Session, actor: Actor, customer_id: int) -> list[PlanRow]:
    """Every plan of one customer, newest first (then by series)."""
    require(actor, "pricing.view")
    customer = _customer(session, actor, customer_id)
    plans = session.scalars(select(PricePlan).where(PricePlan.customer_id == customer_id)
                            .order_by(PricePlan.effective_from.desc(), PricePlan.series)).all()
    tiers = _tiers(session, [p.id for p in plans])
    return [_row(p, customer, tiers.get(p.id, ())) for p in plans]


@reads
def plan_history_by_company_id(session: Session, actor: Actor, company_id: int) -> list[PlanRow]:
    require(actor, "pricing.view")
    return plan_history(session, actor, customer_by_company_id(session, actor, company_id).id)


@reads
def get_plan(session: Session, actor: Actor, plan_id: int) -> PlanRow:
    require(actor, "pricing.view")
    plan, customer = _plan(session, actor, plan_id)
    return _row(plan, customer, _tiers(session, [plan.id]).get(plan.id, ()))


def _plan(session: Session, actor: Actor, plan_id: int, lock: bool = False) -> tuple[PricePlan, Customer]:
    query = (select(PricePlan, Customer).join(Customer, Customer.id == PricePlan.customer_id)
             .where(PricePlan.id == plan_id, visible_customers(actor, PricePlan.customer_id)))
    found = session.execute(query.with_for_update() if lock else query).first()
    if found is None:
        raise NotFound("pricing.plan_not_found", plan_id=plan_id)
    return found[0], found[1]


# ---- writing ------------------------------------------------------------------------------------------


def _values(plan: PlanInput | PricePlan, tiers: Sequence[TierBand] | None = None) -> dict[str, Any]:
    """The compared fields, normalised (Decimals to their column's places, tiers as text)."""
    values: dict[str, Any] = {}
    for name in COMPARED:
        if name == "tiers":
            bands = plan.tiers if isinstance(plan, PlanInput) else (tiers or ())
            values[name] = format_tiers(list(bands)) or None
            continue
        value = getattr(plan, name)
        if isinstance(value, Decimal):
            value = value.quantize(FEE_PLACES if name == "annual_fee" else RATE_PLACES)
        values[name] = value
    return values


def _check_overlap(session: Session, plan: PlanInput, exclude_id: int | None, end_open: bool) -> list[PricePlan]:
    """The open plan to end (if `end_open`), or a ValidationError naming each overlapping plan."""
    others = session.scalars(select(PricePlan).where(
        PricePlan.customer_id == plan.customer_id, PricePlan.series == plan.series,
        PricePlan.id != (exclude_id if exclude_id is not None else -1),
    ).order_by(PricePlan.effective_from)).all()
    to_end: list[PricePlan] = []
    problems: list[Problem] = []
    for other in others:
        if not _overlap(plan.effective_from, plan.effective_to, other.effective_from, other.effective_to):
            continue
        endable = exclude_id is None and _endable(other.effective_from, other.effective_to, plan.effective_from)
        if endable and end_open:
            to_end.append(other)
            continue
        params: dict[str, Any] = {"mode": mode_name(other.mode), "plan_id": other.id,
                                  "series": series_name(other.series), "start": other.effective_from.isoformat()}
        if other.effective_to is not None:
            params["end"] = other.effective_to.isoformat()
            code = "pricing.overlap"
        elif endable:
            params["last_day"] = (plan.effective_from - dt.timedelta(days=1)).isoformat()
            code = "pricing.overlap_open_endable"
        else:
            code = "pricing.overlap_open"
        problems.append(Problem(code, field="effective_from", value=_dates(plan.effective_from, plan.effective_to),
                                params=params))
    if problems:
        raise ValidationError("pricing.overlap_invalid", problems)
    return to_end


def _endable(other_from: dt.date, other_to: dt.date | None, new_from: dt.date) -> bool:
    """An open-ended plan that started before the new plan: it may be ended the day before the new one."""
    return other_to is None and other_from < new_from


def open_plan_to_end(plans: Sequence[PlanRow], series: str, start: dt.date) -> PlanRow | None:
    """Of a customer's plans (`plan_history`), the open-ended one of `series` that a new plan starting on
    `start` would end the day before (the editor offers "end the current plan on …" for it); no database."""
    found = [p for p in plans if p.series == series and _endable(p.effective_from, p.effective_to, start)]
    return max(found, key=lambda p: p.effective_from) if found else None


def _overlap(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return (b_to is None or a_from <= b_to) and (a_to is None or b_from <= a_to)


def _write_tiers(session: Session, plan_id: int, tiers: Sequence[TierBand]) -> None:
    session.execute(delete(PricePlanTier).where(PricePlanTier.plan_id == plan_id))
    for seq, band in enumerate(tiers, start=1):
        session.add(PricePlanTier(plan_id=plan_id, seq=seq, from_count=band.from_count, to_count=band.to_count,
                                  unit_price=band.unit_price.quantize(RATE_PLACES)))


def _insert(session: Session, actor: Actor, plan: PlanInput, end_open_plan: bool) -> PricePlan:
    to_end = _check_overlap(session, plan, exclude_id=None, end_open=end_open_plan)
    values = _values(plan)
    new = PricePlan(customer_id=plan.customer_id, source=plan.source, source_raw=plan.source_raw,
                    **{k: v for k, v in values.items() if k != "tiers"})
    session.add(new)
    session.flush()
    _write_tiers(session, new.id, plan.tiers)
    audit.record(session, actor, "create", "price_plan", new.id,
                 {"customer_id": [None, plan.customer_id], **audit.diff({}, values)})
    last_day = plan.effective_from - dt.timedelta(days=1)
    for old in to_end:
        old.effective_to = last_day
        audit.record(session, actor, "update", "price_plan", old.id, {"effective_to": [None, last_day]},
                     summary=f"ended by the new plan #{new.id} starting {plan.effective_from.isoformat()}")
    session.flush()
    return new


def _update(session: Session, actor: Actor, current: PricePlan, plan: PlanInput) -> bool:
    """Apply `plan` to `current`; False when nothing differs."""
    tiers = _tiers(session, [current.id]).get(current.id, ())
    changes = audit.diff(_values(current, tiers), _values(plan))
    if not changes:
        return False
    _check_overlap(session, plan, exclude_id=current.id, end_open=False)
    for name, value in _values(plan).items():
        if name != "tiers":
            setattr(current, name, value)
    current.source_raw = plan.source_raw if plan.source_raw is not None else current.source_raw
    if "tiers" in changes:
        _write_tiers(session, current.id, plan.tiers)
        flag_modified(current, "source")  # a tier-only change still bumps the plan's version
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("pricing.plan_conflict", plan_id=current.id) from exc
    audit.record(session, actor, "update", "price_plan", current.id, changes)
    return True


@writes("plans", "audit")
def create_plan(session: Session, actor: Actor, plan: PlanInput, *, end_open_plan: bool = False) -> PlanRow:
    """A new plan. `end_open_plan`: the user agreed to end the open-ended plan of the same series that
    started before this one on the day before this one starts (else that overlap is refused)."""
    require(actor, "pricing.create")
    customer = _customer(session, actor, plan.customer_id, lock=True)
    _raise_if_invalid(plan)
    new = _insert(session, actor, plan, end_open_plan)
    return _row(new, customer, tuple(plan.tiers))


@writes("plans", "audit")
def update_plan(session: Session, actor: Actor, plan_id: int, plan: PlanInput, expected_version: int) -> PlanRow:
    require(actor, "pricing.edit")
    current, customer = _plan(session, actor, plan_id, lock=True)
    if current.version != expected_version:
        raise ConflictError("pricing.plan_conflict", plan_id=plan_id)
    if plan.customer_id != current.customer_id:
        raise UserError("pricing.move_customer")
    _raise_if_invalid(plan)
    _update(session, actor, current, plan)
    return _row(current, customer, _tiers(session, [current.id]).get(current.id, ()))


@writes("plans", "audit")
def end_plan(session: Session, actor: Actor, plan_id: int, last_day: dt.date, expected_version: int) -> PlanRow:
    """Set a plan's last day (included)."""
    require(actor, "pricing.edit")
    current = get_plan(session, actor, plan_id)
    return update_plan(session, actor, plan_id, dataclasses.replace(current.to_input(), effective_to=last_day),
                       expected_version)


@writes("plans", "audit")
def upsert_imported_plan(session: Session, actor: Actor, plan: PlanInput) -> str:
    """For importers: insert, update or leave the plan keyed (customer, series, effective_from).

    Returns "inserted", "updated" or "unchanged". An open end in the input keeps an end that a later plan
    set automatically, so importing the same sheet twice changes nothing.
    """
    require(actor, "pricing.import")
    _customer(session, actor, plan.customer_id)  # NotFound for a customer the actor may not see
    _raise_if_invalid(plan)
    current = session.scalar(select(PricePlan).where(
        PricePlan.customer_id == plan.customer_id, PricePlan.series == plan.series,
        PricePlan.effective_from == plan.effective_from))
    if current is None:
        _insert(session, actor, plan, end_open_plan=True)  # the sheet's rule, as its template says
        return "inserted"
    if plan.effective_to is None and current.effective_to is not None and session.scalar(
            select(PricePlan.id).where(PricePlan.customer_id == plan.customer_id, PricePlan.series == plan.series,
                                       PricePlan.effective_from == current.effective_to + dt.timedelta(days=1))):
        plan = dataclasses.replace(plan, effective_to=current.effective_to)
    return "updated" if _update(session, actor, current, plan) else "unchanged"
