"""Screenshots of dunning, work orders and automation rules, with the receivables demo data.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py dunning tickets automation

The demo bills are dunned once through the service (so the levels show), one bill is on hold; a few work
orders go in with times in the past so that one breached and one waits for the customer; the built-in
daily dunning rule is enabled and run once so that the execution log has a line.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot

from opcms_desktop.services.followup import dunning, jobs, rules, tickets
from opcms_desktop.services.platform.db import session_scope

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    shot = sys.modules["__main__"].shot  # noqa: F811

NOW = dt.datetime.now(dt.UTC)
TICKETS = [  # (公司id, type, priority, subject, hours ago, moves: (status, hours ago))
    (5, "complaint", "urgent", "10 月账单重复计费，客户要求核对", 30, [("in_progress", 29)]),
    (
        9,
        "billing_question",
        "normal",
        "对账单与客户台账差 120 元",
        20,
        [("in_progress", 19), ("waiting_for_customer", 18)],
    ),
    (13, "technical", "high", "N 系列设备上传失败", 3, []),
    (14, "renewal", "normal", "2027 年包年套餐续约报价", 50, [("in_progress", 48), ("resolved", 10)]),
]


def _seeded(studio: Studio) -> Studio:
    if getattr(studio, "worklist_seeded", False):
        return studio
    from shots_receivables import seeded as receivables_seeded

    receivables_seeded(studio)
    ids = studio.receivables["ids"]
    with session_scope(studio.factory) as s:
        dunning.run_dunning(s, studio.actor, dt.date.today())
        bills = dunning.open_bills(s, studio.actor, dt.date.today())
        overdue = [b for b in bills if b.days_overdue > 0]
        if overdue:
            dunning.set_hold(s, studio.actor, overdue[-1].invoice_id, True, "客户对 9 月用量有异议，核对中")
        for company_id, kind, priority, subject, ago, moves in TICKETS:
            view = tickets.add_ticket(
                s,
                studio.actor,
                tickets.TicketInput(
                    ids[company_id], kind, priority, subject, at=NOW - dt.timedelta(hours=ago)
                ),
            )
            for status, when in moves:
                tickets.update_ticket(
                    s, studio.actor, view.id, status=status, at=NOW - dt.timedelta(hours=when)
                )
        rules.set_rule_enabled(s, studio.actor, "daily-dunning", True)
        jobs.run_due(s, studio.actor, dt.datetime.now().replace(hour=7, minute=0))
    studio.worklist_seeded = True
    return studio


def _screen(studio: Studio, key: str) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    _seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1366, 768)
    window.open_screen(key)
    return window


@shot("dunning")
def dunning_screen(studio: Studio) -> QWidget:
    return _screen(studio, "dunning")


@shot("tickets")
def tickets_screen(studio: Studio) -> QWidget:
    return _screen(studio, "tickets")


@shot("automation")
def automation_screen(studio: Studio) -> QWidget:
    return _screen(studio, "automation")
