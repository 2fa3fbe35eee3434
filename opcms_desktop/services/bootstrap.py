"""First start: schema upgrade, built-in roles and dictionaries, and the first admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..models import DictionaryEntry, Role, RolePermission, User
from .db import make_session_factory, session_scope, upgrade_schema
from .permissions import BUILTIN_ROLES
from .users import create_user

SEED_DICTIONARIES: dict[str, list[tuple[str, str | None]]] = {
    "industry": [("项目", "project"), ("房产经纪", "brokerage"), ("房产ERP", "erp"), ("公共安全", "public_safety"),
                 ("房产平台", "platform"), ("租房", "rental"), ("待确认", "pending")],
    "erp": [("易遨", None), ("巧房", None), ("鼎尖", None), ("房信", None)],
    # label -> normalised cooperation status code
    "coop_status": [("正常使用", "active"), ("双方案使用", "active"), ("消耗余量", "active"),
                    ("近一年未使用", "dormant"), ("待确认", "pending"), ("等待巧房", "pending"),
                    ("商务阶段", "trial"), ("测试", "trial"), ("入贝", "terminated"), ("切换如视", "terminated"),
                    ("切换123", "terminated"), ("停用", "terminated")],
}


@dataclass(frozen=True)
class InitResult:
    schema_upgraded: bool
    roles_created: list[str]
    admin_created: str | None
    admin_exists: bool


def ensure_roles(session: Session) -> list[str]:
    """Create missing built-in roles; bring their permission sets up to the current catalogue."""
    created = []
    for name, (label, scope, perms) in BUILTIN_ROLES.items():
        role = session.scalar(select(Role).where(Role.name == name))
        if role is None:
            role = Role(name=name, label=label, builtin=True, customer_scope=scope)
            session.add(role)
            session.flush()
            created.append(name)
        have = set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id)))
        for perm in sorted(perms - have):
            session.add(RolePermission(role_id=role.id, permission=perm))
    session.flush()
    return created


def ensure_dictionaries(session: Session) -> None:
    for kind, entries in SEED_DICTIONARIES.items():
        have = set(session.scalars(select(DictionaryEntry.label).where(DictionaryEntry.kind == kind)))
        for order, (label, code) in enumerate(entries):
            if label not in have:
                session.add(DictionaryEntry(kind=kind, label=label, code=code, sort_order=order))
    session.flush()


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def initialise(engine: Engine, admin_username: str | None = None, admin_password: str | None = None,
               display_name: str = "", upgrade: bool = True) -> InitResult:
    """Upgrade the schema, seed roles and dictionaries, create the first admin if none exists.

    Running it again is harmless: nothing that exists is changed.
    """
    if upgrade:
        upgrade_schema(engine)
    with session_scope(make_session_factory(engine)) as session:
        created_roles = ensure_roles(session)
        ensure_dictionaries(session)
        if has_users(session):
            return InitResult(True, created_roles, None, True)
        if admin_username is None or admin_password is None:
            return InitResult(True, created_roles, None, False)
        create_user(session, None, admin_username, admin_password, "admin", display_name,
                    must_change_password=False)
        return InitResult(True, created_roles, admin_username.strip().lower(), True)
