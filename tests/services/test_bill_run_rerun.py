"""The re-run compares drafts with the stored numbers as each database returns them (SQLite: floats)."""

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import select

from opcms_desktop.models import Invoice, InvoiceLine
from opcms_desktop.services.billing.run import generate_bill_run, preview_bill_run

from .billing_builders import add_monthly, add_orders, add_plan

JAN = "2026-01"


def _lines(session, customer):
    invoice = session.scalar(select(Invoice).where(Invoice.customer_id == customer.id, Invoice.period == JAN))
    return invoice, session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                                    .order_by(InvoiceLine.seq)).all()


def test_a_rerun_with_four_decimal_prices_and_areas_is_unchanged(session, ops, make):
    by_area = make.customer(company_id=201, billing_enabled="yes")
    add_plan(session, by_area, "area", area_rate="0.1255")
    add_monthly(session, by_area, JAN, "X", single=7, area="1234.57")
    by_shoot = make.customer(company_id=202, billing_enabled="yes")
    add_plan(session, by_shoot, single_price="12.3456", multi_price="15.0001")
    add_orders(session, by_shoot, dt.date(2026, 1, 3), 3, floors=2)
    add_orders(session, by_shoot, dt.date(2026, 1, 4), 5)
    first = generate_bill_run(session, ops, JAN)
    assert (first.created, first.total) == (2, D("154.94") + D("61.73") + D("45.00"))
    again = generate_bill_run(session, ops, JAN)
    assert (again.created, again.replaced, again.unchanged) == (0, 0, 2)
    assert preview_bill_run(session, ops, JAN).unchanged == 2


def test_a_stored_line_one_ten_thousandth_off_is_replaced(session, ops, make):
    customer = make.customer(company_id=203, billing_enabled="yes")
    add_plan(session, customer, "area", area_rate="0.1255")
    add_monthly(session, customer, JAN, "X", single=7, area="1234.57")
    generate_bill_run(session, ops, JAN)
    _, (line,) = _lines(session, customer)
    line.quantity = D("1234.5701")
    session.flush()
    again = generate_bill_run(session, ops, JAN)
    assert (again.replaced, again.unchanged) == (1, 0)
    invoice, (line,) = _lines(session, customer)
    assert (line.quantity, line.unit_price, line.amount, invoice.version) == (D("1234.57"), D("0.1255"),
                                                                              D("154.94"), 2)
