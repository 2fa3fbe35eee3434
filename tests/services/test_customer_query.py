from decimal import Decimal

import pytest

from opcms_desktop.services.customers.query import (
    SORT_COLUMNS,
    CustomerQuery,
    count_customers,
    customer_ids,
    customer_page,
    customer_rows,
    list_customers,
)
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError
from opcms_desktop.services.security.permissions import Actor

from .customer_world import World, add_customer, build_world


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def names(session, actor, **query) -> list[str]:
    return [r.name for r in customer_page(session, actor, CustomerQuery(**query), 0, 100)]


def test_default_list_is_everything_by_company_id(session, ops, world):
    page = list_customers(session, ops, CustomerQuery())
    assert page.total == 5 == count_customers(session, ops, CustomerQuery())
    assert [r.company_id for r in page.rows] == [123, 777, 5001, 8888, 50012]


def test_row_carries_every_display_column(session, ops, sales, world):
    row = customer_rows(session, ops, [world.wawj.id])[0]
    assert (row.company_id, row.name, row.account_type_label, row.industry_label, row.erp_label) == (
        5001, "我爱我家", "正式", "房产经纪", "易遨")
    assert (row.coop_status, row.coop_status_label, row.coop_status_raw) == ("active", "正常合作", "正常使用")
    assert (row.billing_enabled_label, row.disabled, row.settlement_mode_label) == ("是", False, "定价结算")
    assert (row.grade, row.consumption_tier, row.avg_monthly_shoots) == ("A", "C2", Decimal("120.50"))
    assert (row.sales_owners, row.ops_owners, row.single_price_raw) == ("sales1", "", "25")
    assert row.version == world.wawj.version
    assert customer_rows(session, ops, [world.bj_wawj.id])[0].ops_owners == "ops1"


def test_search_by_company_id_exact_and_prefix(session, ops, world):
    assert names(session, ops, search="50012") == ["链家地产"]
    assert names(session, ops, search="5001") == ["我爱我家", "链家地产"]  # 5001 and 5001x
    assert names(session, ops, search=" 777 ") == ["Realty Homes"]
    assert names(session, ops, search="9") == []


def test_search_by_name_substring_ignores_case(session, ops, world):
    assert names(session, ops, search="我爱我家") == ["北京我爱我家置业", "我爱我家"]
    assert names(session, ops, search="REALTY h") == ["Realty Homes"]
    assert names(session, ops, search="置业") == ["北京我爱我家置业"]


def test_search_by_pinyin_initials_and_full_pinyin_prefix(session, ops, world):
    # 我爱我家 -> initials 'wawj' (wo ai wo jia), full 'woaiwojia'
    assert names(session, ops, search="wawj") == ["我爱我家"]
    assert names(session, ops, search="WoAiWo") == ["我爱我家"]
    assert names(session, ops, search="bjwawj") == ["北京我爱我家置业"]
    assert names(session, ops, search="ljdc") == ["链家地产"]
    assert names(session, ops, search="lianjia di") == ["链家地产"]  # spaces typed between syllables
    assert names(session, ops, search="jdc") == []  # a prefix, not a substring


def test_like_wildcards_in_search_are_literal(session, ops, world):
    assert names(session, ops, search="%") == ["100%_Test"]
    assert names(session, ops, search="_") == ["100%_Test"]
    assert names(session, ops, search="0%_t") == ["100%_Test"]


def test_filters_combine_with_and(session, ops, world, sales):
    assert names(session, ops, coop_statuses=("active",), billing_enabled=("yes",), grades=("A",)) == [
        "北京我爱我家置业", "我爱我家"]
    assert names(session, ops, coop_statuses=("active",), sales_owner_ids=(sales.id,), ops_owner_ids=(ops.id,)) == [
        "北京我爱我家置业"]
    assert names(session, ops, disabled=True) == ["链家地产"]
    assert len(names(session, ops, disabled=False)) == 4  # "not stated" counts as not disabled
    assert names(session, ops, account_types=("test",)) == ["Realty Homes"]
    assert names(session, ops, grades=(None,)) == ["Realty Homes", "100%_Test"]
    assert names(session, ops, grades=("B", None), search="链家") == ["链家地产"]
    assert names(session, ops, industry_ids=(world.wawj.industry_id,), erp_ids=(None,)) == ["链家地产"]
    assert names(session, ops, consumption_tiers=("C2",), settlement_modes=("fixed_price",)) == ["我爱我家"]
    assert names(session, ops, sales_owner_ids=(None,)) == ["Realty Homes", "100%_Test"]
    assert names(session, ops, ops_owner_ids=(None,), sales_owner_ids=(sales.id,)) == ["我爱我家"]


