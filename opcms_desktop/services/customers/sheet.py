"""Reading a customer workbook with python-calamine: choose the sheet, find the header row.

calamine returns whole numbers as floats, error cells as '' and midnight datetimes as dates; the
normaliser (customer_normalise) deals with that. Rows keep their Excel numbers (1-based).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..platform.errors import Problem, ValidationError
from ..platform.messages import Message, msg
from .headers import HEADER_SCAN_ROWS, HeaderMatch, find_header


@dataclass(frozen=True)
class CustomerSheet:
    path: str
    sheet_name: str
    header: HeaderMatch
    header_cells: tuple[str, ...]  # the header row as the sheet writes it
    rows: Sequence[Sequence[Any]]  # every row of the sheet, index i = Excel row i + 1

    def data_rows(self) -> range:
        """Indexes of the rows below the header."""
        return range(self.header.row_index + 1, len(self.rows))


def _unreadable(path: str, why: str | Message) -> ValidationError:
    """`why`: a message of ours, or the reading library's own words (shown as they are)."""
    return ValidationError("customers.import.unreadable",
                           [Problem("customers.import.unreadable_reason", field="file", value=path,
                                    params={"reason": why})],
                           file=Path(path).name, reason=why)


def _open(path: str) -> Any:
    from python_calamine import CalamineWorkbook

    p = Path(path)
    if not p.exists():
        raise ValidationError("customers.import.no_such_file",
                              [Problem("customers.import.file_missing", field="file", value=path)], file=path)
    if not p.is_file():
        raise _unreadable(path, msg("customers.import.not_a_file"))
    try:
        return CalamineWorkbook.from_path(str(p))
    except Exception as exc:  # noqa: BLE001 - calamine raises several types for broken / foreign files
        raise _unreadable(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


def _sheet_rows(workbook: Any, index: int) -> list[list[Any]]:
    """All rows from A1 on (skip_empty_area=False keeps Excel row and column numbers)."""
    return workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)


def read_customer_sheet(path: str | Path) -> CustomerSheet:
    """The first visible sheet whose header row names 公司id and 公司名称; ValidationError otherwise."""
    path = str(path)
    workbook = _open(path)
    try:
        metadata = list(workbook.sheets_metadata)
        order = [i for i, m in enumerate(metadata) if str(m.visible).rsplit(".", 1)[-1].lower() == "visible"]
        order += [i for i in range(len(metadata)) if i not in order]
        first_error: ValidationError | None = None
        for index in order:
            try:
                rows = _sheet_rows(workbook, index)
            except Exception as exc:  # noqa: BLE001 - a broken sheet inside a readable file
                first_error = first_error or _unreadable(path, str(exc) or type(exc).__name__)
                continue
            try:
                header = find_header(rows[:HEADER_SCAN_ROWS], metadata[index].name)
            except ValidationError as exc:
                first_error = first_error or exc
                continue
            header_cells = tuple(_header_text(v) for v in rows[header.row_index])
            return CustomerSheet(path, metadata[index].name, header, header_cells, rows)
        raise first_error or _unreadable(path, msg("customers.import.no_sheets"))
    finally:
        close = getattr(workbook, "close", None)
        if close is not None:
            close()


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
