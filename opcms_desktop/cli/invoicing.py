"""`opcms invoices issue|list` and `opcms invoice show|credit|pdf`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation

from ..services.billing import invoices
from ..services.billing.balances import fmt
from ..services.billing.document import invoice_document
from ..services.billing.queries import INVOICE_STATES, SORT_KEYS, InvoiceFilter, InvoiceRow
from ..services.receivables import report_xlsx
from .common import Context, json_flag


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def period_arg(text: str) -> str:
    try:
        dt.date.fromisoformat(text.strip() + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a period YYYY-MM: {text!r}") from None
    return text.strip()


def amount_arg(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = groups["invoices"].add_parser("issue", help="issue the drafts of a period (numbers INV-YYYY-NNNNNN)")
    p.add_argument("--period", type=period_arg, help="YYYY-MM: issue every draft of this period")
    p.add_argument("--id", type=int, action="append", dest="ids", help="issue this draft (repeatable)")
    p.add_argument("--date", type=date_arg, help="issue date (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_issue)

    p = groups["invoices"].add_parser("list", help="list invoices")
    p.add_argument("--period", type=period_arg)
    p.add_argument("--status", choices=INVOICE_STATES)
    p.add_argument("--overdue", action="store_true", help="only overdue invoices")
    p.add_argument("--as-of", type=date_arg, help="date overdue is judged on (default: today)")
    p.add_argument("--company-id", type=int)
    p.add_argument("--customer", help="part of the customer name")
    p.add_argument("--owner-id", type=int, help="the sales owner's user id")
    p.add_argument("--payment-status", choices=("unpaid", "partially_paid", "paid"))
    p.add_argument("--sort", choices=SORT_KEYS, default="number")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", type=int, help="at most this many rows")
    p.add_argument("--xlsx", metavar="FILE", help="also write every matching invoice to this .xlsx file")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = groups["invoice"].add_parser("show", help="one invoice with lines, allocations and credit notes")
    p.add_argument("number")
    json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = groups["invoice"].add_parser("credit", help="cancel an issued invoice by a credit note (冲正)")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=date_arg, help="credit note date (default: today)")
    json_flag(p)
    p.set_defaults(handler=cmd_credit)

    p = groups["invoice"].add_parser("pdf", help="print an invoice to a PDF file")
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
    }


def cmd_issue(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        result = invoices.issue_invoices(session, actor, period=args.period, invoice_ids=args.ids,
                                         issue_date=args.date)
    for s in result.skipped:
        print(f"warning: {s.customer_name} ({s.company_id}) draft #{s.invoice_id} not issued: {s.reason}",
              file=sys.stderr)
    data = {"issued": [{"number": i.number, "company_id": i.company_id, "amount": fmt(i.amount),
                        "due_date": i.due_date.isoformat()} for i in result.issued]}
    text = "\n".join([f"{len(result.issued)} invoices issued, {len(result.skipped)} skipped."]
                     + [f"  {i.number}  {i.company_id:>8}  {fmt(i.amount):>12}  due {i.due_date}  {i.customer_name}"
                        for i in result.issued])
    ctx.output(data, text)
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    filters = InvoiceFilter(period=args.period, status=args.status, company_id=args.company_id,
                            customer_name=args.customer, owner_user_id=args.owner_id, overdue_only=args.overdue,
                            payment_status=args.payment_status)
    with ctx.session() as session:
        page = invoices.list_invoices(session, actor, filters, limit=args.limit, sort=args.sort,
                                      descending=args.desc, as_of=args.as_of)
        written = None
        if args.xlsx:
            written = report_xlsx.export_invoices_xlsx(session, actor, args.xlsx, filters, sort=args.sort,
                                                       descending=args.desc, as_of=args.as_of)
    data: dict = {"count": page.total_count, "total": fmt(page.sum_total), "outstanding": fmt(page.sum_outstanding),
                  "as_of": page.as_of, "invoices": [row_json(r) for r in page.rows]}
    if written is not None:
        data["xlsx"] = {"file": args.xlsx, "rows": written}
    lines = [f"{page.total_count} invoices, total {fmt(page.sum_total)}, outstanding {fmt(page.sum_outstanding)}"]
    lines += [f"  {r.number or '(draft #' + str(r.id) + ')':<18} {r.company_id:>8} {r.period} {r.status:<9} "
              f"{fmt(r.total):>12} {fmt(r.outstanding):>12} {r.payment_status or '':<14}"
              f"{' overdue ' + str(r.days_overdue) + 'd' if r.overdue else ''}  {r.customer_name}" for r in page.rows]
    ctx.output(data, "\n".join(lines))
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
        [f"{r.number}  {r.customer_name} ({r.company_id})  {r.period}  {r.status}  {r.payment_status or ''}",
         f"issued {r.issue_date}  due {r.due_date}  total {fmt(r.total)}  outstanding {fmt(r.outstanding)}"]
        + [f"  {ln.seq:>3}. {ln.description}  {ln.quantity} x {ln.unit_price or ln.formula or ''} = {fmt(ln.amount)}"
           for ln in detail.lines]
        + [f"  allocation #{a.id}: receipt #{a.receipt_id} {fmt(a.amount)} on {a.allocated_on}"
           + ("" if a.active else f" (reversed: {a.reversal_reason})") for a in detail.allocations]
        + [f"  credit note {c.number} {c.issue_date} {fmt(c.total)}: {c.reason}" for c in detail.credit_notes])
    ctx.output(data, text)
    return 0


def cmd_credit(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        invoice_id = invoices.invoice_id_by_number(session, actor, args.number)
        note = invoices.credit_invoice(session, actor, invoice_id, args.reason, issue_date=args.date)
    data = {"credit_note": note.number, "invoice": note.invoice_number, "total": fmt(note.total),
            "issue_date": note.issue_date, "reason": note.reason, "status": "cancelled"}
    ctx.output(data, f"{note.invoice_number} cancelled by credit note {note.number} ({fmt(note.total)}).")
    return 0


def cmd_pdf(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        document = invoice_document(session, actor, args.number)
    from ..ui.invoice_pdf import write_invoice_pdf  # Qt only when a PDF is asked for

    path = write_invoice_pdf(document, args.file)
    ctx.output({"number": document.number, "file": str(path), "bytes": path.stat().st_size},
               f"{document.number} written to {path}")
    return 0
