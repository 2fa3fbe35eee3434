"""What may be written to a customer, checked field by field, and how its owners are replaced.

`clean_changes` turns a dict of proposed values into stored values or one ValidationError listing every
bad field (field names are the attribute names: `name`, `industry_id`, `sales_owner_ids`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...models import Customer, CustomerOwner, DictionaryEntry, User
from ..platform.errors import Problem, ProblemList, ValidationError
from ..platform.money import money
from ..security.permissions import Actor
from .labels import (
    ACCOUNT_TYPE_LABELS,
    BILLING_LABELS,
    CONSUMPTION_TIERS,
    COOP_STATUS_LABELS,
    CUSTOMER_GRADES,
    SETTLEMENT_MODE_LABELS,
)
from .pinyin import name_keys

OWNER_FIELDS = {"sales_owner_ids": "sales", "ops_owner_ids": "ops"}
_HALF = re.compile(r"^\d{4}-H[12]$")
_MAX_SHOOTS = Decimal("999999999999.99")


class _Bad(Exception):
    """One field's value is unusable: a catalogue code saying what is expected, and its parameters."""

    def __init__(self, code: str, /, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def _text(limit: int, required: bool = False) -> Callable[[Any], str | None]:
    def clean(value: Any) -> str | None:
        if value is None:
            text = ""
        elif isinstance(value, str):
            text = value.strip()
        else:
            raise _Bad("customers.field.must_be_text")
        if not text:
            if required:
                raise _Bad("customers.field.required")
            return None
        if len(text) > limit:
            raise _Bad("customers.field.too_long", limit=limit)
        return text
    return clean


def _choice(allowed: Sequence[str], upper: bool = False) -> Callable[[Any], str | None]:
    def clean(value: Any) -> str | None:
        if value is None or value == "":
            return None
        text = value.strip().upper() if upper and isinstance(value, str) else value
        if text not in allowed:
            raise _Bad("customers.field.one_of", allowed=list(allowed))
        return str(text)
    return clean


def _onboarding(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(text, str) or not _HALF.match(text):
        raise _Bad("customers.field.half_year")
    return text


def _optional_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _Bad("customers.field.yes_no")


def _shoots(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _Bad("customers.field.number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Bad("customers.field.number") from None
    if not number.is_finite() or number < 0 or number > _MAX_SHOOTS:
        raise _Bad("customers.field.not_negative")
    return money(number)  # a count kept to 2 places, rounded as the import rounds it


def _terms(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Bad("customers.field.whole_days")
    try:
        days = int(value)
    except ValueError:
        raise _Bad("customers.field.whole_days") from None
    if not 0 <= days <= 365:
        raise _Bad("customers.field.days_range", minimum=0, maximum=365)
    return days


def _user_ids(value: Any) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple | set | frozenset) or any(
        isinstance(v, bool) or not isinstance(v, int) for v in value
    ):
        raise _Bad("customers.field.user_ids")
    return sorted(set(value))


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "name": _text(200, required=True),
    "account_type": _choice(tuple(ACCOUNT_TYPE_LABELS)),
    "onboarding_half": _onboarding,
    "grade": _choice(CUSTOMER_GRADES, upper=True),
    "coop_status_raw": _text(200),
    "coop_note": _text(200),
    "billing_enabled": _choice(tuple(BILLING_LABELS)),
    "disabled": _optional_bool,
    "notes": _text(4000),
    "settlement_mode": _choice(tuple(SETTLEMENT_MODE_LABELS)),
    "consumption_tier": _choice(CONSUMPTION_TIERS, upper=True),
    "avg_monthly_shoots": _shoots,
    "payment_terms_days": _terms,
    "sales_owner_ids": _user_ids,
    "ops_owner_ids": _user_ids,
}
EDITABLE_FIELDS: tuple[str, ...] = (*_CLEANERS, "industry_id", "erp_id", "coop_status_id", "coop_status")


def coop_status_codes(session: Session) -> list[str]:
    """Known cooperation status codes: the built-in ones and any the dictionary adds."""
    extra = session.scalars(select(DictionaryEntry.code).where(
        DictionaryEntry.kind == "coop_status", DictionaryEntry.code.is_not(None)).distinct())
    return [*COOP_STATUS_LABELS, *sorted({c for c in extra if c and c not in COOP_STATUS_LABELS})]


def _dictionary_id(session: Session, kind: str, value: Any, current: int | None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad("customers.field.entry_id")
    entry = session.get(DictionaryEntry, value)
    if entry is None or entry.kind != kind:
        raise _Bad("customers.field.wrong_entry_kind", kind=kind)
    if not entry.active and value != current:
        raise _Bad("customers.field.entry_inactive", label=entry.label)
    return value


def _check_users(session: Session, ids: list[int], current: set[int]) -> None:
    if not ids:
        return
    found = {user_id: active for user_id, active in session.execute(
        select(User.id, User.active).where(User.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise _Bad("customers.field.no_such_user", ids=missing)
    inactive = [i for i in ids if not found[i] and i not in current]
    if inactive:
        raise _Bad("customers.field.user_disabled", ids=inactive)


def clean_changes(session: Session, changes: dict[str, Any], customer: Customer | None,
                  current_owners: dict[str, set[int]] | None = None) -> dict[str, Any]:
    """Stored values for `changes`, or ValidationError naming every bad field."""
    problems = ProblemList()
    cleaned: dict[str, Any] = {}
    current_owners = current_owners or {}
    for field, value in changes.items():
        try:
            if field in ("industry_id", "erp_id", "coop_status_id"):
                kind = {"industry_id": "industry", "erp_id": "erp", "coop_status_id": "coop_status"}[field]
                cleaned[field] = _dictionary_id(session, kind, value,
                                                getattr(customer, field) if customer else None)
            elif field == "coop_status":
                cleaned[field] = _choice(coop_status_codes(session))(value)
            elif field in _CLEANERS:
                cleaned[field] = _CLEANERS[field](value)
                if field in OWNER_FIELDS:
                    _check_users(session, cleaned[field], current_owners.get(OWNER_FIELDS[field], set()))
            else:
                problems.add("customers.field.not_editable", field=field)
        except _Bad as bad:
            problems.items.append(Problem(bad.code, field, None, None if value is None else str(value)[:80],
                                          bad.params))
    problems.raise_if_any("customers.not_saved")
    _status_pair(session, cleaned, customer)
    return cleaned


def _status_pair(session: Session, cleaned: dict[str, Any], customer: Customer | None) -> None:
    """Keep a customer's 合作状态 entry and its meaning together.

    A chosen entry brings its meaning (its code; a code given with an entry that has none is kept). A
    meaning set alone (batch action) moves the customer to the first entry with that meaning, unless its
    own entry already means it, or to no entry when none does."""
    if "coop_status_id" in cleaned:
        entry_id = cleaned["coop_status_id"]
        code = session.scalar(select(DictionaryEntry.code).where(DictionaryEntry.id == entry_id)) if entry_id else None
        cleaned["coop_status"] = code or cleaned.get("coop_status") if entry_id else cleaned.get("coop_status")
    elif "coop_status" in cleaned:
        code = cleaned["coop_status"]
        current = customer.coop_status_id if customer is not None else None
        if current is not None and code is not None and session.scalar(
                select(DictionaryEntry.code).where(DictionaryEntry.id == current)) == code:
            return
        cleaned["coop_status_id"] = None if code is None else session.scalar(
            select(DictionaryEntry.id).where(DictionaryEntry.kind == "coop_status", DictionaryEntry.code == code,
                                             DictionaryEntry.active.is_(True))
            .order_by(DictionaryEntry.sort_order, DictionaryEntry.id).limit(1))


def check_keeps_own_scope(actor: Actor, sales_owner_ids: Sequence[int] | None) -> None:
    """A user who sees only their own customers may not hand a customer away from themselves."""
    if actor.sees_own_customers_only and sales_owner_ids is not None and actor.id not in sales_owner_ids:
        raise ValidationError("customers.not_saved", [Problem("customers.field.keep_own_scope",
                                                              field="sales_owner_ids")])


def apply_fields(customer: Customer, cleaned: dict[str, Any]) -> None:
    """Write cleaned plain fields onto the customer; a new name gets new pinyin search keys."""
    for field, value in cleaned.items():
        if field not in OWNER_FIELDS:
            setattr(customer, field, value)
    if "name" in cleaned:
        customer.name_initials, customer.name_pinyin = name_keys(customer.name)


def owner_user_ids(session: Session, customer_id: int) -> dict[str, set[int]]:
    owners: dict[str, set[int]] = {"sales": set(), "ops": set()}
    for kind, user_id in session.execute(select(CustomerOwner.kind, CustomerOwner.user_id).where(
            CustomerOwner.customer_id == customer_id, CustomerOwner.user_id.is_not(None))):
        if user_id is not None:
            owners.setdefault(kind, set()).add(user_id)
    return owners


def owner_names(session: Session, customer_id: int, kind: str) -> list[str]:
    """Owner names of one kind, sorted (users by display name, unmapped names as the sheet had them)."""
    rows = session.execute(
        select(User.display_name, CustomerOwner.raw_name).outerjoin(User, User.id == CustomerOwner.user_id)
        .where(CustomerOwner.customer_id == customer_id, CustomerOwner.kind == kind)
    )
    return sorted(display or raw for display, raw in rows)


def _add_owner_rows(session: Session, customer_id: int, kind: str, user_ids: Sequence[int]) -> None:
    taken = set(session.scalars(select(CustomerOwner.raw_name).where(
        CustomerOwner.customer_id == customer_id, CustomerOwner.kind == kind)))
    users = session.execute(select(User.id, User.display_name, User.username).where(User.id.in_(user_ids))).all()
    for user_id, display_name, username in sorted(users):
        raw = (display_name or username)[:80]
        if raw in taken:
            raw = f"{raw} ({username})"[:80]
        taken.add(raw)
        session.add(CustomerOwner(customer_id=customer_id, kind=kind, user_id=user_id, raw_name=raw))
    session.flush()


def replace_owners(session: Session, customer_id: int, kind: str, user_ids: Sequence[int]) -> None:
    """The owners of `kind` become exactly these users; unmapped sheet names of that kind are dropped."""
    session.execute(delete(CustomerOwner).where(CustomerOwner.customer_id == customer_id,
                                                CustomerOwner.kind == kind))
    _add_owner_rows(session, customer_id, kind, user_ids)


def add_owners(session: Session, customer_id: int, kind: str, user_ids: Sequence[int]) -> None:
    """These users become owners of `kind` too; the other owners stay."""
    have = owner_user_ids(session, customer_id).get(kind, set())
    _add_owner_rows(session, customer_id, kind, [u for u in user_ids if u not in have])
