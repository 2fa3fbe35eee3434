"""Roles as sets of permissions: the catalogue for a role editor, custom roles, audited changes.

Rules: built-in roles (admin, ops, sales) cannot be renamed, deleted or change their customer scope;
their permissions can be edited, but admin always keeps users.manage and roles.manage. A role in use
cannot be deleted. A role limited to its own customers cannot hold administration permissions
(users, roles, settings, audit, dictionaries: those see everyone's data). In PostgreSQL mode the
holders' logins follow the role into the matching group role (pg_security.group_for).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ...models import Role, RolePermission, User
from ..audit import trail as audit
from ..platform.errors import ConflictError, NotFound, Problem, ProblemList, UserError, ValidationError
from ..platform.operations import reads, writes
from . import pg_security
from .permissions import CATALOGUE, Actor, permission_label, require

SCOPES = ("all", "own")
SCOPE_LABELS = {"all": "全部客户", "own": "仅自己负责的客户"}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
ADMIN_KEEPS = frozenset({"users.manage", "roles.manage"})


@dataclass(frozen=True)
class PermissionInfo:
    name: str  # "customers.view"
    area: str  # "customers"
    action: str  # "view"
    label: str  # "客户 · 查看"
    admin_only: bool  # not allowed in a role limited to its own customers


@dataclass(frozen=True)
class RoleInfo:
    id: int
    name: str
    label: str
    builtin: bool
    customer_scope: str  # "all" | "own"
    permissions: tuple[str, ...]  # sorted
    user_count: int
    version: int
    db_group: str  # the PostgreSQL group role its holders' logins belong to


def _is_admin_permission(name: str) -> bool:
    return name.split(".", 1)[0] in pg_security.ADMIN_AREAS


def permission_catalogue() -> list[PermissionInfo]:
    """Every permission, in catalogue order (areas x actions, then the special ones)."""
    out = []
    for name in CATALOGUE:
        area, action = name.split(".", 1)
        out.append(PermissionInfo(name, area, action, permission_label(name), _is_admin_permission(name)))
    return out


def _info(session: Session, role: Role) -> RoleInfo:
    perms = tuple(sorted(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id))))
    users = session.scalar(select(func.count()).select_from(User).where(User.role_id == role.id)) or 0
    group, _ = pg_security.group_for(role.customer_scope, perms)
    return RoleInfo(role.id, role.name, role.label, role.builtin, role.customer_scope, perms, int(users),
                    role.version, group)


def _require_reader(actor: Actor) -> None:
    if not actor.can("users.view"):  # the user screen picks roles too
        require(actor, "roles.manage")


@reads
def list_roles(session: Session, actor: Actor) -> list[RoleInfo]:
    _require_reader(actor)
    roles = session.scalars(select(Role).order_by(Role.builtin.desc(), Role.name))
    return [_info(session, r) for r in roles]


def _load(session: Session, name: str) -> Role:
    role = session.scalar(select(Role).where(Role.name == name.strip().lower()))
    if role is None:
        raise NotFound("roles.not_found", name=name)
    return role


@reads
def get_role(session: Session, actor: Actor, name: str) -> RoleInfo:
    _require_reader(actor)
    return _info(session, _load(session, name))


def _check_name(session: Session, name: str, current_id: int | None = None) -> str:
    clean = name.strip().lower()
    if not NAME_PATTERN.match(clean):
        raise ValidationError("roles.invalid_name", [Problem("roles.name_rule", field="name", value=name)], name=name)
    other = session.scalar(select(Role.id).where(Role.name == clean))
    if other is not None and other != current_id:
        raise ValidationError("roles.exists", [Problem("roles.name_taken", field="name", value=clean,
                                                       params={"name": clean})], name=clean)
    return clean


def _check_label(label: str) -> str:
    clean = label.strip()
    if not 1 <= len(clean) <= 80:
        raise ValidationError("roles.invalid_label", [Problem("roles.label_length", field="label", value=label)])
    return clean


def _check_permissions(permissions: Iterable[str], scope: str) -> set[str]:
    perms = {p.strip() for p in permissions if p.strip()}
    problems = ProblemList()
    for p in sorted(perms - set(CATALOGUE)):
        problems.add("roles.not_in_catalogue", field="permissions", value=p, permission=p)
    if scope not in SCOPES:
        problems.add("roles.scope_choices", field="customer_scope", value=scope)
    elif scope == "own":
        for p in sorted(perms):
            if _is_admin_permission(p):
                problems.add("roles.own_scope_admin", field="permissions", value=p, permission=p,
                             label=permission_label(p))
    problems.raise_if_any("roles.invalid_permissions")
    return perms


def _snapshot(role: Role, perms: Iterable[str]) -> dict[str, object]:
    return {"name": role.name, "label": role.label, "customer_scope": role.customer_scope,
            "permissions": sorted(perms)}


@writes("roles", "audit")
def create_role(session: Session, actor: Actor, name: str, label: str, customer_scope: str,
                permissions: Iterable[str]) -> RoleInfo:
    require(actor, "roles.manage")
    clean = _check_name(session, name)
    perms = _check_permissions(permissions, customer_scope)
    role = Role(name=clean, label=_check_label(label), builtin=False, customer_scope=customer_scope)
    session.add(role)
    session.flush()
    session.add_all(RolePermission(role_id=role.id, permission=p) for p in sorted(perms))
    session.flush()
    audit.record(session, actor, "create", "role", role.id, audit.diff({}, _snapshot(role, perms)))
    return _info(session, role)


@writes("roles", "users", "audit")
def update_role(session: Session, actor: Actor, name: str, *, new_name: str | None = None,
                label: str | None = None, customer_scope: str | None = None,
                permissions: Iterable[str] | None = None, expected_version: int | None = None) -> RoleInfo:
    """Change what is given (None = keep). `expected_version` from the editor's RoleInfo: ConflictError
    if someone else saved the role since."""
    require(actor, "roles.manage")
    role = _load(session, name)
    if expected_version is not None and role.version != expected_version:
        raise ConflictError("roles.changed_elsewhere", name=role.name)
    old_perms = set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id)))
    before = _snapshot(role, old_perms)
    scope = role.customer_scope if customer_scope is None else customer_scope
    perms = old_perms if permissions is None else set(permissions)
    perms = _check_permissions(perms, scope)
    if role.builtin:
        if new_name is not None and new_name.strip().lower() != role.name:
            raise UserError("roles.builtin_rename", name=role.name)
        if scope != role.customer_scope:
            raise UserError("roles.builtin_scope", name=role.name, scope=role.customer_scope)
        if role.name == "admin" and ADMIN_KEEPS - perms:
            raise UserError("roles.admin_keeps", missing=sorted(ADMIN_KEEPS - perms))
    if new_name is not None:
        role.name = _check_name(session, new_name, role.id)
    if label is not None:
        role.label = _check_label(label)
    role.customer_scope = scope
    removed, added = old_perms - perms, perms - old_perms
    if removed:
        session.execute(delete(RolePermission).where(RolePermission.role_id == role.id,
                                                     RolePermission.permission.in_(sorted(removed))))
    session.add_all(RolePermission(role_id=role.id, permission=p) for p in sorted(added))
    changes = audit.diff(before, _snapshot(role, perms))
    if not changes:
        return _info(session, role)
    flag_modified(role, "label")  # a permission-only edit still bumps the role's version
    session.flush()
    audit.record(session, actor, "update", "role", role.id, changes)
    if "customer_scope" in changes or "permissions" in changes:
        pg_security.sync_role_holders(session, role.name)
    return _info(session, role)


@writes("roles", "users", "audit")
def grant_permissions(session: Session, actor: Actor, name: str, permissions: Iterable[str]) -> RoleInfo:
    require(actor, "roles.manage")
    current = get_role(session, actor, name)
    return update_role(session, actor, name, permissions=set(current.permissions) | set(permissions))


@writes("roles", "users", "audit")
def revoke_permissions(session: Session, actor: Actor, name: str, permissions: Iterable[str]) -> RoleInfo:
    require(actor, "roles.manage")
    current = get_role(session, actor, name)
    unknown = sorted(set(permissions) - set(CATALOGUE))
    if unknown:
        raise ValidationError("roles.unknown_permissions", [
            Problem("roles.not_in_catalogue", field="permissions", value=p, params={"permission": p}) for p in unknown])
    return update_role(session, actor, name, permissions=set(current.permissions) - set(permissions))


@writes("roles", "audit")
def delete_role(session: Session, actor: Actor, name: str) -> None:
    require(actor, "roles.manage")
    role = _load(session, name)
    if role.builtin:
        raise UserError("roles.builtin_delete", name=role.name)
    holders = session.scalar(select(func.count()).select_from(User).where(User.role_id == role.id)) or 0
    if holders:
        raise UserError("roles.in_use", name=role.name, count=holders)
    perms = set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id)))
    before = _snapshot(role, perms)
    role_id = role.id
    session.execute(delete(RolePermission).where(RolePermission.role_id == role_id))
    session.expunge(role)
    session.execute(delete(Role).where(Role.id == role_id))
    audit.record(session, actor, "delete", "role", role_id, audit.diff(before, {}))
