"""Receivables screen tests' support: customers, invoices in every state, receipts; a sales context.

Dates are relative to today because the screens show overdue "as of today".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opcms_desktop.services.billing import invoices
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.security.permissions import Actor
from tests.factories import Factory
from tests.services.invoice_builders import draft, receipt

WAIT = 10000
TODAY = dt.date.today()


@dataclass(frozen=True)
class Ledger:
    sales: Actor  # 刘冀, owns 我爱我家
    other_sales: Actor  # 谢海龙, owns 链家地产
    customers: dict[str, int]  # name -> customer id
    invoices: dict[str, int]  # label -> invoice id
    numbers: dict[str, str]  # label -> invoice number (issued ones)
    receipts: dict[str, int]  # label -> receipt id


def build_ledger(factory, guard, extra_drafts: int = 0) -> Ledger:
    """我爱我家: INV a-jan 1,500.00 overdue 40 days, a-feb 800.00 not yet due, draft a-mar 450.00.
    链家地产: b-jan 2,000.00 overdue 70 days, draft b-mar 0.00. 麦田房产: draft c-feb 300.00.
    Receipts: 我爱我家 1,000.00 (r-a), 链家地产 500.00 (r-b); nothing allocated."""
    with guard.allowed(), session_scope(factory) as s:
        make = Factory(s)
        sales = make.actor("liuji", "sales", "刘冀")
        other = make.actor("xiehailong", "sales", "谢海龙")
        ops = make.actor("guofuqian", "ops", "郭富乾")
        a = make.customer("我爱我家", company_id=5, sales=sales)
        b = make.customer("链家地产", company_id=12, sales=other)
        c = make.customer("麦田房产", company_id=30)
        made = {
            "a-jan": draft(s, a, "2026-01", lines=(("X系列 单层拍摄 60 次", "1200.00"), ("N系列 多层拍摄", "300.00"))),
            "a-feb": draft(s, a, "2026-02", lines=(("X系列 单层拍摄 32 次", "800.00"),)),
            "b-jan": draft(s, b, "2026-01", lines=(("L系列 拍摄", "2000.00"),)),
            "a-mar": draft(s, a, "2026-03", lines=(("X系列 单层拍摄 18 次", "450.00"),)),
            "b-mar": draft(s, b, "2026-03", lines=(("无用量", "0.00"),)),
            "c-feb": draft(s, c, "2026-02", lines=(("X系列 单层拍摄 12 次", "300.00"),)),
        }
        for n in range(extra_drafts):
            extra = make.customer(f"填充客户{n:03d}", company_id=1000 + n)
            made[f"x{n:03d}"] = draft(s, extra, "2025-12", lines=((f"拍摄 {n}", f"{100 + n}.00"),))
        numbers = {}
        for label, issue_day in (("a-jan", TODAY - dt.timedelta(days=70)), ("b-jan", TODAY - dt.timedelta(days=100)),
                                 ("a-feb", TODAY - dt.timedelta(days=20))):
            issued = invoices.issue_invoices(s, ops, invoice_ids=[made[label].id], issue_date=issue_day)
            numbers[label] = issued.issued[0].number
        r_a = receipt(s, ops, a, "1000.00", TODAY - dt.timedelta(days=10), reference="BK-001", payer="我爱我家")
        r_b = receipt(s, ops, b, "500.00", TODAY - dt.timedelta(days=5), reference="BK-002", payer="链家地产")
        return Ledger(sales, other, {"我爱我家": a.id, "链家地产": b.id, "麦田房产": c.id},
                      {k: v.id for k, v in made.items()}, numbers, {"r-a": r_a.id, "r-b": r_b.id})


def context_for(actor, factory, settings):
    """An AppContext whose runner acts for `actor` (remember to `close_context`)."""
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.context import AppContext
    from opcms_desktop.ui.operations import OperationRunner

    presented: list = []
    runner = OperationRunner(factory, actor, error_presenter=lambda parent, failure: presented.append(failure))
    runner.presented = presented
    return AppContext(runner, actor, settings, ConnectionProfile())


def settle(qtbot, runner) -> None:
    """Wait until no operation is running (so no late result reaches a closed widget)."""
    qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT)


def wait_loaded(qtbot, screen) -> None:
    model = screen.model
    qtbot.waitUntil(lambda: model.query is not None and not model.is_loading() and model.totals is not None
                    and (model.rowCount() == 0 or model.row_at(0) is not None), timeout=WAIT)


def requery(qtbot, screen, action) -> None:
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        action()
    wait_loaded(qtbot, screen)


def shown(screen, attribute: str = "number") -> list:
    model = screen.model
    return [getattr(model.row_at(i), attribute) for i in range(model.rowCount())]


def select_rows(screen, rows: list[int]) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    selection = QItemSelection()
    last = screen.model.columnCount() - 1
    for row in rows:
        selection.select(screen.model.index(row, 0), screen.model.index(row, last))
    screen.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def row_of(screen, invoice_id: int) -> int:
    return next(i for i in range(screen.model.rowCount()) if screen.model.row_at(i).id == invoice_id)
