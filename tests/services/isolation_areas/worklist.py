"""Sales isolation of dunning, work orders, automation rules and the job runner (issue 14 items 3-5).

The world has no tickets or rule runs: `_foreign_ticket` gives the foreign customer a work order with a
note naming it, `_foreign_execution` a logged rule action, the first time a case needs them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from opcms_desktop.models.worklist import AutomationRule, RuleExecution, Ticket, TicketNote
from opcms_desktop.services.followup.dunning import Level
from opcms_desktop.services.followup.rules import RuleInput
from opcms_desktop.services.followup.sla import SlaTerms
from opcms_desktop.services.followup.tickets import TicketFilter, TicketInput

from ..isolation_types import Case, Ctx, Exempt, a
from ..isolation_world import AS_OF, FOREIGN_NAME

NOW = dt.datetime(2026, 6, 30, 7, 0, tzinfo=dt.UTC)
_ADMIN = (
    "administration of dunning levels, SLA terms and automation rules: no customer data (rules.manage / "
    "dunning.manage, which sales lack)"
)


def _foreign_ticket(ctx: Ctx) -> int:
    session, side = ctx.session, ctx.f
    found = session.scalar(select(Ticket.id).where(Ticket.customer_id == side.customer.id))
    if found is None:
        start = NOW - dt.timedelta(days=2)
        ticket = Ticket(
            customer_id=side.customer.id,
            ticket_type="complaint",
            priority="high",
            status="new",
            subject="外方工单",
            description="",
            assignee_id=side.actor.id,
            created_at=start,
            first_response_minutes=60,
            resolution_minutes=120,
            first_response_due=start,
            resolution_due=start,
            paused_seconds=0,
        )
        session.add(ticket)
        session.flush()
        session.add(TicketNote(ticket_id=ticket.id, at=start, note=f"{FOREIGN_NAME}的工单备注"))
        session.flush()
        found = ticket.id
    return found


def _foreign_execution(ctx: Ctx) -> str:
    rule = ctx.session.scalar(select(AutomationRule).where(AutomationRule.name == "dormant-after-60-days"))
    assert rule is not None
    ctx.session.add(
        RuleExecution(
            at=NOW,
            rule_id=rule.id,
            customer_id=ctx.f.customer.id,
            period_key="walk",
            action="followup",
            result="done",
            detail=f"{FOREIGN_NAME}的跟进",
        )
    )
    ctx.session.flush()
    return rule.name


def _all_rules_on(ctx: Ctx) -> None:
    ctx.session.execute(update(AutomationRule).values(enabled=True))


def _foreign_marked(ctx: Ctx, pairs) -> list[str]:  # noqa: ANN001 - (customer id, ...) pairs
    return [FOREIGN_NAME if pair[0] == ctx.f.customer.id else "" for pair in pairs]


REGISTRY: dict[str, Case] = {
    # --- dunning ---
    "followup.dunning.open_bills": Case(lambda c: a(AS_OF), owner_sees=True),
    "followup.dunning.run_dunning": Case(lambda c: a(AS_OF)),
    "followup.dunning.set_hold": Case(lambda c: a(c.f.invoice_id, True, "walk")),
    "followup.dunning.bill_dunning_history": Case(lambda c: a(c.f.invoice_id)),
    "followup.dunning_letter.letter_data": Case(lambda c: a(c.f.invoice_number, AS_OF), owner_sees=True),
    # --- work orders ---
    "followup.tickets.add_ticket": Case(lambda c: a(TicketInput(c.f.customer.id, "other", "normal", "walk"))),
    "followup.tickets.get_ticket": Case(lambda c: a(_foreign_ticket(c), NOW), owner_sees=True),
    "followup.tickets.list_tickets": Case(
        lambda c: (_foreign_ticket(c), a(TicketFilter(as_of=NOW)))[1], owner_sees=True
    ),
    "followup.tickets.update_ticket": Case(lambda c: a(_foreign_ticket(c), status="in_progress", at=NOW)),
    "followup.tickets.ticket_notes": Case(lambda c: a(_foreign_ticket(c)), owner_sees=True),
    # --- rules and the runner ---
    "followup.rules.execution_log": Case(lambda c: a(_foreign_execution(c))),
    "followup.jobs.run_due": Case(lambda c: (_all_rules_on(c), a(NOW))[1]),
    "followup.jobs.event_keys": Case(
        lambda c: a("bill_issued", NOW - dt.timedelta(days=400), NOW), owner_sees=True, view=_foreign_marked
    ),
    "followup.jobs.no_usage_customers": Case(
        lambda c: a(60, AS_OF), owner_sees=True, view=lambda c, r: _foreign_marked(c, [(cid,) for cid in r])
    ),
    "followup.rule_actions.perform_for_customer": Case(
        lambda c: a("walk", {"type": "set_status", "status": "dormant"}, c.f.customer.id, AS_OF)
    ),
    "followup.rule_actions.perform_global": Case(lambda c: a({"type": "dunning_run"}, AS_OF)),
}

EXEMPT: dict[str, Exempt] = {
    "followup.dunning.list_levels": Exempt(_ADMIN, lambda c: a()),
    "followup.dunning.set_levels": Exempt(_ADMIN, lambda c: a([Level(5)])),
    "followup.sla.list_sla_rules": Exempt("the SLA terms per type and priority: no customer data"),
    "followup.sla.set_sla_rule": Exempt(_ADMIN, lambda c: a(SlaTerms("other", "low", 10, 20))),
    "followup.tickets.assignee_id_by_username": Exempt(
        "a user's id by name, to assign a work order: no customer data"
    ),
    "followup.rules.list_rules": Exempt(_ADMIN, lambda c: a()),
    "followup.rules.set_rule_enabled": Exempt(_ADMIN, lambda c: a("daily-dunning", True)),
    "followup.rules.add_rule": Exempt(
        _ADMIN, lambda c: a(RuleInput("walk", "schedule", ({"type": "dunning_run"},), schedule="daily 06:00"))
    ),
    "followup.rules.delete_rule": Exempt(_ADMIN, lambda c: a("daily-dunning")),
}
