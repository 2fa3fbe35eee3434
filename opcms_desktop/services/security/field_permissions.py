"""Field-level permissions: per role, each customer field and the money figures are hidden, read-only or
editable (no row: editable).

Decisions:
- The field keys are the customer list's column keys (services/customers/columns.py; a test keeps the two
  equal) plus "amounts" (prices on the customer and, where a screen or export consults it, bill amounts).
- 公司id and 公司名称 identify the customer and cannot be hidden; the admin role is never restricted.
- Hidden is enforced in the services (rows, detail, exports, CLI output all pass through `redact` or drop
  the column); read-only is enforced where customers are edited (`check_editable`).
- `field_modes` is cached per role in the session (one query per operation, however many rows).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...models import Role
from ...models.access import FIELD_MODES, FieldPermission
from ..audit import trail as audit
from ..platform.errors import NotFound, PermissionDenied, UserError
from ..platform.operations import reads, writes
from .permissions import Actor, require

CUSTOMER_FIELDS: dict[str, str] = {
    "company_id": "公司id",
    "name": "公司名称",
    "account_type": "账号类型",
    "industry": "行业类型",
    "erp": "所属ERP",
    "onboarding": "接入时间",
    "grade": "客户等级",
    "sales_owners": "销售负责人",
    "ops_owners": "运营负责人",
    "coop_status": "合作状态",
    "coop_status_raw": "合作状态原文",
    "coop_note": "合作备注",
    "billing_enabled": "是否结算",
    "disabled": "是否停用",
    "notes": "备注",
    "settlement_mode": "结算方式",
    "single_price_raw": "单层定价",
    "multi_price_raw": "多层定价",
    "consumption_tier": "客户消费等级",
    "avg_monthly_shoots": "月均拍摄量",
    "payment_terms_days": "账期(天)",
}
AMOUNTS = "amounts"
FIELD_LABELS: dict[str, str] = {**CUSTOMER_FIELDS, AMOUNTS: "金额与价格"}
FIELD_KEYS: tuple[str, ...] = tuple(FIELD_LABELS)
ALWAYS_VISIBLE = frozenset({"company_id", "name"})

# Which attributes of a customer row or detail carry each field (redact blanks them all).
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "account_type": ("account_type", "account_type_label", "account_type_raw"),
    "industry": ("industry_id", "industry_label"),
    "erp": ("erp_id", "erp_label"),
    "onboarding": ("onboarding_half", "onboarding_raw"),
    "sales_owners": ("sales_owners", "sales_owner_raw", "sales_owner_ids"),
    "ops_owners": ("ops_owners", "ops_owner_raw", "ops_owner_ids"),
    "coop_status": ("coop_status_id", "coop_status", "coop_status_label"),
    "billing_enabled": ("billing_enabled", "billing_enabled_label"),
    "settlement_mode": ("settlement_mode", "settlement_mode_label", "settlement_mode_raw"),
    AMOUNTS: ("single_price_raw", "multi_price_raw"),
}
# The keys of a customer edit (services/customers/fields.py) that are not field keys themselves.
EDIT_KEYS: dict[str, str] = {
    "industry_id": "industry",
    "erp_id": "erp",
    "onboarding_half": "onboarding",
    "sales_owner_ids": "sales_owners",
    "ops_owner_ids": "ops_owners",
    "coop_status_id": "coop_status",
}
# The customer sheet's column keys (services/customers/headers.py) that differ from the field keys.
SHEET_KEYS: dict[str, str] = {
    "sales_owner": "sales_owners",
    "ops_owner": "ops_owners",
    "billing": "billing_enabled",
    "single_price": "single_price_raw",
    "multi_price": "multi_price_raw",
}
_OWNER_KINDS = {"sales_owners": "sales", "ops_owners": "ops"}
_CACHE = "opcms.field_modes"
T = TypeVar("T")


@dataclass(frozen=True)
class FieldRule:
    role: str
    field: str
    label: str
    mode: str


def _modes_of_role(session: Session, role: str) -> dict[str, str]:
    cache: dict[str, dict[str, str]] = session.info.setdefault(_CACHE, {})
    if role not in cache:
        with session.no_autoflush:  # called mid-edit (check_editable): never flush the half-edited row
            rows = session.execute(
                select(FieldPermission.field, FieldPermission.mode).where(FieldPermission.role == role)
            ).all()
        cache[role] = {field: mode for field, mode in rows}
    return cache[role]


@reads
def field_modes(session: Session, actor: Actor) -> dict[str, str]:
    """Every field key -> the actor's mode (hidden / read_only / editable)."""
    stored = {} if actor.role == "admin" else _modes_of_role(session, actor.role)
    return {key: stored.get(key, "editable") for key in FIELD_KEYS}


@reads
def hidden_fields(session: Session, actor: Actor) -> frozenset[str]:
    """The field keys hidden from the actor ("amounts" also hides the two price fields)."""
    modes = field_modes(session, actor)
    hidden = {key for key, mode in modes.items() if mode == "hidden"}
    if AMOUNTS in hidden:
        hidden |= {"single_price_raw", "multi_price_raw"}
    return frozenset(hidden)


@reads
def visible_customer_fields(session: Session, actor: Actor) -> list[str]:
    """The customer field keys the actor may see, in list order."""
    hidden = hidden_fields(session, actor)
    return [key for key in CUSTOMER_FIELDS if key not in hidden]


def sheet_key_hidden(sheet_key: str, hidden: frozenset[str]) -> bool:
    """Whether a customer-sheet column (headers.FIELDS key) is hidden."""
    return SHEET_KEYS.get(sheet_key, sheet_key) in hidden


_TEXT_ALWAYS = ("sales_owners", "ops_owners")  # non-optional texts of a row besides the *_label ones


