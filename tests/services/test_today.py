"""The today pane: due and overdue follow-ups, overdue bills of the user's customers, snoozes; the timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opcms_desktop.models import Invoice, Receipt
from opcms_desktop.services.followup import followups, timeline, today
from opcms_desktop.services.platform.errors import NotFound, UserError

AS_OF = dt.date(2026, 6, 15)


def _bill(session, customer_id, number, due, total="500.00", status="issued", period="2026-04"):
    bill = Invoice(customer_id=customer_id, period=period, kind="usage", status=status, number=number,
                   total=Decimal(total), payment_terms_days=30, issue_date=due - dt.timedelta(days=30), due_date=due)
    session.add(bill)
    session.flush()
    return bill


def test_today_lists_followups_and_overdue_bills_of_the_users_customers(session, make, sales, other_sales):
    mine = make.customer("我的客户", sales=sales)
    theirs = make.customer("别人的客户", sales=other_sales)
    overdue = followups.create_followup(session, sales, mine.id, due_on=dt.date(2026, 6, 10), content="逾期的")
    due = followups.create_followup(session, sales, mine.id, due_on=AS_OF, content="今天的")
    followups.create_followup(session, sales, mine.id, due_on=dt.date(2026, 6, 16), content="明天的")
    followups.create_followup(session, other_sales, theirs.id, due_on=AS_OF, content="别人的")
    bill = _bill(session, mine.id, "INV-T-1", dt.date(2026, 6, 1))
    _bill(session, mine.id, "INV-T-2", dt.date(2026, 6, 20), period="2026-05")  # not yet due
    _bill(session, theirs.id, "INV-T-3", dt.date(2026, 6, 1))
    result = today.today_items(session, sales, AS_OF)
    assert [(i.kind, i.item_id) for i in result.items] == [
        ("bill", bill.id), ("followup", overdue.id), ("followup", due.id)]
    first = result.items[0]
    assert (first.amount, first.days_overdue, first.overdue) == (Decimal("500.00"), 14, True)
    assert result.items[2].overdue is False and result.snoozed == 0


def test_ops_sees_only_the_customers_they_own_or_are_assigned(session, make, ops, sales):
    owned = make.customer("运营负责", ops=ops)
    other = make.customer("无关", sales=sales)
    assigned = followups.create_followup(session, sales, other.id, due_on=AS_OF, assignee_id=ops.id)
    followups.create_followup(session, sales, other.id, due_on=AS_OF)
    bill = _bill(session, owned.id, "INV-O-1", dt.date(2026, 6, 1))
    _bill(session, other.id, "INV-O-2", dt.date(2026, 6, 1))
    result = today.today_items(session, ops, AS_OF)
    assert {(i.kind, i.item_id) for i in result.items} == {("followup", assigned.id), ("bill", bill.id)}


def test_snooze_hides_an_item_for_a_day_or_a_week(session, make, sales, other_sales):
    customer = make.customer(sales=sales)
    item = followups.create_followup(session, sales, customer.id, due_on=AS_OF)
    assert today.snooze_item(session, sales, "followup", item.id, 1, AS_OF) == AS_OF + dt.timedelta(days=1)
    assert today.today_items(session, sales, AS_OF).items == ()
    assert today.today_items(session, sales, AS_OF).snoozed == 1
    assert [i.item_id for i in today.today_items(session, sales, AS_OF + dt.timedelta(days=1)).items] == [item.id]
    today.snooze_item(session, sales, "followup", item.id, 7, AS_OF)
    assert today.today_items(session, sales, AS_OF + dt.timedelta(days=6)).items == ()
    with pytest.raises(UserError) as excinfo:
        today.snooze_item(session, sales, "followup", item.id, 3, AS_OF)
    assert excinfo.value.code == "followup.today.bad_snooze"
    with pytest.raises(UserError):
        today.snooze_item(session, sales, "meeting", item.id, 1, AS_OF)
    with pytest.raises(NotFound):
        today.snooze_item(session, other_sales, "followup", item.id, 1, AS_OF)


def test_done_followups_leave_the_pane(session, make, sales):
    customer = make.customer(sales=sales)
    item = followups.create_followup(session, sales, customer.id, due_on=AS_OF)
    followups.complete_followup(session, sales, item.id, result="ok",
                                done_at=dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC))
    assert today.today_items(session, sales, AS_OF).items == ()


def test_timeline_merges_followups_bills_and_receipts_newest_first(session, make, sales, ops):
    customer = make.customer(sales=sales)
    item = followups.create_followup(session, sales, customer.id, due_on=dt.date(2026, 5, 20), content="回访")
    bill = _bill(session, customer.id, "INV-L-1", dt.date(2026, 6, 1))
    _bill(session, customer.id, None, dt.date(2026, 7, 1), status="draft", period="2026-05").issue_date = None
    receipt = Receipt(customer_id=customer.id, receipt_date=dt.date(2026, 6, 3), amount=Decimal("200.00"),
                      reference="B-1")
    session.add(receipt)
    session.flush()
    entries = timeline.customer_timeline(session, sales, customer.id)
    assert [(e.kind, e.item_id, e.on) for e in entries] == [
        ("receipt", receipt.id, dt.date(2026, 6, 3)), ("followup", item.id, dt.date(2026, 5, 20)),
        ("bill", bill.id, dt.date(2026, 5, 2))]
    assert entries[0].amount == Decimal("200.00") and entries[1].state == "open"
    with pytest.raises(NotFound):
        timeline.customer_timeline(session, make.actor("s3", "sales"), customer.id)


def test_work_orders_near_their_deadline_show_and_in_the_timeline(session, make, sales):
    from opcms_desktop.models.worklist import Ticket

    customer = make.customer(sales=sales)
    now = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)

    def ticket(subject, due_in_hours, status="new"):
        row = Ticket(customer_id=customer.id, ticket_type="other", priority="normal", status=status, subject=subject,
                     description="", assignee_id=sales.id, first_response_minutes=60, resolution_minutes=1440,
                     first_response_due=now, resolution_due=now + dt.timedelta(hours=due_in_hours), paused_seconds=0)
        session.add(row)
        session.flush()
        return row

    late = ticket("已超时的工单", -5)
    soon = ticket("明天到期", 20)
    ticket("下周到期", 24 * 7)
    ticket("已解决", -5, status="resolved")
    result = today.today_items(session, sales, AS_OF, now=now)
    assert [(i.kind, i.item_id, i.overdue) for i in result.of_kind("ticket")] == [
        ("ticket", late.id, True), ("ticket", soon.id, False)]
    kinds = {e.kind for e in timeline.customer_timeline(session, sales, customer.id)}
    assert kinds == {"ticket"}
