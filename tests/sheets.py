"""Writing small .xlsx files for import tests (real number and date cells, as Excel would save them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook


def write_sheet(path: Path, headers: Sequence[object], rows: Sequence[Sequence[object]],
                above: Sequence[Sequence[object]] = ()) -> Path:
    """One sheet: optional rows `above` the header (titles, notes), the header row, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for line in (*above, headers, *rows):
        sheet.append(list(line))
    workbook.save(path)
    return path


def pricing_rows(rows: Sequence[dict]) -> tuple[list[str], list[list[object]]]:
    from opcms_desktop.services.pricing.sheet_import import COLUMNS

    headers = [c.header for c in COLUMNS]
    return headers, [[row.get(h) for h in headers] for row in rows]
