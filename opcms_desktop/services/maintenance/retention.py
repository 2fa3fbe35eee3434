"""Which automatic backups to keep: daily, weekly and monthly copies, numbers from the settings.

The rule (as restic's `forget --keep-daily/--keep-weekly/--keep-monthly`): of the last N days that
have a backup, keep the newest backup of each day; the same for the last N ISO weeks and the last N
months. One file may satisfy several rules. Everything made in the last 24 hours is kept too, so the
backups taken before this morning's import and this afternoon's bill run both survive the day.
Only files named as `backup_database` names them (`opcms-YYYYMMDD-HHMMSS-<reason>.db`) are considered;
a file the admin put in the folder by hand, or wrote elsewhere with `--to`, is never touched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ...models import Setting
from ..security import settings as app_settings

NAME = re.compile(r"^opcms-(\d{8})-(\d{6})(?:-[a-z0-9-]+)?\.(db|dump)$")
KEEP_ALL_WITHIN = dt.timedelta(hours=24)


@dataclass(frozen=True)
class RetentionPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: dt.datetime  # local time, from the file name


def policy_from_settings(engine: Engine) -> RetentionPolicy:
    """The numbers an admin set (`opcms settings set backup.keep_daily 10`), else the defaults."""
    keys = (app_settings.BACKUP_KEEP_DAILY, app_settings.BACKUP_KEEP_WEEKLY, app_settings.BACKUP_KEEP_MONTHLY)
    with Session(engine) as session:
        stored = {row.key: row.value for row in session.scalars(select(Setting).where(Setting.key.in_(keys)))}
    values = []
    for key in keys:
        spec = app_settings.SPECS[key]
        value = stored.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool) and spec.minimum <= value <= spec.maximum
        values.append(value if ok else spec.default)
    return RetentionPolicy(*values)  # type: ignore[arg-type]


def backup_files(folder: str | Path) -> list[BackupFile]:
    """The automatic backups in `folder`, newest first."""
    found = []
    root = Path(folder)
    if not root.is_dir():
        return []
    for path in root.iterdir():
        match = NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            made = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        except ValueError:
            continue
        found.append(BackupFile(path, made))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def _newest_per(files: list[BackupFile], count: int, bucket: Callable[[dt.datetime], Hashable]) -> set[Path]:
    keep: set[Path] = set()
    seen: set[Hashable] = set()
    for backup in files:  # newest first: the first file of a bucket is its newest
        key = bucket(backup.made_at)
        if key in seen:
            continue
        if len(seen) >= count:
            break
        seen.add(key)
        keep.add(backup.path)
    return keep


def files_to_keep(files: Iterable[BackupFile], policy: RetentionPolicy, now: dt.datetime) -> set[Path]:
    ordered = sorted(files, key=lambda b: (b.made_at, b.path.name), reverse=True)
    keep = {b.path for b in ordered if now - b.made_at < KEEP_ALL_WITHIN}
    keep |= _newest_per(ordered, policy.daily, lambda at: at.date())
    keep |= _newest_per(ordered, policy.weekly, lambda at: at.isocalendar()[:2])
    keep |= _newest_per(ordered, policy.monthly, lambda at: (at.year, at.month))
    if ordered:
        keep.add(ordered[0].path)  # never remove the newest backup
    return keep


def prune_backups(folder: str | Path, policy: RetentionPolicy | None = None,
                  now: dt.datetime | None = None) -> list[str]:
    """Delete the automatic backups the policy does not keep; the paths removed, oldest first."""
    policy = policy or RetentionPolicy()
    files = backup_files(folder)
    keep = files_to_keep(files, policy, now or dt.datetime.now())
    removed = []
    for backup in reversed(files):
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(str(backup.path))
    return removed
