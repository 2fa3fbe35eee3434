"""The import wizard's "save error report": the rows with problems as the sheet had them, plus why.

The report re-reads the source file row by row, so an ImportResult stays small even for 100k rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..platform.errors import UserError
from ..platform.xlsx_writer import require_folder
from .import_result import ImportResult, RowIssue
from .sheet import open_customer_sheet
from .sheet_export import text_cell

ROW_HEADER = "Excel行号"
REASON_HEADER = "问题"
LEVEL_LABELS = {"error": "错误", "warning": "警告"}


def _reason(issues: list[RowIssue]) -> str:
    lines = []
    for issue in sorted(issues, key=lambda i: i.level != "error"):
        where = f"{issue.column}: " if issue.column else ""
        lines.append(f"[{LEVEL_LABELS.get(issue.level, issue.level)}] {where}{issue.message}")
    return "\n".join(lines)


def _cell(ws: Any, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return text_cell(ws, value)
    if isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
        return value
    return text_cell(ws, str(value))


def _bold_row(ws: Any, texts: list[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for text in texts:
        cell = text_cell(ws, text)
        cell.font = bold
        cells.append(cell)
    return cells


def write_error_report(result: ImportResult, path: str | Path, *, include_warnings: bool = True,
                       source: str | Path | None = None) -> int:
    """Write every row with an error (and, by default, a warning) to `path`; returns the rows written.

    Columns: the source sheet's own columns and values, then `Excel行号` and `问题` (one line per
    problem). Notes about the whole file (e.g. ignored columns) go to a second sheet `文件说明`.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("customers.export.report_not_xlsx", file=target.name)
    require_folder(target)
    by_row: dict[int, list[RowIssue]] = {}
    notes: list[RowIssue] = []
    for issue in result.issues:  # in row order; a large result is read back from its file a page at a time
        if issue.row is None:
            notes.append(issue)
        elif include_warnings or issue.level == "error":
            by_row.setdefault(issue.row, []).append(issue)
    wanted = sorted(row for row, issues in by_row.items() if include_warnings or any(i.level == "error" for i in issues))
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("问题行")
    ws.freeze_panes = "A2"
    with open_customer_sheet(source or result.path) as sheet:
        width = max((i + 1 for i, text in enumerate(sheet.header_cells) if text), default=0)
        ws.append(_bold_row(ws, [*sheet.header_cells[:width], ROW_HEADER, REASON_HEADER]))
        rows = sheet.data_rows()
        cells: list[Any] = []
        at = 0
        for excel_row in wanted:
            while at < excel_row:
                found = next(rows, None)
                if found is None:
                    at, cells = 1 << 62, []
                    break
                at, cells = found
            shown = list(cells[:width]) if at == excel_row else []
            shown += [None] * (width - len(shown))
            ws.append([*(_cell(ws, v) for v in shown), excel_row, text_cell(ws, _reason(by_row[excel_row]))])
    if notes:
        info = workbook.create_sheet("文件说明")
        info.append(_bold_row(info, ["列", "说明"]))
        for note in notes:
            info.append([text_cell(info, note.column or ""), text_cell(info, note.message)])
    try:
        workbook.save(target)
    except OSError as exc:
        raise UserError("customers.export.report_cannot_write", path=str(target),
                        reason=exc.strerror or str(exc)) from exc
    return len(wanted)
