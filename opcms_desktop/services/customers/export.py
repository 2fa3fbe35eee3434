"""Export of exactly what the customer list shows: the same query, order, columns and scope.

An export writes its file and its audit row, or neither (export_file.save_with_transaction)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from ..audit import trail as audit
from ..platform.errors import Cancelled, UserError
from ..platform.messages import render
from ..platform.operations import reads, writes
from ..platform.xlsx_writer import stamp_workbook, text_cell
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.field_permissions import hidden_fields
from ..security.permissions import Actor, require
from .columns import ListColumn, columns_for
from .export_file import save_with_transaction
from .query import CustomerQuery, check_query, iter_customer_ids
from .rows import load_rows

Progress = Callable[[int, int, str], None]
_NUMBER_FORMATS = {"int": "0", "number": "0.##"}


def _rows(session: Session, actor: Actor, query: CustomerQuery, columns: list[ListColumn],
          progress: Progress | None, cancel: Callable[[], bool] | None) -> Iterator[tuple[Any, ...]]:
    batches = list(iter_customer_ids(session, actor, query))
    total = sum(len(b) for b in batches)
    done = 0
    for ids in batches:
        if cancel is not None and cancel():
            raise Cancelled()
        found = load_rows(session, actor, ids)
        for customer_id in ids:
            row = found.get(customer_id)
            if row is not None:
                yield tuple(column.value(row) for column in columns)
        done += len(ids)
        if progress is not None:
            progress(done, total, render("customers.progress.exporting"))


@reads
def export_rows(session: Session, actor: Actor, query: CustomerQuery, columns: Sequence[str], *,
                progress: Progress | None = None,
                cancel: Callable[[], bool] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(headers, rows) of the list as it shows: the query's filters, search and order; visible rows only."""
    require(actor, "customers.export")
    check_query(query)
    hidden = hidden_fields(session, actor)
    chosen = [c for c in columns_for(columns) if c.key not in hidden]
    return [c.header for c in chosen], list(_rows(session, actor, query, chosen, progress, cancel))


def _cell(ws: Any, value: Any, column: ListColumn) -> WriteOnlyCell:
    if value is None or value == "":
        return WriteOnlyCell(ws, value=None)
    if column.kind in _NUMBER_FORMATS and isinstance(value, int | Decimal):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = _NUMBER_FORMATS[column.kind]
        return cell
    return text_cell(ws, str(value))


def _discard(ws: Any) -> None:
    """Finish and delete the half-written sheet's temporary file (cancelled or failed export)."""
    with contextlib.suppress(Exception):
        ws.close()
        ws._writer.cleanup()


@writes("audit", "access_log", "exports")
def export_customer_view(session: Session, actor: Actor, query: CustomerQuery, columns: Sequence[str],
                         path: str | Path, *, progress: Progress | None = None,
                         cancel: Callable[[], bool] | None = None) -> int:
    """Write the list as it shows to an .xlsx file; returns the number of customers written.

    The audit row goes first (flushed: on SQLite the write lock is taken before any file exists), the file
    last under a temporary name moved into place; a rollback afterwards removes the file again."""
    require(actor, "customers.export")
    check_query(query)
    hidden = hidden_fields(session, actor)
    chosen = [c for c in columns_for(columns) if c.key not in hidden]
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("customers.export.not_xlsx", file=target.name)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("客户")
    for index, column in enumerate(chosen, start=1):
        ws.column_dimensions[get_column_letter(index)].width = 30 if column.key == "name" else 14
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in chosen:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    written = 0
    try:
        for values in _rows(session, actor, query, chosen, progress, cancel):
            ws.append([_cell(ws, value, column) for value, column in zip(values, chosen, strict=True)])
            written += 1
    except BaseException:
        _discard(ws)
        raise
    try:
        clear_export(session, actor, "customer_view", written)  # large exports wait for an approval
        audit.record(session, actor, "event", "customer_export", None,
                     {"file": target.name, "rows": written, "columns": list(columns), "query": query.to_dict()})
        record_access(session, actor, "export", "customer_view", None, written, {"file": target.name})
        stamp_workbook(workbook, exporter_name(actor))
        session.flush()
    except BaseException:
        _discard(ws)
        raise
    save_with_transaction(session, workbook, target)
    return written
