"""The job runner: schedules, failures retried, and two runners at once acting once (issue 14 item 5)."""

import datetime as dt
import threading

from sqlalchemy import delete, func, select

from opcms_desktop.models.followup import Followup
from opcms_desktop.models.worklist import AutomationRule, RuleExecution, SlaRule, Ticket
from opcms_desktop.services.followup import jobs, rules
from opcms_desktop.services.platform.db import session_scope

from ..factories import Factory

NOW = dt.datetime(2026, 3, 2, 7, 0)


def test_schedule_keys():
    assert jobs.schedule_key("daily 06:00", dt.datetime(2026, 3, 2, 5, 59)) is None
    assert jobs.schedule_key("daily 06:00", dt.datetime(2026, 3, 2, 6, 0)) == "2026-03-02"
    assert jobs.schedule_key("monthly 1 06:00", dt.datetime(2026, 3, 1, 6, 30)) == "2026-03"
    assert jobs.schedule_key("monthly 5 06:00", dt.datetime(2026, 3, 4, 23, 0)) is None
    assert (
        jobs.schedule_key("monthly 5 06:00", dt.datetime(2026, 3, 20, 1, 0)) is None
    )  # before 06:00 of the day
    assert jobs.schedule_key("monthly 5 06:00", dt.datetime(2026, 3, 20, 7, 0)) == "2026-03"


def test_a_failed_action_is_logged_and_retried_on_the_next_run(session, make, admin):
    make.customer("失败客户", company_id=9301)
    rules.add_rule(
        session,
        admin,
        rules.RuleInput(
            "open-ticket",
            "schedule",
            ({"type": "ticket", "ticket_type": "technical", "priority": "low", "subject": "巡检"},),
            schedule="daily 06:00",
        ),
    )
    sla_rows = [
        (r.ticket_type, r.priority, r.first_response_minutes, r.resolution_minutes)
        for r in session.scalars(select(SlaRule).where(SlaRule.ticket_type == "technical"))
    ]
    session.execute(delete(SlaRule).where(SlaRule.ticket_type == "technical"))
    failed = jobs.run_due(session, admin, NOW)
    assert (failed.actions, failed.failed) == (0, 1)
    assert failed.log[0]["result"] == "failed" and "technical" in failed.log[0]["error"]
    session.add_all(
        SlaRule(ticket_type=t, priority=p, first_response_minutes=f, resolution_minutes=r)
        for t, p, f, r in sla_rows
    )
    session.flush()
    retried = jobs.run_due(session, admin, NOW)
    assert (retried.actions, retried.failed) == (1, 0)
    assert jobs.run_due(session, admin, NOW).actions == 0
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1
    assert [r for (r,) in session.execute(select(RuleExecution.result).order_by(RuleExecution.id))] == [
        "failed",
        "done",
    ]


def _setup(factory) -> tuple:
    with session_scope(factory) as session:
        make = Factory(session)
        admin = make.actor("runner", "admin")
        for n in range(5):
            make.customer(f"并发客户{n}", company_id=9400 + n)
        rule = session.scalar(select(AutomationRule).where(AutomationRule.name == "daily-dunning"))
        rule.enabled = True
        rules.add_rule(
            session,
            admin,
            rules.RuleInput(
                "call-everyone",
                "schedule",
                ({"type": "followup", "content": "季度回访"},),
                schedule="daily 06:00",
            ),
        )
    return admin


def test_two_runners_at_once_act_once(fresh_factory):
    admin = _setup(fresh_factory)
    results, errors = [], []
    start = threading.Barrier(2)

    def runner() -> None:
        try:
            start.wait()
            with session_scope(fresh_factory) as session:
                results.append(jobs.run_due(session, admin, NOW).actions)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(results) == [0, 6]  # five follow-ups and one dunning run, by whichever came first
    with session_scope(fresh_factory) as session:
        assert session.scalar(select(func.count()).select_from(Followup)) == 5
        assert session.scalar(select(func.count()).select_from(RuleExecution)) == 6


def test_bill_overdue_is_an_event_once_per_bill_and_a_paid_bill_is_not_one(session, make, admin):
    from decimal import Decimal

    from opcms_desktop.services.receivables import allocation

    from .invoice_builders import issued, receipt

    late, paid = make.customer("逾期客户", company_id=9501), make.customer("已付客户", company_id=9502)
    issued(session, admin, late, "300.00", dt.date(2026, 1, 20))  # due 2026-02-19
    settled = issued(session, admin, paid, "200.00", dt.date(2026, 1, 20))
    money = receipt(session, admin, paid, "200.00", dt.date(2026, 2, 1))
    allocation.allocate(session, admin, money.id, settled.invoice_id, Decimal("200.00"))
    rules.add_rule(
        session,
        admin,
        rules.RuleInput(
            "call-when-late",
            "event",
            ({"type": "notify_owner", "message": "账单已逾期"},),
            event="bill_overdue",
        ),
    )
    first = jobs.run_due(session, admin, dt.datetime(2026, 2, 20, 9, 0))
    assert [(e["company_id"], e["action"], e["result"]) for e in first.log] == [
        (9501, "notify_owner", "done")
    ]
    assert jobs.run_due(session, admin, dt.datetime(2026, 2, 21, 9, 0)).actions == 0
