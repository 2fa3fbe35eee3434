import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, PricePlanTier
from opcms_desktop.services.platform.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from opcms_desktop.services.platform.messages import render, set_language
from opcms_desktop.services.pricing import plans as price_plans
from opcms_desktop.services.pricing.grammar import TierBand, parse_tiers
from opcms_desktop.services.pricing.plans import PlanInput, validate_plan

D = Decimal
JAN = dt.date(2026, 1, 1)
TIERS = parse_tiers("0-1000:10; 1000-5000:8; 5000+:5")


def per_shoot(customer_id, start=JAN, end=None, series="X", **kw):
    kw.setdefault("single_price", D("25"))
    return PlanInput(customer_id=customer_id, mode="per_shoot", series=series, effective_from=start,
                     effective_to=end, **kw)


def fields_of(problems):
    return {p.field for p in problems}


# ---- validation of each mode ------------------------------------------------------------------------

def test_a_complete_plan_of_each_mode_is_valid():
    plans = [
        PlanInput(customer_id=1, mode="per_shoot", effective_from=JAN, single_price=D("25")),
        PlanInput(customer_id=1, mode="per_shoot", effective_from=JAN, single_price=D("25"), multi_price=D("40")),
        PlanInput(customer_id=1, mode="per_shoot", effective_from=JAN, single_price=D("14"),
                  multi_base=D("14"), multi_step=D("10")),
        PlanInput(customer_id=1, mode="tiered_graduated", effective_from=JAN, tiers=TIERS),
        PlanInput(customer_id=1, mode="tiered_volume", effective_from=JAN, tiers=TIERS, extra_floor_price=D("2")),
        PlanInput(customer_id=1, mode="area", effective_from=JAN, area_rate=D("0.125")),
        PlanInput(customer_id=1, mode="annual_package", effective_from=JAN, annual_fee=D("9980")),
        PlanInput(customer_id=1, mode="annual_quota", effective_from=JAN, annual_fee=D("9980"), quota=1000,
                  overage_price=D("12")),
    ]
    for plan in plans:
        assert validate_plan(plan) == [], plan.mode


@pytest.mark.parametrize(("plan", "field", "code"), [
    (dict(mode="per_shoot"), "single_price", "pricing.field.single_required"),
    (dict(mode="per_shoot", single_price=D("-1")), "single_price", "pricing.field.negative"),
    (dict(mode="per_shoot", single_price=D("1"), multi_base=D("14")), "multi_step", "pricing.field.formula_incomplete"),
    (dict(mode="per_shoot", single_price=D("1"), multi_price=D("3"), multi_base=D("1"), multi_step=D("1")),
     "multi_price", "pricing.field.multi_both"),
    (dict(mode="per_shoot", single_price=D("1.00001")), "single_price", "pricing.field.too_many_decimals"),
    (dict(mode="tiered_graduated"), "tiers", "pricing.field.tiers_required"),
    (dict(mode="tiered_graduated", tiers=[TierBand(0, 1000, D("10")), TierBand(2000, None, D("8"))]),
     "tiers", "pricing.tiers.band_gap"),
    (dict(mode="tiered_volume", tiers=[TierBand(0, 1000, D("10"))]), "tiers", "pricing.tiers.last_closed"),
    (dict(mode="tiered_volume", tiers=[TierBand(0, None, D("-3"))]), "tiers", "pricing.tiers.band_negative"),
    (dict(mode="tiered_volume", tiers=TIERS, extra_floor_price=D("-2")), "extra_floor_price", "pricing.field.negative"),
    (dict(mode="area"), "area_rate", "pricing.field.area_rate_required"),
    (dict(mode="annual_package"), "annual_fee", "pricing.field.annual_fee_required"),
    (dict(mode="annual_package", annual_fee=D("0")), "annual_fee", "pricing.field.annual_fee_required"),
    (dict(mode="annual_quota", annual_fee=D("9980"), overage_price=D("10")), "quota", "pricing.field.quota_required"),
    (dict(mode="annual_quota", annual_fee=D("9980"), quota=1000), "overage_price", "pricing.field.overage_required"),
    (dict(mode="annual_quota", quota=1000, overage_price=D("1")), "annual_fee", "pricing.field.annual_fee_required"),
    (dict(mode="area", area_rate=D("1"), single_price=D("3")), "single_price", "pricing.field.unused"),
    (dict(mode="annual_package", annual_fee=D("1"), tiers=TIERS), "tiers", "pricing.field.unused"),
    (dict(mode="area", area_rate=D("1"), series="Z"), "series", "pricing.field.series_unknown"),
    (dict(mode="area", area_rate=D("1"), effective_to=dt.date(2025, 12, 31)), "effective_to",
     "pricing.field.end_before_start"),
    (dict(mode="area", area_rate=D("1"), payment_terms_days=-5), "payment_terms_days", "pricing.field.terms_range"),
    (dict(mode="daily"), "mode", "pricing.field.mode_unknown"),
])
def test_each_rule_names_its_field(plan, field, code):
    problems = validate_plan(PlanInput(customer_id=1, effective_from=JAN, **plan))
    assert field in fields_of(problems), problems
    assert code in [p.code for p in problems if p.field == field], problems