def _blank(attribute: str, value: Any) -> Any:
    """What a hidden attribute holds: nothing (None, "" for texts a row always has, () for id tuples, 0 days)."""
    if isinstance(value, str) and (attribute.endswith("_label") or attribute in _TEXT_ALWAYS):
        return ""
    if isinstance(value, tuple):
        return ()
    if attribute == "payment_terms_days":
        return 0
    return None


def redact(row: T, hidden: frozenset[str]) -> T:
    """A copy of a customer row/detail dataclass with every hidden field blanked (the same row when none)."""
    if not hidden or not dataclasses.is_dataclass(row) or isinstance(row, type):
        return row
    names = {f.name for f in dataclasses.fields(row)}
    changes: dict[str, Any] = {}
    for key in hidden:
        for attribute in ATTRIBUTES.get(key, (key,)):
            if attribute in names:
                changes[attribute] = _blank(attribute, getattr(row, attribute))
    hidden_kinds = {kind for key, kind in _OWNER_KINDS.items() if key in hidden}
    if hidden_kinds and "owners" in names:
        changes["owners"] = tuple(
            o
            for o in getattr(row, "owners")  # noqa: B009
            if getattr(o, "kind", None) not in hidden_kinds
        )
    return dataclasses.replace(row, **changes) if changes else row


@reads
def check_editable(session: Session, actor: Actor, change_keys: Iterable[str]) -> None:
    """PermissionDenied (`access.field_not_editable`) when a change touches a hidden or read-only field."""
    modes = field_modes(session, actor)
    for key in change_keys:
        field = EDIT_KEYS.get(key, key)
        mode = modes.get(field, "editable")
        if field in ("single_price_raw", "multi_price_raw") and modes.get(AMOUNTS) != "editable":
            mode = modes[AMOUNTS] if mode == "editable" else mode
        if mode != "editable":
            raise PermissionDenied(
                "access.field_not_editable", field=FIELD_LABELS.get(field, field), mode=mode, role=actor.role
            )


@reads
def list_field_rules(session: Session, actor: Actor) -> list[FieldRule]:
    """Every stored rule (role, field, mode) by role and field order; missing rules mean editable."""
    require(actor, "fields.manage")
    order = {key: index for index, key in enumerate(FIELD_KEYS)}
    rows = session.execute(select(FieldPermission.role, FieldPermission.field, FieldPermission.mode)).all()
    rules = [FieldRule(r, f, FIELD_LABELS.get(f, f), m) for r, f, m in rows]
    return sorted(rules, key=lambda rule: (rule.role, order.get(rule.field, len(order))))


@writes("field_permissions", "audit")
def set_field_mode(session: Session, actor: Actor, role: str, field: str, mode: str) -> FieldRule:
    """Set how `role` may use `field`; "editable" removes the rule. Audited."""
    require(actor, "fields.manage")
    if field not in FIELD_LABELS:
        raise UserError("access.unknown_field", field=field, known=list(FIELD_KEYS))
    if mode not in FIELD_MODES:
        raise UserError("access.unknown_mode", mode=mode, known=list(FIELD_MODES))
    if session.scalar(select(Role.id).where(Role.name == role)) is None:
        raise NotFound("access.unknown_role", role=role)
    if role == "admin":
        raise UserError("access.admin_fields_fixed")
    if field in ALWAYS_VISIBLE and mode == "hidden":
        raise UserError("access.field_always_visible", field=FIELD_LABELS[field])
    before = _modes_of_role(session, role).get(field, "editable")
    session.execute(
        delete(FieldPermission).where(FieldPermission.role == role, FieldPermission.field == field)
    )
    if mode != "editable":
        session.add(FieldPermission(role=role, field=field, mode=mode))
    session.flush()
    session.info.pop(_CACHE, None)
    if before != mode:
        audit.record(
            session, actor, "update", "field_permission", f"{role}:{field}", {"mode": [before, mode]}
        )
    return FieldRule(role, field, FIELD_LABELS[field], mode)


@reads
def field_roles(session: Session, actor: Actor) -> list[str]:
    """The roles whose fields an admin may restrict (every role but admin), by name."""
    require(actor, "fields.manage")
    return [name for name in session.scalars(select(Role.name).order_by(Role.name)) if name != "admin"]


@reads
def role_field_rules(session: Session, actor: Actor, role: str) -> list[FieldRule]:
    """Every field key with its mode for `role` (editable where no rule is stored), in list order."""
    require(actor, "fields.manage")
    stored = {
        field: mode
        for field, mode in session.execute(
            select(FieldPermission.field, FieldPermission.mode).where(FieldPermission.role == role)
        )
    }
    return [FieldRule(role, key, label, stored.get(key, "editable")) for key, label in FIELD_LABELS.items()]


def without_amounts(
    columns: Sequence[Any], rows: Iterable[Sequence[Any]], hidden: frozenset[str]
) -> tuple[list[Any], list[list[Any]]]:
    """An export's columns and rows without the money columns (kind "money" or "rate") when "amounts" is
    hidden; unchanged otherwise (platform.xlsx_writer Columns)."""
    if AMOUNTS not in hidden:
        return list(columns), [list(row) for row in rows]
    keep = [i for i, column in enumerate(columns) if getattr(column, "kind", "text") not in ("money", "rate")]
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]


def hide_changes(changes: Any, hidden: frozenset[str]) -> Any:
    """Audit changes ({"field": [before, after]}) without the fields hidden from the reader."""
    if not hidden or not isinstance(changes, dict):
        return changes
    return {
        key: value
        for key, value in changes.items()
        if EDIT_KEYS.get(key, key) not in hidden
        and not (key in ("single_price_raw", "multi_price_raw") and AMOUNTS in hidden)
    }
