"""The CLI side of exports that need approval: one wrapper every export command runs its export through."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from ..services.platform.errors import UserError
from ..services.security import export_approval
from ..services.security.permissions import Actor
from .common import Context

T = TypeVar("T")


def gated_export(ctx: Context, actor: Actor, export: Callable[[Session], T]) -> T:
    """Run `export(session)` (a service export, which passes `export_approval.clear_export`) in its own
    transaction. Refused for want of an approval: a request is filed (committed on its own, so it outlives
    the refusal) and the command exits 2 with `access.export_needs_approval` (or its masked-fields twin)
    naming it in `params.request`; once a colleague approved it, the same command exports once."""
    try:
        with ctx.session() as session:
            return export(session)
    except UserError as refused:
        if refused.code not in export_approval.NEEDS_REQUEST:
            raise
        params, refused_code = dict(refused.params), refused.code
    with ctx.session() as session:
        clearance = export_approval.request_export(session, actor, params["kind"], params["rows"], params["masked"])
    if not clearance.needed or clearance.status == "approved":  # the policy or a decision changed meanwhile
        with ctx.session() as session:
            return export(session)
    code = export_approval.NEEDS_APPROVAL[export_approval.NEEDS_REQUEST.index(refused_code)]
    raise UserError(code, request=clearance.request_id, **params)
