"""The pricing engine, mode by mode and boundary by boundary (DOMAIN.md 3.2, 3.3). Pure: no database."""

import datetime as dt
from decimal import Decimal as D

import pytest

from opcms_desktop.services.platform import errors as pe_errors
from opcms_desktop.services.platform import money as platform_money
from opcms_desktop.services.pricing import engine as pe
from opcms_desktop.services.pricing.engine import Counts, Plan
from opcms_desktop.services.pricing.grammar import parse_price, parse_tiers

BANDS = tuple(parse_tiers("0-1000:10; 1000-5000:8; 5000+:5"))
JAN1 = dt.date(2026, 1, 1)


def plan(mode="per_shoot", series="X", start=JAN1, end=None, plan_id=1, **prices) -> Plan:
    return Plan(id=plan_id, series=series, mode=mode, effective_from=start, effective_to=end, **prices)


def shoots(single=0, multi=0, floors=0, area=D(0), series="X", no_area=0) -> Counts:
    return Counts(single, multi, floors, area, no_area, ((series, single, multi),))


def amount(p: Plan, counts: Counts, **kw) -> D:
    result = pe.price_usage(p, p.series, counts, **kw)
    assert not result.shortfalls, result.shortfalls
    return pe.total(result.lines)


# --- worked checks of DOMAIN.md 3.2 -------------------------------------------------------------------

@pytest.mark.parametrize(("count", "expected"), [(1000, "10000.00"), (1001, "10008.00"), (5001, "42005.00")])
def test_graduated_worked_checks(count, expected):
    assert amount(plan("tiered_graduated", tiers=BANDS), shoots(count)) == D(expected)


@pytest.mark.parametrize(("count", "expected"),
                         [(1000, "10000.00"), (1001, "8008.00"), (5000, "40000.00"), (5001, "25005.00")])
def test_volume_worked_checks(count, expected):
    assert amount(plan("tiered_volume", tiers=BANDS), shoots(count)) == D(expected)


@pytest.mark.parametrize(("count", "split"), [
    (0, []), (1, [(1, 1)]), (999, [(1, 999)]), (1000, [(1, 1000)]), (1001, [(1, 1000), (2, 1)]),
    (4999, [(1, 1000), (2, 3999)]), (5000, [(1, 1000), (2, 4000)]), (5001, [(1, 1000), (2, 4000), (3, 1)]),
])
def test_graduated_band_edges(count, split):
    assert [(i, n) for i, _, n in pe.graduated_split(BANDS, count)] == split


@pytest.mark.parametrize(("count", "band"), [(0, None), (1, 1), (1000, 1), (1001, 2), (5000, 2), (5001, 3)])
def test_volume_band_edges(count, band):
    found = pe.volume_band(BANDS, count)
    assert (found[0] if found else None) == band


def test_graduated_lines_say_how_they_were_computed():
    lines = pe.price_usage(plan("tiered_graduated", tiers=BANDS), "X", shoots(5001)).lines
    assert [li.description for li in lines] == [
        "X系列 阶梯累进 第1档(1-1000) 1000套 × 10.00",
        "X系列 阶梯累进 第2档(1001-5000) 4000套 × 8.00",
        "X系列 阶梯累进 第3档(5001+) 1套 × 5.00",
    ]
    assert [(li.quantity, li.unit_price, li.amount) for li in lines] == [
        (D(1000), D(10), D("10000.00")), (D(4000), D(8), D("32000.00")), (D(1), D(5), D("5.00"))]


def test_volume_is_one_line_at_the_reached_band():
    (line,) = pe.price_usage(plan("tiered_volume", tiers=BANDS), "X", shoots(1001)).lines
    assert line.description == "X系列 阶梯全量 第2档(1001-5000) 1001套 × 8.00"
    assert (line.quantity, line.unit_price, line.amount) == (D(1001), D(8), D("8008.00"))


def test_tier_unit_is_a_shoot_and_extra_floors_are_charged_separately():
    # 995 single + 5 multi-floor shoots of 3 floors = 1000 shoots (band 1), 10 extra floors at 2.50
    p = plan("tiered_graduated", tiers=BANDS, extra_floor_price=D("2.5"))
    lines = pe.price_usage(p, "X", shoots(995, 5, 15)).lines
    assert [li.amount for li in lines] == [D("10000.00"), D("25.00")]
    assert lines[1].description == "X系列 多层加层 10层 × 2.50"


