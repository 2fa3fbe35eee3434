"""Usage import (`opcms import usage FILE`): order detail or monthly summaries, recognised by their headers.

Order detail (订单号*, 公司id*, 上传日期*, 设备系列*, 层数*, 面积): one row per shoot, inserted in bulk
(Core statements in batches). The order number is unique: an order imported before with the same content
is `unchanged`; with different content it is rejected (never overwritten; delete it first if the new
content is right). The same order number twice in one file: an identical repeat is counted once with a
warning, a different one is rejected.
Monthly summary (公司id*, 月份*, 设备系列*, 单层拍摄量*, 多层拍摄量*, 多层总层数*, 面积): an upsert of
usage_monthly per (customer, month, series); same figures `unchanged`, different figures `updated` with one
audit row each. The bill adds orders and usage_monthly (see services/usage/records.py), so a summary for a month
that also has orders, or orders for a month that has a usage_monthly row, is imported with a warning.
Every issue of the report is a catalogue code (usage.import.*, usage.*) with named parameters.
Usage of a customer without a price plan is kept (the bill run reports it). One `import` audit event per run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import String, any_, bindparam, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from ...models import UsageMonthly, UsageOrder
from ..audit import trail as audit
from ..platform.bulk import bulk_insert_rows
from ..platform.errors import Cancelled
from ..platform.operations import writes
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress
from ..platform.xlsx_reading import (
    FORMULA_WITHOUT_VALUE,
    CellError,
    Column,
    ImportReport,
    Sheet,
    cell_date,
    cell_decimal,
    cell_int,
    cell_month,
    checked_cell_text,
    dry_run_scope,
    normalise_header,
    open_any_sheet,
)
from ..security.permissions import Actor, require
from ..security.scope import customer_ids_by_company
from .records import (
    MAX_AREA,
    MAX_FLOORS,
    MAX_FLOORS_PER_SHOOT,
    MAX_SHOOTS,
    SERIES,
    figure_problems,
    order_totals,
)

ORDER_COLUMNS = (
    Column("order_no", "订单号", ("订单编号", "订单id")),
    Column("company_id", "公司id", ("公司ID",)),
    Column("upload_date", "上传日期", ("上传时间", "拍摄日期")),
    Column("series", "设备系列", ("系列",)),
    Column("floors", "层数", ("楼层数",)),
    Column("area", "面积", ("面积(m²)", "面积(㎡)", "面积(平方米)"), required=False),
)
SUMMARY_COLUMNS = (
    Column("company_id", "公司id", ("公司ID",)),
    Column("period", "月份", ("账期", "期间")),
    Column("series", "设备系列", ("系列",)),
    Column("single_shoots", "单层拍摄量", ("单层拍摄数",)),
    Column("multi_shoots", "多层拍摄量", ("多层拍摄数",)),
    Column("multi_floors", "多层总层数", ()),
    Column("area", "面积", ("面积(m²)", "面积(㎡)", "面积(平方米)"), required=False),
)
LAYOUTS = {"orders": ORDER_COLUMNS, "summary": SUMMARY_COLUMNS}
BATCH = 5000
ORDER_NO_LIMIT = 64
MAX_COMPANY_ID = 2**63 - 1  # BIGINT


def _company_id(value: Any) -> int | None:
    return cell_int(value, minimum=1, maximum=MAX_COMPANY_ID)


def _constant(value: str | None) -> Callable[[Any], str | None]:
    """A parser that gives `value` whatever the cell (the order number is read and cleaned before)."""
    return lambda _cell: value


def _company_key(value: Any) -> int | None:
    """The 公司id to look up, or None for a cell that is no usable id (its row reports why)."""
    try:
        return _company_id(value)
    except CellError:
        return None


def _area(value: Any) -> Decimal | None:
    return cell_decimal(value, places="0.01", maximum=MAX_AREA)


def _count(maximum: int) -> Callable[[Any], int | None]:
    return lambda value: cell_int(value, minimum=0, maximum=maximum)


class _Reader:
    """Reads typed cells of one row, recording each failure in the report."""

    def __init__(self, sheet: Sheet, report: ImportReport, columns: tuple[Column, ...]):
        self.sheet, self.report = sheet, report
        self.headers = {c.key: sheet.headers.get(c.key, c.header) for c in columns}
        self.row: int = 0
        self.values: dict[str, Any] = {}
        self.failed = False

    def start(self, row: int, values: dict[str, Any]) -> None:
        self.row, self.values, self.failed = row, values, False

    def fail(self, key: str, code: str, **params: Any) -> None:
        self.failed = True
        self.report.error(self.row, self.headers[key], self.values.get(key), code, **params)

    def read(self, key: str, parse: Callable[[Any], Any], required: bool = True) -> Any:
        if self.values.get(key) is FORMULA_WITHOUT_VALUE:  # never read as empty or 0
            self.fail(key, "cells.formula_without_value")
            return None
        try:
            value = parse(self.values.get(key, ""))
        except CellError as exc:
            self.fail(key, exc.code, **exc.params)
            return None
        if value is None and required:
            self.fail(key, "usage.import.required", header=self.headers[key])
        return value

    def series(self) -> str | None:
        text = normalise_header(self.values.get("series")).upper()  # x, Ｘ and " X " are X
        if text not in SERIES:
            self.fail("series", "usage.import.series_unknown")
            return None
        return text

    def customer(self, customers: dict[int, int]) -> int | None:
        company_id = self.read("company_id", _company_id)
        if company_id is None:
            return None
        if company_id not in customers:
            self.fail("company_id", "usage.import.customer_unknown", company_id=company_id)
            return None
        return customers[company_id]


@writes("usage", "audit")
def import_usage(
    session: Session, actor: Actor, path: str | Path, *, dry_run: bool = False,
    progress: Progress | None = None, cancel: Cancel | None = None,
) -> ImportReport:
    require(actor, "usage.import")
    layout, sheet = open_any_sheet(path, LAYOUTS)
    report = ImportReport(dry_run=dry_run, layout=layout)
    for header in sheet.unknown_headers:
        report.warn(None, header, None, "usage.import.unknown_column")
    rows = list(sheet.rows())
    report.rows = len(rows)
    customers = customer_ids_by_company(session, actor, [_company_key(values.get("company_id")) for _, values in rows])
    with dry_run_scope(session, dry_run):
        if layout == "orders":
            _import_orders(session, sheet, rows, customers, report, progress, cancel)
        else:
            _import_summaries(session, actor, sheet, rows, customers, report, progress, cancel)
        audit.record(session, actor, "import", "usage_orders" if layout == "orders" else "usage_monthly", None,
                     {"file": Path(path).name, **{k: v for k, v in report.to_json().items() if k != "errors"}},
                     summary=f"usage import ({layout}) of {Path(path).name}")
    if progress is not None:
        progress(len(rows), len(rows), "progress.done")
    return report


def _tick(done: int, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
    if done % 2000:
        return
    if cancel is not None and cancel():
        raise Cancelled()
    if progress is not None:
        progress(done, total, "progress.reading_rows")


# ---- order detail -------------------------------------------------------------------------------------

OrderValues = tuple[int, dt.date, str, int, Decimal | None]  # customer, date, series, floors, area


def _import_orders(session: Session, sheet: Sheet, rows: list[tuple[int, dict[str, Any]]],
                   customers: dict[int, int], report: ImportReport,
                   progress: Progress | None, cancel: Cancel | None) -> None:
    reader = _Reader(sheet, report, ORDER_COLUMNS)
    parsed: dict[str, tuple[int, OrderValues]] = {}  # order no -> (first row, values)
    for done, (excel_row, values) in enumerate(rows):
        _tick(done, len(rows), progress, cancel)
        reader.start(excel_row, values)
        text, removed = checked_cell_text(values.get("order_no", ""), multiline=False)
        if removed:  # NUL and other controls: PostgreSQL refuses NUL in text
            report.warn(excel_row, reader.headers["order_no"], text, "cells.control_characters_removed")
        order_no = reader.read("order_no", _constant(text or None))
        if order_no and len(order_no) > ORDER_NO_LIMIT:
            reader.fail("order_no", "usage.import.order_no_too_long", limit=ORDER_NO_LIMIT)
        customer_id = reader.customer(customers)
        day = reader.read("upload_date", cell_date)
        series = reader.series()
        floors = reader.read("floors", lambda v: cell_int(v, minimum=1, maximum=MAX_FLOORS_PER_SHOOT))
        area = reader.read("area", _area, required=False)
        if reader.failed:
            report.rejected += 1
            continue
        assert customer_id is not None and series is not None  # reader.failed otherwise
        content: OrderValues = (customer_id, day, series, floors, area)
        if order_no in parsed:
            first_row, first = parsed[order_no]
            if first == content:
                report.warn(excel_row, reader.headers["order_no"], order_no, "usage.import.same_order",
                            first_row=first_row)
                report.unchanged += 1
            else:
                reader.fail("order_no", "usage.import.order_conflict", order_no=order_no, first_row=first_row)
                report.rejected += 1
            continue
        parsed[order_no] = (excel_row, content)
    new = _drop_known_orders(session, parsed, reader, report)
    _warn_orders_on_monthly_rows(session, new, reader, report)
    bulk_insert_rows(session, UsageOrder.__table__, ("order_no", "customer_id", "upload_date", "series", "floors", "area"),
                     [(no, *v) for no, (_row, v) in new], progress)
    report.inserted += len(new)


def _drop_known_orders(session: Session, parsed: dict[str, tuple[int, OrderValues]], reader: _Reader,
                       report: ImportReport) -> list[tuple[str, tuple[int, OrderValues]]]:
    """The orders not in the database yet; known ones are counted unchanged or rejected here."""
    numbers = list(parsed)
    known: dict[str, OrderValues] = {}
    columns = (UsageOrder.order_no, UsageOrder.customer_id, UsageOrder.upload_date, UsageOrder.series,
               UsageOrder.floors, UsageOrder.area)
    on_postgres = session.get_bind().dialect.name == "postgresql"
    chunk = 50_000 if on_postgres else BATCH
    for start in range(0, len(numbers), chunk):
        part = numbers[start:start + chunk]
        # PostgreSQL takes one array parameter; SQLite an IN list of at most BATCH parameters
        condition = UsageOrder.order_no == any_(bindparam("numbers", part, type_=ARRAY(String))) if on_postgres \
            else UsageOrder.order_no.in_(part)
        for no, cid, day, series, floors, area in session.execute(select(*columns).where(condition)):
            known[no] = (cid, day, series, floors, None if area is None else Decimal(str(area)).quantize(Decimal("0.01")))
    new = []
    for no, (excel_row, content) in parsed.items():
        before = known.get(no)
        if before is None:
            new.append((no, (excel_row, content)))
        elif before == content:
            report.unchanged += 1
        else:
            # details only when the stored order is the same customer's (never describe another's order)
            if before[0] == content[0]:
                report.error(excel_row, reader.headers["order_no"], no, "usage.import.order_changed", order_no=no,
                             upload_date=before[1].isoformat(), series=before[2], floors=before[3],
                             area="-" if before[4] is None else before[4])
            else:
                report.error(excel_row, reader.headers["order_no"], no, "usage.import.order_taken", order_no=no)
            report.rejected += 1
    return new


def _warn_orders_on_monthly_rows(session: Session, new: list[tuple[str, tuple[int, OrderValues]]],
                                 reader: _Reader, report: ImportReport) -> None:
    first_row: dict[tuple[int, str, str], int] = {}
    for _no, (excel_row, v) in new:
        key = (v[0], str(Period.of(v[1])), v[2])
        first_row[key] = min(excel_row, first_row.get(key, excel_row))
    keys = sorted(first_row)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        query = select(UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series).where(
            tuple_(UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series).in_(chunk))
        for key in session.execute(query):
            cid, period, series = key
            report.warn(first_row[(cid, period, series)], reader.headers["upload_date"], period,
                        "usage.import.orders_on_monthly", period=period, series=series)


# ---- monthly summaries --------------------------------------------------------------------------------

SummaryValues = tuple[int, int, int, Decimal]  # single, multi, floors, area
FIELDS = ("single_shoots", "multi_shoots", "multi_floors", "area")


def _import_summaries(session: Session, actor: Actor, sheet: Sheet, rows: list[tuple[int, dict[str, Any]]],
                      customers: dict[int, int], report: ImportReport,
                      progress: Progress | None, cancel: Cancel | None) -> None:
    reader = _Reader(sheet, report, SUMMARY_COLUMNS)
    parsed: dict[tuple[int, str, str], tuple[int, SummaryValues]] = {}
    for done, (excel_row, values) in enumerate(rows):
        _tick(done, len(rows), progress, cancel)
        reader.start(excel_row, values)
        customer_id = reader.customer(customers)
        period = reader.read("period", cell_month)
        series = reader.series()
        single = reader.read("single_shoots", _count(MAX_SHOOTS))
        multi = reader.read("multi_shoots", _count(MAX_SHOOTS))
        floors = reader.read("multi_floors", _count(MAX_FLOORS))
        area = reader.read("area", _area, required=False) or Decimal("0.00")
        if multi is not None and floors is not None:
            if floors < 2 * multi:
                reader.fail("multi_floors", "usage.floors_too_few", multi=multi, minimum=2 * multi)
            elif multi == 0 and floors > 0:
                reader.fail("multi_floors", "usage.floors_without_multi")
            elif single is not None:
                for code, name, params in figure_problems(single, multi, floors):
                    reader.fail(name, code, **params)
        if reader.failed:
            report.rejected += 1
            continue
        assert customer_id is not None and series is not None  # reader.failed otherwise
        key = (customer_id, period, series)
        if key in parsed:
            reader.fail("company_id", "usage.import.duplicate_key", first_row=parsed[key][0])
            report.rejected += 1
            continue
        parsed[key] = (excel_row, (single, multi, floors, area.quantize(Decimal("0.01"))))
    _upsert_summaries(session, actor, parsed, reader, report)


def _upsert_summaries(session: Session, actor: Actor, parsed: dict[tuple[int, str, str], tuple[int, SummaryValues]],
                      reader: _Reader, report: ImportReport) -> None:
    keys = sorted(parsed)
    existing: dict[tuple[int, str, str], UsageMonthly] = {}
    for start in range(0, len(keys), 500):
        query = select(UsageMonthly).where(
            tuple_(UsageMonthly.customer_id, UsageMonthly.period, UsageMonthly.series).in_(keys[start:start + 500]))
        existing.update({(m.customer_id, m.period, m.series): m for m in session.scalars(query)})
    orders = {}
    if keys:
        orders = order_totals(session, {k[0] for k in keys}, min(k[1] for k in keys), max(k[1] for k in keys))
    new: list[tuple[Any, ...]] = []
    changed: list[audit.AuditItem] = []
    for key in keys:
        excel_row, figures = parsed[key]
        if key in orders:
            o = orders[key]
            report.warn(excel_row, reader.headers["period"], key[1], "usage.import.summary_with_orders",
                        count=o.shoots, period=key[1], series=key[2])
        row = existing.get(key)
        after = dict(zip(FIELDS, figures, strict=True))
        if row is None:
            new.append((*key, *figures, 1))
            continue
        before = {name: getattr(row, name) for name in FIELDS}
        changes = audit.diff(before, after)
        if not changes:
            report.unchanged += 1
            continue
        for name, value in after.items():
            setattr(row, name, value)
        changed.append(audit.AuditItem("update", "usage_monthly", row.id,
                                       {"customer_id": key[0], "period": key[1], "series": key[2], **changes},
                                       f"usage import, row {excel_row}"))
        report.updated += 1
    session.flush()
    audit.record_many(session, actor, changed)
    bulk_insert_rows(session, UsageMonthly.__table__, ("customer_id", "period", "series", *FIELDS, "version"), new)
    report.inserted += len(new)
