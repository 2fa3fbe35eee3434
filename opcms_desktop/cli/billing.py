"""`opcms bill-run --period YYYY-MM [--dry-run] [--xlsx FILE] [--allow-open-month]`: the month's draft bills
(账单) (or what they would be).

A month not over yet is reported in `warnings` (code billing.run.open_month); generating it needs
--allow-open-month, and a month that has not begun is refused (billing.run.future_month).
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from ..services.billing.preview_xlsx import write_preview_xlsx
from ..services.billing.run import BillRunPreview, generate_bill_run, preview_bill_run
from ..services.maintenance.backup import backup_before
from ..services.platform.db import read_only_factory, session_scope
from ..services.platform.errors import UserError
from ..services.platform.messages import json_params, render
from ..services.platform.money import money
from ..services.platform.periods import Period
from ..services.pricing.engine import fmt_quantity
from .common import Context, json_flag
from .export_gate import gated_export


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = sub.add_parser("bill-run", help="generate the draft bills (账单) of a billing period (账单生成)")
    p.add_argument("--period", required=True, help="billing period YYYY-MM, e.g. 2026-01")
    p.add_argument("--dry-run", action="store_true",
                   help="compute and show everything, write nothing (created/replaced/unchanged = what would happen)")
    p.add_argument("--allow-open-month", action="store_true",
                   help="generate even though the month is not over yet (its usage may be incomplete)")
    p.add_argument("--xlsx", metavar="FILE", help="with --dry-run: also write the preview to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_bill_run)


def _amount(value: Decimal) -> str:
    return format(money(value), "f")


def bill_run_json(result: BillRunPreview) -> dict[str, Any]:
    return {
        "period": result.period,
        "total": _amount(result.total),
        "created": result.created,
        "replaced": result.replaced,
        "unchanged": result.unchanged,
        "invoices": [
            {"company_id": c.company_id, "amount": _amount(c.amount),
             "lines": [{"series": li.series, "description": li.description, "quantity": fmt_quantity(li.quantity),
                        "amount": _amount(li.amount)} for li in c.lines]}
            for c in result.invoices
        ],
        "exceptions": [{"company_id": e.company_id, "kind": e.kind, "code": e.message.code,
                        "params": json_params(e.message.params), "message": e.message.text()}
                       for e in result.exceptions],
        "warnings": [{"code": w.code, "params": json_params(w.params), "message": w.text()} for w in result.warnings],
    }


SEVERITY_CODES = {"error": "billing.cli.severity_error", "warning": "billing.cli.severity_warning",
                  "info": "billing.cli.severity_info"}


def _text(result: BillRunPreview, dry_run: bool) -> str:
    out = [w.text() for w in result.warnings]
    out += [render("billing.cli.run_summary_dry" if dry_run else "billing.cli.run_summary", {
        "period": result.period, "bills": len(result.invoices), "total": _amount(result.total),
        "created": result.created, "replaced": result.replaced, "unchanged": result.unchanged,
        "removed": result.removed, "kept": result.kept_issued})]
    for c in result.invoices:
        out.append(f"  {c.company_id:>8} {c.name[:30]:<30} {_amount(c.amount):>14}")
    if result.exceptions:
        out.append(render("billing.cli.run_exceptions", {"count": len(result.exceptions)}))
        out.extend(f"  {e.company_id:>8} {render(SEVERITY_CODES.get(e.severity, e.severity)):<7} {e.kind:<20} "
                   f"{e.message.text()}" for e in result.exceptions)
    return "\n".join(out)


def cmd_bill_run(ctx: Context, args: argparse.Namespace) -> int:
    args.period = str(Period.parse(args.period))  # bad input fails before logging in (code period.invalid)
    if args.xlsx and not args.dry_run:
        raise UserError("billing.cli.xlsx_needs_dry_run")
    actor = ctx.actor()
    result: BillRunPreview
    if args.dry_run:  # a read: on SQLite it does not queue behind a running import or bill run
        with session_scope(read_only_factory(ctx.factory)) as session:
            result = preview_bill_run(session, actor, args.period)
    else:
        backup_before(ctx.engine, "bill-run")  # SQLite: a checked backup first (nothing on PostgreSQL)
        with ctx.session() as session:
            result = generate_bill_run(session, actor, args.period, allow_open_month=args.allow_open_month)
    data, text = bill_run_json(result), _text(result, args.dry_run)
    if args.xlsx:
        rows = gated_export(ctx, actor, lambda s: write_preview_xlsx(s, actor, result, args.xlsx))
        data["xlsx"] = {"file": args.xlsx, "rows": rows}
        text += "\n" + render("billing.run.xlsx_written", {"period": result.period, "file": args.xlsx, "rows": rows})
    ctx.output(data, text)
    return 0
