"""Contacts (联系人) of a customer: add, edit, deactivate, one primary; masked for roles without
`contacts.view_sensitive`, with an audited reveal.

Decisions where the issue was silent:
- Contacts are never deleted; deactivating one also clears its primary mark (a primary contact is active).
- Setting a contact primary clears the customer's previous primary (a partial unique index enforces one).
- A mobile is a mainland number: 11 digits starting 1[3-9], `+86`/`0086`, spaces and dashes allowed when
  typed, stored as the 11 digits. A phone is 5-20 digits with `+ - ( ) 转 ext` and spaces, stored as typed.
- Masking keeps the first 3 and last 4 characters of a phone or mobile (13812345678 -> 138****5678; shorter
  than 8 characters: **** and the last 2), the first character of an e-mail's local part
  (zhang.san@example.com -> z***@example.com), and the first and last character of a WeChat id (w***g).
- Revealing one contact (all its values) writes an audit row `reveal` of entity `contact`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...models import Customer
from ...models.followup import CONTACT_CHANNELS, Contact
from ..audit import trail as audit
from ..platform.cells import clean_text
from ..platform.errors import ConflictError, NotFound, ProblemList
from ..platform.operations import reads, writes
from ..security.access_log import record_access
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

TEXT_LIMITS = {"name": 100, "title": 100, "phone": 40, "email": 200, "wechat": 100, "notes": 2000}
SENSITIVE = ("mobile", "phone", "email", "wechat")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_PHONE = re.compile(r"[0-9+\-()（）\s转extEXT.#]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True)
class ContactInput:
    name: str
    title: str | None = None
    mobile: str | None = None
    phone: str | None = None
    email: str | None = None
    wechat: str | None = None
    preferred_channel: str | None = None
    notes: str | None = None
    primary: bool = False


@dataclass(frozen=True)
class ContactView:
    id: int
    customer_id: int
    company_id: int
    customer_name: str
    name: str
    title: str | None
    mobile: str | None
    phone: str | None
    email: str | None
    wechat: str | None
    preferred_channel: str | None
    notes: str | None
    primary: bool
    active: bool
    masked: bool  # mobile, phone, email and wechat are masked (the actor may not see them in full)
    version: int


def _clean(value: object, *, multiline: bool = False) -> str | None:
    if value is None:
        return None
    return clean_text(value, multiline=multiline)[0] or None


def normalise_mobile(text: str) -> str | None:
    """The 11 digits of a mainland mobile number as typed (+86 138-1234-5678), or None if it is not one."""
    digits = re.sub(r"[\s\-()（）]", "", text)
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix):]
            break
    return digits if _MOBILE.fullmatch(digits) else None


def validate_contact(data: ContactInput, row: int | None = None,
                     columns: dict[str, str] | None = None) -> dict[str, Any]:
    """The cleaned column values of `data`, or ValidationError naming every bad field (and row/column)."""
    where = columns or {}
    problems = ProblemList()
    values: dict[str, Any] = {key: _clean(getattr(data, key)) for key in
                              ("name", "title", "mobile", "phone", "email", "wechat", "preferred_channel")}
    values["notes"] = _clean(data.notes, multiline=True)
    values["is_primary"] = bool(data.primary)
    if values["name"] is None:
        problems.add("followup.contact.name_required", field=where.get("name", "name"), row=row)
    for key, limit in TEXT_LIMITS.items():
        value = values[key]
        if value is not None and len(value) > limit:
            problems.add("followup.text_too_long", field=where.get(key, key), row=row, value=value[:20] + "…",
                         limit=limit)
    if values["mobile"] is not None:
        mobile = normalise_mobile(values["mobile"])
        if mobile is None:
            problems.add("followup.contact.bad_mobile", field=where.get("mobile", "mobile"), row=row,
                         value=values["mobile"])
        values["mobile"] = mobile
    phone = values["phone"]
    if phone is not None and (not _PHONE.fullmatch(phone) or not 5 <= sum(c.isdigit() for c in phone) <= 20):
        problems.add("followup.contact.bad_phone", field=where.get("phone", "phone"), row=row, value=phone)
    if values["email"] is not None:
        values["email"] = values["email"].lower() if _EMAIL.fullmatch(values["email"]) else values["email"]
        if not _EMAIL.fullmatch(values["email"]):
            problems.add("followup.contact.bad_email", field=where.get("email", "email"), row=row,
                         value=values["email"])
    if values["preferred_channel"] is not None and values["preferred_channel"] not in CONTACT_CHANNELS:
        problems.add("followup.contact.bad_channel", field=where.get("preferred_channel", "preferred_channel"),
                     row=row, value=values["preferred_channel"], known=", ".join(CONTACT_CHANNELS))
    problems.raise_if_any("followup.contact.invalid")
    return values


def mask_phone(value: str | None) -> str | None:
    if not value:
        return value
    if len(value) < 8:
        return "****" + value[-2:]
    return value[:3] + "****" + value[-4:]


def mask_email(value: str | None) -> str | None:
    if not value or "@" not in value:
        return mask_phone(value)
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_wechat(value: str | None) -> str | None:
    if not value:
        return value
    return value[:1] + "***" + (value[-1:] if len(value) > 2 else "")


def _view(contact: Contact, company_id: int, customer_name: str, masked: bool) -> ContactView:
    return ContactView(
        id=contact.id, customer_id=contact.customer_id, company_id=company_id, customer_name=customer_name,
        name=contact.name, title=contact.title,
        mobile=mask_phone(contact.mobile) if masked else contact.mobile,
        phone=mask_phone(contact.phone) if masked else contact.phone,
        email=mask_email(contact.email) if masked else contact.email,
        wechat=mask_wechat(contact.wechat) if masked else contact.wechat,
        preferred_channel=contact.preferred_channel, notes=contact.notes, primary=contact.is_primary,
        active=contact.active, masked=masked, version=contact.version)


def _masks(actor: Actor) -> bool:
    return not actor.can("contacts.view_sensitive")


def _customer(session: Session, actor: Actor, customer_id: int) -> Customer:
    customer = session.scalar(select(Customer).where(Customer.id == customer_id, visible_customers(actor)))
    if customer is None:
        raise NotFound("followup.customer_not_found", customer_id=customer_id)
    return customer


def _load(session: Session, actor: Actor, contact_id: int) -> tuple[Contact, Customer]:
    found = session.execute(
        select(Contact, Customer).join(Customer, Customer.id == Contact.customer_id)
        .where(Contact.id == contact_id, visible_customers(actor, Contact.customer_id))).first()
    if found is None:
        raise NotFound("followup.contact.not_found", contact_id=contact_id)
    return found[0], found[1]


def _audit_values(values: dict[str, Any]) -> dict[str, Any]:
    """Audit rows keep the masked form of sensitive values (the audit trail is readable more widely)."""
    masked = dict(values)
    for key, mask in (("mobile", mask_phone), ("phone", mask_phone), ("email", mask_email), ("wechat", mask_wechat)):
        if key in masked:
            masked[key] = mask(masked[key])
    return masked


def _snapshot(contact: Contact) -> dict[str, Any]:
    return {"name": contact.name, "title": contact.title, "mobile": contact.mobile, "phone": contact.phone,
            "email": contact.email, "wechat": contact.wechat, "preferred_channel": contact.preferred_channel,
            "notes": contact.notes, "is_primary": contact.is_primary, "active": contact.active}


def _clear_primary(session: Session, customer_id: int, keep: int | None = None) -> None:
    stmt = update(Contact).where(Contact.customer_id == customer_id, Contact.is_primary.is_(True))
    if keep is not None:
        stmt = stmt.where(Contact.id != keep)
    session.execute(stmt.values(is_primary=False, version=Contact.version + 1)
                    .execution_options(synchronize_session="fetch"))
    session.flush()


def insert_contact_row(session: Session, customer_id: int, values: dict[str, Any], *, by: Actor,
                       action: str = "create") -> Contact:
    """Insert validated values for a customer the caller checked as visible to `by` (add_contact, the
    sheet import)."""
    actor = by
    if values.get("is_primary"):
        _clear_primary(session, customer_id)
    contact = Contact(customer_id=customer_id, active=True, created_by=actor.id, **values)
    session.add(contact)
    session.flush()
    audit.record(session, actor, action, "contact", contact.id,
                 {k: [None, v] for k, v in _audit_values(values).items() if v not in (None, False)}
                 | {"customer_id": [None, customer_id]})
    return contact


@writes("contacts", "audit")
def add_contact(session: Session, actor: Actor, customer_id: int, data: ContactInput) -> ContactView:
    """Add a contact to a customer the actor can see."""
    require(actor, "contacts.edit")
    customer = _customer(session, actor, customer_id)
    values = validate_contact(data)
    contact = insert_contact_row(session, customer.id, values, by=actor)
    return _view(contact, customer.company_id, customer.name, _masks(actor))


@writes("contacts", "audit")
def update_contact(session: Session, actor: Actor, contact_id: int, data: ContactInput,
                   version: int | None = None) -> ContactView:
    """Replace a contact's fields. A masked value sent back unchanged (138****5678) keeps the stored one."""
    require(actor, "contacts.edit")
    contact, customer = _load(session, actor, contact_id)
    if version is not None and version != contact.version:
        raise ConflictError("followup.contact.changed", contact_id=contact_id)
    masked = _view(contact, customer.company_id, customer.name, True)
    kept = {key: getattr(contact, key) for key in SENSITIVE
            if getattr(data, key) is not None and getattr(data, key) == getattr(masked, key)}
    values = validate_contact(ContactInput(**{**data.__dict__, **{k: None for k in kept}}))
    values.update(kept)
    if values["is_primary"] and not contact.active:
        _raise_inactive_primary(contact_id)
    before = _snapshot(contact)
    if values["is_primary"] and not contact.is_primary:
        _clear_primary(session, contact.customer_id, keep=contact.id)
    for key, value in values.items():
        setattr(contact, key, value)
    session.flush()
    changes = audit.diff(_audit_values(before), _audit_values(_snapshot(contact)))
    if changes:
        audit.record(session, actor, "update", "contact", contact.id, changes)
    return _view(contact, customer.company_id, customer.name, _masks(actor))


