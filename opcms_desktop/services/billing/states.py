"""Bill states, the transitions between them and what may be done to a bill in each, declared once.

Like Tryton's `_transitions` and `_buttons`: the workflow is data. Services guard every step with
`check(action, ...)`; a row sent to the UI carries `allowed_actions(...)`, so no widget compares
status strings; receivables asks `can_allocate(status)` before allocating money to a bill.

    draft ──issue──> issued ──credit (冲正, by a credit note)──> cancelled
      ^                                                          │
      └──────────── replace (the next bill run, a new bill) ─────┘

- A draft is the bill run's output: editable, deletable by a later bill run, without a number.
- Issuing gives it a gap-free number and freezes its content.
- Crediting makes a credit note (its own kind, see CREDIT_NOTE_ACTIONS: a credit note has no state
  to change and is never edited) and marks the bill cancelled; the period can then be billed again.
- Replacing is not a move of the cancelled bill (it stays cancelled for good) but a spawn: the bill run
  creates a new draft for the same customer, period and kind whose `replaces_invoice_id` names it
  (SPAWNS). One live (not cancelled) bill per customer x period x kind is the database's unique index.
- The tax invoice (发票) issued outside the app is recorded on an issued bill and cleared (with a
  reason) when it was entered by mistake; it does not change the bill's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..platform.errors import UserError
from ..platform.messages import Message

DRAFT, ISSUED, CANCELLED = "draft", "issued", "cancelled"
STATES = (DRAFT, ISSUED, CANCELLED)


@dataclass(frozen=True)
class BillFacts:
    """What the guards look at: the bill's state and whether a tax invoice (发票) is recorded on it."""

    status: str
    has_tax_invoice: bool = False


Guard = Callable[[BillFacts], bool]

GUARDS: dict[str, Guard] = {
    "is_draft": lambda f: f.status == DRAFT,
    "is_issued": lambda f: f.status == ISSUED,
    "is_cancelled": lambda f: f.status == CANCELLED,
    "has_tax_invoice": lambda f: f.has_tax_invoice,
    "has_no_tax_invoice": lambda f: not f.has_tax_invoice,
}


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str


# action -> how it moves a bill (the only state changes there are)
TRANSITIONS: dict[str, Transition] = {
    "issue": Transition("issue", DRAFT, ISSUED),
    "credit": Transition("credit", ISSUED, CANCELLED),
}

# action -> the new bill it makes from the source (the source keeps its state)
SPAWNS: dict[str, Transition] = {
    "replace": Transition("replace", CANCELLED, DRAFT),  # the bill run's replacement of a credited bill
}

# action -> the named guards that must all hold (each action's refusal is billing.refused.<action>)
ACTIONS: dict[str, tuple[str, ...]] = {
    "issue": ("is_draft",),
    "edit": ("is_draft",),  # change a line of a draft
    "credit": ("is_issued",),
    "allocate": ("is_issued",),  # receivables: 核销 money to the bill
    "record_tax_invoice": ("is_issued", "has_no_tax_invoice"),
    "clear_tax_invoice": ("has_tax_invoice",),
    "replace": ("is_cancelled",),  # bill the period again (a new draft linked to this bill)
    "print": (),
}

REFUSALS: dict[str, str] = {  # action -> the message code of its refusal
    "issue": "billing.refused.issue",
    "edit": "billing.refused.edit",
    "credit": "billing.refused.credit",
    "allocate": "billing.refused.allocate",
    "record_tax_invoice": "billing.refused.record_tax_invoice",
    "clear_tax_invoice": "billing.refused.clear_tax_invoice",
    "replace": "billing.refused.replace",
    "print": "billing.refused.print",
}
STATUS_LABELS: dict[str, str] = {DRAFT: "billing.status.draft", ISSUED: "billing.status.issued",
                                 CANCELLED: "billing.status.cancelled"}

CREDIT_NOTE_ACTIONS: frozenset[str] = frozenset()
"""A credit note is its own kind: created issued and final. Its row in the bill list allows none of the
bill actions (its content prints with the bill it credits, in that bill's detail and PDF)."""


def _facts(status: str, has_tax_invoice: bool) -> BillFacts:
    return BillFacts(status, has_tax_invoice)


def can(action: str, status: str, has_tax_invoice: bool = False) -> bool:
    facts = _facts(status, has_tax_invoice)
    return all(GUARDS[name](facts) for name in ACTIONS[action])


def allowed_actions(status: str, has_tax_invoice: bool = False) -> frozenset[str]:
    """Every action the table allows on a bill in this state (what a screen may enable)."""
    return frozenset(action for action in ACTIONS if can(action, status, has_tax_invoice))


def can_allocate(status: str) -> bool:
    """Whether money may be allocated (核销) to a bill in this state: issued bills only."""
    return can("allocate", status)


def status_label(status: str) -> Message:
    code = STATUS_LABELS.get(status)
    return Message(code) if code is not None else Message("billing.status.unknown", {"status": status})


def check(action: str, status: str, bill: str | Message, has_tax_invoice: bool = False) -> str:
    """Refuse `action` on `bill` (its number or label) unless the table allows it; return the new state.

    The state after the action is the transition's target, or the same state for actions that do not
    move the bill.
    """
    if not can(action, status, has_tax_invoice):
        code = REFUSALS[action]
        if action == "record_tax_invoice" and status == ISSUED:
            code = "billing.tax_invoice.already_recorded"
        raise UserError(code, bill=bill, state=status_label(status))
    transition = TRANSITIONS.get(action)  # a spawn (SPAWNS) leaves its source as it is
    return transition.target if transition is not None else status


def draft_label(invoice_id: int) -> Message:
    return Message("billing.draft_label", {"bill_id": invoice_id})
