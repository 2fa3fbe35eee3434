from decimal import Decimal

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, Customer, CustomerOwner
from opcms_desktop.services.customers.edit import (
    create_customer,
    customer_history,
    get_customer,
    update_customer,
)
from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from opcms_desktop.services.security.permissions import Actor

from .customer_world import World, build_world, entry_id


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def audits(session, customer_id) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(
        AuditEntry.entity == "customer", AuditEntry.entity_id == str(customer_id)).order_by(AuditEntry.id)))


def test_detail_has_every_field_owners_and_version(session, ops, sales, world):
    detail = get_customer(session, ops, world.bj_wawj.id)
    assert (detail.company_id, detail.name, detail.name_initials, detail.name_pinyin) == (
        123, "北京我爱我家置业", "bjwawjzy", "beijingwoaiwojiazhiye")
    assert detail.sales_owner_ids == (sales.id,) and detail.ops_owner_ids == (ops.id,)
    assert {(o.kind, o.name) for o in detail.owners} == {("sales", "sales1"), ("ops", "ops1")}
    assert detail.version == world.bj_wawj.version and detail.payment_terms_days == 30


def test_detail_is_scoped_and_missing_is_not_found(session, sales, other_sales, world):
    assert get_customer(session, sales, world.wawj.id).name == "我爱我家"
    with pytest.raises(NotFound):
        get_customer(session, other_sales, world.wawj.id)
    with pytest.raises(NotFound):
        get_customer(session, sales, 987_654_321)


def test_update_saves_audits_each_field_and_bumps_version(session, ops, world):
    version, brokerage = world.wawj.version, world.wawj.industry_id
    detail = update_customer(session, ops, world.wawj.id, {
        "name": " 我爱我家(总部) ", "grade": "s", "avg_monthly_shoots": "88.5", "payment_terms_days": 45,
        "industry_id": entry_id(session, "industry", "项目"), "notes": "", "disabled": True,
    }, expected_version=version)
    assert (detail.name, detail.grade, detail.avg_monthly_shoots, detail.payment_terms_days) == (
        "我爱我家(总部)", "S", Decimal("88.50"), 45)
    assert (detail.name_initials, detail.name_pinyin) == name_keys("我爱我家(总部)")
    assert detail.name_initials.startswith("wawj") and detail.name_pinyin.startswith("woaiwojia")
    assert (detail.industry_label, detail.disabled, detail.version) == ("项目", True, version + 1)
    entry = audits(session, world.wawj.id)[-1]
    assert (entry.action, entry.username) == ("update", "ops1")
    assert entry.changes == {"name": ["我爱我家", "我爱我家(总部)"], "grade": ["A", "S"],
                             "avg_monthly_shoots": ["120.50", "88.50"], "payment_terms_days": [30, 45],
                             "industry_id": [brokerage, detail.industry_id],
                             "disabled": [False, True]}


def test_validation_names_every_bad_field_and_changes_nothing(session, ops, world):
    with pytest.raises(ValidationError) as bad:
        update_customer(session, ops, world.wawj.id, {
            "name": "  ", "grade": "E", "billing_enabled": "maybe", "consumption_tier": "C7",
            "avg_monthly_shoots": -1, "payment_terms_days": 400, "onboarding_half": "2025-H3",
            "industry_id": entry_id(session, "erp", "巧房"), "coop_status": "married", "company_id": 1,
            "sales_owner_ids": [987_654], "disabled": "yes",
        }, expected_version=world.wawj.version)
    assert {p.field for p in bad.value.problems} == {
        "name", "grade", "billing_enabled", "consumption_tier", "avg_monthly_shoots", "payment_terms_days",
        "onboarding_half", "industry_id", "coop_status", "company_id", "sales_owner_ids", "disabled"}
    assert bad.value.code == "customers.not_saved"
    assert {p.field: p.code.removeprefix("customers.field.") for p in bad.value.problems} == {
        "name": "required", "grade": "one_of", "billing_enabled": "one_of", "consumption_tier": "one_of",
        "avg_monthly_shoots": "not_negative", "payment_terms_days": "days_range", "onboarding_half": "half_year",
        "industry_id": "wrong_entry_kind", "coop_status": "one_of", "company_id": "not_editable",
        "sales_owner_ids": "no_such_user", "disabled": "yes_no"}
    grade = next(p for p in bad.value.problems if p.field == "grade")
    assert (grade.value, grade.params["allowed"][0]) == ("E", "S")
    assert get_customer(session, ops, world.wawj.id).name == "我爱我家"
    assert audits(session, world.wawj.id) == []


def test_stale_version_conflicts_unless_overwrite(session, ops, admin, world):
    opened = world.wawj.version
    update_customer(session, admin, world.wawj.id, {"notes": "admin was here"}, expected_version=opened)
    with pytest.raises(ConflictError) as conflict:
        update_customer(session, ops, world.wawj.id, {"notes": "ops was here"}, expected_version=opened)
    assert conflict.value.code == "customers.changed_by_other" and conflict.value.params["editor"] == "admin1"
    assert "admin1" in str(conflict.value)
    assert get_customer(session, ops, world.wawj.id).notes == "admin was here"
    detail = update_customer(session, ops, world.wawj.id, {"notes": "ops was here"}, expected_version=opened,
                             overwrite=True)
    assert (detail.notes, detail.version) == ("ops was here", opened + 2)
    assert "overwrote" in (audits(session, world.wawj.id)[-1].summary or "")


