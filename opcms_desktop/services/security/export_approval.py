"""Exports that need a second person's approval (issue 12 item 4).

A role's export policy (`export_policies`): above `row_threshold` rows, or with masked fields when
`masked_needs_approval`, an export needs an approved request. The flow, each step in the access log:

    request_export(...)      -> pending request (its own transaction: it must survive the refusal)
    approve_export(...)      -> approved, by someone holding exports.approve who is not the requester
    clear_export(...)        -> called by the export itself, in the export's transaction: the approved
                                request of this requester, kind and at least this many rows is used up
                                (status "used"); one request, one export.

Decisions: no policy row means no approval is ever needed; a request covers up to its row count (an
export that grew since is refused and asks again); a rejected or used request cannot be reused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session, aliased

from ...models import Customer, Invoice, Receipt, Role, User
from ...models.access import ExportPolicy, ExportRequest
from ...models.followup import Contact
from ..audit import trail as audit
from ..platform.errors import NotFound, PermissionDenied, UserError
from ..platform.operations import reads, writes
from .access_log import append_entry
from .permissions import Actor, require
from .scope import visible_customers

# Every bulk export a role can make passes `clear_export` with its kind (the access log's entity).
KINDS = (
    "customers", "customer_view", "receipts", "usage", "price_plans", "report", "contacts", "invoices",
    "dashboard", "segment_members", "sandbox", "data_use_report", "audit", "bill_preview",
)
# The refusals that mean "no request yet": the CLI and the UI file one (`request_export`) and say so.
NEEDS_REQUEST = ("access.export_needs_request", "access.export_masked_needs_request")
NEEDS_APPROVAL = ("access.export_needs_approval", "access.export_masked_needs_approval")
MAX_THRESHOLD = 10_000_000


@dataclass(frozen=True)
class Policy:
    role: str
    row_threshold: int | None
    masked_needs_approval: bool


@dataclass(frozen=True)
class Clearance:
    """What an export may do now: go ahead (`needed` False, or an approved `request_id`) or wait."""

    needed: bool
    request_id: int | None = None
    status: str | None = None  # pending / approved


@dataclass(frozen=True)
class RequestRow:
    id: int
    requested_by: str
    requested_at: dt.datetime
    kind: str
    rows: int
    masked: bool
    status: str
    decided_by: str | None
    decided_at: dt.datetime | None
    used_at: dt.datetime | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _policy(session: Session, role: str) -> Policy:
    row = session.get(ExportPolicy, role)
    if row is None:
        return Policy(role, None, False)
    return Policy(role, row.row_threshold, row.masked_needs_approval)


def _needs_approval(policy: Policy, rows: int, masked: bool) -> bool:
    over = policy.row_threshold is not None and rows > policy.row_threshold
    return over or (masked and policy.masked_needs_approval)


@reads
def export_policy(session: Session, actor: Actor, role: str | None = None) -> Policy:
    """The export policy of `role` (default: the actor's own; another role's needs roles.manage)."""
    if role is not None and role != actor.role:
        require(actor, "roles.manage")
    return _policy(session, role or actor.role)


@reads
def list_export_policies(session: Session, actor: Actor) -> list[Policy]:
    require(actor, "roles.manage")
    roles = session.scalars(select(Role.name).order_by(Role.name)).all()
    return [_policy(session, role) for role in roles]


@writes("exports", "audit")
def set_export_policy(
    session: Session, actor: Actor, role: str, row_threshold: int | None, masked_needs_approval: bool
) -> Policy:
    """Set a role's export rule; `row_threshold` None means any number of rows. Audited."""
    require(actor, "roles.manage")
    if session.scalar(select(Role.id).where(Role.name == role)) is None:
        raise NotFound("access.unknown_role", role=role)
    if row_threshold is not None and not 0 <= row_threshold <= MAX_THRESHOLD:
        raise UserError("access.bad_threshold", value=row_threshold, maximum=MAX_THRESHOLD)
    before = _policy(session, role)
    row = session.get(ExportPolicy, role) or ExportPolicy(role=role)
    row.row_threshold, row.masked_needs_approval = row_threshold, masked_needs_approval
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "export_policy",
        role,
        {
            "row_threshold": [before.row_threshold, row_threshold],
            "masked_needs_approval": [before.masked_needs_approval, masked_needs_approval],
        },
    )
    return Policy(role, row_threshold, masked_needs_approval)


