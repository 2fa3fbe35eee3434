"""The list's capped count ("10,000+") and the plan a search with many matches takes: same rows, same order."""

import pytest

from opcms_desktop.services.customers import query as customer_query
from opcms_desktop.services.customers.query import (
    SORT_COLUMNS,
    CustomerQuery,
    count_customers,
    customer_ids,
    customer_page,
    list_customers,
)

from .customer_world import World, add_customer, build_world


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def capped_count(session, actor, query):
    """The count the list's first operation gives (first_customer_page's total), counted alone."""
    return count_customers(session, actor, query, customer_query.COUNT_CAP)


@pytest.fixture
def cap_of_two(monkeypatch):
    monkeypatch.setattr(customer_query, "COUNT_CAP", 2)


def test_a_capped_count_stops_one_past_the_cap(session, ops, world, cap_of_two):
    assert count_customers(session, ops, CustomerQuery()) == 5
    assert count_customers(session, ops, CustomerQuery(), cap=2) == 3
    assert count_customers(session, ops, CustomerQuery(), cap=10) == 5
    assert capped_count(session, ops, CustomerQuery()) == 3
    assert capped_count(session, ops, CustomerQuery(search="我爱我家")) == 2


def test_a_capped_first_page_has_the_exact_rows(session, ops, world, cap_of_two):
    """What the screen asks (the capped count, then pages) is the exact list, shown as "2+" at first."""
    exact = list_customers(session, ops, CustomerQuery(), 0, 5)
    assert exact.total == 5 and capped_count(session, ops, CustomerQuery()) == 3  # past the cap
    assert customer_page(session, ops, CustomerQuery(), 0, 4) == list(exact.rows[:4])
    assert customer_page(session, ops, CustomerQuery(), 4, 4) == list(exact.rows[4:])
    few = CustomerQuery(search="我爱我家")
    assert capped_count(session, ops, few) == 2
    assert [r.name for r in customer_page(session, ops, few, 0, 10)] == ["北京我爱我家置业", "我爱我家"]
    assert customer_page(session, ops, few, 5, 10) == []
    none = CustomerQuery(search="nothing-like-this")
    assert (capped_count(session, ops, none), customer_page(session, ops, none, 0, 10)) == (0, [])


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_with_many_matches_sorts_like_one_with_few(session, ops, make, world, monkeypatch, descending):
    for n in range(6):
        add_customer(make, f"家园{n}号", 90_000 + n, grade="ABC"[n % 3] if n % 2 else None)
    wanted = {sort: [r.name for r in list_customers(session, ops, CustomerQuery(
        search="家", sort=sort, descending=descending), 0, 100).rows] for sort in SORT_COLUMNS}
    monkeypatch.setattr(customer_query, "COUNT_CAP", 3)  # 9 matches: more than the cap
    for sort, names in wanted.items():
        query = CustomerQuery(search="家", sort=sort, descending=descending)
        rows = customer_page(session, ops, query, 0, 100)
        assert (capped_count(session, ops, query), [r.name for r in rows]) == (4, names), sort
        paged = [i for offset in range(0, 9, 3) for i in customer_ids(session, ops, query, offset, 3)]
        assert paged == customer_ids(session, ops, query, 0, 100) and len(paged) == 9, sort
        assert customer_page(session, ops, query, 6, 100) == rows[6:]


def test_a_capped_list_keeps_sales_to_their_own_customers(session, sales, other_sales, make, world, monkeypatch):
    for n in range(4):
        add_customer(make, f"他人家{n}", 70_000 + n, sales=other_sales)
    monkeypatch.setattr(customer_query, "COUNT_CAP", 1)
    for search in ("", "家", "wawj"):
        rows = customer_page(session, sales, CustomerQuery(search=search), 0, 100)
        assert {r.name for r in rows} <= {"北京我爱我家置业", "我爱我家"}, search
        assert rows == list(list_customers(session, sales, CustomerQuery(search=search), 0, 100).rows)
    assert capped_count(session, other_sales, CustomerQuery(search="我爱我家")) == 0


def test_a_sales_users_whole_list_counts_each_customer_once(session, sales, make, world, cap_of_two):
    from opcms_desktop.models import CustomerOwner

    session.add(CustomerOwner(customer_id=world.wawj.id, kind="sales", user_id=sales.id, raw_name="另一个名字"))
    session.add(CustomerOwner(customer_id=world.realty.id, kind="ops", user_id=sales.id, raw_name="运营兼任"))
    session.flush()
    assert count_customers(session, sales, CustomerQuery(sort="name", descending=True)) == 2
    assert count_customers(session, sales, CustomerQuery(), cap=1) == 2  # "more than 1"
    assert count_customers(session, sales, CustomerQuery(grades=("A",))) == 2
    page = list_customers(session, sales, CustomerQuery(), 0, 10)
    assert (page.total, len(page.rows)) == (2, 2)


@pytest.mark.parametrize("descending", [False, True])
def test_a_long_filtered_list_pages_in_the_same_order(session, ops, make, world, monkeypatch, descending):
    for n in range(6):
        add_customer(make, f"客户{n}", 60_000 + n, coop_status="active", grade="AB"[n % 2] if n % 3 else None)
    for sort in SORT_COLUMNS:
        query = CustomerQuery(coop_statuses=("active", None), sort=sort, descending=descending)
        monkeypatch.setattr(customer_query, "COUNT_CAP", 10_000)
        wanted = customer_ids(session, ops, query, 0, 100)
        monkeypatch.setattr(customer_query, "COUNT_CAP", 2)  # 9 matches: the sort index is walked
        assert [i for offset in range(0, 9, 4) for i in customer_ids(session, ops, query, offset, 4)] == wanted
        rows = customer_page(session, ops, query, 0, 100)
        assert ([r.id for r in rows], capped_count(session, ops, query)) == (wanted, 3), sort
        assert len(wanted) == 9