def _raise_inactive_primary(contact_id: int) -> None:
    problems = ProblemList()
    problems.add("followup.contact.inactive_primary", field="primary", value=contact_id)
    problems.raise_if_any("followup.contact.invalid")


@writes("contacts", "audit")
def set_contact_active(session: Session, actor: Actor, contact_id: int, active: bool) -> ContactView:
    """Deactivate (or reactivate) a contact; a deactivated contact is no longer primary."""
    require(actor, "contacts.edit")
    contact, customer = _load(session, actor, contact_id)
    if contact.active != active:
        before = _snapshot(contact)
        contact.active = active
        if not active:
            contact.is_primary = False
        session.flush()
        audit.record(session, actor, "deactivate" if not active else "reactivate", "contact", contact.id,
                     audit.diff(before, _snapshot(contact)))
    return _view(contact, customer.company_id, customer.name, _masks(actor))


@reads
def list_contacts(session: Session, actor: Actor, *, customer_id: int | None = None, company_id: int | None = None,
                  include_inactive: bool = True, limit: int | None = 5000) -> tuple[ContactView, ...]:
    """Contacts of the customers the actor can see, by customer then primary first, masked where the role
    says so."""
    require(actor, "contacts.view")
    stmt = (select(Contact, Customer.company_id, Customer.name).join(Customer, Customer.id == Contact.customer_id)
            .where(visible_customers(actor, Contact.customer_id)))
    if customer_id is not None:
        stmt = stmt.where(Contact.customer_id == customer_id)
    if company_id is not None:
        stmt = stmt.where(Customer.company_id == company_id)
    if not include_inactive:
        stmt = stmt.where(Contact.active.is_(True))
    stmt = stmt.order_by(Customer.company_id, Contact.is_primary.desc(), Contact.active.desc(), Contact.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    masked = _masks(actor)
    return tuple(_view(c, company, name, masked) for c, company, name in session.execute(stmt))


@reads
def get_contact(session: Session, actor: Actor, contact_id: int) -> ContactView:
    require(actor, "contacts.view")
    contact, customer = _load(session, actor, contact_id)
    return _view(contact, customer.company_id, customer.name, _masks(actor))


@writes("audit", "access_log")
def reveal_contact(session: Session, actor: Actor, contact_id: int) -> ContactView:
    """The contact with its phone numbers, e-mail and WeChat in full; the reveal is audited."""
    require(actor, "contacts.view_sensitive")
    contact, customer = _load(session, actor, contact_id)
    audit.record(session, actor, "reveal", "contact", contact.id,
                 {"fields": [f for f in SENSITIVE if getattr(contact, f)]})
    record_access(session, actor, "reveal", "contact", contact.id, 1, {"company_id": customer.company_id})
    return _view(contact, customer.company_id, customer.name, False)
