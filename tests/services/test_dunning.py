"""Dunning services: the run, the database's last word on doubles, holds, levels and the letter's statement."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from opcms_desktop.models import AuditEntry
from opcms_desktop.models.followup import Followup
from opcms_desktop.models.worklist import DunningRecord
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.followup import dunning, dunning_letter
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError
from opcms_desktop.services.receivables import allocation

from .invoice_builders import issued, receipt


def test_run_creates_a_followup_for_the_sales_owner_and_the_database_refuses_a_double(
    session, make, ops, sales
):
    customer = make.customer("催款客户", company_id=9101, sales=sales)
    bill = issued(session, ops, customer, "500.00", dt.date(2026, 1, 5))  # due 2026-02-04
    run = dunning.run_dunning(session, ops, dt.date(2026, 2, 20))
    assert [(i.number, i.level, i.days_overdue, i.balance) for i in run.created] == [
        (bill.number, 15, 16, Decimal("500.00"))
    ]
    followup = session.scalar(select(Followup).where(Followup.customer_id == customer.id))
    assert (followup.assignee_id, followup.source, followup.due_on) == (
        sales.id,
        f"dunning:{bill.number}:15",
        dt.date(2026, 2, 20),
    )
    record = session.scalar(select(DunningRecord))
    assert record.followup_id == followup.id and record.balance == "500.00"
    with pytest.raises(IntegrityError), session.begin_nested():  # what a second runner would hit
        session.add(
            DunningRecord(
                invoice_id=bill.invoice_id,
                customer_id=customer.id,
                level_days=15,
                as_of=dt.date(2026, 2, 20),
                action="followup",
                balance="500.00",
            )
        )
        session.flush()
    assert (
        session.scalar(select(AuditEntry.entity).where(AuditEntry.entity == "dunning_record"))
        == "dunning_record"
    )


def test_a_credited_bill_leaves_dunning_and_a_part_paid_one_is_dunned_for_its_balance(session, make, ops):
    credited_customer, paying = (
        make.customer("冲正客户", company_id=9102),
        make.customer("部分付款", company_id=9103),
    )
    credited = issued(session, ops, credited_customer, "300.00", dt.date(2026, 1, 5))
    invoices.credit_invoice(session, ops, credited.invoice_id, reason="开错", issue_date=dt.date(2026, 1, 20))
    part = issued(session, ops, paying, "800.00", dt.date(2026, 1, 5))
    money = receipt(session, ops, paying, "300.00", dt.date(2026, 1, 25))
    allocation.allocate(session, ops, money.id, part.invoice_id, Decimal("300.00"))
    run = dunning.run_dunning(session, ops, dt.date(2026, 2, 10))
    assert [(i.number, i.level, i.balance) for i in run.created] == [(part.number, 1, Decimal("500.00"))]


def test_holds_need_a_reason_are_audited_and_sales_cannot_run(session, make, ops, sales):
    customer = make.customer("暂停客户", company_id=9104, sales=sales)
    bill = issued(session, ops, customer, "200.00", dt.date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        dunning.set_hold(session, ops, bill.invoice_id, True, " ")
    assert refused.value.problems[0].code == "worklist.dunning.reason_required"
    dunning.set_hold(session, ops, bill.invoice_id, True, "有异议")
    run = dunning.run_dunning(session, ops, dt.date(2026, 3, 1))
    assert (len(run.created), run.on_hold) == (0, 1)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "dunning_hold"))
    assert entry.changes["on_hold"] == [False, True] and entry.changes["reason"] == ["", "有异议"]
    with pytest.raises(PermissionDenied):
        dunning.run_dunning(session, sales, dt.date(2026, 3, 1))


def test_levels_are_validated_and_nothing_changes_on_bad_input(session, admin):
    assert [lv.days for lv in dunning.list_levels(session, admin)] == [-3, 1, 15, 30, 60]
    for bad, code in (
        ([], "worklist.dunning.no_levels"),
        ([dunning.Level(5), dunning.Level(5)], "worklist.dunning.level_duplicate"),
        ([dunning.Level(-91)], "worklist.dunning.level_out_of_range"),
    ):
        with pytest.raises(ValidationError) as refused:
            dunning.set_levels(session, admin, bad)
        assert code in [p.code for p in refused.value.problems]
    with pytest.raises(ValidationError):
        dunning.parse_levels("1,a")
    assert dunning.parse_levels(" -3, 7 ") == (-3, 7)
    saved = dunning.set_levels(session, admin, [dunning.Level(7, sends_letter=True), dunning.Level(-1)])
    assert [(lv.days, lv.action) for lv in saved] == [(-1, "followup"), (7, "followup+letter")]


def test_the_letter_has_the_open_bills_and_a_statement_with_a_running_balance(session, make, ops):
    customer = make.customer("对账客户", company_id=9105)
    old = issued(session, ops, customer, "100.00", dt.date(2025, 1, 10), period="2024-12")
    first = issued(session, ops, customer, "400.00", dt.date(2026, 1, 5), period="2025-12")
    second = issued(session, ops, customer, "250.50", dt.date(2026, 2, 5), period="2026-01")
    paid = receipt(session, ops, customer, "150.00", dt.date(2026, 2, 10), reference="B-77")
    allocation.allocate(session, ops, paid.id, first.invoice_id, Decimal("150.00"))
    letter = dunning_letter.letter_data(session, ops, second.number, dt.date(2026, 3, 1))
    assert [(b.number, b.balance) for b in letter.open_bills] == [
        (old.number, Decimal("100.00")),
        (first.number, Decimal("250.00")),
        (second.number, Decimal("250.50")),
    ]
    assert letter.total_open == Decimal("600.50")
    assert letter.statement_from == dt.date(2025, 4, 1) and letter.opening_balance == Decimal("100.00")
    assert [(line.kind, line.debit, line.credit, line.balance) for line in letter.statement] == [
        ("bill", Decimal("400.00"), Decimal("0.00"), Decimal("500.00")),
        ("bill", Decimal("250.50"), Decimal("0.00"), Decimal("750.50")),
        ("receipt", Decimal("0.00"), Decimal("150.00"), Decimal("600.50")),
    ]
    assert letter.closing_balance == letter.total_open


def test_two_dunning_runs_at_once_dun_each_bill_once(fresh_factory):
    import threading

    from opcms_desktop.services.platform.db import session_scope

    from ..factories import Factory

    with session_scope(fresh_factory) as session:
        make = Factory(session)
        ops = make.actor("dunner", "ops")
        for n in range(4):
            issued(
                session,
                ops,
                make.customer(f"并发催款{n}", company_id=9600 + n),
                "100.00",
                dt.date(2026, 1, 5),
            )
    created, errors = [], []
    start = threading.Barrier(2)

    def runner() -> None:
        try:
            start.wait()
            with session_scope(fresh_factory) as session:
                created.append(len(dunning.run_dunning(session, ops, dt.date(2026, 2, 20)).created))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sum(created) == 4
    with session_scope(fresh_factory) as session:
        assert len(session.scalars(select(DunningRecord)).all()) == 4
        assert len(session.scalars(select(Followup)).all()) == 4
