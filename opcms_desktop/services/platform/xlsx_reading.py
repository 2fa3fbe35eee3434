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

Every number has an upper bound where it enters: `cell_int(v, minimum=1, maximum=200)` (default 2^31-1,
PostgreSQL's INTEGER), `cell_decimal(v, places="0.01", maximum=Decimal("999999.99"))`; NaN, Infinity and
1e309 are a `CellError` too, never an exception of their own. Text loses NUL and other control characters
(`cell_text`); to warn about it, read it with `checked_cell_text`:

    text, removed = checked_cell_text(values["payer"])
    if removed:
        report.warn(excel_row, sheet.headers["payer"], text, "cells.control_characters_removed")

A formula cell that Excel never calculated (a file written by a program, not saved by Excel) holds no
value: python-calamine reads it as an empty cell. `rows()` gives it as `FORMULA_WITHOUT_VALUE` (which
every parser reads as empty, as before); warn about it once per row:

    sheet.warn_uncalculated(report, excel_row, values)   # cells.formula_without_value per such cell
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy.orm import Session

from .cells import MISSING, clean_text, decimal_or_none, fold, is_missing, to_text
from .errors import Problem, UserError, ValidationError
from .messages import json_params, render

HEADER_SEARCH_ROWS = 20
INT_MAXIMUM = 2**31 - 1  # PostgreSQL INTEGER: the default upper bound of every whole-number cell
DECIMAL_LIMIT = Decimal(10) ** 10  # the default bound of a decimal cell (below NUMERIC(14,4))


class _FormulaWithoutValue(str):
    """An empty text that remembers it was a formula without a cached value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


# The value `Sheet.rows()` gives for a formula cell that holds no calculated value. It equals "" and every
# cell parser reads it as an empty cell; test it with `value is FORMULA_WITHOUT_VALUE`.
FORMULA_WITHOUT_VALUE = _FormulaWithoutValue("")


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

    def warn_uncalculated(self, report: ImportReport, excel_row: int, values: Mapping[str, Any]) -> list[str]:
        """Warn `cells.formula_without_value` for each cell of the row that is a formula without a value;
        returns their keys (the importer may also decide not to use the row)."""
        keys = uncalculated(values)
        for key in keys:
            report.warn(excel_row, self.headers.get(key, key), "", "cells.formula_without_value")
        return keys


def uncalculated(values: Mapping[str, Any]) -> list[str]:
    """The keys of a row whose cell is a formula Excel never calculated (`FORMULA_WITHOUT_VALUE`)."""
    return [key for key, value in values.items() if value is FORMULA_WITHOUT_VALUE]


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
        gaps = _formulas_without_value(file)
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            data = sheet.to_python(skip_empty_area=True)
            start = sheet.start or (0, 0)
            if gaps.get(name):
                _mark(data, gaps[name], start)
            sheets.append((name, data, start[0]))
        workbook.close()
    except Exception as exc:  # noqa: BLE001 - any reader failure means "not a workbook we can read"
        raise UserError("sheet.unreadable", file=file.name, detail=str(exc)) from exc
    return sheets


# ---- formulas without a cached value (.xlsx only; calamine reads them as empty cells) --------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _formulas_without_value(file: Path) -> dict[str, set[tuple[int, int]]]:
    """{sheet name: {(row, column) 0-based}} of the formula cells without a cached value.

    The fast path: a workbook is read once more only as far as finding no formula tag in its sheets.
    """
    if file.suffix.lower() not in (".xlsx", ".xlsm") or not zipfile.is_zipfile(file):
        return {}
    with zipfile.ZipFile(file) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()
                 if name.startswith("xl/worksheets/") and name.endswith(".xml")}
        # every sheet with formulas closes an <f>...</f> (or <x:f>); `in` is 3x faster than a regex
        with_formulas = {name: xml for name, xml in parts.items() if b"</f>" in xml or b":f>" in xml}
        if not with_formulas:
            return {}
        names = _sheet_parts(archive)
    found: dict[str, set[tuple[int, int]]] = {}
    for part, xml in with_formulas.items():
        positions = _uncached_cells(xml)
        if positions and part in names:
            found[names[part]] = positions
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{'xl/worksheets/sheet1.xml': sheet name} from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        part = targets.get(sheet.get(f"{_REL}id"))
        if part:
            parts[part] = sheet.get("name", "")
    return parts


def _uncached_cells(xml: bytes) -> set[tuple[int, int]]:
    positions = set()
    for _event, cell in ElementTree.iterparse(io.BytesIO(xml)):
        if cell.tag != f"{_MAIN}c":
            continue
        formula = cell.find(f"{_MAIN}f")
        if formula is not None:
            value = cell.find(f"{_MAIN}v")
            # <v/> is no value, unless the formula's result is a text (t="str"), which may be ""
            if value is None or (not value.text and cell.get("t") != "str"):
                m = _CELL_REF.fullmatch(cell.get("r", ""))
                if m:
                    positions.add((int(m.group(2)) - 1, _column_index(m.group(1))))
        cell.clear()
    return positions


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _mark(data: list[list[Any]], positions: set[tuple[int, int]], start: tuple[int, int]) -> None:
    for row, column in positions:
        r, c = row - start[0], column - start[1]
        if 0 <= r < len(data) and c >= 0:
            line = data[r]
            if c >= len(line):
                line.extend([""] * (c + 1 - len(line)))
            if line[c] in ("", None):
                line[c] = FORMULA_WITHOUT_VALUE


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


def cell_text(value: Any, *, multiline: bool = True) -> str:
    """Trimmed text without control characters; "" for a missing-value form (#N/A, NaN, empty ...)."""
    text, _removed = checked_cell_text(value, multiline=multiline)
    return text


def checked_cell_text(value: Any, *, multiline: bool = True) -> tuple[str, bool]:
    """`cell_text` and whether control characters were removed (warn `cells.control_characters_removed`)."""
    if type(value) is not str and is_missing(value):
        return "", False
    text, removed = clean_text(value, multiline=multiline)
    return ("", removed) if text.upper() in MISSING else (text, removed)


def _bound_text(bound: int | Decimal) -> str:
    return f"{bound:,}" if isinstance(bound, int) else format(bound, ",f")


def cell_int(value: Any, *, minimum: int | None = None, maximum: int = INT_MAXIMUM) -> int | None:
    """A whole number from `minimum` to `maximum` (calamine's 12.0 included); None for an empty cell.

    Too large: `cells.at_most` {maximum}; below the minimum: `cells.at_least` {minimum}.
    """
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
        if parsed is None:
            raise CellError("cells.not_whole_number")
        if parsed > maximum or parsed < -maximum:  # before int(): 1e309 would be a 310-digit int
            raise CellError("cells.at_most", maximum=_bound_text(maximum))
        if parsed != parsed.to_integral_value():
            raise CellError("cells.not_whole_number")
        number = int(parsed)
    if minimum is not None and number < minimum:
        raise CellError("cells.at_least", minimum=minimum)
    if number > maximum:
        raise CellError("cells.at_most", maximum=_bound_text(maximum))
    if number < -INT_MAXIMUM - 1:
        raise CellError("cells.at_least", minimum=-INT_MAXIMUM - 1)
    return number


def cell_decimal(value: Any, *, places: str = "0.0001", minimum: Decimal | None = Decimal(0),
                 maximum: Decimal | None = None) -> Decimal | None:
    """An exact decimal (floats through their shortest repr, so 0.1 stays 0.1); None for an empty cell.

    NaN, Infinity and 1e309 are `cells.not_a_number` / too large, never decimal.InvalidOperation.
    Above `maximum`: `cells.at_most` {maximum}; without one, 10^10 and more is `cells.too_large`.
    """
    if value == "" or is_missing(value):
        return None
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        raise CellError("cells.not_a_number")
    if type(value) is float:
        number: Decimal | None = Decimal(repr(value)) if value - value == 0 else None  # not inf
    else:
        number = decimal_or_none(fold(to_text(value)).replace(",", "").removesuffix("元"))
    if number is None:
        raise CellError("cells.not_a_number")
    # comparisons, not abs(): abs() rounds to the context and overflows on 1E+999999999
    if maximum is not None and (number > maximum or number < -maximum):
        raise CellError("cells.at_most", maximum=_bound_text(maximum))
    if number >= DECIMAL_LIMIT or number <= -DECIMAL_LIMIT:  # first: quantizing 1E+309 would overflow
        raise CellError("cells.too_large")
    if minimum is not None and number < minimum:
        raise CellError("cells.negative") if minimum == 0 else CellError("cells.at_least", minimum=minimum)
    exp = Decimal(places)
    if number != number.quantize(exp):
        raise CellError("cells.too_many_decimals", places=len(places) - 2)
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
