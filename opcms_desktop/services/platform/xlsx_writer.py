"""Writing tables to .xlsx with real cell types: amounts and counts are numbers, dates are dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .errors import UserError

# Text a spreadsheet would run as a formula; written as text so an export can never execute anything.
FORMULA_STARTS = ("=", "+", "-", "@")
FORMATS = {"money": "#,##0.00", "rate": "0.00%", "date": "yyyy-mm-dd", "int": "0", "text": "@"}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text / int / money / rate / date
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def _value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind in ("money", "rate"):
        return Decimal(value) if not isinstance(value, Decimal) else value
    if kind == "date" and isinstance(value, dt.date):
        return value
    if kind == "int":
        return int(value)
    return str(value)


def text_cell(ws: Any, text: str) -> WriteOnlyCell:
    """A text cell that stays text: a leading = + - @ is not turned into a formula (CSV/formula injection)."""
    cell = WriteOnlyCell(ws, value=text)
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def stamp_workbook(workbook: Any, exported_by: str, at: dt.datetime | None = None) -> None:
    """Who exported and when: document properties (creator, created) and a footer line on every sheet.

    Call after the sheets exist and before saving; a footer (not a last row) keeps the data re-importable."""
    when = (at or dt.datetime.now(dt.UTC)).astimezone()
    workbook.properties.creator = exported_by
    workbook.properties.lastModifiedBy = exported_by
    workbook.properties.created = when.astimezone(dt.UTC).replace(tzinfo=None)
    line = f"由 {exported_by} 于 {when.strftime('%Y-%m-%d %H:%M')} 导出"
    for ws in workbook.worksheets:
        ws.oddFooter.center.text = line


def write_xlsx(path: str | Path, sheets: Sequence[Sheet], exported_by: str | None = None) -> int:
    """Write every sheet (header row, then rows) to `path`; returns the number of data rows written.

    `exported_by`: the user's name, stamped into the file (`stamp_workbook`)."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("xlsx.not_xlsx", file=target.name)
    require_folder(target)  # before the write-only workbook exists: it cannot be dropped quietly
    workbook = Workbook(write_only=True)
    written = 0
    bold = Font(bold=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        for index, column in enumerate(sheet.columns):
            ws.column_dimensions[_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=column.header)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            cells = []
            for column, value in zip(sheet.columns, row, strict=True):
                converted = _value(value, column.kind)
                if isinstance(converted, str):
                    cell = text_cell(ws, converted)
                else:
                    cell = WriteOnlyCell(ws, value=converted)
                    if column.kind != "text":
                        cell.number_format = FORMATS[column.kind]
                cells.append(cell)
            ws.append(cells)
            written += 1
    if exported_by:
        stamp_workbook(workbook, exported_by)
    try:
        workbook.save(target)
    except OSError as exc:
        raise UserError("xlsx.cannot_write", path=str(target), detail=exc.strerror or str(exc)) from exc
    return written


def require_folder(target: str | Path) -> Path:
    """The export target as a Path, refused (`xlsx.folder_missing`) when its folder does not exist.

    An export never creates folders: a mistyped folder would otherwise hide the file where nobody looks.
    Every writer of a user-chosen file calls this before writing (the UI's save dialogs return existing
    folders, so only the CLI and scripts meet the refusal).
    """
    path = Path(target)
    folder = path.parent
    if not folder.is_dir():
        raise UserError("xlsx.folder_missing", file=path.name, folder=str(folder))
    return path


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
