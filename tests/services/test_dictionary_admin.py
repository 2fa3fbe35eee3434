"""The dictionaries an admin manages (管理字典; issue 11 item 5)."""

import pytest

from opcms_desktop.services.customers import dictionary_admin as dictionary
from opcms_desktop.services.customers.query import CustomerQuery, list_customers
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError

from .customer_sheet_builders import HEADERS, customer_row, write_sheet


def test_add_rename_deactivate_and_give_a_meaning(session, admin, tmp_path):
    path = write_sheet(tmp_path / "s.xlsx", HEADERS, [customer_row(1, "甲", 合作状态="公司倒闭")])
    import_customers(session, admin, path)
    entry = next(r for r in dictionary.list_dictionary(session, admin, "coop_status") if r.label == "公司倒闭")
    assert (entry.code, entry.customers) == (None, 1)
    assert dictionary.set_status_meaning(session, admin, entry.id, "terminated").code == "terminated"
    [row] = list_customers(session, admin, CustomerQuery(coop_statuses=("terminated",)), 0, 10).rows
    assert (row.company_id, row.coop_status_label) == (1, "公司倒闭")
    assert dictionary.rename_dictionary_entry(session, admin, entry.id, "已倒闭").label == "已倒闭"
    assert list_customers(session, admin, CustomerQuery(), 0, 10).rows[0].coop_status_label == "已倒闭"
    assert dictionary.set_dictionary_entry_active(session, admin, entry.id, False).active is False
    added = dictionary.add_dictionary_entry(session, admin, "industry", "物业")
    assert added.kind == "industry" and added.customers == 0
    with pytest.raises(ValidationError) as taken:
        dictionary.add_dictionary_entry(session, admin, "industry", " 物业 ")
    assert taken.value.problems[0].code == "customers.dictionary.label_taken"
    with pytest.raises(ValidationError):
        dictionary.set_status_meaning(session, admin, entry.id, "bogus")


def test_sales_may_not_manage_dictionaries(session, sales):
    with pytest.raises(PermissionDenied):
        dictionary.list_dictionary(session, sales, "industry")
