"""Owner names from the customer sheet -> users (DOMAIN.md section 2, 销售负责人 / 运营负责人).

A name matches a user by display name or user name. Names that match nobody stay on the customer as
`customer_owners` rows without a user and are listed for an admin, who maps each name once: to a
user, or to "not a person" (e.g. 易遨, a channel). `owner_name_mappings` remembers the answer for the
next import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ...models import CustomerOwner, OwnerNameMapping, User
from ..audit import trail as audit
from ..platform.errors import NotFound, PermissionDenied, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.users import create_user

PERMISSION = "customers.import"


def _require(actor: Actor) -> None:
    """customers.import, and seeing all customers: owner names are resolved across the whole sheet."""
    require(actor, PERMISSION)
    if actor.sees_own_customers_only:
        raise PermissionDenied("customers.owners.own_customers_only", user=actor.username, role=actor.role)


def name_key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


@dataclass(frozen=True)
class OwnerMatch:
    user_id: int | None
    status: str  # "user" | "not_a_person" | "unresolved"


class OwnerResolver:
    """Resolves sheet names; the admin's saved mapping wins over a name match."""

    def __init__(self, users: list[tuple[int, str, str, bool]], mappings: dict[str, int | None]):
        self._mappings = {name_key(k): v for k, v in mappings.items()}
        by_name: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        for user_id, username, display_name, active in users:
            by_name[name_key(username)].append((user_id, active))
            if display_name and name_key(display_name) != name_key(username):
                by_name[name_key(display_name)].append((user_id, active))
        self._users: dict[str, int | None] = {}
        for key, candidates in by_name.items():
            ids = {u for u, _ in candidates}
            chosen = ids if len(ids) == 1 else {u for u, is_active in candidates if is_active}
            self._users[key] = next(iter(chosen)) if len(chosen) == 1 else None  # ambiguous: ask the admin
        self._cache: dict[str, OwnerMatch] = {}

    def resolve(self, name: str) -> OwnerMatch:
        found = self._cache.get(name)
        if found is None:
            key = name_key(name)
            if key in self._mappings:
                user_id = self._mappings[key]
                found = OwnerMatch(user_id, "user" if user_id is not None else "not_a_person")
            elif self._users.get(key) is not None:
                found = OwnerMatch(self._users[key], "user")
            else:
                found = OwnerMatch(None, "unresolved")
            self._cache[name] = found
        return found


def load_resolver(session: Session) -> OwnerResolver:
    users = [(r[0], r[1], r[2], r[3]) for r in
             session.execute(select(User.id, User.username, User.display_name, User.active))]
    mappings = {r[0]: r[1] for r in session.execute(select(OwnerNameMapping.raw_name, OwnerNameMapping.user_id))}
    return OwnerResolver(users, mappings)


@dataclass(frozen=True)
class UnresolvedOwner:
    name: str
    kinds: tuple[str, ...]  # "sales" / "ops"
    customers: int  # how many customers (or sheet rows, in an import result) carry the name


@dataclass(frozen=True)
class OwnerMapping:
    name: str
    user_id: int | None
    username: str | None
    display_name: str | None

    @property
    def not_a_person(self) -> bool:
        return self.user_id is None


@dataclass(frozen=True)
class MappingApplied:
    mapping: OwnerMapping
    owner_rows_updated: int


@reads
def list_unresolved_owners(session: Session, actor: Actor) -> list[UnresolvedOwner]:
    """Sheet names on customers that match no user and that no admin has mapped yet."""
    _require(actor)
    mapped = {name_key(n) for n in session.scalars(select(OwnerNameMapping.raw_name))}
    rows = session.execute(
        select(CustomerOwner.raw_name, CustomerOwner.kind, func.count(func.distinct(CustomerOwner.customer_id)))
        .where(CustomerOwner.user_id.is_(None))
        .group_by(CustomerOwner.raw_name, CustomerOwner.kind)
    )
    kinds: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for raw_name, kind, count in rows:
        if name_key(raw_name) not in mapped:
            kinds[raw_name].add(kind)
            counts[raw_name] += count
    return [UnresolvedOwner(n, tuple(sorted(kinds[n])), counts[n]) for n in sorted(kinds, key=lambda n: (-counts[n], n))]


