"""The customer list sorts names in pinyin order, as Excel does in a Chinese locale (issue 11 item 12)."""

from opcms_desktop.services.customers import create_customer
from opcms_desktop.services.customers.query import CustomerQuery, list_customers


def test_names_sort_in_pinyin_order(session, admin):
    for n, name in enumerate(["中原地产", "北京链家", "阿里房产", "长沙房产", "ew"]):
        create_customer(session, admin, 900 + n, name)
    page = list_customers(session, admin, CustomerQuery(sort="name"), 0, 50)
    assert [r.name for r in page.rows] == ["阿里房产", "北京链家", "长沙房产", "ew", "中原地产"]
    down = list_customers(session, admin, CustomerQuery(sort="name", descending=True), 0, 50)
    assert [r.name for r in down.rows][0] == "中原地产"
    searched = list_customers(session, admin, CustomerQuery(search="房产", sort="name"), 0, 50)
    assert [r.name for r in searched.rows] == ["阿里房产", "长沙房产"]
