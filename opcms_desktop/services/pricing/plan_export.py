"""The price plans export (`opcms export price-plans FILE`): every plan the acting user may see, in the
pricing sheet's own columns (so the file can be edited and imported again) plus 客户名称 and 方案id.

Prices are real number cells (up to 4 decimals shown), dates real date cells. Audited; sales users export
their own customers' plans only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer, PricePlan
from ..audit import trail as audit
from ..platform.operations import writes
from ..platform.xlsx_writer import require_folder, stamp_workbook, text_cell
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.field_permissions import AMOUNTS, hidden_fields
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .grammar import format_tiers
from .plan_input import MODE_LABELS, SERIES_LABELS
from .plans import _tiers
from .sheet_import import COLUMNS

EXTRA = ("客户名称", "方案id")
PRICE_FORMAT, DATE_FORMAT = "#,##0.00##", "yyyy-mm-dd"
PRICES = {"单层单价", "加层单价", "面积单价", "套餐年费", "超额单价"}


@dataclass(frozen=True)
class PlanExport:
    path: str
    rows: int


def _multi(plan: PricePlan) -> Any:
    if plan.multi_base is not None and plan.multi_step is not None:
        return f"{format(Decimal(plan.multi_base).normalize(), 'f')}+(F-1)*{format(Decimal(plan.multi_step).normalize(), 'f')}"
    return plan.multi_price


def _values(plan: PricePlan, customer: Customer, tiers: str) -> dict[str, Any]:
    return {"公司id": customer.company_id, "生效日期": plan.effective_from, "失效日期": plan.effective_to,
            "计费模式": MODE_LABELS.get(plan.mode, plan.mode), "设备系列": SERIES_LABELS.get(plan.series, plan.series),
            "单层单价": plan.single_price, "多层定价": _multi(plan), "阶梯": tiers or None,
            "加层单价": plan.extra_floor_price, "面积单价": plan.area_rate, "套餐年费": plan.annual_fee,
            "套餐额度": plan.quota, "超额单价": plan.overage_price, "付款期限(天)": plan.payment_terms_days,
            "客户名称": customer.name, "方案id": plan.id}


@writes("audit", "access_log", "exports")
def export_price_plans(session: Session, actor: Actor, path: str | Path) -> PlanExport:
    require(actor, "pricing.view")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    target = require_folder(path)
    found = session.execute(select(PricePlan, Customer).join(Customer, Customer.id == PricePlan.customer_id)
                            .where(visible_customers(actor, PricePlan.customer_id))
                            .order_by(Customer.company_id, PricePlan.series, PricePlan.effective_from)).all()
    tiers = _tiers(session, [plan.id for plan, _c in found])
    headers = [c.header for c in COLUMNS] + list(EXTRA)
    if AMOUNTS in hidden_fields(session, actor):  # prices hidden for the role: their columns are left out
        headers = [h for h in headers if h not in PRICES and h != "多层定价"]
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("价格方案")
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for plan, customer in found:
        values = _values(plan, customer, format_tiers(list(tiers.get(plan.id, ()))))
        line = []
        for header in headers:
            value = values.get(header)
            if isinstance(value, str):
                line.append(text_cell(ws, value))
                continue
            cell = WriteOnlyCell(ws, value=Decimal(value) if header in PRICES and value is not None else value)
            if header in PRICES or header == "多层定价":
                cell.number_format = PRICE_FORMAT
            elif header in ("生效日期", "失效日期"):
                cell.number_format = DATE_FORMAT
            line.append(cell)
        ws.append(line)
    clear_export(session, actor, "price_plans", len(found))
    audit.record(session, actor, "event", "price_plan_export", None, {"file": target.name, "rows": len(found)})
    record_access(session, actor, "export", "price_plans", None, len(found), {"file": target.name})
    stamp_workbook(workbook, exporter_name(actor))
    session.flush()
    workbook.save(target)
    return PlanExport(str(target), len(found))
