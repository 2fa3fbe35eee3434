"""Field-level permissions: a field hidden for a role is absent from its list rows, detail and exports."""

import pytest
from openpyxl import load_workbook

from opcms_desktop.services.customers.columns import LIST_COLUMNS
from opcms_desktop.services.customers.edit import get_customer, update_customer
from opcms_desktop.services.customers.export import export_customer_view, export_rows
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.customers.rows import customer_rows
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, UserError
from opcms_desktop.services.security import field_permissions as fp

SECRET_NOTE = "机密备注-7201"
SECRET_PRICE = "0.77元/m2"


@pytest.fixture
def customer(make, sales):
    return make.customer(
        "字段客户", company_id=7201, sales=sales, notes=SECRET_NOTE, single_price_raw=SECRET_PRICE, grade="A"
    )


def xlsx_text(path):
    return "\n".join(
        str(v) for row in load_workbook(path).active.iter_rows(values_only=True) for v in row if v is not None
    )


def test_field_keys_are_the_customer_list_columns_plus_amounts():
    assert list(fp.CUSTOMER_FIELDS) == [c.key for c in LIST_COLUMNS]
    assert {fp.CUSTOMER_FIELDS[c.key] for c in LIST_COLUMNS} == {c.header for c in LIST_COLUMNS}
    assert fp.FIELD_KEYS[-1] == "amounts"


def test_a_hidden_field_is_absent_everywhere_for_that_role_only(
    session, admin, sales, ops, customer, tmp_path
):
    fp.set_field_mode(session, admin, "sales", "notes", "hidden")
    fp.set_field_mode(session, admin, "sales", "amounts", "hidden")
    assert "notes" not in fp.visible_customer_fields(session, sales)
    assert "single_price_raw" not in fp.visible_customer_fields(session, sales)
    (row,) = customer_rows(session, sales, [customer.id])
    assert not row.notes and not row.single_price_raw and row.grade == "A"
    detail = get_customer(session, sales, customer.id)
    assert not detail.notes and not detail.single_price_raw
    headers, rows = export_rows(
        session, sales, CustomerQuery(), ["company_id", "notes", "single_price_raw", "grade"]
    )
    assert headers == ["公司id", "客户等级"] and rows == [(7201, "A")]
    export_customer_view(
        session, sales, CustomerQuery(), ["company_id", "notes", "grade"], tmp_path / "view.xlsx"
    )
    export_customers(session, sales, tmp_path / "sheet.xlsx")
    for name in ("view.xlsx", "sheet.xlsx"):
        text = xlsx_text(tmp_path / name)
        assert SECRET_NOTE not in text and SECRET_PRICE not in text and "备注" not in text, name
        assert "7201" in text
    # ops is not restricted
    assert get_customer(session, ops, customer.id).notes == SECRET_NOTE
    export_customers(session, ops, tmp_path / "ops.xlsx")
    assert SECRET_NOTE in xlsx_text(tmp_path / "ops.xlsx") and SECRET_PRICE in xlsx_text(
        tmp_path / "ops.xlsx"
    )


def test_read_only_fields_cannot_be_changed_and_editable_lifts_the_rule(session, admin, ops, customer):
    fp.set_field_mode(session, admin, "ops", "grade", "read_only")
    version = get_customer(session, ops, customer.id).version
    with pytest.raises(PermissionDenied) as refused, session.begin_nested():
        update_customer(session, ops, customer.id, {"grade": "B"}, version)
    assert refused.value.code == "access.field_not_editable"
    session.expire_all()
    assert update_customer(session, ops, customer.id, {"notes": "可以改"}, version).notes == "可以改"
    fp.set_field_mode(session, admin, "ops", "grade", "editable")
    assert fp.list_field_rules(session, admin) == []
    assert update_customer(session, ops, customer.id, {"grade": "B"}, version + 1).grade == "B"


def test_bad_rules_are_refused_with_a_code(session, admin, sales):
    cases = [
        (("sales", "no_such", "hidden"), "access.unknown_field"),
        (("sales", "notes", "invisible"), "access.unknown_mode"),
        (("admin", "notes", "hidden"), "access.admin_fields_fixed"),
        (("sales", "company_id", "hidden"), "access.field_always_visible"),
    ]
    for args, code in cases:
        with pytest.raises(UserError) as refused:
            fp.set_field_mode(session, admin, *args)
        assert refused.value.code == code
    with pytest.raises(NotFound):
        fp.set_field_mode(session, admin, "no_role", "notes", "hidden")
    with pytest.raises(PermissionDenied):
        fp.set_field_mode(session, sales, "sales", "notes", "hidden")
    assert fp.list_field_rules(session, admin) == []


def test_hidden_amounts_leave_the_money_columns_out_of_bill_and_plan_exports(
    session, make, admin, ops, tmp_path
):
    import datetime as dt

    from opcms_desktop.services.pricing.plan_export import export_price_plans
    from opcms_desktop.services.receivables.report_xlsx import export_invoices_xlsx

    from .invoice_builders import issued

    customer = make.customer("账单客户", company_id=7202)
    issued(session, ops, customer, "9876.54", dt.date(2026, 2, 1))
    export_invoices_xlsx(session, ops, tmp_path / "before.xlsx")
    assert "9876.54" in xlsx_text(tmp_path / "before.xlsx") and "金额" in xlsx_text(tmp_path / "before.xlsx")
    fp.set_field_mode(session, admin, "ops", "amounts", "hidden")
    assert export_invoices_xlsx(session, ops, tmp_path / "after.xlsx") == 1
    text = xlsx_text(tmp_path / "after.xlsx")
    assert "9876" not in text and "金额" not in text and "7202" in text
    export_price_plans(session, ops, tmp_path / "plans.xlsx")
    headers = next(load_workbook(tmp_path / "plans.xlsx").active.iter_rows(values_only=True))
    assert "单层单价" not in headers and "多层定价" not in headers and "公司id" in headers
