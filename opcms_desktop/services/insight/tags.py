"""Tags: admin-made names on customers, set by hand or by a tag rule (a saved condition).

Decisions:
- A customer holds a tag once. `source` records where it came from: "manual", or "rule:<rule name>".
  Setting a tag by hand on a customer that holds it from a rule makes it manual (a person confirmed it).
- Creating, renaming, merging and deleting tags and their rules needs `tags.manage`; setting or removing a tag
  on customers needs `tags.manage` or `customers.edit`, and only on customers the actor may see.
- Renaming or merging a tag rewrites the 标签 conditions of saved segments and tag rules, so they keep working.
- `refresh_rule_tags` re-evaluates every active rule: it tags the matching customers, removes that rule's tags
  where the customer no longer matches (and every tag of an inactive or deleted rule); manual tags stay.
  Services below insight cannot call it when usage, bills or customer data change, so it runs from above:
  `opcms jobs run-due` (services/followup/jobs.py; the app's job timer runs it every few minutes too),
  `opcms tag refresh`, and the 立即按规则刷新标签 button of the tag screen. Hooking it after the import and
  bill-run commands is left to their owners (cli/customers.py, cli/usage.py, cli/billing.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from ...models import Customer
from ...models.segment import CustomerTag, Segment, Tag, TagRule
from ..audit import trail as audit
from ..audit.trail import AuditItem
from ..platform.bulk import bulk_insert
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .conditions import condition_clause, validate_condition
from .segment_fields import find_field

NAME_MAX = 40
RULE_NAME_MAX = 80
MAX_CUSTOMERS = 100_000
MANUAL = "manual"
RULE_PREFIX = "rule:"


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    customers: int  # customers holding it, among those the actor may see
    rules: int


@dataclass(frozen=True)
class CustomerTagInfo:
    name: str
    source: str  # manual / rule:<name>


@dataclass(frozen=True)
class TagChange:
    tag: str
    changed: int  # customers whose tags changed
    unchanged: int


@dataclass(frozen=True)
class TagRuleInfo:
    id: int
    name: str
    tag: str
    condition: dict[str, Any]
    active: bool


@dataclass(frozen=True)
class RuleRefresh:
    rules: int
    added: int
    removed: int


def _clean_name(name: object, code: str, maximum: int) -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(text) <= maximum:
        raise ValidationError(
            code,
            [Problem(code, field="name", value=str(name)[:100], params={"maximum": maximum})],
            maximum=maximum,
        )
    return text


def _tag(session: Session, name: str) -> Tag:
    tag = session.scalar(select(Tag).where(Tag.name == name))
    if tag is None:
        raise NotFound("segments.tag.not_found", name=name)
    return tag


def _may_set_tags(actor: Actor) -> None:
    if "tags.manage" not in actor.permissions:
        require(actor, "customers.edit")


@reads
def list_tags(session: Session, actor: Actor) -> list[TagInfo]:
    """Every tag, with how many of the customers the actor may see hold it, by name."""
    require(actor, "customers.view")
    held = dict(
        session.execute(
            select(CustomerTag.tag_id, func.count())
            .where(visible_customers(actor, CustomerTag.customer_id))
            .group_by(CustomerTag.tag_id)
        ).all()
    )
    rules = dict(session.execute(select(TagRule.tag_id, func.count()).group_by(TagRule.tag_id)).all())
    return [
        TagInfo(t.id, t.name, int(held.get(t.id, 0)), int(rules.get(t.id, 0)))
        for t in session.scalars(select(Tag).order_by(Tag.name))
    ]


@writes("tags", "audit")
def create_tag(session: Session, actor: Actor, name: str) -> TagInfo:
    require(actor, "tags.manage")
    clean = _clean_name(name, "segments.tag.name_invalid", NAME_MAX)
    if session.scalar(select(Tag.id).where(Tag.name == clean)) is not None:
        raise ValidationError(
            "segments.tag.name_taken",
            [Problem("segments.tag.name_taken", field="name", value=clean, params={"name": clean})],
            name=clean,
        )
    tag = Tag(name=clean)
    session.add(tag)
    session.flush()
    audit.record(session, actor, "create", "tag", tag.id, {"name": [None, clean]})
    return TagInfo(tag.id, clean, 0, 0)


def _rename_in_documents(session: Session, old: str, new: str) -> None:
    rows: list[Segment | TagRule] = [*session.scalars(select(Segment)), *session.scalars(select(TagRule))]
    for row in rows:
        document = _renamed(row.condition, old, new)
        if document != row.condition:
            row.condition = document
    session.flush()


def _renamed(node: Any, old: str, new: str) -> Any:
    if isinstance(node, list):
        return [_renamed(part, old, new) for part in node]
    if not isinstance(node, dict):
        return node
    if _is_tag_leaf(node):
        value = node.get("value")
        if isinstance(value, list):
            renamed = list(dict.fromkeys(new if v == old else v for v in value))
            return {**node, "value": renamed}
        return {**node, "value": new} if value == old else node
    return {key: _renamed(part, old, new) for key, part in node.items()}


def _is_tag_leaf(node: dict[str, Any]) -> bool:
    name = node.get("field")
    spec = find_field(name)[0] if isinstance(name, str) else None
    return spec is not None and spec.key == "tags"


@writes("tags", "segments", "audit")
def rename_tag(session: Session, actor: Actor, name: str, new_name: str) -> TagInfo:
    require(actor, "tags.manage")
    tag = _tag(session, name)
    clean = _clean_name(new_name, "segments.tag.name_invalid", NAME_MAX)
    if clean != tag.name and session.scalar(select(Tag.id).where(Tag.name == clean)) is not None:
        raise ValidationError(
            "segments.tag.name_taken",
            [Problem("segments.tag.name_taken", field="new_name", value=clean, params={"name": clean})],
            name=clean,
        )
    old = tag.name
    tag.name = clean
    session.flush()
    _rename_in_documents(session, old, clean)
    audit.record(session, actor, "update", "tag", tag.id, {"name": [old, clean]})
    return next(t for t in list_tags(session, actor) if t.id == tag.id)


@writes("tags", "segments", "audit")
def merge_tags(session: Session, actor: Actor, source: str, target: str) -> TagInfo:
    """Move every customer and rule of tag `source` to `target`, then delete `source`."""
    require(actor, "tags.manage")
    old, into = _tag(session, source), _tag(session, target)
    if old.id == into.id:
        raise ValidationError(
            "segments.tag.merge_same",
            [Problem("segments.tag.merge_same", field="target", value=target, params={"name": target})],
            name=target,
        )
    held = select(CustomerTag.customer_id).where(CustomerTag.tag_id == into.id)
    moving = (
        select(func.count())
        .select_from(CustomerTag)
        .where(CustomerTag.tag_id == old.id, CustomerTag.customer_id.not_in(held))
    )
    moved = session.scalar(moving) or 0
    session.execute(
        update(CustomerTag)
        .where(CustomerTag.tag_id == old.id, CustomerTag.customer_id.not_in(held))
        .values(tag_id=into.id)
    )
    session.execute(update(TagRule).where(TagRule.tag_id == old.id).values(tag_id=into.id))
    session.execute(delete(CustomerTag).where(CustomerTag.tag_id == old.id))
    session.delete(old)
    session.flush()
    _rename_in_documents(session, old.name, into.name)
    audit.record(
        session, actor, "merge", "tag", into.id, {"merged": old.name, "into": into.name, "moved": moved}
    )
    return next(t for t in list_tags(session, actor) if t.id == into.id)


@writes("tags", "audit")
def delete_tag(session: Session, actor: Actor, name: str) -> None:
    """Delete a tag, its customer tags and its rules."""
    require(actor, "tags.manage")
    tag = _tag(session, name)
    held = (
        session.scalar(select(func.count()).select_from(CustomerTag).where(CustomerTag.tag_id == tag.id)) or 0
    )
    session.delete(tag)
    session.flush()
    audit.record(session, actor, "delete", "tag", tag.id, {"name": [name, None], "customers": held})


def _check_source(source: str) -> str:
    if source == MANUAL or (
        isinstance(source, str)
        and source.startswith(RULE_PREFIX)
        and 1 <= len(source) - len(RULE_PREFIX) <= RULE_NAME_MAX
    ):
        return source
    raise ValidationError(
        "segments.tag.source_invalid",
        [
            Problem(
                "segments.tag.source_invalid",
                field="source",
                value=str(source)[:100],
                params={"source": str(source)[:100]},
            )
        ],
        source=str(source)[:100],
    )


def _visible_ids(session: Session, actor: Actor, customer_ids: Sequence[int]) -> list[int]:
    """The ids, all of them customers the actor may see; ValidationError naming how many are not."""
    given = list(customer_ids)
    if not given:
        raise ValidationError(
            "segments.tag.no_customers", [Problem("segments.tag.no_customers", field="customers")]
        )
    if len(given) > MAX_CUSTOMERS:
        raise ValidationError("segments.tag.too_many_customers", maximum=MAX_CUSTOMERS)
    wanted = sorted({i for i in given if isinstance(i, int) and not isinstance(i, bool)})
    found: list[int] = []
    for start in range(0, len(wanted), 1000):
        found.extend(
            session.scalars(
                select(Customer.id).where(
                    Customer.id.in_(wanted[start : start + 1000]), visible_customers(actor, Customer.id)
                )
            )
        )
    missing = len({str(i) for i in given}) - len(found)
    if missing:
        raise ValidationError(
            "segments.tag.customers_not_found",
            [Problem("segments.tag.customers_not_found", field="customers", params={"count": missing})],
            count=missing,
        )
    return sorted(found)


def _held(session: Session, tag_id: int, ids: Sequence[int]) -> dict[int, CustomerTag]:
    held: dict[int, CustomerTag] = {}
    for start in range(0, len(ids), 1000):
        held.update(
            {
                ct.customer_id: ct
                for ct in session.scalars(
                    select(CustomerTag).where(
                        CustomerTag.tag_id == tag_id, CustomerTag.customer_id.in_(ids[start : start + 1000])
                    )
                )
            }
        )
    return held


@writes("tags", "audit")
def apply_tag(
    session: Session, actor: Actor, customer_ids: Sequence[int], tag_name: str, source: str = MANUAL
) -> TagChange:
    """Set the tag on these customers (all must be visible: otherwise nothing changes)."""
    _may_set_tags(actor)
    source = _check_source(source)
    tag = _tag(session, tag_name)
    ids = _visible_ids(session, actor, customer_ids)
    held = _held(session, tag.id, ids)
    new = [cid for cid in ids if cid not in held]
    upgraded = [ct for ct in held.values() if source == MANUAL and ct.source != MANUAL]
    for ct in upgraded:
        ct.source = MANUAL
    _insert_tags(session, tag.id, source, new)
    audit.record_many(
        session,
        actor,
        [
            *(AuditItem("tag", "customer", cid, {"tag": tag.name, "source": source}) for cid in new),
            *(
                AuditItem("tag", "customer", ct.customer_id, {"tag": tag.name, "source": [ct.source, MANUAL]})
                for ct in upgraded
            ),
        ],
    )
    changed = len(new) + len(upgraded)
    return TagChange(tag.name, changed, len(ids) - changed)


@writes("tags", "audit")
def remove_tag(session: Session, actor: Actor, customer_ids: Sequence[int], tag_name: str) -> TagChange:
    """Take the tag off these customers, whatever set it (a rule sets it again while the customer matches)."""
    _may_set_tags(actor)
    tag = _tag(session, tag_name)
    ids = _visible_ids(session, actor, customer_ids)
    held = _held(session, tag.id, ids)
    for start in range(0, len(ids), 1000):
        session.execute(
            delete(CustomerTag).where(
                CustomerTag.tag_id == tag.id, CustomerTag.customer_id.in_(ids[start : start + 1000])
            )
        )
    audit.record_many(
        session,
        actor,
        [
            AuditItem("untag", "customer", cid, {"tag": tag.name, "source": ct.source})
            for cid, ct in held.items()
        ],
    )
    return TagChange(tag.name, len(held), len(ids) - len(held))


@reads
def customer_tags(session: Session, actor: Actor, customer_id: int) -> list[CustomerTagInfo]:
    """The tags of one customer the actor may see (NotFound otherwise), by name."""
    require(actor, "customers.view")
    if (
        session.scalar(select(Customer.id).where(Customer.id == customer_id, visible_customers(actor)))
        is None
    ):
        raise NotFound("customers.not_found", customer_id=customer_id)
    rows = session.execute(
        select(Tag.name, CustomerTag.source)
        .join(Tag, Tag.id == CustomerTag.tag_id)
        .where(CustomerTag.customer_id == customer_id)
        .order_by(Tag.name)
    )
    return [CustomerTagInfo(name, source) for name, source in rows]


# ---- rules -----------------------------------------------------------------------------------------------


def _rule_info(session: Session, rule: TagRule) -> TagRuleInfo:
    tag_name = session.scalar(select(Tag.name).where(Tag.id == rule.tag_id)) or ""
    return TagRuleInfo(rule.id, rule.name, tag_name, dict(rule.condition), rule.active)


@reads
def list_tag_rules(session: Session, actor: Actor) -> list[TagRuleInfo]:
    require(actor, "customers.view")
    return [_rule_info(session, r) for r in session.scalars(select(TagRule).order_by(TagRule.name))]


@writes("tags", "rules", "audit")
def save_tag_rule(
    session: Session, actor: Actor, name: str, tag_name: str, document: object, active: bool = True
) -> TagRuleInfo:
    """Create the rule, or replace the tag, condition and state of the rule of that name."""
    require(actor, "tags.manage")
    clean = _clean_name(name, "segments.tag.rule_name_invalid", RULE_NAME_MAX)
    condition_clause(session, validate_condition(document))  # unknown fields or tags fail here
    tag = _tag(session, tag_name)
    rule = session.scalar(select(TagRule).where(TagRule.name == clean))
    stored = dict(document) if isinstance(document, dict) else document
    if rule is None:
        rule = TagRule(name=clean, tag_id=tag.id, condition=stored, active=bool(active))
        session.add(rule)
        session.flush()
        audit.record(
            session,
            actor,
            "create",
            "tag_rule",
            rule.id,
            {"name": [None, clean], "tag": tag.name, "condition": stored, "active": bool(active)},
        )
    else:
        before = {"tag_id": rule.tag_id, "condition": rule.condition, "active": rule.active}
        rule.tag_id, rule.condition, rule.active = tag.id, stored, bool(active)
        session.flush()
        audit.record(
            session,
            actor,
            "update",
            "tag_rule",
            rule.id,
            audit.diff(before, {"tag_id": tag.id, "condition": stored, "active": bool(active)}),
        )
    return _rule_info(session, rule)


@writes("tags", "rules", "audit")
def delete_tag_rule(session: Session, actor: Actor, name: str) -> None:
    """Delete the rule; the tags it set go at the next refresh."""
    require(actor, "tags.manage")
    rule = session.scalar(select(TagRule).where(TagRule.name == name))
    if rule is None:
        raise NotFound("segments.tag.rule_not_found", name=name)
    session.delete(rule)
    session.flush()
    audit.record(session, actor, "delete", "tag_rule", rule.id, {"name": [name, None]})


@writes("tags", "audit")
def refresh_rule_tags(session: Session, actor: Actor, as_of: dt.date | None = None) -> RuleRefresh:
    """Re-evaluate every active tag rule over the customers the actor may see; manual tags stay."""
    require(actor, "tags.manage")
    rules = list(session.scalars(select(TagRule).where(TagRule.active.is_(True)).order_by(TagRule.name)))
    names = dict(session.execute(select(Tag.id, Tag.name)).all())
    visible = visible_customers(actor, CustomerTag.customer_id)
    removals: list[AuditItem] = []
    plans: list[tuple[TagRule, str, Any]] = []
    for rule in rules:
        source = RULE_PREFIX + rule.name
        matching = select(Customer.id).where(
            visible_customers(actor, Customer.id),
            condition_clause(session, validate_condition(rule.condition), as_of),
        )
        plans.append((rule, source, matching))
        gone = list(
            session.scalars(
                select(CustomerTag.customer_id).where(
                    CustomerTag.tag_id == rule.tag_id,
                    CustomerTag.source == source,
                    visible,
                    CustomerTag.customer_id.not_in(matching),
                )
            )
        )
        removals.extend(
            AuditItem("untag", "customer", cid, {"tag": names.get(rule.tag_id), "source": source})
            for cid in gone
        )
        _delete_sourced(session, rule.tag_id, source, gone)
    active = {RULE_PREFIX + r.name for r in rules}
    orphans = session.execute(
        select(CustomerTag.customer_id, CustomerTag.tag_id, CustomerTag.source).where(
            CustomerTag.source.startswith(RULE_PREFIX, autoescape=True),
            CustomerTag.source.not_in(active),
            visible,
        )
    ).all()
    for cid, tag_id, source in orphans:
        removals.append(AuditItem("untag", "customer", cid, {"tag": names.get(tag_id), "source": source}))
        _delete_sourced(session, tag_id, source, [cid])
    additions: list[AuditItem] = []
    for rule, source, matching in plans:
        held = select(CustomerTag.customer_id).where(CustomerTag.tag_id == rule.tag_id)
        new = list(session.scalars(matching.where(Customer.id.not_in(held)).order_by(Customer.id)))
        _insert_tags(session, rule.tag_id, source, new)
        additions.extend(
            AuditItem("tag", "customer", cid, {"tag": names.get(rule.tag_id), "source": source})
            for cid in new
        )
    audit.record_many(session, actor, [*removals, *additions])
    return RuleRefresh(len(rules), len(additions), len(removals))


def _insert_tags(session: Session, tag_id: int, source: str, ids: Sequence[int]) -> None:
    session.flush()
    bulk_insert(
        session,
        cast(Table, CustomerTag.__table__),
        [{"customer_id": cid, "tag_id": tag_id, "source": source} for cid in ids],
    )


def _delete_sourced(session: Session, tag_id: int, source: str, ids: Sequence[int]) -> None:
    for start in range(0, len(ids), 1000):
        session.execute(
            delete(CustomerTag).where(
                CustomerTag.tag_id == tag_id,
                CustomerTag.source == source,
                CustomerTag.customer_id.in_(list(ids[start : start + 1000])),
            )
        )
