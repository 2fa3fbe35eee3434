"""What a service function does to the database, declared where it is defined.

    @reads
    def customer_page(session, actor, query, offset, limit): ...

    @writes("customers", "audit")
    def update_customer(session, actor, customer_id, changes, version): ...

The UI's operation runner reads the declaration: a write gets a write transaction and, when it
succeeds, the topics are broadcast so that open views refresh what they show; a read runs in a
read-only transaction, so a function that writes without saying so fails instead of writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

TOPICS = frozenset({
    "customers", "dictionaries", "owners", "saved_filters", "plans", "usage", "bills", "receipts",
    "allocations", "users", "roles", "settings", "audit",
    "segments", "tags", "contacts", "followups", "dunning", "tickets", "rules", "jobs", "access_log",
    "field_permissions", "exports", "keys",
})


@dataclass(frozen=True)
class OperationKind:
    writes: bool
    topics: frozenset[str]


READ = OperationKind(False, frozenset())


def reads(fn: F) -> F:
    """Declare `fn` a read: it runs in a read-only transaction and announces nothing."""
    fn.__opcms_operation__ = READ  # type: ignore[attr-defined]
    return fn


def writes(*topics: str) -> Callable[[F], F]:
    """Declare `fn` a write that changes `topics` (what open views must refresh)."""
    unknown = set(topics) - TOPICS
    if unknown:
        raise ValueError(f"unknown topics {sorted(unknown)}; known: {sorted(TOPICS)}")
    if not topics:
        raise ValueError("a write names at least one topic")
    kind = OperationKind(True, frozenset(topics))

    def declare(fn: F) -> F:
        fn.__opcms_operation__ = kind  # type: ignore[attr-defined]
        return fn

    return declare


def declared(fn: Callable[..., Any]) -> OperationKind | None:
    """The declaration of `fn` (following functools.partial and bound methods), or None."""
    target = getattr(fn, "func", fn)
    target = getattr(target, "__func__", target)
    return getattr(target, "__opcms_operation__", None)
