"""Reads on record, field permissions, export approvals and unusual access.

    opcms access verify --json          {"rows": N, "ok": true} (exit 0) or {..., "ok": false, "broken_id",
                                        "reason", "message"} (exit 1), as `opcms audit verify`
    opcms access list --from D --to D [--user U] [--action A] --json
    opcms access fields list --json | opcms access fields set ROLE FIELD hidden|read_only|editable --json
    opcms access export-policy ROLE (--threshold N | --no-threshold) [--masked-need-approval] --json
    opcms access alerts [--since D] [--scan] --json
    opcms access require-password USERNAME [--reason TEXT] --json
    opcms report data-use --from D --to D [--user U] [--xlsx FILE] --json
    opcms export approvals list [--status S] --json | approve ID | reject ID

Every export command (customers, usage, receipts, contacts, price plans, bills, reports, segment members,
the sandbox, the data-use report) runs through `export_gate.gated_export`: above the role's threshold, or with fields
the role sees masked when the policy says so, it exits 2 with `access.export_needs_approval` (or
`access.export_masked_needs_approval`) and `params.request`, the request id; once another person approved
it, the same command runs the export once.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..services.platform.messages import render
from ..services.security import (
    access_log,
    data_use_report,
    export_approval,
    field_permissions,
    unusual_access,
)
from .common import Context, count_arg, id_arg, json_flag, limit_arg
from .export_gate import gated_export
from .invoicing import date_arg


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    access = sub.add_parser("access", help="reads on record, field permissions, unusual access")
    inner = access.add_subparsers(dest="access_command", metavar="ACTION")
    inner.required = True
    p = inner.add_parser("verify", help="recompute the access log's hash chain (exit 1 if a row was altered)")
    json_flag(p)
    p.set_defaults(handler=cmd_verify)

    p = inner.add_parser("list", help="recorded reads in a period, newest first")
    _period(p)
    p.add_argument("--action", choices=access_log.ACTIONS + ("export_approved",))
    p.add_argument("--limit", type=limit_arg, default=1000)
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    fields = inner.add_parser("fields", help="field permissions per role")
    fields_inner = fields.add_subparsers(dest="fields_command", metavar="ACTION")
    fields_inner.required = True
    p = fields_inner.add_parser("list", help="the stored rules (fields without a rule are editable)")
    json_flag(p)
    p.set_defaults(handler=cmd_fields_list)
    p = fields_inner.add_parser("set", help="hide a field from a role, make it read-only or editable again")
    p.add_argument("role")
    p.add_argument("field", help=", ".join(field_permissions.FIELD_KEYS))
    p.add_argument("mode", help="hidden, read_only or editable")
    json_flag(p)
    p.set_defaults(handler=cmd_fields_set)

    p = inner.add_parser("export-policy", help="when a role's exports need a second person's approval")
    p.add_argument("role")
    limit = p.add_mutually_exclusive_group(required=True)
    limit.add_argument("--threshold", type=count_arg(0, export_approval.MAX_THRESHOLD))
    limit.add_argument("--no-threshold", action="store_true")
    p.add_argument("--masked-need-approval", action="store_true")
    json_flag(p)
    p.set_defaults(handler=cmd_policy)

    p = inner.add_parser("alerts", help="unusual access alerts (--scan checks the rules first)")
    p.add_argument("--since", type=date_arg, help="YYYY-MM-DD (default: 7 days ago)")
    p.add_argument("--scan", action="store_true", help="check the rules now and record new alerts")
    json_flag(p)
    p.set_defaults(handler=cmd_alerts)

    p = inner.add_parser(
        "require-password", help="a user gives the password again before the next view/export"
    )
    p.add_argument("username")
    p.add_argument("--reason", default="")
    json_flag(p)
    p.set_defaults(handler=cmd_require_password)

    p = groups["report"].add_parser("data-use", help="data-use report (数据使用审计报告) per user and period")
    _period(p)
    p.add_argument("--xlsx", metavar="FILE", help="also write the report to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_data_use)

    approvals = groups["export"].add_parser("approvals", help="export requests waiting for approval")
    approvals_inner = approvals.add_subparsers(dest="approvals_command", metavar="ACTION")
    approvals_inner.required = True
    p = approvals_inner.add_parser("list", help="requests (approvers see all, others their own)")
    p.add_argument("--status", choices=("pending", "approved", "rejected", "used"))
    json_flag(p)
    p.set_defaults(handler=cmd_approvals_list)
    for verb, handler in (("approve", cmd_approve), ("reject", cmd_reject)):
        p = approvals_inner.add_parser(verb, help=f"{verb} another person's export request")
        p.add_argument("request", type=id_arg)
        json_flag(p)
        p.set_defaults(handler=handler)


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=date_arg, required=True, help="YYYY-MM-DD (local day)")
    p.add_argument("--to", dest="date_to", type=date_arg, required=True, help="YYYY-MM-DD, included")
    p.add_argument("--user", dest="filter_user", metavar="USERNAME", help="only this user")


def _at(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = access_log.verify_access_chain(session, actor)
    data: dict[str, Any] = {"rows": report.rows, "ok": report.ok}
    if not report.ok:
        data.update(broken_id=report.broken_id, reason=report.reason, message=report.reason_text)
    text = (
        render("access.cli.chain_intact", {"rows": report.rows})
        if report.ok
        else render("access.cli.chain_broken", {"id": report.broken_id, "reason": report.reason_text})
    )
    ctx.output(data, text)
    return 0 if report.ok else 1


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    start = data_use_report.local_day_start(args.date_from)
    end = data_use_report.local_day_start(args.date_to + dt.timedelta(days=1))
    with ctx.session() as session:
        rows = access_log.list_access(session, actor, start, end, args.filter_user, args.action, args.limit)
    data = {
        "rows": [
            {
                "id": r.id,
                "at": r.at.isoformat(),
                "user": r.username,
                "action": r.action,
                "entity": r.entity,
                "target": r.target,
                "rows": r.rows,
                "details": r.details,
            }
            for r in rows
        ]
    }
    ctx.output(
        data,
        "\n".join(
            render(
                "access.cli.access_line",
                {
                    "at": _at(r.at),
                    "user": r.username,
                    "action": r.action,
                    "entity": r.entity,
                    "target": r.target or "",
                    "rows": r.rows,
                },
            )
            for r in rows
        ),
    )
    return 0


def cmd_fields_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rules = field_permissions.list_field_rules(session, actor)
    data = {
        "fields": list(field_permissions.FIELD_KEYS),
        "rules": [{"role": r.role, "field": r.field, "label": r.label, "mode": r.mode} for r in rules],
    }
    lines = [
        render("access.cli.field_line", {"role": r.role, "field": r.field, "mode": r.mode}) for r in rules
    ]
    ctx.output(data, "\n".join(lines) or render("access.cli.no_field_rules"))
    return 0


def cmd_fields_set(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rule = field_permissions.set_field_mode(session, actor, args.role, args.field, args.mode)
    ctx.output(
        {"role": rule.role, "field": rule.field, "mode": rule.mode},
        render("access.cli.field_set", {"role": rule.role, "field": rule.field, "mode": rule.mode}),
    )
    return 0


def cmd_policy(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    threshold = None if args.no_threshold else args.threshold
    with ctx.session() as session:
        policy = export_approval.set_export_policy(
            session, actor, args.role, threshold, args.masked_need_approval
        )
    ctx.output(
        {
            "role": policy.role,
            "row_threshold": policy.row_threshold,
            "masked_needs_approval": policy.masked_needs_approval,
        },
        render(
            "access.cli.policy_set",
            {
                "role": policy.role,
                "threshold": policy.row_threshold or "-",
                "masked": policy.masked_needs_approval,
            },
        ),
    )
    return 0


def cmd_alerts(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    since_day = args.since or (dt.date.today() - dt.timedelta(days=7))
    with ctx.session() as session:
        if args.scan:
            unusual_access.scan_unusual_access(session, actor)
        alerts = unusual_access.unusual_access_alerts(
            session, actor, data_use_report.local_day_start(since_day)
        )
    data = {
        "alerts": [
            {
                "id": a.id,
                "at": a.at.isoformat(),
                "kind": a.kind,
                "user": a.username,
                "count": a.count,
                "threshold": a.threshold,
                "login_at": a.login_at.isoformat() if a.login_at else None,
                "median": a.median,
            }
            for a in alerts
        ]
    }
    lines = [
        render(
            "access.cli.alert_line",
            {"at": _at(a.at), "kind": a.kind, "user": a.username, "count": a.count, "threshold": a.threshold},
        )
        for a in alerts
    ]
    ctx.output(data, "\n".join(lines) or render("access.cli.no_alerts"))
    return 0


def cmd_require_password(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        unusual_access.require_password_again(session, actor, args.username, args.reason)
    ctx.output(
        {"user": args.username, "reauth_required": True},
        render("access.cli.reauth_set", {"user": args.username}),
    )
    return 0


def _use_json(report: data_use_report.DataUseReport) -> dict[str, Any]:
    return {
        "from": report.date_from.isoformat(),
        "to": report.date_to.isoformat(),
        "user": report.username,
        "operations": report.operations,
        "users": [
            {
                "user": u.username,
                "operations": u.operations,
                "rows": u.rows,
                "views": u.views,
                "exports": u.exports,
                "exported_rows": u.exported_rows,
                "lines": [
                    {
                        "action": line.action,
                        "entity": line.entity,
                        "operations": line.operations,
                        "rows": line.rows,
                    }
                    for line in u.lines
                ],
            }
            for u in report.users
        ],
    }


def cmd_data_use(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = data_use_report.data_use_report(
            session, actor, args.date_from, args.date_to, args.filter_user
        )
        data = _use_json(report)
    if args.xlsx:
        rows = gated_export(ctx, actor, lambda s: data_use_report.export_data_use_report(
            s, actor, args.date_from, args.date_to, args.xlsx, args.filter_user))
        data["xlsx"] = {"file": args.xlsx, "rows": rows}
    lines = [
        render(
            "access.cli.data_use_title",
            {
                "date_from": report.date_from.isoformat(),
                "date_to": report.date_to.isoformat(),
                "users": len(report.users),
                "operations": report.operations,
            },
        )
    ]
    lines += [
        render(
            "access.cli.data_use_line",
            {
                "user": u.username,
                "operations": u.operations,
                "views": u.views,
                "exports": u.exports,
                "exported_rows": u.exported_rows,
            },
        )
        for u in report.users
    ]
    ctx.output(data, "\n".join(lines))
    return 0


def _request_json(r: export_approval.RequestRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "requested_by": r.requested_by,
        "requested_at": r.requested_at.isoformat(),
        "kind": r.kind,
        "rows": r.rows,
        "masked": r.masked,
        "status": r.status,
        "decided_by": r.decided_by,
        "decided_at": r.decided_at.isoformat() if r.decided_at else None,
        "used_at": r.used_at.isoformat() if r.used_at else None,
    }


def cmd_approvals_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        requests = export_approval.list_export_requests(session, actor, args.status)
    lines = [
        render(
            "access.cli.request_line",
            {"id": r.id, "user": r.requested_by, "kind": r.kind, "rows": r.rows, "status": r.status},
        )
        for r in requests
    ]
    ctx.output(
        {"requests": [_request_json(r) for r in requests]},
        "\n".join(lines) or render("access.cli.no_requests"),
    )
    return 0


def cmd_approve(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = export_approval.approve_export(session, actor, args.request)
    ctx.output(_request_json(row), render("access.cli.approved", {"request": row.id}))
    return 0


def cmd_reject(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = export_approval.reject_export(session, actor, args.request)
    ctx.output(_request_json(row), render("access.cli.rejected", {"request": row.id}))
    return 0
