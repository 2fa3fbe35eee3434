import errno
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.customers import export_file
from opcms_desktop.services.customers.columns import DEFAULT_COLUMNS, display_value
from opcms_desktop.services.customers.export import export_customer_view, export_rows
from opcms_desktop.services.customers.query import CustomerQuery, customer_page
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, UserError, ValidationError
from opcms_desktop.services.platform.operations import declared
from opcms_desktop.services.security.permissions import Actor

from .customer_world import World, add_customer, build_world

COLUMNS = ["company_id", "name", "sales_owners", "coop_status", "disabled", "avg_monthly_shoots", "notes"]


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def test_rows_are_what_the_list_shows_in_its_order(session, ops, world):
    query = CustomerQuery(sort="name", descending=True, disabled=False)
    headers, rows = export_rows(session, ops, query, COLUMNS)
    assert headers == ["公司id", "公司名称", "销售负责人", "合作状态", "是否停用", "月均拍摄量", "备注"]
    shown = customer_page(session, ops, query, 0, 100)
    assert rows == [tuple(display_value(r, c) for c in COLUMNS) for r in shown]
    assert rows[-1] == (8888, "100%_Test", "", "", "", None, "=cmd|' /C calc'!A0")
    assert (5001, "我爱我家", "sales1", "正常合作", "否", Decimal("120.50"), "") in rows


def test_every_column_has_a_value(session, ops, world):
    headers, rows = export_rows(session, ops, CustomerQuery(), DEFAULT_COLUMNS)
    assert len(headers) == len(rows[0]) == len(DEFAULT_COLUMNS) and len(rows) == 5


def test_export_is_scoped_and_needs_the_permission(session, sales, other_sales, world):
    _, rows = export_rows(session, sales, CustomerQuery(), ["name"])
    assert rows == [("北京我爱我家置业",), ("我爱我家",)]
    assert export_rows(session, other_sales, CustomerQuery(search="我爱"), ["name"])[1] == []
    viewer = Actor(id=sales.id, username="sales1", display_name="sales1", role="viewer",
                   permissions=frozenset({"customers.view"}), customer_scope="own")
    with pytest.raises(PermissionDenied):
        export_rows(session, viewer, CustomerQuery(), ["name"])


