"""Two salespeople's customers with everything a customer can own: the data of the sales-isolation walks.

`sales` owns MINE; `other_sales` owns FOREIGN. Each has a price plan, orders and a monthly usage row, an
issued invoice (allocated in part), a draft invoice, a receipt, audit history, and the owner a saved filter.
Markers (name, 公司id, invoice number, receipt reference...) are distinct so a leak is found by value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, CustomerOwner, InvoiceLine, UsageOrder
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.customers import edit as customer_edit
from opcms_desktop.services.customers import saved_filters
from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.receivables import allocation, receipts
from opcms_desktop.services.security.permissions import Actor

from .billing_builders import add_monthly, add_orders, add_plan
from .invoice_builders import draft

MINE_NAME, MINE_COMPANY = "本方客户乙", 610_001
FOREIGN_NAME, FOREIGN_COMPANY = "外方客户甲", 620_001
FOREIGN_REFERENCE = "FOREIGN-REF-77"
FOREIGN_PAYER = "外方付款人"
FOREIGN_FILTER = "外方的筛选"
FOREIGN_ORDER = "FORD-0001"
FOREIGN_OPS = "外方运营员"  # an ops owner name on the sheet that matches no user
ISSUE_DATE = dt.date(2026, 2, 5)
AS_OF = dt.date(2026, 6, 30)


@dataclass
class Side:
    """One salesperson's customer and the ids of what it owns."""

    actor: Actor
    customer: Customer
    plan_id: int
    plan_version: int
    invoice_id: int  # issued, 2026-01
    invoice_number: str
    draft_id: int  # draft, 2026-02
    line_id: int  # a line of the draft
    receipt_id: int
    allocation_id: int
    order_no: str


@dataclass
class IsolationWorld:
    mine: Side
    foreign: Side
    foreign_filter_id: int

    @property
    def markers(self) -> tuple[str, ...]:
        """Strings that must never reach the non-owner: the foreign customer and what only it owns."""
        return (FOREIGN_NAME, str(FOREIGN_COMPANY), self.foreign.invoice_number, FOREIGN_REFERENCE,
                FOREIGN_PAYER, FOREIGN_FILTER, FOREIGN_ORDER, FOREIGN_OPS, f"receipt #{self.foreign.receipt_id}")


def _customer(session: Session, name: str, company_id: int, owner: Actor, ops_name: str) -> Customer:
    initials, pinyin = name_keys(name)
    customer = Customer(company_id=company_id, name=name, name_initials=initials, name_pinyin=pinyin,
                        payment_terms_days=30, billing_enabled="yes", coop_status="active", account_type="formal")
    session.add(customer)
    session.flush()
    session.add_all([CustomerOwner(customer_id=customer.id, kind="sales", user_id=owner.id, raw_name=owner.display_name),
                     CustomerOwner(customer_id=customer.id, kind="ops", user_id=None, raw_name=ops_name)])
    session.flush()
    return customer


def _side(session: Session, owner: Actor, ops: Actor, name: str, company_id: int, amount: str, order_no: str,
          reference: str, payer: str, ops_name: str) -> Side:
    customer = _customer(session, name, company_id, owner, ops_name)
    plan = add_plan(session, customer, single_price="10")
    add_orders(session, customer, dt.date(2026, 1, 10), 3)
    session.add(UsageOrder(order_no=order_no, customer_id=customer.id, upload_date=dt.date(2026, 1, 11), series="X",
                           floors=1, area=None))
    add_monthly(session, customer, "2026-01", "N", 4)
    issued_draft = draft(session, customer, "2026-01", lines=((f"2026-01 拍摄 {name}", amount),))
    issued = invoices.issue_invoices(session, ops, invoice_ids=[issued_draft.id], issue_date=ISSUE_DATE).issued[0]
    open_draft = draft(session, customer, "2026-02", lines=((f"2026-02 拍摄 {name}", amount),))
    line_id = _first_line(session, open_draft.id)
    receipt = receipts.record_receipt(session, ops, receipts.ReceiptInput(
        customer_id=customer.id, receipt_date=dt.date(2026, 2, 10), amount=amount, method="银行转账",
        reference=reference, payer=payer, note=f"{name}的收款"))
    alloc = allocation.allocate(session, ops, receipt.id, issued.invoice_id, Decimal(amount) / 2)
    detail = customer_edit.get_customer(session, ops, customer.id)
    customer_edit.update_customer(session, ops, customer.id, {"notes": f"{name}的备注"}, detail.version)
    session.refresh(plan)
    return Side(actor=owner, customer=customer, plan_id=plan.id, plan_version=plan.version,
                invoice_id=issued.invoice_id, invoice_number=issued.number, draft_id=open_draft.id, line_id=line_id,
                receipt_id=receipt.id, allocation_id=alloc.id, order_no=order_no)


def _first_line(session: Session, invoice_id: int) -> int:
    line_id = session.scalar(select(InvoiceLine.id).where(InvoiceLine.invoice_id == invoice_id))
    assert line_id is not None
    return line_id


def build_isolation_world(session: Session, sales: Actor, other_sales: Actor, ops: Actor) -> IsolationWorld:
    mine = _side(session, sales, ops, MINE_NAME, MINE_COMPANY, "100.00", "MORD-0001", "MINE-REF-11", "本方付款人",
                 "本方运营员")
    foreign = _side(session, other_sales, ops, FOREIGN_NAME, FOREIGN_COMPANY, "7777.00", FOREIGN_ORDER,
                    FOREIGN_REFERENCE, FOREIGN_PAYER, FOREIGN_OPS)
    saved = saved_filters.save_customer_filter(session, other_sales, FOREIGN_FILTER, CustomerQuery(search="外方"))
    session.flush()
    return IsolationWorld(mine=mine, foreign=foreign, foreign_filter_id=saved.id)


def xlsx_text(path: str | Path) -> str:
    """Every cell of every sheet of a workbook, as one text to search for markers."""
    workbook = load_workbook(path, read_only=True)
    try:
        return "\n".join("\t".join("" if v is None else str(v) for v in row)
                         for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
