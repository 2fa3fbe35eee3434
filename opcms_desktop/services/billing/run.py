"""The bill run (账单生成, DOMAIN.md 5): preview each customer's usage, plans, amount and exceptions, then
generate draft invoices for the period.

Decisions:
- One invoice per customer x period, kind 'usage'. The annual fee of a package / quota plan is a line on
  it (in the month holding the contract-year start), next to the period's usage and overage lines, so a
  customer gets one bill per month; kind 'package' invoices are left to manual work and never touched.
- 是否结算 (billing_enabled): 'no' -> not billed (exception 'billing_disabled', the amount is still shown);
  empty / 'pending' -> billed as a draft with the warning 'billing_unconfirmed' (drafts are reviewed
  before issuing, and dropping them would hide money). Disabled accounts with usage are billed and flagged.
- Usage no plan can price is never billed at 0: it is left off the invoice and reported ('no_plan',
  'no_series_price', 'no_price').
- Generating is idempotent: drafts are created, replaced (content differs) or left unchanged; a draft
  with nothing left to bill is removed; issued / cancelled invoices are never touched ('invoice_issued').
- A credited period is billed again (DOMAIN.md 5): when the period's bill was cancelled by a credit note
  and there is no live bill, the run creates a replacement draft linked to it (`replaces_invoice_id`,
  the state table's 'replace' spawn), counted in `created`, with the info 'replaces_credited'.
- A bill whose amounts do not fit the database (NUMERIC(14,2) amounts, NUMERIC(14,4) quantities and unit
  prices) is never written: the customer is an error 'amount_overflow' and is not billed.
- A month not over yet: preview and generate warn ('billing.run.open_month'); generating it needs
  `allow_open_month=True` (the screen asks, the CLI has --allow-open-month); a month that has not
  begun is refused ('billing.run.future_month').
- Payment terms: the terms of the latest plan that priced a line, if set, else the customer's (30).
- Spike: more than 50% more shoots than the previous month (only when that month had shoots).

Exception kinds: no_plan, no_series_price, no_price, missing_area, plan_overlap (pricing); usage_spike,
disabled_account, billing_disabled, billing_unconfirmed, zero_usage, invoice_issued, replaces_credited (review);
amount_overflow (error).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...models import Customer, PricePlan, PricePlanTier
from ..audit import trail as audit
from ..platform.bulk import gc_paused
from ..platform.errors import UserError
from ..platform.messages import Message, render
from ..platform.money import money
from ..platform.operations import reads, writes
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress, Steps
from ..pricing import engine as pe
from ..pricing.engine import Line, Plan
from ..pricing.grammar import TierBand, format_tiers
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import run_store as store
from . import states
from .compute import Charges, Issue, changes_inside, charge_customer
from .states import DRAFT, status_label
from .usage_totals import prior_shoots, read_usage, shoot_totals

BILLED = ("create", "replace", "unchanged")  # `invoices` of a run: created + replaced + unchanged
CHANGES = ("create", "replace", "remove")  # what a generate writes
UNCONFIRMED_LABELS = {"": "billing.enabled.empty", "pending": "billing.enabled.pending"}
SPIKE_RATIO = Decimal("1.5")
AMOUNT_MAX = Decimal("999999999999.99")  # NUMERIC(14,2)
AMOUNT_LIMIT = Decimal("1000000000000")
QUANTITY_LIMIT = Decimal("10000000000")  # NUMERIC(14,4): quantities and unit prices
PRIOR_DAYS = 366  # a contract year holding the period's first day started at most this long before


@dataclass(frozen=True)
class BillException:
    customer_id: int
    company_id: int
    customer_name: str
    kind: str
    severity: str  # error / warning / info
    message: Message  # code and parameters; str(message) is the text in the current language


@dataclass(frozen=True)
class SeriesUsage:
    series: str
    single_shoots: int
    multi_shoots: int
    multi_floors: int
    area: Decimal

    @property
    def shoots(self) -> int:
        return self.single_shoots + self.multi_shoots


@dataclass(frozen=True)
class CustomerBill:
    """One customer in the bill run: what they used, which plans apply, the lines and what happens."""

    customer_id: int
    company_id: int
    name: str
    billing_enabled: str | None
    disabled: bool
    usage: tuple[SeriesUsage, ...]
    shoots: int
    previous_shoots: int
    plans: tuple[Plan, ...]  # in force during the period; describe_plan(p) / MODE_LABELS[p.mode] to show them
    lines: tuple[Line, ...]
    amount: Decimal  # sum of the rounded lines (also shown when not billed)
    payment_terms_days: int
    action: str  # create / replace / unchanged / keep_issued / not_billed / remove / none
    invoice_id: int | None
    exceptions: tuple[BillException, ...]
    replaces_invoice_id: int | None = None  # create: the credited bill this draft replaces

    @property
    def billed(self) -> bool:
        return self.action in BILLED


@dataclass(frozen=True)
class BillRunPreview:
    period: str
    customers: tuple[CustomerBill, ...]
    exceptions: tuple[BillException, ...]
    total: Decimal  # of the invoices the run writes (or would write)
    created: int  # in a preview: what generating now would do
    replaced: int
    unchanged: int
    removed: int
    kept_issued: int
    warnings: tuple[Message, ...] = ()  # about the whole run, e.g. billing.run.open_month

    @property
    def invoices(self) -> tuple[CustomerBill, ...]:
        return tuple(c for c in self.customers if c.billed)


@dataclass(frozen=True)
class BillRunResult(BillRunPreview):
    run_id: int = 0


@reads
def preview_bill_run(session: Session, actor: Actor, period: str, *, progress: Progress | None = None,
                     cancel: Cancel | None = None) -> BillRunPreview:
    """Everything generate would do for the period, writing nothing ('invoices.view' or 'billing.run')."""
    require(actor, "billing.run" if actor.can("billing.run") else "invoices.view")
    period = str(Period.parse(period))
    with gc_paused():
        return _prepare(session, actor, period, Steps(progress, cancel, "billing.run.cancelled", period=period))[0]


def month_state(period: str, today: dt.date | None = None) -> str:
    """'closed' (the month is over), 'open' (it holds today) or 'future' (it has not begun)."""
    this, today = Period.parse(period), today or dt.date.today()
    if this.end < today:
        return "closed"
    return "open" if this.start <= today else "future"


def run_warnings(period: str, today: dt.date | None = None) -> tuple[Message, ...]:
    """What to say about the run as a whole before it runs: a month not over yet."""
    state = month_state(period, today)
    if state == "open":
        return (Message("billing.run.open_month", {"period": period,
                                                   "end": Period.parse(period).end.isoformat()}),)
    if state == "future":
        return (Message("billing.run.future_month_preview", {"period": period}),)
    return ()


@writes("bills", "audit")
def generate_bill_run(session: Session, actor: Actor, period: str, *, progress: Progress | None = None,
                      cancel: Cancel | None = None, allow_open_month: bool = False,
                      today: dt.date | None = None) -> BillRunResult:
    """Write the period's draft invoices ('billing.run'); the caller commits, or rolls back on Cancelled.

    A month that has not begun is refused; the month holding today only with `allow_open_month`."""
    require(actor, "billing.run")
    period = str(Period.parse(period))
    state = month_state(period, today)
    if state == "future":
        raise UserError("billing.run.future_month", period=period)
    if state == "open" and not allow_open_month:
        raise UserError("billing.run.open_month_refused", period=period,
                        end=Period.parse(period).end.isoformat())
    with gc_paused():
        return _generate(session, actor, period, Steps(progress, cancel, "billing.run.cancelled", period=period))


def _generate(session: Session, actor: Actor, period: str, steps: Steps) -> BillRunResult:
    store.lock_period(session, actor, period)
    plan, old = _prepare(session, actor, period, steps)
    steps(0, 1, render("billing.progress.writing"))
    changed = [c for c in plan.customers if c.action in CHANGES]  # the one pass over every customer
    rewritten = {c.invoice_id: c for c in changed if c.action != "create" and c.invoice_id is not None}
    store.lock_drafts(session, {iid: old[c.customer_id].version for iid, c in rewritten.items()})
    run_id = store.start_run(session, actor, period)
    old_lines = store.line_counts(session, list(rewritten))
    store.delete_drafts(session, [iid for iid, c in rewritten.items() if c.action == "remove"])
    writes = [store.DraftWrite(c.customer_id, c.invoice_id if c.action == "replace" else None, c.amount,
                               c.payment_terms_days, c.lines, c.replaces_invoice_id if c.action == "create" else None)
              for c in changed if c.action != "remove"]
    ids = store.write_drafts(session, run_id, period, writes)
    steps(1, 2, render("billing.progress.audit"))
    customers = plan.customers
    if plan.created:
        customers = tuple(_with_invoice_id(c, ids[c.customer_id]) if c.action == "create" else c
                          for c in plan.customers)
        changed = [c for c in customers if c.action in CHANGES]
    summary = _summary(plan)
    store.record_audit(session, actor, _audit_items(changed, old, old_lines, run_id, period, summary))
    store.finish_run(session, run_id, period, summary)
    steps(2, 2, render("billing.progress.done"))
    session.expire_all()
    return BillRunResult(period=period, customers=customers, exceptions=plan.exceptions, total=plan.total,
                         created=plan.created, replaced=plan.replaced, unchanged=plan.unchanged,
                         removed=plan.removed, kept_issued=plan.kept_issued, warnings=plan.warnings, run_id=run_id)


def _with_invoice_id(bill: CustomerBill, invoice_id: int) -> CustomerBill:
    """dataclasses.replace, ten times faster (tens of thousands of rows per run)."""
    copy = object.__new__(CustomerBill)
    copy.__dict__.update(bill.__dict__, invoice_id=invoice_id)
    return copy


def _summary(plan: BillRunPreview) -> dict[str, Any]:
    return {"period": plan.period, "total": plan.total, "created": plan.created, "replaced": plan.replaced,
            "unchanged": plan.unchanged, "removed": plan.removed, "kept_issued": plan.kept_issued,
            "invoices": plan.created + plan.replaced + plan.unchanged, "customers": len(plan.customers),
            "exceptions": dict(sorted(Counter(e.kind for e in plan.exceptions).items()))}


def _audit_items(changed: list[CustomerBill], old: dict[int, store.ExistingInvoice],
                 old_lines: dict[int, int], run_id: int, period: str, summary: dict[str, Any]
                 ) -> list[store.AuditItem]:
    """One row per created / replaced / removed draft (plain JSON values), then the run's event row."""
    items: list[store.AuditItem] = []
    for c in changed:
        if c.action not in ("create", "replace", "remove"):
            continue
        where = f"bill run {run_id} {period}, 公司id {c.company_id}"
        total = format(c.amount, "f")
        if c.action == "create":
            changes = {"customer_id": [None, c.customer_id], "period": [None, period], "kind": [None, "usage"],
                       "status": [None, "draft"], "total": [None, total],
                       "payment_terms_days": [None, c.payment_terms_days], "lines": [None, len(c.lines)]}
            if c.replaces_invoice_id is not None:
                changes["replaces_invoice_id"] = [None, c.replaces_invoice_id]
            items.append(("create", "invoice", c.invoice_id, changes, f"draft created by {where}"))
        elif c.action == "replace":
            was = old[c.customer_id]
            changes = {"total": [format(was.total, "f"), total],
                       "payment_terms_days": [was.payment_terms_days, c.payment_terms_days],
                       "lines": [old_lines.get(was.id, 0), len(c.lines)], "version": [was.version, was.version + 1]}
            items.append(("update", "invoice", c.invoice_id, changes, f"draft replaced by {where}"))
        elif c.action == "remove":
            was = old[c.customer_id]
            changes = {"status": ["draft", None], "total": [format(was.total, "f"), None],
                       "lines": [old_lines.get(was.id, 0), None]}
            items.append(("delete", "invoice", c.invoice_id, changes, f"draft removed by {where}: nothing to bill"))
    items.append(("event", "bill_run", run_id, audit.jsonable(summary),
                  f"bill run {period}: {summary['created']} created, {summary['replaced']} replaced, "
                  f"{summary['unchanged']} unchanged, {summary['removed']} removed, total {summary['total']}"))
    return items


