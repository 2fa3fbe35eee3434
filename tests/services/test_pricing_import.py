import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, PricePlan
from opcms_desktop.services.platform.errors import PermissionDenied, UserError, ValidationError
from opcms_desktop.services.pricing import plans as price_plans
from opcms_desktop.services.pricing.grammar import TierBand
from opcms_desktop.services.pricing.sheet_import import import_pricing
from opcms_desktop.services.pricing.template import write_pricing_template

from ..sheets import pricing_rows, write_sheet

D = Decimal
JAN = dt.date(2026, 1, 1)


def sheet(tmp_path, rows, name="pricing.xlsx", above=()):
    headers, cells = pricing_rows(rows)
    return write_sheet(tmp_path / name, headers, cells, above)


def plans_of(session, ops, customer):
    return price_plans.plan_history(session, ops, customer.id)


def test_every_mode_is_imported(session, ops, make, tmp_path):
    c = [make.customer(f"客户{i}", company_id=500_000 + i) for i in range(6)]
    rows = [
        {"公司id": 500000, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "X", "单层单价": 25,
         "多层定价": "14+（F-1）×10", "付款期限(天)": 45},
        {"公司id": 500001, "生效日期": "2026/1/1", "计费模式": "阶梯累进", "阶梯": "0-1000:10; 1000-5000:8; 5000+:5",
         "加层单价": 2},
        {"公司id": 500002, "生效日期": "2026-01-01", "失效日期": "2026-12-31", "计费模式": "阶梯全量",
         "设备系列": "n", "阶梯": "0-500:12；500+:9"},
        {"公司id": 500003, "生效日期": dt.datetime(2026, 1, 1), "计费模式": "按面积", "面积单价": "1m²1元"},
        {"公司id": 500004, "生效日期": JAN, "计费模式": "包年套餐", "设备系列": "全部", "套餐年费": 9980},
        {"公司id": 500005, "生效日期": JAN, "计费模式": "包年限量套餐", "套餐年费": 19800, "套餐额度": 2000,
         "超额单价": 9.5},
    ]
    report = import_pricing(session, ops, sheet(tmp_path, rows))
    assert report.to_json() == {"rows": 6, "inserted": 6, "updated": 0, "unchanged": 0, "rejected": 0,
                                "warnings": 0, "dry_run": False, "errors": []}
    per_shoot, graduated, volume, area, package, quota = (plans_of(session, ops, x)[0] for x in c)
    assert (per_shoot.series, per_shoot.single_price, per_shoot.multi_base, per_shoot.multi_step,
            per_shoot.payment_terms_days) == ("X", D("25"), D("14"), D("10"), 45)
    assert graduated.mode == "tiered_graduated" and graduated.series == "ALL" and graduated.extra_floor_price == 2
    assert graduated.tiers == (TierBand(0, 1000, D("10")), TierBand(1000, 5000, D("8")), TierBand(5000, None, D("5")))
    assert (volume.mode, volume.series, volume.effective_to) == ("tiered_volume", "N", dt.date(2026, 12, 31))
    assert (area.mode, area.area_rate) == ("area", D("1"))
    assert (package.mode, package.annual_fee) == ("annual_package", D("9980"))
    assert (quota.annual_fee, quota.quota, quota.overage_price) == (D("19800"), 2000, D("9.5"))
    assert per_shoot.source == "pricing_import" and "单层单价=25" in per_shoot.source_raw
    event = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()[-1]
    assert event.entity == "price_plan" and event.changes["inserted"] == 6


def test_later_rows_end_earlier_plans_and_reimport_is_unchanged(session, ops, make, tmp_path):
    customer = make.customer(company_id=510_000)
    rows = [
        {"公司id": 510000, "生效日期": dt.date(2025, 1, 1), "计费模式": "定价结算", "设备系列": "X", "单层单价": 30},
        {"公司id": 510000, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "X", "单层单价": 25, "多层定价": 0},
        {"公司id": 510000, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "全部", "单层单价": 28},
    ]
    path = sheet(tmp_path, rows, above=[["2026 价格表"], []])
    first = import_pricing(session, ops, path)
    assert (first.inserted, first.warnings) == (3, 1)
    assert (first.issues[0].row, first.issues[0].column, first.issues[0].level) == (5, "多层定价", "warning")
    assert first.issues[0].code == "pricing.price.multi_zero" and "single-floor price" in first.issues[0].message
    history = {(p.series, p.effective_from): p for p in plans_of(session, ops, customer)}
    assert history[("X", dt.date(2025, 1, 1))].effective_to == dt.date(2025, 12, 31)
    assert history[("X", JAN)].effective_to is None and history[("ALL", JAN)].effective_to is None
    again = import_pricing(session, ops, path)
    assert (again.rows, again.unchanged, again.inserted, again.updated, again.rejected) == (3, 3, 0, 0, 0)
    changed = sheet(tmp_path, [rows[0], {**rows[1], "单层单价": 24}, rows[2]], name="changed.xlsx")
    third = import_pricing(session, ops, changed)
    assert (third.unchanged, third.updated) == (2, 1)
    assert {p.single_price for p in plans_of(session, ops, customer) if p.series == "X"} == {D("30"), D("24")}


