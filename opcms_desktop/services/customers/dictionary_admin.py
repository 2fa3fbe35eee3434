"""The admin's dictionaries (管理字典): industries, ERPs and cooperation statuses with their meaning.

List, add, rename, deactivate (an inactive entry stays on the customers that hold it but is no longer
offered) and, for a cooperation status, set its normalised meaning (active / dormant / pending / trial /
terminated): the customers holding the status take the meaning in the same transaction. Every change
is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ...models import Customer, DictionaryEntry
from ...models.base import utcnow
from ...models.dictionary import DICTIONARY_KINDS
from ..audit import trail as audit
from ..platform.errors import NotFound, PermissionDenied, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from .cells import label_key
from .labels import COOP_STATUS_LABELS

PERMISSION = "dictionaries.manage"
LABEL_MAX = 80
_COLUMN = {"industry": Customer.industry_id, "erp": Customer.erp_id, "coop_status": Customer.coop_status_id}


@dataclass(frozen=True)
class DictionaryRow:
    id: int
    kind: str
    label: str
    code: str | None  # a cooperation status's meaning (active / dormant / ...)
    code_label: str
    active: bool
    sort_order: int
    customers: int  # how many customers hold it


def _require(actor: Actor) -> None:
    """dictionaries.manage, and seeing all customers: a change reaches every customer holding the entry."""
    require(actor, PERMISSION)
    if actor.sees_own_customers_only:
        raise PermissionDenied("customers.dictionary.own_customers_only", user=actor.username, role=actor.role)


def _kind(kind: str) -> str:
    if kind not in DICTIONARY_KINDS:
        raise ValidationError("customers.dictionary.invalid", [Problem(
            "customers.dictionary.kind_unknown", field="kind", value=kind, params={"kinds": list(DICTIONARY_KINDS)})])
    return kind


def _label(session: Session, kind: str, label: str, entry_id: int | None = None) -> str:
    text = (label or "").strip() if isinstance(label, str) else ""
    problem = None
    if not text or len(text) > LABEL_MAX:
        problem = Problem("customers.dictionary.label_length", field="label", value=str(label)[:80],
                          params={"limit": LABEL_MAX})
    else:
        for other_id, other in session.execute(select(DictionaryEntry.id, DictionaryEntry.label)
                                               .where(DictionaryEntry.kind == kind)):
            if other_id != entry_id and label_key(other) == label_key(text):
                problem = Problem("customers.dictionary.label_taken", field="label", value=text,
                                  params={"label": other})
                break
    if problem:
        raise ValidationError("customers.dictionary.invalid", [problem])
    return text


def _code(code: str | None) -> str | None:
    if code in (None, ""):
        return None
    if code not in COOP_STATUS_LABELS:
        raise ValidationError("customers.dictionary.invalid", [Problem(
            "customers.dictionary.meaning_unknown", field="code", value=str(code),
            params={"allowed": list(COOP_STATUS_LABELS)})])
    return code


def _entry(session: Session, entry_id: int) -> DictionaryEntry:
    entry = session.get(DictionaryEntry, entry_id, populate_existing=True)
    if entry is None:
        raise NotFound("customers.dictionary.not_found", entry_id=entry_id)
    return entry


def _row(session: Session, entry: DictionaryEntry) -> DictionaryRow:
    count = session.scalar(select(func.count()).select_from(Customer).where(_COLUMN[entry.kind] == entry.id)) or 0
    return DictionaryRow(entry.id, entry.kind, entry.label, entry.code, COOP_STATUS_LABELS.get(entry.code or "", ""),
                         entry.active, entry.sort_order, count)


@reads
def list_dictionary(session: Session, actor: Actor, kind: str) -> list[DictionaryRow]:
    """Every entry of one dictionary (inactive ones too), in the order the filters offer them."""
    _require(actor)
    column = _COLUMN[_kind(kind)]
    counts = dict(session.execute(select(column, func.count()).where(column.is_not(None)).group_by(column)).all())
    entries = session.scalars(select(DictionaryEntry).where(DictionaryEntry.kind == kind)
                              .order_by(DictionaryEntry.sort_order, DictionaryEntry.label, DictionaryEntry.id))
    return [DictionaryRow(e.id, e.kind, e.label, e.code, COOP_STATUS_LABELS.get(e.code or "", ""), e.active,
                          e.sort_order, counts.get(e.id, 0)) for e in entries]


@writes("dictionaries", "audit")
def add_dictionary_entry(session: Session, actor: Actor, kind: str, label: str,
                         code: str | None = None) -> DictionaryRow:
    """A new entry at the end of its dictionary; `code` is a cooperation status's meaning."""
    _require(actor)
    _kind(kind)
    text = _label(session, kind, label)
    meaning = _code(code) if kind == "coop_status" else None
    last = session.scalar(select(func.max(DictionaryEntry.sort_order)).where(DictionaryEntry.kind == kind)) or 0
    entry = DictionaryEntry(kind=kind, label=text, code=meaning, active=True, sort_order=last + 1)
    session.add(entry)
    session.flush()
    audit.record(session, actor, "create", "dictionary_entry", entry.id,
                 {"kind": [None, kind], "label": [None, text], "code": [None, meaning]})
    return _row(session, entry)


@writes("dictionaries", "customers", "audit")
def rename_dictionary_entry(session: Session, actor: Actor, entry_id: int, label: str) -> DictionaryRow:
    """A new label; the customers holding the entry show it at once (they hold the entry, not the text)."""
    _require(actor)
    entry = _entry(session, entry_id)
    text = _label(session, entry.kind, label, entry.id)
    if text != entry.label:
        audit.record(session, actor, "update", "dictionary_entry", entry.id, {"label": [entry.label, text]},
                     f"{entry.kind}: renamed")
        entry.label = text
        session.flush()
    return _row(session, entry)


@writes("dictionaries", "audit")
def set_dictionary_entry_active(session: Session, actor: Actor, entry_id: int, active: bool) -> DictionaryRow:
    """Deactivate (no longer offered for new choices; customers keep it) or activate again."""
    _require(actor)
    entry = _entry(session, entry_id)
    if entry.active != bool(active):
        audit.record(session, actor, "update", "dictionary_entry", entry.id, {"active": [entry.active, bool(active)]},
                     f"{entry.kind} {entry.label}")
        entry.active = bool(active)
        session.flush()
    return _row(session, entry)


@writes("dictionaries", "customers", "audit")
def set_status_meaning(session: Session, actor: Actor, entry_id: int, code: str | None) -> DictionaryRow:
    """Give a cooperation status its normalised meaning; every customer holding it takes the meaning."""
    _require(actor)
    entry = _entry(session, entry_id)
    if entry.kind != "coop_status":
        raise ValidationError("customers.dictionary.invalid", [Problem(
            "customers.dictionary.meaning_only_status", field="code", value=entry.label)])
    meaning = _code(code)
    if meaning == entry.code:
        return _row(session, entry)
    moved = session.scalar(select(func.count()).select_from(Customer).where(Customer.coop_status_id == entry.id)) or 0
    session.execute(update(Customer).where(Customer.coop_status_id == entry.id)
                    .values(coop_status=meaning, updated_at=utcnow()).execution_options(synchronize_session=False))
    audit.record(session, actor, "update", "dictionary_entry", entry.id,
                 {"code": [entry.code, meaning], "customers": [None, moved]}, f"coop_status {entry.label}")
    entry.code = meaning
    session.flush()
    session.expire_all()
    return _row(session, entry)
