"""Login: password check, lockout after repeated failures, and the Actor every service call receives.

Two ways in:
- `authenticate(factory, ...)`: SQLite, or any connection the caller already holds (the CLI). When the
  database has PostgreSQL security installed, the server is the password authority: the password is
  checked by connecting as the user, and failures are counted only on a connection that may update
  users (the owner); an application login may only log in as itself.
- `authenticate_pg(base_url, ...)`: the desktop client in PostgreSQL mode connects with the user's own
  credentials and gets that connection's engine back (every later query runs as that login).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from ...models import Role, RolePermission, User
from ..audit import trail as audit
from ..platform.db import create_db_engine, make_session_factory, session_scope, user_url
from ..platform.errors import AuthenticationError, UserError
from ..platform.operations import reads, writes
from . import pg_security
from .passwords import hash_password, verify_password
from .permissions import Actor

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
WRONG = "auth.failed"


@functools.cache
def _dummy_hash() -> str:
    # Checked when the user name is unknown, so both kinds of failure take the same time.
    return hash_password("not-a-real-password")


@reads
def actor_for(session: Session, user: User) -> Actor:
    role = session.get(Role, user.role_id)
    assert role is not None
    perms = session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id)).all()
    return Actor(
        id=user.id, username=user.username, display_name=user.display_name or user.username,
        role=role.name, permissions=frozenset(perms), customer_scope=role.customer_scope,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _refuse_if_locked(user: User, now: dt.datetime) -> None:
    locked_until = _aware(user.locked_until)
    if locked_until and locked_until > now:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        raise AuthenticationError("auth.locked", username=user.username, attempts=MAX_FAILED_ATTEMPTS,
                                  until=locked_until.astimezone().strftime("%H:%M"), minutes=minutes)


def _count_failure(session: Session, user: User, now: dt.datetime) -> None:
    attempts = user.failed_attempts + 1
    values: dict[str, object] = {"failed_attempts": attempts}
    if attempts >= MAX_FAILED_ATTEMPTS:
        values = {"failed_attempts": 0, "locked_until": now + dt.timedelta(minutes=LOCK_MINUTES)}
    # Core UPDATE: a failed login is not an edit of the user record (no version bump).
    session.execute(update(User).where(User.id == user.id).values(**values))
    if attempts >= MAX_FAILED_ATTEMPTS:
        audit.record(session, None, "event", "user", user.id, {"username": user.username},
                     summary=f"account {user.username} locked after {attempts} failed logins")


@writes("users", "audit")
def authenticate(factory: sessionmaker[Session], username: str, password: str) -> tuple[Actor, bool]:
    """Check a login in its own transaction and return (actor, must_change_password).

    A failed attempt is counted and committed even though the login fails: that is what makes
    the lockout work, so this is the one service that owns its transaction.
    """
    failure: AuthenticationError | None = None
    with session_scope(factory) as session:
        if pg_security.is_installed(session):
            result, failure = _managed_login(session, username, password)
            if result is not None:
                return result
        else:
            user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
            if user is None:
                verify_password(password, _dummy_hash())
                raise AuthenticationError(WRONG)
            now = _now()
            _refuse_if_locked(user, now)
            if not verify_password(password, user.password_hash):
                _count_failure(session, user, now)
                failure = AuthenticationError(WRONG)
            elif not user.active:
                raise AuthenticationError("auth.disabled", username=user.username)
            else:
                session.execute(
                    update(User).where(User.id == user.id)
                    .values(failed_attempts=0, locked_until=None, last_login_at=now)
                )
                return actor_for(session, user), user.must_change_password
    # Leaving the block committed the failure count; only now report the failure.
    assert failure is not None
    raise failure


def _managed_login(session: Session, username: str, password: str
                   ) -> tuple[tuple[Actor, bool] | None, AuthenticationError | None]:
    """PostgreSQL security installed: the server checks the password (a login made before the
    install still has its bcrypt hash; on the owner's connection it is moved to the server)."""
    name = username.strip().lower()
    login = pg_security.session_login(session)
    if login is not None and login != name:
        raise AuthenticationError("login.wrong_connection", login=login, username=name)
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise AuthenticationError(WRONG)
    now = _now()
    _refuse_if_locked(user, now)
    legacy_hash = pg_security.legacy_hash(session, user)  # bcrypt from before the set-up (owner only)
    legacy = legacy_hash is not None
    if legacy_hash is not None:
        verdict: pg_security.LoginCheck = "ok" if verify_password(password, legacy_hash) else "denied"
    else:
        verdict = pg_security.check_server_login(session.connection().engine.url, name, password)
    if verdict != "ok":
        if verdict == "nologin" and not user.active:
            raise AuthenticationError("auth.disabled", username=user.username)
        if login is None and pg_security.can_update_users(session):
            _count_failure(session, user, now)
        return None, AuthenticationError(WRONG)
    if not user.active:
        raise AuthenticationError("auth.disabled", username=user.username)
    if login is None and pg_security.can_update_users(session):
        values: dict[str, object] = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
        if legacy and pg_security.role_exists(session, name):
            pg_security.set_password(session, name, password)
            pg_security.forget_legacy_hash(session, name)
            values["password_hash"] = pg_security.PG_MANAGED_HASH
        session.execute(update(User).where(User.id == user.id).values(**values))
    else:
        pg_security.note_login(session)
    return (actor_for(session, user), user.must_change_password), None


@reads
def reload_actor(session: Session, actor: Actor) -> Actor:
    """The same user with their current role and permissions (after an admin changed them)."""
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise AuthenticationError("auth.account_gone", username=actor.username)
    return actor_for(session, user)


@dataclass(frozen=True)
class PgLogin:
    """A PostgreSQL-mode login: the user's own engine (dispose it at logout) and session factory."""

    engine: Engine
    factory: sessionmaker[Session]
    actor: Actor
    must_change_password: bool


@writes("users")
def authenticate_pg(base_url: str, username: str, password: str) -> PgLogin:
    """Connect as the user's own PostgreSQL login; the server checks the password.

    The users row supplies role and permissions, and may refuse a disabled or locked account.
    A refused connection raises AuthenticationError; an unreachable server raises UserError.
    """
    name = username.strip().lower()
    if not name or not password:
        raise AuthenticationError(WRONG)
    engine = create_db_engine(user_url(base_url, name, password))
    try:
        try:
            with engine.connect():
                pass
        except sa_exc.OperationalError as exc:
            if pg_security.classify_login_error(str(exc.orig or exc)) == "nologin":
                raise AuthenticationError("auth.disabled", username=name) from None
            raise AuthenticationError(WRONG) from None
        factory = make_session_factory(engine)
        with session_scope(factory) as session:
            try:
                installed = pg_security.is_installed(session)
            except sa_exc.ProgrammingError:
                installed = False
            if not installed:
                raise UserError("login.not_set_up")
            user = session.scalar(select(User).where(User.username == name))
            if user is None:
                raise AuthenticationError("login.not_an_app_user", username=name)
            if not user.active:
                raise AuthenticationError("auth.disabled", username=name)
            _refuse_if_locked(user, _now())
            actor = actor_for(session, user)
            must_change = user.must_change_password
            pg_security.note_login(session)
        return PgLogin(engine, factory, actor, must_change)
    except BaseException:
        engine.dispose()
        raise
