"""The bill state table (services/billing/states.py): every transition and action allowed or refused
exactly as declared, and the services and rows follow it."""

import datetime as dt

import pytest

from opcms_desktop.services.billing import invoices, states
from opcms_desktop.services.billing.queries import InvoiceFilter
from opcms_desktop.services.platform import messages
from opcms_desktop.services.platform.errors import UserError

from .invoice_builders import draft

# action -> {(state, has a tax invoice): allowed}
EXPECTED = {
    "issue": {("draft", False): True, ("issued", False): False, ("issued", True): False, ("cancelled", False): False},
    "edit": {("draft", False): True, ("issued", False): False, ("issued", True): False, ("cancelled", False): False},
    "credit": {("draft", False): False, ("issued", False): True, ("issued", True): True,
               ("cancelled", False): False},
    "allocate": {("draft", False): False, ("issued", False): True, ("issued", True): True,
                 ("cancelled", False): False},
    "record_tax_invoice": {("draft", False): False, ("issued", False): True, ("issued", True): False,
                           ("cancelled", False): False},
    "clear_tax_invoice": {("draft", False): False, ("issued", False): False, ("issued", True): True,
                          ("cancelled", False): False, ("cancelled", True): True},
    "print": {("draft", False): True, ("issued", False): True, ("cancelled", False): True},
    "replace": {("draft", False): False, ("issued", False): False, ("issued", True): False,
                ("cancelled", False): True, ("cancelled", True): True},
}


@pytest.mark.parametrize("action", sorted(states.ACTIONS))
def test_every_action_is_allowed_exactly_in_the_declared_states(action):
    for (status, has_tax), allowed in EXPECTED[action].items():
        assert states.can(action, status, has_tax) is allowed, (action, status, has_tax)
        assert (action in states.allowed_actions(status, has_tax)) is allowed
        if allowed:
            states.check(action, status, "INV-2026-000001", has_tax)
        else:
            with pytest.raises(UserError) as refused:
                states.check(action, status, "INV-2026-000001", has_tax)
            assert refused.value.code.startswith(("billing.refused.", "billing.tax_invoice."))
            assert refused.value.params["bill"] == "INV-2026-000001"


def test_the_transitions_are_draft_issued_cancelled_only():
    assert {a: (t.source, t.target) for a, t in states.TRANSITIONS.items()} == {
        "issue": ("draft", "issued"), "credit": ("issued", "cancelled")}
    assert states.check("issue", "draft", "x") == "issued"
    assert states.check("credit", "issued", "x") == "cancelled"
    assert states.check("record_tax_invoice", "issued", "x") == "issued"  # not a state change
    # replacing a credited bill spawns a new draft; the credited bill stays cancelled
    assert {a: (t.source, t.target) for a, t in states.SPAWNS.items()} == {"replace": ("cancelled", "draft")}
    assert states.check("replace", "cancelled", "x") == "cancelled"
    assert set(states.ACTIONS) == set(EXPECTED)
    assert all(name in states.GUARDS for guards in states.ACTIONS.values() for name in guards)
    assert frozenset() == states.CREDIT_NOTE_ACTIONS  # a credit note is its own, final kind


def test_receivables_may_allocate_to_issued_bills_only():
    assert [s for s in states.STATES if states.can_allocate(s)] == ["issued"]


def test_refusals_render_in_both_languages():
    with pytest.raises(UserError) as refused:
        states.check("credit", "draft", "#7")
    assert refused.value.code == "billing.refused.credit"
    assert str(refused.value) == "You cannot credit bill #7 because it is draft: only issued bills are credited"
    messages.set_language("zh_CN")  # the nested state label follows the current language
    try:
        assert str(refused.value) == "账单 #7 当前为“草稿”，不能冲正：只有已开具的账单可以冲正"
    finally:
        messages.set_language("en")


def test_rows_carry_the_actions_the_table_allows(session, make, ops):
    c = make.customer("动作客户")
    first, second = draft(session, c, "2026-01"), draft(session, c, "2026-02")
    invoices.issue_invoices(session, ops, invoice_ids=[second.id], issue_date=dt.date(2026, 3, 1))
    rows = {r.id: r for r in invoices.list_invoices(session, ops, InvoiceFilter(customer_id=c.id)).rows
            if not r.is_credit_note}
    assert rows[first.id].actions == frozenset({"issue", "edit", "print"})
    assert rows[second.id].actions == frozenset({"credit", "allocate", "record_tax_invoice", "print"})
    invoices.record_tax_invoice(session, ops, [second.id], "25112000000000012345", dt.date(2026, 3, 2))
    invoices.credit_invoice(session, ops, second.id, "重开", issue_date=dt.date(2026, 3, 5))
    assert invoices.invoice_row(session, ops, second.id).actions == frozenset(
        {"clear_tax_invoice", "replace", "print"})
    note = next(r for r in invoices.list_invoices(session, ops, InvoiceFilter(customer_id=c.id)).rows
                if r.is_credit_note)
    assert note.actions == states.CREDIT_NOTE_ACTIONS == frozenset()  # nothing of the state table
