"""Header matching, cell normalisation and plan seeding of the customer import (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.services.customers import normalise as cn
from opcms_desktop.services.customers.cells import cell_text, number_or_text
from opcms_desktop.services.customers.headers import FIELDS, find_header, match_header
from opcms_desktop.services.customers.plans import PlanTarget, plan_from_cells
from opcms_desktop.services.platform.errors import ValidationError
from opcms_desktop.services.platform.messages import msg
from opcms_desktop.services.pricing.grammar import parse_price


@pytest.mark.parametrize("header, key", [
    ("公司id", "company_id"), ("公司ID", "company_id"), ("公司编号", "company_id"), ("公司ｉｄ", "company_id"),
    (" 公司 id ", "company_id"), ("客户名称", "name"), ("公司名", "name"), ("销售", "sales_owner"),
    ("运营", "ops_owner"), ("单层价格", "single_price"), ("多层价格", "multi_price"), ("停用", "disabled"),
    ("是否停用", "disabled"), ("结算模式", "settlement_mode"), ("单层定价（元/套）", "single_price"),
    ("ＥＲＰ", "erp"), ("所属 erp", "erp"), ("月均拍摄量(套)", "avg_monthly_shoots"), ("消费等级", "consumption_tier"),
    ("2025年单层定价", "single_price"), ("custmer name", "name"),
])
def test_header_variants(header, key):
    match = match_header(header)
    assert match is not None and match[0] == key


@pytest.mark.parametrize("header", ["销售额", "内部编号", "单层定价多层定价", "联系电话", ""])
def test_unknown_headers_are_not_guessed(header):
    assert match_header(header) is None


def test_header_row_found_below_titles_in_any_order():
    rows = [["2025年12月客户清单"], [], ["备注", "公司名称", "销售额", "公司ID", "结算模式", "备注"], [1.0, "x"]]
    found = find_header(rows)
    assert found.excel_row == 3
    assert {c.key: c.index for c in found.columns} == {"notes": 0, "name": 1, "company_id": 3, "settlement_mode": 4}
    assert [(i, text) for i, text, _ in found.ignored] == [(2, "销售额"), (5, "备注")]


def test_the_reference_headers_win_over_variants():
    found = find_header([["名称", "公司id", "公司名称", "合作状态说明", "合作状态"]])
    assert {c.key: c.header for c in found.columns} == {"company_id": "公司id", "name": "公司名称",
                                                        "coop_status": "合作状态"}


def test_missing_required_columns_are_named():
    with pytest.raises(ValidationError) as missing:
        find_header([["公司id", "账号类型", "备注"]])
    assert missing.value.code == "customers.import.required_missing" and missing.value.params["columns"] == ["公司名称"]
    assert [(p.code, p.field, p.row) for p in missing.value.problems] == [("customers.import.column_missing", "公司名称", 1)]
    with pytest.raises(ValidationError) as none:
        find_header([["a", "b"], [1, 2]])
    assert none.value.code == "customers.import.no_header"
    with pytest.raises(ValidationError) as on_sheet:
        find_header([["a", "b"]], "Sheet2")
    assert on_sheet.value.code == "customers.import.no_header_on_sheet" and on_sheet.value.params["sheet"] == "Sheet2"


def test_every_reference_header_matches_itself():
    assert [match_header(f.header) for f in FIELDS] == [(f.key, 0) for f in FIELDS]


@pytest.mark.parametrize("value, expected", [
    (814.0, 814), ("814", 814), (" 814 ", 814), ("814.0", 814), (814, 814), ("８１４", 814), ("1,234", 1234),
])
def test_company_id_accepted(value, expected):
    result = cn.company_id(value)
    assert result.extra == expected and not result.errors and not result.warnings


@pytest.mark.parametrize("value, expected", [("00123", 123), ("1e3", 1000), (1e3, 1000)])
def test_company_id_read_with_a_note_when_written_oddly(value, expected):
    result = cn.company_id(value)
    assert result.extra == expected and not result.errors
    assert bool(result.warnings) == isinstance(value, str)


@pytest.mark.parametrize("value, code", [
    ("abc", "not_number"), (814.5, "not_whole"), ("814.5", "not_whole"), (-5.0, "not_positive"),
    ("-5", "not_positive"), (0.0, "not_positive"), ("", "missing"), ("#N/A", "missing"), (True, "boolean"),
    (1e20, "float_too_large"), ("99999999999999999999", "too_large"), ("1e999999", "too_large"),
    (dt.date(2025, 1, 1), "unusable"), (float("inf"), "not_whole"),
])
def test_company_id_rejected(value, code):
    result = cn.company_id(value)
    assert result.extra is None and [e.code for e in result.errors] == [f"customers.import.company_id_{code}"]
    assert result.errors[0].params["column"] == "公司id"


def test_names():
    assert cn.name("  我爱我家 ").values == {"name": "我爱我家"}
    assert cn.name("ＡＢＣ地产").values == {"name": "ＡＢＣ地产"}  # full-width kept as typed
    assert cn.name(365.0).values == {"name": "365"}
    for missing in ("", "#N/A", "—", "-", "0", None):
        assert cn.name(missing).errors
    cleaned = cn.name("坏\x01名\x1b字")
    assert cleaned.values == {"name": "坏名字"} and cleaned.warnings[0].code == "customers.import.control_removed"
    long = cn.name("长" * 250)
    assert long.values == {"name": "长" * 200}
    assert (long.warnings[0].code, long.warnings[0].params) == ("customers.import.cut", {"limit": 200})
    assert cn.name("#N/A").errors[0].code == "customers.import.name_missing"
    assert cn.name("—").errors[0].code == "customers.import.name_placeholder"
    assert cn.name("=HYPERLINK(\"x\")").values == {"name": "=HYPERLINK(\"x\")"}


def test_account_type_and_grade_and_tier():
    assert cn.account_type("正式").values == {"account_type": "formal", "account_type_raw": "正式"}
    odd = cn.account_type("VIP")
    assert odd.values == {"account_type": None, "account_type_raw": "VIP"} and odd.warnings
    assert cn.account_type("#N/A").values == {"account_type": None, "account_type_raw": None}
    assert cn.grade("#N/A").values == {"grade": None} and cn.grade(" a ").values == {"grade": "A"}
    assert cn.grade("E").warnings
    assert cn.consumption_tier(0.0).values == {"consumption_tier": None}
    assert cn.consumption_tier("c3").values == {"consumption_tier": "C3"}
    assert cn.consumption_tier("C9").warnings


@pytest.mark.parametrize("value, half", [
    ("25上半年", "2025-H1"), ("25下半年", "2025-H2"), ("26年上半年", "2026-H1"), ("2025-H2", "2025-H2"),
    (dt.date(2025, 8, 3), "2025-H2"), (dt.datetime(2024, 3, 1, 9, 30), "2024-H1"), ("2025/7/1", "2025-H2"),
    ("2025年3月", "2025-H1"), ("25年Q3", "2025-H2"), (45809.0, "2025-H1"),
])
def test_onboarding_half_years(value, half):
    result = cn.onboarding(value)
    assert result.values["onboarding_half"] == half and result.values["onboarding_raw"]


def test_onboarding_unreadable_keeps_the_text():
    result = cn.onboarding("去年秋天")
    assert result.values == {"onboarding_half": None, "onboarding_raw": "去年秋天"} and result.warnings
    assert cn.onboarding("").values == {"onboarding_half": None, "onboarding_raw": None}


@pytest.mark.parametrize("cell, names", [
    (" @郭富乾\n @张随军", ("郭富乾", "张随军")), (" @郭富乾", ("郭富乾",)), ("刘冀、谢海龙", ("刘冀", "谢海龙")),
    ("刘冀,谢海龙/曾太阳", ("刘冀", "谢海龙", "曾太阳")), ("刘冀 谢海龙", ("刘冀", "谢海龙")),
    ("John Smith", ("John Smith",)), ("刘冀\n刘冀", ("刘冀",)), ("易遨", ("易遨",)), ("＠路强", ("路强",)),
])
def test_owner_names_are_split_and_cleaned(cell, names):
    assert cn.owners("ops_owner_raw")(cell).extra == names


@pytest.mark.parametrize("cell", [0.0, "0", "—", "-", "#N/A", "", None, "无"])
def test_owner_placeholders_mean_nobody(cell):
    result = cn.owners("sales_owner_raw")(cell)
    assert result.extra == () and result.values == {"sales_owner_raw": None}


def test_coop_status_with_a_person():
    result = cn.coop_status("待确认  @李伟光")
    assert result.extra == "待确认"
    assert result.values == {"coop_status_raw": "待确认  @李伟光", "coop_note": "李伟光"}
    assert cn.coop_status("").values == {"coop_status_raw": None, "coop_note": None}


def test_yes_no_columns():
    assert [cn.billing(v).values["billing_enabled"] for v in ("是", "否", "待确认", "", "#N/A", True)] == \
        ["yes", "no", "pending", None, None, "yes"]
    assert cn.billing("也许").warnings
    assert [cn.disabled(v).values["disabled"] for v in ("是", "否", "", "停用", False)] == [True, False, None, True, False]
    assert cn.disabled("待确认").warnings


def test_settlement_modes():
    assert cn.settlement_mode("包年限量套餐").values == {"settlement_mode": "annual_quota",
                                                     "settlement_mode_raw": "包年限量套餐"}
    assert cn.settlement_mode(0.0).values == {"settlement_mode": None, "settlement_mode_raw": None}
    assert cn.settlement_mode("月结").warnings


def test_average_shoots():
    assert cn.avg_monthly_shoots(4047.0).values == {"avg_monthly_shoots": Decimal("4047.00")}
    assert cn.avg_monthly_shoots(0.0).values == {"avg_monthly_shoots": Decimal("0.00")}
    assert cn.avg_monthly_shoots("#N/A").values == {"avg_monthly_shoots": None}
    assert cn.avg_monthly_shoots("很多").warnings and cn.avg_monthly_shoots(-3.0).warnings


def _plan(single, multi, mode=None):
    s = parse_price(single, "single") if single is not None else None
    m = parse_price(multi, "multi") if multi is not None else None
    return plan_from_cells(s, m, mode)


def test_plans_from_price_cells():
    plan, warnings = _plan(25.0, 0.0)
    assert plan == PlanTarget("per_shoot", Decimal("25"), source_raw="单层定价: 25; 多层定价: 0") and not warnings
    plan, _ = _plan(12.5, 15.0)
    assert (plan.single_price, plan.multi_price) == (Decimal("12.5"), Decimal("15"))
    plan, _ = _plan(14.0, "14+（F-1）*10")
    assert (plan.multi_base, plan.multi_step, plan.multi_price) == (Decimal("14"), Decimal("10"), None)
    plan, _ = _plan("1m²1元", 0.0)
    assert plan.mode == "area" and plan.area_rate == Decimal("1")
    plan, warnings = _plan("9980套餐", None, "annual_quota")
    assert plan.mode == "annual_package" and plan.annual_fee == Decimal("9980.00")
    assert warnings == [("settlement_mode", msg("customers.import.quota_unknown"))]
    assert _plan("未签约", 0.0)[0] is None
    assert _plan(0.0, 0.0)[0] is None
    plan, _ = _plan("#N/A", 15.0)
    assert (plan.single_price, plan.multi_price) == (None, Decimal("15"))


@pytest.mark.parametrize("column, value, code, params", [
    ("multi", 0.0, "multi_price_zero", {"column": "多层定价"}),
    ("single", 0.0, "single_price_zero", {"column": "单层定价"}),
    ("multi", -5.0, "price_negative", {"column": "多层定价", "value": "-5"}),
    ("single", "面议", "price_unknown", {"column": "单层定价", "value": "面议"}),
    ("single", 1e30, "price_too_large", {"column": "单层定价", "value": "1e+30"}),
])
def test_price_cells_the_grammar_does_not_take_say_why_in_our_words(column, value, code, params):
    result = cn.price(column)(value)
    assert [(w.code, dict(w.params)) for w in result.warnings] == [(f"customers.import.{code}", params)]
    assert result.values == {f"{column}_price_raw": cn.cell_text(value)}


def test_cell_text_and_numbers_written_back():
    assert [cell_text(v) for v in (814.0, 12.5, float("nan"), dt.datetime(2025, 1, 2), True, None)] == \
        ["814", "12.5", "", "2025-01-02", "TRUE", ""]
    assert [number_or_text(t) for t in ("25", "12.5", "13.64", "12.50", "00123", "1m²1元", "-0")] == \
        [25, 12.5, 13.64, "12.50", "00123", "1m²1元", "-0"]