# --- reading and computing -----------------------------------------------------------------------------

class _CustomerRow(NamedTuple):  # a NamedTuple: a run reads 100,000 of them
    id: int
    company_id: int
    name: str
    billing_enabled: str | None
    disabled: bool
    payment_terms_days: int


def _prepare(session: Session, actor: Actor, period: str, steps: Steps
             ) -> tuple[BillRunPreview, dict[int, store.ExistingInvoice]]:
    this = Period.parse(period)
    start, end = this.start, this.end
    window = start - dt.timedelta(days=PRIOR_DAYS)
    steps(0, 1, render("billing.progress.reading"))
    visible = lambda column: visible_customers(actor, column)  # noqa: E731
    session.flush()  # what session.execute would autoflush: the reads below go through Core
    conn = session.connection()
    customers = {
        cid: _CustomerRow(cid, company_id, name, billing, bool(disabled), terms or 30)
        for cid, company_id, name, billing, disabled, terms in conn.execute(
            select(Customer.id, Customer.company_id, Customer.name, Customer.billing_enabled, Customer.disabled,
                   Customer.payment_terms_days).where(visible(Customer.id)))
    }
    plans = load_plans(session, actor, window, end)
    daily = {cid for cid, ps in plans.items() if changes_inside(ps, start, end)}
    usage = read_usage(session, start, end, visible, daily=daily)
    prev_start, prev_end = this.previous.start, this.previous.end
    previous = shoot_totals(session, prev_start, prev_end, visible)
    quota_customers = (select(PricePlan.customer_id)
                       .where(PricePlan.mode == "annual_quota", *_overlapping(start, end)).scalar_subquery())
    prior = prior_shoots(session, window, start - dt.timedelta(days=1),
                       lambda column: visible(column) & column.in_(quota_customers))
    existing = store.existing_invoices(session, actor, period)
    credited = store.credited_invoices(session, actor, period)
    wanted = set(usage) | set(existing) | set(credited) | {cid for cid, ps in plans.items() if any(p.overlaps(start, end) for p in ps)}
    ordered = sorted((customers[cid] for cid in wanted if cid in customers), key=lambda c: c.company_id)
    bills: list[CustomerBill] = []
    for i, cust in enumerate(ordered):
        if i % 2000 == 0:
            steps(i, len(ordered), render("billing.progress.computing"))
        charges = charge_customer(plans.get(cust.id, ()), usage.get(cust.id, ()), prior.get(cust.id, ()), start, end)
        bills.append(_bill(cust, charges, plans.get(cust.id, ()), previous.get(cust.id, 0),
                           existing.get(cust.id), start, end, period, credited.get(cust.id)))
    steps(len(ordered), len(ordered), render("billing.progress.summing"))
    counts = Counter(b.action for b in bills)
    return BillRunPreview(
        period=period, customers=tuple(bills), exceptions=tuple(e for b in bills for e in b.exceptions),
        total=sum((b.amount for b in bills if b.billed), Decimal("0.00")), created=counts["create"],
        replaced=counts["replace"], unchanged=counts["unchanged"], removed=counts["remove"],
        kept_issued=counts["keep_issued"], warnings=run_warnings(period),
    ), existing


