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
    # insight
    "insight.view",
    "segments.manage",
    "tags.manage",
    # follow-through
    "contacts.view",
    "contacts.edit",
    "contacts.view_sensitive",
    "followups.view",
    "followups.edit",
    "dunning.run",
    "dunning.manage",
    "tickets.view",
    "tickets.edit",
    "rules.manage",
    "jobs.run",
    # security, second floor
    "access_log.view",
    "exports.approve",
    "fields.manage",
    "keys.manage",
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
    "insight.view",
    "tags.manage",
    "contacts.view",
    "contacts.edit",
    "contacts.view_sensitive",
    "followups.view",
    "followups.edit",
    "dunning.run",
    "tickets.view",
    "tickets.edit",
    "jobs.run",
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
    "insight.view",
    "contacts.view",
    "contacts.edit",
    "followups.view",
    "followups.edit",
    "tickets.view",
    "tickets.edit",
}
# Managers read everything and the insight panes; they change nothing but segments, tags and follow-ups.
_MANAGER = {
    *(f"{a}.view" for a in ("customers", "pricing", "usage", "invoices", "receipts", "reports")),
    *(f"{a}.export" for a in ("customers", "pricing", "usage", "invoices", "receipts", "reports")),
    "insight.view",
    "segments.manage",
    "tags.manage",
    "contacts.view",
    "contacts.view_sensitive",
    "followups.view",
    "followups.edit",
    "tickets.view",
    "tickets.edit",
    "exports.approve",
}

BUILTIN_ROLES: dict[str, tuple[str, str, frozenset[str]]] = {
    # name: (label, customer scope, permissions)
    "admin": ("管理员", "all", frozenset(CATALOGUE)),
    "ops": ("运营", "all", frozenset(_OPS)),
    "sales": ("销售", "own", frozenset(_SALES)),
    "manager": ("经理", "all", frozenset(_MANAGER)),
}

PERMISSION_LABELS = {
    "view": "查看",
    "create": "新建",
    "edit": "编辑",
    "delete": "删除",
    "import": "导入",
    "export": "导出",
}


AREA_LABELS = {
    "customers": "客户", "pricing": "价格方案", "usage": "用量", "invoices": "账单", "receipts": "收款",
    "reports": "报表", "audit": "审计日志", "users": "用户", "settings": "设置",
}
SPECIAL_LABELS = {
    "billing.run": "出账", "invoices.issue": "开具账单", "invoices.credit_note": "冲正",
    "receipts.record": "登记收款", "receipts.allocate": "核销", "receipts.unallocate": "取消核销",
    "users.manage": "管理用户", "roles.manage": "管理角色", "settings.manage": "管理设置",
    "dictionaries.manage": "管理字典",
    "insight.view": "经营看板与画像", "segments.manage": "管理共享分群", "tags.manage": "管理标签",
    "contacts.view": "查看联系人", "contacts.edit": "编辑联系人", "contacts.view_sensitive": "查看完整电话邮箱",
    "followups.view": "查看跟进", "followups.edit": "记录跟进", "dunning.run": "执行催款",
    "dunning.manage": "设置催款级别", "tickets.view": "查看工单", "tickets.edit": "处理工单",
    "rules.manage": "管理自动化规则", "jobs.run": "运行定时任务", "access_log.view": "查看数据使用记录",
    "exports.approve": "审批导出", "fields.manage": "管理字段权限", "keys.manage": "管理数据库密钥",
}


def permission_label(name: str) -> str:
    """The Chinese label an admin sees for a permission ("客户 · 查看", "出账"); the name if it has none."""
    if name in SPECIAL_LABELS:
        return SPECIAL_LABELS[name]
    area, _, action = name.partition(".")
    if area in AREA_LABELS and action in PERMISSION_LABELS:
        return f"{AREA_LABELS[area]} · {PERMISSION_LABELS[action]}"
    return name


def role_label(role: str) -> str:
    """A built-in role's Chinese label ("销售"); a custom role's name."""
    builtin = BUILTIN_ROLES.get(role)
    return builtin[0] if builtin else role


def require(actor: Actor | None, permission: str) -> Actor:
    """`actor`, if it holds `permission`; PermissionDenied naming the permission otherwise."""
    if actor is None:
        raise PermissionDenied("error.login_required", permission=permission)
    if permission not in actor.permissions:
        raise PermissionDenied("error.permission_missing", permission=permission,
                               label=permission_label(permission), role=role_label(actor.role), user=actor.username)
    return actor
