"""The application log: a rotating file in the per-user log folder, and nothing secret ever written to it.

Every record passes `RedactSecrets` before any handler formats it: a password inside a connection URL
(postgresql://user:secret@host -> postgresql://user:***@host), `password=...` / `PGPASSWORD=...` style
pairs (also in libpq keyword strings and JSON), the SQLite file's key (`OPCMS_DB_KEY=...`,
`PRAGMA key = '...'`) are replaced by ***, in the message, its arguments and
the traceback. The filter sits on the handlers, so records of every logger (SQLAlchemy, alembic,
psycopg) are covered, not only ours.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from .db import APP_NAME

LOG_NAME = "opcms.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
MASK = "***"

# scheme://user:password@host -> scheme://user:***@host (any scheme, e.g. postgresql+psycopg)
_URL_PASSWORD = re.compile(
    r"(?P<head>[a-z][a-z0-9+.\-]*://[^:/@\s'\"]*:)(?P<secret>[^@\s'\"]+)(?P<tail>@)", re.I
)
# password=secret, "password": "secret", PGPASSWORD=secret, pwd: secret, OPCMS_ADMIN_PASSWORD=...
_KEY_VALUE = re.compile(
    r"(?P<head>\b[\w.]*(?:password|passwd|pwd|secret|token|passphrase|api_?key|db_?key|pragma\s+(?:re)?key)[\w.]*['\"]?\s*[=:]\s*)"
    r"(?P<secret>\"[^\"]*\"|'[^']*'|[^\s'\",;&)}]+)",
    re.I,
)


def redact(text: str) -> str:
    """`text` with every password-like value replaced by ***."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", text)
    return _KEY_VALUE.sub(lambda m: f"{m['head']}{_masked(m['secret'])}", text)


def _masked(secret: str) -> str:
    quote = secret[0] if secret[:1] in ("'", '"') else ""
    return f"{quote}{MASK}{quote}"


class RedactSecrets(logging.Filter):
    """Renders the record's message once, redacted, and drops its arguments (they are in the text now)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: keep what there is, still redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_folder() -> Path:
    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_folder() / LOG_NAME


def configure_logging(
    path: Path | None = None, *, console: bool = True, level: int = logging.INFO
) -> Path | None:
    """Root logging: stderr (when `console`) and the rotating file; returns the file, None if it cannot be
    written (a read-only profile: then stderr only). Replaces the handlers of an earlier call."""
    path = path or log_path()
    redaction = RedactSecrets()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler()] if console else []
    written: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        )
        written = path
    except OSError:
        pass
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "opcms_handler", False):
            root.removeHandler(old)
            old.close()
    for handler in handlers:
        handler.addFilter(redaction)
        handler.setFormatter(formatter)
        handler.opcms_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return written
