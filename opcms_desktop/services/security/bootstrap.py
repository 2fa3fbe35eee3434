"""First start: schema upgrade, built-in roles and dictionaries, and the first admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ...models import DictionaryEntry, Role, RolePermission, Setting, User
from ..platform.db import make_session_factory, session_scope, upgrade_schema
from ..platform.operations import reads, writes
from . import pg_security as pg
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


SEEDED_KEY = "roles.seeded_permissions"


@dataclass(frozen=True)
class InitResult:
    schema_upgraded: bool
    roles_created: list[str]
    admin_created: str | None
    admin_exists: bool
    pg_security: pg.InstallReport | None = None


@writes("roles", "settings")
def ensure_roles(session: Session) -> list[str]:
    """Create missing built-in roles; give them the catalogue's permissions they were never given.

    A settings row remembers what was seeded, so a permission an admin revoked from a built-in role
    stays revoked, while a permission new in the catalogue still reaches it.
    """
    created = []
    seeded_row = session.get(Setting, SEEDED_KEY)
    seeded: dict[str, list[str]] = dict(seeded_row.value) if seeded_row is not None else {}
    for name, (label, scope, perms) in BUILTIN_ROLES.items():
        role = session.scalar(select(Role).where(Role.name == name))
        if role is None:
            role = Role(name=name, label=label, builtin=True, customer_scope=scope)
            session.add(role)
            session.flush()
            created.append(name)
            seeded.pop(name, None)
        have = set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id)))
        for perm in sorted(perms - have - set(seeded.get(name, ()))):
            session.add(RolePermission(role_id=role.id, permission=perm))
        seeded[name] = sorted(perms | set(seeded.get(name, ())))
    if seeded_row is None:
        session.add(Setting(key=SEEDED_KEY, value=seeded))
    elif seeded_row.value != seeded:
        seeded_row.value = seeded
    session.flush()
    return created


@writes("dictionaries")
def ensure_dictionaries(session: Session) -> None:
    for kind, entries in SEED_DICTIONARIES.items():
        have = set(session.scalars(select(DictionaryEntry.label).where(DictionaryEntry.kind == kind)))
        for order, (label, code) in enumerate(entries):
            if label not in have:
                session.add(DictionaryEntry(kind=kind, label=label, code=code, sort_order=order))
    session.flush()


@reads
def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


@writes("users", "roles", "settings", "dictionaries", "audit")
def initialise(engine: Engine, admin_username: str | None = None, admin_password: str | None = None,
               display_name: str = "", upgrade: bool = True, pg_security: bool = False) -> InitResult:
    """Upgrade the schema, seed roles and dictionaries, create the first admin if none exists.

    `pg_security` (PostgreSQL, owner URL): also install roles, grants and row-level security
    before the first admin is created, so the admin becomes a login with CREATEROLE.
    Running it again is harmless: nothing that exists is changed.
    """
    if upgrade:
        upgrade_schema(engine)
    with session_scope(make_session_factory(engine)) as session:
        created_roles = ensure_roles(session)
        ensure_dictionaries(session)
        report = pg.install_in(session) if pg_security else None
        if has_users(session):
            return InitResult(True, created_roles, None, True, report)
        if admin_username is None or admin_password is None:
            return InitResult(True, created_roles, None, False, report)
        create_user(session, None, admin_username, admin_password, "admin", display_name,
                    must_change_password=False)
        return InitResult(True, created_roles, admin_username.strip().lower(), True, report)
