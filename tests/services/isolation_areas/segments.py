"""Sales isolation of conditions, segments, tags and the pricing sandbox.

The foreign salesperson owns a private segment whose name carries a foreign marker; shared segments (made by
nobody in particular) hold every customer, so whoever opens them must get only their own part."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from opcms_desktop.models.segment import CustomerTag, Segment, SegmentSnapshot, SegmentSnapshotMember, Tag
from opcms_desktop.services.insight import sandbox

from ..isolation_types import Case, Exempt, a
from ..isolation_world import AS_OF, FOREIGN_COMPANY, FOREIGN_FILTER

FOREIGN_SEGMENT = f"{FOREIGN_FILTER}-分群"
SHARED = "走查共享分群"
SHARED_STATIC = "走查共享静态分群"
WALK_TAG = "走查标签"
EVERYONE = {"all": []}
_TAGS = "a tag is a name managed by admins for all customers; these calls read no customer (sales: no tags.manage)"


def _foreign(ctx, ids) -> int | None:
    return FOREIGN_COMPANY if ctx.f.customer.id in set(ids) else None


def _setup(ctx) -> None:
    """The foreign private segment, a shared dynamic and a shared static segment (two snapshots), a tag."""
    session = ctx.session
    if session.scalar(select(Segment.id).where(Segment.name == SHARED)) is not None:
        return
    session.add_all(
        [
            Segment(
                name=FOREIGN_SEGMENT,
                owner_id=ctx.f.actor.id,
                shared=False,
                kind="dynamic",
                condition=EVERYONE,
            ),
            Segment(name=SHARED, owner_id=None, shared=True, kind="dynamic", condition=EVERYONE),
        ]
    )
    static = Segment(name=SHARED_STATIC, owner_id=None, shared=True, kind="static", condition=EVERYONE)
    tag = Tag(name=WALK_TAG)
    session.add_all([static, tag])
    session.flush()
    empty = SegmentSnapshot(segment_id=static.id, taken_on=dt.date(2026, 5, 1), member_count=0)
    full = SegmentSnapshot(segment_id=static.id, taken_on=dt.date(2026, 6, 1), member_count=2)
    session.add_all([empty, full])
    session.flush()
    session.add_all(
        [
            SegmentSnapshotMember(snapshot_id=full.id, customer_id=cid)
            for cid in (ctx.world.mine.customer.id, ctx.f.customer.id)
        ]
    )
    session.add_all(
        [
            CustomerTag(customer_id=cid, tag_id=tag.id, source="manual")
            for cid in (ctx.world.mine.customer.id, ctx.f.customer.id)
        ]
    )
    session.flush()


def _snapshots(ctx) -> tuple[int, int]:
    static = ctx.session.scalar(select(Segment.id).where(Segment.name == SHARED_STATIC))
    ids = list(
        ctx.session.scalars(
            select(SegmentSnapshot.id)
            .where(SegmentSnapshot.segment_id == static)
            .order_by(SegmentSnapshot.taken_on)
        )
    )
    return ids[0], ids[-1]


def _with(build):
    def built(ctx):
        _setup(ctx)
        return build(ctx)

    return built


def _own_static(ctx):
    _setup(ctx)
    name = f"走查-{ctx.actor.username}-静态"
    if ctx.session.scalar(select(Segment.id).where(Segment.name == name)) is None:
        ctx.session.add(
            Segment(name=name, owner_id=ctx.actor.id, shared=False, kind="static", condition=EVERYONE)
        )
        ctx.session.flush()
    return a(name, as_of=AS_OF)


def _more_than_own(count: int) -> int | None:
    return FOREIGN_COMPANY if count > 1 else None


def _sandbox_result(ctx):
    return sandbox.run_sandbox(ctx.session, ctx.actor, condition=EVERYONE, months=6, percent=10, as_of=AS_OF)


REGISTRY: dict[str, Case] = {
    "insight.conditions.matching_customer_ids": Case(
        lambda c: a(EVERYONE, AS_OF), owner_sees=True, view=lambda c, r: _foreign(c, r)
    ),
    "insight.conditions.count_matching": Case(
        lambda c: a({"field": "公司id", "op": "=", "value": FOREIGN_COMPANY}, AS_OF),
        owner_sees=True,
        view=lambda c, r: FOREIGN_COMPANY if r else None,
    ),
    "insight.conditions.customer_id_select": Case(
        lambda c: a(EVERYONE, AS_OF), owner_sees=True, view=lambda c, r: _foreign(c, c.session.scalars(r))
    ),
    "insight.segments.list_segments": Case(_with(lambda c: a()), owner_sees=True),
    "insight.segments.get_segment": Case(_with(lambda c: a(FOREIGN_SEGMENT)), owner_sees=True),
    "insight.segments.delete_segment": Case(_with(lambda c: a(FOREIGN_SEGMENT))),
    "insight.segments.save_segment": Case(
        _with(lambda c: a(f"走查-{c.actor.username}", EVERYONE, kind="static", as_of=AS_OF)),
        view=lambda c, r: _more_than_own(r.latest_snapshot.members),
    ),
    "insight.segments.take_snapshot": Case(_own_static, view=lambda c, r: _more_than_own(r.members)),
    "insight.segments.list_snapshots": Case(
        _with(lambda c: a(SHARED_STATIC)), view=lambda c, r: _more_than_own(max(s.members for s in r))
    ),
    "insight.segments.snapshot_diff": Case(
        _with(lambda c: a(SHARED_STATIC, *_snapshots(c))), owner_sees=True
    ),
    "insight.segments.segment_member_ids": Case(
        _with(lambda c: a(SHARED, AS_OF)), owner_sees=True, view=lambda c, r: _foreign(c, r[0])
    ),
    "insight.segments.segment_id_select": Case(
        _with(lambda c: a(SHARED_STATIC)),
        owner_sees=True,
        view=lambda c, r: _foreign(c, c.session.scalars(r)),
    ),
    "insight.segments.segment_members": Case(_with(lambda c: a(SHARED, AS_OF)), owner_sees=True),
    "insight.segments.preview_condition": Case(lambda c: a(EVERYONE, AS_OF), owner_sees=True),
    "insight.segments.export_segment_members": Case(
        _with(lambda c: a(SHARED, c.out / "members.xlsx", AS_OF)), owner_sees=True
    ),
    "insight.tags.list_tags": Case(
        _with(lambda c: a()),
        view=lambda c, r: _more_than_own(max(t.customers for t in r if t.name == WALK_TAG)),
    ),
    "insight.tags.customer_tags": Case(
        _with(lambda c: a(c.f.customer.id)), owner_sees=True, view=lambda c, r: FOREIGN_COMPANY if r else None
    ),
    "insight.tags.apply_tag": Case(_with(lambda c: a([c.f.customer.id], WALK_TAG))),
    "insight.tags.remove_tag": Case(_with(lambda c: a([c.f.customer.id], WALK_TAG))),
    "insight.tags.list_tag_rules": Case(_with(lambda c: a())),
    "insight.tags.save_tag_rule": Case(
        _with(lambda c: a(f"走查规则-{c.actor.username}", WALK_TAG, EVERYONE))
    ),
    "insight.tags.refresh_rule_tags": Case(_with(lambda c: a(AS_OF))),
    "insight.sandbox.run_sandbox": Case(
        lambda c: a(condition=EVERYONE, months=6, percent=10, as_of=AS_OF), owner_sees=True
    ),
    "insight.sandbox.export_sandbox": Case(
        lambda c: a(_sandbox_result(c), c.out / "sandbox.xlsx"), owner_sees=True
    ),
}

EXEMPT: dict[str, Exempt] = {
    "insight.tags.create_tag": Exempt(_TAGS, lambda c: a("走查新标签")),
    "insight.tags.rename_tag": Exempt(_TAGS, _with(lambda c: a(WALK_TAG, "走查改名"))),
    "insight.tags.merge_tags": Exempt(_TAGS, _with(lambda c: a(WALK_TAG, WALK_TAG))),
    "insight.tags.delete_tag": Exempt(_TAGS, _with(lambda c: a(WALK_TAG))),
    "insight.tags.delete_tag_rule": Exempt(_TAGS, lambda c: a("走查规则")),
}
