"""`opcms report churn|churn-backtest|rfm|health|profile`: the profiling figures, scripted.

Every figure comes from services/insight (the same code the profiling screens run); JSON carries money
as strings "0.00", ratios as strings "0.8000", dates as ISO text, and each reason as code + params + message.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..services.insight import backtest, churn, health, rfm
from ..services.insight.profile import customer_profile, what_if_plans
from ..services.insight.profile_whatif import scenario_label
from ..services.platform.messages import render
from ..services.platform.money import money_text as fmt
from ..services.security.scope import customer_by_company_id
from .common import Context, company_id_arg, count_arg, json_flag
from .invoicing import date_arg


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    report = groups["report"]
    p = report.add_parser("churn", help="churn warnings (流失预警) as of a date")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_churn)

    p = report.add_parser("churn-backtest", help="replay past month-ends and score the churn warnings")
    p.add_argument(
        "--months",
        type=count_arg(backtest.MIN_MONTHS, backtest.MAX_MONTHS),
        default=12,
        help=f"month-ends to replay, {backtest.MIN_MONTHS}..{backtest.MAX_MONTHS} (default 12)",
    )
    p.add_argument("--as-of", type=date_arg, help="end of the data (default: the last day of last month)")
    json_flag(p)
    p.set_defaults(handler=cmd_backtest)

    p = report.add_parser("rfm", help="RFM scores and quadrants of every customer")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_rfm)

    p = report.add_parser("health", help="health scores, weakest first")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_health)

    p = report.add_parser("profile", help="one customer's profile: health, RFM, tier, what-if plans")
    p.add_argument("--company-id", type=company_id_arg, required=True)
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_profile)


def _ratio(value: Any) -> str | None:
    return None if value is None else format(value, "f")


def cmd_churn(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    with ctx.session() as session:
        warnings = churn.churn_warnings(session, actor, as_of)
    rows = [
        {
            "company_id": w.company_id,
            "name": w.name,
            "owner": w.owner,
            "reason": {"code": w.reason, "params": w.params, "message": render(w.reason, w.params)},
            "days_without_usage": w.days_without_usage,
            "drop_percent": _ratio(w.drop_percent),
            "current_shoots": w.current_shoots,
            "trailing_mean": _ratio(w.trailing_mean),
            "last_usage_day": w.last_usage_day,
            "last_usage_month": w.last_usage_month,
        }
        for w in warnings
    ]
    lines = [render("profiling.cli.churn_title", {"as_of": as_of.isoformat(), "count": len(rows)})]
    lines += [f"{r['company_id']:>10}  {r['name']}  {r['reason']['message']}" for r in rows]
    ctx.output({"as_of": as_of, "count": len(rows), "warnings": rows}, "\n".join(lines))
    return 0


def cmd_backtest(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        r = backtest.churn_backtest(session, actor, args.months, args.as_of)
    data = {
        "stopped": len(r.stopped),
        "warned": r.warned,
        "warned_30_days_ahead": r.warned_30_days_ahead,
        "median_days_ahead": r.median_days_ahead,
        "false_alarms": r.false_alarms,
        "warnings": r.warnings,
        "pending": r.pending,
        "precision": _ratio(r.precision),
        "recall": _ratio(r.recall),
        "target_met": r.target_met,
        "as_of": r.as_of,
        "months": len(r.replays),
        "replays": [d.isoformat() for d in r.replays],
        "thresholds": {"days": r.thresholds.days, "drop_percent": r.thresholds.drop_percent},
    }
    text = render(
        "profiling.cli.backtest",
        {
            "months": len(r.replays),
            "as_of": r.as_of.isoformat(),
            "stopped": len(r.stopped),
            "warned": r.warned,
            "ahead": r.warned_30_days_ahead,
            "median": "-" if r.median_days_ahead is None else r.median_days_ahead,
            "warnings": r.warnings,
            "false_alarms": r.false_alarms,
            "pending": r.pending,
            "precision": data["precision"] or "-",
            "recall": data["recall"] or "-",
            "target": render("profiling.cli.target_met" if r.target_met else "profiling.cli.target_missed"),
        },
    )
    ctx.output(data, text)
    return 0


def cmd_rfm(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    with ctx.session() as session:
        scores = rfm.rfm_scores(session, actor, as_of)
    rows = [
        {
            "company_id": s.company_id,
            "name": s.name,
            "owner": s.owner,
            "recency": s.recency,
            "frequency": s.frequency,
            "monetary": s.monetary,
            "quadrant": s.quadrant,
            "days_since_usage": s.days_since_usage,
            "months_with_usage": s.months_with_usage,
            "invoiced_12_months": fmt(s.invoiced),
            "suggested_tier": s.suggested_tier,
        }
        for s in scores
    ]
    lines = [
        f"{r['company_id']:>10}  R{r['recency']} F{r['frequency']} M{r['monetary']}  "
        f"{render('profiling.quadrant.' + r['quadrant'])}  {r['name']}"
        for r in rows
    ]
    ctx.output({"as_of": as_of, "count": len(rows), "customers": rows}, "\n".join(lines))
    return 0


def _part(part: health.HealthPart) -> dict:
    return {
        "key": part.key,
        "weight": part.weight,
        "points": _ratio(part.points),
        "flag": part.flag,
        "why": None if part.why is None else {"code": part.why, "message": render(part.why)},
        "inputs": part.inputs,
    }


def cmd_health(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    with ctx.session() as session:
        scores = health.health_ranking(session, actor, as_of)
    rows = [
        {
            "company_id": s.company_id,
            "name": s.name,
            "owner": s.owner,
            "score": s.score,
            "parts": [_part(p) for p in s.parts],
        }
        for s in scores
    ]
    lines = [
        f"{r['company_id']:>10}  {'-' if r['score'] is None else r['score']:>3}  {r['name']}" for r in rows
    ]
    ctx.output({"as_of": as_of, "count": len(rows), "customers": rows}, "\n".join(lines))
    return 0


def cmd_profile(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    as_of = args.as_of or dt.date.today()
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        profile = customer_profile(session, actor, customer_id, as_of)
        whatif = what_if_plans(session, actor, customer_id, 12, None, as_of)
    scenarios = []
    for s in whatif.scenarios:
        code, params = scenario_label(s)
        scenarios.append(
            {
                "kind": s.kind,
                "mode": s.mode,
                "label": render(code, params),
                "description": s.description,
                "amount": fmt(s.amount),
                "monthly": [fmt(m) for m in s.monthly],
                "unpriced_shoots": s.unpriced_shoots,
            }
        )
    r = profile.rfm
    data = {
        "company_id": profile.company_id,
        "name": profile.name,
        "as_of": as_of,
        "health": {"score": profile.health.score, "parts": [_part(p) for p in profile.health.parts]},
        "rfm": {
            "recency": r.recency,
            "frequency": r.frequency,
            "monetary": r.monetary,
            "quadrant": r.quadrant,
        },
        "recorded_tier": profile.recorded_tier,
        "suggested_tier": profile.suggested_tier,
        "invoiced_12_months": fmt(profile.invoiced_12_months),
        "usage": {
            "months": list(profile.months),
            "series": {u.series: list(u.shoots) for u in profile.usage},
        },
        "what_if": {"months": list(whatif.months), "invoiced": fmt(whatif.invoiced), "scenarios": scenarios},
    }
    text = "\n".join(
        [
            f"{profile.company_id}  {profile.name}",
            render(
                "profiling.cli.profile_line",
                {
                    "score": "-" if profile.health.score is None else profile.health.score,
                    "r": r.recency,
                    "f": r.frequency,
                    "m": r.monetary,
                    "quadrant": render("profiling.quadrant." + r.quadrant),
                    "recorded": profile.recorded_tier or "-",
                    "suggested": profile.suggested_tier,
                },
            ),
            *(f"  {s['label']}: {s['amount']}  ({s['description']})" for s in scenarios),
        ]
    )
    ctx.output(data, text)
    return 0
