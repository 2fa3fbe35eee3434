"""Exports above a role's threshold wait for a second person's approval; one approval, one export."""

import pytest
from sqlalchemy import select

from opcms_desktop.models.access import AccessEntry
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, UserError
from opcms_desktop.services.security import export_approval as ea


@pytest.fixture
def own_customers(make, sales):
    return [make.customer(f"审批客户{i}", company_id=7300 + i, sales=sales) for i in range(3)]


def test_a_large_sales_export_waits_for_approval_and_runs_once(
    session, make, admin, sales, own_customers, tmp_path
):
    manager = make.actor("manager1", "manager")
    ea.set_export_policy(session, admin, "sales", 2, False)
    with pytest.raises(UserError) as waiting:
        export_customers(session, sales, tmp_path / "big.xlsx")
    assert waiting.value.code == "access.export_needs_request" and waiting.value.params["rows"] == 3
    assert not (tmp_path / "big.xlsx").exists()
    rows = ea.count_export_rows(session, sales, "customers")
    assert rows == 3
    clearance = ea.request_export(session, sales, "customers", rows)
    assert clearance.needed and clearance.status == "pending"
    assert ea.request_export(session, sales, "customers", rows) == clearance  # no second request
    with pytest.raises(PermissionDenied) as unpermitted:
        ea.approve_export(session, sales, clearance.request_id)
    assert unpermitted.value.code == "error.permission_missing"
    approved = ea.approve_export(session, manager, clearance.request_id)
    assert approved.status == "approved" and approved.decided_by == "manager1"
    assert export_customers(session, sales, tmp_path / "big.xlsx").rows == 3
    assert [r.status for r in ea.list_export_requests(session, sales)] == ["used"]
    with pytest.raises(UserError):
        export_customers(session, sales, tmp_path / "again.xlsx")
    actions = session.scalars(select(AccessEntry.action).order_by(AccessEntry.id)).all()
    assert actions == ["export_request", "export_decision", "export_approved", "export"]


def test_the_requester_cannot_approve_their_own_request(session, make, admin, own_customers):
    ea.set_export_policy(session, admin, "admin", 1, False)
    clearance = ea.request_export(session, admin, "customers", 3)
    with pytest.raises(PermissionDenied) as own:
        ea.approve_export(session, admin, clearance.request_id)
    assert own.value.code == "access.approve_own_request"
    other = make.actor("admin2", "admin")
    assert ea.reject_export(session, other, clearance.request_id).status == "rejected"
    with pytest.raises(UserError) as twice:
        ea.approve_export(session, other, clearance.request_id)
    assert twice.value.code == "access.request_not_pending"
    with pytest.raises(NotFound):
        ea.approve_export(session, other, 999_999)


def test_below_the_threshold_or_without_a_policy_nothing_waits(
    session, admin, sales, own_customers, tmp_path
):
    assert not ea.request_export(session, sales, "customers", 3).needed
    ea.set_export_policy(session, admin, "sales", 3, True)
    assert export_customers(session, sales, tmp_path / "ok.xlsx").rows == 3
    assert ea.request_export(session, sales, "contacts", 1, masked=True).needed
    with pytest.raises(UserError) as bad:
        ea.set_export_policy(session, admin, "sales", -1, False)
    assert bad.value.code == "access.bad_threshold"
    with pytest.raises(PermissionDenied):
        ea.set_export_policy(session, sales, "sales", None, False)
    assert ea.export_policy(session, sales).row_threshold == 3