def test_bad_rows_are_explained_and_the_good_ones_kept(session, ops, make, tmp_path):
    make.customer(company_id=520_000)
    rows = [
        {"公司id": 999_999, "生效日期": JAN, "计费模式": "定价结算", "单层单价": 25},
        {"公司id": "abc", "生效日期": JAN, "计费模式": "定价结算", "单层单价": 25},
        {"公司id": 520000, "生效日期": "明年", "计费模式": "定价结算", "单层单价": 25},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "按天", "单层单价": 25},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "Z", "单层单价": 25},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "阶梯累进", "阶梯": "0-1000:10; 2000+:8"},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "定价结算", "单层单价": -3},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "包年限量套餐", "套餐年费": 9980, "套餐额度": 100},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "定价结算", "单层单价": 25, "多层定价": "未签约"},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "包年套餐", "套餐年费": 9980, "单层单价": 5},
        {"公司id": 520000, "生效日期": JAN, "计费模式": "包年套餐", "套餐年费": 8000},
        {"公司id": 520000, "生效日期": dt.date(2026, 6, 1), "失效日期": dt.date(2026, 5, 1), "计费模式": "按面积",
         "面积单价": 1, "设备系列": "L"},
    ]
    report = import_pricing(session, ops, sheet(tmp_path, rows))
    assert (report.rows, report.inserted, report.rejected) == (12, 1, 11)
    errors = {(i.row, i.column): i for i in report.issues if i.level == "error"}
    unknown = errors[(2, "公司id")]
    assert (unknown.code, unknown.params) == ("pricing.import.customer_unknown", {"company_id": 999999})
    assert unknown.to_json()["message"] == "there is no customer with company id 999999 that you can see"
    assert (errors[(3, "公司id")].code, errors[(3, "公司id")].value) == ("cells.not_whole_number", "abc")
    assert (errors[(4, "生效日期")].code, errors[(4, "生效日期")].value) == ("cells.not_a_date", "明年")
    assert errors[(5, "计费模式")].code == "pricing.import.mode_unknown"
    assert "包年限量套餐" in errors[(5, "计费模式")].params["modes"]
    assert (errors[(6, "设备系列")].code, errors[(6, "设备系列")].value) == ("pricing.import.series_unknown", "Z")
    assert (errors[(7, "阶梯")].code, errors[(7, "阶梯")].params) == ("pricing.tiers.band_gap",
                                                                   {"band": 2, "expected": 1000})
    assert (errors[(8, "单层单价")].code, errors[(8, "单层单价")].value) == ("cells.negative", "-3")
    assert errors[(9, "超额单价")].code == "pricing.field.overage_required"
    assert (errors[(10, "多层定价")].code, errors[(10, "多层定价")].value) == ("pricing.import.multi_invalid", "未签约")
    warning = next(i for i in report.issues if i.level == "warning")
    assert (warning.row, warning.column, warning.value) == (11, "单层单价", "5")
    assert warning.code == "pricing.import.column_unused" and warning.message == "not used by annual package plans; ignored"
    assert (errors[(12, "生效日期")].code, errors[(12, "生效日期")].params) == ("pricing.import.duplicate_key",
                                                                         {"first_row": 11})
    assert errors[(13, "失效日期")].code == "pricing.field.end_before_start"


def test_overlap_is_a_rejected_row_naming_the_other_plan(session, ops, make, tmp_path):
    customer = make.customer(company_id=530_000)
    price_plans.create_plan(session, ops, price_plans.PlanInput(
        customer_id=customer.id, mode="area", series="X", effective_from=dt.date(2025, 1, 1),
        effective_to=dt.date(2026, 6, 30), area_rate=D("1")))
    rows = [{"公司id": 530000, "生效日期": JAN, "计费模式": "按面积", "设备系列": "X", "面积单价": 2}]
    report = import_pricing(session, ops, sheet(tmp_path, rows))
    assert report.rejected == 1
    issue = report.issues[0]
    assert (issue.code, issue.column) == ("pricing.overlap", "生效日期")
    assert (issue.params["start"], issue.params["end"]) == ("2025-01-01", "2026-06-30")
    assert "valid 2025-01-01 – 2026-06-30" in issue.message
    assert issue.to_json()["params"]["mode"] == "by area"  # a message parameter is its text in JSON


