"""Condition documents: validation with coded, located problems, and counts that equal a count made
independently in plain Python over rows read separately (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import (
    Allocation,
    Customer,
    CustomerOwner,
    DictionaryEntry,
    Invoice,
    Receipt,
    UsageMonthly,
    UsageOrder,
    User,
)
from opcms_desktop.models.segment import CustomerTag, Tag
from opcms_desktop.services.insight.conditions import (
    count_matching,
    matching_customer_ids,
    validate_condition,
)
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError

AS_OF = dt.date(2026, 6, 15)
INDUSTRIES = ("房产经纪", "项目", "租房")


def _entry(session, kind: str, label: str) -> int:
    found = session.scalar(
        select(DictionaryEntry.id).where(DictionaryEntry.kind == kind, DictionaryEntry.label == label)
    )
    if found is None:
        entry = DictionaryEntry(kind=kind, label=label, active=True, sort_order=0)
        session.add(entry)
        session.flush()
        found = entry.id
    return found


def build_world(session, make, sales, customers: int = 80, seed: int = 7) -> list[int]:
    """Customers with varied fields, usage (orders and monthly summaries), bills, allocations and tags."""
    rng = random.Random(seed)
    industries = [_entry(session, "industry", label) for label in INDUSTRIES]
    vip, churn = Tag(name="VIP"), Tag(name="流失风险")
    session.add_all([vip, churn])
    session.flush()
    ids = []
    order_no = 0
    for i in range(customers):
        customer = make.customer(
            f"{rng.choice(['链家', '房友', '我爱我家', 'abc'])}{i}",
            company_id=700_000 + i,
            sales=sales if i % 3 == 0 else None,
            industry_id=rng.choice([*industries, None]),
            billing_enabled=rng.choice(["yes", "no", "pending", None]),
            disabled=rng.choice([True, False, None]),
            grade=rng.choice(["S", "A", None]),
            avg_monthly_shoots=rng.choice([None, Decimal("0"), Decimal("12.5"), Decimal("80")]),
        )
        ids.append(customer.id)
        for _ in range(rng.randint(0, 6)):
            order_no += 1
            day = AS_OF - dt.timedelta(days=rng.randint(-3, 200))
            session.add(
                UsageOrder(
                    order_no=f"SEG-{order_no}",
                    customer_id=customer.id,
                    upload_date=day,
                    series=rng.choice("XNL"),
                    floors=rng.choice([1, 1, 2, 3]),
                )
            )
        if rng.random() < 0.3:
            period = rng.choice(["2026-03", "2026-05", "2026-06", "2025-12"])
            single = rng.choice([0, 2, 7])
            session.add(
                UsageMonthly(
                    customer_id=customer.id,
                    period=period,
                    series="X",
                    single_shoots=single,
                    multi_shoots=0,
                    multi_floors=0,
                    area=Decimal("0"),
                )
            )
        for n in range(rng.randint(0, 2)):
            status = rng.choice(["issued", "issued", "draft", "cancelled"])
            period = rng.choice(["2025-05", "2025-11", "2026-02", "2026-05"])
            issue = period_start(period) + dt.timedelta(days=31)
            invoice = Invoice(
                customer_id=customer.id,
                period=period,
                kind="usage" if n == 0 else "package",
                status=status,
                total=Decimal(rng.choice(["0.00", "99.50", "1200.00", "3000.25"])),
                payment_terms_days=30,
                number=None if status == "draft" else f"SEG-{customer.id}-{n}",
                issue_date=None if status == "draft" else issue,
                due_date=None if status == "draft" else issue + dt.timedelta(days=30),
            )
            session.add(invoice)
            session.flush()
            if status == "issued" and invoice.total > 0 and rng.random() < 0.5:
                receipt = Receipt(customer_id=customer.id, receipt_date=AS_OF, amount=invoice.total)
                session.add(receipt)
                session.flush()
                paid = rng.choice([invoice.total, Decimal("50.00")])
                reversed_ = rng.random() < 0.2
                session.add(
                    Allocation(
                        receipt_id=receipt.id,
                        invoice_id=invoice.id,
                        amount=min(paid, invoice.total),
                        allocated_on=AS_OF,
                        reversed_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC) if reversed_ else None,
                        reversal_reason="test" if reversed_ else None,
                    )
                )
        for tag in (vip, churn):
            if rng.random() < 0.25:
                session.add(CustomerTag(customer_id=customer.id, tag_id=tag.id, source="manual"))
    session.flush()
    return ids


def period_start(period: str) -> dt.date:
    year, month = map(int, period.split("-"))
    return dt.date(year, month, 1)


def read_world(session, ids: list[int]) -> dict[int, dict]:
    """Every fact the expected counts need, read with plain selects (no condition code involved)."""
    labels = dict(session.execute(select(DictionaryEntry.id, DictionaryEntry.label)).all())
    world = {}
    for c in session.execute(select(Customer).where(Customer.id.in_(ids))).scalars():
        world[c.id] = {
            "name": c.name,
            "industry": labels.get(c.industry_id),
            "billing": c.billing_enabled,
            "disabled": c.disabled,
            "avg": c.avg_monthly_shoots,
            "grade": c.grade,
            "usage": [],
            "bills": [],
            "tags": set(),
            "sales": set(),
        }
    for cid, day in session.execute(
        select(UsageOrder.customer_id, UsageOrder.upload_date).where(UsageOrder.customer_id.in_(ids))
    ):
        world[cid]["usage"].append((day, 1))
    for cid, period, single, multi in session.execute(
        select(
            UsageMonthly.customer_id,
            UsageMonthly.period,
            UsageMonthly.single_shoots,
            UsageMonthly.multi_shoots,
        ).where(UsageMonthly.customer_id.in_(ids))
    ):
        world[cid]["usage"].append((period_start(period), single + multi))
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for invoice_id, amount in session.execute(
        select(Allocation.invoice_id, Allocation.amount).where(Allocation.reversed_at.is_(None))
    ):
        paid[invoice_id] += amount
    for inv in session.execute(select(Invoice).where(Invoice.customer_id.in_(ids))).scalars():
        world[inv.customer_id]["bills"].append(
            (inv.status, inv.total, inv.period, inv.issue_date, inv.due_date, inv.total - paid[inv.id])
        )
    for cid, name in session.execute(
        select(CustomerTag.customer_id, Tag.name).join(Tag, Tag.id == CustomerTag.tag_id)
    ):
        if cid in world:
            world[cid]["tags"].add(name)
    for cid, display in session.execute(
        select(CustomerOwner.customer_id, User.display_name)
        .join(User, User.id == CustomerOwner.user_id)
        .where(CustomerOwner.kind == "sales")
    ):
        if cid in world:
            world[cid]["sales"].add(display)
    return world


def _shoots(c, start, end):
    return sum(n for day, n in c["usage"] if start <= day <= end)


def _last_usage(c):
    days = [day for day, n in c["usage"] if n > 0]
    return max(days) if days else None


def _months(n):
    first = dt.date(2026, 6 - n, 1) if n < 6 else dt.date(2025, 18 - n, 1)
    return first, dt.date(2026, 5, 31)


def _invoiced(c, periods):
    return sum((b[1] for b in c["bills"] if b[0] == "issued" and b[2] in periods), Decimal(0))


def _outstanding(c, overdue=False):
    return sum((b[5] for b in c["bills"] if b[0] == "issued" and (not overdue or b[4] < AS_OF)), Decimal(0))


LAST_12 = {f"{y}-{m:02d}" for y, m in [(2025, m) for m in range(6, 13)] + [(2026, m) for m in range(1, 6)]}
CASES = [
    (
        {
            "all": [
                {"field": "行业类型", "op": "=", "value": "房产经纪"},
                {"field": "是否结算", "op": "=", "value": "是"},
            ]
        },
        lambda c: c["industry"] == "房产经纪" and c["billing"] == "yes",
    ),
    (
        {
            "any": [
                {"field": "近30天拍摄量", "op": ">=", "value": 3},
                {"field": "未收金额", "op": ">", "value": 100},
            ]
        },
        lambda c: _shoots(c, AS_OF - dt.timedelta(days=29), AS_OF) >= 3 or _outstanding(c) > 100,
    ),
    (
        {"not": {"field": "industry", "op": "in", "value": ["房产经纪", "项目"]}},
        lambda c: c["industry"] not in ("房产经纪", "项目"),
    ),
    ({"field": "行业类型", "op": "!=", "value": "租房"}, lambda c: c["industry"] != "租房"),
    (
        {"field": "距上次用量天数", "op": ">", "value": 45},
        lambda c: _last_usage(c) is not None and (AS_OF - _last_usage(c)).days > 45,
    ),
    (
        {"field": "days_since_last_usage", "op": "between", "value": [0, 20]},
        lambda c: _last_usage(c) is not None and 0 <= (AS_OF - _last_usage(c)).days <= 20,
    ),
    ({"field": "距上次用量天数", "op": "empty"}, lambda c: _last_usage(c) is None),
    ({"field": "近3个月拍摄量", "op": "<", "value": 5}, lambda c: _shoots(c, *_months(3)) < 5),
    ({"field": "拍摄量", "op": "=", "value": 0, "window": "3m"}, lambda c: _shoots(c, *_months(3)) == 0),
    (
        {
            "all": [
                {"field": "标签", "op": "has", "value": "VIP"},
                {"field": "是否停用", "op": "=", "value": "否"},
            ]
        },
        lambda c: "VIP" in c["tags"] and c["disabled"] is not True,
    ),
    (
        {"field": "tags", "op": "has not", "value": ["VIP", "流失风险"]},
        lambda c: not c["tags"] & {"VIP", "流失风险"},
    ),
    ({"field": "标签", "op": "empty"}, lambda c: not c["tags"]),
    (
        {"field": "逾期金额", "op": "between", "value": [1, 5000]},
        lambda c: 1 <= _outstanding(c, True) <= 5000,
    ),
    (
        {
            "any": [
                {"field": "公司名称", "op": "contains", "value": "房"},
                {"field": "月均拍摄量", "op": ">=", "value": 50},
            ]
        },
        lambda c: "房" in c["name"] or (c["avg"] is not None and c["avg"] >= 50),
    ),
    ({"field": "近12个月开票额", "op": "=", "value": 0}, lambda c: _invoiced(c, LAST_12) == 0),
    ({"field": "invoiced_12m", "op": ">", "value": "1000"}, lambda c: _invoiced(c, LAST_12) > 1000),
    (
        {"field": "最近用量", "op": "within", "value": "30d"},
        lambda c: any(n > 0 and day >= AS_OF - dt.timedelta(days=29) for day, n in c["usage"]),
    ),
    (
        {"field": "last_usage", "op": "not within", "value": "3m"},
        lambda c: not any(n > 0 and day >= dt.date(2026, 3, 1) for day, n in c["usage"]),
    ),
    ({"field": "销售负责人", "op": "=", "value": "sales1"}, lambda c: "sales1" in c["sales"]),
    ({"field": "行业类型", "op": "empty"}, lambda c: c["industry"] is None),
    ({"field": "客户等级", "op": "not in", "value": ["S"]}, lambda c: c["grade"] != "S"),
    ({"all": []}, lambda c: True),
    ({"any": []}, lambda c: False),
]


@pytest.mark.parametrize("index", range(len(CASES)))
def test_a_count_equals_the_count_made_independently(session, make, admin, sales, index):
    ids = build_world(session, make, sales)
    world = read_world(session, ids)
    document, holds = CASES[index]
    expected = sorted(cid for cid, c in world.items() if holds(c))
    found = [cid for cid in matching_customer_ids(session, admin, document, as_of=AS_OF) if cid in world]
    assert sorted(found) == expected
    mine = {"all": [document, {"field": "公司id", "op": "between", "value": [700_000, 700_079]}]}
    assert count_matching(session, admin, mine, as_of=AS_OF) == len(expected)


def test_the_world_is_varied_enough_to_tell_conditions_apart(session, make, admin, sales):
    ids = build_world(session, make, sales)
    world = read_world(session, ids)
    for document, holds in CASES[:-2]:
        matched = sum(1 for c in world.values() if holds(c))
        assert 0 < matched < len(world), document


def test_a_sales_user_counts_only_their_own_book(session, make, admin, sales, other_sales):
    ids = build_world(session, make, sales)
    mine = set(session.scalars(select(CustomerOwner.customer_id).where(CustomerOwner.user_id == sales.id)))
    document = {"field": "公司id", "op": ">=", "value": 700_000}
    assert set(matching_customer_ids(session, sales, document, as_of=AS_OF)) == mine & set(ids)
    assert count_matching(session, sales, document, as_of=AS_OF) == len(mine & set(ids))
    assert count_matching(session, other_sales, document, as_of=AS_OF) == 0
    assert count_matching(session, admin, document, as_of=AS_OF) >= len(ids)
    world = read_world(session, ids)
    for document, holds in CASES:  # the figures read only the salesperson's book: the same answers
        expected = sorted(cid for cid, c in world.items() if cid in mine and holds(c))
        assert sorted(matching_customer_ids(session, sales, document, as_of=AS_OF)) == expected, document


def test_counting_needs_the_customer_view_permission(session, make):
    nobody = make.actor("plain", "ops")
    object.__setattr__(nobody, "permissions", frozenset())
    with pytest.raises(PermissionDenied):
        count_matching(session, nobody, {"all": []})


@pytest.mark.parametrize(
    ("document", "code", "path"),
    [
        ({"field": "颜色", "op": "=", "value": 1}, "segments.condition.field_unknown", "$.field"),
        (
            {"all": [{"field": "行业类型", "op": ">", "value": "x"}]},
            "segments.condition.op_unknown",
            "$.all[0].op",
        ),
        (
            {"any": [{"field": "是否结算", "op": "=", "value": "也许"}]},
            "segments.condition.value_choice",
            "$.any[0].value",
        ),
        ({"field": "拍摄量", "op": ">", "value": 3}, "segments.condition.window_required", "$.window"),
        ({"field": "近30天拍摄量", "op": ">", "value": "many"}, "segments.condition.value_number", "$.value"),
        (
            {"field": "月均拍摄量", "op": "between", "value": [9, 1]},
            "segments.condition.range_reversed",
            "$.value",
        ),
        (
            {"field": "最近用量", "op": "within", "value": "forever"},
            "segments.condition.window_invalid",
            "$.value",
        ),
        ({"all": {"field": "x"}}, "segments.condition.group_list", "$.all"),
        ({"all": [], "any": []}, "segments.condition.group_keys", "$"),
        ({"not": [1]}, "segments.condition.not_an_object", "$.not"),
        ({"field": "行业类型", "op": "empty", "value": "x"}, "segments.condition.value_unused", "$.value"),
        ([1, 2], "segments.condition.not_an_object", "$"),
    ],
)
def test_a_bad_document_names_what_is_wrong_and_where(document, code, path):
    with pytest.raises(ValidationError) as excinfo:
        validate_condition(document)
    assert excinfo.value.code == "segments.condition.invalid"
    assert [(p.code, p.field) for p in excinfo.value.problems] == [(code, path)]


def test_an_unknown_tag_is_an_error_not_an_empty_match(session, admin):
    with pytest.raises(ValidationError) as excinfo:
        count_matching(session, admin, {"field": "标签", "op": "has", "value": "不存在的标签"})
    assert excinfo.value.problems[0].code == "segments.condition.unknown_tag"


def test_names_ops_and_windows_have_aliases():
    condition = validate_condition(
        {
            "all": [
                {"field": "Industry", "op": "等于", "value": "项目"},
                {"field": "shoots_30d", "op": "gte", "value": 1},
                {"field": "近 3 个月拍摄量", "op": "<", "value": 1},
                {"field": "billing_enabled", "op": "in", "value": ["yes", "待确认"]},
            ]
        }
    )
    leaves = condition.parts
    assert [leaf.field.key for leaf in leaves] == ["industry", "shoots", "shoots", "billing_enabled"]
    assert [leaf.op for leaf in leaves] == ["=", ">=", "<", "in"]
    assert leaves[1].window.text == "30d" and leaves[2].window.text == "3m"
    assert leaves[3].value == ("yes", "pending")
