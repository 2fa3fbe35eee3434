"""A realistic database built through the services (for backup / restore / migration tests), and a
snapshot of every table to compare two databases row by row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, MetaData, select
from sqlalchemy.orm import Session

from opcms_desktop.models import Base
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing.run import generate_bill_run
from opcms_desktop.services.platform.db import UNMODELLED_TABLES, make_session_factory, session_scope
from opcms_desktop.services.security.permissions import Actor

from ..factories import Factory
from .billing_builders import add_monthly, add_orders, add_plan
from .isolation_world import build_isolation_world

MARCH = "2026-03"


@dataclass(frozen=True)
class World:
    admin: Actor
    ops: Actor
    run_id: int
    numbers: tuple[str, ...]  # bills issued from the March bill run


def build_world(engine: Engine) -> World:
    """Users of three roles, customers with owners, plans, orders, monthly usage, a March bill run whose
    bills are issued, issued and draft bills, receipts and allocations, an edited customer, a saved filter,
    and the audit rows of all of it."""
    with session_scope(make_session_factory(engine)) as session:
        make = Factory(session)
        admin, ops = make.actor("admin1", "admin"), make.actor("ops1", "ops")
        sales, other = make.actor("sales1", "sales"), make.actor("sales2", "sales")
        build_isolation_world(session, sales, other, ops)
        for n, company in enumerate((710_001, 710_002, 710_003)):
            customer = make.customer(f"三月客户{n}", company_id=company, sales=sales, ops=ops, billing_enabled="yes")
            add_plan(session, customer, single_price="12.5", multi_base=20, multi_step=8)
            add_orders(session, customer, dt.date(2026, 3, 3 + n), 2 + n)
            add_orders(session, customer, dt.date(2026, 3, 9), 1, floors=3)
            add_monthly(session, customer, MARCH, "N", single=4 + n)
        run = generate_bill_run(session, ops, MARCH)
        issued = invoices.issue_invoices(session, ops, MARCH, issue_date=dt.date(2026, 4, 2))
        return World(admin, ops, run.run_id, tuple(i.number for i in issued.issued))


def _plain(value: Any) -> Any:
    # SQLite keeps no time zone (the application writes UTC); PostgreSQL gives it back aware.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (alembic's and the SQLite-only search index aside), ordered by primary key,
    read through the models' types."""
    reflected = MetaData()
    reflected.reflect(bind=engine)
    out = {}
    with Session(engine) as session:
        for name in sorted(reflected.tables):
            if name == "alembic_version" or name in UNMODELLED_TABLES:
                continue
            table = Base.metadata.tables.get(name, reflected.tables[name])
            order = list(table.primary_key.columns) or list(table.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            out[name] = [tuple(_plain(v) for v in row) for row in rows]
    return out
