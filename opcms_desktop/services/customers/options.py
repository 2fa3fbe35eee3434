"""The choices the customer list's filters offer: dictionaries, codes and the owners the actor can see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner, DictionaryEntry, User
from ..platform.operations import reads
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .fields import coop_status_codes
from .labels import (
    ACCOUNT_TYPE_LABELS,
    BILLING_LABELS,
    CONSUMPTION_TIERS,
    COOP_STATUS_LABELS,
    CUSTOMER_GRADES,
    SETTLEMENT_MODE_LABELS,
)
from .query import SORT_COLUMNS


@dataclass(frozen=True)
class Option:
    """One choice: `value` goes into the CustomerQuery, `label` is shown. "No value" is the UI's None."""

    value: int | str
    label: str


@dataclass(frozen=True)
class CustomerFilterOptions:
    account_types: tuple[Option, ...]
    industries: tuple[Option, ...]
    erps: tuple[Option, ...]
    coop_statuses: tuple[Option, ...]  # normalised meanings (codes)
    coop_status_entries: tuple[Option, ...]  # every 合作状态 value: active entries and any a customer holds
    billing_enabled: tuple[Option, ...]
    settlement_modes: tuple[Option, ...]
    grades: tuple[Option, ...]
    consumption_tiers: tuple[Option, ...]
    sales_owners: tuple[Option, ...]
    ops_owners: tuple[Option, ...]
    sort_columns: tuple[str, ...]


def _dictionary(session: Session, kind: str) -> tuple[Option, ...]:
    rows = session.execute(
        select(DictionaryEntry.id, DictionaryEntry.label)
        .where(DictionaryEntry.kind == kind, DictionaryEntry.active.is_(True))
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.label, DictionaryEntry.id)
    )
    return tuple(Option(entry_id, label) for entry_id, label in rows)


def _statuses(session: Session) -> tuple[Option, ...]:
    """Every 合作状态 the filter may need: active entries, and inactive ones still on a customer."""
    used = exists().where(Customer.coop_status_id == DictionaryEntry.id)
    rows = session.execute(
        select(DictionaryEntry.id, DictionaryEntry.label)
        .where(DictionaryEntry.kind == "coop_status", or_(DictionaryEntry.active.is_(True), used))
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.label, DictionaryEntry.id)
    )
    return tuple(Option(entry_id, label) for entry_id, label in rows)


def _owners(session: Session, actor: Actor, kind: str) -> tuple[Option, ...]:
    """Users who own (as `kind`) at least one customer the actor may see."""
    # Aliased: the scope condition selects from customer_owners too and must correlate to this row.
    owner = aliased(CustomerOwner)
    owns_visible = exists().where(owner.user_id == User.id, owner.kind == kind,
                                  visible_customers(actor, owner.customer_id))
    rows = session.execute(select(User.id, User.display_name, User.username).where(owns_visible)
                           .order_by(User.display_name, User.id))
    return tuple(Option(user_id, display or username) for user_id, display, username in rows)


def _codes(labels: dict[str, str]) -> tuple[Option, ...]:
    return tuple(Option(code, label) for code, label in labels.items())


@reads
def filter_options(session: Session, actor: Actor) -> CustomerFilterOptions:
    require(actor, "customers.view")
    return CustomerFilterOptions(
        account_types=_codes(ACCOUNT_TYPE_LABELS),
        industries=_dictionary(session, "industry"),
        erps=_dictionary(session, "erp"),
        coop_statuses=tuple(Option(code, COOP_STATUS_LABELS.get(code, code))
                            for code in coop_status_codes(session)),
        coop_status_entries=_statuses(session),
        billing_enabled=_codes(BILLING_LABELS),
        settlement_modes=_codes(SETTLEMENT_MODE_LABELS),
        grades=tuple(Option(g, g) for g in CUSTOMER_GRADES),
        consumption_tiers=tuple(Option(t, t) for t in CONSUMPTION_TIERS),
        sales_owners=_owners(session, actor, "sales"),
        ops_owners=_owners(session, actor, "ops"),
        sort_columns=tuple(SORT_COLUMNS),
    )
