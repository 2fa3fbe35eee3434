"""Unusual access: failed logins, bursts far above a user's normal rate, logins outside working hours."""

import datetime as dt

import pytest
from sqlalchemy import update

from opcms_desktop.models import User
from opcms_desktop.models.access import AccessEntry
from opcms_desktop.services.platform.errors import PermissionDenied, UserError
from opcms_desktop.services.security import unusual_access as ua
from opcms_desktop.services.security.access_log import append_entry

NOW = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)


def kinds(alerts):
    return sorted((a.kind, a.username) for a in alerts)


def test_failed_logins_and_off_hours_logins_raise_one_alert_each(session, make, admin):
    make.user("fumbler", "sales")
    make.user("nightowl", "ops")
    session.execute(update(User).where(User.username == "fumbler").values(failed_attempts=3))
    night = (NOW - dt.timedelta(hours=2)).astimezone().replace(hour=3, minute=0)
    session.execute(update(User).where(User.username == "nightowl").values(last_login_at=night))
    new = ua.scan_unusual_access(session, admin, now=NOW)
    assert ("failed_logins", "fumbler") in kinds(new) and ("off_hours", "nightowl") in kinds(new)
    (night_alert,) = [a for a in new if a.kind == "off_hours"]
    assert night_alert.login_at == night.astimezone(dt.UTC) and night_alert.median is None
    assert ua.scan_unusual_access(session, admin, now=NOW) == []  # recorded once
    listed = ua.unusual_access_alerts(session, admin, NOW - dt.timedelta(days=1))
    assert kinds(listed) == kinds(new)


def test_a_burst_far_above_the_median_is_flagged_but_a_steady_user_is_not(session, make, admin):
    busy = make.actor("burster", "sales")
    steady = make.actor("steady", "ops")
    ua.set_unusual_access_config(session, admin, 3, 5, 10, "00:00-23:59")
    rows = []
    for day in range(1, 6):  # a normal rate: 4 views in one hour a day, for both
        for n in range(4):
            rows.append((busy, NOW - dt.timedelta(days=day, minutes=n)))
            rows.append((steady, NOW - dt.timedelta(days=day, minutes=n)))
    rows += [(busy, NOW - dt.timedelta(minutes=m % 50)) for m in range(40)]  # 40 in the last hour: 10x
    rows += [(steady, NOW - dt.timedelta(minutes=m)) for m in range(12)]  # 12: above the floor, 3x the median
    for actor, at in rows:
        entry = append_entry(session, actor, "view", "customer", 1, 1)
        entry.at = at
    session.flush()
    new = ua.scan_unusual_access(session, admin, now=NOW)
    assert [a for a in new if a.kind == "burst"] and kinds(a for a in new if a.kind == "burst") == [
        ("burst", "burster")
    ]
    burst = next(a for a in new if a.kind == "burst")
    assert burst.count == 40 and burst.threshold == "20" and burst.median == 4


def test_only_admins_read_alerts_and_settings_are_checked(session, sales, admin):
    with pytest.raises(PermissionDenied):
        ua.unusual_access_alerts(session, sales, NOW)
    with pytest.raises(UserError) as bad:
        ua.set_unusual_access_config(session, admin, 3, 5, 10, "nine to five")
    assert bad.value.code == "access.bad_work_hours"
    with pytest.raises(UserError):
        ua.set_unusual_access_config(session, admin, 0, 5, 10, "08:00-18:00")
    assert ua.unusual_access_config(session, admin)["work_hours"] == ua.DEFAULTS["work_hours"]
    assert AccessEntry  # the model module is importable alongside