_COUNTED: dict[str, tuple[Any, str]] = {
    "customers": (Customer, "customers.export"), "contacts": (Contact, "customers.export"),
    "invoices": (Invoice, "invoices.export"), "receipts": (Receipt, "receipts.export"),
}


@reads
def count_export_rows(session: Session, actor: Actor, kind: str) -> int:
    """How many rows an unfiltered export of `kind` would hold for the actor (the kinds whose size does not
    depend on a screen's filters or a computed report; the others tell their size when refused)."""
    if kind not in _COUNTED:
        raise UserError("access.unknown_export_kind", kind=kind, known=sorted(_COUNTED))
    model, permission = _COUNTED[kind]
    require(actor, permission)
    scope = visible_customers(actor) if model is Customer else visible_customers(actor, model.customer_id)
    return session.scalar(select(func.count()).select_from(model).where(scope)) or 0


def _covers(masked: bool) -> ColumnElement[bool]:
    """A request for masked fields covers a plain export too; a plain one does not cover masked fields."""
    return ExportRequest.masked.is_(True) if masked else true()


def _approved(session: Session, actor: Actor, kind: str, rows: int, masked: bool,
              to_use: bool = False) -> ExportRequest | None:
    """The newest approval that covers this export. `to_use`: locked (PostgreSQL), so that two exports
    started together cannot both use it: the second waits, then finds it used."""
    statement = (
        select(ExportRequest)
        .where(
            ExportRequest.requested_by == actor.id,
            ExportRequest.kind == kind,
            ExportRequest.status == "approved",
            ExportRequest.row_count >= rows,
            _covers(masked),
        )
        .order_by(ExportRequest.id.desc())
        .limit(1)
    )
    return session.scalar(statement.with_for_update() if to_use else statement)


@writes("exports", "access_log")
def request_export(session: Session, actor: Actor, kind: str, rows: int, masked: bool = False) -> Clearance:
    """Before an export: no approval needed, an approved request to use, or a (new or waiting) pending one."""
    if kind not in KINDS:
        raise UserError("access.unknown_export_kind", kind=kind, known=list(KINDS))
    if not _needs_approval(_policy(session, actor.role), rows, masked):
        return Clearance(False)
    approved = _approved(session, actor, kind, rows, masked)
    if approved is not None:
        return Clearance(True, approved.id, "approved")
    waiting = session.scalar(
        select(ExportRequest)
        .where(
            ExportRequest.requested_by == actor.id,
            ExportRequest.kind == kind,
            ExportRequest.status == "pending",
            ExportRequest.row_count >= rows,
            _covers(masked),
        )
        .order_by(ExportRequest.id.desc())
        .limit(1)
    )
    if waiting is None:
        waiting = ExportRequest(
            requested_by=actor.id,
            requested_at=_now(),
            kind=kind,
            row_count=rows,
            masked=masked,
            status="pending",
        )
        session.add(waiting)
        session.flush()
        _server_set(session, waiting, "requested_at")
        append_entry(session, actor, "export_request", kind, waiting.id, rows, {"masked": masked})
    return Clearance(True, waiting.id, "pending")


