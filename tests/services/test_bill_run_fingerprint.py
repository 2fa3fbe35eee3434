"""A bill-run draft's fingerprint (migration 0018) stands for everything the draft holds: a re-run compares
it instead of the lines, and any change to what the bill would hold, or to the stored draft, rewrites it."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import Numeric, bindparam, delete, select, text, update

from opcms_desktop.models import Invoice, InvoiceLine, PricePlan
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing import run_store as store
from opcms_desktop.services.billing.run import generate_bill_run
from opcms_desktop.services.pricing.engine import Line

from .billing_builders import add_monthly, add_orders, add_plan

JAN = "2026-01"


def _draft(session, customer):
    session.expire_all()
    invoice = session.scalar(select(Invoice).where(Invoice.customer_id == customer.id, Invoice.period == JAN))
    lines = session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                            .order_by(InvoiceLine.seq)).all()
    return invoice, lines


def _stored_print(invoice, lines) -> str:
    """The fingerprint of the draft as stored (read back from the database)."""
    return store.fingerprint(invoice.total, invoice.payment_terms_days, [
        Line(li.series, li.description, li.quantity, li.amount, li.unit_price, li.formula, li.plan_id)
        for li in lines])


@pytest.fixture
def billed(session, ops, make):
    customer = make.customer("乙公司", company_id=301, billing_enabled="yes")
    plan = add_plan(session, customer, single_price="12.5", multi_base=14, multi_step=10)
    add_orders(session, customer, dt.date(2026, 1, 5), 3)
    add_orders(session, customer, dt.date(2026, 1, 6), 2, floors=3)
    add_monthly(session, customer, JAN, "N", single=10, area="12.34")
    other = make.customer("丙公司", company_id=302, billing_enabled="yes")
    add_plan(session, other, "area", area_rate="0.1255")
    add_monthly(session, other, JAN, "X", single=7, area="1234.57")
    first = generate_bill_run(session, ops, JAN)
    assert first.created == 2
    return customer, plan, other


def _rerun(session, ops):
    result = generate_bill_run(session, ops, JAN)
    return result.created, result.replaced, result.unchanged


def test_each_draft_stores_the_fingerprint_of_what_it_holds(session, ops, billed):
    customer, _, other = billed
    for who in (customer, other):
        invoice, lines = _draft(session, who)
        assert invoice.content_fingerprint == _stored_print(invoice, lines)
    assert _rerun(session, ops) == (0, 0, 2)


def test_a_rerun_does_not_read_the_lines_of_fingerprinted_drafts(session, ops, billed):
    found = store.existing_invoices(session, ops, JAN)
    assert {e.lines for e in found.values()} == {None} and all(e.fingerprint for e in found.values())


@pytest.mark.parametrize("change", ["usage", "plan_price", "plan_terms", "customer_terms"])
def test_a_change_to_what_the_bill_holds_rewrites_the_draft(session, ops, billed, change):
    customer, plan, _ = billed
    invoice, _ = _draft(session, customer)
    before = (invoice.id, invoice.version, invoice.content_fingerprint)
    if change == "usage":
        add_orders(session, customer, dt.date(2026, 1, 20), 1)
    elif change == "plan_price":
        session.execute(update(PricePlan).where(PricePlan.id == plan.id).values(single_price=D("12.51")))
    elif change == "plan_terms":
        session.execute(update(PricePlan).where(PricePlan.id == plan.id).values(payment_terms_days=45))
    else:
        customer.payment_terms_days = 60
        session.flush()
    assert _rerun(session, ops) == (0, 1, 1)
    invoice, lines = _draft(session, customer)
    assert (invoice.id, invoice.version) == (before[0], before[1] + 1)
    assert invoice.content_fingerprint == _stored_print(invoice, lines) != before[2]
    assert _rerun(session, ops) == (0, 0, 2)


@pytest.mark.parametrize("edit", ["description_by_hand", "amount_by_hand", "raw_formula", "raw_quantity",
                                  "raw_delete", "raw_total", "raw_terms"])
def test_an_edit_of_the_stored_draft_is_rewritten_by_the_next_run(session, ops, billed, edit):
    customer, _, _ = billed
    invoice, lines = _draft(session, customer)
    before = Invoice(id=invoice.id, total=invoice.total, payment_terms_days=invoice.payment_terms_days,
                     content_fingerprint=invoice.content_fingerprint)  # a detached copy of the values
    wanted = [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines]
    line = lines[-1]
    if edit == "description_by_hand":  # the line editor; the total stays the same
        invoices.update_draft_line(session, ops, line.id, description=line.description + "（改）")
    elif edit == "amount_by_hand":
        invoices.update_draft_line(session, ops, line.id, amount="1.00")
    elif edit == "raw_formula":  # a script or psql, past the services
        session.execute(update(InvoiceLine).where(InvoiceLine.id == line.id).values(formula="x"))
    elif edit == "raw_quantity":
        session.execute(update(InvoiceLine).where(InvoiceLine.id == line.id).values(quantity=line.quantity + 1))
    elif edit == "raw_delete":
        session.execute(delete(InvoiceLine).where(InvoiceLine.id == line.id))
    elif edit == "raw_total":
        session.execute(update(Invoice).where(Invoice.id == before.id).values(total=before.total + 1))
    else:
        session.execute(update(Invoice).where(Invoice.id == before.id).values(payment_terms_days=7))
    assert _rerun(session, ops) == (0, 1, 1)
    invoice, lines = _draft(session, customer)
    assert [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines] == wanted
    assert (invoice.total, invoice.payment_terms_days) == (before.total, before.payment_terms_days)
    assert invoice.content_fingerprint == before.content_fingerprint
    assert _rerun(session, ops) == (0, 0, 2)


def test_a_draft_without_a_fingerprint_is_compared_line_by_line(session, ops, billed):
    customer, _, other = billed
    session.execute(text("UPDATE invoices SET content_fingerprint = NULL"))  # drafts from before migration 0018
    assert _rerun(session, ops) == (0, 0, 2)
    invoice, lines = _draft(session, other)
    session.execute(update(InvoiceLine).where(InvoiceLine.id == lines[0].id).values(description="x"))
    assert _rerun(session, ops) == (0, 1, 1)
    invoice, lines = _draft(session, other)
    assert invoice.content_fingerprint == _stored_print(invoice, lines)


BASE = Line("X", "X系列 单层拍摄 3套 × 8.00", D("3"), D("24.00"), D("8.00"), None, 7)


@pytest.mark.parametrize("changed", [
    Line("N", BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, None, 7),
    Line("X", BASE.description + " ", BASE.quantity, BASE.amount, BASE.unit_price, None, 7),
    Line("X", BASE.description, D("3.0001"), BASE.amount, BASE.unit_price, None, 7),
    Line("X", BASE.description, BASE.quantity, D("24.01"), BASE.unit_price, None, 7),
    Line("X", BASE.description, BASE.quantity, BASE.amount, None, None, 7),
    Line("X", BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, "8×3", 7),
    Line("X", BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, None, 8),
    Line("X", BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, None, None),
    Line("X", BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, "", 7),
    Line(None, BASE.description, BASE.quantity, BASE.amount, BASE.unit_price, None, 7),
])
def test_the_fingerprint_covers_every_field_of_a_line(changed):
    assert store.fingerprint(D("24.00"), 30, [BASE]) != store.fingerprint(D("24.00"), 30, [changed])


def test_the_fingerprint_compares_numbers_by_value_and_covers_the_total_terms_and_order():
    same = Line("X", BASE.description, D("3.0000"), D("24"), D("8"), None, 7)
    assert store.fingerprint(D("24.00"), 30, [BASE]) == store.fingerprint(D("24"), 30, [same])
    other = Line("N", "N", D("1"), D("1.00"), D("1"), None, 7)
    assert store.fingerprint(D("24.00"), 30, [BASE]) != store.fingerprint(D("24.01"), 30, [BASE])
    assert store.fingerprint(D("24.00"), 30, [BASE]) != store.fingerprint(D("24.00"), 31, [BASE])
    assert store.fingerprint(D("25.00"), 30, [BASE, other]) != store.fingerprint(D("25.00"), 30, [other, BASE])
    assert store.fingerprint(D("24.00"), 30, [BASE]) != store.fingerprint(D("24.00"), 30, [BASE, BASE])


def _line_values(invoice_id: int, seq: int, amount: str, description: str = "备注") -> dict:
    return {"i": invoice_id, "s": seq, "d": description, "a": D(amount)}


INSERT_LINE = text("INSERT INTO invoice_lines (invoice_id, seq, series, description, quantity, amount)"
                   " VALUES (:i, :s, NULL, :d, 0, :a)").bindparams(bindparam("a", type_=Numeric(14, 2)))


def _rewritten_to(session, ops, customer, wanted, before_print):
    """The next run replaces the draft with what the bill holds, and the one after leaves it alone."""
    assert _rerun(session, ops) == (0, 1, 1)
    invoice, lines = _draft(session, customer)
    assert [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines] == wanted
    assert invoice.content_fingerprint == before_print == _stored_print(invoice, lines)
    assert _rerun(session, ops) == (0, 0, 2)


def test_a_zero_amount_line_inserted_by_sql_clears_the_fingerprint_and_is_rewritten(session, ops, billed):
    customer, _, _ = billed
    invoice, lines = _draft(session, customer)
    wanted = [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines]
    before = invoice.content_fingerprint
    session.execute(INSERT_LINE, _line_values(invoice.id, len(lines) + 1, "0.00"))
    assert session.scalar(select(Invoice.content_fingerprint).where(Invoice.id == invoice.id)) is None
    _rewritten_to(session, ops, customer, wanted, before)


def test_a_line_added_and_another_lowered_to_the_same_total_is_rewritten(session, ops, billed, backend):
    customer, _, _ = billed
    invoice, lines = _draft(session, customer)
    wanted = [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines]
    before = (invoice.content_fingerprint, invoice.total)
    first = lines[0]
    session.execute(INSERT_LINE, _line_values(invoice.id, len(lines) + 1, "1.00", "调整"))
    if backend == "sqlite":  # REPLACE INTO: the old row goes without a delete trigger (recursive_triggers off)
        session.execute(text("REPLACE INTO invoice_lines (id, invoice_id, seq, series, description, quantity,"
                             " unit_price, formula, amount, plan_id) SELECT id, invoice_id, seq, series,"
                             " description, quantity, unit_price, formula, amount - 1, plan_id"
                             " FROM invoice_lines WHERE id = :id"), {"id": first.id})
    else:
        session.execute(update(InvoiceLine).where(InvoiceLine.id == first.id)
                        .values(amount=InvoiceLine.amount - 1))
    session.expire_all()
    assert sum(li.amount for li in _draft(session, customer)[1]) == before[1]
    _rewritten_to(session, ops, customer, wanted, before[0])


def test_replace_into_a_line_on_sqlite_clears_the_fingerprint(session, ops, billed, backend):
    if backend != "sqlite":
        pytest.skip("REPLACE INTO is SQLite's")
    customer, _, _ = billed
    invoice, lines = _draft(session, customer)
    wanted = [(li.description, li.quantity, li.unit_price, li.formula, li.amount) for li in lines]
    before = invoice.content_fingerprint
    assert session.execute(text("PRAGMA recursive_triggers")).scalar() == 0
    session.execute(text("REPLACE INTO invoice_lines (id, invoice_id, seq, series, description, quantity,"
                         " unit_price, formula, amount, plan_id) SELECT id, invoice_id, seq, series,"
                         " description || '（改）', quantity, unit_price, formula, amount, plan_id"
                         " FROM invoice_lines WHERE id = :id"), {"id": lines[-1].id})
    assert session.scalar(select(Invoice.content_fingerprint).where(Invoice.id == invoice.id)) is None
    _rewritten_to(session, ops, customer, wanted, before)


def test_a_line_added_through_the_orm_clears_the_fingerprint(session, ops, billed):
    customer, _, _ = billed
    invoice, lines = _draft(session, customer)
    session.add(InvoiceLine(invoice_id=invoice.id, seq=len(lines) + 1, description="备注", quantity=D("0"),
                            amount=D("0.00")))
    session.flush()
    assert session.scalar(select(Invoice.content_fingerprint).where(Invoice.id == invoice.id)) is None


def test_replaced_drafts_keep_the_fingerprint_written_after_their_lines(session, ops, billed):
    customer, _, other = billed
    session.execute(text("UPDATE invoices SET total = total + 1 WHERE customer_id = :c"), {"c": other.id})
    add_orders(session, customer, dt.date(2026, 1, 21), 1)
    assert _rerun(session, ops) == (0, 2, 0)
    for who in (customer, other):
        invoice, lines = _draft(session, who)
        assert invoice.content_fingerprint is not None
        assert invoice.content_fingerprint == _stored_print(invoice, lines)


def test_a_run_that_creates_and_replaces_drafts_leaves_each_with_its_own_fingerprint(session, ops, billed):
    customer, _, other = billed
    add_orders(session, customer, dt.date(2026, 1, 22), 2)
    session.execute(text("DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM invoices WHERE customer_id = :c)"),
                    {"c": other.id})
    session.execute(text("DELETE FROM invoices WHERE customer_id = :c"), {"c": other.id})
    assert _rerun(session, ops) == (1, 1, 0)
    for who in (customer, other):
        invoice, lines = _draft(session, who)
        assert invoice.content_fingerprint is not None
        assert invoice.content_fingerprint == _stored_print(invoice, lines)
    assert _rerun(session, ops) == (0, 0, 2)
