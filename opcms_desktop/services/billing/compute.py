"""One customer's charges for one billing period: usage split by the plan in force, then priced.

Pure (no database). Each usage row is priced by the plan in force on its date (a series plan before an
ALL plan); each plan prices its own part of the month, so tier counts start again with a new plan.
An annual_quota plan's part is further split by contract year, and the shoots counted in the contract
year before this period (`prior`) come first against the quota.

Each plan's part gets its own lines, each rounded once: a per-shoot plan split at any date with equal
prices bills exactly the same as the unsplit plan when the prices are in yuan and fen (2 decimals, the
usual case); with 3-4 decimal prices each part rounds on its own and may differ by a fen per line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..platform.messages import Message
from ..pricing import engine as pe
from ..pricing.engine import ALL, SERIES_ORDER, Counts, Line, Plan
from .usage_totals import DayUsage


@dataclass(frozen=True)
class Issue:
    """Something the bill run must show: kind (e.g. 'no_plan'), severity (error/warning/info), message."""

    kind: str
    severity: str
    message: Message


@dataclass(frozen=True)
class Charges:
    lines: tuple[Line, ...]
    issues: tuple[Issue, ...]
    usage: tuple[tuple[str, Counts], ...]  # month totals per device series
    unpriced_shoots: int

    @property
    def amount(self) -> Decimal:
        return pe.total(self.lines)


_Key = tuple[int, dt.date | None, str]  # plan id, contract-year start (quota plans), bucket series


class _Sum:
    """Adds the usage rows of one series up (mutable, for speed)."""

    __slots__ = ("single", "multi", "floors", "area", "no_area")

    def __init__(self) -> None:
        self.single = self.multi = self.floors = self.no_area = 0
        self.area = pe.ZERO

    def add(self, row: DayUsage) -> None:
        self.single += row.single_shoots
        self.multi += row.multi_shoots
        self.floors += row.multi_floors
        self.area += row.area
        self.no_area += row.shoots_without_area


def _counts(parts: list[tuple[str, _Sum]]) -> Counts:
    """The Counts of some series' sums (one series may come in several parts)."""
    if len(parts) == 1:
        series, x = parts[0]
        return pe.build(Counts, single_shoots=x.single, multi_shoots=x.multi, multi_floors=x.floors, area=x.area,
                        shoots_without_area=x.no_area, by_series=((series, x.single, x.multi),))
    single = multi = floors = no_area = 0
    area = pe.ZERO
    per: dict[str, list[int]] = {}
    for series, x in parts:
        single += x.single
        multi += x.multi
        floors += x.floors
        area += x.area
        no_area += x.no_area
        both = per.setdefault(series, [0, 0])
        both[0] += x.single
        both[1] += x.multi
    ordered = sorted(per.items(), key=lambda kv: SERIES_ORDER.get(kv[0], 9))
    return pe.build(Counts, single_shoots=single, multi_shoots=multi, multi_floors=floors, area=area,
                    shoots_without_area=no_area, by_series=tuple((s, a, b) for s, (a, b) in ordered))


def _bucket(plan: Plan, row: DayUsage) -> _Key:
    year = pe.contract_year_start(plan, row.day) if plan.mode == "annual_quota" else None
    return plan.id, year, plan.series if plan.series == ALL else row.series


