"""The pricing sheet import (`opcms import pricing FILE`): one price plan per row, applied in file order.

Columns (header row found anywhere in the first rows; full-width/space variants accepted; * = required):
    公司id*, 生效日期*, 失效日期, 计费模式* (定价结算 / 阶梯累进 / 阶梯全量 / 按面积 / 包年套餐 / 包年限量套餐),
    设备系列 (X / N / L / 全部; empty = 全部), 单层单价, 多层定价 (number or a+(F-1)*b; 0 = billed at the
    single price, with a warning), 阶梯 (0-1000:10; 1000-5000:8; 5000+:5), 加层单价 (tiered plans: price per
    floor beyond the first of multi-floor shoots), 面积单价 (number or 1m²1元), 套餐年费, 套餐额度, 超额单价,
    付款期限(天).
A row is keyed (customer, series, 生效日期): a new key inserts a plan (ending the open plan of that customer
and series the day before, as the editor does), a known key updates it or leaves it unchanged. Cells a
mode does not use are ignored with a warning. A row is rejected, with row/column/value, when its 公司id is
unknown (or belongs to a customer the actor cannot see), a cell cannot be read, the plan is incomplete, it
overlaps another plan, or the same key appears earlier in the file. Everything runs in the caller's
transaction; `dry_run` rolls back to a savepoint, so the report is exactly what a real run would do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..audit import trail as audit
from ..platform.cells import clean_text, is_missing, to_text
from ..platform.errors import Cancelled, Problem, ValidationError
from ..platform.operations import writes
from ..platform.progress import Progress
from ..platform.xlsx_reading import (
    CellError,
    Column,
    ImportReport,
    Sheet,
    cell_date,
    cell_decimal,
    cell_int,
    dry_run_scope,
    normalise_header,
    open_sheet,
    uncalculated,
)
from ..security.permissions import Actor, require
from ..security.scope import customer_ids_by_company
from .grammar import MAX_PRICE, TierBand, parse_price, parse_tiers
from .plan_input import MAX_QUOTA, MAX_TERMS_DAYS, bound_text, mode_name
from .plans import MODE_FIELDS, MODE_LABELS, PlanInput, upsert_imported_plan, validate_plan

COLUMNS = (
    Column("company_id", "公司id", ("公司ID", "company_id")),
    Column("effective_from", "生效日期", ("开始日期",)),
    Column("effective_to", "失效日期", ("结束日期",), required=False),
    Column("mode", "计费模式", ("结算方式",)),
    Column("series", "设备系列", ("系列",), required=False),
    Column("single_price", "单层单价", ("单层定价",), required=False),
    Column("multi", "多层定价", ("多层单价",), required=False),
    Column("tiers", "阶梯", ("阶梯价格",), required=False),
    Column("extra_floor_price", "加层单价", (), required=False),
    Column("area_rate", "面积单价", (), required=False),
    Column("annual_fee", "套餐年费", (), required=False),
    Column("quota", "套餐额度", (), required=False),
    Column("overage_price", "超额单价", (), required=False),
    Column("payment_terms_days", "付款期限(天)", ("付款期限",), required=False),
)
HEADERS = {c.key: c.header for c in COLUMNS}
# PlanInput field -> the sheet column it comes from
FIELD_COLUMN = {"multi_price": "multi", "multi_base": "multi", "multi_step": "multi"}
MODE_COLUMNS = {mode: {FIELD_COLUMN.get(f, f) for f in fields} for mode, fields in MODE_FIELDS.items()}
MAX_COMPANY_ID = 2**63 - 1  # BIGINT
SERIES_WORDS = {"": "ALL", "X": "X", "N": "N", "L": "L", "ALL": "ALL", "全部": "ALL", "所有": "ALL", "通用": "ALL"}



def _mode_words() -> dict[str, str]:
    words = {mode: mode for mode in MODE_LABELS}
    for mode, label in MODE_LABELS.items():
        words[label] = mode
    words.update({"阶梯": "tiered_graduated", "阶梯(累进)": "tiered_graduated", "阶梯(全量)": "tiered_volume",
                  "面积": "area", "按面积计费": "area"})
    return {normalise_header(k): v for k, v in words.items()}


MODE_WORDS = _mode_words()


class _Row:
    """One sheet row being read: its values, the report entries and the columns' names in this file."""

    def __init__(self, excel_row: int, values: dict[str, Any], sheet: Sheet, report: ImportReport):
        self.excel_row, self.values, self.sheet, self.report = excel_row, values, sheet, report
        self.failed = False

    def header(self, key: str) -> str:
        return self.sheet.headers.get(key, HEADERS[key])

    def fail(self, key: str, code: str, **params: Any) -> None:
        self.failed = True
        self.report.error(self.excel_row, self.header(key), self.values.get(key), code, **params)

    def warn(self, key: str, code: str, **params: Any) -> None:
        self.report.warn(self.excel_row, self.header(key), self.values.get(key), code, **params)

    def fail_cell(self, key: str, exc: CellError) -> None:
        self.fail(key, exc.code, **exc.params)

    def read(self, key: str, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(self.values.get(key, ""))
        except CellError as exc:
            self.fail_cell(key, exc)
            return None


@writes("plans", "audit")
def import_pricing(
    session: Session, actor: Actor, path: str | Path, *, dry_run: bool = False,
    progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    require(actor, "pricing.import")
    sheet = open_sheet(path, COLUMNS)
    report = ImportReport(dry_run=dry_run)
    for header in sheet.unknown_headers:
        report.warn(None, header, None, "pricing.import.unknown_column")
    rows = list(sheet.rows())
    customers = customer_ids_by_company(session, actor, [_company_id(r[1].get("company_id")) for r in rows])
    seen: dict[tuple[int, str, dt.date], int] = {}
    with dry_run_scope(session, dry_run):
        for done, (excel_row, values) in enumerate(rows):
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None and done % 100 == 0:
                progress(done, len(rows), str(excel_row))
            report.rows += 1
            row = _Row(excel_row, values, sheet, report)
            _uncalculated(row)
            plan = _plan_of(row, customers)
            if plan is None or row.failed:
                report.rejected += 1
                continue
            key = (plan.customer_id, plan.series, plan.effective_from)
            if key in seen:
                row.fail("effective_from", "pricing.import.duplicate_key", first_row=seen[key])
                report.rejected += 1
                continue
            seen[key] = excel_row
            _apply(session, actor, row, plan)
        audit.record(session, actor, "import", "price_plan", None,
                     {"file": Path(path).name, **{k: v for k, v in report.to_json().items() if k != "errors"}},
                     summary=f"pricing import of {Path(path).name}")
    if progress is not None:
        progress(len(rows), len(rows), "progress.done")
    return report


def _uncalculated(row: _Row) -> None:
    """A formula cell Excel never calculated holds no value: the row is refused (never priced 0.00 or left
    to a default); the same in a column the row's mode does not use is a warning."""
    mode = MODE_WORDS.get(normalise_header(row.values.get("mode")))
    used = MODE_COLUMNS.get(mode, set()) if mode else set()
    for key in uncalculated(row.values):
        if key in used or key in ("company_id", "effective_from", "effective_to", "mode", "series",
                                  "payment_terms_days"):
            row.fail(key, "cells.formula_without_value")
        else:
            row.warn(key, "cells.formula_without_value")


def _company_id(value: Any) -> int | None:
    """The 公司id to look up, or None for a cell that is no usable id (the row reports why)."""
    try:
        return _company_id_cell(value)
    except CellError:
        return None


def _apply(session: Session, actor: Actor, row: _Row, plan: PlanInput) -> None:
    try:
        outcome = upsert_imported_plan(session, actor, plan)
    except ValidationError as exc:
        for problem in exc.problems or [Problem(exc.code, params=exc.params)]:
            row.fail("effective_from", problem.code, **problem.params)
        row.report.rejected += 1
        return
    setattr(row.report, outcome, getattr(row.report, outcome) + 1)


def _plan_of(row: _Row, customers: dict[int, int]) -> PlanInput | None:
    company_id = row.read("company_id", _company_id_cell)
    customer_id = None
    if is_missing(row.values.get("company_id")):
        row.fail("company_id", "pricing.import.required", header=row.header("company_id"))
    elif company_id is not None:
        customer_id = customers.get(company_id)
        if customer_id is None:
            row.fail("company_id", "pricing.import.customer_unknown", company_id=company_id)
    start = row.read("effective_from", cell_date)
    if is_missing(row.values.get("effective_from")):
        row.fail("effective_from", "pricing.import.required", header=row.header("effective_from"))
    end = row.read("effective_to", cell_date)
    mode = MODE_WORDS.get(normalise_header(row.values.get("mode")))
    if mode is None:
        row.fail("mode", "pricing.import.mode_unknown", modes=list(MODE_LABELS.values()))
        return None
    series = SERIES_WORDS.get(normalise_header(row.values.get("series")).upper())
    if series is None:
        row.fail("series", "pricing.import.series_unknown")
    fields = _prices(row, mode)
    terms = row.read("payment_terms_days", lambda v: cell_int(v, minimum=0, maximum=MAX_TERMS_DAYS))
    if row.failed or customer_id is None or start is None or series is None:
        return None
    plan = PlanInput(customer_id=customer_id, mode=mode, series=series, effective_from=start, effective_to=end,
                     payment_terms_days=terms, source="pricing_import", source_raw=_raw_text(row), **fields)
    for problem in validate_plan(plan):
        key = FIELD_COLUMN.get(problem.field or "", problem.field or "effective_from")
        row.fail(key if key in HEADERS else "effective_from", problem.code, **problem.params)
    return None if row.failed else plan


def _prices(row: _Row, mode: str) -> dict[str, Any]:
    used = MODE_COLUMNS[mode]
    for key in ("single_price", "multi", "tiers", "extra_floor_price", "area_rate", "annual_fee", "quota",
                "overage_price"):
        if key not in used and not is_missing(row.values.get(key)):
            row.warn(key, "pricing.import.column_unused", mode=mode_name(mode))
    fields: dict[str, Any] = {}
    for key in used:
        if key == "multi":
            fields.update(_multi(row))
        elif key == "tiers":
            fields["tiers"] = _tiers(row)
        elif key == "quota":
            fields["quota"] = row.read("quota", lambda v: cell_int(v, minimum=0, maximum=MAX_QUOTA))
        elif key in ("area_rate", "annual_fee"):
            fields[key] = _rate_or_grammar(row, key)
        else:
            fields[key] = row.read(key, _price_cell)
    return fields


def _company_id_cell(value: Any) -> int | None:
    return cell_int(value, minimum=1, maximum=MAX_COMPANY_ID)


def _price_cell(value: Any) -> Decimal | None:
    return cell_decimal(value, places="0.0001", maximum=MAX_PRICE)


def _too_large(row: _Row, key: str) -> None:
    row.fail(key, "cells.at_most", maximum=bound_text(MAX_PRICE))


def _multi(row: _Row) -> dict[str, Decimal | None]:
    value = row.values.get("multi")
    if is_missing(value):
        return {}
    if isinstance(value, float | int) and not isinstance(value, bool):  # a number cell: bounded as a price
        price = row.read("multi", _price_cell)
        if price is None or row.failed:
            return {}
        value = format(price, "f")
    try:
        spec = parse_price(value, "multi")
    except ArithmeticError:  # more digits than a price holds
        _too_large(row, "multi")
        return {}
    if spec.kind == "per_shoot":
        return {"multi_price": spec.price}
    if spec.kind == "formula":
        return {"multi_base": spec.base, "multi_step": spec.step}
    if spec.kind == "same_as_single":
        row.warn("multi", spec.warning or "pricing.price.multi_zero")
        return {}
    row.fail("multi", "pricing.import.multi_invalid")
    return {}


def _tiers(row: _Row) -> tuple[TierBand, ...]:
    value = row.values.get("tiers")
    if is_missing(value):
        return ()
    try:
        return tuple(parse_tiers(value, HEADERS["tiers"]))
    except ArithmeticError:
        _too_large(row, "tiers")
        return ()
    except ValidationError as exc:
        for problem in exc.problems:
            row.fail("tiers", problem.code, **problem.params)
        return ()


def _rate_or_grammar(row: _Row, key: str) -> Decimal | None:
    """面积单价 may be written 1m²1元 and 套餐年费 9980套餐, as in the customer sheet."""
    value = row.values.get(key)
    places = "0.01" if key == "annual_fee" else "0.0001"
    try:
        return cell_decimal(value, places=places, maximum=MAX_PRICE)
    except CellError as exc:
        if exc.code == "cells.at_most":
            row.fail_cell(key, exc)
            return None
        try:
            spec = parse_price(value)
        except ArithmeticError:
            _too_large(row, key)
            return None
        if key == "area_rate" and spec.kind == "area":
            return spec.area_rate
        if key == "annual_fee" and spec.kind == "package":
            return spec.annual_fee
        row.fail_cell(key, exc)
        return None


def _raw_text(row: _Row) -> str:
    """The row's cells as one text (kept with the plan); control characters (NUL ...) removed with a warning."""
    parts = []
    for key, value in row.values.items():
        if not is_missing(value):
            text = value.isoformat() if isinstance(value, dt.date) else to_text(value)
            text, removed = clean_text(text)
            if removed:
                row.warn(key, "cells.control_characters_removed")
            parts.append(f"{row.header(key)}={text}")
    return "; ".join(parts)