def test_problems_carry_their_parameters_and_read_in_both_languages():
    problems = validate_plan(PlanInput(customer_id=1, mode="area", effective_from=JAN, area_rate=D("1.00001"),
                                       single_price=D("3"), effective_to=dt.date(2025, 12, 31)))
    by_code = {p.code: p for p in problems}
    assert by_code["pricing.field.too_many_decimals"].params == {"places": 4}
    assert by_code["pricing.field.end_before_start"].params == {"start": "2026-01-01"}
    unused = by_code["pricing.field.unused"]
    assert unused.message == "is not used by by area plans; leave it empty"
    set_language("zh_CN")  # (a parameter that is itself a message renders in the current language)
    assert unused.message == "按面积方案不使用此项，请留空"
    band = validate_plan(PlanInput(customer_id=1, mode="tiered_graduated", effective_from=JAN,
                                   tiers=[TierBand(0, 1000, D("10")), TierBand(2000, None, D("8"))]))[0]
    assert (band.code, band.params, band.value) == ("pricing.tiers.band_gap", {"band": 2, "expected": 1000},
                                                    "2000+:8")
    assert render(band.code, band.params, "zh_CN") == "第 2 档应从 1000 开始（各档从 0 起首尾相接）"


# ---- create, history, overlap -----------------------------------------------------------------------

def test_create_and_history_with_tiers(session, ops, make):
    customer = make.customer("链家")
    row = price_plans.create_plan(session, ops, PlanInput(customer_id=customer.id, mode="tiered_graduated",
                                                           effective_from=JAN, tiers=TIERS, series="N"))
    assert row.tiers == tuple(TIERS) and row.version == 1 and row.company_id == customer.company_id
    history = price_plans.plan_history(session, ops, customer.id)
    assert [(h.id, h.series, h.mode_label) for h in history] == [(row.id, "N", "阶梯累进")]
    assert history[0].tiers[2] == TierBand(5000, None, D("5.0000"))
    assert history[0].summary == "阶梯累进: 0-1000:10; 1000-5000:8; 5000+:5"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "price_plan").order_by(AuditEntry.id)).all()[-1]
    assert entry.action == "create" and entry.changes["tiers"] == [None, "0-1000:10; 1000-5000:8; 5000+:5"]
    assert entry.changes["mode"] == [None, "tiered_graduated"] and entry.entity_id == str(row.id)


def test_a_new_plan_ends_the_open_plan_the_day_before_when_the_user_agrees(session, ops, make):
    customer = make.customer()
    first = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1)))
    second = price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, single_price=D("20")),
                                     end_open_plan=True)
    history = {h.id: h for h in price_plans.plan_history(session, ops, customer.id)}
    assert history[first.id].effective_to == dt.date(2025, 12, 31)
    assert history[first.id].version == 2
    assert history[second.id].effective_to is None
    ended = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(first.id))).all()[-1]
    assert ended.changes == {"effective_to": [None, "2025-12-31"]} and f"#{second.id}" in ended.summary


