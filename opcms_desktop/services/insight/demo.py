"""Demo data (`opcms demo`): an empty database filled through the real services, so every chart shows something true.

Decisions (the issue left these open):
- Admin only (`users.manage` or `settings.manage`), and only on a database without customers: a demo never
  mixes with real data (`insight.demo.not_empty`, nothing written).
- Customers come from the customer import of a sheet: the one given, else a synthetic sheet shaped like the
  real one (`demo_sheet.generate`, N rows, default 1,300). Their price plans are the ones the import derives
  from the sheet's price cells, starting on the first demo month. Owner names are kept as the sheet has them;
  link them to users afterwards (customer owners screen, `opcms owners link`) to give sales their book.
- Usage: monthly summaries per customer x month x device series for every customer with a price plan, plus
  a few unpriced trial customers (the bill run shows them as exceptions): a base volume from 月均拍摄量 (or a
  random one), a growth trend, Chinese seasonality (the Spring Festival dip), spikes, and customers that fade
  and stop. Imported through the usage import, as a summary sheet. The month holding `as_of` gets order
  detail (one row per shoot) for its days before `as_of`, so month-to-date figures have something to show;
  it is not billed (bills run up to last month).
- Bills: one bill run per month from the first demo month to last month (months before `as_of`'s month),
  issued on the 3rd of the next month; a few bills are credited (冲正) and billed again.
- Receipts: per customer a payer habit (prompt, late, partial, stopped); each receipt is recorded and
  allocated to its bill on its date; nothing is dated after `as_of`.
Everything follows from `random.Random(seed)` and `as_of` (default today), so the same seed and date give the
same data.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Customer, Invoice, PricePlan
from ..audit import trail as audit
from ..billing.invoices import credit_invoice, issue_invoices
from ..billing.run import generate_bill_run
from ..customers.sheet_import import import_customers
from ..platform.errors import PermissionDenied, Problem, UserError, ValidationError
from ..platform.messages import render
from ..platform.money import money
from ..platform.operations import writes
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress, Steps
from ..receivables.allocation import allocate
from ..receivables.receipts import ReceiptInput, add_receipt, validate_receipt
from ..security.permissions import Actor
from ..usage.sheet_import import import_usage
from .demo_sheet import generate

DEFAULT_CUSTOMERS = 1300
MAX_CUSTOMERS = 20_000
MAX_MONTHS = 60
SERIES_MIX = (("X", 0.6), ("N", 0.3), ("L", 0.1))
# Spring Festival dip in Jan/Feb, a spring and an autumn peak (index 0 = January).
SEASON = (0.85, 0.6, 1.05, 1.1, 1.1, 1.0, 0.95, 0.95, 1.1, 1.15, 1.05, 0.95)
HABITS: tuple[tuple[str, float], ...] = (("prompt", 70), ("late", 15), ("partial", 10), ("stopped", 5))
USAGE_HEADERS = ("公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积")
ORDER_HEADERS = ("订单号", "公司id", "上传日期", "设备系列", "层数", "面积")
DEMO_TOPICS = (
    "customers",
    "dictionaries",
    "owners",
    "plans",
    "usage",
    "bills",
    "receipts",
    "allocations",
    "audit",
)


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    months: int
    first_period: str
    last_period: str
    plans: int
    usage_rows: int  # monthly summaries, one per customer x month x series
    orders: int  # order detail (one row per shoot) of the month holding as_of, days before as_of
    bills: int
    receipts: int
    allocations: int
    credit_notes: int
    rejected_rows: (
        int  # customer-sheet rows the import refused (the synthetic sheet has one duplicate 公司id)
    )
    seconds: float


@dataclass(frozen=True)
class _Profile:
    customer_id: int
    company_id: int
    base: float
    growth: float  # yearly factor
    start: int  # first month index with usage
    fade_at: int | None  # month index from which usage fades to nothing
    multi_share: float
    series: tuple[str, ...]


def _check_actor(actor: Actor) -> None:
    if not (actor.can("users.manage") or actor.can("settings.manage")):
        raise PermissionDenied("insight.demo.admin_only", user=actor.username)


def _check_arguments(sheet: Path | None, customers: int | None, months: int, as_of: dt.date) -> None:
    problems: list[Problem] = []
    if sheet is not None and customers is not None:
        problems.append(Problem("insight.demo.sheet_and_customers", field="customers", value=str(customers)))
    if customers is not None and not 1 <= customers <= MAX_CUSTOMERS:
        problems.append(
            Problem(
                "insight.demo.customers_range",
                field="customers",
                value=str(customers),
                params={"maximum": MAX_CUSTOMERS},
            )
        )
    if not 1 <= months <= MAX_MONTHS:
        problems.append(
            Problem(
                "insight.demo.months_range", field="months", value=str(months), params={"maximum": MAX_MONTHS}
            )
        )
    if sheet is not None and not Path(sheet).is_file():
        problems.append(Problem("insight.demo.sheet_missing", field="sheet", value=str(sheet)))
    if as_of.year < 2001:
        problems.append(Problem("insight.demo.as_of_too_early", field="as_of", value=as_of.isoformat()))
    if problems:
        raise ValidationError("insight.demo.invalid", problems)


def demo_periods(months: int, as_of: dt.date) -> list[Period]:
    """The `months` calendar months before the month holding `as_of`, oldest first."""
    periods = [Period.of(as_of).previous]
    while len(periods) < months:
        periods.append(periods[-1].previous)
    return periods[::-1]


@writes(*DEMO_TOPICS)
def load_demo(
    session: Session,
    actor: Actor,
    *,
    sheet: Path | None = None,
    customers: int | None = None,
    months: int = 24,
    seed: int = 1,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DemoSummary:
    """Fill an empty database with demo customers, plans, usage, bills, receipts and credit notes (see module doc)."""
    _check_actor(actor)
    as_of = as_of or dt.date.today()
    _check_arguments(sheet, customers, months, as_of)
    existing = session.scalar(select(func.count()).select_from(Customer)) or 0
    if existing:
        raise UserError("insight.demo.not_empty", customers=existing)
    started = time.perf_counter()
    steps = Steps(progress, cancel)
    rng = random.Random(seed)
    periods = demo_periods(months, as_of)
    with tempfile.TemporaryDirectory(prefix="opcms-demo-") as folder:
        path = (
            Path(sheet)
            if sheet is not None
            else generate(customers or DEFAULT_CUSTOMERS, Path(folder) / "demo-customers.xlsx", seed)
        )
        total = len(periods) + 4
        steps(0, total, render("insight.demo.progress.customers"))
        imported = import_customers(session, actor, path, plan_start=periods[0].start, cancel=cancel)
        profiles = _profiles(session, rng, len(periods))
        steps(1, total, render("insight.demo.progress.usage"))
        usage_file = _write_usage_sheet(Path(folder) / "demo-usage.xlsx", _usage_rows(rng, profiles, periods))
        usage = import_usage(session, actor, usage_file, cancel=cancel)
        orders = _current_month_orders(rng, profiles, len(periods), as_of)
        if orders:
            orders_file = _write_sheet(Path(folder) / "demo-orders.xlsx", ORDER_HEADERS, orders)
            import_usage(session, actor, orders_file, cancel=cancel)
    for done, period in enumerate(periods, start=2):
        steps(done, total, render("insight.demo.progress.bills", {"period": str(period)}))
        _bill_month(session, actor, period, as_of)
    credit_notes = _credit_some(session, actor, rng, periods, as_of)
    steps(total - 2, total, render("insight.demo.progress.receipts"))
    receipts, allocations = _pay(session, actor, rng, as_of)
    summary = DemoSummary(
        customers=session.scalar(select(func.count()).select_from(Customer)) or 0,
        months=len(periods),
        first_period=str(periods[0]),
        last_period=str(periods[-1]),
        plans=session.scalar(select(func.count()).select_from(PricePlan)) or 0,
        usage_rows=usage.inserted,
        orders=len(orders),
        bills=session.scalar(select(func.count()).select_from(Invoice).where(Invoice.status != "draft")) or 0,
        receipts=receipts,
        allocations=allocations,
        credit_notes=credit_notes,
        rejected_rows=imported.rejected,
        seconds=round(time.perf_counter() - started, 1),
    )
    audit.record(
        session,
        actor,
        "demo",
        "database",
        None,
        {
            "seed": seed,
            "as_of": as_of,
            "months": len(periods),
            "customers": summary.customers,
            "bills": summary.bills,
            "receipts": receipts,
        },
        summary="demo data loaded",
    )
    steps(total, total, render("progress.done"))
    return summary


def _profiles(session: Session, rng: random.Random, months: int) -> list[_Profile]:
    priced = set(session.scalars(select(PricePlan.customer_id).distinct()))
    rows = session.execute(
        select(Customer.id, Customer.company_id, Customer.avg_monthly_shoots).order_by(Customer.company_id)
    ).all()
    profiles = []
    for customer_id, company_id, average in rows:
        trial = customer_id not in priced and rng.random() < 0.03
        if customer_id not in priced and not trial:
            continue
        base = float(average) if average else 0.0
        if base <= 0:
            base = math.exp(rng.gauss(3.2, 1.1))  # median ~25 shoots a month
        if trial:
            base = min(base, 15.0)
        late_start = rng.random() < 0.25
        fades = rng.random() < 0.08
        profiles.append(
            _Profile(
                customer_id=customer_id,
                company_id=company_id,
                base=base,
                growth=rng.uniform(0.85, 1.5),
                start=rng.randrange(1, months) if late_start and months > 1 else 0,
                fade_at=rng.randrange(max(months - 12, 0), months) if fades else None,
                multi_share=rng.uniform(0.1, 0.45),
                series=tuple(s for s, share in SERIES_MIX if rng.random() < share + 0.3) or ("X",),
            )
        )
    return profiles


def _usage_rows(rng: random.Random, profiles: list[_Profile], periods: list[Period]) -> list[tuple]:
    rows = []
    for p in profiles:
        for index, period in enumerate(periods):
            if index < p.start:
                continue
            level = p.base * p.growth ** (index / 12) * SEASON[period.start.month - 1] * rng.uniform(0.8, 1.2)
            if p.fade_at is not None and index >= p.fade_at:
                level *= max(0.0, 1 - (index - p.fade_at + 1) / 3)
            if rng.random() < 0.03:
                level *= rng.uniform(1.8, 3.0)  # a spike
            total = round(level)
            if total <= 0:
                continue
            weights = [share for s, share in SERIES_MIX if s in p.series]
            counts = _split(rng, total, weights)
            for series, count in zip(p.series, counts, strict=True):
                if count == 0:
                    continue
                multi = round(count * p.multi_share)
                floors = sum(rng.choice((2, 2, 2, 3, 3, 4)) for _ in range(min(multi, 50)))
                floors = floors * multi // min(multi, 50) if multi else 0
                area = Decimal(count * rng.randint(70, 130)).quantize(Decimal("0.01"))
                rows.append(
                    (p.company_id, str(period), series, count - multi, multi, max(floors, 2 * multi), area)
                )
    return rows


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    shares = [w * rng.uniform(0.8, 1.2) for w in weights]
    counts = [int(total * s / sum(shares)) for s in shares]
    counts[0] += total - sum(counts)
    return counts


def _write_usage_sheet(path: Path, rows: list[tuple]) -> Path:
    return _write_sheet(path, USAGE_HEADERS, [(*row[:-1], float(row[-1])) for row in rows])


def _write_sheet(path: Path, headers: tuple[str, ...], rows: list[tuple]) -> Path:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("usage")
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def _current_month_orders(
    rng: random.Random, profiles: list[_Profile], index: int, as_of: dt.date
) -> list[tuple]:
    """Order detail of the month holding as_of, days 1 .. as_of - 1, so that month-to-date figures live."""
    month = Period.of(as_of)
    days = as_of.day - 1
    rows: list[tuple] = []
    for p in profiles:
        if index < p.start or (p.fade_at is not None and index >= p.fade_at + 2):
            continue
        level = p.base * p.growth ** (index / 12) * SEASON[month.month - 1] * rng.uniform(0.8, 1.2)
        for n in range(round(level * days / month.end.day)):
            day = month.start + dt.timedelta(days=rng.randrange(days))
            floors = 1 if rng.random() >= p.multi_share else rng.choice((2, 2, 3))
            rows.append(
                (
                    f"DEMO-{as_of:%Y%m}-{p.company_id}-{n + 1}",
                    p.company_id,
                    day,
                    rng.choice(p.series),
                    floors,
                    rng.randint(60, 140),
                )
            )
    return rows


def _bill_month(session: Session, actor: Actor, period: Period, as_of: dt.date) -> None:
    generate_bill_run(session, actor, str(period), today=as_of)
    issue_invoices(
        session, actor, str(period), issue_date=min(period.next_start + dt.timedelta(days=2), as_of)
    )


def _credit_some(
    session: Session, actor: Actor, rng: random.Random, periods: list[Period], as_of: dt.date
) -> int:
    """Credit (冲正) about one bill in 400 (at least two), a week after issue, and bill those months again."""
    candidates = session.execute(
        select(Invoice.id, Invoice.period, Invoice.issue_date)
        .where(
            Invoice.status == "issued", Invoice.total > 0, Invoice.period.in_([str(p) for p in periods[:-1]])
        )
        .order_by(Invoice.id)
    ).all()
    if not candidates:
        return 0
    chosen = sorted(rng.sample(candidates, min(len(candidates), max(2, len(candidates) // 400))))
    for invoice_id, _period, issued in chosen:
        day = min((issued or as_of) + dt.timedelta(days=7), as_of)
        credit_invoice(session, actor, invoice_id, "演示数据：账单金额有误，冲正后重开", issue_date=day)
    for period in sorted({p for _, p, _ in chosen}):
        generate_bill_run(session, actor, period, today=as_of)
        issue_invoices(
            session,
            actor,
            period,
            issue_date=min(Period.parse(period).next_start + dt.timedelta(days=12), as_of),
        )
    return len(chosen)


def _pay(session: Session, actor: Actor, rng: random.Random, as_of: dt.date) -> tuple[int, int]:
    """Receipts by each customer's habit, allocated to the bill they pay; none dated after `as_of`."""
    bills = session.execute(
        select(Invoice.id, Invoice.customer_id, Invoice.total, Invoice.issue_date, Invoice.due_date)
        .where(Invoice.status == "issued", Invoice.total > 0)
        .order_by(Invoice.issue_date, Invoice.id)
    ).all()
    values, weights = [h for h, _ in HABITS], [w for _, w in HABITS]
    habits: dict[int, tuple[str, int]] = {}  # customer -> (habit, months since a 'stopped' one paid)
    receipts = allocations = 0
    for invoice_id, customer_id, total, issue_date, due in bills:
        issued = issue_date or as_of  # issued bills always have a date
        habit, stopped_months = habits.setdefault(
            customer_id, (rng.choices(values, weights)[0], rng.randint(2, 8))
        )
        if habit == "stopped" and issued >= as_of - dt.timedelta(days=30 * stopped_months):
            continue  # this customer stopped paying a few months ago
        for day, amount in _payments(rng, habit, money(total), issued, due or issued):
            if day > as_of:
                break
            data = ReceiptInput(
                customer_id=customer_id,
                receipt_date=day,
                amount=amount,
                method="银行转账",
                reference=f"DEMO-{invoice_id}-{receipts + 1}",
            )
            checked, texts = validate_receipt(data)
            receipt = add_receipt(session, actor, data, amount=checked, texts=texts)
            allocate(session, actor, receipt.id, invoice_id, checked, allocated_on=day)
            receipts += 1
            allocations += 1
    return receipts, allocations


def _payments(
    rng: random.Random, habit: str, total: Decimal, issued: dt.date, due: dt.date
) -> list[tuple[dt.date, Decimal]]:
    if habit == "prompt":
        return [(issued + dt.timedelta(days=rng.randint(3, 28)), total)]
    if habit == "late":
        return [(due + dt.timedelta(days=rng.randint(10, 80)), total)]
    if habit == "partial":
        first = money(total * Decimal(rng.randint(40, 80)) / 100)
        payments = [(issued + dt.timedelta(days=rng.randint(10, 40)), first)]
        if rng.random() < 0.6 and total - first > 0:
            payments.append((due + dt.timedelta(days=rng.randint(20, 100)), total - first))
        return [(day, amount) for day, amount in payments if amount > 0]
    return [(issued + dt.timedelta(days=rng.randint(5, 40)), total)]
