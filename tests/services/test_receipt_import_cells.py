"""The receipt import's cells (issue 11, item 9): any cell gives a value within bounds or a coded row problem.

Control characters are written the way Excel stores them (`_x0000_`), which calamine reads back as the
character itself; openpyxl refuses to write them raw.
"""

import datetime as dt
import re
import unicodedata
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from opcms_desktop.models import Receipt
from opcms_desktop.services.platform.messages import catalogue, template_params
from opcms_desktop.services.platform.money import MAX_AMOUNT
from opcms_desktop.services.receivables import receipt_import, receipts
from opcms_desktop.services.receivables.receipts import EARLIEST_DATE, date_bounds

HEADERS = ("日期", "付款方", "金额", "参考号", "摘要", "公司id")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _excel_text(value: object) -> object:
    """A string as Excel saves it: control characters escaped as _xHHHH_."""
    if isinstance(value, str):
        return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def write_bank_sheet(path: Path, rows: list[tuple]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([_excel_text(v) for v in row])
    book.save(path)
    return path


def _issues(result, row: int, level: str) -> list[str]:
    return [i.code for i in result.report.issues if i.row == row and i.level == level]


def test_absurd_amounts_are_row_problems_with_a_code(session, make, ops, tmp_path):
    make.customer("链家", company_id=901)
    day = dt.date(2026, 2, 3)
    path = write_bank_sheet(tmp_path / "amounts.xlsx", [
        (day, "链家", "1e309", "A1", None, 901),
        (day, "链家", float("inf"), "A2", None, 901),  # openpyxl writes no value for it
        (day, "链家", "NaN", "A3", None, 901),
        (day, "链家", "1000000000.00", "A4", None, 901),  # above MAX_AMOUNT (999,999,999.99)
        (day, "链家", "-1e309", "A5", None, 901),
        (day, "链家", "12.50", "A6", None, 901),
    ])
    result = receipt_import.import_receipts(session, ops, path)
    assert {row: _issues(result, row, "error") for row in range(2, 7)} == {
        2: ["cells.at_most"], 3: ["receivables.import.amount_empty"], 4: ["receivables.import.amount_empty"],
        5: ["cells.at_most"], 6: ["cells.at_most"]}
    assert next(i.params for i in result.report.issues if i.row == 2) == {"maximum": "999,999,999.99"}
    assert (result.report.inserted, result.report.rejected) == (1, 5)
    assert session.scalars(select(Receipt.amount)).all() == [D("12.50")]


def test_nul_and_control_characters_are_removed_with_a_warning(session, make, ops, tmp_path):
    make.customer("链家", company_id=902)
    path = write_bank_sheet(tmp_path / "nul.xlsx", [
        (dt.date(2026, 2, 3), "链\x00家", 10, "REF\x00-1\x07", "摘要\x01", None),
    ])
    result = receipt_import.import_receipts(session, ops, path)
    assert result.report.inserted == 1, result.report.issues
    stored = session.scalars(select(Receipt)).one()
    assert (stored.payer, stored.reference, stored.note) == ("链家", "REF-1", "摘要")
    assert sorted((i.column, i.code) for i in result.report.issues) == [
        ("付款方", "cells.control_characters_removed"),
        ("参考号", "cells.control_characters_removed"),
        ("摘要", "cells.control_characters_removed")]


def test_receipt_dates_outside_the_bounds_are_refused_naming_them(session, make, ops, tmp_path):
    make.customer("链家", company_id=903)
    earliest, latest = date_bounds()
    path = write_bank_sheet(tmp_path / "dates.xlsx", [
        ("0001-01-01", "链家", 10, "D1", None, 903),
        (dt.date(1999, 12, 31), "链家", 10, "D2", None, 903),
        (latest + dt.timedelta(days=1), "链家", 10, "D3", None, 903),
        (EARLIEST_DATE, "链家", 10, "D4", None, 903),
        (latest, "链家", 10, "D5", None, 903),
    ])
    result = receipt_import.import_receipts(session, ops, path)
    assert [_issues(result, row, "error") for row in (2, 3, 4)] == [["receivables.import.date_out_of_range"]] * 3
    assert next(i.params for i in result.report.issues if i.row == 2) == {
        "date": "0001-01-01", "earliest": "2000-01-01", "latest": latest.isoformat()}
    assert sorted(session.scalars(select(Receipt.receipt_date))) == [earliest, latest]


def test_record_receipt_refuses_a_date_out_of_bounds(session, make, ops):
    c = make.customer("链家", company_id=904)
    with pytest.raises(receipts.ValidationError) as caught:
        receipts.record_receipt(session, ops, receipts.ReceiptInput(c.id, dt.date(1, 1, 1), "5"))
    (problem,) = caught.value.problems
    assert (problem.field, problem.code, problem.params["earliest"]) == (
        "receipt_date", "receivables.receipt.date_out_of_range", "2000-01-01")
    row = receipts.record_receipt(session, ops, receipts.ReceiptInput(c.id, EARLIEST_DATE, "5", payer="a\x00b"))
    assert row.payer == "ab"


# ---- properties -------------------------------------------------------------------------------------------

cells = st.one_of(st.none(), st.text(max_size=30), st.floats(), st.integers(min_value=-(2**70), max_value=2**70),
                  st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.sampled_from(["1e309", "-1e309", "NaN", "inf", "1,234.50", "0.001", "2026-02-03", "0001-01-01",
                                   "99999999999999999999", "\x00", "链家\x00"]))


def _known(code: str, params: dict) -> bool:
    template = catalogue("en").get(code)
    return template is not None and template_params(template) <= set(params)


likely_dates = st.one_of(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 12, 31)), cells)
likely_amounts = st.one_of(st.floats(min_value=0.01, max_value=1e9).map(lambda f: round(f, 2)), cells)


@given(rows=st.lists(st.tuples(likely_dates, cells, likely_amounts, cells, cells), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_cells_give_a_bounded_receipt_or_a_coded_problem(session, make, ops, tmp_path_factory, rows):
    customer = session.scalars(select(receipt_import.Customer).where(receipt_import.Customer.company_id == 905)) \
        .one_or_none() or make.customer("链家", company_id=905)
    path = write_bank_sheet(tmp_path_factory.mktemp("cells") / "bank.xlsx",
                            [(day, payer, amount, reference, summary, 905) for day, payer, amount, reference, summary
                             in rows])
    before = set(session.scalars(select(Receipt.id)))
    result = receipt_import.import_receipts(session, ops, path)  # never raises on a cell
    report = result.report
    assert report.rows == report.inserted + report.unchanged + report.rejected
    assert all(_known(i.code, i.params) for i in report.issues), report.issues
    earliest, latest = date_bounds()
    stored = session.scalars(select(Receipt).where(Receipt.id.not_in(before or {-1}))).all()
    assert len(stored) == report.inserted
    for r in stored:
        assert r.customer_id == customer.id
        assert earliest <= r.receipt_date <= latest
        assert D("0") < r.amount <= MAX_AMOUNT and r.amount == r.amount.quantize(D("0.01"))
        for text in (r.payer, r.reference, r.note):
            assert text is None or not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)
    assert all(issue.level in ("error", "warning") for issue in report.issues)
