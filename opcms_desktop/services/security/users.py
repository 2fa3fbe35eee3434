"""User administration (admin only) and a user's own password change.

With PostgreSQL security installed (pg_security.is_installed) every user is also a PostgreSQL login
of the same name: created, re-passworded, disabled and moved between group roles here, in the same
transaction as the users row; the server then holds the password (users.password_hash is a marker).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Role, User
from ..audit import trail as audit
from ..platform.errors import NotFound, Problem, ProblemList, UserError, ValidationError
from ..platform.operations import reads, writes
from . import pg_security
from .passwords import check_policy, hash_password, verify_password
from .permissions import Actor, require

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_.-")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    role_label: str
    active: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    last_login_at: dt.datetime | None
    version: int


def _row(user: User, role: Role) -> UserRow:
    return UserRow(
        id=user.id, username=user.username, display_name=user.display_name, role=role.name,
        role_label=role.label, active=user.active, locked_until=user.locked_until,
        must_change_password=user.must_change_password, last_login_at=user.last_login_at,
        version=user.version,
    )


@reads
def list_users(session: Session, actor: Actor) -> list[UserRow]:
    require(actor, "users.view")
    rows = session.execute(select(User, Role).join(Role, User.role_id == Role.id).order_by(User.username))
    return [_row(u, r) for u, r in rows]


@reads
def get_user(session: Session, actor: Actor, username: str) -> UserRow:
    require(actor, "users.view")
    user, role = _load(session, username)
    return _row(user, role)


def _load(session: Session, username: str) -> tuple[User, Role]:
    found = session.execute(
        select(User, Role).join(Role, User.role_id == Role.id).where(User.username == username)
    ).first()
    if found is None:
        raise NotFound("users.not_found", username=username)
    return found[0], found[1]


def _role(session: Session, name: str) -> Role:
    role = session.scalar(select(Role).where(Role.name == name))
    if role is None:
        known = list(session.scalars(select(Role.name).order_by(Role.name)))
        raise ValidationError("users.unknown_role", [Problem("users.role_choices", field="role", value=name,
                                                              params={"roles": known, "role": name})])
    return role


def validate_username(username: str) -> str:
    name = username.strip().lower()
    problems = ProblemList()
    if not 2 <= len(name) <= 63:
        problems.add("users.name_length", field="username", value=username)
    elif not set(name) <= USERNAME_CHARS or not name[0].isalpha():
        problems.add("users.name_chars", field="username", value=username)
    problems.raise_if_any("users.invalid_name", username=username)
    return name


@writes("users", "audit")
def create_user(
    session: Session, actor: Actor | None, username: str, password: str, role: str,
    display_name: str = "", must_change_password: bool = True,
) -> UserRow:
    """Create a user. `actor` None is allowed only for the very first admin (bootstrap)."""
    if actor is not None:
        require(actor, "users.manage")
    elif session.scalar(select(func.count()).select_from(User)):
        raise UserError("users.first_admin_exists")
    name = validate_username(username)
    check_policy(password, name, display_name)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError("users.exists", [Problem("users.name_taken", field="username", value=name,
                                                       params={"username": name})], username=name)
    role_obj = _role(session, role)
    if pg_security.is_installed(session):
        pg_security.create_login(session, name, password, role_obj.name)
        password_hash = pg_security.PG_MANAGED_HASH
    else:
        password_hash = hash_password(password)
    user = User(
        username=name, display_name=display_name.strip() or name, password_hash=password_hash,
        role_id=role_obj.id, active=True, failed_attempts=0, must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id,
                 {"username": [None, name], "display_name": [None, user.display_name], "role": [None, role]})
    return _row(user, role_obj)


def _check_not_last_admin(session: Session, user: User, role: Role) -> None:
    if role.name != "admin" or not user.active:
        return
    admins = session.scalar(
        select(func.count()).select_from(User).join(Role, User.role_id == Role.id)
        .where(Role.name == "admin", User.active.is_(True))
    )
    if admins is not None and admins <= 1:
        raise UserError("users.last_admin", username=user.username)


def _changed(session: Session, actor: Actor, user: User, before: dict, after: dict) -> None:
    session.flush()
    audit.record(session, actor, "update", "user", user.id, audit.diff(before, after))


@writes("users", "audit")
def change_role(session: Session, actor: Actor, username: str, role: str) -> UserRow:
    require(actor, "users.manage")
    user, old_role = _load(session, username)
    new_role = _role(session, role)
    if new_role.id == old_role.id:
        return _row(user, old_role)
    _check_not_last_admin(session, user, old_role)
    user.role_id = new_role.id
    if pg_security.is_installed(session):
        pg_security.change_group(session, user.username, new_role.name)
    _changed(session, actor, user, {"role": old_role.name}, {"role": new_role.name})
    return _row(user, new_role)


@writes("users", "audit")
def set_display_name(session: Session, actor: Actor, username: str, display_name: str) -> UserRow:
    require(actor, "users.manage")
    user, role = _load(session, username)
    before = user.display_name
    user.display_name = display_name.strip() or user.username
    _changed(session, actor, user, {"display_name": before}, {"display_name": user.display_name})
    return _row(user, role)


@writes("users", "audit")
def reset_password(session: Session, actor: Actor, username: str, new_password: str) -> UserRow:
    """An admin sets a new password; the user must change it at the next login."""
    require(actor, "users.manage")
    user, role = _load(session, username)
    check_policy(new_password, user.username, user.display_name)
    user.password_hash = _store_password(session, user.username, new_password)
    user.must_change_password = user.id != actor.id
    user.failed_attempts = 0
    user.locked_until = None
    _changed(session, actor, user, {"password": "***"}, {"password": "*** (reset)"})
    return _row(user, role)


def _store_password(session: Session, username: str, password: str) -> str:
    """The value for users.password_hash; in PostgreSQL mode the login's password is set too."""
    if pg_security.is_installed(session):
        pg_security.set_password(session, username, password)
        return pg_security.PG_MANAGED_HASH
    return hash_password(password)


