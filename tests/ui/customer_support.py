"""Customer screen tests' support: customers to search, filter and page through; opening and waiting."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from opcms_desktop.models import Customer, DictionaryEntry
from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.permissions import Actor
from tests.factories import Factory

WAIT = 10000


@dataclass(frozen=True)
class Shop:
    sales: Actor  # 刘冀, owns 我爱我家 and 北京我爱我家置业
    other_sales: Actor  # 谢海龙, owns 链家地产
    ops: Actor
    ids: dict[str, int]  # customer name -> id
    fillers: int


def _entry(session, kind: str, label: str) -> int:
    found = session.scalar(select(DictionaryEntry.id).where(DictionaryEntry.kind == kind,
                                                            DictionaryEntry.label == label))
    assert found is not None
    return found


def build_shop(factory, guard, fillers: int = 0) -> Shop:
    """Write the customers (test set-up may query on the UI thread; the guard is told so)."""
    with guard.allowed(), session_scope(factory) as session:
        make = Factory(session)
        sales = make.actor("liuji", "sales", "刘冀")
        other = make.actor("xiehailong", "sales", "谢海龙")
        ops = make.actor("guofuqian", "ops", "郭富乾")
        brokerage, project = _entry(session, "industry", "房产经纪"), _entry(session, "industry", "项目")
        yiao = _entry(session, "erp", "易遨")

        def add(name: str, company_id: int, **fields) -> Customer:
            customer = make.customer(name, company_id=company_id, **fields)
            customer.name_initials, customer.name_pinyin = name_keys(name)
            return customer

        named = [
            add("我爱我家", 5, sales=sales, account_type="formal", industry_id=brokerage, erp_id=yiao,
                coop_status="active", billing_enabled="yes", disabled=False, grade="A", consumption_tier="C2",
                settlement_mode="fixed_price", avg_monthly_shoots=Decimal("120.50"), single_price_raw="25"),
            add("链家地产", 12, sales=other, account_type="formal", industry_id=brokerage, coop_status="dormant",
                billing_enabled="no", disabled=True, grade="B", consumption_tier="C3"),
            add("北京我爱我家置业", 123, sales=sales, ops=ops, account_type="formal", industry_id=project,
                coop_status="active", billing_enabled="yes", grade="A", consumption_tier="C2"),
            add("Realty Homes", 777, account_type="test", coop_status="trial", billing_enabled="pending"),
        ]
        for n in range(fillers):
            name = f"填充客户{n:04d}"
            initials, pinyin = name_keys(name)
            session.add(Customer(company_id=10_000 + n, name=name, name_initials=initials, name_pinyin=pinyin,
                                 payment_terms_days=30, account_type="formal", coop_status="active"))
        session.flush()
        return Shop(sales, other, ops, {c.name: c.id for c in named}, fillers)


def open_screen(qtbot, ctx):
    from opcms_desktop.ui.customers.list_screen import CustomersScreen

    screen = CustomersScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    wait_loaded(qtbot, screen)
    qtbot.waitUntil(lambda: screen.filters.combos["industry_ids"].count() > 2, timeout=WAIT)
    return screen


def wait_loaded(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: screen.model.query is not None and not screen.model.is_loading()
                    and "正在加载" not in screen.count_label.text()
                    and (screen.model.rowCount() == 0 or screen.model.row_at(0) is not None), timeout=WAIT)


def requery(qtbot, screen, action) -> None:
    """Do `action`, wait for the new query's count and first page."""
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        action()
    wait_loaded(qtbot, screen)


def names(screen) -> list[str]:
    return [screen.model.row_at(i).name for i in range(screen.model.rowCount())]


def choose(screen, field: str, label: str) -> None:
    combo = screen.filters.combos[field]
    index = combo.findText(label)
    assert index > 0, (field, label)
    combo.setCurrentIndex(index)
