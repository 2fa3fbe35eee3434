"""Tags: admin management, setting by hand, rules that tag and untag, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.models.segment import CustomerTag, Segment, Tag
from opcms_desktop.services.insight import tags
from opcms_desktop.services.insight.conditions import count_matching
from opcms_desktop.services.insight.segments import save_segment
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError

from .billing_builders import add_orders

AS_OF = dt.date(2026, 6, 15)


def _tags_of(session, customer_id):
    return dict(
        session.execute(
            select(Tag.name, CustomerTag.source)
            .join(Tag, Tag.id == CustomerTag.tag_id)
            .where(CustomerTag.customer_id == customer_id)
        ).all()
    )


def test_admin_creates_renames_and_merges_tags(session, admin, make):
    one, two = make.customer("一"), make.customer("二")
    tags.create_tag(session, admin, "VIP")
    tags.create_tag(session, admin, "重点")
    tags.apply_tag(session, admin, [one.id, two.id], "VIP")
    tags.apply_tag(session, admin, [one.id], "重点")
    save_segment(session, admin, "重点客户", {"field": "标签", "op": "has", "value": ["VIP", "重点"]})
    renamed = tags.rename_tag(session, admin, "VIP", "大客户")
    assert (renamed.name, renamed.customers) == ("大客户", 2)
    segment = session.scalar(select(Segment).where(Segment.name == "重点客户"))
    assert segment.condition["value"] == ["大客户", "重点"]
    merged = tags.merge_tags(session, admin, "重点", "大客户")
    assert (merged.name, merged.customers) == ("大客户", 2)
    assert [t.name for t in tags.list_tags(session, admin)] == ["大客户"]
    assert session.scalar(select(Segment).where(Segment.name == "重点客户")).condition["value"] == ["大客户"]
    assert _tags_of(session, one.id) == {"大客户": "manual"}
    with pytest.raises(ValidationError) as excinfo:
        tags.create_tag(session, admin, "大客户")
    assert excinfo.value.code == "segments.tag.name_taken"
    with pytest.raises(ValidationError):
        tags.merge_tags(session, admin, "大客户", "大客户")
    actions = set(
        session.scalars(select(AuditEntry.action).where(AuditEntry.entity.in_(("tag", "customer"))))
    )
    assert {"create", "update", "merge", "tag"} <= actions


def test_setting_tags_by_hand_is_scoped_and_all_or_nothing(session, admin, ops, sales, make):
    mine, theirs = make.customer("我的", sales=sales), make.customer("别人的")
    tags.create_tag(session, admin, "VIP")
    with pytest.raises(PermissionDenied):
        tags.apply_tag(session, sales, [mine.id], "VIP")  # sales may not set tags
    scoped_editor = type(sales)(**{**sales.__dict__, "permissions": ops.permissions})
    with pytest.raises(ValidationError) as excinfo:
        tags.apply_tag(session, scoped_editor, [mine.id, theirs.id], "VIP")
    assert excinfo.value.code == "segments.tag.customers_not_found"
    assert _tags_of(session, mine.id) == {}
    change = tags.apply_tag(session, scoped_editor, [mine.id], "VIP")
    assert (change.changed, change.unchanged) == (1, 0)
    assert tags.apply_tag(session, ops, [mine.id, theirs.id], "VIP").changed == 1
    assert tags.remove_tag(session, ops, [mine.id], "VIP").changed == 1
    assert _tags_of(session, theirs.id) == {"VIP": "manual"}
    with pytest.raises(NotFound):
        tags.apply_tag(session, ops, [mine.id], "没有的标签")
    with pytest.raises(NotFound):
        tags.customer_tags(session, sales, theirs.id)
    with pytest.raises(ValidationError):
        tags.apply_tag(session, ops, [], "VIP")


def test_a_rule_tags_matching_customers_and_untags_those_that_stop_matching(session, admin, make):
    busy, quiet, confirmed = make.customer("忙"), make.customer("闲"), make.customer("手工")
    add_orders(session, busy, AS_OF - dt.timedelta(days=3), 5)
    add_orders(session, confirmed, AS_OF - dt.timedelta(days=90), 1)
    tags.create_tag(session, admin, "沉睡")
    tags.apply_tag(session, admin, [confirmed.id], "沉睡")  # manual: a rule never removes it
    rule = {
        "all": [
            {"field": "近30天拍摄量", "op": "=", "value": 0},
            {"field": "公司id", "op": ">=", "value": min(busy.company_id, quiet.company_id)},
        ]
    }
    tags.save_tag_rule(session, admin, "30天无拍摄", "沉睡", rule)
    done = tags.refresh_rule_tags(session, admin, AS_OF)
    assert (done.rules, done.added, done.removed) == (1, 1, 0)
    assert _tags_of(session, quiet.id) == {"沉睡": "rule:30天无拍摄"}
    assert _tags_of(session, busy.id) == {}
    assert _tags_of(session, confirmed.id) == {"沉睡": "manual"}
    assert count_matching(session, admin, {"field": "标签", "op": "has", "value": "沉睡"}) == 2
    add_orders(session, quiet, AS_OF - dt.timedelta(days=1), 1)  # the quiet one shoots again
    done = tags.refresh_rule_tags(session, admin, AS_OF)
    assert (done.added, done.removed) == (0, 1)
    assert _tags_of(session, quiet.id) == {}
    assert tags.refresh_rule_tags(session, admin, AS_OF + dt.timedelta(days=40)).added == 2  # everyone idle
    tags.delete_tag_rule(session, admin, "30天无拍摄")
    done = tags.refresh_rule_tags(session, admin, AS_OF)
    assert (done.rules, done.removed) == (0, 2)
    assert _tags_of(session, confirmed.id) == {"沉睡": "manual"}
    sources = [
        row.changes["source"]
        for row in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "customer", AuditEntry.action.in_(("tag", "untag")))
        )
    ]
    assert "rule:30天无拍摄" in sources


def test_a_scoped_refresh_leaves_other_books_alone(session, admin, ops, sales, make):
    mine, theirs = make.customer("我的", sales=sales), make.customer("别人的")
    tags.create_tag(session, admin, "全部")
    tags.save_tag_rule(session, admin, "所有人", "全部", {"all": []})
    tags.refresh_rule_tags(session, admin, AS_OF)
    scoped_editor = type(sales)(**{**sales.__dict__, "permissions": ops.permissions})
    tags.save_tag_rule(session, admin, "所有人", "全部", {"field": "公司id", "op": "<", "value": 0})
    tags.refresh_rule_tags(session, scoped_editor, AS_OF)
    assert _tags_of(session, mine.id) == {}
    assert _tags_of(session, theirs.id) == {"全部": "rule:所有人"}


def test_rules_and_tags_need_tags_manage(session, sales):
    for call, args in (
        (tags.create_tag, ("x",)),
        (tags.refresh_rule_tags, ()),
        (tags.save_tag_rule, ("r", "x", {"all": []})),
    ):
        with pytest.raises(PermissionDenied):
            call(session, sales, *args)


def test_a_rule_with_a_bad_condition_is_refused(session, admin):
    tags.create_tag(session, admin, "X")
    with pytest.raises(ValidationError) as excinfo:
        tags.save_tag_rule(session, admin, "坏规则", "X", {"field": "颜色", "op": "=", "value": "红"})
    assert excinfo.value.code == "segments.condition.invalid"
    assert tags.list_tag_rules(session, admin) == []
