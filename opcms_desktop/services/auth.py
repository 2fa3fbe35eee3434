"""Login: password check, lockout after repeated failures, and the Actor every service call receives."""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from ..models import Role, RolePermission, User
from . import audit
from .db import session_scope
from .errors import AuthenticationError
from .passwords import hash_password, verify_password
from .permissions import Actor

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15


@functools.cache
def _dummy_hash() -> str:
    # Checked when the user name is unknown, so both kinds of failure take the same time.
    return hash_password("not-a-real-password")


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


def authenticate(factory: sessionmaker[Session], username: str, password: str) -> tuple[Actor, bool]:
    """Check a login in its own transaction and return (actor, must_change_password).

    A failed attempt is counted and committed even though the login fails: that is what makes
    the lockout work, so this is the one service that owns its transaction.
    """
    failure: AuthenticationError | None = None
    with session_scope(factory) as session:
        user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
        if user is None:
            verify_password(password, _dummy_hash())
            raise AuthenticationError("Wrong user name or password.")
        now = _now()
        locked_until = _aware(user.locked_until)
        if locked_until and locked_until > now:
            minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
            raise AuthenticationError(
                f"The account {user.username} is locked after {MAX_FAILED_ATTEMPTS} failed attempts; "
                f"try again in {minutes} minutes or ask an admin."
            )
        if not verify_password(password, user.password_hash):
            attempts = user.failed_attempts + 1
            values: dict[str, object] = {"failed_attempts": attempts}
            if attempts >= MAX_FAILED_ATTEMPTS:
                values = {"failed_attempts": 0, "locked_until": now + dt.timedelta(minutes=LOCK_MINUTES)}
            # Core UPDATE: a failed login is not an edit of the user record (no version bump).
            session.execute(update(User).where(User.id == user.id).values(**values))
            if attempts >= MAX_FAILED_ATTEMPTS:
                audit.record(session, None, "event", "user", user.id, {"username": user.username},
                             summary=f"account {user.username} locked after {attempts} failed logins")
            failure = AuthenticationError("Wrong user name or password.")
        elif not user.active:
            raise AuthenticationError(f"The account {user.username} is disabled.")
        else:
            session.execute(
                update(User).where(User.id == user.id)
                .values(failed_attempts=0, locked_until=None, last_login_at=now)
            )
            return actor_for(session, user), user.must_change_password
    # Leaving the block committed the failure count; only now report the failure.
    assert failure is not None
    raise failure


def reload_actor(session: Session, actor: Actor) -> Actor:
    """The same user with their current role and permissions (after an admin changed them)."""
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise AuthenticationError("This account no longer exists or was disabled.")
    return actor_for(session, user)