def test_without_agreement_the_overlap_with_the_open_plan_is_refused_offering_the_fix(session, ops, make):
    customer = make.customer()
    first = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1)))
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, single_price=D("20")))
    [problem] = err.value.problems
    assert (problem.code, problem.field) == ("pricing.overlap_open_endable", "effective_from")
    assert problem.params["last_day"] == "2025-12-31" and problem.params["plan_id"] == first.id
    assert "End the current plan" in problem.message and "2025-12-31" in problem.message
    assert price_plans.get_plan(session, ops, first.id).effective_to is None  # nothing written


def test_agreeing_does_not_end_a_closed_plan_or_one_starting_later(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2026, 6, 30)))
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, per_shoot(customer.id, JAN), end_open_plan=True)
    assert [p.code for p in err.value.problems] == ["pricing.overlap"]
    later = make.customer()
    price_plans.create_plan(session, ops, per_shoot(later.id, JAN))
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, per_shoot(later.id, dt.date(2025, 12, 1)), end_open_plan=True)
    assert [p.code for p in err.value.problems] == ["pricing.overlap_open"]


def test_the_editor_finds_the_open_plan_it_offers_to_end(session, ops, make):
    customer = make.customer()
    first = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1)))
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                                                    series="N"))
    history = price_plans.plan_history(session, ops, customer.id)
    assert price_plans.open_plan_to_end(history, "X", JAN).id == first.id
    assert price_plans.open_plan_to_end(history, "X", dt.date(2025, 1, 1)) is None  # same start: no
    assert price_plans.open_plan_to_end(history, "N", JAN) is None  # closed
    assert price_plans.open_plan_to_end(history, "ALL", JAN) is None


def test_overlap_with_a_closed_plan_is_refused_naming_its_dates(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 6, 1)))
    assert err.value.code == "pricing.overlap_invalid"
    [problem] = err.value.problems
    assert (problem.code, problem.field) == ("pricing.overlap", "effective_from")
    assert {k: problem.params[k] for k in ("start", "end", "series")} == \
        {"start": "2025-01-01", "end": "2025-12-31", "series": "X"}
    assert "2025-01-01 – 2025-12-31" in str(err.value)


def test_a_plan_starting_on_or_before_the_open_plan_is_an_overlap(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN))
    for start in (JAN, dt.date(2025, 12, 1)):
        with pytest.raises(ValidationError) as err:
            price_plans.create_plan(session, ops, per_shoot(customer.id, start))
        [problem] = err.value.problems
        assert (problem.code, problem.params["start"]) == ("pricing.overlap_open", "2026-01-01")
        assert "end" not in problem.params
    # a plan that ends before the open one starts fills history without touching it
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert len(price_plans.plan_history(session, ops, customer.id)) == 2


def test_all_and_series_plans_may_coexist_but_not_two_all_plans(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="ALL"))
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="X"))
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="L"))
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2026, 3, 1), series="ALL",
                                                        end=dt.date(2026, 3, 31)))
    [problem] = err.value.problems
    assert problem.code == "pricing.overlap" and "for series all valid 2026-01-01" in problem.message
    set_language("zh_CN")
    assert "与 全部 系列的定价结算方案 #" in problem.message
    other = make.customer()
    price_plans.create_plan(session, ops, per_shoot(other.id, JAN, dt.date(2026, 12, 31)))  # other customer


def test_invalid_input_is_refused_before_writing(session, ops, make):
    customer = make.customer()
    with pytest.raises(ValidationError) as err:
        price_plans.create_plan(session, ops, PlanInput(customer_id=customer.id, mode="annual_quota",
                                                        effective_from=JAN, annual_fee=D("100")))
    assert err.value.code == "pricing.plan_invalid"
    assert {"quota", "overage_price"} <= fields_of(err.value.problems)
    assert price_plans.plan_history(session, ops, customer.id) == []


# ---- update and end -----------------------------------------------------------------------------------

