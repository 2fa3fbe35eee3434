"""Export customers as the customer sheet itself: the 18 reference columns with the sheet's own headers.

What the import stored is written back as the sheet had it (raw texts, dictionary labels, real number
cells for numbers), so exporting and importing the file again reports every row unchanged. Text that a
spreadsheet would run as a formula (=, +, -, @) is written as text. Scoped: a sales user exports only
the customers they own. (`customer_export` exports the customer list view instead.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner, DictionaryEntry
from ...models.customer import ACCOUNT_TYPES
from ..audit import trail as audit
from ..platform.errors import Cancelled, UserError
from ..platform.messages import render
from ..platform.operations import writes
from ..platform.progress import Progress
from ..platform.xlsx_writer import stamp_workbook
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.field_permissions import hidden_fields, sheet_key_hidden
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .cells import looks_like_formula, number_or_text
from .export_file import save_with_transaction
from .headers import FIELDS
from .normalise import SETTLEMENT_LABELS

EXCEL_TEXT_LIMIT = 32767
_ACCOUNT_LABELS = {code: label for label, code in ACCOUNT_TYPES.items()}
_YES_NO = {"yes": "是", "no": "否", "pending": "待确认"}
_NUMERIC_TEXT = frozenset({"single_price", "multi_price", "settlement_mode"})


@dataclass(frozen=True)
class SheetExportResult:
    path: str
    rows: int


def text_cell(ws: Any, text: str) -> WriteOnlyCell:
    """A text cell that stays text: never a formula, no characters Excel refuses."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_TEXT_LIMIT]
    cell = WriteOnlyCell(ws, value=text)
    if cell.data_type != "s" or looks_like_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def sheet_cell(ws: Any, value: Any) -> Any:
    """A value as a real typed cell: numbers as numbers, text protected from formula evaluation."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return text_cell(ws, value)
    return value


def _sheet_values(customer: Customer, industry: str | None, erp: str | None, coop_label: str | None,
                  owners: dict[str, list[str]]) -> dict[str, Any]:
    def owner_cell(raw: str | None, kind: str) -> str | None:
        return raw if raw is not None else ("\n".join(owners.get(kind, [])) or None)

    coop = customer.coop_status_raw
    if coop is None and coop_label is not None:
        coop = coop_label + (f" @{customer.coop_note}" if customer.coop_note else "")
    return {
        "company_id": customer.company_id,
        "name": customer.name,
        "account_type": customer.account_type_raw or _ACCOUNT_LABELS.get(customer.account_type or ""),
        "industry": industry,
        "erp": erp,
        "onboarding": customer.onboarding_raw or customer.onboarding_half,
        "grade": customer.grade,
        "sales_owner": owner_cell(customer.sales_owner_raw, "sales"),
        "ops_owner": owner_cell(customer.ops_owner_raw, "ops"),
        "coop_status": coop,
        "billing": _YES_NO.get(customer.billing_enabled or ""),
        "disabled": None if customer.disabled is None else ("是" if customer.disabled else "否"),
        "notes": customer.notes,
        "settlement_mode": customer.settlement_mode_raw or SETTLEMENT_LABELS.get(customer.settlement_mode or ""),
        "single_price": customer.single_price_raw,
        "multi_price": customer.multi_price_raw,
        "consumption_tier": customer.consumption_tier,
        "avg_monthly_shoots": customer.avg_monthly_shoots,
    }


def _customers(session: Session, actor: Actor, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
    industry, erp = aliased(DictionaryEntry), aliased(DictionaryEntry)
    coop_labels: dict[str, str] = {}
    for code, label in session.execute(select(DictionaryEntry.code, DictionaryEntry.label)
                                       .where(DictionaryEntry.kind == "coop_status", DictionaryEntry.code.is_not(None))
                                       .order_by(DictionaryEntry.sort_order.desc(), DictionaryEntry.id.desc())):
        if code is not None:
            coop_labels[code] = label  # the first label of each code wins (loop runs last to first)
    last_id = 0
    while True:
        rows = session.execute(
            select(Customer, industry.label, erp.label)
            .outerjoin(industry, industry.id == Customer.industry_id)
            .outerjoin(erp, erp.id == Customer.erp_id)
            .where(visible_customers(actor), Customer.id > last_id)
            .order_by(Customer.id).limit(batch)
        ).all()
        if not rows:
            return
        ids = [r[0].id for r in rows]
        owners: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for customer_id, kind, raw_name in session.execute(
                select(CustomerOwner.customer_id, CustomerOwner.kind, CustomerOwner.raw_name)
                .where(CustomerOwner.customer_id.in_(ids)).order_by(CustomerOwner.id)):
            owners[customer_id][kind].append(raw_name)
        for customer, industry_label, erp_label in rows:
            yield customer, industry_label, erp_label, coop_labels.get(customer.coop_status or ""), owners[customer.id]
        last_id = ids[-1]
        session.expunge_all()


@writes("audit", "access_log", "exports")
def export_customers(session: Session, actor: Actor, path: str | Path, *, progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None) -> SheetExportResult:
    """Write the customers the actor may see to `path` (.xlsx) in the customer sheet's layout.

    File and audit row together or neither, as export.export_customer_view does."""
    require(actor, "customers.export")
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("customers.export.not_xlsx", file=target.name)
    total = session.scalar(select(func.count()).select_from(Customer).where(visible_customers(actor))) or 0
    clear_export(session, actor, "customers", total)  # a large export waits for a second person's approval
    hidden = hidden_fields(session, actor)
    shown = [field for field in FIELDS if not sheet_key_hidden(field.key, hidden)]
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("客户")
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for field in shown:
        cell = WriteOnlyCell(ws, value=field.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    written = 0
    for customer, industry, erp, coop_label, owners in _customers(session, actor):
        if written % 2000 == 0:
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress(written, total, render("customers.progress.exporting"))
        values = _sheet_values(customer, industry, erp, coop_label, owners)
        cells = []
        for field in shown:
            value = values[field.key]
            if field.key in _NUMERIC_TEXT and isinstance(value, str):
                value = number_or_text(value)
            cells.append(sheet_cell(ws, value))
        ws.append(cells)
        written += 1
    audit.record(session, actor, "event", "customer_sheet_export", None, {"file": target.name, "rows": written})
    record_access(session, actor, "export", "customers", None, written, {"file": target.name})
    stamp_workbook(workbook, exporter_name(actor))
    session.flush()
    save_with_transaction(session, workbook, target)
    return SheetExportResult(str(target), written)
