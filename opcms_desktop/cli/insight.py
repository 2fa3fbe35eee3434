"""`opcms demo [--sheet FILE | --customers N] [--months M] [--seed S] [--as-of DATE]`,
`opcms report kpis --period YYYY-MM [--owner USERNAME] [--as-of DATE]` and
`opcms insight rebuild-summary` (admin: recompute the monthly usage summary from the usage rows)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..services.insight.dashboard import sales_owner_id
from ..services.insight.demo import MAX_CUSTOMERS, MAX_MONTHS, load_demo
from ..services.insight.kpis import KPI_NAMES, MONEY_KPIS, Kpis, kpis
from ..services.insight.usage_summary import rebuild_usage_summary
from ..services.platform.db import read_only_factory, session_scope
from ..services.platform.messages import render
from ..services.platform.money import money_text
from ..services.platform.periods import Period
from .common import Context, count_arg, json_flag
from .invoicing import date_arg

KPI_CODES = {
    "active_customers": "insight.kpi.active_customers",
    "shoots": "insight.kpi.shoots",
    "invoiced": "insight.kpi.invoiced",
    "received": "insight.kpi.received",
    "outstanding": "insight.kpi.outstanding",
    "overdue": "insight.kpi.overdue",
    "churn_risk": "insight.kpi.churn_risk",
}


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = sub.add_parser(
        "demo", help="fill an empty database with demo customers, usage, bills and receipts (admin)"
    )
    p.add_argument("--sheet", type=Path, help="customer sheet to import (default: a synthetic one)")
    p.add_argument("--customers", type=count_arg(1, MAX_CUSTOMERS), help="synthetic customers (default 1300)")
    p.add_argument(
        "--months", type=count_arg(1, MAX_MONTHS), default=24, help="months of history (default 24)"
    )
    p.add_argument(
        "--seed", type=count_arg(0), default=1, help="random seed: same seed, same data (default 1)"
    )
    p.add_argument("--as-of", type=date_arg, help="pretend today is this day, YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_demo)

    p = groups["report"].add_parser("kpis", help="the dashboard's key figures of a month (经营看板)")
    p.add_argument("--period", required=True, help="YYYY-MM")
    p.add_argument("--owner", metavar="USERNAME", help="only the customers of this sales owner")
    p.add_argument("--as-of", type=date_arg, help="the day figures are judged on (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_kpis)

    insight = sub.add_parser("insight", help="insight maintenance")
    inner = insight.add_subparsers(dest="insight_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser(
        "rebuild-summary",
        help="recompute the monthly usage summary from the usage rows and report what changed (admin)",
    )
    json_flag(p)
    p.set_defaults(handler=cmd_rebuild_summary)


def cmd_rebuild_summary(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        result = rebuild_usage_summary(session, actor)
    data = {
        "rows": result.rows,
        "added": result.added,
        "changed": result.changed,
        "removed": result.removed,
        "was_current": result.was_current,
    }
    ctx.output(data, render("insight.cli.summary_rebuilt", data))
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        summary = load_demo(
            session,
            actor,
            sheet=args.sheet,
            customers=args.customers,
            months=args.months,
            seed=args.seed,
            as_of=args.as_of,
        )
    data = {
        "customers": summary.customers,
        "months": summary.months,
        "first_period": summary.first_period,
        "last_period": summary.last_period,
        "plans": summary.plans,
        "usage_rows": summary.usage_rows,
        "orders": summary.orders,
        "bills": summary.bills,
        "receipts": summary.receipts,
        "allocations": summary.allocations,
        "credit_notes": summary.credit_notes,
        "rejected_rows": summary.rejected_rows,
        "seconds": summary.seconds,
    }
    ctx.output(
        data,
        render(
            "insight.cli.demo_done",
            {
                "seconds": summary.seconds,
                "customers": summary.customers,
                "months": summary.months,
                "first": summary.first_period,
                "last": summary.last_period,
                "usage_rows": summary.usage_rows,
                "bills": summary.bills,
                "receipts": summary.receipts,
                "credit_notes": summary.credit_notes,
            },
        ),
    )
    return 0


def _figure(result: Kpis, name: str, previous: bool = False) -> int | str | None:
    value = (result.previous if previous else result.current).get(name)
    return money_text(value) if name in MONEY_KPIS else int(value)  # type: ignore[arg-type]


def kpis_json(result: Kpis) -> dict:
    data: dict = {name: _figure(result, name) for name in KPI_NAMES}
    data.update(
        {
            "period": result.period,
            "as_of": result.as_of.isoformat(),
            "month_to_date": result.month_to_date,
            "window": {"from": result.window.first.isoformat(), "to": result.window.last.isoformat()},
            "previous_window": {
                "from": result.previous_window.first.isoformat(),
                "to": result.previous_window.last.isoformat(),
            },
            "previous": {name: _figure(result, name, previous=True) for name in KPI_NAMES},
        }
    )
    return data


def _text(result: Kpis) -> str:
    lines = [
        render(
            "insight.cli.kpis_title",
            {
                "period": result.period,
                "first": result.window.first.isoformat(),
                "last": result.window.last.isoformat(),
                "previous_first": result.previous_window.first.isoformat(),
                "previous_last": result.previous_window.last.isoformat(),
            },
        )
    ]
    heads = [
        render(code)
        for code in (
            "insight.cli.kpis_header_figure",
            "insight.cli.kpis_header_value",
            "insight.cli.kpis_header_previous",
            "insight.cli.kpis_header_change",
        )
    ]
    lines.append(f"{heads[0]:<24}{heads[1]:>16}{heads[2]:>16}{heads[3]:>16}")
    for name in KPI_NAMES:
        change = result.change(name)
        shown = money_text(change) if name in MONEY_KPIS else str(change)  # type: ignore[arg-type]
        sign = "+" if change > 0 else ""
        lines.append(
            f"{render(KPI_CODES[name]):<24}{_figure(result, name)!s:>16}"
            f"{_figure(result, name, True)!s:>16}{sign + str(shown):>16}"
        )
    return "\n".join(lines)


def cmd_kpis(ctx: Context, args: argparse.Namespace) -> int:
    period = str(Period.parse(args.period))  # bad input fails before logging in
    actor = ctx.actor()
    with session_scope(read_only_factory(ctx.factory)) as session:
        owner_id = sales_owner_id(session, actor, args.owner) if args.owner else None
        result = kpis(session, actor, period, owner_id, args.as_of)
    ctx.output(kpis_json(result), _text(result))
    return 0
