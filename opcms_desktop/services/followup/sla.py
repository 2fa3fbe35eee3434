"""SLA rules of work orders and the deadline arithmetic.

Decisions: a ticket copies the rule's minutes when it is created, so changing a rule later moves only
the deadlines of new tickets; an existing ticket keeps its minutes and its accumulated paused time
(paused_seconds lives on the ticket). While a ticket waits for the customer its clock stops: the
deadlines are created_at + minutes + paused time, and a running pause counts up to the moment asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models.worklist import TICKET_PRIORITIES, TICKET_TYPES, SlaRule, Ticket
from ..audit import trail as audit
from ..platform.errors import Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require

MAX_MINUTES = 60 * 24 * 365


@dataclass(frozen=True)
class SlaTerms:
    ticket_type: str
    priority: str
    first_response_minutes: int
    resolution_minutes: int


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """A time given by a caller, in UTC (a naive one is taken as local time)."""
    return value.astimezone(dt.UTC)


def paused_seconds_at(ticket: Ticket, at: dt.datetime) -> int:
    """The paused time of a ticket up to `at`, counting a pause still running."""
    seconds = ticket.paused_seconds
    if ticket.paused_since is not None and at > aware(ticket.paused_since):
        seconds += int((at - aware(ticket.paused_since)).total_seconds())
    return seconds


def deadlines(ticket: Ticket, at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(first response due, resolution due) as they stand at `at`."""
    paused = dt.timedelta(seconds=paused_seconds_at(ticket, at))
    start = aware(ticket.created_at)
    return (
        start + dt.timedelta(minutes=ticket.first_response_minutes) + paused,
        start + dt.timedelta(minutes=ticket.resolution_minutes) + paused,
    )


def breaches(ticket: Ticket, at: dt.datetime) -> tuple[bool, bool]:
    """(first response breached, resolution breached) at `at`. A running pause moves both deadlines along
    with `at`, so a ticket waiting for the customer cannot breach while it waits (unless it was late
    before the pause began). Once responded or resolved, the stored deadline of that moment decides."""
    first_due, resolution_due = deadlines(ticket, at)
    if ticket.responded_at is not None:
        first = aware(ticket.responded_at) > aware(ticket.first_response_due)
    else:
        first = at > first_due
    if ticket.resolved_at is not None:
        resolution = aware(ticket.resolved_at) > aware(ticket.resolution_due)
    else:
        resolution = at > resolution_due
    return first, resolution


@reads
def list_sla_rules(session: Session, actor: Actor) -> tuple[SlaTerms, ...]:
    require(actor, "tickets.view")
    rows = session.scalars(select(SlaRule).order_by(SlaRule.ticket_type, SlaRule.priority))
    return tuple(
        SlaTerms(r.ticket_type, r.priority, r.first_response_minutes, r.resolution_minutes) for r in rows
    )


def terms_for(session: Session, ticket_type: str, priority: str) -> SlaTerms:
    rule = session.scalar(
        select(SlaRule).where(SlaRule.ticket_type == ticket_type, SlaRule.priority == priority)
    )
    if rule is None:
        raise ValidationError(
            "worklist.ticket.invalid",
            [
                Problem(
                    "worklist.ticket.no_sla",
                    field="priority",
                    value=priority,
                    params={"ticket_type": ticket_type},
                )
            ],
        )
    return SlaTerms(ticket_type, priority, rule.first_response_minutes, rule.resolution_minutes)


@writes("tickets", "audit")
def set_sla_rule(session: Session, actor: Actor, terms: SlaTerms) -> SlaTerms:
    """Set the minutes of one type and priority (rules.manage). Existing tickets keep their terms."""
    require(actor, "rules.manage")
    problems: list[Problem] = []
    if terms.ticket_type not in TICKET_TYPES:
        problems.append(
            Problem(
                "worklist.ticket.unknown_type",
                field="type",
                value=terms.ticket_type,
                params={"known": ", ".join(TICKET_TYPES)},
            )
        )
    if terms.priority not in TICKET_PRIORITIES:
        problems.append(
            Problem(
                "worklist.ticket.unknown_priority",
                field="priority",
                value=terms.priority,
                params={"known": ", ".join(TICKET_PRIORITIES)},
            )
        )
    for field, minutes in (
        ("first_response_minutes", terms.first_response_minutes),
        ("resolution_minutes", terms.resolution_minutes),
    ):
        if not 1 <= minutes <= MAX_MINUTES:
            problems.append(
                Problem(
                    "worklist.ticket.minutes_out_of_range",
                    field=field,
                    value=str(minutes),
                    params={"maximum": MAX_MINUTES},
                )
            )
    if problems:
        raise ValidationError("worklist.ticket.invalid", problems)
    rule = session.scalar(
        select(SlaRule).where(SlaRule.ticket_type == terms.ticket_type, SlaRule.priority == terms.priority)
    )
    before = {}
    if rule is None:
        rule = SlaRule(ticket_type=terms.ticket_type, priority=terms.priority)
        session.add(rule)
    else:
        before = {
            "first_response_minutes": rule.first_response_minutes,
            "resolution_minutes": rule.resolution_minutes,
        }
    rule.first_response_minutes, rule.resolution_minutes = (
        terms.first_response_minutes,
        terms.resolution_minutes,
    )
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "sla_rule",
        f"{terms.ticket_type}/{terms.priority}",
        audit.diff(
            before,
            {
                "first_response_minutes": terms.first_response_minutes,
                "resolution_minutes": terms.resolution_minutes,
            },
        ),
    )
    return terms
