"""`opcms rules list|enable|disable|add|delete|log` and `opcms jobs run-due`: automation.

For the Windows Task Scheduler (or cron) run `opcms --user jobrunner jobs run-due --json` every 15
minutes as a dedicated user holding `jobs.run` (and the permissions of the actions its rules take),
its password in OPCMS_PASSWORD or the keyring. Running it twice for the same time acts once.
"""

from __future__ import annotations

import argparse
import json

from ..services.followup import jobs, rules
from ..services.platform.messages import render
from . import common
from .common import CodedArgumentError, Context, json_flag
from .tickets import time_arg


def json_arg(option: str):  # noqa: ANN201 - an argparse type
    def parse(text: str) -> object:
        try:
            return json.loads(text)
        except ValueError as exc:
            raise CodedArgumentError("worklist.cli.bad_json", option=option, detail=str(exc)[:80]) from None

    parse.__name__ = "json"
    return parse


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    rule = sub.add_parser("rules", help="automation rules: list, enable, disable, add, delete, log")
    inner = rule.add_subparsers(dest="rules_command", metavar="WHAT")
    inner.required = True

    p = inner.add_parser("list", help="every rule with its trigger, condition and actions")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    for name, handler in (("enable", cmd_enable), ("disable", cmd_disable), ("delete", cmd_delete)):
        p = inner.add_parser(name, help=f"{name} a rule")
        p.add_argument("name")
        json_flag(p)
        p.set_defaults(handler=handler)

    p = inner.add_parser("add", help="add a rule (enabled at once)")
    p.add_argument("name", help="lower-case letters, digits and hyphens")
    trigger = p.add_mutually_exclusive_group(required=True)
    trigger.add_argument("--schedule", help='"daily 06:00" or "monthly 1 06:00"')
    trigger.add_argument("--event", help=" / ".join(rules.EVENTS))
    p.add_argument(
        "--condition",
        type=json_arg("--condition"),
        help='a segment condition (JSON), or {"no_usage_days": 60}',
    )
    p.add_argument(
        "--actions",
        type=json_arg("--actions"),
        required=True,
        help='JSON list, e.g. [{"type": "followup", "content": "回访"}]',
    )
    p.add_argument("--label", default="")
    json_flag(p)
    p.set_defaults(handler=cmd_add)

    p = inner.add_parser("log", help="the execution log, newest first")
    p.add_argument("--rule", help="only this rule")
    p.add_argument("--limit", type=common.limit_arg, default=200)
    json_flag(p)
    p.set_defaults(handler=cmd_log)

    job = sub.add_parser("jobs", help="scheduled jobs (for the Task Scheduler or cron)")
    job_inner = job.add_subparsers(dest="jobs_command", metavar="WHAT")
    job_inner.required = True
    p = job_inner.add_parser("run-due", help="run the enabled rules that are due (each action once)")
    p.add_argument("--now", type=time_arg, help='"YYYY-MM-DD HH:MM" local time (default: now)')
    json_flag(p)
    p.set_defaults(handler=cmd_run_due)


def _line(r: rules.RuleView) -> str:
    return render(
        "worklist.cli.rule_line",
        {
            "name": r.name,
            "trigger": r.trigger,
            "label": r.label,
            "state": render("worklist.cli.enabled" if r.enabled else "worklist.cli.disabled"),
        },
    )


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        found = rules.list_rules(session, actor)
    ctx.output([r.to_json() for r in found], "\n".join(_line(r) for r in found))
    return 0


def _toggle(ctx: Context, args: argparse.Namespace, enabled: bool) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        found = rules.set_rule_enabled(session, actor, args.name, enabled)
    ctx.output(
        found.to_json(),
        render(
            "worklist.cli.rule_enabled" if enabled else "worklist.cli.rule_disabled", {"name": found.name}
        ),
    )
    return 0


def cmd_enable(ctx: Context, args: argparse.Namespace) -> int:
    return _toggle(ctx, args, True)


def cmd_disable(ctx: Context, args: argparse.Namespace) -> int:
    return _toggle(ctx, args, False)


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rules.delete_rule(session, actor, args.name)
    ctx.output({"name": args.name, "deleted": True}, render("worklist.cli.rule_deleted", {"name": args.name}))
    return 0


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    actions = args.actions if isinstance(args.actions, list) else [args.actions]
    data = rules.RuleInput(
        name=args.name,
        trigger_kind="schedule" if args.schedule else "event",
        actions=tuple(actions),
        schedule=args.schedule,
        event=args.event,
        condition=args.condition,
        label=args.label,
    )
    with ctx.session() as session:
        found = rules.add_rule(session, actor, data)
    ctx.output(found.to_json(), render("worklist.cli.rule_added", {"name": found.name}))
    return 0


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        entries = rules.execution_log(session, actor, args.rule, args.limit)
    ctx.output({"log": [e.to_json() for e in entries]})
    return 0


def cmd_run_due(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        run = jobs.run_due(session, actor, args.now)
    data = run.to_json()
    ctx.output(data, render("worklist.cli.jobs_summary", data))
    return 0
