import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, UsageMonthly, UsageOrder
from opcms_desktop.services.platform.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from opcms_desktop.services.usage import records as usage
from opcms_desktop.services.usage.records import UsageFigures, UsageQuery

D = Decimal


def add_orders(session, customer, *orders):
    """orders: (order_no, date, series, floors, area)"""
    for no, day, series, floors, area in orders:
        session.add(UsageOrder(order_no=no, customer_id=customer.id, upload_date=day, series=series, floors=floors,
                               area=area))
    session.flush()


def add_monthly(session, customer, period, series, single=0, multi=0, floors=0, area=D("0")):
    row = UsageMonthly(customer_id=customer.id, period=period, series=series, single_shoots=single,
                       multi_shoots=multi, multi_floors=floors, area=area)
    session.add(row)
    session.flush()
    return row


@pytest.fixture
def usage_data(session, make, sales, other_sales):
    mine = make.customer("我爱我家", company_id=700_000, sales=sales)
    mine.name_initials = "wajj"
    theirs = make.customer("链家", company_id=700_001, sales=other_sales)
    add_orders(session, mine,
               ("U-1", dt.date(2026, 1, 3), "X", 1, D("80.5")),
               ("U-2", dt.date(2026, 1, 31), "X", 3, None),
               ("U-3", dt.date(2026, 1, 9), "X", 2, D("100")),
               ("U-4", dt.date(2026, 2, 1), "X", 1, None),
               ("U-5", dt.date(2026, 1, 9), "N", 1, None))
    add_monthly(session, mine, "2026-01", "X", single=4, multi=1, floors=2, area=D("10.25"))
    add_monthly(session, mine, "2026-03", "L", single=7)
    add_orders(session, theirs, ("V-1", dt.date(2026, 1, 2), "X", 1, None))
    return mine, theirs


def test_page_aggregates_orders_by_month_plus_monthly_rows(session, ops, usage_data):
    mine, theirs = usage_data
    page = usage.usage_page(session, ops, UsageQuery(company_id=700_000))
    keys = [(r.period, r.series) for r in page.rows]
    assert keys == [("2026-03", "L"), ("2026-02", "X"), ("2026-01", "N"), ("2026-01", "X")]
    jan_x = page.rows[3]
    assert jan_x.orders == UsageFigures(1, 2, 5, D("180.50"))
    assert jan_x.monthly == UsageFigures(4, 1, 2, D("10.25"))
    assert jan_x.total == UsageFigures(5, 3, 7, D("190.75"))
    assert jan_x.monthly_version == 1 and jan_x.customer_name == "我爱我家"
    assert page.rows[0].total == UsageFigures(7, 0, 0, D("0.00")) and page.rows[1].monthly_version is None
    assert page.total_rows == 4 and page.totals == UsageFigures(14, 3, 7, D("190.75"))


def test_filters_period_series_name_and_paging(session, ops, usage_data):
    jan = usage.usage_page(session, ops, UsageQuery(period_from="2026-01", period_to="2026-01"))
    assert {(r.company_id, r.series) for r in jan.rows} == {(700_000, "X"), (700_000, "N"), (700_001, "X")}
    x_only = usage.usage_page(session, ops, UsageQuery(period_from="2026-01", period_to="2026-02", series="X"))
    assert [(r.period, r.company_id) for r in x_only.rows] == [("2026-02", 700_000), ("2026-01", 700_000),
                                                               ("2026-01", 700_001)]
    by_name = usage.usage_page(session, ops, UsageQuery(name="链"))
    assert {r.company_id for r in by_name.rows} == {700_001}
    assert usage.usage_page(session, ops, UsageQuery(name="WAJJ")).total_rows == 4
    second = usage.usage_page(session, ops, UsageQuery(offset=1, limit=2))
    assert len(second.rows) == 2 and second.total_rows == 5
    with pytest.raises(ValidationError) as err:
        usage.usage_page(session, ops, UsageQuery(period_from="2026-1"))
    assert err.value.code == "period.invalid"  # the platform's one period definition
    assert [(p.code, p.field, p.value) for p in err.value.problems] == [("period.format", "period_from", "2026-1")]
    with pytest.raises(ValidationError) as err:
        usage.usage_page(session, ops, UsageQuery(series="Q"))
    assert (err.value.code, err.value.problems[0].code) == ("usage.series_invalid", "usage.series_unknown")


def test_sales_see_only_their_customers(session, sales, usage_data):
    page = usage.usage_page(session, sales, UsageQuery())
    assert {r.company_id for r in page.rows} == {700_000}
    assert usage.usage_page(session, sales, UsageQuery(company_id=700_001)).total_rows == 0


def test_a_correction_stores_the_difference_to_the_orders(session, ops, usage_data):
    mine, _ = usage_data
    row = usage.correct_usage(session, ops, mine.id, "2026-01", "X", 10, 4, 12, D("200"), "客户确认的数量", 1)
    assert row.total == UsageFigures(10, 4, 12, D("200.00"))
    assert row.monthly == UsageFigures(9, 2, 7, D("19.50")) and row.monthly_version == 2
    assert row.note == "客户确认的数量"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "usage_monthly")).all()[-1]
    assert entry.action == "correct" and entry.changes["reason"] == "客户确认的数量"
    assert entry.changes["single_shoots"] == [4, 9] and entry.changes["area"] == ["10.25", "19.50"]
    with pytest.raises(ConflictError) as err:
        usage.correct_usage(session, ops, mine.id, "2026-01", "X", 10, 4, 12, D("200"), "again", 1)
    assert (err.value.code, err.value.params) == ("usage.conflict", {"period": "2026-01", "series": "X"})


