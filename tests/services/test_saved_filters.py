import pytest

from opcms_desktop.models import SavedFilter
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.customers.saved_filters import (
    delete_customer_filter,
    list_customer_filters,
    save_customer_filter,
)
from opcms_desktop.services.platform.errors import NotFound, ValidationError


def test_save_list_replace_and_delete(session, sales):
    active = CustomerQuery(coop_statuses=("active",), sort="name")
    saved = save_customer_filter(session, sales, " 合作中 ", active)
    save_customer_filter(session, sales, "停用", CustomerQuery(disabled=True))
    assert [(f.name, f.query) for f in list_customer_filters(session, sales)] == [
        ("停用", CustomerQuery(disabled=True)), ("合作中", active)]
    replaced = save_customer_filter(session, sales, "合作中", CustomerQuery(search="wawj"))
    assert replaced.id == saved.id
    assert list_customer_filters(session, sales)[1].query == CustomerQuery(search="wawj")
    delete_customer_filter(session, sales, saved.id)
    assert [f.name for f in list_customer_filters(session, sales)] == ["停用"]


def test_filters_are_per_user(session, sales, other_sales):
    mine = save_customer_filter(session, sales, "mine", CustomerQuery(grades=("A",)))
    assert list_customer_filters(session, other_sales) == []
    with pytest.raises(NotFound):
        delete_customer_filter(session, other_sales, mine.id)
    assert len(list_customer_filters(session, sales)) == 1


def test_bad_names_and_queries_are_refused(session, sales):
    with pytest.raises(ValidationError):
        save_customer_filter(session, sales, "  ", CustomerQuery())
    with pytest.raises(ValidationError):
        save_customer_filter(session, sales, "x" * 81, CustomerQuery())
    with pytest.raises(ValidationError):
        save_customer_filter(session, sales, "bad sort", CustomerQuery(sort="password_hash"))


def test_an_unreadable_stored_definition_is_listed_with_its_problem(session, sales):
    session.add(SavedFilter(user_id=sales.id, screen="customers", name="old", definition={"sort": "gone"}))
    session.flush()
    [old] = list_customer_filters(session, sales)
    assert old.query == CustomerQuery() and "sort" in (old.problem or "")
