"""Contacts: validation, one primary, deactivation instead of delete, masking and the audited reveal."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from opcms_desktop.models import AuditEntry
from opcms_desktop.models.followup import Contact
from opcms_desktop.services.followup import contacts
from opcms_desktop.services.followup.contacts import ContactInput, mask_email, mask_phone, mask_wechat
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError


def test_masks():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-88886666") == "010****6666"
    assert mask_phone("12345") == "****45"
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_wechat("wxid_abc") == "w***c"
    assert mask_phone(None) is None


@pytest.mark.parametrize("typed", ["13812345678", "+86 138-1234-5678", "0086 13812345678", "138 1234 5678"])
def test_mobile_forms_are_stored_as_eleven_digits(session, make, ops, typed):
    customer = make.customer()
    view = contacts.add_contact(session, ops, customer.id, ContactInput(name="张三", mobile=typed))
    assert view.mobile == "13812345678" and view.masked is False


def test_bad_fields_are_named_and_nothing_is_written(session, make, ops):
    customer = make.customer()
    with pytest.raises(ValidationError) as excinfo:
        contacts.add_contact(session, ops, customer.id, ContactInput(
            name=" ", mobile="23812345678", phone="abc", email="x@y", preferred_channel="fax"))
    assert [(p.code, p.field) for p in excinfo.value.problems] == [
        ("followup.contact.name_required", "name"), ("followup.contact.bad_mobile", "mobile"),
        ("followup.contact.bad_phone", "phone"), ("followup.contact.bad_email", "email"),
        ("followup.contact.bad_channel", "preferred_channel")]
    assert contacts.list_contacts(session, ops, customer_id=customer.id) == ()


def test_one_primary_per_customer(session, make, ops):
    customer = make.customer()
    first = contacts.add_contact(session, ops, customer.id, ContactInput(name="甲", primary=True))
    second = contacts.add_contact(session, ops, customer.id, ContactInput(name="乙", primary=True))
    rows = {c.id: c.primary for c in contacts.list_contacts(session, ops, customer_id=customer.id)}
    assert rows == {first.id: False, second.id: True}
    again = contacts.update_contact(session, ops, first.id, ContactInput(name="甲", primary=True))
    assert again.primary is True
    assert {c.id: c.primary for c in contacts.list_contacts(session, ops, customer_id=customer.id)} == {
        first.id: True, second.id: False}


def test_the_database_refuses_two_primaries(session, make):
    customer = make.customer()
    session.add(Contact(customer_id=customer.id, name="a", is_primary=True, active=True))
    session.flush()
    savepoint = session.begin_nested()
    session.add(Contact(customer_id=customer.id, name="b", is_primary=True, active=True))
    with pytest.raises(IntegrityError):
        session.flush()
    savepoint.rollback()


def test_deactivate_keeps_the_row_and_clears_primary(session, make, ops):
    customer = make.customer()
    view = contacts.add_contact(session, ops, customer.id, ContactInput(name="甲", primary=True))
    off = contacts.set_contact_active(session, ops, view.id, False)
    assert (off.active, off.primary) == (False, False)
    assert [c.id for c in contacts.list_contacts(session, ops, customer_id=customer.id)] == [view.id]
    assert contacts.list_contacts(session, ops, customer_id=customer.id, include_inactive=False) == ()
    with pytest.raises(ValidationError) as excinfo:
        contacts.update_contact(session, ops, view.id, ContactInput(name="甲", primary=True))
    assert excinfo.value.problems[0].code == "followup.contact.inactive_primary"
    assert contacts.set_contact_active(session, ops, view.id, True).active is True


def test_sales_see_masked_values_and_may_not_reveal(session, make, sales, ops):
    customer = make.customer(sales=sales)
    view = contacts.add_contact(session, sales, customer.id, ContactInput(
        name="张三", mobile="13812345678", phone="010-88886666", email="zhang.san@example.com", wechat="wxid_abc"))
    assert (view.mobile, view.phone, view.email, view.wechat, view.masked) == (
        "138****5678", "010****6666", "z***@example.com", "w***c", True)
    with pytest.raises(PermissionDenied):
        contacts.reveal_contact(session, sales, view.id)
    revealed = contacts.reveal_contact(session, ops, view.id)
    assert (revealed.mobile, revealed.email) == ("13812345678", "zhang.san@example.com")
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "contact",
                                                              AuditEntry.entity_id == str(view.id))).all()
    assert actions == ["create", "reveal"]
    created = session.scalar(select(AuditEntry.changes).where(AuditEntry.entity == "contact",
                                                              AuditEntry.action == "create"))
    assert created["mobile"] == [None, "138****5678"]  # the audit trail holds the masked form


def test_a_masked_value_sent_back_keeps_the_stored_one(session, make, sales, ops):
    customer = make.customer(sales=sales)
    view = contacts.add_contact(session, sales, customer.id, ContactInput(name="张三", mobile="13812345678",
                                                                         email="zhang.san@example.com"))
    edited = contacts.update_contact(session, sales, view.id, ContactInput(
        name="张三丰", title="经理", mobile=view.mobile, email=view.email), version=view.version)
    assert edited.name == "张三丰" and edited.mobile == "138****5678"
    full = contacts.get_contact(session, ops, view.id)
    assert (full.mobile, full.email, full.title) == ("13812345678", "zhang.san@example.com", "经理")


def test_sales_cannot_reach_other_customers_contacts(session, make, sales, other_sales):
    theirs = make.customer(sales=other_sales)
    view = contacts.add_contact(session, other_sales, theirs.id, ContactInput(name="外方"))
    with pytest.raises(NotFound):
        contacts.add_contact(session, sales, theirs.id, ContactInput(name="x"))
    for call in (lambda: contacts.get_contact(session, sales, view.id),
                 lambda: contacts.update_contact(session, sales, view.id, ContactInput(name="y")),
                 lambda: contacts.set_contact_active(session, sales, view.id, False)):
        with pytest.raises(NotFound):
            call()
    assert contacts.list_contacts(session, sales) == ()
    assert contacts.get_contact(session, other_sales, view.id).active is True