def _overlapping(start: dt.date, end: dt.date) -> tuple[Any, ...]:
    return PricePlan.effective_from <= end, or_(PricePlan.effective_to.is_(None), PricePlan.effective_to >= start)


@reads
def load_plans(session: Session, actor: Actor, start: dt.date, end: dt.date) -> dict[int, tuple[Plan, ...]]:
    """The plans in force in [start, end] per visible customer, with their tiers, as the bill run prices
    with them (the pricing sandbox and the what-if use the same)."""
    where = (*_overlapping(start, end), visible_customers(actor, PricePlan.customer_id))
    tiers: dict[int, list[TierBand]] = defaultdict(list)
    tier_query = (select(PricePlanTier.plan_id, PricePlanTier.from_count, PricePlanTier.to_count,
                                      PricePlanTier.unit_price)
                               .join(PricePlan, PricePlan.id == PricePlanTier.plan_id).where(*where)
                               .order_by(PricePlanTier.plan_id, PricePlanTier.seq))
    conn = session.connection()
    for plan_id, lo, hi, price in conn.execute(tier_query):
        tiers[plan_id].append(TierBand(lo, hi, price))
    found: dict[int, list[Plan]] = defaultdict(list)
    columns = (PricePlan.id, PricePlan.series, PricePlan.mode, PricePlan.effective_from, PricePlan.effective_to,
               PricePlan.single_price, PricePlan.multi_price, PricePlan.multi_base, PricePlan.multi_step,
               PricePlan.extra_floor_price, PricePlan.area_rate, PricePlan.annual_fee, PricePlan.quota,
               PricePlan.overage_price, PricePlan.payment_terms_days)
    names = [c.key for c in columns]
    no_tiers: tuple[TierBand, ...] = ()
    new = _new
    for customer_id, *values in conn.execute(select(PricePlan.customer_id, *columns).where(*where)):
        fields = dict(zip(names, values, strict=True))
        band = tiers.get(values[0])
        fields["tiers"] = tuple(band) if band else no_tiers
        plan = new(Plan)  # pe.build, without the keyword arguments
        plan.__dict__.update(fields)
        found[customer_id].append(plan)
    return {cid: tuple(ps) for cid, ps in found.items()}


