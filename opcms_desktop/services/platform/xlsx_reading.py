"""Reading import sheets (.xlsx / .xls / .ods) with python-calamine, and the import report every importer returns.

    layout = [Column("company_id", "公司id"), Column("area", "面积", required=False)]
    sheet = open_sheet(path, layout)              # finds the header row, maps headers tolerantly
    for excel_row, values in sheet.rows():        # values: {"company_id": 12.0, "area": ""}
        ...

Headers match after NFKC (full-width to half-width), removing all white space and lower-casing, so
`付款期限（天）`, ` 付款期限(天) ` and `付款期限(天)` are one header. The header row is the first of the first
rows that holds every required header of the layout; `open_any_sheet` chooses among several layouts
(e.g. order detail vs monthly summary) by their headers. Cell values are as calamine gives them, except
that midnight datetimes become dates; the `cell_*` parsers turn them into typed values or raise
`CellError`, which carries a message code and parameters for the report:

    except CellError as exc:
        report.error(excel_row, sheet.headers["amount"], values["amount"], exc.code, **exc.params)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .cells import MISSING, decimal_or_none, fold, is_missing, to_text
from .errors import Problem, UserError, ValidationError
from .messages import json_params, render

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    key: str  # the name the importer uses
    header: str  # the header as the template prints it (and as errors name it)
    aliases: tuple[str, ...] = ()
    required: bool = True


def normalise_header(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", to_text(text))).lower()


@dataclass
class Sheet:
    path: Path
    sheet_name: str
    header_row: int  # 1-based Excel row number
    headers: dict[str, str]  # key -> the header text found in the file
    unknown_headers: list[str]
    _positions: dict[str, int]
    _data: list[list[Any]]
    _first_row: int  # Excel row number of _data[0]

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(Excel row number, {key: value}) for each data row below the header; empty rows skipped."""
        positions = list(self._positions.items())
        for offset, raw in enumerate(self._data):
            if _blank(raw):
                continue
            width = len(raw)
            values = {key: _clean(raw[pos]) if pos < width else "" for key, pos in positions}
            yield self._first_row + offset, values

    def count(self) -> int:
        return sum(1 for raw in self._data if not _blank(raw))

    def has(self, key: str) -> bool:
        return key in self._positions


def _clean(value: Any) -> Any:
    if type(value) is dt.datetime and value.time() == _MIDNIGHT:
        return value.date()
    return value


_MIDNIGHT = dt.time(0)


def _blank(raw: Sequence[Any]) -> bool:
    for value in raw:
        if type(value) is str:
            if value and value.strip().upper() not in MISSING:
                return False
        elif value is not None and not is_missing(value):
            return False
    return True


def _load(path: str | Path) -> list[tuple[str, list[list[Any]], int]]:
    from python_calamine import CalamineWorkbook

    file = Path(path)
    if not file.is_file():
        raise UserError("sheet.file_missing", path=str(file))
    try:
        workbook = CalamineWorkbook.from_path(str(file))
        sheets = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            sheets.append((name, sheet.to_python(skip_empty_area=True), sheet.start[0] if sheet.start else 0))
        workbook.close()
    except Exception as exc:  # noqa: BLE001 - any reader failure means "not a workbook we can read"
        raise UserError("sheet.unreadable", file=file.name, detail=str(exc)) from exc
    return sheets