def test_conflict_between_two_sessions(fresh_factory):
    with session_scope(fresh_factory) as s:
        from tests.factories import Factory

        make = Factory(s)
        first, second = make.actor("ops_a", "ops"), make.actor("ops_b", "ops")
        customer_id = make.customer("并发客户", company_id=42).id
    with session_scope(fresh_factory) as s:
        opened = get_customer(s, first, customer_id).version
    with session_scope(fresh_factory) as s:
        update_customer(s, second, customer_id, {"grade": "B"}, expected_version=opened)
    with pytest.raises(ConflictError), session_scope(fresh_factory) as s:
        update_customer(s, first, customer_id, {"grade": "C"}, expected_version=opened)
    with session_scope(fresh_factory) as s:
        assert get_customer(s, first, customer_id).grade == "B"


def test_owners_are_replaced_and_audited_by_name(session, ops, sales, other_sales, make, world):
    session.add(CustomerOwner(customer_id=world.wawj.id, kind="sales", user_id=None, raw_name="易遨"))
    session.flush()
    helper = make.actor("ops2", "ops", display_name="运营小王")
    detail = update_customer(session, ops, world.wawj.id, {
        "sales_owner_ids": [other_sales.id, sales.id], "ops_owner_ids": [helper.id],
    }, expected_version=world.wawj.version)
    assert detail.sales_owner_ids == tuple(sorted((sales.id, other_sales.id)))
    assert detail.ops_owners == "运营小王" and "易遨" not in detail.sales_owners
    assert audits(session, world.wawj.id)[-1].changes == {
        "sales_owners": [["sales1", "易遨"], ["sales1", "sales2"]], "ops_owners": [[], ["运营小王"]]}
    assert get_customer(session, other_sales, world.wawj.id).name == "我爱我家"  # now theirs too


def test_disabled_users_cannot_become_owners(session, ops, make, world):
    gone = make.user("gone", "sales")
    gone.active = False
    session.flush()
    with pytest.raises(ValidationError) as refused:
        update_customer(session, ops, world.wawj.id, {"sales_owner_ids": [gone.id]},
                        expected_version=world.wawj.version)
    assert refused.value.code == "customers.not_saved"
    assert [(p.code, p.field, dict(p.params)) for p in refused.value.problems] == [
        ("customers.field.user_disabled", "sales_owner_ids", {"ids": [gone.id]})]


def test_unchanged_values_write_nothing(session, ops, world):
    version = world.wawj.version
    detail = update_customer(session, ops, world.wawj.id, {"grade": "A", "avg_monthly_shoots": "120.5"},
                             expected_version=version)
    assert detail.version == version and audits(session, world.wawj.id) == []


def test_sales_cannot_edit_and_scope_hides_foreign_customers(session, sales, world):
    with pytest.raises(PermissionDenied):
        update_customer(session, sales, world.wawj.id, {"notes": "x"}, expected_version=world.wawj.version)
    own_editor = Actor(id=sales.id, username="sales1", display_name="sales1", role="sales_plus",
                       permissions=frozenset({"customers.view", "customers.edit"}), customer_scope="own")
    assert update_customer(session, own_editor, world.wawj.id, {"notes": "x"},
                           expected_version=world.wawj.version).notes == "x"
    with pytest.raises(NotFound):
        update_customer(session, own_editor, world.lianjia.id, {"notes": "x"},
                        expected_version=world.lianjia.version)
    with pytest.raises(ValidationError) as refused:
        update_customer(session, own_editor, world.wawj.id, {"sales_owner_ids": []},
                        expected_version=get_customer(session, own_editor, world.wawj.id).version)
    assert [p.code for p in refused.value.problems] == ["customers.field.keep_own_scope"]


def test_history_is_newest_first_and_scoped(session, ops, sales, other_sales, world):
    for grade in ("B", "C"):
        update_customer(session, ops, world.wawj.id, {"grade": grade},
                        expected_version=get_customer(session, ops, world.wawj.id).version)
    history = customer_history(session, sales, world.wawj.id)
    assert [h.changes for h in history] == [{"grade": ["B", "C"]}, {"grade": ["A", "B"]}]
    assert history[0].username == "ops1" and history[0].id > history[1].id
    with pytest.raises(NotFound):
        customer_history(session, other_sales, world.wawj.id)


def test_create_customer_with_keys_owners_and_audit(session, ops, sales, world):
    detail = create_customer(session, ops, 60001, "我爱我家 上海", {"sales_owner_ids": [sales.id],
                                                               "billing_enabled": "pending"})
    assert (detail.company_id, detail.name_initials, detail.billing_enabled, detail.sales_owners) == (
        60001, "wawjsh", "pending", "sales1")
    entry = audits(session, detail.id)[-1]
    assert entry.action == "create" and entry.changes["company_id"] == [None, 60001]
    assert entry.changes["sales_owners"] == [None, ["sales1"]]
    with pytest.raises(ValidationError) as bad:
        create_customer(session, ops, 60001, "again")
    assert (bad.value.code, bad.value.problems[0].field, bad.value.problems[0].code) == (
        "customers.not_created", "company_id", "customers.field.company_id_taken")
    with pytest.raises(PermissionDenied):
        create_customer(session, sales, 60002, "mine")
    assert session.scalar(select(Customer.id).where(Customer.company_id == 60002)) is None
