"""One customer as a list row: every display column, labels resolved, owners joined (for row caches)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner, DictionaryEntry, User
from ..platform.operations import reads
from ..security.field_permissions import hidden_fields, redact
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .labels import (
    ACCOUNT_TYPE_LABELS,
    BILLING_LABELS,
    COOP_STATUS_LABELS,
    SETTLEMENT_MODE_LABELS,
)

OWNER_SEPARATOR = "、"
_CHUNK = 500  # ids per IN list (SQLite allows 32k parameters; keep statements small)
_COLUMNS = list(Customer.__table__.columns)


@dataclass(frozen=True)
class OwnerRef:
    """A sales or ops owner: a user, or a name from the sheet nobody has mapped to a user yet."""

    kind: str  # "sales" / "ops"
    user_id: int | None
    name: str


@dataclass(frozen=True)
class CustomerRow:
    id: int
    company_id: int
    name: str
    account_type: str | None
    account_type_label: str
    industry_id: int | None
    industry_label: str
    erp_id: int | None
    erp_label: str
    onboarding_half: str | None
    onboarding_raw: str | None
    grade: str | None
    sales_owners: str  # display names joined with OWNER_SEPARATOR
    ops_owners: str
    coop_status_id: int | None  # the 合作状态 dictionary entry (the sheet's value)
    coop_status: str | None  # its normalised meaning (active / dormant / ...)
    coop_status_label: str  # the entry's label, else the meaning's
    coop_status_raw: str | None
    coop_note: str | None
    billing_enabled: str | None  # yes / no / pending
    billing_enabled_label: str
    disabled: bool | None
    settlement_mode: str | None
    settlement_mode_label: str
    settlement_mode_raw: str | None
    single_price_raw: str | None
    multi_price_raw: str | None
    consumption_tier: str | None
    avg_monthly_shoots: Decimal | None
    payment_terms_days: int
    notes: str | None
    updated_at: dt.datetime | None
    version: int

    @property
    def onboarding(self) -> str:
        return self.onboarding_half or self.onboarding_raw or ""


def owners_of(session: Session, customer_ids: Sequence[int]) -> dict[int, list[OwnerRef]]:
    """Owners per customer id (callers have already limited the ids to what the actor may see)."""
    found: dict[int, list[OwnerRef]] = {}
    for start in range(0, len(customer_ids), _CHUNK):
        chunk = list(customer_ids[start:start + _CHUNK])
        rows = session.execute(
            select(CustomerOwner.customer_id, CustomerOwner.kind, CustomerOwner.user_id, CustomerOwner.raw_name,
                   User.display_name)
            .outerjoin(User, User.id == CustomerOwner.user_id)
            .where(CustomerOwner.customer_id.in_(chunk))
            .order_by(CustomerOwner.customer_id, CustomerOwner.kind, CustomerOwner.id)
        )
        for customer_id, kind, user_id, raw_name, display_name in rows:
            found.setdefault(customer_id, []).append(OwnerRef(kind, user_id, display_name or raw_name))
    return found


def joined_owner_names(owners: list[OwnerRef], kind: str) -> str:
    return OWNER_SEPARATOR.join(o.name for o in owners if o.kind == kind)


def make_row(c: Any, owners: list[OwnerRef]) -> CustomerRow:
    return CustomerRow(
        id=c.id, company_id=c.company_id, name=c.name,
        account_type=c.account_type,
        account_type_label=ACCOUNT_TYPE_LABELS.get(c.account_type or "", c.account_type_raw or ""),
        industry_id=c.industry_id, industry_label=c.industry_label or "", erp_id=c.erp_id,
        erp_label=c.erp_label or "",
        onboarding_half=c.onboarding_half, onboarding_raw=c.onboarding_raw, grade=c.grade,
        sales_owners=joined_owner_names(owners, "sales"), ops_owners=joined_owner_names(owners, "ops"),
        coop_status_id=c.coop_status_id, coop_status=c.coop_status,
        coop_status_label=c.coop_status_label or COOP_STATUS_LABELS.get(c.coop_status or "", c.coop_status or ""),
        coop_status_raw=c.coop_status_raw, coop_note=c.coop_note,
        billing_enabled=c.billing_enabled, billing_enabled_label=BILLING_LABELS.get(c.billing_enabled or "", ""),
        disabled=c.disabled, settlement_mode=c.settlement_mode,
        settlement_mode_label=SETTLEMENT_MODE_LABELS.get(c.settlement_mode or "", c.settlement_mode or ""),
        settlement_mode_raw=c.settlement_mode_raw, single_price_raw=c.single_price_raw,
        multi_price_raw=c.multi_price_raw, consumption_tier=c.consumption_tier,
        avg_monthly_shoots=c.avg_monthly_shoots, payment_terms_days=c.payment_terms_days, notes=c.notes,
        updated_at=c.updated_at, version=c.version,
    )


@reads
def fetch(session: Session, actor: Actor, ids: Sequence[int]) -> list[tuple[Any, list[OwnerRef]]]:
    """(customer columns with industry_label / erp_label, owners) for the ids the actor may see."""
    industry = aliased(DictionaryEntry)
    erp = aliased(DictionaryEntry)
    status = aliased(DictionaryEntry)
    found: list[tuple[Any, list[OwnerRef]]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        result = session.execute(
            select(*_COLUMNS, industry.label.label("industry_label"), erp.label.label("erp_label"),
                   status.label.label("coop_status_label"))
            .outerjoin(industry, industry.id == Customer.industry_id)
            .outerjoin(erp, erp.id == Customer.erp_id)
            .outerjoin(status, status.id == Customer.coop_status_id)
            .where(Customer.id.in_(chunk), visible_customers(actor, Customer.id))
        ).all()
        owners = owners_of(session, [r.id for r in result])
        found.extend((r, owners.get(r.id, [])) for r in result)
    return found


@reads
def load_rows(session: Session, actor: Actor, ids: Sequence[int]) -> dict[int, CustomerRow]:
    """Rows by id without the permission check (callers have done it); invisible ids are left out.

    Fields hidden from the actor's role are blank (security.field_permissions)."""
    hidden = hidden_fields(session, actor)
    return {r.id: redact(make_row(r, owners), hidden) for r, owners in fetch(session, actor, ids)}


@reads
def customer_rows(session: Session, actor: Actor, ids: Sequence[int]) -> list[CustomerRow]:
    """Rows for these ids, in the order given; ids the actor may not see (or that are gone) are left out."""
    require(actor, "customers.view")
    found = load_rows(session, actor, ids)
    return [found[i] for i in ids if i in found]
