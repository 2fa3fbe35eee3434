"""Screenshots of segments: the segment builder (live count and sample), tag management and the pricing sandbox.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py segment_builder segment_tags sandbox

Demo data goes in through the ORM and the services: 40 customers of several industries with price plans and
usage over the last months, two tags (one set by a rule) and a saved shared segment.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot
from sqlalchemy import select

from opcms_desktop.models import Customer, CustomerOwner, DictionaryEntry, PricePlan, UsageOrder, User
from opcms_desktop.services.insight import segments, tags
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.periods import Period

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811

NAMES = [
    "我爱我家",
    "链家",
    "贝壳找房",
    "麦田房产",
    "中原地产",
    "21世纪不动产",
    "房友",
    "易居",
    "安居客",
    "乐有家",
]
CITIES = ["北京", "上海", "杭州", "深圳", "成都", "南京", "武汉", "西安"]
EXAMPLE = {
    "all": [
        {"field": "行业类型", "op": "=", "value": "房产经纪"},
        {"field": "是否结算", "op": "=", "value": "是"},
        {"field": "近3个月拍摄量", "op": ">=", "value": 20},
    ]
}


def seeded(studio: Studio) -> Studio:
    if getattr(studio, "segments_seeded", False):
        return studio
    rnd = random.Random(4)
    today = dt.date.today()
    first = Period.of(today).previous.previous.previous.start
    with session_scope(studio.factory) as s:
        labels = {
            e.label: e.id
            for e in s.scalars(select(DictionaryEntry).where(DictionaryEntry.kind == "industry"))
        }
        liuji = s.scalar(select(User).where(User.username == "liuji"))
        order = 0
        for n in range(40):
            customer = Customer(
                company_id=7100 + n,
                name=f"{NAMES[n % 10]}（{CITIES[n % 8]}）{n // 10 + 1}店",
                name_initials="",
                name_pinyin="",
                payment_terms_days=30,
                industry_id=labels.get(rnd.choice(["房产经纪", "房产经纪", "项目", "房产ERP"])),
                billing_enabled=rnd.choice(["yes", "yes", "yes", "pending"]),
            )
            s.add(customer)
            s.flush()
            if liuji is not None and n % 3 == 0:
                s.add(CustomerOwner(customer_id=customer.id, kind="sales", user_id=liuji.id, raw_name="刘冀"))
            s.add(
                PricePlan(
                    customer_id=customer.id,
                    series="ALL",
                    mode="per_shoot",
                    effective_from=dt.date(2025, 1, 1),
                    single_price=Decimal(rnd.choice(["8", "10", "12.5", "15"])),
                    source="demo",
                )
            )
            for _ in range(rnd.randint(0, 40)):
                order += 1
                s.add(
                    UsageOrder(
                        order_no=f"SEG-DEMO-{order}",
                        customer_id=customer.id,
                        series="X",
                        floors=rnd.choice([1, 1, 1, 2]),
                        upload_date=first + dt.timedelta(days=rnd.randint(0, (today - first).days)),
                    )
                )
        s.flush()
        tags.create_tag(s, studio.actor, "重点客户")
        tags.create_tag(s, studio.actor, "近期活跃")
        ids = list(s.scalars(select(Customer.id).where(Customer.company_id < 7105)))
        tags.apply_tag(s, studio.actor, ids, "重点客户")
        tags.save_tag_rule(
            s, studio.actor, "30天内有拍摄", "近期活跃", {"field": "最近用量", "op": "within", "value": "30d"}
        )
        tags.refresh_rule_tags(s, studio.actor)
        segments.save_segment(s, studio.actor, "房产经纪活跃客户", EXAMPLE, shared=True)
        segments.save_segment(
            s,
            studio.actor,
            "重点客户月度快照",
            {"field": "标签", "op": "has", "value": "重点客户"},
            kind="static",
        )
    studio.segments_seeded = True
    return studio


def _open(studio: Studio, key: str):
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1366, 768)
    screen = window.open_screen(key)
    studio.settle()
    return window, screen


@shot("segment_builder")
def segment_builder_screen(studio: Studio) -> QWidget:
    window, screen = _open(studio, "segments")
    screen.segment_list.setCurrentRow(0)
    studio.settle(900)
    return window


@shot("segment_tags")
def segment_tags_screen(studio: Studio) -> QWidget:
    window, _screen = _open(studio, "tags")
    return window


@shot("sandbox")
def sandbox_screen(studio: Studio) -> QWidget:
    window, screen = _open(studio, "sandbox")
    screen.segment_combo.setCurrentIndex(max(screen.segment_combo.findData("房产经纪活跃客户"), 0))
    screen.percent_spin.setValue(8)
    screen.run()
    studio.settle(900)
    return window
