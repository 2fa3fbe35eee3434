"""Follow-ups: planning, completing (next one by date or by plan), listing by state, scope and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.followup import contacts, followup_plans, followups
from opcms_desktop.services.followup.followups import FollowupFilter
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, UserError, ValidationError

TODAY = dt.date.today()


def test_create_followup_defaults_to_the_recorder_and_is_audited(session, make, sales):
    customer = make.customer("跟进客户", sales=sales)
    view = followups.create_followup(session, sales, customer.id, due_on=TODAY, content="问续费")
    assert (view.assignee_id, view.method, view.source, view.done) == (sales.id, "phone", "manual", False)
    assert view.content == "问续费" and view.customer_name == "跟进客户"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "followup",
                                                    AuditEntry.entity_id == str(view.id)))
    assert entry is not None and entry.action == "create" and entry.changes["content"] == [None, "问续费"]


def test_a_rule_followup_goes_to_the_sales_owner(session, make, ops, sales):
    customer = make.customer(sales=sales)
    view = followups.create_followup(session, ops, customer.id, due_on=TODAY, source="dunning:INV-2026-000001:1")
    assert view.assignee_id == sales.id and view.source == "dunning:INV-2026-000001:1"
    assert followups.create_followup(session, ops, make.customer().id, due_on=TODAY,
                                     source="rule:x").assignee_id == ops.id


def test_bad_input_is_refused_with_codes_and_writes_nothing(session, make, sales):
    customer = make.customer(sales=sales)
    other = make.customer(sales=sales)
    contact = contacts.add_contact(session, sales, other.id, contacts.ContactInput(name="王五"))
    with pytest.raises(ValidationError) as excinfo:
        followups.create_followup(session, sales, customer.id, due_on=dt.date(1999, 1, 1), method="fax",
                                  content="x" * 4001, contact_id=contact.id)
    assert [p.code for p in excinfo.value.problems] == [
        "followup.date_out_of_range", "followup.unknown_method", "followup.text_too_long",
        "followup.contact_not_of_customer"]
    assert followups.list_followups(session, sales).total_count == 0


def test_sales_cannot_plan_or_see_another_salespersons_followups(session, make, sales, other_sales):
    theirs = make.customer("外方", sales=other_sales)
    foreign = followups.create_followup(session, other_sales, theirs.id, due_on=TODAY)
    with pytest.raises(NotFound):
        followups.create_followup(session, sales, theirs.id, due_on=TODAY)
    with pytest.raises(NotFound):
        followups.complete_followup(session, sales, foreign.id, result="done")
    with pytest.raises(NotFound):
        followups.get_followup(session, sales, foreign.id)
    assert followups.list_followups(session, sales).total_count == 0
    assert followups.list_followups(session, other_sales).total_count == 1


def test_manager_may_not_write_without_permission(session, make):
    viewer = make.actor("readonly", "manager")
    customer = make.customer()
    # the manager role holds followups.edit; strip it to see the refusal
    from dataclasses import replace
    stripped = replace(viewer, permissions=viewer.permissions - {"followups.edit"})
    with pytest.raises(PermissionDenied):
        followups.create_followup(session, stripped, customer.id, due_on=TODAY)


def test_complete_with_next_due_creates_the_next_followup(session, make, sales):
    customer = make.customer(sales=sales)
    first = followups.create_followup(session, sales, customer.id, due_on=TODAY, method="visit")
    done_at = dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC)
    completion = followups.complete_followup(session, sales, first.id, result="答应下月续约", done_at=done_at,
                                             next_due=TODAY + dt.timedelta(days=10))
    assert completion.done.done_at is not None and completion.done.result == "答应下月续约"
    assert completion.done.next_due == TODAY + dt.timedelta(days=10)
    assert completion.next is not None
    assert (completion.next.due_on, completion.next.method, completion.next.source) == (
        TODAY + dt.timedelta(days=10), "visit", f"next:{first.id}")
    with pytest.raises(UserError) as excinfo:
        followups.complete_followup(session, sales, first.id, result="again")
    assert excinfo.value.code == "followup.already_done"


def test_complete_needs_a_result_and_a_later_next_date(session, make, sales):
    customer = make.customer(sales=sales)
    first = followups.create_followup(session, sales, customer.id, due_on=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        followups.complete_followup(session, sales, first.id, result="  ", next_due=TODAY - dt.timedelta(days=1))
    assert {p.code for p in excinfo.value.problems} == {"followup.result_required", "followup.next_not_after_done"}
    assert followups.get_followup(session, sales, first.id).done is False


def test_a_plan_creates_the_next_followup_when_one_is_done(session, make, sales):
    customer = make.customer(sales=sales)
    result = followup_plans.set_followup_plan(session, sales, customer.id, every_n=2, unit="week",
                                              method="wechat", first_due=TODAY)
    assert result.first is not None and result.first.plan_id == result.plan.id
    done_at = dt.datetime.combine(TODAY, dt.time(9), tzinfo=dt.UTC)
    completion = followups.complete_followup(session, sales, result.first.id, result="ok", done_at=done_at)
    assert completion.next is not None
    assert completion.next.due_on == TODAY + dt.timedelta(weeks=2)
    assert completion.next.method == "wechat" and completion.next.plan_id == result.plan.id
    followup_plans.stop_followup_plan(session, sales, customer.id)
    last = followups.complete_followup(session, sales, completion.next.id, result="ok", done_at=done_at)
    assert last.next is None
    assert followup_plans.get_followup_plan(session, sales, customer.id).active is False


def test_plan_input_is_checked(session, make, sales):
    customer = make.customer(sales=sales)
    with pytest.raises(ValidationError) as excinfo:
        followup_plans.set_followup_plan(session, sales, customer.id, every_n=0, unit="day")
    assert [p.code for p in excinfo.value.problems] == ["followup.plan.bad_every"]
    with pytest.raises(ValidationError) as excinfo:
        followup_plans.set_followup_plan(session, sales, customer.id, every_n=1, unit="month")
    assert [p.code for p in excinfo.value.problems] == ["followup.plan.bad_unit"]
    assert followup_plans.get_followup_plan(session, sales, customer.id) is None


def test_list_by_state(session, make, sales):
    customer = make.customer(sales=sales)
    as_of = dt.date(2026, 6, 15)
    overdue = followups.create_followup(session, sales, customer.id, due_on=dt.date(2026, 6, 10))
    due_today = followups.create_followup(session, sales, customer.id, due_on=as_of)
    later = followups.create_followup(session, sales, customer.id, due_on=dt.date(2026, 6, 20))
    done = followups.create_followup(session, sales, customer.id, due_on=dt.date(2026, 6, 1))
    followups.complete_followup(session, sales, done.id, result="ok",
                                done_at=dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC))

    def ids(state):
        page = followups.list_followups(session, sales, FollowupFilter(state=state, as_of=as_of))
        return [r.id for r in page.rows]

    assert ids("overdue") == [overdue.id]
    assert ids("due") == [overdue.id, due_today.id]
    assert ids("open") == [overdue.id, due_today.id, later.id]
    assert ids("done") == [done.id]
    assert ids("all") == [overdue.id, due_today.id, later.id, done.id]
    with pytest.raises(UserError):
        ids("soon")


def test_reschedule_moves_an_open_followup(session, make, sales):
    customer = make.customer(sales=sales)
    view = followups.create_followup(session, sales, customer.id, due_on=TODAY)
    moved = followups.reschedule_followup(session, sales, view.id, due_on=TODAY + dt.timedelta(days=3),
                                          version=view.version)
    assert moved.due_on == TODAY + dt.timedelta(days=3)