def test_a_correction_creates_the_monthly_row_when_there_is_none(session, ops, usage_data):
    mine, _ = usage_data
    row = usage.correct_usage(session, ops, mine.id, "2026-02", "X", 3, 0, 0, D("0"), "漏传两套", None)
    assert row.orders.single_shoots == 1 and row.monthly.single_shoots == 2 and row.total.single_shoots == 3
    assert row.monthly_version == 1
    same = usage.correct_usage(session, ops, mine.id, "2026-04", "N", 0, 0, 0, D("0"), "nothing", None)
    assert same.total == UsageFigures() and same.monthly_version is None
    assert session.scalar(select(UsageMonthly.id).where(UsageMonthly.period == "2026-04")) is None


def test_a_correction_below_the_orders_is_refused(session, ops, usage_data):
    mine, _ = usage_data
    with pytest.raises(UserError) as err:
        usage.correct_usage(session, ops, mine.id, "2026-01", "X", 5, 1, 3, D("200"), "too low", 1)
    assert err.value.code == "usage.below_orders"
    assert [m.code for m in err.value.params["below"]] == ["usage.figure.multi_shoots", "usage.figure.multi_floors"]
    assert "below its imported orders (multi-floor shoots 2, floors of multi-floor shoots 5)" in str(err.value)
    assert "delete-order" in str(err.value)
    with pytest.raises(UserError) as err:
        usage.correct_usage(session, ops, mine.id, "2026-01", "X", 5, 3, 6, D("200"), "floors", 1)
    assert (err.value.code, err.value.params) == ("usage.correction_floors",
                                                  {"multi": 1, "floors": 1, "order_floors": 5})
    assert "at least 2 floors" in str(err.value)


def test_correction_input_is_validated(session, ops, usage_data):
    mine, _ = usage_data
    with pytest.raises(ValidationError) as err:
        usage.correct_usage(session, ops, mine.id, "2026-13", "Q", -1, 2, 3, D("1.234"), " ", None)
    assert err.value.code == "usage.correction_invalid"
    assert {(p.field, p.code) for p in err.value.problems} == {
        ("period", "period.format"), ("series", "usage.series_unknown"), ("single_shoots", "usage.negative"),
        ("multi_floors", "usage.floors_too_few"), ("area", "usage.area_invalid"), ("reason", "usage.reason_required")}


def test_corrections_need_usage_edit_and_a_visible_customer(session, sales, make, usage_data):
    mine, theirs = usage_data
    with pytest.raises(PermissionDenied, match="usage.edit"):
        usage.correct_usage(session, sales, mine.id, "2026-01", "X", 10, 4, 12, D("200"), "x", 1)
    lead = make.actor("ops_lead", "ops")
    restricted = dataclasses.replace(lead, customer_scope="own")  # a custom role: ops rights, own customers
    with pytest.raises(NotFound) as err:
        usage.correct_usage(session, restricted, theirs.id, "2026-01", "X", 1, 0, 0, D("0"), "x", None)
    assert (err.value.code, err.value.params) == ("usage.customer_not_found", {"customer_id": theirs.id})


def test_delete_order_is_audited(session, ops, sales, usage_data):
    with pytest.raises(PermissionDenied, match="usage.delete"):
        usage.delete_order(session, sales, "U-2", "wrong")
    usage.delete_order(session, ops, "U-2", "重复上传")
    assert session.scalar(select(UsageOrder.id).where(UsageOrder.order_no == "U-2")) is None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "usage_order")).all()[-1]
    assert entry.changes["floors"] == [3, None] and "重复上传" in entry.summary
    with pytest.raises(NotFound) as err:
        usage.delete_order(session, ops, "U-2", "again")
    assert (err.value.code, err.value.params) == ("usage.order_not_found", {"order_no": "U-2"})
    with pytest.raises(ValidationError) as err:
        usage.delete_order(session, ops, "U-1", "  ")
    assert [(p.code, p.field) for p in err.value.problems] == [("usage.delete_reason_required", "reason")]


@pytest.mark.parametrize(("figures", "field", "code"), [
    ((1_000_001, 0, 0, "0"), "single_shoots", "usage.too_large"),
    ((600_000, 500_000, 1_000_000, "0"), "single_shoots", "usage.too_many_shoots"),
    ((0, 2, 401, "0"), "multi_floors", "usage.floors_too_many"),
    ((0, 0, 0, "10000000.01"), "area", "usage.too_large"),
    ((0, 0, 0, "1E+309"), "area", "usage.too_large"),
    ((0, 0, 0, "NaN"), "area", "usage.area_invalid"),
])
def test_corrections_have_upper_bounds(session, ops, make, figures, field, code):
    customer = make.customer()
    single, multi, floors, area = figures
    with pytest.raises(ValidationError) as err:
        usage.correct_usage(session, ops, customer.id, "2026-01", "X", single, multi, floors, Decimal(area),
                            "bounds", None)
    assert (field, code) in [(p.field, p.code) for p in err.value.problems]
    assert all(p.message for p in err.value.problems)