@reads
def list_owner_mappings(session: Session, actor: Actor) -> list[OwnerMapping]:
    _require(actor)
    rows = session.execute(
        select(OwnerNameMapping.raw_name, OwnerNameMapping.user_id, User.username, User.display_name)
        .outerjoin(User, User.id == OwnerNameMapping.user_id)
        .order_by(OwnerNameMapping.raw_name)
    )
    return [OwnerMapping(r[0], r[1], r[2], r[3]) for r in rows]


@writes("owners", "customers", "audit")
def set_owner_mapping(session: Session, actor: Actor, name: str, *, username: str | None = None,
                      not_a_person: bool = False) -> MappingApplied:
    """Remember who `name` is (a user, or not a person) and apply it to every customer carrying the name."""
    _require(actor)
    clean = unicodedata.normalize("NFKC", name or "").strip().lstrip("@").strip()
    if not clean or len(clean) > 80:
        raise ValidationError("customers.owners.invalid_name", [Problem("customers.owners.name_length", field="name",
                                                                        value=name)])
    if (username is None) == (not not_a_person):
        raise ValidationError("customers.owners.who", [Problem("customers.owners.user_or_not_person", field="user",
                                                               value=username)])
    user: User | None = None
    if username is not None:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise NotFound("customers.owners.no_user", username=username)
    user_id = user.id if user else None
    mapping = session.scalar(select(OwnerNameMapping).where(OwnerNameMapping.raw_name == clean))
    before = None if mapping is None else {"user_id": mapping.user_id}
    if mapping is None:
        mapping = OwnerNameMapping(raw_name=clean, user_id=user_id)
        session.add(mapping)
    else:
        mapping.user_id = user_id
    session.flush()
    audit.record(session, actor, "create" if before is None else "update", "owner_name_mapping", mapping.id,
                 audit.diff(before or {}, {"raw_name": clean, "user_id": user_id}),
                 summary=f"{clean} -> {user.username if user else 'not a person'}")
    updated = _apply(session, actor, {name_key(clean): user_id})
    return MappingApplied(OwnerMapping(clean, user_id, user.username if user else None,
                                       user.display_name if user else None), updated)


@writes("owners", "audit")
def delete_owner_mapping(session: Session, actor: Actor, name: str) -> None:
    """Forget a saved answer; customers keep the owner they have."""
    _require(actor)
    mapping = session.scalar(select(OwnerNameMapping).where(OwnerNameMapping.raw_name == name.strip()))
    if mapping is None:
        raise NotFound("customers.owners.no_mapping", name=name)
    audit.record(session, actor, "delete", "owner_name_mapping", mapping.id,
                 {"raw_name": [mapping.raw_name, None], "user_id": [mapping.user_id, None]})
    session.delete(mapping)
    session.flush()


@writes("owners", "customers", "audit")
def apply_owner_mappings(session: Session, actor: Actor) -> int:
    """Re-resolve every owner row still without a user (after users were added or names mapped)."""
    _require(actor)
    resolver = load_resolver(session)
    names = session.scalars(select(CustomerOwner.raw_name).where(CustomerOwner.user_id.is_(None)).distinct())
    wanted: dict[str, int | None] = {}
    for raw_name in names:
        match = resolver.resolve(raw_name)
        if match.user_id is not None:
            wanted[name_key(raw_name)] = match.user_id
    return _apply(session, actor, wanted) if wanted else 0


def _apply(session: Session, actor: Actor, wanted: dict[str, int | None]) -> int:
    """Point every owner row whose name has one of these keys at the given user (None = not a person)."""
    raw_names = [n for n in session.scalars(select(CustomerOwner.raw_name).distinct()) if name_key(n) in wanted]
    if not raw_names:
        return 0
    rows = session.execute(
        select(CustomerOwner.id, CustomerOwner.customer_id, CustomerOwner.kind, CustomerOwner.raw_name,
               CustomerOwner.user_id).where(CustomerOwner.raw_name.in_(raw_names))
    ).all()
    changed = [r for r in rows if r.user_id != wanted[name_key(r.raw_name)]]
    usernames: dict[int, str] = {user_id: name for user_id, name in session.execute(select(User.id, User.username))}
    for raw_name in {r.raw_name for r in changed}:
        session.execute(update(CustomerOwner).where(CustomerOwner.raw_name == raw_name)
                        .values(user_id=wanted[name_key(raw_name)]).execution_options(synchronize_session=False))
    audit.record_many(session, actor, [
        audit.AuditItem("update", "customer", row.customer_id,
                        {f"{row.kind}_owner {row.raw_name}": [usernames.get(row.user_id) if row.user_id else None,
                                                              usernames.get(wanted[name_key(row.raw_name)] or 0)]},
                        "owner name mapped")
        for row in changed
    ])
    return len(changed)