def test_update_is_audited_per_field_and_checks_the_version(session, ops, make):
    customer = make.customer()
    row = price_plans.create_plan(session, ops, per_shoot(customer.id, multi_price=D("40")))
    changed = dataclasses.replace(row.to_input(), multi_price=None, multi_base=D("14"), multi_step=D("10"))
    updated = price_plans.update_plan(session, ops, row.id, changed, expected_version=row.version)
    assert (updated.multi_price, updated.multi_base, updated.version) == (None, D("14"), 2)
    assert updated.summary == "定价结算: 单层 25, 多层 14+(F-1)*10"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "price_plan").order_by(AuditEntry.id)).all()[-1]
    assert entry.action == "update" and entry.changes == {
        "multi_base": [None, "14.0000"], "multi_price": ["40.0000", None], "multi_step": [None, "10.0000"]}
    with pytest.raises(ConflictError) as conflict:
        price_plans.update_plan(session, ops, row.id, changed, expected_version=row.version)
    assert (conflict.value.code, conflict.value.params) == ("pricing.plan_conflict", {"plan_id": row.id})
    same = price_plans.update_plan(session, ops, row.id, changed, expected_version=2)
    assert same.version == 2  # nothing differed, nothing written


def test_tier_only_change_bumps_the_version_and_rewrites_bands(session, ops, make):
    customer = make.customer()
    row = price_plans.create_plan(session, ops, PlanInput(customer_id=customer.id, mode="tiered_volume",
                                                          effective_from=JAN, tiers=TIERS))
    new_tiers = parse_tiers("0-500:12; 500+:9")
    updated = price_plans.update_plan(session, ops, row.id, dataclasses.replace(row.to_input(), tiers=new_tiers),
                                      row.version)
    assert updated.version == 2 and updated.tiers == tuple(new_tiers)
    assert session.scalars(select(PricePlanTier.seq).where(PricePlanTier.plan_id == row.id)).all() == [1, 2]


def test_update_may_not_overlap_or_move_customer(session, ops, make):
    customer, other = make.customer(), make.customer()
    early = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN))
    with pytest.raises(ValidationError) as err:
        price_plans.update_plan(session, ops, early.id,
                                dataclasses.replace(early.to_input(), effective_to=dt.date(2026, 2, 1)), 1)
    assert [p.code for p in err.value.problems] == ["pricing.overlap_open"]
    with pytest.raises(UserError) as moved:
        price_plans.update_plan(session, ops, early.id, dataclasses.replace(early.to_input(), customer_id=other.id), 1)
    assert moved.value.code == "pricing.move_customer"


def test_end_plan(session, ops, make):
    customer = make.customer()
    row = price_plans.create_plan(session, ops, per_shoot(customer.id))
    ended = price_plans.end_plan(session, ops, row.id, dt.date(2026, 6, 30), row.version)
    assert ended.effective_to == dt.date(2026, 6, 30) and ended.period_text == "2026-01-01 – 2026-06-30"
    with pytest.raises(ValidationError) as err:
        price_plans.end_plan(session, ops, row.id, dt.date(2025, 6, 30), ended.version)
    assert [p.code for p in err.value.problems] == ["pricing.field.end_before_start"]
    assert price_plans.get_plan(session, ops, row.id).period_text == "2026-01-01 – 2026-06-30"
    later = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2026, 7, 1)))
    assert later.period_text == "2026-07-01 – open"


# ---- permissions and sales scope ---------------------------------------------------------------------

def test_sales_see_only_their_customers_and_cannot_change_plans(session, ops, sales, other_sales, make):
    mine = make.customer("我的客户", sales=sales)
    theirs = make.customer("别人的客户", sales=other_sales)
    plan = price_plans.create_plan(session, ops, per_shoot(theirs.id))
    price_plans.create_plan(session, ops, per_shoot(mine.id))
    assert len(price_plans.plan_history(session, sales, mine.id)) == 1
    with pytest.raises(NotFound):
        price_plans.plan_history(session, sales, theirs.id)
    with pytest.raises(NotFound) as err:
        price_plans.get_plan(session, sales, plan.id)
    assert (err.value.code, err.value.params) == ("pricing.plan_not_found", {"plan_id": plan.id})
    with pytest.raises(PermissionDenied, match="pricing.create"):
        price_plans.create_plan(session, sales, per_shoot(mine.id, dt.date(2027, 1, 1)))
    with pytest.raises(PermissionDenied, match="pricing.edit"):
        price_plans.end_plan(session, sales, plan.id, dt.date(2026, 2, 1), 1)