def _split(plans: Sequence[Plan], rows: Iterable[DayUsage]
           ) -> tuple[dict[_Key, Counts], dict[str, list[DayUsage]], tuple[tuple[str, Counts], ...]]:
    """Usage per plan bucket, the usage no plan prices (per series), and the month's totals per series.

    Each row is added once, to its series x bucket cell; buckets and month totals are sums of cells."""
    cells: dict[tuple[str, _Key | None], _Sum] = {}
    unpriced: dict[str, list[DayUsage]] = defaultdict(list)
    buckets: dict[tuple[str, dt.date], _Key | None] = {}  # the plan in force is the same for a series x day
    for row in rows:
        if not (row.single_shoots + row.multi_shoots) and not row.area:
            continue
        series = row.series
        where = (series, row.day)
        if where in buckets:
            key = buckets[where]
        else:
            plan = pe.resolve_plan(plans, series, row.day)
            key = buckets[where] = None if plan is None else _bucket(plan, row)
        if key is None:
            unpriced[series].append(row)
        cell = cells.get((series, key))
        if cell is None:
            cell = cells[(series, key)] = _Sum()
        cell.add(row)
    per_series: dict[str, list[tuple[str, _Sum]]] = {}
    per_key: dict[_Key, list[tuple[str, _Sum]]] = {}
    for (series, key), cell in cells.items():
        per_series.setdefault(series, []).append((series, cell))
        if key is not None:
            per_key.setdefault(key, []).append((series, cell))
    order = sorted(per_series, key=lambda s: SERIES_ORDER.get(s, 9)) if len(per_series) > 1 else list(per_series)
    month = tuple((s, _counts(per_series[s])) for s in order)
    if len(per_key) == 1 and len(cells) == 1:  # one bucket holds the month's usage: the same counts
        return {next(iter(per_key)): month[0][1]}, unpriced, month
    return {key: _counts(parts) for key, parts in per_key.items()}, unpriced, month


def steady_plan(plans: Sequence[Plan], start: dt.date, end: dt.date) -> Plan | None:
    """The one plan in force on every day of [start, end] (a quota plan: in one contract year), or None.

    Then the plan pricing a usage row depends on its series only, and `_split_steady` may split the usage."""
    if len(plans) != 1:
        return None
    plan = plans[0]
    if plan.effective_from > start or (plan.effective_to is not None and plan.effective_to < end):
        return None
    if plan.mode == "annual_quota" and pe.contract_year_starts(plan, start + dt.timedelta(days=1), end):
        return None
    return plan


def _split_steady(plan: Plan, year: dt.date | None, rows: Iterable[DayUsage]
                  ) -> tuple[dict[_Key, Counts], dict[str, list[DayUsage]], tuple[tuple[str, Counts], ...]]:
    """`_split` when one plan prices the whole period (`steady_plan`): the same result, one cell per series."""
    sums: dict[str, list[Any]] = {}  # series -> [single, multi, floors, area, shoots without area]
    unpriced: dict[str, list[DayUsage]] = {}
    every = plan.series == ALL
    for row in rows:
        single, multi, area = row.single_shoots, row.multi_shoots, row.area
        if not (single + multi) and not area:
            continue
        series = row.series
        if not every and series != plan.series:
            unpriced.setdefault(series, []).append(row)
        cell = sums.get(series)
        if cell is None:
            sums[series] = [single, multi, row.multi_floors, area, row.shoots_without_area]
        else:
            cell[0] += single
            cell[1] += multi
            cell[2] += row.multi_floors
            cell[3] += area
            cell[4] += row.shoots_without_area
    if len(sums) == 1:
        ((series, cell),) = sums.items()
        counts = _series_counts(series, cell)
        month: tuple[tuple[str, Counts], ...] = ((series, counts),)
        if every or series == plan.series:
            return {(plan.id, year, ALL if every else series): counts}, unpriced, month
        return {}, unpriced, month
    order = sorted(sums, key=lambda s: SERIES_ORDER.get(s, 9))
    month = tuple((s, _series_counts(s, sums[s])) for s in order)
    priced = [s for s in sums if every or s == plan.series]  # in the order first seen, as `_split`
    if not priced:
        return {}, unpriced, month
    if not every:
        series = priced[0]
        return {(plan.id, year, series): _series_counts(series, sums[series])}, unpriced, month
    single = multi = floors = no_area = 0
    area = pe.ZERO
    for s in priced:
        cell = sums[s]
        single += cell[0]
        multi += cell[1]
        floors += cell[2]
        area += cell[3]
        no_area += cell[4]
    by_series = tuple((s, sums[s][0], sums[s][1]) for s in order if s in priced)
    return {(plan.id, year, ALL): _new_counts(single, multi, floors, area, no_area, by_series)}, unpriced, month


_new = object.__new__


