"""Segments: dynamic and static, private and shared, snapshots and their difference, members and export."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, Customer
from opcms_desktop.services.insight import segments
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError

BIG = {"field": "月均拍摄量", "op": ">=", "value": 50}


@pytest.fixture
def three(make, sales):
    from decimal import Decimal

    return (
        make.customer("大一", company_id=820_001, sales=sales, avg_monthly_shoots=Decimal("80")),
        make.customer("大二", company_id=820_002, avg_monthly_shoots=Decimal("60")),
        make.customer("小三", company_id=820_003, avg_monthly_shoots=Decimal("5")),
    )


def test_a_dynamic_segment_is_evaluated_when_opened(session, admin, three):
    segments.save_segment(session, admin, "大客户", BIG)
    found = segments.segment_members(session, admin, "大客户")
    assert (found.count, [m.company_id for m in found.members]) == (2, [820_001, 820_002])
    three[2].avg_monthly_shoots = 99
    session.flush()
    assert segments.segment_members(session, admin, "大客户").count == 3
    assert segments.get_segment(session, admin, "大客户").kind == "dynamic"


def test_a_static_segment_keeps_its_members_and_compares_snapshots(session, admin, three):
    info = segments.save_segment(session, admin, "六月大客户", BIG, kind="static", as_of=dt.date(2026, 6, 1))
    assert (info.latest_snapshot.taken_on, info.latest_snapshot.members) == (dt.date(2026, 6, 1), 2)
    three[0].avg_monthly_shoots = 1
    three[2].avg_monthly_shoots = 70
    session.flush()
    assert [m.company_id for m in segments.segment_members(session, admin, "六月大客户").members] == [
        820_001,
        820_002,
    ]
    later = segments.take_snapshot(session, admin, "六月大客户", as_of=dt.date(2026, 7, 1))
    snapshots = segments.list_snapshots(session, admin, "六月大客户")
    assert [s.taken_on for s in snapshots] == [dt.date(2026, 7, 1), dt.date(2026, 6, 1)]
    diff = segments.snapshot_diff(session, admin, "六月大客户", snapshots[1].id, later.id)
    assert ([m.company_id for m in diff.added], [m.company_id for m in diff.removed], diff.kept) == (
        [820_003],
        [820_001],
        1,
    )
    assert [m.company_id for m in segments.segment_members(session, admin, "六月大客户").members] == [
        820_002,
        820_003,
    ]
    with pytest.raises(NotFound):
        segments.snapshot_diff(session, admin, "六月大客户", snapshots[1].id, 999_999)
    segments.save_segment(session, admin, "动态的", BIG)
    with pytest.raises(ValidationError):
        segments.take_snapshot(session, admin, "动态的")


def test_private_segments_stay_private_and_sharing_needs_segments_manage(
    session, admin, sales, other_sales, three
):
    segments.save_segment(session, sales, "我的大客户", BIG)
    assert [s.name for s in segments.list_segments(session, other_sales)] == []
    with pytest.raises(NotFound):
        segments.segment_members(session, other_sales, "我的大客户")
    with pytest.raises(PermissionDenied):
        segments.save_segment(session, sales, "共享的", BIG, shared=True)
    segments.save_segment(session, admin, "共享的", BIG, shared=True)
    seen = segments.segment_members(session, sales, "共享的")
    assert [m.company_id for m in seen.members] == [820_001]  # a salesperson sees their own part only
    with pytest.raises(PermissionDenied):
        segments.delete_segment(session, sales, "共享的")
    with pytest.raises(ValidationError) as excinfo:
        segments.save_segment(session, other_sales, "我的大客户", BIG)
    assert excinfo.value.problems[0].code == "segments.name_taken"
    segments.delete_segment(session, sales, "我的大客户")
    assert [s.name for s in segments.list_segments(session, sales)] == ["共享的"]
    assert session.scalar(
        select(AuditEntry.id).where(AuditEntry.entity == "segment", AuditEntry.action == "delete")
    )


def test_a_bad_segment_changes_nothing(session, admin):
    for name, document, kind in (
        ("", BIG, "dynamic"),
        ("x", BIG, "frozen"),
        ("x", {"field": "?"}, "dynamic"),
    ):
        with pytest.raises(ValidationError):
            segments.save_segment(session, admin, name, document, kind=kind)
    assert segments.list_segments(session, admin) == []


def test_preview_and_export(session, admin, three, tmp_path):
    preview = segments.preview_condition(session, admin, BIG, sample=1)
    assert (preview.count, [m.company_id for m in preview.sample]) == (2, [820_001])
    segments.save_segment(session, admin, "导出", BIG)
    assert segments.export_segment_members(session, admin, "导出", tmp_path / "m.xlsx") == 2
    rows = list(load_workbook(tmp_path / "m.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:2] == ("公司id", "公司名称") and [r[0] for r in rows[1:]] == [820_001, 820_002]


def test_the_member_select_nests_into_other_queries(session, admin, sales, three):
    segments.save_segment(session, admin, "嵌套", BIG, shared=True)
    chosen = segments.segment_id_select(session, sales, "嵌套")
    names = session.scalars(select(Customer.name).where(Customer.id.in_(chosen.scalar_subquery())))
    assert list(names) == ["大一"]


def test_a_segment_filters_the_customer_list(session, admin, sales, three):
    from opcms_desktop.services.customers.query import CustomerQuery, count_customers, list_customers

    segments.save_segment(session, admin, "列表用", BIG, shared=True)
    query = CustomerQuery(segment="列表用", sort="company_id")
    assert [r.company_id for r in list_customers(session, admin, query).rows] == [820_001, 820_002]
    assert count_customers(session, sales, query) == 1
    assert CustomerQuery.from_dict(query.to_dict()) == query
    with pytest.raises(NotFound):
        count_customers(session, admin, CustomerQuery(segment="没有的分群"))