def _match(row: Sequence[Any], layout: Sequence[Column]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    wanted = {normalise_header(name): col for col in layout for name in (col.header, *col.aliases)}
    positions: dict[str, int] = {}
    found: dict[str, str] = {}
    unknown: list[str] = []
    for pos, cell in enumerate(row):
        key = normalise_header(cell)
        if not key:
            continue
        col = wanted.get(key)
        if col is None:
            unknown.append(to_text(cell))
        elif col.key not in positions:
            positions[col.key] = pos
            found[col.key] = to_text(cell)
    return positions, found, unknown


def _find(sheets: list[tuple[str, list[list[Any]], int]], path: Path, layout: Sequence[Column]) -> Sheet | None:
    required = {c.key for c in layout if c.required}
    for name, data, start in sheets:
        for index, row in enumerate(data[:HEADER_SEARCH_ROWS]):
            positions, found, unknown = _match(row, layout)
            if required <= positions.keys():
                return Sheet(path, name, start + index + 1, found, unknown, positions, data[index + 1:],
                             start + index + 2)
    return None


def _missing_problem(sheets: list[tuple[str, list[list[Any]], int]], layout: Sequence[Column], label: str) -> Problem:
    best: set[str] = set()
    for _name, data, _start in sheets[:1]:
        for row in data[:HEADER_SEARCH_ROWS]:
            positions = _match(row, layout)[0]
            if len(positions) > len(best):
                best = set(positions)
    missing = [c.header for c in layout if c.required and c.key not in best]
    if label:
        return Problem("sheet.layout_missing_columns", field="header", params={"layout": label, "columns": missing})
    return Problem("sheet.missing_columns", field="header", params={"columns": missing})


def open_sheet(path: str | Path, layout: Sequence[Column]) -> Sheet:
    """The first sheet whose header row (within the first 20 rows) holds every required column."""
    sheets = _load(path)
    found = _find(sheets, Path(path), layout)
    if found is None:
        raise ValidationError("sheet.columns_missing", [_missing_problem(sheets, layout, "")])
    return found


def open_any_sheet(path: str | Path, layouts: Mapping[str, Sequence[Column]]) -> tuple[str, Sheet]:
    """(layout name, sheet) for the first layout whose required headers the file holds."""
    sheets = _load(path)
    for name, layout in layouts.items():
        found = _find(sheets, Path(path), layout)
        if found is not None:
            return name, found
    problems = [_missing_problem(sheets, layout, name) for name, layout in layouts.items()]
    raise ValidationError("sheet.no_layout", problems)


# ---- cell parsers -------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as the column needs: a message code and its parameters for the report.

    `CellError("cells.not_a_number")`; `exc.code` and `exc.params` go into `ImportReport.error/warn`,
    `str(exc)` is the text in the current language.
    """

    def __init__(self, code: str, /, **params: Any):
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        return render(self.code, self.params)


def cell_text(value: Any) -> str:
    if type(value) is str:  # the common case, kept fast for 100k-row sheets
        text = value.strip()
        return "" if text.upper() in MISSING else text
    return "" if is_missing(value) else to_text(value)


def cell_int(value: Any, *, minimum: int | None = None) -> int | None:
    """A whole number (calamine's 12.0 included); None for an empty cell."""
    if type(value) is float and value.is_integer():
        number = int(value)
    elif is_missing(value):
        return None
    elif isinstance(value, bool | float):
        raise CellError("cells.not_whole_number")
    elif isinstance(value, int):
        number = value
    else:
        parsed = decimal_or_none(fold(to_text(value)).replace(",", ""))
        if parsed is None or parsed != parsed.to_integral_value():
            raise CellError("cells.not_whole_number")
        number = int(parsed)
    if minimum is not None and number < minimum:
        raise CellError("cells.at_least", minimum=minimum)
    return number


def cell_decimal(value: Any, *, places: str = "0.0001", minimum: Decimal | None = Decimal(0)) -> Decimal | None:
    """An exact decimal (floats through their shortest repr, so 0.1 stays 0.1); None for an empty cell."""
    if value == "" or is_missing(value):
        return None
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        raise CellError("cells.not_a_number")
    if type(value) is float:
        number: Decimal | None = Decimal(repr(value))
    else:
        number = decimal_or_none(fold(to_text(value)).replace(",", "").removesuffix("元"))
    if number is None:
        raise CellError("cells.not_a_number")
    if minimum is not None and number < minimum:
        raise CellError("cells.negative") if minimum == 0 else CellError("cells.at_least", minimum=minimum)
    exp = Decimal(places)
    if number != number.quantize(exp):
        raise CellError("cells.too_many_decimals", places=len(places) - 2)
    if number >= Decimal(10) ** 10:
        raise CellError("cells.too_large")
    return number.quantize(exp)


_DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_TEXT = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$")


def cell_date(value: Any) -> dt.date | None:
    """A real date cell, or text 2026-01-01 / 2026/1/1 / 2026.1.1 / 2026年1月1日 / 20260101."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if is_missing(value):
        return None
    words = unicodedata.normalize("NFKC", to_text(value)).split()  # drop a time part: "2026-01-01 08:00"
    text = words[0].split("T")[0] if words else ""
    m = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise CellError("cells.not_a_day", text=text) from None
    raise CellError("cells.not_a_date")


def cell_month(value: Any) -> str | None:
    """'YYYY-MM' from text 2026-01 / 2026/1 / 2026年1月 / 202601, or from a date cell (its month)."""
    if is_missing(value):
        return None
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = fold(to_text(value))
    m = _MONTH_TEXT.match(text)
    if m:
        month = int(m.group(2) or m.group(3))
        if 1 <= month <= 12:
            return f"{int(m.group(1)):04d}-{month:02d}"
    try:
        day = cell_date(value)
    except CellError:
        day = None
    if day is not None:
        return f"{day.year:04d}-{day.month:02d}"
    raise CellError("cells.not_a_month")


# ---- the import report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    row: int | None  # Excel row number; None for a note about the whole file (e.g. an ignored column)
    column: str | None  # the header as found in the file
    value: str | None  # the raw cell text
    code: str  # a message code of the catalogue
    level: str = "error"  # "error" (row rejected) or "warning" (row kept)
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "code": self.code,
                "params": json_params(self.params), "message": self.message, "level": self.level}


@dataclass
class ImportReport:
    """Counts per data row (each row is exactly one of inserted / updated / unchanged / rejected)."""

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    dry_run: bool = False
    layout: str | None = None
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        """The rows kept (not rejected) that carry at least one warning (as the customer import counts)."""
        rejected = {i.row for i in self.issues if i.level == "error"}
        return len({i.row for i in self.issues if i.level == "warning" and i.row is not None} - rejected)

    def warn(self, row: int | None, column: str | None, value: object, code: str, **params: Any) -> None:
        self.issues.append(ImportIssue(row, column, _raw(value), code, "warning", params))

    def error(self, row: int | None, column: str | None, value: object, code: str, **params: Any) -> None:
        self.issues.append(ImportIssue(row, column, _raw(value), code, "error", params))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rows": self.rows, "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": self.rejected, "warnings": self.warnings, "dry_run": self.dry_run,
            "errors": [i.to_json() for i in self.issues],
        }
        if self.layout is not None:
            data["layout"] = self.layout
        return data


def _raw(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return to_text(value)


@contextlib.contextmanager
def dry_run_scope(session: Session, dry_run: bool) -> Iterator[None]:
    """Run an import's writes in a savepoint that a dry run rolls back: the same report, nothing kept."""
    if not dry_run:
        yield
        return
    savepoint = session.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
