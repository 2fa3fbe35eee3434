"""Natural constraints live in the database, not only in services."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from opcms_desktop.models import Invoice, Receipt, UsageOrder


def _fails(session, obj):
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(obj)
        session.flush()


def test_company_id_is_unique(session, make):
    make.customer(company_id=814)
    with pytest.raises(IntegrityError), session.begin_nested():
        make.customer(company_id=814)


def test_one_invoice_per_customer_period_kind(session, make):
    c = make.customer()
    session.add(Invoice(customer_id=c.id, period="2026-01", kind="usage", status="draft", total=Decimal("1.00")))
    session.flush()
    _fails(session, Invoice(customer_id=c.id, period="2026-01", kind="usage", status="draft", total=Decimal("2.00")))


def test_amounts_are_non_negative(session, make):
    c = make.customer()
    _fails(session, Invoice(customer_id=c.id, period="2026-02", kind="usage", status="draft", total=Decimal("-0.01")))
    _fails(session, Receipt(customer_id=c.id, receipt_date=dt.date(2026, 1, 1), amount=Decimal("0.00")))


def test_order_number_is_unique(session, make):
    c = make.customer()
    session.add(UsageOrder(order_no="A1", customer_id=c.id, upload_date=dt.date(2026, 1, 1), series="X", floors=1))
    session.flush()
    _fails(session, UsageOrder(order_no="A1", customer_id=c.id, upload_date=dt.date(2026, 1, 2), series="X", floors=1))


def test_money_keeps_exact_decimals(session, make):
    c = make.customer()
    inv = Invoice(customer_id=c.id, period="2026-03", kind="usage", status="draft", total=Decimal("12345678901.23"))
    session.add(inv)
    session.flush()
    session.expire(inv)
    assert inv.total == Decimal("12345678901.23")
