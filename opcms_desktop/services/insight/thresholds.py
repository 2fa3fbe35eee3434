"""The churn-warning thresholds: settings an admin edits, read by every profile and churn list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..platform.operations import reads, writes
from ..security import settings
from ..security.permissions import Actor, require

CHURN_DAYS = "insight.churn_days"
CHURN_DROP_PERCENT = "insight.churn_drop_percent"


@dataclass(frozen=True)
class ChurnThresholds:
    days: int = 60  # no usage for at least this many days
    drop_percent: int = 50  # or the current month down by at least this share of the trailing 3-month mean
    days_version: int | None = None  # pass back to detect a concurrent change
    drop_version: int | None = None


@reads
def churn_thresholds(session: Session, actor: Actor) -> ChurnThresholds:
    require(actor, "insight.view")
    days = settings.get_setting(session, actor, CHURN_DAYS)
    drop = settings.get_setting(session, actor, CHURN_DROP_PERCENT)
    return ChurnThresholds(int(days.value), int(drop.value), days.version, drop.version)


@writes("settings", "audit")
def set_churn_thresholds(
    session: Session, actor: Actor, days: object, drop_percent: object
) -> ChurnThresholds:
    """Both thresholds at once (each validated and audited by the settings service; all or nothing)."""
    require(actor, "settings.manage")
    settings.parse_value(CHURN_DAYS, days)
    settings.parse_value(CHURN_DROP_PERCENT, drop_percent)
    settings.set_setting(session, actor, CHURN_DAYS, days)
    settings.set_setting(session, actor, CHURN_DROP_PERCENT, drop_percent)
    return churn_thresholds(session, actor)