def _new_counts(single: int, multi: int, floors: int, area: Decimal, no_area: int,
                by_series: tuple[tuple[str, int, int], ...]) -> Counts:
    counts = _new(Counts)
    counts.__dict__.update({"single_shoots": single, "multi_shoots": multi, "multi_floors": floors, "area": area,
                            "shoots_without_area": no_area, "by_series": by_series})
    return counts


def _series_counts(series: str, cell: list[Any]) -> Counts:
    return _new_counts(cell[0], cell[1], cell[2], cell[3], cell[4], ((series, cell[0], cell[1]),))


def _prior_steady(plan: Plan, year: dt.date, key: _Key, prior: Iterable[DayUsage]) -> dict[_Key, int]:
    """`prior_quota_shoots` for the one bucket of a steady quota plan: the shoots of its series (all, for an
    ALL plan) dated in the current contract year (from `year`, which the plan covers up to the period)."""
    every = plan.series == ALL
    shoots = 0
    for row in prior:
        if row.day >= year and (every or row.series == plan.series):
            shoots += row.single_shoots + row.multi_shoots
    return {key: shoots}


def prior_quota_shoots(plans: Sequence[Plan], prior: Iterable[DayUsage]) -> dict[_Key, int]:
    """Shoots counted under each annual_quota plan x contract year x bucket before the period."""
    counted: dict[_Key, int] = defaultdict(int)
    buckets: dict[tuple[str, dt.date], _Key | None] = {}
    for row in prior:
        where = (row.series, row.day)
        if where in buckets:
            key = buckets[where]
        else:
            plan = pe.resolve_plan(plans, row.series, row.day)
            key = buckets[where] = _bucket(plan, row) if plan is not None and plan.mode == "annual_quota" else None
        if key is not None:
            counted[key] += row.single_shoots + row.multi_shoots
    return counted


def _part_note(plan: Plan, year: dt.date | None, start: dt.date, end: dt.date) -> str:
    """'（2026-01-01至2026-01-14）' when the plan (or contract year) prices only part of the month."""
    if year is None and plan.effective_from <= start and (plan.effective_to is None or plan.effective_to >= end):
        return ""  # the common case: the plan prices the whole month
    lo, hi = max(start, plan.effective_from), min(end, plan.effective_to or end)
    if year is not None:
        lo, hi = max(lo, year), min(hi, pe.contract_year_end(plan, year))
    return "" if (lo, hi) == (start, end) else f"（{lo.isoformat()}至{hi.isoformat()}）"