def test_tiered_without_extra_floor_price_ignores_floors():
    assert amount(plan("tiered_volume", tiers=BANDS), shoots(0, 10, 50)) == D("100.00")


def test_tiered_plan_without_bands_is_a_shortfall_not_zero():
    result = pe.price_usage(plan("tiered_graduated"), "X", shoots(10))
    assert result.lines == () and result.shortfalls[0].shoots == 10
    assert result.shortfalls[0].code == "pricing.short.no_tiers"


# --- per shoot ------------------------------------------------------------------------------------

def test_per_shoot_single_and_flat_multi():
    lines = pe.price_usage(plan(single_price=D(8), multi_price=D(15)), "X", shoots(120, 10, 30)).lines
    assert [li.description for li in lines] == ["X系列 单层拍摄 120套 × 8.00", "X系列 多层拍摄 10套 × 15.00"]
    assert pe.total(lines) == D("1110.00")


def test_per_shoot_formula_is_a_times_shoots_plus_b_times_extra_floors():
    # 14+(F-1)*10 over shoots of 2, 3 and 5 floors: 24 + 34 + 54 = 112 = 14*3 + 10*(10-3)
    p = plan(single_price=D(8), multi_base=D(14), multi_step=D(10))
    (line,) = pe.price_usage(p, "X", shoots(0, 3, 10)).lines
    assert line.amount == D("112.00")
    assert line.formula == "14.00×3 + 10.00×7"
    assert line.unit_price is None and line.quantity == D(3)
    assert line.description == "X系列 多层拍摄 3套（共10层）按 14.00+(F-1)×10.00"


@pytest.mark.parametrize("multi_price", [None, D(0)])
def test_no_multi_price_bills_multi_floor_shoots_at_the_single_price(multi_price):
    p = plan(single_price=D("8.5"), multi_price=multi_price)
    lines = pe.price_usage(p, "X", shoots(2, 4, 12)).lines
    assert [li.amount for li in lines] == [D("17.00"), D("34.00")]
    assert lines[1].description == "X系列 多层拍摄 4套 × 8.50（按单层价）"


def test_per_shoot_without_single_price_is_a_shortfall():
    result = pe.price_usage(plan(multi_price=D(20)), "X", shoots(5, 1, 2))
    assert [li.amount for li in result.lines] == [D("20.00")]
    assert result.shortfalls[0].shoots == 5 and result.shortfalls[0].kind == "no_price"


def test_zero_usage_gives_no_lines():
    assert pe.price_usage(plan(single_price=D(8)), "X", Counts()).lines == ()


def test_four_decimal_unit_price_rounds_once_per_line_half_up():
    # 3 x 8.1235 = 24.3705 -> 24.37 ; 1 x 0.125 = 0.125 -> 0.13 (half up, not to even)
    assert amount(plan(single_price=D("8.1235")), shoots(3)) == D("24.37")
    assert amount(plan(single_price=D("0.125")), shoots(1)) == D("0.13")


# --- area -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("area", "rate", "expected"), [
    (D("1234.50"), D("0.125"), D("154.31")),  # 154.3125
    (D("0.20"), D("0.125"), D("0.03")),  # 0.025 -> half up
    (D("100.00"), D("1"), D("100.00")),  # 1m²1元
    (D("99.99"), D("0.3333"), D("33.33")),  # 33.326667
])
def test_area_is_area_times_rate_rounded_once(area, rate, expected):
    (line,) = pe.price_usage(plan("area", area_rate=rate), "X", shoots(3, area=area)).lines
    assert line.amount == expected
    assert line.quantity == area and line.unit_price == rate


def test_area_description():
    (line,) = pe.price_usage(plan("area", area_rate=D("0.125")), "X", shoots(3, area=D("1234.50"))).lines
    assert line.description == "X系列 按面积 1234.5m² × 0.125"


