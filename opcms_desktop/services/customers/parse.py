"""Sheet rows -> ParsedRow: every mapped cell through its column's normaliser (customer_normalise).

Low-variety columns (all but 公司id and 公司名称) are memoised per distinct cell value, so a 100k-row
sheet runs each normaliser only a few hundred times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..platform.messages import Message
from .headers import Column
from .normalise import NORMALISERS, CellResult


@dataclass
class ParsedRow:
    excel_row: int
    company_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, object, Message]] = field(default_factory=list)  # (field key, cell value, message)
    warnings: list[tuple[str, object, Message]] = field(default_factory=list)
    mark: int = 0  # warnings found while reading the sheet (the rest come from dictionaries and comparing)

    @property
    def rejected(self) -> bool:
        return bool(self.errors)


UNMEMOISED = frozenset({"company_id", "name"})
# Columns whose CellResult.extra the import reads (company id, dictionary labels, owner names, prices).
WITH_EXTRA = frozenset({"company_id", "industry", "erp", "coop_status", "sales_owner", "ops_owner",
                        "single_price", "multi_price"})


def is_blank(cells: Sequence[object], columns: Sequence[Column]) -> bool:
    width = len(cells)
    for column in columns:
        if column.index < width:
            value = cells[column.index]
            # value == value is false for NaN; text of spaces only counts as empty
            if value is not None and value != "" and value == value \
                    and (not isinstance(value, str) or value.strip()):
                return False
    return True


class RowParser:
    """Turns sheet rows into ParsedRows, memoising the low-variety columns per distinct value."""

    def __init__(self, columns: Sequence[Column]):
        self._plan: list[tuple[str, int, Callable[[object], CellResult], dict[Any, CellResult] | None, bool]] = [
            (c.key, c.index, NORMALISERS[c.key], None if c.key in UNMEMOISED else {}, c.key in WITH_EXTRA)
            for c in columns
        ]

    def parse(self, cells: Sequence[object], excel_row: int) -> ParsedRow:
        values: dict[str, Any] = {}
        extras: dict[str, Any] = {}
        errors: list[tuple[str, object, Message]] = []
        warnings: list[tuple[str, object, Message]] = []
        width = len(cells)
        for key, index, normalise, memo, with_extra in self._plan:
            value = cells[index] if index < width else None
            if memo is None:
                result = normalise(value)
            else:
                # Text never equals a number, so it is its own key; 1 == 1.0 == True need their type.
                token = value if value.__class__ is str else (value.__class__, value)
                found = memo.get(token)
                if found is None:
                    if value != value:  # NaN
                        value = ""
                    found = memo[token] = normalise(value)
                result = found
            cell_values, extra, cell_errors, cell_warnings = result
            if cell_values:
                values.update(cell_values)
            if with_extra:
                extras[key] = extra
            if cell_errors:
                errors.extend((key, value, message) for message in cell_errors)
            if cell_warnings:
                warnings.extend((key, value, message) for message in cell_warnings)
        return ParsedRow(excel_row, extras.pop("company_id", None), values, extras, errors, warnings)
