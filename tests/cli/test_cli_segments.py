"""`opcms segment`, `opcms tag` and `opcms sandbox` (issue 9, items 5-7)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import Customer, DictionaryEntry, User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.security.auth import actor_for

from ..factories import Factory
from ..services.billing_builders import add_orders, add_plan

PASSWORD = "Sales-pass-2026"
WHERE = {
    "all": [
        {"field": "行业类型", "op": "=", "value": "房产经纪"},
        {"field": "是否结算", "op": "=", "value": "是"},
    ]
}


@pytest.fixture
def book(initialised_cli):
    """Six customers: three 房产经纪 billed (one of them sales1's), the rest not; sales1 through the CLI."""
    cli = initialised_cli
    code, _, err = cli.as_admin(
        "user", "add", "sales1", "--role", "sales", env={"OPCMS_NEW_PASSWORD": PASSWORD}
    )
    assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        sales = actor_for(session, session.scalar(select(User).where(User.username == "sales1")))
        make = Factory(session)
        broker, project = (
            session.scalar(
                select(DictionaryEntry).where(
                    DictionaryEntry.kind == "industry", DictionaryEntry.label == label
                )
            )
            for label in ("房产经纪", "项目")
        )
        for i, (industry, billing) in enumerate(
            [
                (broker, "yes"),
                (broker, "yes"),
                (broker, "yes"),
                (broker, "no"),
                (project, "yes"),
                (None, None),
            ]
        ):
            customer = make.customer(
                f"客户{i}",
                company_id=830_000 + i,
                sales=sales if i in (0, 4) else None,
                industry_id=industry.id if industry else None,
                billing_enabled=billing,
            )
            add_plan(session, customer, single_price="10")
            add_orders(session, customer, dt.date(2026, 1, 5), i + 1)
    engine.dispose()
    return cli


def _independent_count(cli) -> int:
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        labels = dict(session.execute(select(DictionaryEntry.id, DictionaryEntry.label)).all())
        rows = session.execute(select(Customer.industry_id, Customer.billing_enabled)).all()
    engine.dispose()
    return sum(1 for industry, billing in rows if labels.get(industry) == "房产经纪" and billing == "yes")


def test_segment_count_prints_the_count(book):
    code, data, err = book.as_admin(
        "segment", "count", "--where", json.dumps(WHERE, ensure_ascii=False), "--json"
    )
    assert code == 0, err
    assert data == {"count": _independent_count(book)} == {"count": 3}
    code, data, _ = book(
        "segment",
        "count",
        "--where",
        json.dumps(WHERE, ensure_ascii=False),
        "--json",
        user="sales1",
        password=PASSWORD,
    )
    assert (code, data) == (0, {"count": 1})


def test_segment_count_reads_a_file_and_speaks_text(book, tmp_path):
    path = tmp_path / "where.json"
    path.write_text(json.dumps(WHERE, ensure_ascii=False), encoding="utf-8")
    code, text, _ = book.as_admin("segment", "count", "--where", f"@{path}")
    assert code == 0 and text.strip() == "Matching customers: 3"


@pytest.mark.parametrize(
    ("where", "code_expected"),
    [
        ("{not json", "segments.cli.bad_json"),
        ('{"field": "颜色", "op": "=", "value": 1}', "segments.condition.invalid"),
    ],
)
def test_a_bad_condition_exits_2_with_a_code(book, where, code_expected):
    code, data, err = book.as_admin("segment", "count", "--where", where, "--json")
    assert code == 2 and data["error"]["code"] == code_expected and err


def test_segment_save_members_and_export(book, tmp_path):
    code, data, err = book.as_admin(
        "segment",
        "save",
        "房产经纪结算",
        "--where",
        json.dumps(WHERE, ensure_ascii=False),
        "--shared",
        "--json",
    )
    assert code == 0, err
    assert data["segment"]["kind"] == "dynamic"
    code, data, err = book.as_admin(
        "segment", "members", "房产经纪结算", "--xlsx", str(tmp_path / "m.xlsx"), "--json"
    )
    assert code == 0, err
    assert (data["segment"], data["count"]) == ("房产经纪结算", 3)
    assert [m["company_id"] for m in data["members"]] == [830_000, 830_001, 830_002]
    assert {"company_id", "name"} <= set(data["members"][0]) and data["xlsx"]["rows"] == 3
    code, data, _ = book("segment", "members", "房产经纪结算", "--json", user="sales1", password=PASSWORD)
    assert (code, data["count"], data["members"][0]["name"]) == (0, 1, "客户0")
    code, data, _ = book.as_admin("segment", "list", "--json")
    assert [s["name"] for s in data["segments"]] == ["房产经纪结算"]
    code, data, _ = book.as_admin("segment", "members", "没有这个", "--json")
    assert code == 2 and data["error"]["code"] == "segments.not_found"


def test_static_segments_snapshot_and_diff(book):
    code, data, err = book.as_admin(
        "segment",
        "save",
        "冻结",
        "--where",
        '{"field": "公司id", "op": "<", "value": 830002}',
        "--static",
        "--json",
    )
    assert code == 0, err
    first = data["segment"]["latest_snapshot"]["id"]
    code, data, _ = book.as_admin("segment", "snapshot", "冻结", "--json")
    second = data["snapshot"]["id"]
    code, data, err = book.as_admin("segment", "diff", "冻结", str(first), str(second), "--json")
    assert code == 0, err
    assert (data["added"], data["removed"], data["kept"]) == ([], [], 2)


def test_tags_by_hand_and_by_rule(book):
    assert book.as_admin("tag", "create", "VIP", "--json")[0] == 0
    code, data, err = book.as_admin(
        "tag", "apply", "VIP", "--company-id", "830000", "--company-id", "830001", "--json"
    )
    assert (code, data["changed"]) == (0, 2), err
    code, data, _ = book.as_admin(
        "segment", "count", "--where", '{"field": "标签", "op": "has", "value": "VIP"}', "--json"
    )
    assert data == {"count": 2}
    assert book.as_admin("tag", "create", "项目客户")[0] == 0
    code, _, err = book.as_admin(
        "tag",
        "rule-save",
        "项目",
        "--tag",
        "项目客户",
        "--where",
        '{"field": "行业类型", "op": "=", "value": "项目"}',
        "--json",
    )
    assert code == 0, err
    code, data, _ = book.as_admin("tag", "refresh", "--json")
    assert data == {"rules": 1, "added": 1, "removed": 0}
    code, data, _ = book.as_admin("tag", "list", "--json")
    assert {t["name"]: t["customers"] for t in data["tags"]} == {"VIP": 2, "项目客户": 1}
    code, data, _ = book("tag", "create", "x", "--json", user="sales1", password=PASSWORD)
    assert code == 3 and data["error"]["code"] == "error.permission_missing"


def test_sandbox_prints_money_as_strings_and_writes_xlsx(book, tmp_path):
    code, data, err = book.as_admin(
        "sandbox",
        "--where",
        '{"field": "公司id", "op": "<=", "value": 830001}',
        "--months",
        "2",
        "--as-of",
        "2026-03-15",
        "--percent",
        "10",
        "--xlsx",
        str(tmp_path / "s.xlsx"),
        "--json",
    )
    assert code == 0, err
    assert data["months"] == ["2026-01", "2026-02"]
    assert [(c["company_id"], c["current"], c["proposed"]) for c in data["customers"]] == [
        (830_000, "10.00", "11.00"),
        (830_001, "20.00", "22.00"),
    ]
    assert (data["current_total"], data["proposed_total"], data["difference"]) == ("30.00", "33.00", "3.00")
    assert data["xlsx"]["rows"] == 3 and Decimal(data["difference"]) == Decimal("3")
    code, data, _ = book.as_admin(
        "sandbox",
        "--plan",
        '{"mode": "per_shoot", "single_price": "7"}',
        "--months",
        "2",
        "--as-of",
        "2026-03-15",
        "--where",
        '{"field": "公司id", "op": "=", "value": 830001}',
        "--json",
    )
    assert (code, data["proposed_total"]) == (0, "14.00")
    code, data, _ = book.as_admin("sandbox", "--months", "0", "--percent", "1", "--json")
    assert code == 2 and data["error"]["code"] == "cli.bad_number"