def test_area_shoots_without_area_are_reported():
    result = pe.price_usage(plan("area", area_rate=D("0.5")), "X", shoots(4, area=D(10), no_area=1))
    assert pe.total(result.lines) == D("5.00")
    assert result.shortfalls[0].kind == "missing_area" and result.shortfalls[0].shoots == 1
    assert (result.shortfalls[0].code, result.shortfalls[0].params) == ("pricing.short.missing_area", {"count": 1})
    assert result.shortfalls[0].message == "1 shoots have no area to bill"


def test_area_plan_without_rate_is_a_shortfall():
    assert pe.price_usage(plan("area"), "X", shoots(4, area=D(10))).shortfalls[0].kind == "no_price"


# --- quotas and packages --------------------------------------------------------------------------

@pytest.mark.parametrize(("prior", "now", "over"), [
    (0, 100, 0), (900, 100, 0),  # exactly reached
    (900, 101, 1), (950, 100, 50),  # crossed in this part
    (1000, 5, 5), (1200, 10, 10),  # already beyond
])
def test_quota_overage(prior, now, over):
    assert pe.quota_overage(1000, prior, now) == over


def test_quota_overage_line():
    p = plan("annual_quota", quota=1000, overage_price=D(6), annual_fee=D(9980))
    (line,) = pe.price_usage(p, "X", shoots(100), prior_shoots=950).lines
    assert (line.quantity, line.unit_price, line.amount) == (D(50), D(6), D("300.00"))
    assert line.description == "X系列 超出年度限量 50套 × 6.00（限量1000套，本合同年累计1050套）"


def test_quota_exactly_reached_has_no_line():
    p = plan("annual_quota", quota=1000, overage_price=D(6))
    assert pe.price_usage(p, "X", shoots(100), prior_shoots=900) == pe.Priced()


def test_quota_without_overage_price_is_a_shortfall():
    result = pe.price_usage(plan("annual_quota", quota=10), "X", shoots(15))
    assert result.lines == () and result.shortfalls[0].shoots == 5
    assert (result.shortfalls[0].code, result.shortfalls[0].params) == ("pricing.short.no_overage", {"count": 5})


def test_package_shoots_are_not_charged():
    assert pe.price_usage(plan("annual_package", annual_fee=D(9980)), "X", shoots(500)) == pe.Priced()


def test_annual_fee_line():
    p = plan("annual_package", series="ALL", start=dt.date(2026, 1, 15), annual_fee=D(9980))
    line = pe.annual_fee_line(p, dt.date(2027, 1, 15))
    assert line is not None
    assert line.description == "全系列 包年套餐年费 2027-01-15至2028-01-14"
    assert (line.quantity, line.unit_price, line.amount, line.series) == (D(1), D(9980), D("9980.00"), "ALL")


# --- contract years -----------------------------------------------------------------------------------