def _password_is_right(session: Session, user: User, password: str) -> bool:
    if pg_security.is_installed(session) and not user.password_hash.startswith("$2"):
        url = session.connection().engine.url
        return pg_security.check_server_login(url, user.username, password) == "ok"
    return verify_password(password, user.password_hash)


@writes("users", "audit")
def change_own_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    user = session.get(User, actor.id)
    if user is None:
        raise NotFound("users.account_gone", username=actor.username)
    if not _password_is_right(session, user, old_password):
        raise ValidationError("password.not_changed", [Problem("password.wrong_current", field="old_password")])
    if old_password == new_password:
        raise ValidationError("password.not_changed", [Problem("password.same_as_current", field="password")])
    check_policy(new_password, user.username, user.display_name)
    stored = _store_password(session, user.username, new_password)
    if pg_security.is_installed(session) and not pg_security.can_update_users(session):
        # A login without UPDATE on users clears its own flag through a SECURITY DEFINER function.
        pg_security.password_changed(session)
        session.expire(user)
        audit.record(session, actor, "update", "user", user.id, {"password": ["***", "*** (changed by the user)"]})
        return
    user.password_hash = stored
    user.must_change_password = False
    _changed(session, actor, user, {"password": "***"}, {"password": "*** (changed by the user)"})


@writes("users", "audit")
def set_active(session: Session, actor: Actor, username: str, active: bool) -> UserRow:
    require(actor, "users.manage")
    user, role = _load(session, username)
    if user.active == active:
        return _row(user, role)
    if not active:
        if user.id == actor.id:
            raise UserError("users.cannot_disable_self", username=user.username)
        _check_not_last_admin(session, user, role)
    user.active = active
    if pg_security.is_installed(session) and pg_security.role_exists(session, user.username):
        pg_security.set_login_enabled(session, user.username, active)
    if active:
        user.failed_attempts = 0
        user.locked_until = None
    _changed(session, actor, user, {"active": not active}, {"active": active})
    return _row(user, role)


@writes("users", "audit")
def unlock(session: Session, actor: Actor, username: str) -> UserRow:
    require(actor, "users.manage")
    user, role = _load(session, username)
    user.failed_attempts = 0
    user.locked_until = None
    _changed(session, actor, user, {"locked": True}, {"locked": False})
    return _row(user, role)
