"""Reading a customer workbook with python-calamine: choose the sheet, find the header row.

calamine returns whole numbers as floats, error cells as '' and midnight datetimes as dates; the
normaliser (customer_normalise) deals with that. Rows keep their Excel numbers (1-based). A big .xlsx is
read a slice of rows at a time (import_slices.py), so memory stays flat whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..platform.errors import Problem, ValidationError
from ..platform.messages import Message, msg
from .headers import HEADER_SCAN_ROWS, HeaderMatch, find_header
from .import_slices import SlicedWorkbook, sheet_rows, wants_slicing
from .import_temp import disk_full, is_disk_full, temp_folder


@dataclass(frozen=True)
class CustomerSheet:
    path: str
    sheet_name: str
    header: HeaderMatch
    header_cells: tuple[str, ...]  # the header row as the sheet writes it
    rows_from: Callable[[], Iterator[tuple[int, list[Any]]]]  # (0-based row index, cells) in order, from A1
    estimated_rows: int  # for progress: exact for a small sheet, an estimate for a sliced one

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(Excel row, cells) of the rows below the header, in order; cells reach at least the header's width."""
        after, width = self.header.row_index, len(self.header_cells)
        for index, cells in self.rows_from():
            if index > after:
                yield index + 1, (cells if len(cells) >= width else cells + [""] * (width - len(cells)))


def _unreadable(path: str, why: str | Message) -> ValidationError:
    """`why`: a message of ours, or the reading library's own words (shown as they are)."""
    return ValidationError("customers.import.unreadable",
                           [Problem("customers.import.unreadable_reason", field="file", value=path,
                                    params={"reason": why})],
                           file=Path(path).name, reason=why)


def _check_file(path: str) -> None:
    p = Path(path)
    if not p.exists():
        raise ValidationError("customers.import.no_such_file",
                              [Problem("customers.import.file_missing", field="file", value=path)], file=path)
    if not p.is_file():
        raise _unreadable(path, msg("customers.import.not_a_file"))


def _open(path: str) -> Any:
    from python_calamine import CalamineWorkbook

    _check_file(path)
    p = Path(path)
    try:
        return CalamineWorkbook.from_path(str(p))
    except Exception as exc:  # noqa: BLE001 - calamine raises several types for broken / foreign files
        raise _unreadable(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


def _sheet_rows(workbook: Any, index: int) -> list[list[Any]]:
    """All rows from A1 on (skip_empty_area=False keeps Excel row and column numbers)."""
    return workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)


def _order(visible: list[bool]) -> list[int]:
    """Visible sheets first, in workbook order, then the others."""
    return [i for i, v in enumerate(visible) if v] + [i for i, v in enumerate(visible) if not v]


@contextmanager
def open_customer_sheet(path: str | Path) -> Iterator[CustomerSheet]:
    """The first visible sheet whose header row names 公司id and 公司名称; ValidationError otherwise.

    A big .xlsx is read a slice at a time (import_slices.py), so `data_rows()` streams with bounded memory;
    the sheet can be read while the context is open."""
    path = str(path)
    _check_file(path)
    sliced = None
    if wants_slicing(path):
        folder = temp_folder()
        try:
            sliced = SlicedWorkbook(path, folder)
        except ValueError:
            sliced = None
        except Exception as exc:  # noqa: BLE001 - calamine raises several types for broken / foreign files
            if is_disk_full(exc):
                raise disk_full(folder) from exc
            raise _unreadable(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    if sliced is None:
        yield _whole_sheet(path)
        return
    try:
        yield _sliced_sheet(path, sliced)
    finally:
        sliced.close()


def read_customer_sheet(path: str | Path) -> CustomerSheet:
    """The sheet read whole into memory (small files, tests); see open_customer_sheet for big ones."""
    return _whole_sheet(str(path))


def _sliced_sheet(path: str, sliced: SlicedWorkbook) -> CustomerSheet:
    first_error: ValidationError | None = None
    for index in _order([s.visible for s in sliced.sheets]):
        name = sliced.sheets[index].name
        try:
            first = sliced.first_slice(index)
            head: list[list[Any]] = [[] for _ in range(HEADER_SCAN_ROWS)]
            in_first = 0
            for row_index, cells in sheet_rows(first) if first is not None else ():
                in_first += 1
                if row_index < HEADER_SCAN_ROWS:
                    head[row_index] = cells
        except Exception as exc:  # noqa: BLE001 - a broken sheet inside a readable file
            first_error = first_error or _unreadable(path, str(exc) or type(exc).__name__)
            continue
        try:
            header = find_header(head, name)
        except ValidationError as exc:
            first_error = first_error or exc
            continue
        header_cells = tuple(_header_text(v) for v in head[header.row_index])
        estimate = in_first * sliced.slice_count(index)
        return CustomerSheet(path, name, header, header_cells, partial(sliced.rows, index, first), estimate)
    raise first_error or _unreadable(path, msg("customers.import.no_sheets"))


def _whole_sheet(path: str) -> CustomerSheet:
    workbook = _open(path)
    try:
        metadata = list(workbook.sheets_metadata)
        first_error: ValidationError | None = None
        for index in _order([str(m.visible).rsplit(".", 1)[-1].lower() == "visible" for m in metadata]):
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
            return CustomerSheet(path, metadata[index].name, header, header_cells, partial(enumerate, rows),
                                 len(rows))
        raise first_error or _unreadable(path, msg("customers.import.no_sheets"))
    finally:
        close = getattr(workbook, "close", None)
        if close is not None:
            close()


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
