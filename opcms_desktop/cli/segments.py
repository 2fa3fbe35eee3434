"""`opcms segment ...`, `opcms tag ...` and `opcms sandbox`: segments, tags and the pricing sandbox.

    opcms segment count --where '{"all": [{"field": "行业类型", "op": "=", "value": "房产经纪"}]}' --json
    opcms segment members NAME [--xlsx FILE] --json
    opcms segment save NAME --where JSON [--static] [--shared]
    opcms tag apply VIP --company-id 1001 --company-id 1002
    opcms tag refresh                      # re-evaluate every tag rule (also `opcms jobs run-due`)
    opcms sandbox --segment NAME --months 3 --percent 10 [--xlsx FILE]

--where (and --plan) take the JSON text, or @FILE to read it from a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..services.insight import conditions, sandbox, segments, tags
from ..services.platform.errors import UserError
from ..services.platform.messages import render
from ..services.platform.money import money_text
from ..services.security.scope import customer_ids_by_company
from .common import CodedArgumentError, Context, company_id_arg, count_arg, json_flag
from .export_gate import gated_export
from .invoicing import date_arg

MAX_JSON = 200_000
KIND_CODES = {"dynamic": "segments.kind.dynamic", "static": "segments.kind.static"}
TAG_DONE_CODES = {
    "create": "segments.cli.tag_created",
    "rename": "segments.cli.tag_renamed",
    "merge": "segments.cli.tag_merged",
    "delete": "segments.cli.tag_deleted",
}


def json_arg(text: str) -> Any:
    """JSON text, or @FILE holding it (`segments.cli.bad_json`)."""
    source = text
    if text.startswith("@"):
        try:
            source = Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise CodedArgumentError("segments.cli.bad_json", detail=exc.strerror or str(exc)) from None
    if len(source) > MAX_JSON:
        raise CodedArgumentError("segments.cli.bad_json", detail=f"> {MAX_JSON}")
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise CodedArgumentError(
            "segments.cli.bad_json", detail=f"{exc.msg} ({exc.lineno}:{exc.colno})"
        ) from None


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    segment = sub.add_parser("segment", help="customer segments (客户分群)")
    inner = segment.add_subparsers(dest="segment_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser("count", help="how many customers a condition matches")
    p.add_argument("--where", type=json_arg, required=True, help="condition document (JSON or @FILE)")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD the windows end on (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_count)
    p = inner.add_parser("members", help="a saved segment's members")
    p.add_argument("name")
    p.add_argument("--as-of", type=date_arg)
    p.add_argument("--xlsx", metavar="FILE", help="also write the members to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_members)
    p = inner.add_parser("save", help="save a segment (dynamic unless --static)")
    p.add_argument("name")
    p.add_argument("--where", type=json_arg, required=True)
    p.add_argument("--static", action="store_true", help="freeze today's members (a snapshot)")
    p.add_argument("--shared", action="store_true", help="visible to everyone (needs segments.manage)")
    json_flag(p)
    p.set_defaults(handler=cmd_save)
    p = inner.add_parser("list", help="your segments and the shared ones")
    json_flag(p)
    p.set_defaults(handler=cmd_list)
    p = inner.add_parser("delete", help="delete a segment")
    p.add_argument("name")
    json_flag(p)
    p.set_defaults(handler=cmd_delete)
    p = inner.add_parser("snapshot", help="freeze a static segment's members today")
    p.add_argument("name")
    json_flag(p)
    p.set_defaults(handler=cmd_snapshot)
    p = inner.add_parser("diff", help="compare two snapshots of a static segment")
    p.add_argument("name")
    p.add_argument("first", type=count_arg(1))
    p.add_argument("second", type=count_arg(1))
    json_flag(p)
    p.set_defaults(handler=cmd_diff)
    _register_tags(sub)
    _register_sandbox(sub)


def _register_tags(sub: argparse._SubParsersAction) -> None:
    tag = sub.add_parser("tag", help="customer tags (标签) and tag rules")
    inner = tag.add_subparsers(dest="tag_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser("list", help="every tag")
    json_flag(p)
    p.set_defaults(handler=cmd_tag_list)
    for name, handler, extra in (
        ("create", cmd_tag_create, ()),
        ("delete", cmd_tag_delete, ()),
        ("rename", cmd_tag_rename, ("new_name",)),
        ("merge", cmd_tag_merge, ("into",)),
    ):
        p = inner.add_parser(name, help=f"{name} a tag (admin)")
        p.add_argument("name")
        for arg in extra:
            p.add_argument(arg)
        json_flag(p)
        p.set_defaults(handler=handler)
    for name, handler in (("apply", cmd_tag_apply), ("remove", cmd_tag_remove)):
        p = inner.add_parser(name, help=f"{name} a tag on customers by 公司id")
        p.add_argument("name")
        p.add_argument(
            "--company-id", type=company_id_arg, action="append", required=True, dest="company_ids"
        )
        json_flag(p)
        p.set_defaults(handler=handler)
    p = inner.add_parser("rule-save", help="save a tag rule: customers matching --where get the tag")
    p.add_argument("rule")
    p.add_argument("--tag", required=True)
    p.add_argument("--where", type=json_arg, required=True)
    p.add_argument("--inactive", action="store_true")
    json_flag(p)
    p.set_defaults(handler=cmd_rule_save)
    p = inner.add_parser("rule-list", help="every tag rule")
    json_flag(p)
    p.set_defaults(handler=cmd_rule_list)
    p = inner.add_parser("rule-delete", help="delete a tag rule")
    p.add_argument("rule")
    json_flag(p)
    p.set_defaults(handler=cmd_rule_delete)
    p = inner.add_parser("refresh", help="re-evaluate every tag rule now")
    p.add_argument("--as-of", type=date_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_refresh)


def _register_sandbox(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sandbox", help="pricing sandbox (结算沙盒): revenue under another price, nothing written"
    )
    chosen = p.add_mutually_exclusive_group()
    chosen.add_argument("--segment", help="a saved segment's members")
    chosen.add_argument("--where", type=json_arg, help="customers matching this condition")
    p.add_argument("--months", type=count_arg(1, sandbox.MAX_MONTHS), default=3)
    change = p.add_mutually_exclusive_group(required=True)
    change.add_argument("--percent", help="change every current price by this percentage (e.g. 10 or -5.5)")
    change.add_argument(
        "--plan", type=json_arg, help='a new plan, e.g. {"mode": "per_shoot", "single_price": "12"}'
    )
    p.add_argument("--as-of", type=date_arg, help="the last N months end before this date's month")
    p.add_argument("--xlsx", metavar="FILE")
    json_flag(p)
    p.set_defaults(handler=cmd_sandbox)


# ---- segments ----------------------------------------------------------------------------------------------


def cmd_count(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        count = conditions.count_matching(session, actor, args.where, args.as_of)
    ctx.output({"count": count}, render("segments.cli.count", {"count": count}))
    return 0


def cmd_members(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        found = segments.segment_members(session, actor, args.name, args.as_of)
        data: dict[str, Any] = {
            "segment": found.segment,
            "count": found.count,
            "members": [m.to_json() for m in found.members],
        }
        if found.snapshot is not None:
            data["snapshot"] = {"id": found.snapshot.id, "taken_on": found.snapshot.taken_on}
    if args.xlsx:
        rows = gated_export(ctx, actor, lambda s: segments.export_segment_members(
            s, actor, args.name, args.xlsx, args.as_of))
        data["xlsx"] = {"file": args.xlsx, "rows": rows}
    lines = [render("segments.cli.members_title", {"segment": found.segment, "count": found.count})]
    lines += [f"{m.company_id:>10}  {m.name}  {m.industry}  {m.sales_owners}" for m in found.members]
    ctx.output(data, "\n".join(lines))
    return 0


def _segment_json(info: segments.SegmentInfo) -> dict[str, Any]:
    latest = info.latest_snapshot
    return {
        "name": info.name,
        "kind": info.kind,
        "shared": info.shared,
        "owner": info.owner,
        "mine": info.mine,
        "condition": info.condition,
        "latest_snapshot": None
        if latest is None
        else {"id": latest.id, "taken_on": latest.taken_on, "members": latest.members},
    }


def cmd_save(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    kind = "static" if args.static else "dynamic"
    with ctx.session() as session:
        info = segments.save_segment(session, actor, args.name, args.where, kind=kind, shared=args.shared)
    ctx.output(
        {"segment": _segment_json(info)},
        render("segments.cli.saved", {"name": info.name, "kind": render(KIND_CODES[kind])}),
    )
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        found = segments.list_segments(session, actor)
    text = "\n".join(f"{s.name}  {render(KIND_CODES[s.kind])}  {s.owner}" for s in found)
    ctx.output({"segments": [_segment_json(s) for s in found]}, text)
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        segments.delete_segment(session, actor, args.name)
    ctx.output({"deleted": args.name}, render("segments.cli.deleted", {"name": args.name}))
    return 0


def cmd_snapshot(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        snap = segments.take_snapshot(session, actor, args.name)
    ctx.output(
        {"snapshot": {"id": snap.id, "taken_on": snap.taken_on, "members": snap.members}},
        render(
            "segments.cli.snapshot",
            {
                "name": args.name,
                "snapshot_id": snap.id,
                "taken_on": snap.taken_on.isoformat(),
                "members": snap.members,
            },
        ),
    )
    return 0


def cmd_diff(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        diff = segments.snapshot_diff(session, actor, args.name, args.first, args.second)
    data = {
        "added": [m.to_json() for m in diff.added],
        "removed": [m.to_json() for m in diff.removed],
        "kept": diff.kept,
    }
    ctx.output(
        data,
        render(
            "segments.cli.diff", {"added": len(diff.added), "removed": len(diff.removed), "kept": diff.kept}
        ),
    )
    return 0


# ---- tags --------------------------------------------------------------------------------------------------


def cmd_tag_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        found = tags.list_tags(session, actor)
    ctx.output(
        {"tags": [{"name": t.name, "customers": t.customers, "rules": t.rules} for t in found]},
        "\n".join(f"{t.name}  {t.customers}" for t in found),
    )
    return 0


def _tag_admin(ctx: Context, args: argparse.Namespace, action: str) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        if action == "create":
            name = tags.create_tag(session, actor, args.name).name
        elif action == "rename":
            name = tags.rename_tag(session, actor, args.name, args.new_name).name
        elif action == "merge":
            name = tags.merge_tags(session, actor, args.name, args.into).name
        else:
            tags.delete_tag(session, actor, args.name)
            name = args.name
    ctx.output({"tag": name}, render(TAG_DONE_CODES[action], {"name": name}))
    return 0


def cmd_tag_create(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_admin(ctx, args, "create")


def cmd_tag_rename(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_admin(ctx, args, "rename")


def cmd_tag_merge(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_admin(ctx, args, "merge")


def cmd_tag_delete(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_admin(ctx, args, "delete")


def _customer_ids(session: Any, ctx: Context, company_ids: list[int]) -> list[int]:
    found = customer_ids_by_company(session, ctx.actor(), company_ids)
    missing = [c for c in company_ids if c not in found]
    if missing:
        raise UserError("segments.tag.customers_not_found", count=len(missing))
    return [found[c] for c in company_ids]


def _tag_customers(ctx: Context, args: argparse.Namespace, apply: bool) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        ids = _customer_ids(session, ctx, args.company_ids)
        change = (tags.apply_tag if apply else tags.remove_tag)(session, actor, ids, args.name)
    ctx.output(
        {"tag": change.tag, "changed": change.changed, "unchanged": change.unchanged},
        render(
            "segments.cli.tag_done",
            {"tag": change.tag, "changed": change.changed, "unchanged": change.unchanged},
        ),
    )
    return 0


def cmd_tag_apply(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_customers(ctx, args, True)


def cmd_tag_remove(ctx: Context, args: argparse.Namespace) -> int:
    return _tag_customers(ctx, args, False)


def cmd_rule_save(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rule = tags.save_tag_rule(session, actor, args.rule, args.tag, args.where, active=not args.inactive)
    ctx.output(
        {"rule": {"name": rule.name, "tag": rule.tag, "condition": rule.condition, "active": rule.active}},
        render("segments.cli.rule_saved", {"name": rule.name}),
    )
    return 0


def cmd_rule_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rules = tags.list_tag_rules(session, actor)
    ctx.output(
        {
            "rules": [
                {"name": r.name, "tag": r.tag, "condition": r.condition, "active": r.active} for r in rules
            ]
        },
        "\n".join(f"{r.name} -> {r.tag}  {json.dumps(r.condition, ensure_ascii=False)}" for r in rules),
    )
    return 0


def cmd_rule_delete(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        tags.delete_tag_rule(session, actor, args.rule)
    ctx.output({"deleted": args.rule}, render("segments.cli.rule_deleted", {"name": args.rule}))
    return 0


def cmd_refresh(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        done = tags.refresh_rule_tags(session, actor, args.as_of)
    data = {"rules": done.rules, "added": done.added, "removed": done.removed}
    ctx.output(data, render("segments.cli.refreshed", data))
    return 0


# ---- sandbox -----------------------------------------------------------------------------------------------


def cmd_sandbox(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    plan = sandbox.plan_from_document(args.plan) if args.plan is not None else None
    with ctx.session() as session:
        result = sandbox.run_sandbox(
            session,
            actor,
            segment=args.segment,
            condition=args.where,
            months=args.months,
            new_plan=plan,
            percent=args.percent,
            as_of=args.as_of or dt.date.today(),
        )
        data: dict[str, Any] = {
            "months": list(result.months),
            "change": result.change,
            "current_total": money_text(result.current_total),
            "proposed_total": money_text(result.proposed_total),
            "difference": money_text(result.difference),
            "unpriced_shoots": result.unpriced_shoots,
            "customers": [
                {
                    "company_id": r.company_id,
                    "name": r.name,
                    "shoots": r.shoots,
                    "current": money_text(r.current),
                    "proposed": money_text(r.proposed),
                    "difference": money_text(r.difference),
                    "unpriced_shoots": r.unpriced_shoots,
                }
                for r in result.rows
            ],
        }
    if args.xlsx:
        data["xlsx"] = {
            "file": args.xlsx,
            "rows": gated_export(ctx, actor, lambda s: sandbox.export_sandbox(s, actor, result, args.xlsx)),
        }
    lines = [
        render(
            "segments.cli.sandbox_title",
            {"first": result.months[0], "last": result.months[-1], "change": result.change},
        )
    ]
    lines += [
        f"{r.company_id:>10}  {money_text(r.current):>14}  {money_text(r.proposed):>14}  {r.name}"
        for r in result.rows
    ]
    lines.append(
        render(
            "segments.cli.sandbox_total",
            {
                "current": money_text(result.current_total),
                "proposed": money_text(result.proposed_total),
                "difference": money_text(result.difference),
                "unpriced": result.unpriced_shoots,
            },
        )
    )
    ctx.output(data, "\n".join(lines))
    return 0
