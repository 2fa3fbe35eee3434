"""`opcms contact add|list|edit|deactivate|reactivate|reveal`, `opcms import contacts`, and
`opcms followup add|list|done|reschedule|plan|today|snooze|timeline`.

`contact list` and `followup list` print a top-level JSON array; phone numbers and e-mails are masked
for roles without contacts.view_sensitive (`contact reveal` shows one contact in full, audited).
"""

from __future__ import annotations

import argparse
import datetime as dt

from ..models.followup import CONTACT_CHANNELS, FOLLOWUP_METHODS, PLAN_UNITS, SNOOZE_KINDS
from ..services.followup import (
    contact_export,
    contact_import,
    contacts,
    followup_plans,
    followups,
    timeline,
    today,
)
from ..services.followup.followups import STATES, FollowupFilter
from ..services.platform.messages import render
from ..services.platform.money import money_text
from ..services.security.permissions import require
from ..services.security.scope import customer_by_company_id
from . import common
from .common import Context, json_flag
from .export_gate import gated_export
from .invoicing import date_arg


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    _register_contact(sub.add_parser("contact", help="contacts of customers (联系人)"))
    _register_followup(sub.add_parser("followup", help="follow-ups (跟进), plans and the today list"))
    p = groups["import"].add_parser("contacts", help="import contacts from a sheet (.xlsx)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    json_flag(p)
    p.set_defaults(handler=cmd_import)
    p = groups["export"].add_parser("contacts", help="export contacts to .xlsx (masked where the role says so)")
    p.add_argument("file", help="output .xlsx")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--include-inactive", action="store_true", help="also deactivated contacts")
    json_flag(p)
    p.set_defaults(handler=cmd_export)


def _contact_fields(p: argparse.ArgumentParser, *, name_required: bool) -> None:
    p.add_argument("--name", required=name_required)
    p.add_argument("--title", help="职务")
    p.add_argument("--mobile", help="手机, e.g. 13812345678")
    p.add_argument("--phone", help="电话")
    p.add_argument("--email")
    p.add_argument("--wechat")
    p.add_argument("--channel", choices=CONTACT_CHANNELS, help="preferred channel")
    p.add_argument("--notes")
    p.add_argument("--primary", action="store_true", help="make this the customer's primary contact")


def _register_contact(parser: argparse.ArgumentParser) -> None:
    inner = parser.add_subparsers(dest="contact_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser("add", help="add a contact to a customer")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    _contact_fields(p, name_required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_contact_add)

    p = inner.add_parser("list", help="contacts of the customers you can see (a JSON array)")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--active-only", action="store_true")
    p.add_argument("--limit", type=common.limit_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_contact_list)

    p = inner.add_parser("edit", help="change a contact (options not given keep their value)")
    p.add_argument("contact_id", type=common.id_arg)
    _contact_fields(p, name_required=False)
    p.add_argument("--not-primary", action="store_true", help="clear the primary mark")
    json_flag(p)
    p.set_defaults(handler=cmd_contact_edit)

    for name, handler, text in (("deactivate", cmd_contact_deactivate, "deactivate a contact (never deleted)"),
                                ("reactivate", cmd_contact_reactivate, "reactivate a contact"),
                                ("reveal", cmd_contact_reveal, "show a contact's phone and e-mail in full (audited)")):
        p = inner.add_parser(name, help=text)
        p.add_argument("contact_id", type=common.id_arg)
        json_flag(p)
        p.set_defaults(handler=handler)


def _register_followup(parser: argparse.ArgumentParser) -> None:
    inner = parser.add_subparsers(dest="followup_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser("add", help="plan a follow-up of a customer")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    p.add_argument("--due", type=date_arg, required=True, help="due date YYYY-MM-DD")
    p.add_argument("--method", choices=FOLLOWUP_METHODS, default="phone")
    p.add_argument("--content", default="")
    p.add_argument("--contact", type=common.id_arg, help="contact id")
    json_flag(p)
    p.set_defaults(handler=cmd_followup_add)

    p = inner.add_parser("list", help="follow-ups you can see (a JSON array), open ones first by due date")
    p.add_argument("--company-id", type=common.company_id_arg)
    states = p.add_mutually_exclusive_group()
    states.add_argument("--due", dest="state", action="store_const", const="due",
                        help="open and due on or before --as-of")
    states.add_argument("--overdue", dest="state", action="store_const", const="overdue",
                        help="open and due before --as-of")
    states.add_argument("--state", dest="state", choices=STATES)
    p.add_argument("--as-of", type=date_arg, help="the day due and overdue are judged on (default: today)")
    p.add_argument("--mine", action="store_true", help="only follow-ups assigned to you")
    p.add_argument("--limit", type=common.limit_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_followup_list, state="all")

    p = inner.add_parser("done", help="record a follow-up as done; the next one is planned by --next-due or the plan")
    p.add_argument("followup_id", type=common.id_arg)
    p.add_argument("--result", required=True)
    p.add_argument("--next-due", type=date_arg, help="plan the next follow-up on this day")
    p.add_argument("--date", type=date_arg, help="the day it was done (default: now)")
    p.add_argument("--method", choices=FOLLOWUP_METHODS)
    p.add_argument("--contact", type=common.id_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_followup_done)

    p = inner.add_parser("reschedule", help="move an open follow-up to another day")
    p.add_argument("followup_id", type=common.id_arg)
    p.add_argument("--due", type=date_arg, required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_followup_reschedule)

    p = inner.add_parser("plan", help="a customer's recurring plan: show, set (--every/--unit) or --stop")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    p.add_argument("--every", type=common.count_arg(1, 366))
    p.add_argument("--unit", choices=PLAN_UNITS, default="week")
    p.add_argument("--method", choices=FOLLOWUP_METHODS, default="phone")
    p.add_argument("--first-due", type=date_arg, help="plan the first follow-up on this day")
    p.add_argument("--stop", action="store_true")
    json_flag(p)
    p.set_defaults(handler=cmd_followup_plan)

    p = inner.add_parser("today", help="your today list: follow-ups, overdue bills, work orders near deadline")
    p.add_argument("--as-of", type=date_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_today)

    p = inner.add_parser("snooze", help="hide an item of your today list for 1 or 7 days")
    p.add_argument("kind", choices=SNOOZE_KINDS)
    p.add_argument("item_id", type=common.id_arg)
    p.add_argument("--days", type=common.count_arg(1, 7), default=1)
    p.add_argument("--as-of", type=date_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_snooze)

    p = inner.add_parser("timeline", help="a customer's follow-ups, bills, receipts and work orders")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    p.add_argument("--limit", type=common.count_arg(1, 5000), default=200)
    json_flag(p)
    p.set_defaults(handler=cmd_timeline)


# ---- contacts ----------------------------------------------------------------------------------------

def contact_json(c: contacts.ContactView) -> dict:
    return {"id": c.id, "company_id": c.company_id, "customer_name": c.customer_name, "name": c.name,
            "title": c.title, "mobile": c.mobile, "phone": c.phone, "email": c.email, "wechat": c.wechat,
            "preferred_channel": c.preferred_channel, "notes": c.notes, "primary": c.primary, "active": c.active,
            "masked": c.masked, "version": c.version}


def _contact_text(c: contacts.ContactView) -> str:
    primary = render("followup.cli.primary_mark") if c.primary else ""
    return f"{c.id:<6} {c.company_id:>8} {c.name} {c.mobile or '-'} {c.email or '-'} {primary}".rstrip()


def cmd_contact_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "contacts.edit")
    with ctx.session() as session:
        customer = customer_by_company_id(session, actor, args.company_id)
        view = contacts.add_contact(session, actor, customer.id, contacts.ContactInput(
            name=args.name, title=args.title, mobile=args.mobile, phone=args.phone, email=args.email,
            wechat=args.wechat, preferred_channel=args.channel, notes=args.notes, primary=args.primary))
    ctx.output(contact_json(view), render("followup.cli.contact_added", {
        "contact_id": view.id, "name": view.name, "customer": view.customer_name, "company_id": view.company_id}))
    return 0


def cmd_contact_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = contacts.list_contacts(session, actor, company_id=args.company_id,
                                      include_inactive=not args.active_only, limit=args.limit)
    text = "\n".join([render("followup.cli.contacts_listed", {"count": len(rows)})] + [_contact_text(c) for c in rows])
    ctx.output([contact_json(c) for c in rows], text)
    return 0


def cmd_contact_edit(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        current = contacts.get_contact(session, actor, args.contact_id)

        def pick(name: str, value: object) -> object:
            return getattr(current, name) if value is None else value

        primary = False if args.not_primary else (True if args.primary else current.primary)
        view = contacts.update_contact(session, actor, args.contact_id, contacts.ContactInput(
            name=pick("name", args.name), title=pick("title", args.title), mobile=pick("mobile", args.mobile),
            phone=pick("phone", args.phone), email=pick("email", args.email), wechat=pick("wechat", args.wechat),
            preferred_channel=pick("preferred_channel", args.channel), notes=pick("notes", args.notes),
            primary=primary), version=current.version)
    ctx.output(contact_json(view), _contact_text(view))
    return 0


def _set_active(ctx: Context, args: argparse.Namespace, active: bool) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        view = contacts.set_contact_active(session, actor, args.contact_id, active)
    ctx.output(contact_json(view), _contact_text(view))
    return 0


def cmd_contact_deactivate(ctx: Context, args: argparse.Namespace) -> int:
    return _set_active(ctx, args, False)


def cmd_contact_reactivate(ctx: Context, args: argparse.Namespace) -> int:
    return _set_active(ctx, args, True)


def cmd_contact_reveal(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        view = contacts.reveal_contact(session, actor, args.contact_id)
    ctx.output(contact_json(view), _contact_text(view))
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = contact_import.import_contacts(session, actor, args.file, dry_run=args.dry_run)
    summary = render("followup.cli.import_summary", {"rows": report.rows, "inserted": report.inserted,
                                                     "rejected": report.rejected, "warnings": report.warnings})
    lines = [render("followup.cli.import_dry_run", {"summary": summary}) if report.dry_run else summary]
    for issue in report.issues:
        where = render("error.where_row", {"row": issue.row}) if issue.row is not None else ""
        lines.append(f"{where}, {issue.column}: {issue.message}" if issue.column else f"{where}: {issue.message}")
    ctx.output(report.to_json(), "\n".join(lines))
    has_errors = any(issue.level == "error" for issue in report.issues)
    return 2 if has_errors and not report.dry_run else 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = gated_export(ctx, actor, lambda s: contact_export.export_contacts_xlsx(
        s, actor, args.file, company_id=args.company_id, include_inactive=args.include_inactive))
    ctx.output({"file": result.path, "rows": result.rows, "masked": result.masked},
               render("followup.cli.contacts_exported", {"rows": result.rows, "path": result.path}))
    return 0


# ---- follow-ups --------------------------------------------------------------------------------------

def followup_json(f: followups.FollowupView, as_of: dt.date | None = None) -> dict:
    as_of = as_of or dt.date.today()
    return {"id": f.id, "company_id": f.company_id, "customer_name": f.customer_name, "due_on": f.due_on,
            "method": f.method, "contact_id": f.contact_id, "contact_name": f.contact_name, "content": f.content,
            "result": f.result, "done": f.done, "done_at": f.done_at, "next_due": f.next_due,
            "overdue": f.overdue_on(as_of), "assignee_id": f.assignee_id, "assignee": f.assignee_name,
            "source": f.source, "plan_id": f.plan_id, "version": f.version}


def _state(f: followups.FollowupView, as_of: dt.date) -> str:
    if f.done:
        return render("followup.cli.state_done")
    return render("followup.cli.state_overdue" if f.overdue_on(as_of) else "followup.cli.state_open")


def _followup_text(f: followups.FollowupView, as_of: dt.date) -> str:
    return f"{f.id:<6} {f.due_on.isoformat()} {f.company_id:>8} {f.method:<6} {_state(f, as_of)} {f.content}"


def cmd_followup_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "followups.edit")
    with ctx.session() as session:
        customer = customer_by_company_id(session, actor, args.company_id)
        view = followups.create_followup(session, actor, customer.id, due_on=args.due, method=args.method,
                                         content=args.content, contact_id=args.contact)
    ctx.output(followup_json(view), render("followup.cli.followup_added", {
        "followup_id": view.id, "customer": view.customer_name, "company_id": view.company_id,
        "due_on": view.due_on.isoformat()}))
    return 0


def cmd_followup_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    filters = FollowupFilter(company_id=args.company_id, state=args.state, as_of=as_of,
                             assignee_id=actor.id if args.mine else None)
    with ctx.session() as session:
        page = followups.list_followups(session, actor, filters, limit=args.limit)
    text = "\n".join([render("followup.cli.followups_listed", {"count": page.total_count})]
                     + [_followup_text(f, as_of) for f in page.rows])
    ctx.output([followup_json(f, as_of) for f in page.rows], text)
    return 0


def cmd_followup_done(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    done_at = dt.datetime.combine(args.date, dt.time(12), tzinfo=dt.UTC) if args.date else None
    with ctx.session() as session:
        completion = followups.complete_followup(session, actor, args.followup_id, result=args.result,
                                                 done_at=done_at, next_due=args.next_due, method=args.method,
                                                 contact_id=args.contact)
    lines = [render("followup.cli.followup_done", {"followup_id": completion.done.id})]
    if completion.next:
        lines.append(render("followup.cli.followup_next", {"followup_id": completion.next.id,
                                                           "due_on": completion.next.due_on.isoformat()}))
    ctx.output({"done": followup_json(completion.done),
                "next": followup_json(completion.next) if completion.next else None}, "\n".join(lines))
    return 0


def cmd_followup_reschedule(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        view = followups.reschedule_followup(session, actor, args.followup_id, due_on=args.due)
    ctx.output(followup_json(view), _followup_text(view, dt.date.today()))
    return 0


def plan_json(plan: followup_plans.PlanView | None, company_id: int) -> dict:
    if plan is None:
        return {"company_id": company_id, "plan": None}
    return {"company_id": company_id, "plan": {"id": plan.id, "every": plan.every_n, "unit": plan.unit,
                                               "method": plan.method, "assignee_id": plan.assignee_id,
                                               "active": plan.active}}


def _unit(unit: str) -> str:
    return render("followup.cli.unit_week") if unit == "week" else render("followup.cli.unit_day")


def cmd_followup_plan(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        first = None
        if args.stop:
            plan = followup_plans.stop_followup_plan(session, actor, customer_id)
            text = render("followup.cli.plan_stopped", {"company_id": args.company_id})
        elif args.every is not None:
            result = followup_plans.set_followup_plan(session, actor, customer_id, every_n=args.every,
                                                      unit=args.unit, method=args.method, first_due=args.first_due)
            plan, first = result.plan, result.first
            text = render("followup.cli.plan_set", {"company_id": args.company_id, "every_n": plan.every_n,
                                                    "unit": _unit(plan.unit)})
        else:
            plan = followup_plans.get_followup_plan(session, actor, customer_id)
            text = render("followup.cli.no_plan", {"company_id": args.company_id}) if plan is None else render(
                "followup.cli.plan_set", {"company_id": args.company_id, "every_n": plan.every_n, "unit": _unit(plan.unit)})
    data = plan_json(plan, args.company_id) | {"first": followup_json(first) if first else None}
    ctx.output(data, text)
    return 0


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    with ctx.session() as session:
        result = today.today_items(session, actor, as_of)
    items = [{"kind": i.kind, "id": i.item_id, "company_id": i.company_id, "customer_name": i.customer_name,
              "title": i.title, "due": i.due, "overdue": i.overdue, "days_overdue": i.days_overdue,
              "amount": money_text(i.amount) if i.amount is not None else None, "detail": i.detail}
             for i in result.items]
    text = "\n".join(f"{i['kind']:<8} {i['id']:<6} {i['due']} {i['company_id']:>8} {i['title']}" for i in items)
    ctx.output({"as_of": as_of, "snoozed": result.snoozed, "items": items}, text)
    return 0


def cmd_snooze(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        until = today.snooze_item(session, actor, args.kind, args.item_id, args.days, args.as_of or dt.date.today())
    ctx.output({"kind": args.kind, "id": args.item_id, "until": until}, until.isoformat())
    return 0


def cmd_timeline(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        entries = timeline.customer_timeline(session, actor, customer_id, limit=args.limit)
    data = [{"kind": e.kind, "id": e.item_id, "on": e.on, "title": e.title, "detail": e.detail,
             "amount": money_text(e.amount) if e.amount is not None else None, "state": e.state,
             "method": e.method, "person": e.person} for e in entries]
    ctx.output(data, "\n".join(f"{e.on} {e.kind:<11} {e.title}" for e in entries))
    return 0
