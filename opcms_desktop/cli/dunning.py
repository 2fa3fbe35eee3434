"""`opcms dunning run|list|levels|hold|release|letter`: dunning (催款)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..services.billing.queries import invoice_id_by_number
from ..services.followup import dunning, dunning_letter
from ..services.platform.messages import render
from ..services.platform.money import money_text as fmt
from ..services.security.permissions import require
from .common import CodedArgumentError, Context, json_flag
from .invoicing import date_arg


def levels_arg(text: str) -> tuple[int, ...]:
    """ "-3,1,15,30,60" -> the days (`worklist.cli.bad_levels`); the service checks range and duplicates."""
    try:
        return tuple(int(part.strip()) for part in text.split(","))
    except ValueError:
        raise CodedArgumentError("worklist.cli.bad_levels", value=text[:80]) from None


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    dun = sub.add_parser("dunning", help="dunning (催款): run, levels, holds, reminder letters")
    inner = dun.add_subparsers(dest="dunning_command", metavar="WHAT")
    inner.required = True

    p = inner.add_parser(
        "run", help="dun every open bill that reached a level (idempotent per bill and level)"
    )
    p.add_argument("--as-of", type=date_arg, help="run date YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_run)

    p = inner.add_parser("list", help="open bills with a due date: balance, last level, hold")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    levels = inner.add_parser("levels", help="the dunning levels (days from the due date)")
    levels_inner = levels.add_subparsers(dest="levels_command", metavar="WHAT")
    levels_inner.required = True
    p = levels_inner.add_parser("list", help="the levels and their actions")
    json_flag(p)
    p.set_defaults(handler=cmd_levels_list)
    p = levels_inner.add_parser(
        "set",
        help='replace the levels, e.g. "-3,1,15,30,60" (existing days keep '
        "their actions; new ones: follow-up, and a letter from 15 days)",
    )
    p.add_argument("levels", type=levels_arg, metavar='"-3,1,15,30,60"')
    # "-3,1,15" starts with a minus: let this parser take it as the value, not as an unknown option.
    p._negative_number_matcher = re.compile(r"^-\d[\d,\s-]*$")
    json_flag(p)
    p.set_defaults(handler=cmd_levels_set)

    for name, handler, text in (
        ("hold", cmd_hold, "put a bill on hold (disputed): dunning skips it"),
        ("release", cmd_release, "end a bill's hold"),
    ):
        p = inner.add_parser(name, help=text)
        p.add_argument("--number", required=True, help="bill number, e.g. INV-2026-000123")
        p.add_argument("--reason", required=(name == "hold"), help="why (required for a hold)")
        json_flag(p)
        p.set_defaults(handler=handler)

    p = inner.add_parser("letter", help="write the reminder letter (催款函) of a bill's customer to a PDF")
    p.add_argument("--number", required=True, help="bill number")
    p.add_argument("--out", help="output .pdf (default: 催款函-<number>.pdf)")
    p.add_argument("--as-of", type=date_arg, help="letter date YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_letter)


def _today(args: argparse.Namespace) -> dt.date:
    return args.as_of or dt.date.today()


def cmd_run(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        run = dunning.run_dunning(session, actor, _today(args))
    text = "\n".join(
        [
            render(
                "worklist.cli.run_summary",
                {
                    "as_of": run.as_of.isoformat(),
                    "created": len(run.created),
                    "skipped": run.skipped,
                    "on_hold": run.on_hold,
                },
            )
        ]
        + [
            render(
                "worklist.cli.run_item",
                {
                    "number": i.number,
                    "company_id": i.company_id,
                    "level": i.level,
                    "balance": fmt(i.balance),
                    "action": i.action,
                },
            )
            for i in run.created
        ]
    )
    ctx.output(run.to_json(), text)
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        bills = dunning.open_bills(session, actor, _today(args))
    ctx.output(
        {
            "as_of": _today(args),
            "bills": [
                {
                    "number": b.number,
                    "company_id": b.company_id,
                    "customer_name": b.customer_name,
                    "period": b.period,
                    "due_date": b.due_date,
                    "days_overdue": b.days_overdue,
                    "total": fmt(b.total),
                    "balance": fmt(b.balance),
                    "last_level": b.last_level,
                    "on_hold": b.on_hold,
                    "hold_reason": b.hold_reason,
                }
                for b in bills
            ],
        }
    )
    return 0


def _levels_json(levels: tuple[dunning.Level, ...]) -> dict:
    return {
        "levels": [
            {"days": lv.days, "followup": lv.creates_followup, "letter": lv.sends_letter, "action": lv.action}
            for lv in levels
        ]
    }


def cmd_levels_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        levels = dunning.list_levels(session, actor)
    ctx.output(
        _levels_json(levels),
        render(
            "worklist.cli.levels_saved", {"levels": ", ".join(f"{lv.days} ({lv.action})" for lv in levels)}
        ),
    )
    return 0


def cmd_levels_set(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "dunning.manage")
    with ctx.session() as session:
        existing = {lv.days: lv for lv in dunning.list_levels(session, actor)}
        wanted = [existing.get(days) or dunning.default_level(days) for days in args.levels]
        levels = dunning.set_levels(session, actor, wanted)
    ctx.output(
        _levels_json(levels),
        render(
            "worklist.cli.levels_saved", {"levels": ", ".join(f"{lv.days} ({lv.action})" for lv in levels)}
        ),
    )
    return 0


def _hold(ctx: Context, args: argparse.Namespace, on_hold: bool) -> int:
    actor = ctx.actor()
    require(actor, "dunning.run")
    with ctx.session() as session:
        invoice_id = invoice_id_by_number(session, actor, args.number)
        dunning.set_hold(session, actor, invoice_id, on_hold, args.reason)
    number = args.number.strip().upper()
    ctx.output(
        {"number": number, "on_hold": on_hold, "reason": (args.reason or "").strip()},
        render(
            "worklist.cli.held" if on_hold else "worklist.cli.released",
            {"number": number, "reason": (args.reason or "").strip()},
        ),
    )
    return 0


def cmd_hold(ctx: Context, args: argparse.Namespace) -> int:
    return _hold(ctx, args, True)


def cmd_release(ctx: Context, args: argparse.Namespace) -> int:
    return _hold(ctx, args, False)


def cmd_letter(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        letter = dunning_letter.letter_data(session, actor, args.number, _today(args))
    from ..ui.worklist.dunning_letter_pdf import write_dunning_letter_pdf  # Qt only when a PDF is asked for

    path = write_dunning_letter_pdf(letter, Path(args.out or f"催款函-{letter.number}.pdf"))
    ctx.output(
        {
            "number": letter.number,
            "company_id": letter.company_id,
            "file": str(path),
            "bytes": path.stat().st_size,
            "open_bills": len(letter.open_bills),
            "total_open": fmt(letter.total_open),
            "closing_balance": fmt(letter.closing_balance),
        },
        render("worklist.cli.letter_written", {"number": letter.number, "file": str(path)}),
    )
    return 0
