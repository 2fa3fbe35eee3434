"""The permission catalogue and the built-in roles (DOMAIN.md section 6).

Every service entry point calls `require(actor, PERMISSION)`; the UI only hides what would be refused.
"""

from __future__ import annotations

from ..platform.actor import Actor
from ..platform.errors import PermissionDenied

AREAS = ("customers", "pricing", "usage", "invoices", "receipts", "reports", "audit", "users", "settings")
ACTIONS = ("view", "create", "edit", "delete", "import", "export")

SPECIAL = (
    "billing.run",
    "invoices.issue",
    "invoices.credit_note",
    "receipts.record",
    "receipts.allocate",
    "receipts.unallocate",
    "users.manage",
    "roles.manage",
    "settings.manage",
    "dictionaries.manage",
)

CATALOGUE: tuple[str, ...] = tuple(f"{a}.{b}" for a in AREAS for b in ACTIONS) + SPECIAL

_OPS = {
    *(f"{a}.{b}" for a in ("customers", "pricing", "usage", "invoices", "receipts") for b in ACTIONS),
    "reports.view",
    "reports.export",
    "billing.run",
    "invoices.issue",
    "invoices.credit_note",
    "receipts.record",
    "receipts.allocate",
    "receipts.unallocate",
}
_SALES = {
    "customers.view",
    "customers.export",
    "pricing.view",
    "usage.view",
    "invoices.view",
    "invoices.export",
    "receipts.view",
    "reports.view",
    "reports.export",
}

BUILTIN_ROLES: dict[str, tuple[str, str, frozenset[str]]] = {
    # name: (label, customer scope, permissions)
    "admin": ("管理员", "all", frozenset(CATALOGUE)),
    "ops": ("运营", "all", frozenset(_OPS)),
    "sales": ("销售", "own", frozenset(_SALES)),
}

PERMISSION_LABELS = {
    "view": "查看",
    "create": "新建",
    "edit": "编辑",
    "delete": "删除",
    "import": "导入",
    "export": "导出",
}


def require(actor: Actor | None, permission: str) -> Actor:
    if actor is None:
        raise PermissionDenied("You must log in first.")
    if permission not in actor.permissions:
        raise PermissionDenied(f"{actor.username} ({actor.role}) does not have the permission '{permission}'.")
    return actor
