"""`opcms ticket add|list|update|show|sla`: work orders (工单) with SLA deadlines.

Times on the command line ("YYYY-MM-DD HH:MM") are the local wall-clock time of the machine; JSON
output gives them in ISO 8601 with their UTC offset.
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata

from ..models.worklist import TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES
from ..services.followup import sla, tickets
from ..services.platform.errors import UserError
from ..services.platform.messages import render
from ..services.security.permissions import require
from ..services.security.scope import customer_by_company_id
from . import common
from .common import CodedArgumentError, Context, json_flag


def time_arg(text: str) -> dt.datetime:
    """ "YYYY-MM-DD HH:MM" (or a date alone: midnight), local time (`worklist.cli.bad_time`)."""
    folded = unicodedata.normalize("NFKC", text).strip().replace("T", " ")
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(folded, pattern).astimezone()
        except ValueError:
            continue
    raise CodedArgumentError("worklist.cli.bad_time", value=text[:40])


def _choice(known: tuple[str, ...], code: str):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> str:
        value = text.strip().lower().replace("-", "_").replace(" ", "_")
        if value not in known:
            raise CodedArgumentError(code, value=text[:40], known=", ".join(known))
        return value

    parse.__name__ = "choice"
    return parse


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    ticket = sub.add_parser("ticket", help="work orders (工单): add, list, update")
    inner = ticket.add_subparsers(dest="ticket_command", metavar="WHAT")
    inner.required = True

    p = inner.add_parser("add", help="open a work order")
    p.add_argument("--company-id", type=common.company_id_arg, required=True, help="the customer's 公司id")
    p.add_argument(
        "--type",
        dest="ticket_type",
        required=True,
        type=_choice(TICKET_TYPES, "worklist.cli.bad_choice"),
        help=" / ".join(TICKET_TYPES),
    )
    p.add_argument(
        "--priority",
        default="normal",
        type=_choice(TICKET_PRIORITIES, "worklist.cli.bad_choice"),
        help=" / ".join(TICKET_PRIORITIES),
    )
    p.add_argument("--subject", required=True)
    p.add_argument("--description", default="")
    p.add_argument("--contact", type=common.id_arg, help="contact id")
    p.add_argument("--assignee", help="user name (default: the customer's sales owner)")
    p.add_argument("--at", type=time_arg, help='creation time "YYYY-MM-DD HH:MM" (default: now)')
    json_flag(p)
    p.set_defaults(handler=cmd_add)

    p = inner.add_parser("list", help="work orders, open first, by resolution deadline")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument(
        "--status", type=_choice(TICKET_STATUSES, "worklist.cli.bad_choice"), help=" / ".join(TICKET_STATUSES)
    )
    p.add_argument("--assignee", help="user name")
    p.add_argument("--open", action="store_true", help="only new / in progress / waiting for customer")
    p.add_argument("--breached", action="store_true", help="only work orders that missed a deadline")
    p.add_argument("--as-of", type=time_arg, help='"YYYY-MM-DD HH:MM" (default: now)')
    p.add_argument("--limit", type=common.limit_arg, default=1000)
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = inner.add_parser("update", help="change status or assignee, or add a note")
    p.add_argument("ticket_id", type=common.id_arg)
    p.add_argument(
        "--status", type=_choice(TICKET_STATUSES, "worklist.cli.bad_choice"), help=" / ".join(TICKET_STATUSES)
    )
    p.add_argument("--assignee", help="user name")
    p.add_argument("--note")
    p.add_argument("--at", type=time_arg, help='"YYYY-MM-DD HH:MM" (default: now)')
    json_flag(p)
    p.set_defaults(handler=cmd_update)

    p = inner.add_parser("show", help="one work order with its notes")
    p.add_argument("ticket_id", type=common.id_arg)
    p.add_argument("--as-of", type=time_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = inner.add_parser(
        "sla", help="the SLA rules; with --type/--priority and minutes, set one (rules.manage)"
    )
    p.add_argument("--type", dest="ticket_type", type=_choice(TICKET_TYPES, "worklist.cli.bad_choice"))
    p.add_argument("--priority", type=_choice(TICKET_PRIORITIES, "worklist.cli.bad_choice"))
    p.add_argument("--first-response-minutes", type=common.count_arg(1, sla.MAX_MINUTES))
    p.add_argument("--resolution-minutes", type=common.count_arg(1, sla.MAX_MINUTES))
    json_flag(p)
    p.set_defaults(handler=cmd_sla)


def _time(value: dt.datetime | None) -> str | None:
    return value.astimezone().isoformat(timespec="minutes") if value else None


def ticket_json(t: tickets.TicketView) -> dict:
    return {
        "id": t.id,
        "company_id": t.company_id,
        "customer_name": t.customer_name,
        "type": t.ticket_type,
        "priority": t.priority,
        "status": t.status,
        "subject": t.subject,
        "description": t.description,
        "contact_id": t.contact_id,
        "assignee": t.assignee_name,
        "created_at": _time(t.created_at),
        "first_response_due": _time(t.first_response_due),
        "resolution_due": _time(t.resolution_due),
        "responded_at": _time(t.responded_at),
        "resolved_at": _time(t.resolved_at),
        "closed_at": _time(t.closed_at),
        "paused": t.paused,
        "paused_seconds": t.paused_seconds,
        "first_response_breached": t.first_response_breached,
        "resolution_breached": t.resolution_breached,
        "breached": t.breached,
    }


def _line(t: tickets.TicketView) -> str:
    return render(
        "worklist.cli.ticket_line",
        {
            "ticket_id": t.id,
            "company_id": t.company_id,
            "status": t.status,
            "priority": t.priority,
            "due": _time(t.resolution_due),
            "subject": t.subject,
            "breached": render("worklist.cli.breached_mark") if t.breached else "",
        },
    )


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "tickets.edit")
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        assignee = tickets.assignee_id_by_username(session, actor, args.assignee) if args.assignee else None
        view = tickets.add_ticket(
            session,
            actor,
            tickets.TicketInput(
                customer_id=customer_id,
                ticket_type=args.ticket_type,
                priority=args.priority,
                subject=args.subject,
                description=args.description,
                contact_id=args.contact,
                assignee_id=assignee,
                at=args.at,
            ),
        )
    ctx.output(
        ticket_json(view),
        render(
            "worklist.cli.ticket_saved",
            {"ticket_id": view.id, "status": view.status, "subject": view.subject},
        ),
    )
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        assignee = tickets.assignee_id_by_username(session, actor, args.assignee) if args.assignee else None
        rows = tickets.list_tickets(
            session,
            actor,
            tickets.TicketFilter(
                company_id=args.company_id,
                status=args.status,
                assignee_id=assignee,
                breached_only=args.breached,
                open_only=args.open,
                as_of=args.as_of,
            ),
            limit=args.limit,
        )
    as_of = args.as_of or dt.datetime.now().astimezone()
    ctx.output(
        {"as_of": _time(as_of), "count": len(rows), "tickets": [ticket_json(t) for t in rows]},
        "\n".join([render("worklist.cli.tickets_listed", {"count": len(rows)})] + [_line(t) for t in rows]),
    )
    return 0


def cmd_update(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "tickets.edit")
    with ctx.session() as session:
        assignee = tickets.assignee_id_by_username(session, actor, args.assignee) if args.assignee else None
        view = tickets.update_ticket(
            session,
            actor,
            args.ticket_id,
            status=args.status,
            assignee_id=assignee,
            note=args.note,
            at=args.at,
        )
    ctx.output(
        ticket_json(view),
        render(
            "worklist.cli.ticket_saved",
            {"ticket_id": view.id, "status": view.status, "subject": view.subject},
        ),
    )
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        view = tickets.get_ticket(session, actor, args.ticket_id, args.as_of)
        notes = tickets.ticket_notes(session, actor, args.ticket_id)
    ctx.output(
        ticket_json(view)
        | {
            "notes": [
                {
                    "at": _time(n.at),
                    "author": n.author,
                    "from": n.status_from,
                    "to": n.status_to,
                    "note": n.note,
                }
                for n in notes
            ]
        }
    )
    return 0


def cmd_sla(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        given = (args.ticket_type, args.priority, args.first_response_minutes, args.resolution_minutes)
        if any(v is not None for v in given) and not all(v is not None for v in given):
            raise UserError("worklist.cli.sla_incomplete")
        if all(v is not None for v in given):
            sla.set_sla_rule(
                session,
                actor,
                sla.SlaTerms(
                    args.ticket_type, args.priority, args.first_response_minutes, args.resolution_minutes
                ),
            )
        rules = sla.list_sla_rules(session, actor)
    ctx.output(
        {
            "sla": [
                {
                    "type": r.ticket_type,
                    "priority": r.priority,
                    "first_response_minutes": r.first_response_minutes,
                    "resolution_minutes": r.resolution_minutes,
                }
                for r in rules
            ]
        }
    )
    return 0
