"""The authenticated user a service call acts for (what `security.permissions.require` checks)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The authenticated user a service call acts for."""

    id: int
    username: str
    display_name: str
    role: str
    permissions: frozenset[str]
    customer_scope: str = "all"  # "all" or "own"

    @property
    def sees_own_customers_only(self) -> bool:
        return self.customer_scope == "own"

    def can(self, permission: str) -> bool:
        return permission in self.permissions
