import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, CustomerOwner
from opcms_desktop.services.customers.batch import assign_owners, set_coop_status, set_disabled
from opcms_desktop.services.customers.edit import get_customer
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError
from opcms_desktop.services.security.permissions import Actor

from .customer_world import World, build_world


@pytest.fixture
def world(session, make, sales, other_sales, ops) -> World:
    return build_world(session, make, sales, other_sales, ops)


def customer_audits(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "customer").order_by(AuditEntry.id)))


def batch_events(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "customer_batch")))


def test_disable_counts_changes_audits_each_and_bumps_versions(session, ops, world):
    versions = {c.id: c.version for c in world.all}
    result = set_disabled(session, ops, [world.wawj.id, world.lianjia.id, world.realty.id], True)
    assert (result.selected, result.changed, result.unchanged) == (3, 2, 1)  # 链家 was disabled already
    assert get_customer(session, ops, world.wawj.id).disabled is True
    assert get_customer(session, ops, world.wawj.id).version == versions[world.wawj.id] + 1
    assert get_customer(session, ops, world.lianjia.id).version == versions[world.lianjia.id]
    rows = customer_audits(session)
    assert [(r.entity_id, r.changes) for r in rows] == [
        (str(world.wawj.id), {"disabled": [False, True]}), (str(world.realty.id), {"disabled": [None, True]})]
    assert batch_events(session)[0].changes["changed"] == 2
    assert set_disabled(session, ops, [world.wawj.id], False).changed == 1


def test_a_foreign_or_missing_id_changes_nothing(session, ops, world):
    with pytest.raises(NotFound) as missing:
        set_disabled(session, ops, [world.wawj.id, 987_654_321], True)
    assert missing.value.code == "customers.batch.not_visible"
    assert missing.value.params == {"missing": 1, "ids": [987_654_321]}
    assert get_customer(session, ops, world.wawj.id).disabled is False
    assert customer_audits(session) == [] and batch_events(session) == []


def test_sales_may_not_and_scoped_editors_only_touch_their_own(session, sales, world):
    with pytest.raises(PermissionDenied):
        set_coop_status(session, sales, [world.wawj.id], "dormant")
    own_editor = Actor(id=sales.id, username="sales1", display_name="sales1", role="sales_plus",
                       permissions=frozenset({"customers.view", "customers.edit"}), customer_scope="own")
    with pytest.raises(NotFound):
        set_coop_status(session, own_editor, [world.wawj.id, world.lianjia.id], "dormant")
    assert get_customer(session, own_editor, world.wawj.id).coop_status == "active"
    assert set_coop_status(session, own_editor, [world.wawj.id, world.bj_wawj.id], "dormant").changed == 2
    with pytest.raises(ValidationError) as refused:
        assign_owners(session, own_editor, [world.wawj.id], "sales", [])
    assert [p.code for p in refused.value.problems] == ["customers.field.keep_own_scope"]


def test_coop_status_is_validated_and_raw_text_optional(session, ops, world):
    with pytest.raises(ValidationError) as bad:
        set_coop_status(session, ops, [world.wawj.id], "sleeping")
    assert bad.value.problems[0].field == "coop_status"
    result = set_coop_status(session, ops, [world.wawj.id, world.realty.id], "terminated", "切换如视")
    detail = get_customer(session, ops, world.realty.id)
    assert result.changed == 2 and (detail.coop_status, detail.coop_status_raw) == ("terminated", "切换如视")
    with pytest.raises(ValidationError):
        set_coop_status(session, ops, [], "active")


def test_assign_owners_replace_or_add(session, ops, sales, other_sales, world):
    ids = [world.wawj.id, world.lianjia.id, world.realty.id]
    result = assign_owners(session, ops, ids, "sales", [other_sales.id])
    assert (result.changed, result.unchanged) == (2, 1)  # 链家 already had exactly sales2
    assert get_customer(session, ops, world.wawj.id).sales_owner_ids == (other_sales.id,)
    added = assign_owners(session, ops, ids, "sales", [sales.id], replace=False)
    assert added.changed == 3
    assert get_customer(session, ops, world.realty.id).sales_owner_ids == tuple(sorted((sales.id, other_sales.id)))
    assert assign_owners(session, ops, ids, "sales", [sales.id], replace=False).changed == 0
    audit_rows = customer_audits(session)
    assert audit_rows[0].changes == {"sales_owners": [["sales1"], ["sales2"]]}
    with pytest.raises(ValidationError):
        assign_owners(session, ops, ids, "boss", [sales.id])


def test_replace_drops_unmapped_sheet_names(session, ops, world):
    session.add(CustomerOwner(customer_id=world.realty.id, kind="ops", user_id=None, raw_name="郭富乾"))
    session.flush()
    assert assign_owners(session, ops, [world.realty.id], "ops", []).changed == 1
    assert get_customer(session, ops, world.realty.id).ops_owners == ""
