"""Field-level permissions in the insight panes (services/security/field_permissions.py).

A condition may not test a customer field hidden from the actor's role, nor a money figure when the role
may not see amounts: its count would reveal what the field hides. The pricing sandbox is nothing but
amounts, so it needs them too. The dashboard blanks its money figures instead of refusing the pane.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.orm import Session

from ..platform.actor import Actor
from ..platform.errors import PermissionDenied
from ..security.field_permissions import AMOUNTS, hidden_fields

MONEY_METRICS = frozenset({"invoiced", "outstanding", "overdue"})
PRICE_FIELDS = frozenset({"single_price_raw", "multi_price_raw"})


class _Spec(Protocol):
    key: str
    header: str
    metric: str | None


class _Leaf(Protocol):
    path: str
    field: _Spec


def amounts_hidden(session: Session, actor: Actor) -> bool:
    return AMOUNTS in hidden_fields(session, actor)


def require_amounts(session: Session, actor: Actor) -> None:
    """PermissionDenied when the actor's role may not see amounts."""
    if amounts_hidden(session, actor):
        raise PermissionDenied("insight.amounts_hidden", role=actor.role)


def check_condition_fields(session: Session, actor: Actor, leaves: Sequence[Any]) -> None:
    """PermissionDenied naming the first field of the condition hidden from the actor's role."""
    hidden = hidden_fields(session, actor)
    if not hidden:
        return
    for leaf in leaves:
        spec = leaf.field
        money = spec.metric in MONEY_METRICS or spec.key in PRICE_FIELDS
        if spec.key in hidden or (money and AMOUNTS in hidden):
            raise PermissionDenied("insight.field_hidden", field=spec.header, path=leaf.path, role=actor.role)