def _overflows(lines: tuple[Line, ...], amount: Decimal) -> bool:
    """Whether a value would not fit its column (the database would refuse the whole run)."""
    if abs(amount) >= AMOUNT_LIMIT:
        return True
    for li in lines:
        if abs(li.amount) >= AMOUNT_LIMIT or abs(li.quantity) >= QUANTITY_LIMIT or (
                li.unit_price is not None and abs(li.unit_price) >= QUANTITY_LIMIT):
            return True
    return False


def _bill(cust: _CustomerRow, charges: Charges, plans: tuple[Plan, ...], previous: int,
          existing: store.ExistingInvoice | None, start: dt.date, end: dt.date, period: str,
          credited: store.CreditedInvoice | None = None) -> CustomerBill:
    shoots = 0
    for _, c in charges.usage:
        shoots += c.single_shoots + c.multi_shoots
    amount = charges.amount
    issues = list(charges.issues) if charges.issues else []
    terms = _payment_terms(cust, plans, charges.lines)
    billable = bool(charges.lines) and cust.billing_enabled != "no"
    replaces: int | None = None
    if _overflows(charges.lines, amount):
        issues.append(Issue("amount_overflow", "error", Message(
            "billing.exception.amount_overflow", {"amount": amount, "limit": AMOUNT_MAX})))
        action = "not_billed"
    elif existing is not None and existing.status != DRAFT:
        action = "keep_issued"
        if charges.lines or existing.total:
            kept = {"period": period, "state": status_label(existing.status), "total": money(existing.total)}
            if existing.total == amount:
                issues.append(Issue("invoice_issued", "info", Message("billing.exception.bill_kept", kept)))
            else:
                issues.append(Issue("invoice_issued", "warning", Message("billing.exception.bill_kept_differs",
                                                                         kept | {"amount": amount})))
    elif billable:
        if existing is None:
            action = "create"
            if credited is not None and states.can("replace", states.CANCELLED):
                replaces = credited.id
                issues.append(Issue("replaces_credited", "info", Message(
                    "billing.exception.replaces_credited",
                    {"bill": credited.number or states.draft_label(credited.id), "total": money(credited.total)})))
        else:
            action = "unchanged" if store.is_unchanged(existing, amount, terms, charges.lines) else "replace"
    else:
        action = "remove" if existing is not None else ("not_billed" if charges.lines else "none")
    if charges.lines and cust.billing_enabled == "no":
        issues.append(Issue("billing_disabled", "warning",
                            Message("billing.exception.billing_disabled", {"amount": amount})))
    elif charges.lines and cust.billing_enabled != "yes":
        issues.append(Issue("billing_unconfirmed", "warning", Message(
            "billing.exception.billing_unconfirmed",
            {"value": _enabled_label(cust.billing_enabled)})))
    if cust.disabled and shoots:
        issues.append(Issue("disabled_account", "warning",
                            Message("billing.exception.disabled_account", {"shoots": shoots})))
    if previous and shoots > previous * SPIKE_RATIO:
        up = (Decimal(shoots - previous) * 100 / previous).quantize(Decimal("1"))
        issues.append(Issue("usage_spike", "warning", Message(
            "billing.exception.usage_spike", {"percent": up, "previous": previous, "shoots": shoots})))
    if not shoots and plans and any(p.mode in pe.USAGE_MODES and p.overlaps(start, end) for p in plans):
        issues.append(Issue("zero_usage", "info", Message("billing.exception.zero_usage")))
    usage = tuple([_series_usage(s, c) for s, c in charges.usage])
    exceptions = tuple(pe.build(BillException, customer_id=cust.id, company_id=cust.company_id,
                                customer_name=cust.name, kind=i.kind, severity=i.severity, message=i.message)
                       for i in issues) if issues else ()
    shown: tuple[Plan, ...]
    if len(plans) == 1:
        shown = plans if plans[0].overlaps(start, end) else ()
    else:
        shown = tuple([p for p in plans if p.overlaps(start, end)])
    bill = _new(CustomerBill)
    bill.__dict__.update({
        "customer_id": cust.id, "company_id": cust.company_id, "name": cust.name,
        "billing_enabled": cust.billing_enabled, "disabled": cust.disabled, "usage": usage, "shoots": shoots,
        "previous_shoots": previous, "plans": shown, "lines": charges.lines, "amount": amount,
        "payment_terms_days": terms, "action": action, "invoice_id": existing.id if existing is not None else None,
        "exceptions": exceptions, "replaces_invoice_id": replaces})
    return bill