@writes("exports", "access_log")
def clear_export(session: Session, actor: Actor, kind: str, rows: int, masked: bool = False) -> int | None:
    """Inside the export's own transaction: go ahead (None), use up the approved request (its id), or refuse:
    `access.export_needs_approval` naming the pending request, or `access.export_needs_request` if none."""
    policy = _policy(session, actor.role)
    if not _needs_approval(policy, rows, masked):
        return None
    approved = _approved(session, actor, kind, rows, masked, to_use=True)
    if approved is None:
        pending = session.scalar(
            select(ExportRequest.id)
            .where(
                ExportRequest.requested_by == actor.id,
                ExportRequest.kind == kind,
                ExportRequest.status == "pending",
                ExportRequest.row_count >= rows,
                _covers(masked),
            )
            .order_by(ExportRequest.id.desc())
            .limit(1)
        )
        threshold = policy.row_threshold if policy.row_threshold is not None else "-"
        over = policy.row_threshold is not None and rows > policy.row_threshold
        # kind, rows and masked in the params: what the CLI and the UI need to file the request
        said = {"kind": kind, "rows": rows, "masked": masked, "threshold": threshold}
        if pending is None:
            raise UserError(NEEDS_REQUEST[0] if over else NEEDS_REQUEST[1], **said)
        raise UserError(NEEDS_APPROVAL[0] if over else NEEDS_APPROVAL[1], request=pending, **said)
    approved.status, approved.used_at = "used", _now()
    session.flush()
    _server_set(session, approved, "used_at")
    append_entry(session, actor, "export_approved", kind, approved.id, rows, {"masked": masked})
    return approved.id


def _server_set(session: Session, request: ExportRequest, column: str) -> None:
    """On PostgreSQL the guard trigger (migration 0014) checks each step and stamps its time itself."""
    if session.get_bind().dialect.name == "postgresql":
        session.expire(request, [column])


def _decide(session: Session, actor: Actor, request_id: int, status: str) -> RequestRow:
    require(actor, "exports.approve")
    request = session.get(ExportRequest, request_id)
    if request is None:
        raise NotFound("access.no_request", request=request_id)
    if request.requested_by == actor.id:
        raise PermissionDenied("access.approve_own_request", request=request_id)
    if request.status != "pending":
        raise UserError("access.request_not_pending", request=request_id, status=request.status)
    request.status, request.decided_by, request.decided_at = status, actor.id, _now()
    session.flush()
    _server_set(session, request, "decided_at")
    append_entry(
        session, actor, "export_decision", request.kind, request.id, request.row_count, {"status": status}
    )
    return _rows(session, [request.id])[0]


@writes("exports", "access_log")
def approve_export(session: Session, actor: Actor, request_id: int) -> RequestRow:
    """Approve another person's pending export request (exports.approve)."""
    return _decide(session, actor, request_id, "approved")


@writes("exports", "access_log")
def reject_export(session: Session, actor: Actor, request_id: int) -> RequestRow:
    return _decide(session, actor, request_id, "rejected")


def _rows(
    session: Session, ids: list[int] | None = None, status: str | None = None, requested_by: int | None = None
) -> list[RequestRow]:
    requester, decider = aliased(User), aliased(User)
    query = (
        select(ExportRequest, requester.username, decider.username)
        .join(requester, requester.id == ExportRequest.requested_by)
        .outerjoin(decider, decider.id == ExportRequest.decided_by)
    )
    if ids is not None:
        query = query.where(ExportRequest.id.in_(ids))
    if status is not None:
        query = query.where(ExportRequest.status == status)
    if requested_by is not None:
        query = query.where(ExportRequest.requested_by == requested_by)
    return [
        RequestRow(
            r.id, who, r.requested_at, r.kind, r.row_count, r.masked, r.status, by, r.decided_at, r.used_at
        )
        for r, who, by in session.execute(query.order_by(ExportRequest.id.desc()).limit(1000))
    ]


@reads
def list_export_requests(session: Session, actor: Actor, status: str | None = None) -> list[RequestRow]:
    """Approvers see every request; anyone else only their own."""
    if status is not None and status not in ("pending", "approved", "rejected", "used"):
        raise UserError("access.unknown_status", status=status)
    mine = None if actor.can("exports.approve") else actor.id
    return _rows(session, status=status, requested_by=mine)
