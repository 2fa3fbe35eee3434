"""Linking a new user to the sheet's owner names outside the import (issue 11 item 3)."""

import pytest

from opcms_desktop.models import User
from opcms_desktop.services.customers import owners
from opcms_desktop.services.customers.query import CustomerQuery, count_customers
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.errors import PermissionDenied
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.services.security.users import create_user

from .customer_sheet_builders import HEADERS, customer_row, write_sheet


@pytest.fixture
def imported(session, admin, tmp_path):
    path = tmp_path / "owners.xlsx"
    write_sheet(path, HEADERS, [customer_row(1, "甲", 销售负责人="刘冀", 运营负责人="郭富乾"),
                                customer_row(2, "乙", 销售负责人="刘冀"),
                                customer_row(3, "丙", 销售负责人="易遨", 运营负责人="刘冀"),
                                customer_row(4, "丁", 销售负责人="谢海龙")])
    import_customers(session, admin, path)
    return path


def test_unlinked_names_with_counts_per_kind(session, admin, imported):
    found = {o.name: (o.sales_customers, o.ops_customers) for o in owners.list_unlinked_owners(session, admin)}
    assert found["刘冀"] == (2, 1)
    assert found["郭富乾"] == (0, 1)
    owners.set_owner_mapping(session, admin, "易遨", not_a_person=True)
    assert "易遨" not in {o.name for o in owners.list_unlinked_owners(session, admin)}


def test_a_new_sales_user_is_linked_and_sees_the_customers(session, admin, imported):
    row = create_user(session, admin, "liuji", "Sales-pass-2026", "sales", "刘冀")
    assert owners.unlinked_owners_named(session, admin, "刘冀").customers == 3
    linked = owners.link_owners_to_user(session, admin, "liuji")
    assert (linked.names, linked.customers) == (("刘冀",), 3)
    liuji = actor_for(session, session.get(User, row.id))
    assert count_customers(session, liuji, CustomerQuery()) == 2  # sales sees what they sell
    assert "刘冀" not in {o.name for o in owners.list_unlinked_owners(session, admin)}
    assert owners.link_owners_to_user(session, admin, "liuji").customers == 0


def test_create_user_for_an_owner_name(session, admin, imported):
    linked = owners.create_user_for_owner(session, admin, "谢海龙", "xiehl", "Sales-pass-2026", "sales")
    assert (linked.username, linked.names, linked.customers) == ("xiehl", ("谢海龙",), 1)


def test_sales_may_not_link(session, sales, imported):
    with pytest.raises(PermissionDenied):
        owners.list_unlinked_owners(session, sales)

