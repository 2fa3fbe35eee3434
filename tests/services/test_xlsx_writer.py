"""Exports never write a formula: text starting with = + - @ stays text (formula injection)."""

import datetime as dt
from decimal import Decimal

import openpyxl

from opcms_desktop.services.platform.xlsx_writer import Column, Sheet, write_xlsx


def test_formula_like_text_is_written_as_text_and_numbers_stay_numbers(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [["=HYPERLINK(\"http://x\")", Decimal("1234.50"), dt.date(2026, 1, 31)],
            ["+1", Decimal("0.00"), None], ["-2", Decimal("-3.10"), None], ["@SUM(A1)", Decimal("5"), None]]
    write_xlsx(path, [Sheet("发票", [Column("客户"), Column("金额", "money"), Column("到期日", "date")], rows)])
    ws = openpyxl.load_workbook(path).active
    cells = [ws.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in cells] == ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)
    assert ws.cell(row=2, column=2).value == 1234.5 and ws.cell(row=2, column=2).data_type == "n"
    assert ws.cell(row=2, column=3).value == dt.datetime(2026, 1, 31)
