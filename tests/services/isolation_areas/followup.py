"""Sales isolation of contacts, follow-ups, follow-up plans, the today pane and the customer timeline.

The world has no contacts or follow-ups: `_foreign_rows` gives the foreign customer a contact, a plan and an
open follow-up (assigned to its owner) the first time a case needs them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl import Workbook
from sqlalchemy import select

from opcms_desktop.models.followup import Contact, Followup, FollowupPlan
from opcms_desktop.services.followup.contacts import ContactInput
from opcms_desktop.services.followup.followups import FollowupFilter

from ..isolation_types import Case, Ctx, a
from ..isolation_world import AS_OF, FOREIGN_COMPANY, FOREIGN_NAME


@dataclass(frozen=True)
class ForeignRows:
    contact_id: int
    followup_id: int


def _foreign_rows(ctx: Ctx) -> ForeignRows:
    session, side = ctx.session, ctx.f
    contact_id = session.scalar(select(Contact.id).where(Contact.customer_id == side.customer.id))
    if contact_id is None:
        contact = Contact(customer_id=side.customer.id, name="外方联系人", mobile="13900001111", is_primary=True,
                          active=True)
        plan = FollowupPlan(customer_id=side.customer.id, every_n=1, unit="week", method="phone",
                            assignee_id=side.actor.id, active=True)
        session.add_all([contact, plan])
        session.flush()
        session.add(Followup(customer_id=side.customer.id, due_on=AS_OF - dt.timedelta(days=3), method="phone",
                             content="外方的跟进", assignee_id=side.actor.id, source="manual"))
        session.flush()
        contact_id = contact.id
    followup_id = session.scalar(select(Followup.id).where(Followup.customer_id == side.customer.id,
                                                           Followup.done_at.is_(None)).order_by(Followup.id))
    assert followup_id is not None
    return ForeignRows(contact_id, followup_id)


def _contact_sheet(ctx: Ctx) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(["公司id", "姓名", "手机", "主联系人"])
    sheet.append([FOREIGN_COMPANY, FOREIGN_NAME, "13812345678", "是"])
    path = ctx.sheets / "contacts.xlsx"
    book.save(path)
    return str(path)


def _rows(ctx: Ctx) -> ForeignRows:
    return _foreign_rows(ctx)


REGISTRY: dict[str, Case] = {
    # --- contacts ---
    "followup.contacts.add_contact": Case(lambda c: a(c.f.customer.id, ContactInput(name="冒名", primary=True))),
    "followup.contacts.update_contact": Case(lambda c: a(_rows(c).contact_id, ContactInput(name="改名"))),
    "followup.contacts.set_contact_active": Case(lambda c: a(_rows(c).contact_id, False)),
    "followup.contacts.list_contacts": Case(lambda c: (_rows(c), a(company_id=FOREIGN_COMPANY))[1],
                                            owner_sees=True),
    "followup.contacts.get_contact": Case(lambda c: a(_rows(c).contact_id), owner_sees=True),
    "followup.contacts.reveal_contact": Case(lambda c: a(_rows(c).contact_id)),
    "followup.contact_export.export_contacts_xlsx": Case(lambda c: (_rows(c), a(c.out / "contacts.xlsx"))[1],
                                                         owner_sees=True),
    "followup.contact_import.import_contacts": Case(lambda c: a(_contact_sheet(c)),
                                                    view=lambda c, r: [(i.row, i.code) for i in r.issues]),
    # --- follow-ups ---
    "followup.followups.create_followup": Case(lambda c: a(c.f.customer.id, due_on=AS_OF, content="walk")),
    "followup.followups.get_followup": Case(lambda c: a(_rows(c).followup_id), owner_sees=True),
    "followup.followups.complete_followup": Case(lambda c: a(_rows(c).followup_id, result="walk")),
    "followup.followups.reschedule_followup": Case(lambda c: a(_rows(c).followup_id, due_on=AS_OF)),
    "followup.followups.list_followups": Case(
        lambda c: (_rows(c), a(FollowupFilter(company_id=FOREIGN_COMPANY)))[1], owner_sees=True),
    # --- plans ---
    "followup.followup_plans.set_followup_plan": Case(lambda c: a(c.f.customer.id, every_n=1, unit="day")),
    "followup.followup_plans.stop_followup_plan": Case(lambda c: (_rows(c), a(c.f.customer.id))[1]),
    "followup.followup_plans.get_followup_plan": Case(lambda c: (_rows(c), a(c.f.customer.id))[1],
                                                      owner_sees=True),
    # --- today pane and timeline ---
    "followup.today.today_items": Case(lambda c: (_rows(c), a(AS_OF))[1], owner_sees=True),
    "followup.today.snooze_item": Case(lambda c: a("followup", _rows(c).followup_id, 7, AS_OF)),
    "followup.timeline.customer_timeline": Case(lambda c: (_rows(c), a(c.f.customer.id))[1], owner_sees=True),
}

EXEMPT: dict = {}
