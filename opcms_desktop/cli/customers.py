"""`opcms import customers`, `opcms export customers` and `opcms owners list|map|apply`.

    opcms import customers FILE [--dry-run] [--sheet-wins] [--plan-start YYYY-MM-DD] [--error-report OUT.xlsx] --json
    opcms export customers FILE.xlsx --json
    opcms owners list --json
    opcms owners map NAME (--user USERNAME | --not-a-person) --json

`import customers --json` prints {"rows", "inserted", "updated", "unchanged", "rejected", "warnings",
"errors": [{"row", "column", "value", "message", "level", "code", "params"}], "unresolved_owners", ...}: `rows` counts the
non-blank data rows read, each counted once as inserted / updated / unchanged / rejected; `warnings`
counts the rows (not rejected) with at least one warning; `errors` lists every error and warning
(`row` is the Excel row number, null for a note about the whole file such as an ignored column;
`code` and `params` are the message's catalogue code and parameters, `message` its text in --lang).
`conflicts` lists the fields edited in the app whose sheet value differs ({"row", "company_id", "field",
"column", "sheet", "app", "kept": "app" | "sheet"}); `--sheet-wins` lets the sheet overwrite them.
"""

from __future__ import annotations

import argparse
import datetime as dt

from ..services.customers import owners as owner_names
from ..services.customers.error_report import write_error_report
from ..services.customers.import_result import ImportResult
from ..services.customers.sheet_export import export_customers
from ..services.customers.sheet_import import import_customers
from ..services.maintenance.backup import backup_before
from ..services.platform.messages import render
from .common import Context, json_flag
from .export_gate import gated_export

SHOWN_ISSUES = 30


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(render("customers.cli.bad_date", {"value": text})) from exc


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["import"].add_parser("customers", help="import the customer sheet (.xlsx)")
    p.add_argument("file", help="the customer sheet (.xlsx)")
    p.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    p.add_argument("--plan-start", type=_date, default=None,
                   help="first day of the price plans seeded from the sheet (default: first day of this month)")
    p.add_argument("--sheet-wins", action="store_true",
                   help="the sheet overwrites fields edited in the app since the last import "
                        "(default: those are kept and reported as conflicts)")
    p.add_argument("--error-report", metavar="OUT.xlsx", help="also save the rows with problems to this file")
    json_flag(p)
    p.set_defaults(handler=cmd_import)

    p = groups["export"].add_parser("customers", help="export customers in the customer sheet's layout")
    p.add_argument("file", help="output .xlsx")
    json_flag(p)
    p.set_defaults(handler=cmd_export)

    owners = sub.add_parser("owners", help="owner names from the customer sheet that match no user")
    inner = owners.add_subparsers(dest="owners_command", metavar="ACTION")
    inner.required = True
    p = inner.add_parser("list", help="unresolved owner names and saved mappings")
    json_flag(p)
    p.set_defaults(handler=cmd_owners_list)
    p = inner.add_parser("map", help="say who an owner name is: a user, or not a person (e.g. a channel)")
    p.add_argument("name", help="the name as the sheet writes it")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", dest="map_user", metavar="USERNAME", help="the user the name means")
    who.add_argument("--not-a-person", action="store_true", help="the name is not a person (e.g. 易遨)")
    json_flag(p)
    p.set_defaults(handler=cmd_owners_map)
    p = inner.add_parser("apply", help="match owner names without a user again (after adding users)")
    json_flag(p)
    p.set_defaults(handler=cmd_owners_apply)


def _summary(result: ImportResult) -> str:
    counts = {"rows": result.rows, "sheet": result.sheet, "header_row": result.header_row,
              "inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
              "rejected": result.rejected, "warnings": result.warnings}
    lines = [render("customers.cli.dry_run_summary" if result.dry_run else "customers.cli.import_summary", counts)]
    levels = {"error": render("customers.cli.level_error"), "warning": render("customers.cli.level_warning")}
    for issue in result.issues[:SHOWN_ISSUES]:
        params = {"level": levels.get(issue.level, issue.level), "row": issue.row, "message": issue.message,
                  "column": f" {issue.column}" if issue.column else "",
                  "value": f" [{issue.value}]" if issue.value else ""}
        lines.append("  " + render("customers.cli.issue_in_row" if issue.row is not None
                                   else "customers.cli.issue_in_file", params))
    if len(result.issues) > SHOWN_ISSUES:
        lines.append("  " + render("customers.cli.more_issues", {"count": len(result.issues) - SHOWN_ISSUES}))
    if result.unresolved_owners:
        names = [render("customers.cli.owner_count", {"name": o.name, "count": o.customers})
                 for o in result.unresolved_owners]
        lines.append(render("customers.cli.unresolved_owners", {"names": names}))
    return "\n".join(lines)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    if not args.dry_run:  # SQLite: a checked backup first (nothing on PostgreSQL)
        backup_before(ctx.engine, "customer-import")
    with ctx.session() as session:
        result = import_customers(session, actor, args.file, plan_start=args.plan_start, dry_run=args.dry_run,
                                  sheet_wins=args.sheet_wins)
    data = result.to_json()
    if args.error_report:
        data["error_report"] = {"file": args.error_report, "rows": write_error_report(result, args.error_report)}
    ctx.output(data, _summary(result))
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = gated_export(ctx, actor, lambda s: export_customers(s, actor, args.file))  # may wait: exit 2
    ctx.output({"file": result.path, "rows": result.rows},
               render("customers.cli.exported", {"rows": result.rows, "path": result.path}))
    return 0


def _mapping_json(m: owner_names.OwnerMapping) -> dict:
    return {"name": m.name, "user": m.username, "display_name": m.display_name, "not_a_person": m.not_a_person}


def cmd_owners_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        unresolved = owner_names.list_unresolved_owners(session, actor)
        mappings = owner_names.list_owner_mappings(session, actor)
    not_a_person = render("customers.cli.not_a_person")
    data = {"unresolved": [{"name": o.name, "kinds": list(o.kinds), "customers": o.customers} for o in unresolved],
            "mappings": [_mapping_json(m) for m in mappings]}
    lines = [render("customers.cli.unresolved_line", {"name": o.name, "kinds": "/".join(o.kinds), "count": o.customers})
             for o in unresolved] or [render("customers.cli.no_unresolved")]
    lines += [render("customers.cli.mapping_line", {"name": m.name, "user": m.username or not_a_person})
              for m in mappings]
    ctx.output(data, "\n".join(lines))
    return 0


def cmd_owners_map(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        applied = owner_names.set_owner_mapping(session, actor, args.name, username=args.map_user,
                                                not_a_person=args.not_a_person)
    data = {**_mapping_json(applied.mapping), "owner_rows_updated": applied.owner_rows_updated}
    who = applied.mapping.username or render("customers.cli.not_a_person")
    ctx.output(data, render("customers.cli.mapped", {"name": applied.mapping.name, "user": who,
                                                     "count": applied.owner_rows_updated}))
    return 0


def cmd_owners_apply(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        updated = owner_names.apply_owner_mappings(session, actor)
    ctx.output({"owner_rows_updated": updated}, render("customers.cli.applied", {"count": updated}))
    return 0