def test_dry_run_reports_the_same_and_writes_nothing(session, ops, make, tmp_path):
    make.customer(company_id=540_000)
    rows = [{"公司id": 540000, "生效日期": JAN, "计费模式": "包年套餐", "套餐年费": "9980套餐"}]
    audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    report = import_pricing(session, ops, sheet(tmp_path, rows), dry_run=True)
    assert (report.inserted, report.dry_run) == (1, True)
    assert session.scalar(select(func.count()).select_from(PricePlan)) == 0
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_missing_headers_and_unreadable_files(session, ops, tmp_path):
    path = write_sheet(tmp_path / "wrong.xlsx", ["公司id", "开始", "模式"], [[1, JAN, "定价结算"]])
    with pytest.raises(ValidationError) as err:  # the platform's sheet reader explains which columns lack
        import_pricing(session, ops, path)
    assert err.value.problems and "生效日期" in str(err.value) and "计费模式" in str(err.value)
    (tmp_path / "text.xlsx").write_text("not a workbook")
    with pytest.raises(UserError) as unreadable:
        import_pricing(session, ops, tmp_path / "text.xlsx")
    with pytest.raises(UserError) as missing:
        import_pricing(session, ops, tmp_path / "missing.xlsx")
    assert "text.xlsx" in str(unreadable.value) and "missing.xlsx" in str(missing.value)


def test_headers_tolerate_spaces_and_full_width(session, ops, make, tmp_path):
    customer = make.customer(company_id=550_000)
    path = write_sheet(tmp_path / "fw.xlsx", [" 公司ID ", "生效 日期", "计费模式", "付款期限（天）", "备注"],
                       [[550000, JAN, "包年套餐", 15, "x"]])
    report = import_pricing(session, ops, path)
    assert report.rejected == 1  # 套餐年费 column absent: the plan is incomplete
    assert (report.issues[0].column, report.issues[0].code) == ("备注", "pricing.import.unknown_column")
    assert (report.issues[0].row, report.issues[0].level) == (None, "warning")
    assert report.issues[1].column == "套餐年费"
    path = write_sheet(tmp_path / "fw2.xlsx", [" 公司ID ", "生效 日期", "计费模式", "付款期限（天）", "套餐年费"],
                       [[550000, JAN, "包年套餐", 15, 100]])
    assert import_pricing(session, ops, path).inserted == 1
    assert plans_of(session, ops, customer)[0].payment_terms_days == 15


def test_a_customer_the_actor_cannot_see_is_unknown(session, sales, other_sales, make, tmp_path):
    importer = dataclasses.replace(sales, permissions=sales.permissions | {"pricing.import"})
    make.customer(company_id=560_000, sales=sales)
    make.customer(company_id=560_001, sales=other_sales)
    rows = [{"公司id": cid, "生效日期": JAN, "计费模式": "按面积", "面积单价": 1} for cid in (560000, 560001)]
    report = import_pricing(session, importer, sheet(tmp_path, rows))
    assert (report.inserted, report.rejected) == (1, 1)
    assert (report.issues[0].code, report.issues[0].params) == ("pricing.import.customer_unknown",
                                                                {"company_id": 560001})
    with pytest.raises(PermissionDenied, match="pricing.import"):
        import_pricing(session, sales, sheet(tmp_path, rows, name="again.xlsx"))


def test_the_template_reads_back(session, ops, tmp_path):
    path = write_pricing_template(tmp_path / "template.xlsx")
    report = import_pricing(session, ops, path)
    assert report.rows == 0 and report.issues == []


def test_progress_and_cancel(session, ops, make, tmp_path):
    from opcms_desktop.services.platform.errors import Cancelled

    make.customer(company_id=570_000)
    path = sheet(tmp_path, [{"公司id": 570000, "生效日期": JAN, "计费模式": "按面积", "面积单价": 1}])
    with pytest.raises(Cancelled):
        import_pricing(session, ops, path, cancel=lambda: True)
    assert session.scalar(select(func.count()).select_from(PricePlan)) == 0
    seen = []
    import_pricing(session, ops, path, progress=lambda done, total, label: seen.append((done, total)))
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)
