"""The log (issue 10 item 3): rotating, in the per-user folder, and never a password in it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.engine import make_url

from opcms_desktop.services.platform import logs
from opcms_desktop.services.platform.logs import configure_logging, redact


@pytest.mark.parametrize(
    "text,expected",
    [
        ("postgresql://owner:s3cret@db:5432/opcms", "postgresql://owner:***@db:5432/opcms"),
        (
            "postgresql+psycopg://liuji:p%40ss@10.0.0.5/opcms?sslmode=require",
            "postgresql+psycopg://liuji:***@10.0.0.5/opcms?sslmode=require",
        ),
        ("host=db user=ops password=hunter2 dbname=opcms", "host=db user=ops password=*** dbname=opcms"),
        ('{"username": "admin", "password": "Adm1n-秘密"}', '{"username": "admin", "password": "***"}'),
        ("PGPASSWORD=abc123 pg_dump opcms", "PGPASSWORD=*** pg_dump opcms"),
        ("OPCMS_ADMIN_PASSWORD='x y' opcms init", "OPCMS_ADMIN_PASSWORD='***' opcms init"),
        ("password: ", "password: "),  # nothing to hide
        ("secret_key=9f86d081884c7d65 next", "secret_key=*** next"),
        ("OPCMS_DB_KEY=9f86d081884c7d65 opcms backup", "OPCMS_DB_KEY=*** opcms backup"),
        ("PRAGMA key = \"x'9f86d0'\"", 'PRAGMA key = "***"'),
        ("the key of the file is kept", "the key of the file is kept"),
        (
            "sqlite:////home/u/opcms.db and postgresql://owner@db/opcms",
            "sqlite:////home/u/opcms.db and postgresql://owner@db/opcms",
        ),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_a_url_rendered_by_sqlalchemy_is_redacted():
    url = make_url("postgresql+psycopg://ops:Very-Secret-1@db/opcms").render_as_string(hide_password=False)
    assert "Very-Secret-1" not in redact(url)


def test_the_log_file_rotates_and_holds_no_secret(tmp_path):
    path = tmp_path / "Logs" / "opcms.log"
    try:
        assert configure_logging(path, console=False) == path
        log = logging.getLogger("opcms_desktop.test")
        log.info("connecting to %s", "postgresql://ops:Very-Secret-1@db/opcms")
        log.warning("login with password=%s failed", "Hunter-22")
        try:
            raise RuntimeError("could not connect to postgresql://ops:Very-Secret-1@db/opcms")
        except RuntimeError:
            log.exception("unexpected")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "postgresql://ops:***@db/opcms" in text and "password=***" in text
        assert "Very-Secret-1" not in text and "Hunter-22" not in text
        assert "RuntimeError" in text  # the traceback itself is kept
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "opcms_handler", False))
        assert (handler.maxBytes, handler.backupCount) == (logs.MAX_BYTES, logs.BACKUP_COUNT)
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "opcms_handler", False)]:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_the_log_is_in_the_per_user_log_folder():
    assert logs.log_path().name == "opcms.log"
    assert "OPCMS" in logs.log_path().parts
