"""Start-up and sign-in, outside any widget: open the database, first admin, login, password change.

Each step is a blocking function the runner calls in a worker thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..services.maintenance.backup import backup_if_due
from ..services.platform.db import create_db_engine, make_session_factory, schema_is_current
from ..services.platform.errors import OpcmsError, UserError
from ..services.security import auth, bootstrap
from ..services.security import settings as app_settings
from ..services.security.permissions import Actor
from .connection import ConnectionProfile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    factory: sessionmaker[Session]
    needs_first_admin: bool


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    must_change_password: bool
    database: OpenedDatabase


def open_embedded(profile: ConnectionProfile) -> OpenedDatabase:
    """SQLite: create the file and schema on first start; nothing is asked but the first admin."""
    engine = create_db_engine(profile.url())
    result = bootstrap.initialise(engine)
    daily_backup(engine)
    return OpenedDatabase(engine, make_session_factory(engine), needs_first_admin=not result.admin_exists)


def daily_backup(engine: Engine) -> None:
    """The once-a-day checked backup of the SQLite file on start (issue 10 item 4). A backup that fails
    is logged and does not keep the user from working (the next start tries again)."""
    try:
        taken = backup_if_due(engine)
    except (OpcmsError, OSError, SQLAlchemyError):
        log.warning("the daily backup on start failed", exc_info=True)
        return
    if taken is not None:
        log.info("daily backup written: %s", taken.path)


def create_first_admin(database: OpenedDatabase, username: str, password: str, display_name: str) -> SignedIn:
    result = bootstrap.initialise(database.engine, username, password, display_name, upgrade=False)
    if result.admin_created is None:
        raise UserError("users.first_admin_exists")
    actor, must_change = auth.authenticate(database.factory, result.admin_created, password)
    return SignedIn(actor, must_change, database)


def sign_in(profile: ConnectionProfile, database: OpenedDatabase | None, username: str, password: str) -> SignedIn:
    """SQLite: check against the users table. PostgreSQL: connect as the user's own login (the server
    checks the password), then read role and permissions from the users table."""
    if profile.is_postgresql:
        login = auth.authenticate_pg(profile.url(), username, password)
        if not schema_is_current(login.engine):
            login.engine.dispose()
            raise UserError("database.not_initialised")
        opened = OpenedDatabase(login.engine, login.factory, needs_first_admin=False)
        return SignedIn(login.actor, login.must_change_password, opened)
    assert database is not None
    actor, must_change = auth.authenticate(database.factory, username, password)
    return SignedIn(actor, must_change, database)


def idle_timeout_minutes(session: Session, actor: Actor) -> float:
    return float(app_settings.idle_timeout_minutes(session, actor))