def test_sort_whitelist_direction_nulls_and_stable_ties(session, ops, world):
    assert names(session, ops, sort="name")[0] == "100%_Test"
    assert [r.company_id for r in customer_page(session, ops, CustomerQuery(descending=True), 0, 3)] == [
        50012, 8888, 5001]
    # NULL grades come last ascending and first descending, on SQLite and PostgreSQL alike; ties by id.
    assert names(session, ops, sort="grade") == ["我爱我家", "北京我爱我家置业", "链家地产", "Realty Homes", "100%_Test"]
    assert names(session, ops, sort="grade", descending=True) == [
        "100%_Test", "Realty Homes", "链家地产", "北京我爱我家置业", "我爱我家"]
    assert names(session, ops, sort="industry")[:2] == ["我爱我家", "链家地产"]
    with pytest.raises(ValidationError) as refused:
        names(session, ops, sort="name; DROP TABLE customers")
    assert refused.value.code == "customers.query.invalid"
    assert [(p.code, p.field) for p in refused.value.problems] == [("customers.query.sort_unknown", "sort")]


def test_paging_windows_and_totals(session, ops, world):
    query = CustomerQuery(sort="company_id")
    assert customer_ids(session, ops, query, 0, 2) + customer_ids(session, ops, query, 2, 2) + customer_ids(
        session, ops, query, 4, 2) == customer_ids(session, ops, query, 0, 10)
    assert customer_ids(session, ops, query, 5, 10) == []
    searched = list_customers(session, ops, CustomerQuery(search="我爱我家"), 1, 1)
    assert (searched.total, [r.name for r in searched.rows]) == (2, ["我爱我家"])
    beyond = list_customers(session, ops, CustomerQuery(search="我爱我家"), 5, 10)
    assert (beyond.total, beyond.rows) == (2, ())
    assert list_customers(session, ops, CustomerQuery(search="nothing-like-this")).total == 0
    with pytest.raises(ValidationError):
        customer_ids(session, ops, query, -1, 10)
    with pytest.raises(ValidationError):
        customer_ids(session, ops, query, 0, 5000)


def test_sales_sees_only_own_customers_in_every_list_path(session, sales, other_sales, world):
    assert names(session, sales) == ["北京我爱我家置业", "我爱我家"]
    assert count_customers(session, sales, CustomerQuery()) == 2
    assert list_customers(session, sales, CustomerQuery(search="链家")).total == 0
    assert names(session, sales, search="50012") == []
    assert names(session, sales, search="ljdc") == []
    assert names(session, sales, disabled=True) == []
    assert customer_rows(session, sales, [world.lianjia.id, world.wawj.id, world.realty.id]) == customer_rows(
        session, sales, [world.wawj.id])
    assert names(session, other_sales) == ["链家地产"]
    assert count_customers(session, other_sales, CustomerQuery(search="我爱我家")) == 0


def test_no_view_permission_is_refused(session, world):
    nobody = Actor(id=0, username="guest", display_name="guest", role="none", permissions=frozenset())
    for call in (lambda: count_customers(session, nobody, CustomerQuery()),
                 lambda: customer_page(session, nobody, CustomerQuery(), 0, 10),
                 lambda: list_customers(session, nobody, CustomerQuery()),
                 lambda: customer_rows(session, nobody, [world.wawj.id])):
        with pytest.raises(PermissionDenied):
            call()


def test_query_round_trips_through_json_and_rejects_bad_shapes(session, ops, world, sales):
    query = CustomerQuery(search="wawj", industry_ids=(1, None), sales_owner_ids=(sales.id,), disabled=False,
                          sort="name", descending=True)
    assert CustomerQuery.from_dict(query.to_dict()) == query
    assert CustomerQuery.from_dict({"grades": ["A"], "future_option": 1}) == CustomerQuery(grades=("A",))
    with pytest.raises(ValidationError) as bad:
        CustomerQuery.from_dict({"industry_ids": ["x"], "disabled": "yes", "sort": "password_hash"})
    assert {p.field for p in bad.value.problems} == {"industry_ids", "disabled", "sort"}


def test_many_customers_page_in_sql(session, ops, make):
    for n in range(250):
        add_customer(make, f"客户{n:03d}", 10_000 + n)
    query = CustomerQuery(search="客户", sort="name", descending=True)
    page = list_customers(session, ops, query, 100, 100)
    assert page.total == 250
    assert [r.name for r in page.rows][:2] == ["客户149", "客户148"]
    assert len(customer_ids(session, ops, query, 200, 100)) == 50


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_sorts_like_the_whole_list_on_every_column(session, ops, world, descending):
    for sort in SORT_COLUMNS:
        everyone = names(session, ops, sort=sort, descending=descending)
        for text in ("家", "e"):
            assert names(session, ops, search=text, sort=sort, descending=descending) == [
                n for n in everyone if text in n.lower()], (sort, text)


@pytest.mark.parametrize("search", ["我爱我家", "置业", "wawj", "5001", "50012", "链家", "REALTY h", "jdc", ""])
def test_a_sales_search_is_the_ops_search_within_the_book(session, ops, sales, other_sales, world, search):
    """A sales user's search is the same search as everyone's, cut to the book (SQLite intersects the two
    indexes first: a different statement, the same rows)."""
    for seller in (sales, other_sales):
        book = set(names(session, ops, sales_owner_ids=(seller.id,)))
        expected = [name for name in names(session, ops, search=search) if name in book]
        assert names(session, seller, search=search) == expected
        assert count_customers(session, seller, CustomerQuery(search=search)) == len(expected)
