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


@pytest.mark.parametrize(("plan", "field", "words"), [
    (dict(mode="per_shoot"), "single_price", "single-floor price"),
    (dict(mode="per_shoot", single_price=D("-1")), "single_price", "negative"),
    (dict(mode="per_shoot", single_price=D("1"), multi_base=D("14")), "multi_step", "both a and b"),
    (dict(mode="per_shoot", single_price=D("1"), multi_price=D("3"), multi_base=D("1"), multi_step=D("1")),
     "multi_price", "not both"),
    (dict(mode="per_shoot", single_price=D("1.00001")), "single_price", "more than 4 decimals"),
    (dict(mode="tiered_graduated"), "tiers", "needs tier bands"),
    (dict(mode="tiered_graduated", tiers=[TierBand(0, 1000, D("10")), TierBand(2000, None, D("8"))]),
     "tiers", "contiguous"),
    (dict(mode="tiered_volume", tiers=[TierBand(0, 1000, D("10"))]), "tiers", "open-ended"),
    (dict(mode="tiered_volume", tiers=[TierBand(0, None, D("-3"))]), "tiers", "negative"),
    (dict(mode="tiered_volume", tiers=TIERS, extra_floor_price=D("-2")), "extra_floor_price", "negative"),
    (dict(mode="area"), "area_rate", "per m²"),
    (dict(mode="annual_package"), "annual_fee", "annual fee"),
    (dict(mode="annual_package", annual_fee=D("0")), "annual_fee", "annual fee"),
    (dict(mode="annual_quota", annual_fee=D("9980"), overage_price=D("10")), "quota", "quota"),
    (dict(mode="annual_quota", annual_fee=D("9980"), quota=1000), "overage_price", "beyond the quota"),
    (dict(mode="annual_quota", quota=1000, overage_price=D("1")), "annual_fee", "annual fee"),
    (dict(mode="area", area_rate=D("1"), single_price=D("3")), "single_price", "not used by 按面积"),
    (dict(mode="annual_package", annual_fee=D("1"), tiers=TIERS), "tiers", "not used"),
    (dict(mode="area", area_rate=D("1"), series="Z"), "series", "X, N, L or ALL"),
    (dict(mode="area", area_rate=D("1"), effective_to=dt.date(2025, 12, 31)), "effective_to", "before"),
    (dict(mode="area", area_rate=D("1"), payment_terms_days=-5), "payment_terms_days", "0 to 366"),
    (dict(mode="daily"), "mode", "unknown mode"),
])
def test_each_rule_names_its_field(plan, field, words):
    problems = validate_plan(PlanInput(customer_id=1, effective_from=JAN, **plan))
    assert field in fields_of(problems), problems
    assert any(words in p.message for p in problems if p.field == field), problems


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
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "price_plan")).all()[-1]
    assert entry.action == "create" and entry.changes["tiers"] == [None, "0-1000:10; 1000-5000:8; 5000+:5"]
    assert entry.changes["mode"] == [None, "tiered_graduated"] and entry.entity_id == str(row.id)


def test_a_new_plan_ends_the_open_plan_the_day_before(session, ops, make):
    customer = make.customer()
    first = price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1)))
    second = price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, single_price=D("20")))
    history = {h.id: h for h in price_plans.plan_history(session, ops, customer.id)}
    assert history[first.id].effective_to == dt.date(2025, 12, 31)
    assert history[first.id].version == 2
    assert history[second.id].effective_to is None
    ended = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(first.id))).all()[-1]
    assert ended.changes == {"effective_to": [None, "2025-12-31"]} and f"#{second.id}" in ended.summary


def test_overlap_with_a_closed_plan_is_refused_naming_its_dates(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    with pytest.raises(ValidationError, match="may not overlap") as err:
        price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 6, 1)))
    assert "2025-01-01 – 2025-12-31" in str(err.value)


def test_a_plan_starting_on_or_before_the_open_plan_is_an_overlap(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN))
    for start in (JAN, dt.date(2025, 12, 1)):
        with pytest.raises(ValidationError, match="2026-01-01 – open"):
            price_plans.create_plan(session, ops, per_shoot(customer.id, start))
    # a plan that ends before the open one starts fills history without touching it
    price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert len(price_plans.plan_history(session, ops, customer.id)) == 2


def test_all_and_series_plans_may_coexist_but_not_two_all_plans(session, ops, make):
    customer = make.customer()
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="ALL"))
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="X"))
    price_plans.create_plan(session, ops, per_shoot(customer.id, JAN, dt.date(2026, 12, 31), series="L"))
    with pytest.raises(ValidationError, match="series 全部"):
        price_plans.create_plan(session, ops, per_shoot(customer.id, dt.date(2026, 3, 1), series="ALL",
                                                        end=dt.date(2026, 3, 31)))
    other = make.customer()
    price_plans.create_plan(session, ops, per_shoot(other.id, JAN, dt.date(2026, 12, 31)))  # other customer


def test_invalid_input_is_refused_before_writing(session, ops, make):
    customer = make.customer()
    with pytest.raises(ValidationError, match="cannot be saved") as err:
        price_plans.create_plan(session, ops, PlanInput(customer_id=customer.id, mode="annual_quota",
                                                        effective_from=JAN, annual_fee=D("100")))
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
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "price_plan")).all()[-1]
    assert entry.action == "update" and entry.changes == {
        "multi_base": [None, "14.0000"], "multi_price": ["40.0000", None], "multi_step": [None, "10.0000"]}
    with pytest.raises(ConflictError, match="reload"):
        price_plans.update_plan(session, ops, row.id, changed, expected_version=row.version)
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
    with pytest.raises(ValidationError, match="overlaps"):
        price_plans.update_plan(session, ops, early.id,
                                dataclasses.replace(early.to_input(), effective_to=dt.date(2026, 2, 1)), 1)
    with pytest.raises(UserError, match="another customer"):
        price_plans.update_plan(session, ops, early.id, dataclasses.replace(early.to_input(), customer_id=other.id), 1)


def test_end_plan(session, ops, make):
    customer = make.customer()
    row = price_plans.create_plan(session, ops, per_shoot(customer.id))
    ended = price_plans.end_plan(session, ops, row.id, dt.date(2026, 6, 30), row.version)
    assert ended.effective_to == dt.date(2026, 6, 30) and ended.period_text == "2026-01-01 – 2026-06-30"
    with pytest.raises(ValidationError, match="before the first day"):
        price_plans.end_plan(session, ops, row.id, dt.date(2025, 6, 30), ended.version)


# ---- permissions and sales scope ---------------------------------------------------------------------

def test_sales_see_only_their_customers_and_cannot_change_plans(session, ops, sales, other_sales, make):
    mine = make.customer("我的客户", sales=sales)
    theirs = make.customer("别人的客户", sales=other_sales)
    plan = price_plans.create_plan(session, ops, per_shoot(theirs.id))
    price_plans.create_plan(session, ops, per_shoot(mine.id))
    assert len(price_plans.plan_history(session, sales, mine.id)) == 1
    with pytest.raises(NotFound):
        price_plans.plan_history(session, sales, theirs.id)
    with pytest.raises(NotFound):
        price_plans.get_plan(session, sales, plan.id)
    with pytest.raises(PermissionDenied, match="pricing.create"):
        price_plans.create_plan(session, sales, per_shoot(mine.id, dt.date(2027, 1, 1)))
    with pytest.raises(PermissionDenied, match="pricing.edit"):
        price_plans.end_plan(session, sales, plan.id, dt.date(2026, 2, 1), 1)
