"""`opcms invoices issue|list|tax-invoice|clear-tax-invoice` and `opcms invoice show|credit|pdf`: bills (账单).

In English the bills keep their code name "invoices"; the tax invoice (发票) recorded on a bill is
always called the tax invoice here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..services.billing import invoices
from ..services.billing.balances import PAYMENT_LABELS
from ..services.billing.document import invoice_document
from ..services.billing.queries import (
    INVOICE_STATES,
    SORT_KEYS,
    TAX_INVOICE_STATUSES,
    TAX_STATUS_LABELS,
    InvoiceFilter,
    InvoiceRow,
)
from ..services.billing.states import STATUS_LABELS
from ..services.platform.errors import ValidationError
from ..services.platform.messages import Message, render
from ..services.platform.money import money_text as fmt
from ..services.platform.periods import Period
from ..services.receivables import report_xlsx
from . import common
from .common import Context, json_flag
from .export_gate import gated_export


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(render("billing.cli.bad_date", {"value": repr(text)})) from None


def period_arg(text: str) -> str:
    try:
        return str(Period.parse(text))
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.text()) from None


def _label(value: str | Message | None) -> str:
    return "" if value is None else str(value)


def _coded(labels: dict[str, str], value: str | None) -> str:
    """The text of a status through its label code ('' for None; an unknown value as it is)."""
    if value is None:
        return ""
    code = labels.get(value)
    return render(code) if code is not None else value


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["invoices"].add_parser("issue", help="issue the draft bills of a period (numbers INV-YYYY-NNNNNN)")
    p.add_argument("--period", type=period_arg, help="YYYY-MM: issue every draft of this period")
    p.add_argument("--id", type=common.id_arg, action="append", dest="ids", help="issue this draft bill (repeatable)")
    p.add_argument("--date", type=date_arg, help="issue date (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_issue)

    p = groups["invoices"].add_parser("list", help="list bills (账单)")
    p.add_argument("--period", type=period_arg)
    p.add_argument("--status", choices=INVOICE_STATES)
    p.add_argument("--overdue", action="store_true", help="only overdue bills")
    p.add_argument("--as-of", type=date_arg, help="date overdue is judged on (default: today)")
    p.add_argument("--company-id", type=common.company_id_arg)
    p.add_argument("--customer", help="part of the customer name")
    p.add_argument("--owner-id", type=common.id_arg, help="the sales owner's user id")
    p.add_argument("--payment-status", choices=("unpaid", "partially_paid", "paid"))
    p.add_argument("--tax-invoice", choices=TAX_INVOICE_STATUSES,
                   help="none: issued bills still without a tax invoice (发票); issued: bills with one")
    p.add_argument("--sort", choices=SORT_KEYS, default="number")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", type=common.limit_arg, help="at most this many rows (0 or more)")
    p.add_argument("--xlsx", metavar="FILE", help="also write every matching bill to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = groups["invoices"].add_parser("tax-invoice",
                                      help="record the tax invoice (发票) issued for one or more issued bills")
    p.add_argument("numbers", nargs="+", metavar="BILL", help="bill number, e.g. INV-2026-000001")
    p.add_argument("--number", required=True, dest="tax_number", help="the tax invoice number (发票号码)")
    p.add_argument("--date", type=date_arg, required=True, help="the tax invoice date (开票日期) YYYY-MM-DD")
    json_flag(p)
    p.set_defaults(handler=cmd_tax_invoice)

    p = groups["invoices"].add_parser("clear-tax-invoice",
                                      help="clear a tax invoice (发票) recorded by mistake on one or more bills")
    p.add_argument("numbers", nargs="+", metavar="BILL", help="bill number, e.g. INV-2026-000001")
    p.add_argument("--reason", required=True)
    json_flag(p)
    p.set_defaults(handler=cmd_clear_tax_invoice)

    p = groups["invoice"].add_parser("show", help="one bill with lines, allocations, credit notes and tax invoice")
    p.add_argument("number")
    json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = groups["invoice"].add_parser("credit", help="cancel an issued bill by a credit note (冲正)")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=date_arg, help="credit note date (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_credit)

    p = groups["invoice"].add_parser("pdf", help="print a bill (账单) to a PDF file")
    p.add_argument("number")
    p.add_argument("file")
    json_flag(p)
    p.set_defaults(handler=cmd_pdf)


def row_json(r: InvoiceRow) -> dict:
    return {
        "id": r.id, "number": r.number, "company_id": r.company_id, "customer_name": r.customer_name,
        "period": r.period, "kind": r.kind, "status": r.status, "total": fmt(r.total), "allocated": fmt(r.allocated),
        "outstanding": fmt(r.outstanding), "payment_status": r.payment_status, "issue_date": r.issue_date,
        "due_date": r.due_date, "overdue": r.overdue, "days_overdue": r.days_overdue,
        "tax_invoice_status": r.tax_invoice_status, "tax_invoice_number": r.tax_invoice_number,
        "tax_invoice_date": r.tax_invoice_date, "actions": sorted(r.actions),
        "credit_note": r.is_credit_note, "linked_number": r.linked_number,
    }


def cmd_issue(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        result = invoices.issue_invoices(session, actor, period=args.period, invoice_ids=args.ids,
                                         issue_date=args.date)
    for s in result.skipped:
        print(render("billing.cli.skipped", {"customer": s.customer_name, "company_id": s.company_id,
                                             "bill_id": s.invoice_id, "reason": s.reason}), file=sys.stderr)
    data = {"issued": [{"number": i.number, "company_id": i.company_id, "amount": fmt(i.amount),
                        "due_date": i.due_date.isoformat()} for i in result.issued]}
    text = "\n".join([render("billing.cli.issued", {"issued": len(result.issued), "skipped": len(result.skipped)})]
                     + [render("billing.cli.issued_line", {
                         "number": i.number, "company_id": f"{i.company_id:>8}", "amount": f"{fmt(i.amount):>12}",
                         "due_date": i.due_date.isoformat(), "customer": i.customer_name}) for i in result.issued])
    ctx.output(data, text)
    return 0


def _row_text(r: InvoiceRow) -> str:
    bill = r.number or str(Message("billing.draft_label", {"bill_id": r.id}))
    overdue = "  " + render("billing.cli.overdue_days", {"days": r.days_overdue}) if r.overdue else ""
    payment = _coded(PAYMENT_LABELS, r.payment_status)
    tax = _coded(TAX_STATUS_LABELS, r.tax_invoice_status)
    return (f"  {bill:<18} {r.company_id:>8} {r.period} {_coded(STATUS_LABELS, r.status):<9} "
            f"{fmt(r.total):>12} {fmt(r.outstanding):>12} {payment:<14} {tax} {r.tax_invoice_number or ''}"
            f"{overdue}  {r.customer_name}")


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    filters = InvoiceFilter(period=args.period, status=args.status, company_id=args.company_id,
                            customer_name=args.customer, owner_user_id=args.owner_id, overdue_only=args.overdue,
                            payment_status=args.payment_status, tax_invoice=args.tax_invoice)
    with ctx.session() as session:
        page = invoices.list_invoices(session, actor, filters, limit=args.limit, sort=args.sort,
                                      descending=args.desc, as_of=args.as_of)
    written = None
    if args.xlsx:
        written = gated_export(ctx, actor, lambda s: report_xlsx.export_invoices_xlsx(
            s, actor, args.xlsx, filters, sort=args.sort, descending=args.desc, as_of=args.as_of))
    data: dict = {"count": page.total_count, "total": fmt(page.sum_total), "outstanding": fmt(page.sum_outstanding),
                  "as_of": page.as_of, "invoices": [row_json(r) for r in page.rows]}
    if written is not None:
        data["xlsx"] = {"file": args.xlsx, "rows": written}
    lines = [render("billing.cli.listed", {"count": page.total_count, "total": fmt(page.sum_total),
                                           "outstanding": fmt(page.sum_outstanding)})]
    lines += [_row_text(r) for r in page.rows]
    ctx.output(data, "\n".join(lines))
    return 0


def _bill_ids(ctx: Context, session, actor, numbers: list[str]) -> list[int]:
    return [invoices.invoice_id_by_number(session, actor, number) for number in numbers]


def cmd_tax_invoice(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = invoices.record_tax_invoice(session, actor, _bill_ids(ctx, session, actor, args.numbers),
                                           args.tax_number, args.date)
    data = {"invoices": [row_json(r) for r in rows]}
    ctx.output(data, render("billing.cli.tax_recorded", {"count": len(rows), "number": args.tax_number.strip(),
                                                         "date": args.date.isoformat()}))
    return 0


def cmd_clear_tax_invoice(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = invoices.clear_tax_invoice(session, actor, _bill_ids(ctx, session, actor, args.numbers), args.reason)
    ctx.output({"invoices": [row_json(r) for r in rows]}, render("billing.cli.tax_cleared", {"count": len(rows)}))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        detail = invoices.get_invoice_by_number(session, actor, args.number)
    data = row_json(detail.invoice) | {
        "payment_terms_days": detail.payment_terms_days, "issued_by": detail.issued_by,
        "lines": [{"seq": ln.seq, "series": ln.series, "description": ln.description, "quantity": ln.quantity,
                   "unit_price": ln.unit_price, "formula": ln.formula, "amount": fmt(ln.amount)} for ln in detail.lines],
        "allocations": [{"id": a.id, "receipt_id": a.receipt_id, "amount": fmt(a.amount), "allocated_on": a.allocated_on,
                         "active": a.active, "reversal_reason": a.reversal_reason} for a in detail.allocations],
        "credit_notes": [{"number": c.number, "issue_date": c.issue_date, "total": fmt(c.total), "reason": c.reason}
                         for c in detail.credit_notes],
    }
    r = detail.invoice
    text = "\n".join(
        [render("billing.cli.show_head", {
            "bill": r.number, "customer": r.customer_name, "company_id": r.company_id, "period": r.period,
            "status": _coded(STATUS_LABELS, r.status),
            "payment": _coded(PAYMENT_LABELS, r.payment_status)}),
         render("billing.cli.show_dates", {"issue_date": _label(r.issue_date and r.issue_date.isoformat()),
                                           "due_date": _label(r.due_date and r.due_date.isoformat()),
                                           "total": fmt(r.total), "outstanding": fmt(r.outstanding)})]
        + ([render("billing.cli.show_tax_invoice", {
            "status": _coded(TAX_STATUS_LABELS, r.tax_invoice_status), "number": r.tax_invoice_number or "",
            "date": _label(r.tax_invoice_date and r.tax_invoice_date.isoformat())})] if r.tax_invoice_status else [])
        + [f"  {ln.seq:>3}. {ln.description}  {ln.quantity} x {ln.unit_price or ln.formula or ''} = {fmt(ln.amount)}"
           for ln in detail.lines]
        + [render("billing.cli.allocation_line", {"allocation_id": a.id, "receipt_id": a.receipt_id,
                                                  "amount": fmt(a.amount), "date": a.allocated_on.isoformat()})
           + ("" if a.active else render("billing.cli.allocation_reversed", {"reason": a.reversal_reason or ""}))
           for a in detail.allocations]
        + [render("billing.cli.credit_note_line", {"number": c.number, "date": c.issue_date.isoformat(),
                                                   "total": fmt(c.total), "reason": c.reason})
           for c in detail.credit_notes])
    ctx.output(data, text)
    return 0


def cmd_credit(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        invoice_id = invoices.invoice_id_by_number(session, actor, args.number)
        note = invoices.credit_invoice(session, actor, invoice_id, args.reason, issue_date=args.date)
    data = {"credit_note": note.number, "invoice": note.invoice_number, "total": fmt(note.total),
            "issue_date": note.issue_date, "reason": note.reason, "status": "cancelled"}
    ctx.output(data, render("billing.cli.credited", {"bill": note.invoice_number, "credit_note": note.number,
                                                     "total": fmt(note.total)}))
    return 0


def cmd_pdf(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        document = invoice_document(session, actor, args.number)
    from ..ui.invoice_pdf import write_invoice_pdf  # Qt only when a PDF is asked for

    path = write_invoice_pdf(document, args.file)
    ctx.output({"number": document.number, "file": str(path), "bytes": path.stat().st_size},
               render("billing.cli.pdf_written", {"bill": document.number, "file": str(path)}))
    return 0
