"""`opcms report ar-aging|settlement|receipts` (each with --xlsx FILE)."""

from __future__ import annotations

import argparse
import datetime as dt

from ..services.platform.messages import render
from ..services.platform.money import money_text as fmt
from ..services.receivables import reports
from ..services.receivables.report_xlsx import export_report_xlsx
from .common import Context, json_flag
from .export_gate import gated_export
from .invoicing import date_arg


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["report"].add_parser("ar-aging", help="accounts receivable aging (账龄) as of a date")
    p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
    p.add_argument("--xlsx", metavar="FILE", help="also write the report to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_aging)

    p = groups["report"].add_parser("settlement", help="settlement status (结算) of a billing period")
    p.add_argument("--period", required=True, help="YYYY-MM (checked by the service)")
    p.add_argument("--as-of", type=date_arg, help="date overdue is judged on (default: today)")
    p.add_argument("--xlsx", metavar="FILE")
    json_flag(p)
    p.set_defaults(handler=cmd_settlement)

    p = groups["report"].add_parser("receipts", help="receipts by customer and month")
    p.add_argument("--from", dest="month_from", required=True, help="YYYY-MM")
    p.add_argument("--to", dest="month_to", required=True, help="YYYY-MM")
    p.add_argument("--xlsx", metavar="FILE")
    json_flag(p)
    p.set_defaults(handler=cmd_receipts)


def _buckets(line: reports.AgingLine) -> dict:
    return {bucket: fmt(line.amounts[bucket]) for bucket in reports.AGING_BUCKETS}


def _settlement_line(line: reports.SettlementLine) -> dict:
    rate = line.collection_rate
    return {"invoices": line.invoices, "invoiced": fmt(line.invoiced), "received": fmt(line.received),
            "outstanding": fmt(line.outstanding), "overdue": fmt(line.overdue),
            "collection_rate": None if rate is None else format(rate, "f")}


def _xlsx(ctx: Context, args: argparse.Namespace, report: reports.AgingReport | reports.SettlementReport
          | reports.ReceiptsByMonthReport, data: dict) -> None:
    if args.xlsx:
        actor = ctx.actor()
        rows = gated_export(ctx, actor, lambda s: export_report_xlsx(s, actor, report, args.xlsx))
        data["xlsx"] = {"file": args.xlsx, "rows": rows}


def cmd_aging(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = reports.ar_aging(session, actor, args.as_of or dt.date.today())
    data: dict = {"as_of": report.as_of.isoformat(), "total": _buckets(report.total),
                  "customers": [{"company_id": c.company_id, **_buckets(c)} for c in report.customers]}
    _xlsx(ctx, args, report, data)
    head = "  ".join(f"{b:>12}" for b in reports.AGING_BUCKETS)
    lines = [render("receivables.cli.aging_title", {"as_of": report.as_of.isoformat()}), f"{'公司id':>10}  {head}"]
    total = render("receivables.cli.total")
    for c in (*report.customers, report.total):
        cells = "  ".join(f"{fmt(c.amounts[b]):>12}" for b in reports.AGING_BUCKETS)
        lines.append(f"{c.company_id if c.company_id is not None else total:>10}  {cells}  {c.customer_name}")
    ctx.output(data, "\n".join(lines))
    return 0


def cmd_settlement(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = reports.settlement_status(session, actor, args.period, args.as_of)
    data: dict = {"period": report.period, "as_of": report.as_of.isoformat(), **_settlement_line(report.total),
                  "drafts": report.drafts, "cancelled": report.cancelled,
                  "customers": [{"company_id": c.company_id, "name": c.customer_name, **_settlement_line(c)}
                                for c in report.customers]}
    _xlsx(ctx, args, report, data)
    t = report.total
    rate = render("receivables.cli.no_rate") if t.collection_rate is None else f"{t.collection_rate * 100:.2f}%"
    ctx.output(data, render("receivables.cli.settlement", {
        "period": report.period, "invoiced": fmt(t.invoiced), "received": fmt(t.received),
        "outstanding": fmt(t.outstanding), "overdue": fmt(t.overdue), "as_of": report.as_of.isoformat(),
        "rate": rate, "drafts": report.drafts, "cancelled": report.cancelled}))
    return 0


def cmd_receipts(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = reports.receipts_by_month(session, actor, args.month_from, args.month_to)

    def months(line: reports.ReceiptsByMonthLine) -> dict:
        return {m: fmt(line.amounts[m]) for m in report.months}

    data: dict = {"from": report.month_from, "to": report.month_to, "months": list(report.months),
                  "total": months(report.total) | {"total": fmt(report.total.total)},
                  "customers": [{"company_id": c.company_id, "name": c.customer_name, "months": months(c),
                                 "total": fmt(c.total)} for c in report.customers]}
    _xlsx(ctx, args, report, data)
    lines = [render("receivables.cli.receipts_title", {"month_from": report.month_from, "month_to": report.month_to,
                                                        "total": fmt(report.total.total)})]
    lines += [f"  {c.company_id:>8} {fmt(c.total):>12}  {c.customer_name}" for c in report.customers]
    ctx.output(data, "\n".join(lines))
    return 0