_new = object.__new__


def _series_usage(series: str, counts: pe.Counts) -> SeriesUsage:
    """SeriesUsage without its __init__ (as pe.build, without the keyword arguments: one per series per customer)."""
    usage = _new(SeriesUsage)
    usage.__dict__.update({"series": series, "single_shoots": counts.single_shoots,
                           "multi_shoots": counts.multi_shoots, "multi_floors": counts.multi_floors,
                           "area": counts.area})
    return usage


def _enabled_label(value: str | None) -> Message | str:
    """是否结算 as the exception shows it: 空 / 待确认, or the stored value as it is."""
    code = UNCONFIRMED_LABELS.get(value or "")
    return Message(code) if code is not None else str(value)


def _payment_terms(cust: _CustomerRow, plans: tuple[Plan, ...], lines: tuple[Line, ...]) -> int:
    if len(plans) == 1:  # the common case
        plan = plans[0]
        if plan.payment_terms_days is not None and any(li.plan_id == plan.id for li in lines):
            return plan.payment_terms_days
        return cust.payment_terms_days
    used = {li.plan_id for li in lines}
    for plan in sorted(plans, key=lambda p: (p.effective_from, p.id), reverse=True):
        if plan.id in used and plan.payment_terms_days is not None:
            return plan.payment_terms_days
    return cust.payment_terms_days


