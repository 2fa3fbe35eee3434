"""Sales isolation: which customers an actor may see. Every customer-owned query goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner
from ..platform.errors import NotFound
from ..platform.operations import reads
from ..platform.xlsx_reading import CellError, cell_int
from .permissions import Actor


def visible_customers(actor: Actor, customer_id_column: Any = Customer.id) -> ColumnElement[bool]:
    """A WHERE condition on a customer id column: true for every customer the actor may see."""
    if not actor.sees_own_customers_only:
        return true()
    # Aliased, so a caller passing CustomerOwner.customer_id itself gets a correlated test, not x = x.
    owner = aliased(CustomerOwner)
    return exists(
        select(owner.id).where(
            owner.customer_id == customer_id_column,
            owner.kind == "sales",
            owner.user_id == actor.id,
        )
    )


@reads
def can_see_customer(session: Session, actor: Actor, customer_id: int) -> bool:
    return bool(
        session.scalar(select(Customer.id).where(Customer.id == customer_id, visible_customers(actor)))
    )


@reads
def customer_by_company_id(session: Session, actor: Actor, company_id: int) -> Customer:
    """The customer with this 公司id, if the actor may see it; otherwise NotFound (never a hint it exists)."""
    customer = session.scalar(
        select(Customer).where(Customer.company_id == company_id, visible_customers(actor))
    )
    if customer is None:
        raise NotFound("scope.no_customer", company_id=company_id)
    return customer


@reads
def customer_ids_by_company(session: Session, actor: Actor, cells: Sequence[Any]) -> dict[int, int]:
    """公司id -> customer id for the 公司id cells of a file, only customers the actor may see."""
    wanted: set[int] = set()
    for cell in cells:
        try:
            number = cell_int(cell)
        except CellError:
            continue
        if number is not None:
            wanted.add(number)
    found: dict[int, int] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), 1000):
        query = select(Customer.company_id, Customer.id).where(
            Customer.company_id.in_(ordered[start:start + 1000]), visible_customers(actor))
        found.update({company_id: customer_id for company_id, customer_id in session.execute(query)})
    return found
