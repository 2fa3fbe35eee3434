"""A trap-filled sheet: every row is imported or rejected with a reason, nothing crashes, re-imports are quiet."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import Customer
from opcms_desktop.services.customers.error_report import REASON_HEADER, ROW_HEADER, write_error_report
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.customers.sheet_import import import_customers

from .customer_sheet_builders import trap_sheet


@pytest.fixture
def trap(tmp_path):
    return trap_sheet(tmp_path / "traps.xlsx")


def test_every_row_is_imported_or_explained(session, admin, trap):
    result = import_customers(session, admin, trap.path)
    assert result.header_row == trap.header_row
    assert result.rows == len(trap.accepted) + len(trap.rejected)
    assert result.inserted + result.updated + result.unchanged + result.rejected == result.rows
    assert {o.row for o in result.outcomes if o.outcome == "rejected"} == set(trap.rejected)
    by_row = result.issues_by_row()
    for row, expected in trap.rejected.items():
        errors = [i for i in by_row[row] if i.level == "error"]
        assert errors and errors[0].code == expected, (row, errors)
    warned = {o.row for o in result.outcomes if o.has_warnings}
    assert trap.warned <= warned
    assert result.warnings == len(warned)
    ignored = {i.column for i in by_row[None]}
    assert ignored == {"销售额", "内部编号"}
    stored = dict(session.execute(select(Customer.company_id, Customer.name)).all())
    assert stored == trap.names
    assert all(issue.row is None or issue.row > trap.header_row for issue in result.issues)


def test_a_second_import_of_the_traps_changes_nothing(session, admin, trap):
    import_customers(session, admin, trap.path)
    again = import_customers(session, admin, trap.path)
    assert again.inserted == again.updated == 0 and again.unchanged == len(trap.accepted)


def test_traps_round_trip_through_export(session, admin, trap, tmp_path):
    import_customers(session, admin, trap.path)
    out = tmp_path / "export.xlsx"
    assert export_customers(session, admin, out).rows == len(trap.accepted)
    result = import_customers(session, admin, out)
    assert (result.rows, result.inserted, result.updated, result.rejected) == (len(trap.accepted), 0, 0, 0)
    sheet = load_workbook(out).active
    formulas = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in formulas} >= {"=SUM(A1:A3)", "+86 138 0000", "-负责人", "@渠道客户"}
    assert all(c.data_type == "s" and c.quotePrefix for c in formulas)


def test_the_error_report_holds_the_rows_and_their_reasons(session, admin, trap, tmp_path):
    result = import_customers(session, admin, trap.path, dry_run=True)
    out = tmp_path / "report.xlsx"
    written = write_error_report(result, out)
    problem_rows = {i.row for i in result.issues if i.row is not None}
    assert written == len(problem_rows)
    workbook = load_workbook(out)
    sheet = workbook["问题行"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == [ROW_HEADER, REASON_HEADER] and "公司ＩＤ" in header
    lines = {row[-2]: row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(lines) == problem_rows
    by_row = result.issues_by_row()
    for row in trap.rejected:
        [error] = [i for i in by_row[row] if i.level == "error"]
        assert lines[row].startswith("[错误]") and error.message in lines[row]
    assert [c.value for c in workbook["文件说明"]["A"]][1:] == ["销售额", "内部编号"]
    errors_only = write_error_report(result, tmp_path / "errors.xlsx", include_warnings=False)
    assert errors_only == len(trap.rejected)