# --- linking users to sheet names outside the import (issue 11, item 3) -----------------------------

@dataclass(frozen=True)
class UnlinkedOwner:
    """An owner name on customers that no user carries yet, with how many customers carry it per kind."""

    name: str
    sales_customers: int
    ops_customers: int

    @property
    def customers(self) -> int:
        return self.sales_customers + self.ops_customers


@dataclass(frozen=True)
class OwnersLinked:
    """What linking names to a user did: the names, and the customers now owned through them."""

    username: str
    names: tuple[str, ...]
    customers: int


def _unlinked_rows(session: Session) -> dict[str, dict[str, int]]:
    """raw name -> kind -> customers, for owner rows without a user whose name nobody mapped away."""
    not_people = {name_key(n) for n in session.scalars(
        select(OwnerNameMapping.raw_name).where(OwnerNameMapping.user_id.is_(None)))}
    rows = session.execute(
        select(CustomerOwner.raw_name, CustomerOwner.kind, func.count(func.distinct(CustomerOwner.customer_id)))
        .where(CustomerOwner.user_id.is_(None))
        .group_by(CustomerOwner.raw_name, CustomerOwner.kind))
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for raw_name, kind, count in rows:
        if name_key(raw_name) not in not_people:
            found[raw_name][kind] = count
    return found


@reads
def list_unlinked_owners(session: Session, actor: Actor) -> list[UnlinkedOwner]:
    """Sheet owner names no user carries (and not mapped to "not a person"), most customers first."""
    _require(actor)
    found = [UnlinkedOwner(name, kinds.get("sales", 0), kinds.get("ops", 0))
             for name, kinds in _unlinked_rows(session).items()]
    return sorted(found, key=lambda o: (-o.customers, o.name))


def _matching(session: Session, name: str) -> tuple[list[str], int]:
    """Unlinked raw names equal to `name` (spaces and width ignored) and how many customers carry them."""
    key = name_key(name or "")
    names = sorted(n for n in _unlinked_rows(session) if key and name_key(n) == key)
    if not names:
        return [], 0
    customers = session.scalar(select(func.count(func.distinct(CustomerOwner.customer_id))).where(
        CustomerOwner.user_id.is_(None), CustomerOwner.raw_name.in_(names))) or 0
    return names, customers


@reads
def unlinked_owners_named(session: Session, actor: Actor, name: str) -> UnlinkedOwner:
    """How many customers carry the unlinked owner name `name` (the users screen asks before linking)."""
    _require(actor)
    names, _ = _matching(session, name)
    rows = _unlinked_rows(session)
    return UnlinkedOwner(name.strip(), sum(rows[n].get("sales", 0) for n in names),
                         sum(rows[n].get("ops", 0) for n in names))


@writes("owners", "customers", "audit")
def link_owners_to_user(session: Session, actor: Actor, username: str) -> OwnersLinked:
    """Every unlinked sheet owner name equal to the user's display name now means that user (the mapping
    is saved, so the next import agrees); NotFound for an unknown user."""
    _require(actor)
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound("customers.owners.no_user", username=username)
    names, customers = _matching(session, user.display_name or user.username)
    for name in names:
        set_owner_mapping(session, actor, name, username=user.username)
    return OwnersLinked(user.username, tuple(names), customers)


@writes("users", "owners", "customers", "audit")
def create_user_for_owner(session: Session, actor: Actor, name: str, username: str, password: str,
                          role: str) -> OwnersLinked:
    """A new user for an unlinked owner name (display name = the name), linked to its customers."""
    _require(actor)
    row = create_user(session, actor, username, password, role, name.strip())
    return link_owners_to_user(session, actor, row.username)