def test_xlsx_has_number_cells_and_formula_like_text_as_text(session, make, ops, world, tmp_path):
    add_customer(make, "+86 电话客户", 9999, notes="@SUM(A1)")
    path = tmp_path / "客户.xlsx"
    written = export_customer_view(session, ops, CustomerQuery(sort="company_id"), COLUMNS, path)
    assert written == 6
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["公司id", "公司名称", "销售负责人", "合作状态", "是否停用", "月均拍摄量", "备注"]
    by_id = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert by_id[5001][0].data_type == "n" and by_id[5001][5].value == 120.5 and by_id[5001][5].data_type == "n"
    formula_like = by_id[8888][6]
    assert (formula_like.value, formula_like.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert (by_id[9999][1].value, by_id[9999][1].data_type) == ("+86 电话客户", "s")
    assert (by_id[9999][6].value, by_id[9999][6].data_type) == ("@SUM(A1)", "s")
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    event = session.scalars(select(AuditEntry).where(AuditEntry.entity == "customer_export")).one()
    assert event.changes["rows"] == 6 and event.changes["file"] == "客户.xlsx"


def test_bad_columns_and_paths_are_refused(session, ops, world, tmp_path):
    with pytest.raises(ValidationError) as bad:
        export_rows(session, ops, CustomerQuery(), ["name", "password_hash", "name"])
    assert len(bad.value.problems) == 2
    assert bad.value.code == "customers.columns.invalid"
    assert sorted(p.code for p in bad.value.problems) == ["customers.columns.repeated", "customers.columns.unknown"]
    with pytest.raises(UserError) as wrong_name:
        export_customer_view(session, ops, CustomerQuery(), ["name"], tmp_path / "out.csv")
    assert (wrong_name.value.code, wrong_name.value.params) == ("customers.export.not_xlsx", {"file": "out.csv"})


def test_progress_is_reported_and_cancel_stops_without_a_file(session, ops, world, tmp_path):
    seen: list[tuple[int, int]] = []
    export_customer_view(session, ops, CustomerQuery(), ["name"], tmp_path / "a.xlsx",
                         progress=lambda done, total, _label: seen.append((done, total)))
    assert seen[-1] == (5, 5)
    with pytest.raises(Cancelled):
        export_customer_view(session, ops, CustomerQuery(), ["name"], tmp_path / "b.xlsx", cancel=lambda: True)
    assert not (tmp_path / "b.xlsx").exists()


def export_events(session):
    return session.scalars(select(AuditEntry).where(AuditEntry.entity == "customer_export")).all()


def test_an_export_is_declared_a_write_so_its_audit_row_gets_a_write_transaction():
    for function in (export_customer_view, export_customers):
        kind = declared(function)
        assert kind is not None and kind.writes and "audit" in kind.topics
    assert declared(export_rows) is not None and not declared(export_rows).writes


def test_a_failure_before_the_file_is_moved_into_place_leaves_no_file_and_no_audit_row(
        session, ops, world, tmp_path, monkeypatch):
    def refuse(source, target):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export_file.os, "replace", refuse)
    target = tmp_path / "out" / "客户.xlsx"
    target.parent.mkdir()  # an export never creates folders (issue 11)
    with pytest.raises(UserError) as failed, session.begin_nested():  # the caller rolls back on the error
        export_customer_view(session, ops, CustomerQuery(), ["name"], target)
    assert failed.value.code == "customers.export.cannot_write"
    assert failed.value.params == {"path": str(target), "reason": "Permission denied"}
    assert list(target.parent.iterdir()) == []  # neither the file nor its temporary copy
    assert export_events(session) == []


def test_the_audit_row_is_written_before_the_file(session, ops, world, tmp_path, monkeypatch):
    seen = []
    real_replace = export_file.os.replace

    def replace(source, target):
        seen.append(len(export_events(session)))
        real_replace(source, target)

    monkeypatch.setattr(export_file.os, "replace", replace)
    export_customer_view(session, ops, CustomerQuery(), ["name"], tmp_path / "a.xlsx")
    assert seen == [1]


def test_a_rollback_after_the_file_was_saved_removes_the_file(session, ops, world, tmp_path):
    target = tmp_path / "客户.xlsx"
    attempt = session.begin_nested()
    assert export_customer_view(session, ops, CustomerQuery(), ["name"], target) == 5
    assert target.exists() and len(export_events(session)) == 1
    attempt.rollback()  # e.g. the commit failed
    assert not target.exists() and export_events(session) == []
    assert list(tmp_path.iterdir()) == []


def test_a_rollback_puts_back_the_file_the_export_replaced(session, ops, world, tmp_path):
    target = tmp_path / "客户.xlsx"
    target.write_bytes(b"the old export")
    attempt = session.begin_nested()
    export_customers(session, ops, target)
    assert target.read_bytes() != b"the old export"
    attempt.rollback()
    assert target.read_bytes() == b"the old export" and list(tmp_path.iterdir()) == [target]


def test_a_committed_export_keeps_its_file_and_its_audit_row(session, ops, world, tmp_path):
    target = tmp_path / "客户.xlsx"
    target.write_bytes(b"the old export")
    attempt = session.begin_nested()
    export_customer_view(session, ops, CustomerQuery(), ["name"], target)
    attempt.commit()
    session.commit()  # the test's outer transaction (a savepoint of the fixture's connection)
    assert load_workbook(target).active["A1"].value == "公司名称"
    assert list(tmp_path.iterdir()) == [target]  # the copy of the old file is gone
    assert len(export_events(session)) == 1
