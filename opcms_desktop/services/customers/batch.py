"""Batch actions on a selection of customers: one transaction, all or nothing, one audit row each.

Every id must be a customer the actor may see; otherwise NotFound and nothing changes (a foreign id and a
missing id look the same). Each changed customer gets its version bumped and an `update` audit row; the
batch as a whole gets one `event` row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer
from ...models.base import utcnow
from ..audit import trail as audit
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import app_edits
from .fields import (
    add_owners,
    check_keeps_own_scope,
    clean_changes,
    owner_names,
    owner_user_ids,
    replace_owners,
)

MAX_BATCH = 50_000
_CHUNK = 500


@dataclass(frozen=True)
class BatchResult:
    selected: int
    changed: int

    @property
    def unchanged(self) -> int:
        return self.selected - self.changed


def _customers(session: Session, actor: Actor, customer_ids: Sequence[int]) -> list[Customer]:
    """The selected customers, locked against other writers; NotFound unless every one is visible."""
    wanted = sorted(set(customer_ids))
    if not wanted:
        raise ValidationError("customers.batch.invalid", [Problem("customers.batch.none_selected", field="ids")])
    if len(wanted) > MAX_BATCH:
        raise ValidationError("customers.batch.invalid", [Problem(
            "customers.batch.too_many", field="ids", value=str(len(wanted)),
            params={"maximum": MAX_BATCH, "selected": len(wanted)})])
    found: list[Customer] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        # In id order: audit rows come out the same every time, and two batches lock rows in one order.
        statement = (select(Customer).where(Customer.id.in_(chunk), visible_customers(actor, Customer.id))
                     .order_by(Customer.id))
        found.extend(session.scalars(statement.with_for_update().execution_options(populate_existing=True)))
    if len(found) != len(wanted):
        missing = sorted(set(wanted) - {c.id for c in found})
        shown: list[int | str] = [*missing[:10], *(["…"] if len(missing) > 10 else [])]
        raise NotFound("customers.batch.not_visible", missing=len(missing), ids=shown)
    return found


def _finish(session: Session, actor: Actor, action: str, selected: int, changes: dict[str, list[Any]],
            details: dict[str, Any]) -> BatchResult:
    """Bump versions, write the per-customer audit rows and the batch event."""
    session.flush()
    items = [audit.AuditItem("update", "customer", customer_id, diff, f"batch: {action}")
             for customer_id, diff in changes.items()]
    audit.record_many(session, actor, items)
    audit.record(session, actor, "event", "customer_batch", None,
                 {"action": action, "selected": selected, "changed": len(changes), **details})
    return BatchResult(selected=selected, changed=len(changes))


def _set_field(session: Session, actor: Actor, customer_ids: Sequence[int], action: str,
               values: dict[str, Any]) -> BatchResult:
    require(actor, "customers.edit")
    cleaned = clean_changes(session, values, None)
    customers = _customers(session, actor, customer_ids)
    changes: dict[Any, Any] = {}
    for customer in customers:
        before = {field: getattr(customer, field) for field in cleaned}
        diff = audit.diff(before, cleaned)
        if diff:
            for field, value in cleaned.items():
                setattr(customer, field, value)
            customer.updated_at = utcnow()
            customer.app_edited = app_edits.marked(customer.app_edited, diff)
            changes[customer.id] = diff
    return _finish(session, actor, action, len(customers), changes, {"values": cleaned})


@writes("customers", "audit")
def set_coop_status(session: Session, actor: Actor, customer_ids: Sequence[int], coop_status: str | None,
                    coop_status_raw: str | None = None) -> BatchResult:
    """Give the selected customers this cooperation status (code) and, if given, status text."""
    values: dict[str, Any] = {"coop_status": coop_status}
    if coop_status_raw is not None:
        values["coop_status_raw"] = coop_status_raw
    return _set_field(session, actor, customer_ids, "set coop_status", values)


@writes("customers", "audit")
def set_disabled(session: Session, actor: Actor, customer_ids: Sequence[int], disabled: bool) -> BatchResult:
    """Disable (or enable again) the selected customers."""
    return _set_field(session, actor, customer_ids, "disable" if disabled else "enable", {"disabled": disabled})


@writes("customers", "audit")
def assign_owners(session: Session, actor: Actor, customer_ids: Sequence[int], kind: str,
                  user_ids: Sequence[int], replace: bool = True) -> BatchResult:
    """Make these users the sales (or ops) owners of the selected customers.

    replace=True: they become the only owners of that kind; replace=False: they are added to the others.
    """
    require(actor, "customers.edit")
    if kind not in ("sales", "ops"):
        raise ValidationError("customers.batch.invalid", [Problem("customers.batch.owner_kind", field="kind",
                                                                  value=kind)])
    field = f"{kind}_owner_ids"
    wanted = set(clean_changes(session, {field: list(user_ids)}, None)[field])
    if kind == "sales" and replace:
        check_keeps_own_scope(actor, sorted(wanted))
    customers = _customers(session, actor, customer_ids)
    changes: dict[Any, Any] = {}
    for customer in customers:
        before = owner_names(session, customer.id, kind)
        current = owner_user_ids(session, customer.id).get(kind, set())
        if wanted <= current and (not replace or (current == wanted and len(before) == len(wanted))):
            continue  # already so (replace also drops unmapped sheet names, hence the length check)
        if replace:
            replace_owners(session, customer.id, kind, sorted(wanted))
        else:
            add_owners(session, customer.id, kind, sorted(wanted))
        after = owner_names(session, customer.id, kind)
        if before != after:
            customer.updated_at = utcnow()
            customer.app_edited = app_edits.marked(customer.app_edited, [f"{kind}_owners"])
            changes[customer.id] = {f"{kind}_owners": [before, after]}
    return _finish(session, actor, f"assign {kind} owners", len(customers), changes,
                   {"kind": kind, "user_ids": sorted(wanted), "replace": replace})
