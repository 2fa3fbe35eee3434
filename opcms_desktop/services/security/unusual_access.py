"""Unusual access (issue 12 item 8): rules over the access log and the logins that raise alerts for admins.

Rules (configuration in the settings row "access.unusual", defaults below):
- failed logins: a user with at least `failed_logins` failed attempts in a row now, or whose account was
  locked for failed logins in the window;
- burst: a user's detail views, exports and prints in the last hour above `burst_factor` x the median of
  their busy hours over the previous 30 days, and above `burst_floor` (so a quiet user is not flagged for 3);
- off hours: a login whose local time lies outside `work_hours` ("07:00-21:00").

`scan_unusual_access` writes each new alert as an access-log row of action "alert" (chained like every
other row; the same alert is not written twice); `unusual_access_alerts` lists them (for the today pane
and the access screen). `require_password_again` makes the user's next recorded operation ask for the
password (`access_log.record_access`); `confirm_password` clears it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import AuditEntry, Setting, User
from ...models.access import AccessEntry, AccessFlag
from ..audit import trail as audit
from ..platform.errors import NotFound, UserError
from ..platform.operations import reads, writes
from . import pg_security
from .access_log import append_entry
from .passwords import verify_password
from .permissions import Actor, require

CONFIG_KEY = "access.unusual"
DEFAULTS: dict[str, Any] = {
    "failed_logins": 3,
    "burst_factor": 5,
    "burst_floor": 30,
    "work_hours": "07:00-21:00",
}
BURST_ACTIONS = ("view", "export", "print", "reveal")
KINDS = ("failed_logins", "burst", "off_hours")


@dataclass(frozen=True)
class Alert:
    id: int
    at: dt.datetime
    kind: str
    username: str
    count: int
    threshold: str
    login_at: dt.datetime | None  # off hours: the login
    median: float | None  # burst: the user's usual views per busy hour


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _hours(text: str) -> tuple[dt.time, dt.time]:
    try:
        start, end = (dt.time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise UserError("access.bad_work_hours", value=text) from exc
    return start, end


@reads
def unusual_access_config(session: Session, actor: Actor) -> dict[str, Any]:
    require(actor, "access_log.view")
    return _config(session)


def _config(session: Session) -> dict[str, Any]:
    row = session.get(Setting, CONFIG_KEY)
    stored = row.value if row is not None and isinstance(row.value, dict) else {}
    return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}


@writes("settings", "audit")
def set_unusual_access_config(
    session: Session, actor: Actor, failed_logins: int, burst_factor: int, burst_floor: int, work_hours: str
) -> dict[str, Any]:
    require(actor, "settings.manage")
    _hours(work_hours)
    for name, value in (
        ("failed_logins", failed_logins),
        ("burst_factor", burst_factor),
        ("burst_floor", burst_floor),
    ):
        if not 1 <= value <= 100_000:
            raise UserError("access.bad_rule_number", name=name, value=value)
    config = {
        "failed_logins": failed_logins,
        "burst_factor": burst_factor,
        "burst_floor": burst_floor,
        "work_hours": work_hours,
    }
    before = _config(session)
    row = session.get(Setting, CONFIG_KEY)
    if row is None:
        session.add(Setting(key=CONFIG_KEY, value=config))
    else:
        row.value = config
    session.flush()
    audit.record(session, actor, "update", "setting", CONFIG_KEY, audit.diff(before, config))
    return config


def _failed_logins(session: Session, config: dict[str, Any], since: dt.datetime) -> list[dict[str, Any]]:
    found = [
        {
            "kind": "failed_logins",
            "user_id": uid,
            "username": name,
            "count": attempts,
            "threshold": str(config["failed_logins"]),
            "key": f"attempts:{attempts}",
        }
        for uid, name, attempts in session.execute(
            select(User.id, User.username, User.failed_attempts).where(
                User.failed_attempts >= config["failed_logins"]
            )
        )
    ]
    locks = session.execute(
        select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.changes).where(
            AuditEntry.entity == "user",
            AuditEntry.action == "event",
            AuditEntry.at >= since,
            AuditEntry.summary.like("account % locked after %"),
        )
    ).all()
    for audit_id, user_id, changes in locks:
        name = changes.get("username", "") if isinstance(changes, dict) else ""
        found.append(
            {
                "kind": "failed_logins",
                "user_id": int(user_id) if user_id else None,
                "username": name,
                "count": config["failed_logins"],
                "threshold": str(config["failed_logins"]),
                "key": f"lock:{audit_id}",
            }
        )
    return found


def _off_hours(session: Session, config: dict[str, Any], since: dt.datetime) -> list[dict[str, Any]]:
    start, end = _hours(config["work_hours"])
    found = []
    for uid, name, last in session.execute(
        select(User.id, User.username, User.last_login_at).where(User.last_login_at >= since)
    ):
        if last is None:
            continue
        local = _aware(last).astimezone().time()
        inside = start <= local < end if start <= end else (local >= start or local < end)
        if not inside:
            found.append(
                {
                    "kind": "off_hours",
                    "user_id": uid,
                    "username": name,
                    "count": 1,
                    "threshold": config["work_hours"],
                    "key": f"login:{_aware(last).isoformat()}",
                    "login_at": _aware(last).isoformat(),
                }
            )
    return found


def _bursts(session: Session, config: dict[str, Any], now: dt.datetime) -> list[dict[str, Any]]:
    hour_ago = now - dt.timedelta(hours=1)
    recent = Counter(
        session.execute(
            select(AccessEntry.user_id).where(
                AccessEntry.at >= hour_ago,
                AccessEntry.at <= now,
                AccessEntry.action.in_(BURST_ACTIONS),
                AccessEntry.user_id.is_not(None),
            )
        ).scalars()
    )
    busy: dict[int, int] = {
        uid: n for uid, n in recent.items() if uid is not None and n > config["burst_floor"]
    }
    if not busy:
        return []
    hourly: dict[int, Counter[str]] = defaultdict(Counter)
    for uid, at in session.execute(
        select(AccessEntry.user_id, AccessEntry.at).where(
            AccessEntry.user_id.in_(list(busy)),
            AccessEntry.at >= now - dt.timedelta(days=30),
            AccessEntry.at < hour_ago,
            AccessEntry.action.in_(BURST_ACTIONS),
        )
    ):
        if uid is not None:
            hourly[uid][_aware(at).strftime("%Y-%m-%d %H")] += 1
    names = {
        uid: name
        for uid, name in session.execute(select(User.id, User.username).where(User.id.in_(list(busy))))
    }
    found = []
    for uid, count in busy.items():
        median = statistics.median(hourly[uid].values()) if hourly[uid] else 0
        threshold = max(config["burst_floor"], config["burst_factor"] * median)
        if count > threshold:
            found.append(
                {
                    "kind": "burst",
                    "user_id": uid,
                    "username": names.get(uid, ""),
                    "count": count,
                    "threshold": format(threshold, "g"),
                    "key": f"hour:{hour_ago.strftime('%Y-%m-%d %H')}",
                    "median": median,
                }
            )
    return found


@writes("access_log")
def scan_unusual_access(
    session: Session, actor: Actor, now: dt.datetime | None = None, window_hours: int = 24
) -> list[Alert]:
    """Check the rules over the last `window_hours` and record each new alert; returns the new ones."""
    require(actor, "access_log.view")
    now = now or _now()
    since = now - dt.timedelta(hours=window_hours)
    config = _config(session)
    candidates = (
        _failed_logins(session, config, since)
        + _off_hours(session, config, since)
        + _bursts(session, config, now)
    )
    known = {
        (e.entity, e.target, (e.details or {}).get("key"))
        for e in session.scalars(
            select(AccessEntry).where(
                AccessEntry.action == "alert", AccessEntry.at >= now - dt.timedelta(days=31)
            )
        )
    }
    new = []
    for found in candidates:
        if (found["kind"], found["username"], found["key"]) in known:
            continue
        known.add((found["kind"], found["username"], found["key"]))
        entry = append_entry(session, None, "alert", found["kind"], found["username"], found["count"], found)
        new.append(_alert(entry))
    return new


def _alert(entry: AccessEntry) -> Alert:
    details = entry.details or {}
    login = details.get("login_at")
    median = details.get("median")
    return Alert(
        entry.id,
        entry.at,
        entry.entity,
        entry.target or "",
        entry.row_count,
        str(details.get("threshold", "")),
        dt.datetime.fromisoformat(login) if isinstance(login, str) else None,
        float(median) if isinstance(median, int | float) else None,
    )


@reads
def unusual_access_alerts(session: Session, actor: Actor, since: dt.datetime) -> list[Alert]:
    """The alerts recorded since `since`, newest first (admins: access_log.view)."""
    require(actor, "access_log.view")
    return [
        _alert(e)
        for e in session.scalars(
            select(AccessEntry)
            .where(AccessEntry.action == "alert", AccessEntry.at >= since)
            .order_by(AccessEntry.id.desc())
            .limit(500)
        )
    ]


@writes("users", "audit")
def require_password_again(session: Session, actor: Actor, username: str, reason: str = "") -> None:
    """The user's next recorded operation asks for the password first (users.manage)."""
    require(actor, "users.manage")
    user_id = session.scalar(select(User.id).where(User.username == username))
    if user_id is None:
        raise NotFound("access.unknown_user", user=username)
    flag = session.get(AccessFlag, user_id) or AccessFlag(user_id=user_id)
    flag.reauth_required, flag.reason, flag.set_by, flag.set_at = True, reason[:200] or None, actor.id, _now()
    session.add(flag)
    session.flush()
    audit.record(session, actor, "event", "user", user_id, {"reauth_required": True, "reason": reason[:200]})


@writes("users", "audit")
def confirm_password(session: Session, actor: Actor, password: str) -> None:
    """The actor gives the password again: a match clears the request (`access.wrong_password` otherwise).

    On PostgreSQL the server holds the password: the flag is cleared on a new connection opened with it
    (the server refuses the app's older pooled session); on SQLite the stored hash is checked here."""
    login = pg_security.session_login(session)
    flag = session.get(AccessFlag, actor.id)
    was_required = flag is not None and flag.reauth_required
    if login is not None:
        if pg_security.clear_own_reauth_flag(session.get_bind().engine.url, login, password) != "ok":
            raise UserError("access.wrong_password")
        if flag is not None:
            session.expire(flag)
    else:
        stored = session.scalar(select(User.password_hash).where(User.id == actor.id))
        if stored is None or not verify_password(password, stored):
            raise UserError("access.wrong_password")
        if flag is not None and flag.reauth_required:
            flag.reauth_required = False
            session.flush()
    if was_required:
        audit.record(session, actor, "event", "user", actor.id, {"reauth_required": False})
