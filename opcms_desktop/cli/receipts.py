"""`opcms receipt add|list|show|suggest|balance`, `opcms import|export receipts`, `opcms allocate|unallocate`."""

from __future__ import annotations

import argparse

from ..services.billing.queries import invoice_id_by_number, invoice_row
from ..services.platform.messages import render
from ..services.platform.money import money_text as fmt
from ..services.platform.xlsx_reading import ImportReport
from ..services.receivables import allocation, receipt_export, receipt_import, receipts
from ..services.security.permissions import require
from ..services.security.scope import customer_by_company_id
from . import common
from .common import Context, json_flag
from .export_gate import gated_export
from .invoicing import date_arg

SUGGESTION_REASONS = {"exact": "receivables.cli.reason_exact", "oldest": "receivables.cli.reason_oldest"}
PAYMENT_TEXTS = {"unpaid": "receivables.cli.payment_unpaid", "partially_paid": "receivables.cli.payment_partially_paid",
                 "paid": "receivables.cli.payment_paid"}


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["receipt"].add_parser("add", help="record money received (收款)")
    p.add_argument("--company-id", type=common.company_id_arg, required=True, help="the customer's 公司id")
    p.add_argument("--amount", type=common.amount_arg, required=True, help="e.g. 1,250.50 (checked by the service)")
    p.add_argument("--date", type=date_arg, required=True, help="receipt date YYYY-MM-DD")
    p.add_argument("--method", help="e.g. 银行转账")
    p.add_argument("--reference")
    p.add_argument("--payer")
    p.add_argument("--note")
    json_flag(p)
    p.set_defaults(handler=cmd_add)

    p = groups["receipt"].add_parser("list", help="list receipts, newest first")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--from", dest="date_from", type=date_arg)
    p.add_argument("--to", dest="date_to", type=date_arg)
    p.add_argument("--unallocated", action="store_true", help="only receipts with money not yet allocated")
    p.add_argument("--limit", type=common.limit_arg)
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = groups["export"].add_parser("receipts", help="export the receipt list (收款) to .xlsx, newest first")
    p.add_argument("file", help="output .xlsx")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--from", dest="date_from", type=date_arg, help="first receipt date YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, help="last receipt date YYYY-MM-DD (inclusive)")
    p.add_argument("--unallocated", action="store_true", help="only receipts with money not yet allocated")
    json_flag(p)
    p.set_defaults(handler=cmd_export)

    for name, handler, text in (("show", cmd_show, "one receipt with its allocations"),
                                ("suggest", cmd_suggest, "suggested allocations of a receipt")):
        p = groups["receipt"].add_parser(name, help=text)
        p.add_argument("receipt_id", type=common.id_arg)
        json_flag(p)
        p.set_defaults(handler=handler)

    p = groups["receipt"].add_parser("balance", help="a customer's receipts, allocations and credit balance")
    p.add_argument("--company-id", type=common.company_id_arg, required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_balance)

    p = groups["import"].add_parser("receipts", help="import receipts from a bank export (.xlsx)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="match and count only; write nothing")
    p.add_argument("--accept-fuzzy", action="store_true", help="import rows matched by a similar name too")
    json_flag(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("allocate", help="allocate (核销) receipt money to an invoice")
    p.add_argument("--receipt", type=common.id_arg, required=True, help="receipt id")
    p.add_argument("--invoice", required=True, help="invoice number")
    p.add_argument("--amount", type=common.amount_arg, required=True, help="e.g. 600.00 (checked by the service)")
    p.add_argument("--date", type=date_arg, help="allocation date (default: receipt or issue date, the later)")
    json_flag(p)
    p.set_defaults(handler=cmd_allocate)

    p = sub.add_parser("unallocate", help="reverse an allocation (取消核销)")
    p.add_argument("--allocation", type=common.id_arg, required=True, help="allocation id")
    p.add_argument("--reason", required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_unallocate)


def receipt_json(r: receipts.ReceiptRow) -> dict:
    return {"id": r.id, "company_id": r.company_id, "customer_name": r.customer_name, "date": r.receipt_date,
            "amount": fmt(r.amount), "allocated": fmt(r.allocated), "unallocated": fmt(r.unallocated),
            "method": r.method, "reference": r.reference, "payer": r.payer, "note": r.note}


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "receipts.record")  # refuse before looking the customer up
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        row = receipts.record_receipt(session, actor, receipts.ReceiptInput(
            customer_id=customer_id, receipt_date=args.date, amount=args.amount, method=args.method,
            reference=args.reference, payer=args.payer, note=args.note))
    ctx.output({"receipt_id": row.id, "company_id": row.company_id, "amount": fmt(row.amount)},
               render("receivables.cli.receipt_added", {
                   "receipt_id": row.id, "amount": fmt(row.amount), "customer": row.customer_name,
                   "company_id": row.company_id, "date": row.receipt_date.isoformat()}))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    filters = receipts.ReceiptFilter(company_id=args.company_id, date_from=args.date_from, date_to=args.date_to,
                                     unallocated_only=args.unallocated)
    with ctx.session() as session:
        page = receipts.list_receipts(session, actor, filters, limit=args.limit)
    data = {"count": page.total_count, "amount": fmt(page.sum_amount), "unallocated": fmt(page.sum_unallocated),
            "receipts": [receipt_json(r) for r in page.rows]}
    head = render("receivables.cli.receipts_listed", {"count": page.total_count, "amount": fmt(page.sum_amount),
                                                       "unallocated": fmt(page.sum_unallocated)})
    text = "\n".join([head] + [render("receivables.cli.receipt_line", {
        "receipt_id": f"{r.id:<6}", "date": r.receipt_date.isoformat(), "company_id": f"{r.company_id:>8}",
        "amount": f"{fmt(r.amount):>12}", "unallocated": f"{fmt(r.unallocated):>12}", "customer": r.customer_name})
        for r in page.rows])
    ctx.output(data, text)
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    filters = receipts.ReceiptFilter(company_id=args.company_id, date_from=args.date_from, date_to=args.date_to,
                                     unallocated_only=args.unallocated)
    result = gated_export(ctx, actor, lambda s: receipt_export.export_receipts_xlsx(s, actor, args.file, filters))
    ctx.output({"file": result.path, "rows": result.rows},
               render("receivables.cli.receipts_exported", {"rows": result.rows, "path": result.path}))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        detail = receipts.get_receipt(session, actor, args.receipt_id)
    data = receipt_json(detail.receipt) | {"allocations": [
        {"id": a.id, "invoice": a.invoice_number, "amount": fmt(a.amount), "allocated_on": a.allocated_on,
         "active": a.active, "reversal_reason": a.reversal_reason} for a in detail.allocations]}
    ctx.output(data, None)
    return 0


def cmd_suggest(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        suggestions = allocation.suggest_allocations(session, actor, args.receipt_id)
    data = {"receipt_id": args.receipt_id, "suggestions": [
        {"invoice": s.number, "due_date": s.due_date, "outstanding": fmt(s.outstanding), "amount": fmt(s.amount),
         "reason": s.reason} for s in suggestions]}
    text = "\n".join(render("receivables.cli.suggestion_line", {
        "bill": s.number, "due_date": s.due_date.isoformat() if s.due_date else "", "amount": fmt(s.amount),
        "outstanding": fmt(s.outstanding), "reason": render(SUGGESTION_REASONS.get(s.reason, s.reason))})
        for s in suggestions) or render("receivables.cli.nothing_to_suggest")
    ctx.output(data, text)
    return 0


def cmd_balance(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        customer_id = customer_by_company_id(session, actor, args.company_id).id
        b = allocation.customer_balance(session, actor, customer_id)
    data = {"company_id": b.company_id, "customer_name": b.customer_name, "receipts": fmt(b.receipts_total),
            "allocated": fmt(b.allocated), "credit_balance": fmt(b.credit_balance), "invoiced": fmt(b.invoiced),
            "outstanding": fmt(b.outstanding), "open_invoices": b.open_invoices, "overdue": fmt(b.overdue),
            "as_of": b.as_of}
    ctx.output(data, None)
    return 0


def import_text(report: ImportReport) -> str:
    summary = render("receivables.cli.import_summary", {
        "rows": report.rows, "inserted": report.inserted, "unchanged": report.unchanged,
        "rejected": report.rejected, "warnings": report.warnings})
    lines = [render("receivables.cli.import_dry_run", {"summary": summary}) if report.dry_run else summary]
    for issue in report.issues:
        where = render("error.where_row", {"row": issue.row}) if issue.row is not None \
            else render("receivables.cli.whole_file")
        if issue.column:
            where = f"{where}, {issue.column}"
        code = "receivables.cli.issue_error" if issue.level == "error" else "receivables.cli.issue_warning"
        lines.append(render(code, {"where": where, "message": issue.message}))
    return "\n".join(lines)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        result = receipt_import.import_receipts(session, actor, args.file, dry_run=args.dry_run,
                                                accept_fuzzy=args.accept_fuzzy)
    data = result.report.to_json() | {
        "receipt_ids": list(result.receipt_ids),
        "matches": [{"row": m.row, "date": m.bank.receipt_date, "payer": m.bank.payer, "amount": fmt(m.bank.amount),
                     "reference": m.bank.reference, "match": m.match,
                     "company_id": m.customer.company_id if m.customer else None,
                     "customer_name": m.customer.name if m.customer else None,
                     "note": m.note.to_json() if m.note else None,
                     "duplicate_of": m.duplicate_of.to_json() if m.duplicate_of else None}
                    for m in result.matches]}
    ctx.output(data, import_text(result.report))
    return 0


def cmd_allocate(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    require(actor, "receipts.allocate")
    with ctx.session() as session:
        invoice_id = invoice_id_by_number(session, actor, args.invoice)
        row = allocation.allocate(session, actor, args.receipt, invoice_id, args.amount, allocated_on=args.date)
        invoice = invoice_row(session, actor, invoice_id)
        receipt = receipts.receipt_row(session, actor, args.receipt)
    data = {"allocation_id": row.id, "receipt_id": row.receipt_id, "invoice": row.invoice_number,
            "amount": fmt(row.amount), "allocated_on": row.allocated_on, "invoice_outstanding": fmt(invoice.outstanding),
            "payment_status": invoice.payment_status, "receipt_unallocated": fmt(receipt.unallocated)}
    payment = render(PAYMENT_TEXTS.get(invoice.payment_status or "", "receivables.cli.payment_unpaid"))
    ctx.output(data, render("receivables.cli.allocated", {
        "allocation_id": row.id, "amount": fmt(row.amount), "receipt_id": row.receipt_id, "bill": row.invoice_number,
        "payment": payment, "outstanding": fmt(invoice.outstanding)}))
    return 0


def cmd_unallocate(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = allocation.unallocate(session, actor, args.allocation, args.reason)
    data = {"allocation_id": row.id, "receipt_id": row.receipt_id, "invoice": row.invoice_number,
            "amount": fmt(row.amount), "reversed": True, "reason": row.reversal_reason}
    ctx.output(data, render("receivables.cli.unallocated", {"allocation_id": row.id, "amount": fmt(row.amount),
                                                             "bill": row.invoice_number}))
    return 0
