"""The churn back-test: replay past month-ends and judge the warnings against what happened later.

Definitions (the issue leaves them to us):
- Data end: `as_of` (default: the last day of the month before today). Replays: the last day of each of
  the `months` months ending with the data end's month; at each, the warnings are computed exactly as
  churn_warnings would have computed them that day (usage dated after it is invisible), with the
  thresholds in force now.
- A customer "did stop" when it had usage and then none in the 3 complete months after its last usage,
  all of them inside the data: its loss date is the last day of the third month without usage, and the
  stop counts when that date is one of the replays (so the warnings before it could be seen).
- A warning "episode" is a run of consecutive replays at which the customer is warned. A stopped customer
  was warned when its loss date falls in an episode; it was warned `days_ahead` = loss date minus the
  first replay of that episode. An episode that ends (usage came back) without a loss is a false alarm;
  one still running at the last replay without a loss yet is pending (neither true nor false).
- precision = true episodes / (true + false episodes); recall = warned stops / stops;
  target_met = at least 80% of the stops warned at least 30 days ahead.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..platform.errors import ValidationError
from ..platform.messages import render
from ..platform.operations import reads
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress, Steps
from ..security.permissions import Actor, require
from .churn import LOST_AFTER_DAYS, TRAILING_MONTHS, assess
from .profile_customers import profiled_customers
from .profile_usage import months_back, usage_signals
from .thresholds import ChurnThresholds, churn_thresholds

STOP_MONTHS = 3
TARGET_SHARE, TARGET_DAYS = Decimal("0.8"), 30
MIN_MONTHS, MAX_MONTHS = 1, 60


@dataclass(frozen=True)
class StoppedCustomer:
    customer_id: int
    last_usage_day: dt.date
    lost_on: dt.date
    first_warned: dt.date | None

    @property
    def days_ahead(self) -> int | None:
        return None if self.first_warned is None else (self.lost_on - self.first_warned).days


@dataclass(frozen=True)
class BacktestReport:
    as_of: dt.date
    replays: tuple[dt.date, ...]
    thresholds: ChurnThresholds
    stopped: tuple[StoppedCustomer, ...]
    warnings: int  # episodes
    false_alarms: int
    pending: int

    @property
    def warned(self) -> int:
        return sum(1 for s in self.stopped if s.first_warned is not None)

    @property
    def warned_30_days_ahead(self) -> int:
        return sum(1 for s in self.stopped if (s.days_ahead or 0) >= TARGET_DAYS)

    @property
    def median_days_ahead(self) -> int | None:
        days = [s.days_ahead for s in self.stopped if s.days_ahead is not None]
        return int(statistics.median(days)) if days else None

    @property
    def true_alarms(self) -> int:
        return self.warnings - self.false_alarms - self.pending

    @property
    def precision(self) -> Decimal | None:
        judged = self.true_alarms + self.false_alarms
        return (Decimal(self.true_alarms) / judged).quantize(Decimal("0.0001")) if judged else None

    @property
    def recall(self) -> Decimal | None:
        return (
            (Decimal(self.warned) / len(self.stopped)).quantize(Decimal("0.0001")) if self.stopped else None
        )

    @property
    def target_met(self) -> bool:
        return bool(self.stopped) and Decimal(self.warned_30_days_ahead) >= TARGET_SHARE * len(self.stopped)


def default_as_of(today: dt.date | None = None) -> dt.date:
    return Period.of(today or dt.date.today()).previous.end


def _lost_on(last_usage: dt.date) -> dt.date:
    month = Period.of(last_usage)
    for _ in range(STOP_MONTHS):
        month = month.next
    return month.end


@reads
def churn_backtest(
    session: Session,
    actor: Actor,
    months: int = 12,
    as_of: dt.date | None = None,
    owner_id: int | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BacktestReport:
    """Replay the churn warnings at `months` past month-ends and score them (see the module docstring)."""
    require(actor, "insight.view")
    if isinstance(months, bool) or not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            "profiling.months_range", minimum=MIN_MONTHS, maximum=MAX_MONTHS, value=str(months)
        )
    end = as_of or default_as_of()
    limits = churn_thresholds(session, actor)
    where = profiled_customers(actor, owner_id)
    replays = [p.end for p in months_back(Period.of(end), months)]
    replays[-1] = min(replays[-1], end)
    steps = Steps(progress, cancel)
    warned_at: dict[int, list[int]] = {}
    for i, day in enumerate(replays):
        steps(i, len(replays) + 1, render("profiling.progress.replay", {"day": day.isoformat()}))
        signals = usage_signals(
            session,
            where,
            day,
            trailing=TRAILING_MONTHS,
            lookback_days=LOST_AFTER_DAYS + 31,
            count_months=False,
        )
        for cid, signal in signals.items():
            if assess(signal, day, limits) is not None:
                warned_at.setdefault(cid, []).append(i)
    final = usage_signals(session, where, end, lookback_days=(end - replays[0]).days + 400)
    index = {day: i for i, day in enumerate(replays)}
    stopped: list[StoppedCustomer] = []
    true_runs: set[tuple[int, int]] = set()
    for cid, signal in final.items():
        if signal.last_usage_day is None:
            continue
        lost = _lost_on(signal.last_usage_day)
        if lost > end or lost not in index:
            continue
        run = _run_containing(warned_at.get(cid, []), index[lost])
        if run is not None:
            true_runs.add((cid, run[0]))
        stopped.append(StoppedCustomer(cid, signal.last_usage_day, lost, replays[run[0]] if run else None))
    episodes = false_alarms = pending = 0
    for cid, indices in warned_at.items():
        for start, stop in _runs(indices):
            episodes += 1
            if (cid, start) in true_runs:
                continue
            if stop == len(replays) - 1:
                pending += 1
            else:
                false_alarms += 1
    stopped.sort(key=lambda s: (s.lost_on, s.customer_id))
    return BacktestReport(end, tuple(replays), limits, tuple(stopped), episodes, false_alarms, pending)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of replay indices as (first, last)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _run_containing(indices: list[int], target: int) -> tuple[int, int] | None:
    return next((run for run in _runs(indices) if run[0] <= target <= run[1]), None)
