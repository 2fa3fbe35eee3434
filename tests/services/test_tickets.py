"""Work orders: SLA arithmetic with pauses, reopening, audit, and scope (issue 14 item 4)."""

import datetime as dt

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.models.worklist import Ticket
from opcms_desktop.services.followup import sla, tickets
from opcms_desktop.services.platform.errors import NotFound, ValidationError

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


def _ticket(**fields) -> Ticket:
    values = {
        "created_at": T0,
        "first_response_minutes": 60,
        "resolution_minutes": 240,
        "paused_seconds": 0,
        "first_response_due": T0 + hours(1),
        "resolution_due": T0 + hours(4),
        "paused_since": None,
        "responded_at": None,
        "resolved_at": None,
    } | fields
    return Ticket(**values)


def test_a_running_pause_moves_the_deadlines_with_the_clock():
    waiting = _ticket(responded_at=T0 + hours(0.5), paused_since=T0 + hours(2))
    assert sla.breaches(waiting, T0 + hours(100)) == (False, False)
    assert sla.deadlines(waiting, T0 + hours(100))[1] == T0 + hours(102)
    assert sla.paused_seconds_at(waiting, T0 + hours(3)) == 3600


def test_a_ticket_late_before_its_pause_stays_breached():
    late = _ticket(responded_at=T0 + hours(0.5), paused_since=T0 + hours(5))
    assert sla.breaches(late, T0 + hours(50)) == (False, True)


def test_a_late_first_response_is_kept_as_a_breach():
    answered_late = _ticket(responded_at=T0 + hours(2))
    assert sla.breaches(answered_late, T0 + hours(3)) == (True, False)


def test_update_pauses_resumes_reopens_and_audits(session, make, ops, sales):
    customer = make.customer("工单客户", company_id=9201, sales=sales)
    view = tickets.add_ticket(
        session, ops, tickets.TicketInput(customer.id, "billing_question", "urgent", "对账单金额", at=T0)
    )
    assert (view.assignee_id, view.first_response_due, view.resolution_due) == (
        sales.id,
        T0 + hours(1),
        T0 + hours(8),
    )
    tickets.update_ticket(
        session, ops, view.id, note="已电话联系", at=T0 + hours(0.5)
    )  # a note is a response
    tickets.update_ticket(session, ops, view.id, status="waiting_for_customer", at=T0 + hours(2))
    resumed = tickets.update_ticket(session, ops, view.id, status="in_progress", at=T0 + hours(26))
    assert (resumed.paused_seconds, resumed.resolution_due, resumed.first_response_breached) == (
        24 * 3600,
        T0 + hours(32),
        False,
    )
    resolved = tickets.update_ticket(session, ops, view.id, status="resolved", at=T0 + hours(30))
    assert resolved.resolved_at == T0 + hours(30) and not resolved.breached
    reopened = tickets.update_ticket(session, ops, view.id, status="in_progress", at=T0 + hours(40))
    assert reopened.resolved_at is None and reopened.resolution_breached  # 40h > 32h: late now
    changes = [
        e.changes
        for e in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "ticket").order_by(AuditEntry.id)
        )
    ]
    assert changes[0]["status"] == [None, "new"] and changes[1] == {"note": [None, "已电话联系"]}
    assert changes[2] == {"status": ["new", "waiting_for_customer"]}


def test_bad_input_and_foreign_tickets_change_nothing(session, make, ops, sales, other_sales):
    mine = make.customer("本方", company_id=9202, sales=sales)
    theirs = make.customer("外方", company_id=9203, sales=other_sales)
    with pytest.raises(ValidationError) as refused:
        tickets.add_ticket(session, ops, tickets.TicketInput(mine.id, "nonsense", "high", " "))
    assert {p.code for p in refused.value.problems} == {
        "worklist.ticket.unknown_type",
        "worklist.ticket.subject_required",
    }
    foreign = tickets.add_ticket(
        session, ops, tickets.TicketInput(theirs.id, "other", "low", "外方的事", at=T0)
    )
    with pytest.raises(NotFound):
        tickets.update_ticket(session, sales, foreign.id, status="closed", at=T0 + hours(1))
    with pytest.raises(NotFound):
        tickets.add_ticket(session, sales, tickets.TicketInput(theirs.id, "other", "low", "x"))
    assert tickets.list_tickets(session, sales, tickets.TicketFilter(as_of=T0 + hours(1))) == ()
    assert session.get(Ticket, foreign.id).status == "new"


def test_changing_an_sla_rule_leaves_existing_tickets_alone(session, make, ops, admin):
    customer = make.customer("SLA客户", company_id=9204)
    before = tickets.add_ticket(
        session, ops, tickets.TicketInput(customer.id, "renewal", "normal", "续约", at=T0)
    )
    sla.set_sla_rule(session, admin, sla.SlaTerms("renewal", "normal", 5, 10))
    after = tickets.add_ticket(
        session, ops, tickets.TicketInput(customer.id, "renewal", "normal", "续约2", at=T0)
    )
    assert tickets.get_ticket(session, ops, before.id, T0).resolution_due == T0 + dt.timedelta(minutes=4320)
    assert after.resolution_due == T0 + dt.timedelta(minutes=10)
    with pytest.raises(ValidationError):
        sla.set_sla_rule(session, admin, sla.SlaTerms("renewal", "normal", 0, 10))
