"""The types of the sales-isolation walk (test_sales_isolation.py), shared with the area files.

An area adds its functions in `tests/services/isolation_areas/<area>.py`, which defines `REGISTRY` and
`EXEMPT` dictionaries of these types; the walker merges every such module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError
from opcms_desktop.services.security.permissions import Actor

from .isolation_world import IsolationWorld

REFUSED = (PermissionDenied, NotFound, ValidationError)
MONEY_MARK = Decimal("1000")  # the owner's amounts are 100.00; the foreign ones 7777.00 (3888.50 allocated)


@dataclass
class Ctx:
    session: Session
    world: IsolationWorld
    actor: Actor
    sheets: Path  # input files written by the builders
    out: Path  # files the call writes; scanned for markers afterwards

    @property
    def f(self):  # the foreign side
        return self.world.foreign


Args = tuple[tuple[Any, ...], dict[str, Any]]


@dataclass
class Case:
    build: Callable[[Ctx], Args]
    owner_sees: bool = False  # a read: the owner's own call must show the foreign data (positive control)
    view: Callable[[Ctx, Any], Any] | None = None  # what of the result to scan (default: all of it)
    refusals: tuple[type[Exception], ...] = field(default=REFUSED)


def a(*args: Any, **kwargs: Any) -> Args:
    return args, kwargs


# Not customer-scoped. `refuse`: arguments with which the built-in sales role must get PermissionDenied.
@dataclass
class Exempt:
    reason: str
    refuse: Callable[[Ctx], Args] | None = None


