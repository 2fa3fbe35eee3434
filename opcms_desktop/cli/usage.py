"""`opcms import usage`, `opcms export usage-template`, `opcms export usage`, `opcms usage list`,
`opcms usage correct` and `opcms usage delete-order`."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from ..services.platform.errors import UserError
from ..services.platform.messages import Message, render
from ..services.security.scope import customer_by_company_id
from ..services.usage import records as usage
from ..services.usage import sheet_export as usage_export
from ..services.usage import sheet_import as usage_import
from . import common
from .common import Context, json_flag
from .export_gate import gated_export
from .pricing import report_text


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["import"].add_parser("usage", help="import usage: order detail or monthly summaries (.xlsx)")
    p.add_argument("file", help="订单号/公司id/上传日期/设备系列/层数[/面积] or 公司id/月份/设备系列/单层拍摄量/...")
    p.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")
    json_flag(p)
    p.set_defaults(handler=cmd_import_usage)

    p = groups["export"].add_parser("usage-template", help="write an empty usage sheet (order detail and monthly "
                                                        "summary) with an example row each")
    p.add_argument("file", help="the .xlsx file to write")
    json_flag(p)
    p.set_defaults(handler=cmd_usage_template)

    p = groups["export"].add_parser("usage", help="export usage rows (as `usage list` shows them)")
    p.add_argument("file", help="the .xlsx file to write")
    p.add_argument("--period-from", help="first month, YYYY-MM")
    p.add_argument("--period-to", help="last month, YYYY-MM")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--series", choices=usage.SERIES)
    json_flag(p)
    p.set_defaults(handler=cmd_export_usage)

    group = sub.add_parser("usage", help="usage per customer, month and device series")
    inner = group.add_subparsers(dest="usage_command", metavar="ACTION")
    inner.required = True
    p = inner.add_parser("list", help="usage rows (orders + monthly rows), newest month first")
    p.add_argument("--period", help="one month, YYYY-MM")
    p.add_argument("--from", dest="period_from", help="first month, YYYY-MM")
    p.add_argument("--to", dest="period_to", help="last month, YYYY-MM")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--name", help="part of the customer's name, pinyin or initials")
    p.add_argument("--series", choices=usage.SERIES)
    p.add_argument("--offset", type=common.offset_arg, default=0)
    p.add_argument("--limit", type=common.limit_arg, default=500)
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = inner.add_parser("correct", help="set a month's total usage for one customer and series (audited)")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    p.add_argument("--period", required=True, help="YYYY-MM")
    p.add_argument("--series", required=True, choices=usage.SERIES)
    p.add_argument("--single", type=common.count_arg(0, usage.MAX_SHOOTS), required=True,
                   help="single-floor shoots in the month (at most 1,000,000)")
    p.add_argument("--multi", type=common.count_arg(0, usage.MAX_SHOOTS), required=True,
                   help="multi-floor shoots in the month (at most 1,000,000)")
    p.add_argument("--floors", type=common.count_arg(0, usage.MAX_FLOORS), required=True,
                   help="total floors of the multi-floor shoots (at most 200 a shoot)")
    p.add_argument("--area", type=common.amount_arg, default="0", help="m² in the month")
    p.add_argument("--reason", required=True)
    p.add_argument("--expected-version", type=common.count_arg(0),
                   help="the version you read (default: the current one, i.e. overwrite)")
    json_flag(p)
    p.set_defaults(handler=cmd_correct)

    p = inner.add_parser("delete-order", help="delete one wrongly imported order (audited)")
    p.add_argument("order_no")
    p.add_argument("--reason", required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_delete_order)


def cmd_import_usage(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = usage_import.import_usage(session, actor, args.file, dry_run=args.dry_run)
    what = Message("usage.cli.what_orders") if report.layout == "orders" else Message("usage.cli.what_summary")
    ctx.output(report.to_json(), report_text(report, what))
    return 0


def cmd_usage_template(ctx: Context, args: argparse.Namespace) -> int:
    path = usage_export.write_usage_template(args.file)
    ctx.output({"file": str(path)}, render("usage.cli.template_written", {"path": path}))
    return 0


def cmd_export_usage(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    query = usage.UsageQuery(period_from=args.period_from, period_to=args.period_to, company_id=args.company_id,
                             series=args.series)
    result = gated_export(ctx, actor, lambda s: usage_export.export_usage(s, actor, args.file, query))
    ctx.output({"file": result.path, "rows": result.rows},
               render("usage.cli.exported", {"rows": result.rows, "path": result.path}))
    return 0


def _figures(f: usage.UsageFigures) -> dict:
    return {"single_shoots": f.single_shoots, "multi_shoots": f.multi_shoots, "multi_floors": f.multi_floors,
            "area": f.area}


def row_json(row: usage.UsageRow) -> dict:
    return {"company_id": row.company_id, "customer": row.customer_name, "period": row.period,
            "series": row.series, "total": _figures(row.total), "orders": _figures(row.orders),
            "monthly": _figures(row.monthly), "monthly_version": row.monthly_version, "note": row.note}


def _line(row: usage.UsageRow) -> str:
    t = row.total
    return (f"{row.period} {row.company_id:>8} {row.series} 单层 {t.single_shoots:>6} 多层 {t.multi_shoots:>6} "
            f"层数 {t.multi_floors:>6} 面积 {t.area:>10}  {row.customer_name}")


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    query = usage.UsageQuery(period_from=args.period or args.period_from, period_to=args.period or args.period_to,
                             company_id=args.company_id, name=args.name, series=args.series,
                             offset=args.offset, limit=args.limit)
    with ctx.session() as session:
        page = usage.usage_page(session, actor, query)
    data = {"rows": [row_json(r) for r in page.rows], "total_rows": page.total_rows,
            "totals": _figures(page.totals)}
    ctx.output(data, "\n".join([_line(r) for r in page.rows] + [render("usage.cli.rows", {"count": page.total_rows})]))
    return 0


def cmd_correct(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    try:
        area = Decimal(str(args.area).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise UserError("usage.cli.area_invalid", value=args.area) from exc
    if not area.is_finite():  # NaN, Infinity: the service bounds the rest (≤ 10,000,000 m², 2 decimals)
        raise UserError("usage.cli.area_invalid", value=args.area)
    with ctx.session() as session:
        customer = customer_by_company_id(session, actor, args.company_id)
        version = args.expected_version
        if version is None:
            page = usage.usage_page(session, actor, usage.UsageQuery(
                period_from=args.period, period_to=args.period, company_id=args.company_id, series=args.series))
            version = page.rows[0].monthly_version if page.rows else None
        row = usage.correct_usage(session, actor, customer.id, args.period, args.series, args.single, args.multi,
                                  args.floors, area, args.reason, version)
    ctx.output(row_json(row), render("usage.cli.corrected", {"line": _line(row)}))
    return 0


def cmd_delete_order(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        usage.delete_order(session, actor, args.order_no, args.reason)
    ctx.output({"order_no": args.order_no, "deleted": True}, render("usage.cli.order_deleted", {"order_no": args.order_no}))
    return 0