def test_contract_year_starts_on_effective_from_and_anniversaries():
    p = plan("annual_quota", start=dt.date(2025, 3, 15))
    assert pe.contract_year_start(p, dt.date(2025, 3, 15)) == dt.date(2025, 3, 15)
    assert pe.contract_year_start(p, dt.date(2026, 3, 14)) == dt.date(2025, 3, 15)
    assert pe.contract_year_start(p, dt.date(2026, 3, 15)) == dt.date(2026, 3, 15)
    assert pe.contract_year_end(p, dt.date(2026, 3, 15)) == dt.date(2027, 3, 14)
    assert pe.contract_year_starts(p, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == [dt.date(2026, 3, 15)]
    assert pe.contract_year_starts(p, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == []


def test_leap_day_contract_years():
    p = plan("annual_package", start=dt.date(2024, 2, 29))
    assert pe.add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert pe.add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert pe.contract_year_starts(p, dt.date(2025, 2, 1), dt.date(2025, 2, 28)) == [dt.date(2025, 2, 28)]
    assert pe.contract_year_starts(p, dt.date(2028, 2, 1), dt.date(2028, 2, 29)) == [dt.date(2028, 2, 29)]
    assert pe.contract_year_start(p, dt.date(2025, 2, 27)) == dt.date(2024, 2, 29)
    assert pe.contract_year_end(p, dt.date(2024, 2, 29)) == dt.date(2025, 2, 27)


def test_no_fee_for_a_contract_year_after_the_plan_ended():
    p = plan("annual_package", start=dt.date(2025, 6, 1), end=dt.date(2026, 5, 31))
    assert pe.contract_year_starts(p, dt.date(2026, 6, 1), dt.date(2026, 6, 30)) == []
    assert pe.contract_year_starts(p, dt.date(2025, 6, 1), dt.date(2025, 6, 30)) == [dt.date(2025, 6, 1)]


# --- which plan prices a shoot --------------------------------------------------------------------------

def test_series_plan_wins_over_all_plan():
    x = plan(series="X", plan_id=1, start=dt.date(2026, 1, 10))
    every = plan(series="ALL", plan_id=2)
    assert pe.resolve_plan([every, x], "X", dt.date(2026, 1, 9)) is every
    assert pe.resolve_plan([every, x], "X", dt.date(2026, 1, 10)) is x
    assert pe.resolve_plan([every, x], "N", dt.date(2026, 1, 10)) is every


def test_plan_dates_include_both_ends():
    p = plan(start=dt.date(2026, 1, 5), end=dt.date(2026, 1, 20))
    assert [p.covers(dt.date(2026, 1, d)) for d in (4, 5, 20, 21)] == [False, True, True, False]
    assert pe.resolve_plan([p], "X", dt.date(2026, 1, 21)) is None


def test_overlapping_plans_of_one_series_use_the_later_one():
    a, b = plan(plan_id=1), plan(plan_id=2, start=dt.date(2026, 1, 10))
    assert pe.resolve_plan([b, a], "X", dt.date(2026, 1, 12)) is b


# --- money and formatting ------------------------------------------------------------------------------

def test_money_rounds_half_up_once():
    assert pe.money(D("0.005")) == D("0.01")
    assert pe.money(D("2.675")) == D("2.68")
    assert pe.money(D("-0.005")) == D("-0.01")


def test_the_engine_rounds_with_the_platform_money_rule():
    assert pe.money is platform_money.money


@pytest.mark.parametrize(("text", "column", "kind", "warning"), [
    ("25", "single", "per_shoot", None),
    ("14+(F-1)*10", "multi", "formula", None),
    ("0", "multi", "same_as_single", "pricing.price.multi_zero"),
    ("0", "single", "none", "pricing.price.single_zero"),
    ("-5", "single", "none", "pricing.price.negative"),
    ("0m²1元", "single", "none", "pricing.price.area_zero"),
    ("未签约", "single", "none", "pricing.price.not_a_price"),
])
def test_price_grammar_warnings_are_catalogue_codes(text, column, kind, warning):
    spec = parse_price(text, column)
    assert (spec.kind, spec.warning, spec.raw) == (kind, warning, text)


def test_tier_bands_that_cannot_be_read_name_each_part():
    with pytest.raises(pe_errors.ValidationError) as err:
        parse_tiers("0-1000=10; 1000+:8")
    assert err.value.code == "pricing.tiers.unreadable"
    assert [(p.code, p.value) for p in err.value.problems] == [("pricing.tiers.band_format", "0-1000=10")]
    with pytest.raises(pe_errors.ValidationError) as err:
        parse_tiers("0-1000:10; 1000-2000:8")
    assert (err.value.code, err.value.problems[0].code) == ("pricing.tiers.invalid", "pricing.tiers.last_closed")


def test_invoice_total_is_the_sum_of_rounded_lines():
    # three lines of 0.125 -> 0.13 each; total 0.39 (not 0.375 -> 0.38)
    lines = [pe.Line("X", "", D(1), pe.money(D("0.125"))) for _ in range(3)]
    assert pe.total(lines) == D("0.39")


@pytest.mark.parametrize(("value", "text"), [(D(8), "8.00"), (D("0.125"), "0.125"), (D("8.1"), "8.10"),
                                             (D("8.1234"), "8.1234"), (D("12.5000"), "12.50")])
def test_price_format(value, text):
    assert pe.fmt_price(value) == text


@pytest.mark.parametrize(("value", "text"), [(D("120.0000"), "120"), (D("1234.50"), "1234.5"), (5, "5")])
def test_quantity_format(value, text):
    assert pe.fmt_quantity(value) == text
