import pytest

from opcms_desktop.services.customers.options import Option, filter_options
from opcms_desktop.services.customers.query import CustomerQuery, count_customers

from .customer_world import World, build_world


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def test_options_list_dictionaries_codes_and_visible_owners(session, ops, sales, other_sales, world):
    options = filter_options(session, ops)
    assert [o.label for o in options.industries][:2] == ["项目", "房产经纪"]
    assert Option("formal", "正式") in options.account_types
    assert [o.value for o in options.coop_statuses][:5] == ["active", "dormant", "pending", "trial", "terminated"]
    assert [o.value for o in options.grades] == ["S", "A", "B", "C", "D"]
    assert [o.value for o in options.consumption_tiers] == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert {o.value for o in options.billing_enabled} == {"yes", "no", "pending"}
    assert "fixed_price" in {o.value for o in options.settlement_modes}
    assert [o.value for o in options.sales_owners] == [sales.id, other_sales.id]
    assert [o.label for o in options.ops_owners] == ["ops1"]
    assert "name" in options.sort_columns


def test_every_option_value_filters_the_list(session, ops, world):
    options = filter_options(session, ops)
    industry = options.industries[1].value
    assert count_customers(session, ops, CustomerQuery(industry_ids=(industry,))) == 2
    coop = options.coop_statuses[0].value
    assert count_customers(session, ops, CustomerQuery(coop_statuses=(coop,))) == 2


def test_a_sales_user_sees_only_owners_of_own_customers(session, sales, world):
    options = filter_options(session, sales)
    assert [o.label for o in options.sales_owners] == ["sales1"]
    assert [o.label for o in options.ops_owners] == ["ops1"]
