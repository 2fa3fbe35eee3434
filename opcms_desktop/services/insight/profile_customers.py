"""Customer filters and labels the profiling services share: scope, sales owner, names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, true
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner
from ..platform.errors import NotFound
from ..platform.operations import reads
from ..security.permissions import Actor
from ..security.scope import visible_customers
from .profile_usage import CustomerFilter


def profiled_customers(
    actor: Actor, owner_id: int | None = None, *, include_disabled: bool = False
) -> CustomerFilter:
    """A filter on a customer id column: visible to the actor, of this sales owner, not disabled.

    An IN over one customer subquery (not a correlated test per row): the database reads the customers
    once, then every usage or bill row is a lookup, which keeps 100,000 customers x 24 months under 1 s.
    """
    terms = [visible_customers(actor, Customer.id)]
    if owner_id is not None:
        owner = aliased(CustomerOwner)
        terms.append(
            exists(
                select(owner.id).where(
                    owner.customer_id == Customer.id, owner.kind == "sales", owner.user_id == owner_id
                )
            )
        )
    if not include_disabled:
        terms.append(or_(Customer.disabled.is_(None), Customer.disabled.is_(False)))
    wanted = select(Customer.id).where(*terms)
    unfiltered = owner_id is None and include_disabled and not actor.sees_own_customers_only

    def condition(column: Any) -> ColumnElement[bool]:
        if column is Customer.id:
            return and_(*terms)
        return true() if unfiltered else column.in_(wanted)

    return condition


def customer_labels(
    session: Session, ids: Collection[int] | None = None, customer_filter: CustomerFilter | None = None
) -> dict[int, tuple[int, str, str]]:
    """customer id -> (公司id, name, sales owners joined by '、'): for the given ids (a few), or for every
    customer passing `customer_filter` (a whole list, read in two statements)."""
    if customer_filter is not None:
        return _labels(session, [(customer_filter(Customer.id), customer_filter(CustomerOwner.customer_id))])
    ordered = sorted(ids or ())
    return _labels(
        session,
        [
            (Customer.id.in_(ordered[i : i + 2000]), CustomerOwner.customer_id.in_(ordered[i : i + 2000]))
            for i in range(0, len(ordered), 2000)
        ],
    )


def _labels(session: Session, conditions: list[tuple[Any, Any]]) -> dict[int, tuple[int, str, str]]:
    names: dict[int, tuple[int, str]] = {}
    owners: dict[int, list[str]] = defaultdict(list)
    for on_customer, on_owner in conditions:
        names.update(
            {
                cid: (company_id, name)
                for cid, company_id, name in session.execute(
                    select(Customer.id, Customer.company_id, Customer.name).where(on_customer)
                )
            }
        )
        for cid, raw in session.execute(
            select(CustomerOwner.customer_id, CustomerOwner.raw_name)
            .where(on_owner, CustomerOwner.kind == "sales")
            .order_by(CustomerOwner.customer_id, CustomerOwner.id)
        ):
            owners[cid].append(raw)
    return {
        cid: (company_id, name, "、".join(owners.get(cid, ()))) for cid, (company_id, name) in names.items()
    }


def one_customer(actor: Actor, customer_id: int) -> CustomerFilter:
    """A filter for one customer, if the actor may see it (disabled customers included)."""
    visible = profiled_customers(actor, include_disabled=True)

    def condition(column: Any) -> ColumnElement[bool]:
        return and_(column == customer_id, visible(column))

    return condition


@reads
def visible_label(session: Session, actor: Actor, customer_id: int) -> tuple[int, str, str]:
    """(公司id, name, owners) of a customer the actor may see; NotFound otherwise (never a hint)."""
    found = session.scalar(select(Customer.id).where(one_customer(actor, customer_id)(Customer.id)))
    if found is None:
        raise NotFound("profiling.no_customer", customer_id=customer_id)
    return customer_labels(session, [customer_id])[customer_id]
