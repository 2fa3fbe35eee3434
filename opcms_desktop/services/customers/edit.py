"""One customer: detail, create, edit with optimistic locking, and its audit history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ...models import AuditEntry, Customer
from ...models.base import utcnow
from ..audit import trail as audit
from ..platform.errors import ConflictError, NotFound, Problem, ProblemList, ValidationError
from ..platform.operations import reads, writes
from ..security.access_log import record_access
from ..security.field_permissions import check_editable, hidden_fields, hide_changes, redact
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import app_edits
from .fields import (
    OWNER_FIELDS,
    apply_fields,
    check_keeps_own_scope,
    clean_changes,
    owner_names,
    owner_user_ids,
    replace_owners,
)
from .rows import CustomerRow, OwnerRef, fetch, make_row

__all__ = ["AuditRow", "CustomerDetail", "create_customer", "customer_history", "get_customer", "update_customer"]

_AUDITED = ("name", "account_type", "industry_id", "erp_id", "onboarding_half", "grade", "coop_status_id",
            "coop_status",
            "coop_status_raw", "coop_note", "billing_enabled", "disabled", "notes", "settlement_mode",
            "consumption_tier", "avg_monthly_shoots", "payment_terms_days")


@dataclass(frozen=True)
class CustomerDetail(CustomerRow):
    """Everything the detail pane shows and edits: the list row plus raw sheet text and owner ids."""

    account_type_raw: str | None
    sales_owner_raw: str | None
    ops_owner_raw: str | None
    name_initials: str
    name_pinyin: str
    owners: tuple[OwnerRef, ...]
    sales_owner_ids: tuple[int, ...]
    ops_owner_ids: tuple[int, ...]
    created_at: dt.datetime | None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    changes: dict[str, Any] | None
    summary: str | None


def _detail(session: Session, actor: Actor, customer_id: int) -> CustomerDetail:
    found = fetch(session, actor, [customer_id])
    if not found:
        raise NotFound("customers.not_found", customer_id=customer_id)
    columns, owners = found[0]
    row = make_row(columns, owners)
    base = {f.name: getattr(row, f.name) for f in fields(CustomerRow)}
    return redact(CustomerDetail(
        **base, account_type_raw=columns.account_type_raw, sales_owner_raw=columns.sales_owner_raw,
        ops_owner_raw=columns.ops_owner_raw, name_initials=columns.name_initials, name_pinyin=columns.name_pinyin,
        owners=tuple(owners),
        sales_owner_ids=tuple(sorted(o.user_id for o in owners if o.kind == "sales" and o.user_id is not None)),
        ops_owner_ids=tuple(sorted(o.user_id for o in owners if o.kind == "ops" and o.user_id is not None)),
        created_at=columns.created_at,
    ), hidden_fields(session, actor))


@writes("access_log")
def get_customer(session: Session, actor: Actor, customer_id: int) -> CustomerDetail:
    """The customer with this id (NotFound when it does not exist or the actor may not see it).

    Opening a customer is read on record (security.access_log)."""
    require(actor, "customers.view")
    detail = _detail(session, actor, customer_id)
    record_access(session, actor, "view", "customer", detail.company_id, 1)
    return detail


def _load_for_edit(session: Session, actor: Actor, customer_id: int) -> Customer:
    statement = select(Customer).where(Customer.id == customer_id, visible_customers(actor, Customer.id))
    customer = session.scalar(statement.execution_options(populate_existing=True))
    if customer is None:
        raise NotFound("customers.not_found", customer_id=customer_id)
    return customer


def _snapshot(session: Session, customer: Customer, owner_kinds: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(customer, field) for field in _AUDITED}
    for kind in owner_kinds:
        values[f"{kind}_owners"] = owner_names(session, customer.id, kind)
    return values


def _changed_by_other(session: Session, customer: Customer) -> ConflictError:
    """The conflict, naming who saved the customer last and when (if the audit trail says)."""
    entry = session.execute(
        select(AuditEntry.username, AuditEntry.at)
        .where(AuditEntry.entity == "customer", AuditEntry.entity_id == str(customer.id))
        .order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    if entry is None:
        return ConflictError("customers.changed_by_other_unknown", company_id=customer.company_id, name=customer.name)
    return ConflictError("customers.changed_by_other", company_id=customer.company_id, name=customer.name,
                         editor=entry.username, at=f"{entry.at:%Y-%m-%d %H:%M}")


def _flush(session: Session, customer_id: int) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("customers.changed_while_saving", customer_id=customer_id) from exc


@writes("customers", "audit")
def update_customer(session: Session, actor: Actor, customer_id: int, changes: dict[str, Any],
                    expected_version: int, overwrite: bool = False) -> CustomerDetail:
    """Save `changes` (field -> value; owners as `sales_owner_ids` / `ops_owner_ids`).

    ConflictError if the customer's version is no longer `expected_version` (someone else saved in the
    meantime), unless `overwrite`. Each changed field is audited with its before and after value.
    """
    require(actor, "customers.edit")
    customer = _load_for_edit(session, actor, customer_id)
    stored_version = customer.version
    if stored_version != expected_version and not overwrite:
        raise _changed_by_other(session, customer)
    current_owners = owner_user_ids(session, customer_id)
    cleaned = clean_changes(session, changes, customer, current_owners)
    check_keeps_own_scope(actor, cleaned.get("sales_owner_ids"))
    owner_kinds = [OWNER_FIELDS[f] for f in cleaned if f in OWNER_FIELDS
                   and set(cleaned[f]) != current_owners.get(OWNER_FIELDS[f], set())]
    before = _snapshot(session, customer, owner_kinds)
    apply_fields(customer, cleaned)
    for kind in owner_kinds:
        replace_owners(session, customer_id, kind, cleaned[f"{kind}_owner_ids"])
    after = _snapshot(session, customer, owner_kinds)
    diff = audit.diff(before, after)
    check_editable(session, actor, diff)  # hidden and read-only fields stay as they are
    if not diff:
        session.refresh(customer)  # nothing really changed: leave the version alone
        return _detail(session, actor, customer_id)
    customer.updated_at = utcnow()
    customer.app_edited = app_edits.marked(customer.app_edited, diff)  # a re-import keeps these (app_edits.py)
    _flush(session, customer_id)
    summary = (f"overwrote version {stored_version} (opened at version {expected_version})"
               if stored_version != expected_version else None)
    audit.record(session, actor, "update", "customer", customer_id, diff, summary)
    return _detail(session, actor, customer_id)


@writes("customers", "audit")
def create_customer(session: Session, actor: Actor, company_id: int, name: str,
                    fields_: dict[str, Any] | None = None) -> CustomerDetail:
    """A new customer with this 公司id; `fields_` takes the same fields as update_customer."""
    require(actor, "customers.create")
    problems = ProblemList()
    if isinstance(company_id, bool) or not isinstance(company_id, int) or company_id <= 0:
        problems.add("customers.field.company_id_positive", field="company_id", value=company_id)
    elif session.scalar(select(Customer.id).where(Customer.company_id == company_id)) is not None:
        problems.add("customers.field.company_id_taken", field="company_id", value=company_id)
    problems.raise_if_any("customers.not_created")
    cleaned = clean_changes(session, {**(fields_ or {}), "name": name}, None)
    check_keeps_own_scope(actor, cleaned.get("sales_owner_ids") or [])
    customer = Customer(company_id=company_id, name="", payment_terms_days=30)
    apply_fields(customer, cleaned)
    session.add(customer)
    try:
        session.flush()
    except IntegrityError as exc:  # another user created the same 公司id a moment ago
        raise ValidationError("customers.not_created", [
            Problem("customers.field.company_id_taken", field="company_id", value=str(company_id))]) from exc
    for kind in ("sales", "ops"):
        if cleaned.get(f"{kind}_owner_ids"):
            replace_owners(session, customer.id, kind, cleaned[f"{kind}_owner_ids"])
    after = {"company_id": company_id, **_snapshot(session, customer, ["sales", "ops"])}
    audit.record(session, actor, "create", "customer", customer.id,
                 {k: [None, v] for k, v in after.items() if v not in (None, [], "")})
    return _detail(session, actor, customer.id)


@reads
def customer_history(session: Session, actor: Actor, customer_id: int) -> list[AuditRow]:
    """The customer's audit trail, newest first."""
    require(actor, "customers.view")
    if session.scalar(select(Customer.id).where(Customer.id == customer_id,
                                                visible_customers(actor, Customer.id))) is None:
        raise NotFound("customers.not_found", customer_id=customer_id)
    entries = session.execute(
        select(AuditEntry.id, AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.changes,
               AuditEntry.summary)
        .where(AuditEntry.entity == "customer", AuditEntry.entity_id == str(customer_id))
        .order_by(AuditEntry.id.desc())
    )
    hidden = hidden_fields(session, actor)  # a hidden field's before/after stays hidden too
    return [AuditRow(e.id, e.at, e.username, e.action, hide_changes(e.changes, hidden), e.summary) for e in entries]
