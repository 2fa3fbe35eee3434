"""Importing receipts from a bank-export sheet: match each row to a customer, confirm, then record.

Matching, in order: by 公司id when the row has one ('id'; an unknown id is not matched by name, it is
reported), else by the exact customer name ('name'), else by a normalised / similar name ('fuzzy':
full-width and punctuation folded, bracketed parts and company suffixes such as 有限公司 dropped, then
equal, contained, or difflib ratio >= 0.8 with a single best candidate); otherwise 'none'.

A dry run returns every row with its proposed customer and match kind. Committing takes the confirmed
mapping {sheet row: customer id or None (skip)}; rows not in the mapping are imported when matched by
id or name, fuzzy ones only with `accept_fuzzy=True`. Unmatched, unconfirmed and unreadable rows are
not imported and are reported as errors.

A row with the same date, amount, reference and payer as an existing receipt (or an earlier row of the
file) is a duplicate: it is not imported again and is reported as a warning (counted as unchanged).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer, Receipt
from ..audit import trail as audit
from ..platform.errors import Cancelled
from ..platform.messages import Message, msg, render
from ..platform.money import money
from ..platform.operations import reads, writes
from ..platform.xlsx_reading import ImportReport
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .receipt_sheet import BankRow, read_receipt_sheet
from .receipts import ReceiptInput, add_receipt, validate_receipt

MATCH_KINDS = ("id", "name", "fuzzy", "none")
PAYER = "付款方"  # the column an import issue about the matched customer points at
DEFAULT_METHOD = "银行转账"
_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "集团")
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


@dataclass(frozen=True)
class MatchedCustomer:
    customer_id: int
    company_id: int
    name: str


@dataclass(frozen=True)
class ReceiptImportRow:
    """One readable sheet row with its proposed customer (what the confirmation screen shows)."""

    row: int
    bank: BankRow
    match: str  # id / name / fuzzy / none
    customer: MatchedCustomer | None
    note: Message | None  # why there is no match (receivables.match.*), with the close candidates
    duplicate_of: Message | None  # receivables.duplicate.*: an earlier receipt or an earlier row of the file


@dataclass(frozen=True)
class ReceiptImportResult:
    report: ImportReport  # counts and issues, the JSON shape every import prints
    matches: tuple[ReceiptImportRow, ...]
    receipt_ids: tuple[int, ...]  # the receipts recorded (empty on a dry run)


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").lower()
    text = _BRACKETS.sub("", text)
    text = "".join(ch for ch in text if ch.isalnum())
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text


class CustomerDirectory:
    """The customers an actor may see, indexed for matching payers."""

    def __init__(self, customers: list[MatchedCustomer]):
        self.by_company_id = {c.company_id: c for c in customers}
        self.by_id = {c.customer_id: c for c in customers}
        self.by_name: dict[str, list[MatchedCustomer]] = {}
        self.by_norm: dict[str, list[MatchedCustomer]] = {}
        for c in customers:
            self.by_name.setdefault(c.name.strip(), []).append(c)
            norm = normalise_name(c.name)
            if norm:
                self.by_norm.setdefault(norm, []).append(c)

    @classmethod
    def load(cls, session: Session, actor: Actor) -> CustomerDirectory:
        rows = session.execute(select(Customer.id, Customer.company_id, Customer.name).where(visible_customers(actor)))
        return cls([MatchedCustomer(i, company_id, name) for i, company_id, name in rows])

    def match(self, payer: str | None, company_id: int | None) -> tuple[str, MatchedCustomer | None, Message | None]:
        if company_id is not None:
            found = self.by_company_id.get(company_id)
            if found is None:
                return "none", None, msg("receivables.match.unknown_company_id", company_id=company_id)
            return "id", found, None
        if not payer:
            return "none", None, msg("receivables.match.no_payer")
        exact = self.by_name.get(payer.strip(), [])
        if len(exact) == 1:
            return "name", exact[0], None
        if len(exact) > 1:
            return "none", None, msg("receivables.match.same_name", candidates=_names(exact))
        return self._fuzzy(normalise_name(payer))

    def _fuzzy(self, norm: str) -> tuple[str, MatchedCustomer | None, Message | None]:
        if not norm:
            return "none", None, msg("receivables.match.no_similar_name")
        candidates = self.by_norm.get(norm, [])
        if not candidates:
            containing = [k for k in self.by_norm if len(k) >= 2 and (k in norm or (len(norm) >= 4 and norm in k))]
            if containing:
                best = max(len(k) for k in containing)
                longest = [k for k in containing if len(k) == best]
                candidates = [c for k in longest for c in self.by_norm[k]]
        if not candidates:
            scored = sorted(((difflib.SequenceMatcher(None, norm, k).ratio(), k) for k in
                             difflib.get_close_matches(norm, list(self.by_norm), n=3, cutoff=0.8)), reverse=True)
            if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
                candidates = self.by_norm[scored[0][1]]
            elif scored:
                candidates = [c for _, k in scored for c in self.by_norm[k]]
        if len(candidates) == 1:
            return "fuzzy", candidates[0], None
        if candidates:
            return "none", None, msg("receivables.match.similar_names", candidates=_names(candidates))
        return "none", None, msg("receivables.match.no_similar_name")


def _names(customers: list[MatchedCustomer]) -> tuple[str, ...]:
    """Up to five candidates as "name (公司id)" values (the catalogue joins a list per language)."""
    return tuple(f"{c.name} ({c.company_id})" for c in customers[:5])


def _key(date: object, amount: object, reference: str | None, payer: str | None) -> tuple[str, str, str, str]:
    return (str(date), format(money(amount), "f"), (reference or "").strip(), (payer or "").strip())


def _existing_keys(session: Session, actor: Actor, rows: list[BankRow]) -> dict[tuple[str, str, str, str], Message]:
    """Bank rows already recorded (for any customer), naming the receipt only if the actor may see it."""
    if not rows:
        return {}
    dates = [r.receipt_date for r in rows]
    found = session.execute(select(Receipt.id, Receipt.receipt_date, Receipt.amount, Receipt.reference, Receipt.payer,
                                   visible_customers(actor, Receipt.customer_id))
                            .where(Receipt.receipt_date >= min(dates), Receipt.receipt_date <= max(dates)))
    return {_key(d, a, ref, payer): msg("receivables.duplicate.receipt", receipt_id=i) if visible
            else msg("receivables.duplicate.earlier_receipt") for i, d, a, ref, payer, visible in found}


@reads
def preview_receipt_import(session: Session, actor: Actor, path: str | Path,
                           report: ImportReport | None = None) -> list[ReceiptImportRow]:
    """Every readable row with its proposed customer and duplicate flag (unreadable rows go to `report`)."""
    require(actor, "receipts.import")
    bank_rows = read_receipt_sheet(path, report if report is not None else ImportReport(dry_run=True))
    directory = CustomerDirectory.load(session, actor)
    existing = _existing_keys(session, actor, bank_rows)
    seen: dict[tuple[str, str, str, str], int] = {}
    out = []
    for b in bank_rows:
        kind, customer, note = directory.match(b.payer, b.company_id)
        key = _key(b.receipt_date, b.amount, b.reference, b.payer)
        duplicate = existing.get(key) or (msg("receivables.duplicate.row", other_row=seen[key]) if key in seen else None)
        seen.setdefault(key, b.row)
        out.append(ReceiptImportRow(b.row, b, kind, customer, note, duplicate))
    return out


def _customer_for(m: ReceiptImportRow, confirmed: Mapping[int, int | None], directory: CustomerDirectory | None,
                  accept_fuzzy: bool, report: ImportReport) -> MatchedCustomer | None:
    """The customer a row goes to, or None after writing the reason into `report`."""
    value = f"{m.bank.payer or ''} {m.bank.amount}"
    if m.row in confirmed:
        chosen = confirmed[m.row]
        customer = None if chosen is None or directory is None else directory.by_id.get(chosen)
        if chosen is None:
            report.error(m.row, PAYER, value, "receivables.import.skipped")
        elif customer is None:
            report.error(m.row, PAYER, value, "receivables.import.customer_not_visible", customer_id=chosen)
        return customer
    if m.match == "none" or m.customer is None:
        note = m.note or msg("receivables.match.no_similar_name")
        report.error(m.row, PAYER, value, note.code, **note.params)
        return None
    if m.match == "fuzzy":
        who = {"name": m.customer.name, "company_id": m.customer.company_id}
        if not accept_fuzzy:
            report.error(m.row, PAYER, value, "receivables.import.fuzzy_unconfirmed", **who)
            return None
        report.warn(m.row, PAYER, value, "receivables.import.fuzzy_accepted", **who)
    return m.customer


@writes("receipts", "audit")
def import_receipts(
    session: Session, actor: Actor, path: str | Path, *, dry_run: bool = False,
    confirmed: Mapping[int, int | None] | None = None, accept_fuzzy: bool = False, method: str = DEFAULT_METHOD,
    progress: Callable[[int, int, str], None] | None = None, cancel: Callable[[], bool] | None = None,
) -> ReceiptImportResult:
    """Dry run (nothing written) or commit of a receipt sheet; see the module docstring for the rules."""
    require(actor, "receipts.import")
    if not dry_run:
        require(actor, "receipts.record")
    report = ImportReport(dry_run=dry_run)
    matches = preview_receipt_import(session, actor, path, report)
    confirmed = dict(confirmed or {})
    directory = CustomerDirectory.load(session, actor) if confirmed else None
    inserted: list[int] = []
    for done, m in enumerate(matches, start=1):
        if cancel and cancel():
            raise Cancelled()
        if progress and (done % 100 == 0 or done == len(matches)):
            progress(done, len(matches), render("receivables.import.progress", {"row": m.row}))
        report.rows += 1
        if m.duplicate_of:
            report.unchanged += 1
            report.warn(m.row, None, f"{m.bank.payer or ''} {m.bank.amount}", m.duplicate_of.code,
                        **m.duplicate_of.params)
            continue
        customer = _customer_for(m, confirmed, directory, accept_fuzzy, report)
        if customer is None:
            report.rejected += 1
            continue
        report.inserted += 1
        if dry_run:
            continue
        data = ReceiptInput(customer_id=customer.customer_id, receipt_date=m.bank.receipt_date, amount=m.bank.amount,
                            method=method, reference=m.bank.reference, payer=m.bank.payer, note=m.bank.note)
        amount, texts = validate_receipt(data, row=m.row)
        inserted.append(add_receipt(session, actor, data, amount=amount, texts=texts, action="import").id)
    report.issues.sort(key=lambda issue: issue.row or 0)
    if not dry_run:
        audit.record(session, actor, "import", "receipts", None,
                     {"file": Path(path).name, **{k: v for k, v in report.to_json().items() if k != "errors"}},
                     summary=f"receipt import {Path(path).name}")
    return ReceiptImportResult(report=report, matches=tuple(matches), receipt_ids=tuple(inserted))


@reads
def check_receipt_import(
    session: Session, actor: Actor, path: str | Path, *, accept_fuzzy: bool = False,
    progress: Callable[[int, int, str], None] | None = None, cancel: Callable[[], bool] | None = None,
) -> ReceiptImportResult:
    """The dry run of `import_receipts` as a read: every row matched and counted, nothing written."""
    return import_receipts(session, actor, path, dry_run=True, accept_fuzzy=accept_fuzzy, progress=progress,
                           cancel=cancel)
