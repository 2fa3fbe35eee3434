"""A small customer base shared by the customer service tests: two sales users' customers, an unowned
one, one with LIKE wildcards in its name; dictionary entries resolved by label."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, DictionaryEntry
from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.security.permissions import Actor
from tests.factories import Factory


def entry_id(session: Session, kind: str, label: str) -> int:
    found = session.scalar(select(DictionaryEntry.id).where(DictionaryEntry.kind == kind,
                                                            DictionaryEntry.label == label))
    assert found is not None, (kind, label)
    return found


def add_customer(make: Factory, name: str, company_id: int, sales: Actor | None = None, ops: Actor | None = None,
                 **fields) -> Customer:
    customer = make.customer(name, company_id=company_id, sales=sales, ops=ops, **fields)
    customer.name_initials, customer.name_pinyin = name_keys(name)
    make.session.flush()
    return customer


@dataclass
class World:
    wawj: Customer  # 我爱我家, sales1's
    lianjia: Customer  # 链家地产, sales2's, disabled
    realty: Customer  # Realty Homes, nobody's
    bj_wawj: Customer  # 北京我爱我家置业, sales1's, ops1's
    wild: Customer  # 100%_Test, nobody's

    @property
    def all(self) -> list[Customer]:
        return [self.wawj, self.lianjia, self.realty, self.bj_wawj, self.wild]


def build_world(session: Session, make: Factory, sales: Actor, other_sales: Actor, ops: Actor) -> World:
    brokerage = entry_id(session, "industry", "房产经纪")
    yiao = entry_id(session, "erp", "易遨")
    return World(
        wawj=add_customer(make, "我爱我家", 5001, sales=sales, account_type="formal", industry_id=brokerage,
                          erp_id=yiao, coop_status="active", coop_status_raw="正常使用", billing_enabled="yes",
                          disabled=False, grade="A", consumption_tier="C2", settlement_mode="fixed_price",
                          avg_monthly_shoots=Decimal("120.50"), single_price_raw="25"),
        lianjia=add_customer(make, "链家地产", 50012, sales=other_sales, account_type="formal",
                             industry_id=brokerage, coop_status="dormant", billing_enabled="no", disabled=True,
                             grade="B", consumption_tier="C3"),
        realty=add_customer(make, "Realty Homes", 777, account_type="test", coop_status="trial",
                            billing_enabled="pending"),
        bj_wawj=add_customer(make, "北京我爱我家置业", 123, sales=sales, ops=ops, account_type="formal",
                             coop_status="active", billing_enabled="yes", grade="A", consumption_tier="C2"),
        wild=add_customer(make, "100%_Test", 8888, notes="=cmd|' /C calc'!A0"),
    )