def describe_plan(plan: Plan) -> str:
    """The plan's prices in one short line, as the preview shows them."""
    f = pe.fmt_price
    if plan.mode == "per_shoot":
        single = f"单层 {f(plan.single_price)}" if plan.single_price is not None else "单层 无价格"
        if plan.multi_base is not None:
            return f"{single}；多层 {f(plan.multi_base)}+(F-1)×{f(plan.multi_step or Decimal(0))}"
        if plan.multi_price:
            return f"{single}；多层 {f(plan.multi_price)}"
        return f"{single}；多层按单层价"
    if plan.mode in ("tiered_graduated", "tiered_volume"):
        extra = f"；加层 {f(plan.extra_floor_price)}" if plan.extra_floor_price is not None else ""
        return f"{format_tiers(list(plan.tiers)) or '无阶梯'}{extra}"
    if plan.mode == "area":
        return f"{f(plan.area_rate)} 元/m²" if plan.area_rate is not None else "无面积单价"
    fee = f"年费 {f(plan.annual_fee)}" if plan.annual_fee is not None else "无年费"
    if plan.mode == "annual_quota":
        over = f(plan.overage_price) if plan.overage_price is not None else "无"
        return f"{fee}；限量 {plan.quota or 0} 套；超出 {over}"
    return fee
