"""Re-importing the sheet: fields edited in the app win unless "sheet wins" (issue 11 item 4), and every
合作状态 value of the sheet shows on its customer and in the filters (issue 11 item 5)."""

import pytest
from sqlalchemy import select

from opcms_desktop.models import Customer
from opcms_desktop.services import customers
from opcms_desktop.services.customers.query import CustomerQuery, count_customers, list_customers
from opcms_desktop.services.customers.sheet_import import check_customer_sheet, import_customers

from .customer_sheet_builders import HEADERS, REAL_SHEET, customer_row, write_sheet


def _sheet(tmp_path, name="customers.xlsx", notes="月结", onboarding="25上半年", status="正常使用"):
    path = tmp_path / name
    write_sheet(path, HEADERS, [customer_row(101, "阿里房产", 备注=notes, 接入时间=onboarding, 合作状态=status),
                                customer_row(102, "北京中介", 备注="老客户")])
    return path


def _customer(session, company_id):
    customer = session.scalar(select(Customer).where(Customer.company_id == company_id))
    session.refresh(customer)
    return customer


def _edit(session, actor, company_id, changes):
    detail = customers.get_customer(session, actor, _customer(session, company_id).id)
    return customers.update_customer(session, actor, detail.id, changes, detail.version)


def test_reimport_keeps_app_edits_and_reports_the_conflict(session, admin, tmp_path):
    path = _sheet(tmp_path)
    import_customers(session, admin, path)
    _edit(session, admin, 101, {"notes": "改为包年，见合同", "onboarding_half": "2025-H2"})

    preview = check_customer_sheet(session, admin, path)
    kept = {c.field: c for c in preview.conflicts}
    assert set(kept) == {"notes", "onboarding"}
    assert (kept["notes"].sheet_value, kept["notes"].app_value, kept["notes"].winner) == ("月结", "改为包年，见合同",
                                                                                          "app")
    assert (kept["onboarding"].sheet_value, kept["onboarding"].app_value) == ("2025-H1", "2025-H2")
    assert {i.code for i in preview.issues if i.row == 2} >= {"customers.import.app_edit_kept"}
    assert preview.to_json()["conflicts"][0]["kept"] == "app"

    result = import_customers(session, admin, path)
    assert len(result.conflicts) == 2
    customer = _customer(session, 101)
    assert (customer.notes, customer.onboarding_half) == ("改为包年，见合同", "2025-H2")
    # Still reported the next time: the app's values stay edited until the sheet agrees or wins.
    assert len(check_customer_sheet(session, admin, path).conflicts) == 2


def test_sheet_wins_overwrites_the_app_edit(session, admin, tmp_path):
    path = _sheet(tmp_path)
    import_customers(session, admin, path)
    _edit(session, admin, 101, {"notes": "改为包年，见合同"})

    result = import_customers(session, admin, path, sheet_wins=True)
    assert [(c.field, c.winner) for c in result.conflicts] == [("notes", "sheet")]
    assert _customer(session, 101).notes == "月结"
    assert _customer(session, 101).app_edited is None
    # The field is the sheet's again: a later import reports nothing.
    assert check_customer_sheet(session, admin, path).conflicts == ()


def test_an_app_edit_the_sheet_agrees_with_is_no_conflict(session, admin, tmp_path):
    import_customers(session, admin, _sheet(tmp_path))
    _edit(session, admin, 101, {"notes": "改为包年"})
    agreeing = _sheet(tmp_path, "next.xlsx", notes="改为包年")
    result = import_customers(session, admin, agreeing)
    assert result.conflicts == ()
    assert _customer(session, 101).app_edited is None
    # From now on the sheet's changes to 备注 are taken again.
    later = import_customers(session, admin, _sheet(tmp_path, "later.xlsx", notes="又改了"))
    assert later.conflicts == () and _customer(session, 101).notes == "又改了"


def test_unedited_fields_still_follow_the_sheet(session, admin, tmp_path):
    import_customers(session, admin, _sheet(tmp_path))
    _edit(session, admin, 101, {"notes": "改为包年"})
    result = import_customers(session, admin, _sheet(tmp_path, "next.xlsx", onboarding="26年上半年"))
    assert [c.field for c in result.conflicts] == ["notes"]
    customer = _customer(session, 101)
    assert (customer.notes, customer.onboarding_half) == ("改为包年", "2026-H1")


def test_new_status_values_show_on_customers_and_in_filters(session, admin, tmp_path):
    path = tmp_path / "statuses.xlsx"
    write_sheet(path, HEADERS, [customer_row(201, "甲", 合作状态="使用Qverse"),
                                customer_row(202, "乙", 合作状态="公司倒闭"),
                                customer_row(203, "丙", 合作状态="正常使用")])
    result = import_customers(session, admin, path)
    assert ("coop_status", "使用Qverse") in result.dictionary_entries_created
    rows = {r.company_id: r for r in list_customers(session, admin, CustomerQuery(), 0, 100).rows}
    assert rows[201].coop_status_label == "使用Qverse" and rows[201].coop_status is None
    assert rows[203].coop_status_label == "正常使用" and rows[203].coop_status == "active"
    options = {o.label: o.value for o in customers.filter_options(session, admin).coop_status_entries}
    assert {"使用Qverse", "公司倒闭", "正常使用"} <= set(options)
    assert count_customers(session, admin, CustomerQuery(coop_status_ids=(options["公司倒闭"],))) == 1


@pytest.mark.skipif(not REAL_SHEET.exists(), reason="the real customer sheet is not here")
def test_every_status_of_the_real_sheet_is_kept(session, admin):
    from python_calamine import CalamineWorkbook

    import_customers(session, admin, REAL_SHEET)
    rows = CalamineWorkbook.from_path(str(REAL_SHEET)).get_sheet_by_index(0).to_python()
    column = rows[0].index("合作状态")
    in_sheet = {str(r[column]).split("@")[0].strip() for r in rows[1:]} - {"", "#N/A", "0", "-", "—"}
    options = {o.label: o.value for o in customers.filter_options(session, admin).coop_status_entries}
    assert in_sheet <= set(options)
    for label in in_sheet:
        assert count_customers(session, admin, CustomerQuery(coop_status_ids=(options[label],))) > 0, label
    page = list_customers(session, admin, CustomerQuery(), 0, 1000)
    shown = {r.coop_status_label for r in page.rows}
    assert not [r for r in page.rows if r.coop_status_raw and not r.coop_status_label]
    assert shown & in_sheet
