"""The users a customer's sales / ops owner may be set to (owner pickers, the import's name mapping).

`users.list_users` needs `users.view`, which ops staff do not hold; assigning owners needs only the
users' names and roles, so anyone who may edit customers or import the sheet may list them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Role, User
from ..platform.errors import PermissionDenied
from ..platform.operations import reads
from ..security.permissions import Actor, require

ALLOWED = ("customers.edit", "customers.import")


@dataclass(frozen=True)
class OwnerChoice:
    user_id: int
    username: str
    display_name: str
    role: str  # role name: sales / ops / admin / ...
    role_label: str
    active: bool

    @property
    def label(self) -> str:
        return self.display_name or self.username


@reads
def owner_choices(session: Session, actor: Actor, include_inactive: bool = False) -> list[OwnerChoice]:
    """Users by display name; disabled users only when asked (a customer may still name one)."""
    require(actor, "customers.view")
    if not any(actor.can(p) for p in ALLOWED):
        raise PermissionDenied("customers.owners.may_not_assign", user=actor.username, role=actor.role)
    statement = select(User.id, User.username, User.display_name, Role.name, Role.label, User.active) \
        .join(Role, Role.id == User.role_id).order_by(User.display_name, User.username)
    if not include_inactive:
        statement = statement.where(User.active.is_(True))
    return [OwnerChoice(r[0], r[1], r[2] or "", r[3], r[4], bool(r[5])) for r in session.execute(statement)]