def charge_customer(plans: Sequence[Plan], usage: Iterable[DayUsage], prior: Iterable[DayUsage],
                    start: dt.date, end: dt.date) -> Charges:
    """Lines and issues for one customer and the period [start, end] (a calendar month)."""
    by_id = {p.id: p for p in plans}
    lines: list[Line] = []
    issues: list[Issue] = []
    annual = [p for p in plans if p.mode in pe.ANNUAL_MODES]
    if len(annual) > 1:
        annual.sort(key=lambda p: (SERIES_ORDER.get(p.series, 9), p.effective_from, p.id))
    for plan in annual:
        for year_start in pe.contract_year_starts(plan, start, end):
            fee = pe.annual_fee_line(plan, year_start)
            if fee is None:
                issues.append(Issue("no_price", "error", Message("billing.exception.no_annual_fee", {
                    "series": _series(plan.series), "mode": _mode(plan.mode), "year_start": year_start.isoformat()})))
            else:
                lines.append(fee)
    steady = steady_plan(plans, start, end)
    if steady is not None:
        year = pe.contract_year_start(steady, start) if steady.mode == "annual_quota" else None
        priced, unpriced, month = _split_steady(steady, year, usage)
        prior_counts = {} if year is None or not priced else _prior_steady(steady, year, next(iter(priced)), prior)
    else:
        priced, unpriced, month = _split(plans, usage)
        prior_counts = prior_quota_shoots(plans, prior) if any(p.mode == "annual_quota" for p in annual) else {}
    unpriced_shoots = 0
    order = list(priced) if len(priced) < 2 else sorted(
        priced, key=lambda k: (_part_start(by_id[k[0]], k[1], start), SERIES_ORDER.get(k[2], 9), by_id[k[0]].id))
    for key in order:
        plan, contract_year, bucket = by_id[key[0]], key[1], key[2]
        note = _part_note(plan, contract_year, start, end)
        result = pe.price_usage(plan, bucket, priced[key], prior_shoots=prior_counts.get(key, 0), note=note)
        lines.extend(result.lines)
        for short in result.shortfalls:
            unpriced_shoots += short.shoots if short.kind == "no_price" else 0
            code = "billing.exception.shortfall_not_billed" if short.kind == "no_price" \
                else "billing.exception.shortfall"
            issues.append(Issue(short.kind, "error" if short.kind == "no_price" else "warning", Message(code, {
                "series": _series(short.series), "detail": _shortfall_detail(short), "shoots": short.shoots})))
    for series in sorted(unpriced, key=lambda s: SERIES_ORDER.get(s, 9)):
        rows = unpriced[series]
        shoots = sum(r.shoots for r in rows)
        unpriced_shoots += shoots
        first, last = min(r.day for r in rows), max(r.last_day or r.day for r in rows)
        days = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
        any_plan = any(pe.resolve_plan(plans, s, r.day) for r in rows for s in ("X", "N", "L"))
        kind = "no_series_price" if any_plan else "no_plan"
        code = "billing.exception.no_series_price" if any_plan else "billing.exception.no_plan"
        issues.append(Issue(kind, "error", Message(code, {"shoots": shoots, "series": series, "days": days})))
    if len(plans) > 1:
        issues.extend(_overlaps(plans, start, end))
    return pe.build(Charges, lines=tuple(lines), issues=tuple(issues), usage=month, unpriced_shoots=unpriced_shoots)


def changes_inside(plans: Sequence[Plan], start: dt.date, end: dt.date) -> bool:
    """Whether the plan in force (or a quota's contract year) can change on a day after `start` up to `end`."""
    for plan in plans:
        if start < plan.effective_from <= end or (plan.effective_to is not None and start <= plan.effective_to < end):
            return True
        if plan.mode == "annual_quota" and pe.contract_year_starts(plan, start + dt.timedelta(days=1), end):
            return True
    return False


def _part_start(plan: Plan, year: dt.date | None, start: dt.date) -> dt.date:
    return max(start, plan.effective_from, year or start)


def _overlaps(plans: Sequence[Plan], start: dt.date, end: dt.date) -> list[Issue]:
    found = []
    active = [p for p in plans if p.overlaps(start, end)]
    for i, a in enumerate(active):
        for b in active[i + 1:]:
            lo = max(a.effective_from, b.effective_from)
            if a.series == b.series and a.covers(lo) and b.covers(lo):
                used = max(a, b, key=lambda p: (p.effective_from, p.id)).id
                found.append(Issue("plan_overlap", "warning", Message("billing.exception.plan_overlap", {
                    "series": _series(a.series), "first": a.id, "second": b.id, "start": lo.isoformat(),
                    "used": used})))
    return found


MODE_CODES = {"per_shoot": "pricing.mode.per_shoot", "tiered_graduated": "pricing.mode.tiered_graduated",
              "tiered_volume": "pricing.mode.tiered_volume", "area": "pricing.mode.area",
              "annual_package": "pricing.mode.annual_package", "annual_quota": "pricing.mode.annual_quota"}


def _series(series: str) -> Message:
    """'X系列' / 'X series'; the all-series plan as 全部 / all series."""
    if series == ALL:
        return Message("billing.series_all")
    return Message("billing.series", {"series": series})


def _mode(mode: str) -> Message | str:
    code = MODE_CODES.get(mode)
    return Message(code) if code is not None else mode


def _shortfall_detail(short: pe.Shortfall) -> Message | str:
    """What the pricing engine could not price: its message code when it has one, else its text."""
    code = getattr(short, "code", None)
    if isinstance(code, str):
        return Message(code, dict(getattr(short, "params", None) or {}))
    return short.message
