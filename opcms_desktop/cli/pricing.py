"""`opcms import pricing`, `opcms export pricing-template`, `opcms export price-plans` and `opcms plan list`."""

from __future__ import annotations

import argparse

from ..services.platform.messages import Message, render
from ..services.platform.xlsx_reading import ImportReport
from ..services.pricing import plans as price_plans
from ..services.pricing import sheet_import as pricing_import
from ..services.pricing import template as pricing_template
from ..services.pricing.grammar import format_tiers
from ..services.pricing.plan_export import export_price_plans
from . import common
from .common import Context, json_flag
from .export_gate import gated_export


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["import"].add_parser("pricing", help="import price plans from a pricing sheet (.xlsx)")
    p.add_argument("file", help="the pricing sheet (see `opcms export pricing-template`)")
    p.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")
    json_flag(p)
    p.set_defaults(handler=cmd_import_pricing)

    p = groups["export"].add_parser("pricing-template", help="write an empty pricing sheet with examples")
    p.add_argument("file", help="the .xlsx file to write")
    json_flag(p)
    p.set_defaults(handler=cmd_pricing_template)

    p = groups["export"].add_parser("price-plans", help="export the price plans you may see (pricing sheet layout)")
    p.add_argument("file", help="the .xlsx file to write")
    json_flag(p)
    p.set_defaults(handler=cmd_export_plans)

    plan = sub.add_parser("plan", help="price plans")
    inner = plan.add_subparsers(dest="plan_command", metavar="ACTION")
    inner.required = True
    p = inner.add_parser("list", help="a customer's price plans, newest first")
    p.add_argument("--company-id", type=common.company_id_arg, required=True, help="the customer's 公司id")
    json_flag(p)
    p.set_defaults(handler=cmd_plan_list)


def report_text(report: ImportReport, what: Message) -> str:
    """The human form of an import report (shared with `opcms import usage`), in the chosen language."""
    counts = {"rows": report.rows, "inserted": report.inserted, "updated": report.updated,
              "unchanged": report.unchanged, "rejected": report.rejected, "warnings": report.warnings, "what": what}
    lines = [render("pricing.cli.report_dry", counts) if report.dry_run else render("pricing.cli.report", counts)]
    levels = {"error": render("pricing.cli.level_error"), "warning": render("pricing.cli.level_warning")}
    for issue in report.issues:
        where = render("error.where_row", {"row": issue.row}) if issue.row is not None \
            else render("pricing.cli.where_file")
        column = f", {issue.column}" if issue.column else ""
        value = f" ({issue.value!r})" if issue.value not in (None, "") else ""
        lines.append(f"  {levels.get(issue.level, issue.level)}: {where}{column}{value}: {issue.message}")
    return "\n".join(lines)


def cmd_import_pricing(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = pricing_import.import_pricing(session, actor, args.file, dry_run=args.dry_run)
    ctx.output(report.to_json(), report_text(report, Message("pricing.cli.what")))
    return 0


def cmd_pricing_template(ctx: Context, args: argparse.Namespace) -> int:
    path = pricing_template.write_pricing_template(args.file)
    ctx.output({"file": str(path)}, render("pricing.cli.template_written", {"path": path}))
    return 0


def cmd_export_plans(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = gated_export(ctx, actor, lambda s: export_price_plans(s, actor, args.file))
    ctx.output({"file": result.path, "rows": result.rows},
               render("pricing.cli.plans_exported", {"rows": result.rows, "path": result.path}))
    return 0


def plan_json(row: price_plans.PlanRow) -> dict:
    return {
        "id": row.id, "company_id": row.company_id, "series": row.series, "mode": row.mode,
        "mode_label": row.mode_label, "effective_from": row.effective_from, "effective_to": row.effective_to,
        "single_price": row.single_price, "multi_price": row.multi_price, "multi_base": row.multi_base,
        "multi_step": row.multi_step, "tiers": format_tiers(list(row.tiers)) or None,
        "extra_floor_price": row.extra_floor_price, "area_rate": row.area_rate, "annual_fee": row.annual_fee,
        "quota": row.quota, "overage_price": row.overage_price, "payment_terms_days": row.payment_terms_days,
        "source": row.source, "summary": row.summary, "version": row.version,
    }


def cmd_plan_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = price_plans.plan_history_by_company_id(session, actor, args.company_id)
    lines = [f"{r.series_label:<4} {r.period_text:<26} {r.summary}" for r in rows] or [render("pricing.cli.no_plans")]
    ctx.output({"company_id": args.company_id, "plans": [plan_json(r) for r in rows]}, "\n".join(lines))
    return 0
