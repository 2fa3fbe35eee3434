"""Sales isolation on every path (issue 5, item 2): a walk of every public service function.

Every public function of every module in `opcms_desktop.services` whose first two parameters are
(session, actor) is either in REGISTRY (how to aim it at another salesperson's data) or in EXEMPT (why it
is not customer-scoped). A new function in neither fails `test_every_public_function_is_walked`.

Each registered function is called, against data owned by `other_sales`, by
- `sales`: the built-in role (view / export only), and
- `own_editor`: the same user with every non-administration permission but still limited to its own
  customers (the widest role the role editor allows with scope "own"), so writes are walked too.
The call must raise PermissionDenied / NotFound / ValidationError, or return (and write into files) nothing
of the foreign customer; either way the foreign customer's rows must be unchanged. Positive control: the
read functions called by the owning salesperson do return the foreign data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

import opcms_desktop.services as services_package
from opcms_desktop.models import (
    Allocation,
    CreditNote,
    Customer,
    CustomerOwner,
    Invoice,
    InvoiceLine,
    PricePlan,
    PricePlanTier,
    Receipt,
    SavedFilter,
    UsageMonthly,
    UsageOrder,
)
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.billing.queries import InvoiceFilter
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.platform.errors import PermissionDenied
from opcms_desktop.services.pricing.plan_input import PlanInput
from opcms_desktop.services.receivables.receipts import ReceiptFilter, ReceiptInput
from opcms_desktop.services.security.audit_view import AuditFilter
from opcms_desktop.services.security.permissions import BUILTIN_ROLES, Actor
from opcms_desktop.services.usage.records import UsageCorrection, UsageQuery

from ..sheets import write_sheet
from .isolation_types import MONEY_MARK, Args, Case, Ctx, Exempt, a
from .isolation_world import (
    AS_OF,
    FOREIGN_COMPANY,
    FOREIGN_FILTER,
    FOREIGN_NAME,
    FOREIGN_OPS,
    FOREIGN_PAYER,
    IsolationWorld,
    build_isolation_world,
    xlsx_text,
)


def _sheet(ctx: Ctx, name: str, headers: list[str], rows: list[list[Any]]) -> Path:
    return write_sheet(ctx.sheets / name, headers, rows)


def _company_ids_of(ctx: Ctx, customer_ids: Any) -> list[int]:
    ids = [i for batch in customer_ids for i in (batch if isinstance(batch, list) else [batch])]
    return list(ctx.session.scalars(select(Customer.company_id).where(Customer.id.in_(ids or [-1]))))


def _conditions_view(ctx: Ctx, conds: list[ColumnElement[bool]]) -> list[int]:
    return list(ctx.session.scalars(select(Customer.company_id).where(*conds)))


def _input_cells(ctx: Ctx) -> list[str]:
    cells = {cell for path in ctx.sheets.glob("*.xlsx") for line in xlsx_text(path).splitlines()
             for cell in line.split("\t") if cell}
    return sorted(cells, key=len, reverse=True)


def _unechoed(ctx: Ctx, text: str | None) -> str:
    """A message without the caller's own input cells (which it may of course repeat)."""
    text = text or ""
    for cell in _input_cells(ctx):
        text = text.replace(cell, "<cell>")
    return text


def _import_view(ctx: Ctx, result: Any) -> Any:
    """An import's answer without the echo of the caller's own cells: counts, issues, matches, duplicates."""
    report = getattr(result, "report", result)
    texts = [_unechoed(ctx, f"{i.column} {i.value} {i.message}") for i in report.issues]
    return texts, _preview_view(ctx, getattr(result, "matches", ())), getattr(result, "receipt_ids", ())


def _preview_view(ctx: Ctx, rows: Any) -> Any:
    return [(m.customer, m.duplicate_of, _unechoed(ctx, m.note.text() if m.note else None)) for m in rows]


def _owner_options_view(ctx: Ctx, options: Any) -> Any:
    ids = {o.value for o in (*options.sales_owners, *options.ops_owners)}
    return FOREIGN_COMPANY if ctx.f.actor.id in ids else None


FOREIGN_SEARCH = CustomerQuery(search=FOREIGN_NAME)
ALL_QUERY = CustomerQuery()


def _plan_input(ctx: Ctx, customer_id: int | None = None) -> PlanInput:
    return PlanInput(customer_id=customer_id or ctx.f.customer.id, mode="per_shoot",
                     effective_from=dt.date(2027, 1, 1), single_price=Decimal("1"))


REGISTRY: dict[str, Case] = {
    # --- allocation ---
    "receivables.allocation.allocate": Case(lambda c: a(c.f.receipt_id, c.f.invoice_id, "1.00")),
    "receivables.allocation.allocate_many": Case(lambda c: a(c.f.receipt_id, ((c.f.invoice_id, "1.00"),))),
    "receivables.allocation.customer_balance": Case(lambda c: a(c.f.customer.id, AS_OF), owner_sees=True),
    "receivables.allocation.suggest_allocations": Case(lambda c: a(c.f.receipt_id)),
    "receivables.allocation.unallocate": Case(lambda c: a(c.f.allocation_id, "walk")),
    # --- bill run ---
    "billing.run.generate_bill_run": Case(lambda c: a("2026-01")),
    "billing.run.preview_bill_run": Case(lambda c: a("2026-01"), owner_sees=True),
    "billing.run.load_plans": Case(lambda c: a(dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    "billing.preview_xlsx.export_bill_run_preview": Case(lambda c: a("2026-01", c.out / "preview.xlsx"),
                                                         owner_sees=True),
    "billing.run_store.credited_invoices": Case(lambda c: a("2026-02")),
    "billing.run_store.existing_invoices": Case(lambda c: a("2026-02"), owner_sees=True),
    "billing.run_store.lock_period": Case(lambda c: a("2026-03")),
    "billing.run_store.start_run": Case(lambda c: a("2026-03")),
    # --- customers ---
    "customers.batch.assign_owners": Case(lambda c: a([c.f.customer.id], "sales", [c.actor.id])),
    "customers.batch.set_coop_status": Case(lambda c: a([c.f.customer.id], "dormant")),
    "customers.batch.set_disabled": Case(lambda c: a([c.f.customer.id], True)),
    "customers.edit.create_customer": Case(lambda c: a(FOREIGN_COMPANY, "冒名顶替")),
    "customers.edit.customer_history": Case(lambda c: a(c.f.customer.id), owner_sees=True),
    "customers.edit.get_customer": Case(lambda c: a(c.f.customer.id), owner_sees=True),
    "customers.edit.update_customer": Case(lambda c: a(c.f.customer.id, {"notes": "walk"}, c.f.customer.version)),
    "customers.export.export_customer_view": Case(
        lambda c: a(ALL_QUERY, ["company_id", "name", "sales_owners", "notes"], c.out / "view.xlsx"), owner_sees=True),
    "customers.export.export_rows": Case(lambda c: a(ALL_QUERY, ["company_id", "name", "notes"]), owner_sees=True),
    "customers.sheet_import.import_customers": Case(lambda c: a(_sheet(c, "customers.xlsx", ["公司id", "公司名称", "备注"],
                                                                [[FOREIGN_COMPANY, FOREIGN_NAME, "walk"]])),
                                              view=_import_view),
    "customers.sheet_import.check_customer_sheet": Case(
        lambda c: a(_sheet(c, "customers-check.xlsx", ["公司id", "公司名称", "备注"], [[FOREIGN_COMPANY, FOREIGN_NAME, "walk"]])),
        view=_import_view),
    "customers.sheet_import.import_customers_with_owner_mappings": Case(
        lambda c: a(_sheet(c, "customers-mapped.xlsx", ["公司id", "公司名称", "备注"],
                           [[FOREIGN_COMPANY, FOREIGN_NAME, "walk"]]), owner_choices={}),
        view=_import_view),
    "customers.options.filter_options": Case(lambda c: a(), owner_sees=True, view=_owner_options_view),
    "customers.query.conditions": Case(lambda c: a(ALL_QUERY), owner_sees=True, view=_conditions_view),
    "customers.query.count_customers": Case(lambda c: a(FOREIGN_SEARCH), owner_sees=True,
                                           view=lambda c, n: FOREIGN_COMPANY if n else None),
    "customers.query.customer_ids": Case(lambda c: a(FOREIGN_SEARCH, 0, 100), owner_sees=True, view=_company_ids_of),
    "customers.query.customer_page": Case(lambda c: a(ALL_QUERY, 0, 100), owner_sees=True),
    "customers.query.first_customer_page": Case(lambda c: a(FOREIGN_SEARCH, 100), owner_sees=True),
    "customers.query.iter_customer_ids": Case(lambda c: a(ALL_QUERY), owner_sees=True,
                                             view=lambda c, r: _company_ids_of(c, list(r))),
    "customers.query.list_customers": Case(
        lambda c: a(CustomerQuery(sales_owner_ids=(c.f.actor.id,))), owner_sees=True),
    "customers.rows.customer_rows": Case(lambda c: a([c.f.customer.id]), owner_sees=True),
    "customers.rows.fetch": Case(lambda c: a([c.f.customer.id]), owner_sees=True,
                                view=lambda c, r: [(row.company_id, row.name, owners) for row, owners in r]),
    "customers.rows.load_rows": Case(lambda c: a([c.f.customer.id]), owner_sees=True),
    "customers.sheet_export.export_customers": Case(lambda c: a(c.out / "sheet.xlsx"), owner_sees=True),
    # --- owner names (the customer sheet's owner column) ---
    "customers.owners.apply_owner_mappings": Case(lambda c: a()),
    "customers.owners.delete_owner_mapping": Case(lambda c: a(FOREIGN_OPS)),
    "customers.owners.list_owner_mappings": Case(lambda c: a()),
    "customers.owners.list_unresolved_owners": Case(lambda c: a()),
    "customers.owners.list_unlinked_owners": Case(lambda c: a()),
    "customers.dictionary_admin.list_dictionary": Case(lambda c: a("coop_status")),
    "customers.dictionary_admin.add_dictionary_entry": Case(lambda c: a("coop_status", "走访中", "pending")),
    "customers.dictionary_admin.rename_dictionary_entry": Case(lambda c: a(1, "改名")),
    "customers.dictionary_admin.set_dictionary_entry_active": Case(lambda c: a(1, False)),
    "customers.dictionary_admin.set_status_meaning": Case(lambda c: a(1, "terminated")),
    "customers.owners.unlinked_owners_named": Case(lambda c: a(FOREIGN_OPS)),
    "customers.owners.link_owners_to_user": Case(lambda c: a(c.actor.username)),
    "customers.owners.create_user_for_owner": Case(lambda c: a(FOREIGN_OPS, "walker", "Walker-pass-2026", "sales")),
    "customers.owners.set_owner_mapping": Case(lambda c: a(FOREIGN_OPS, username=c.actor.username),
                                          view=lambda c, r: r.owner_rows_updated and FOREIGN_COMPANY),
    # --- invoices ---
    "billing.document.invoice_document": Case(lambda c: a(number=c.f.invoice_number), owner_sees=True),
    "billing.queries.get_invoice": Case(lambda c: a(c.f.invoice_id), owner_sees=True),
    "billing.queries.get_invoice_by_number": Case(lambda c: a(c.f.invoice_number), owner_sees=True),
    "billing.queries.invoice_id_by_number": Case(lambda c: a(c.f.invoice_number), owner_sees=True,
                                                 view=lambda c, i: FOREIGN_COMPANY if i == c.f.invoice_id else i),
    "billing.queries.invoice_row": Case(lambda c: a(c.f.invoice_id), owner_sees=True),
    "billing.queries.list_invoices": Case(lambda c: a(InvoiceFilter(customer_name="外方")), owner_sees=True),
    "billing.invoices.credit_invoice": Case(lambda c: a(c.f.invoice_id, "walk")),
    "billing.invoices.issue_invoices": Case(lambda c: a(invoice_ids=[c.f.draft_id])),
    "billing.invoices.update_draft_line": Case(lambda c: a(c.f.line_id, amount="1.00")),
    "billing.invoices.record_tax_invoice": Case(lambda c: a([c.f.invoice_id], "walk", dt.date(2027, 1, 1))),
    "billing.invoices.clear_tax_invoice": Case(lambda c: a([c.f.invoice_id], "walk")),
    "receivables.report_xlsx.export_invoices_xlsx": Case(lambda c: a(c.out / "invoices.xlsx"), owner_sees=True),
    # --- pricing ---
    "pricing.plan_export.export_price_plans": Case(lambda c: a(c.out / "plans.xlsx"), owner_sees=True),
    "pricing.plans.create_plan": Case(lambda c: a(_plan_input(c))),
    "pricing.plans.end_plan": Case(lambda c: a(c.f.plan_id, dt.date(2026, 12, 31), c.f.plan_version)),
    "pricing.plans.get_plan": Case(lambda c: a(c.f.plan_id), owner_sees=True),
    "pricing.plans.plan_history": Case(lambda c: a(c.f.customer.id), owner_sees=True),
    "pricing.plans.plan_history_by_company_id": Case(lambda c: a(FOREIGN_COMPANY), owner_sees=True),
    "pricing.plans.update_plan": Case(lambda c: a(c.f.plan_id, _plan_input(c), c.f.plan_version)),
    "pricing.plans.upsert_imported_plan": Case(lambda c: a(_plan_input(c))),
    "pricing.sheet_import.import_pricing": Case(lambda c: a(_sheet(
        c, "pricing.xlsx", ["公司id", "生效日期", "计费模式", "单层单价"],
        [[FOREIGN_COMPANY, dt.date(2027, 1, 1), "按次计费", 1]])), view=_import_view),
    # --- receipts ---
    "receivables.receipt_import.import_receipts": Case(lambda c: a(_receipt_sheet(c), confirmed={4: c.f.customer.id}),
                                           view=_import_view),
    "receivables.receipt_import.check_receipt_import": Case(lambda c: a(_receipt_sheet(c)), view=_import_view),
    "receivables.receipt_import.preview_receipt_import": Case(lambda c: a(_receipt_sheet(c)), view=_preview_view),
    "receivables.receipt_export.export_receipts_xlsx": Case(lambda c: a(c.out / "receipts.xlsx")),
    "receivables.receipts.add_receipt": Case(lambda c: a(ReceiptInput(c.f.customer.id, dt.date(2026, 3, 1), "5"),
                                             amount=Decimal("5.00"), texts={})),
    "receivables.receipts.get_receipt": Case(lambda c: a(c.f.receipt_id), owner_sees=True),
    "receivables.receipts.list_receipts": Case(lambda c: a(ReceiptFilter(customer_id=c.f.customer.id)), owner_sees=True),
    "receivables.receipts.receipt_row": Case(lambda c: a(c.f.receipt_id), owner_sees=True),
    "receivables.receipts.record_receipt": Case(lambda c: a(ReceiptInput(c.f.customer.id, dt.date(2026, 3, 1), "5"))),
    # --- reports ---
    "receivables.reports.ar_aging": Case(lambda c: a(AS_OF), owner_sees=True),
    "receivables.reports.receipts_by_month": Case(lambda c: a("2026-01", "2026-06"), owner_sees=True),
    "receivables.reports.settlement_status": Case(lambda c: a("2026-01", AS_OF), owner_sees=True),
    # --- saved filters: someone else's are never listed, replaced or deleted ---
    "customers.saved_filters.delete_customer_filter": Case(lambda c: a(c.world.foreign_filter_id)),
    "customers.saved_filters.list_customer_filters": Case(lambda c: a(), owner_sees=True),
    "customers.saved_filters.save_customer_filter": Case(
        lambda c: a(FOREIGN_FILTER, CustomerQuery(search="x")),
        view=lambda c, r: FOREIGN_COMPANY if r.id == c.world.foreign_filter_id else None),
    # --- scope itself ---
    "security.scope.can_see_customer": Case(lambda c: a(c.f.customer.id), owner_sees=True,
                                   view=lambda c, r: FOREIGN_COMPANY if r else None),
    "security.scope.customer_by_company_id": Case(lambda c: a(FOREIGN_COMPANY), owner_sees=True,
                                         view=lambda c, r: r.company_id),
    # --- usage ---
    "usage.records.correct_usage": Case(lambda c: a(c.f.customer.id, "2026-01", "N", 1, 0, 0, Decimal("0"), "walk", None)),
    "usage.records.correct_usage_many": Case(lambda c: a([UsageCorrection(
        c.f.customer.id, "2026-01", "N", 1, 0, 0, Decimal("0"), None)], "walk")),
    "usage.records.delete_order": Case(lambda c: a(c.f.order_no, "walk")),
    "usage.records.usage_page": Case(lambda c: a(UsageQuery(company_id=FOREIGN_COMPANY)), owner_sees=True),
    "usage.sheet_export.export_usage": Case(lambda c: a(c.out / "usage.xlsx", UsageQuery()), owner_sees=True),
    "usage.sheet_import.import_usage": Case(lambda c: a(_sheet(
        c, "usage.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"],
        [["WALK-1", FOREIGN_COMPANY, dt.date(2026, 1, 20), "X", 1, None],
         [c.f.order_no, c.world.mine.customer.company_id, dt.date(2026, 1, 20), "X", 1, None]])),
        view=_import_view),
    "security.scope.customer_ids_by_company": Case(lambda c: a([FOREIGN_COMPANY, str(FOREIGN_COMPANY)]),
                                                 owner_sees=True),
}


def _receipt_sheet(ctx: Ctx) -> Path:
    return _sheet(ctx, "bank.xlsx", ["日期", "付款方", "金额", "参考号", "公司id"], [
        [dt.date(2026, 3, 2), "随便", 5, "WALK-A", FOREIGN_COMPANY],  # a foreign 公司id: unknown
        [dt.date(2026, 3, 3), FOREIGN_NAME, 6, "WALK-B", None],  # the foreign name: no match
        [dt.date(2026, 3, 4), "无名", 7, "WALK-C", None],  # confirmed to the foreign customer id by hand
        [dt.date(2026, 2, 10), FOREIGN_PAYER, 7777, "FOREIGN-REF-77", None],  # a copy of the foreign receipt
    ])


_ADMIN = "administration, not customer data"
EXEMPT: dict[str, Exempt] = {
    "audit.trail.record": Exempt("appends the actor's own audit row; every service writes through it"),
    "audit.trail.record_many": Exempt("bulk form of audit.record"),
    "billing.run_store.record_audit": Exempt("bulk audit writer of the bill run (after its own checks)"),
    "security.auth.reload_actor": Exempt("re-reads the actor's own user row"),
    "billing.preview_xlsx.write_preview_xlsx": Exempt(
        "writes a preview the caller already computed (billing.run.preview_bill_run, walked above), through "
        "the export approval gate"),
    "receivables.report_xlsx.export_report_xlsx": Exempt(
        "writes a report the caller already computed (the receivables.reports functions, walked above)"),
    "security.users.change_own_password": Exempt("the actor's own password"),
    "security.settings.idle_timeout_minutes": Exempt("a public setting every client reads"),
    "security.settings.get_setting": Exempt("public settings for everyone; the others need settings.view"),
    "security.settings.seller_details": Exempt("the seller block printed on every bill, public"),
    "security.settings.list_settings": Exempt(_ADMIN, lambda c: a()),
    "security.settings.set_setting": Exempt(_ADMIN, lambda c: a("session.idle_timeout_minutes", 30)),
    "customers.owner_choices.owner_choices": Exempt("the user directory for owner pickers", lambda c: a()),
    "security.audit_view.export_xlsx": Exempt(_ADMIN, lambda c: a(AuditFilter(), c.out / "audit.xlsx")),
    "security.audit_view.filter_choices": Exempt(_ADMIN, lambda c: a()),
    "security.audit_view.get_entry": Exempt(_ADMIN, lambda c: a(1)),
    "security.audit_view.list_entries": Exempt(_ADMIN, lambda c: a(AuditFilter(text=FOREIGN_NAME))),
    "security.audit_view.verify": Exempt(_ADMIN, lambda c: a()),
    "security.roles.create_role": Exempt(_ADMIN, lambda c: a("walker", "walker", "own", ["customers.view"])),
    "security.roles.delete_role": Exempt(_ADMIN, lambda c: a("sales")),
    "security.roles.get_role": Exempt(_ADMIN, lambda c: a("sales")),
    "security.roles.grant_permissions": Exempt(_ADMIN, lambda c: a("sales", ["customers.edit"])),
    "security.roles.list_roles": Exempt(_ADMIN, lambda c: a()),
    "security.roles.revoke_permissions": Exempt(_ADMIN, lambda c: a("sales", ["customers.view"])),
    "security.roles.update_role": Exempt(_ADMIN, lambda c: a("sales", customer_scope="all")),
    "security.users.change_role": Exempt(_ADMIN, lambda c: a(c.actor.username, "admin")),
    "security.users.create_user": Exempt(_ADMIN, lambda c: a("walker", "Walker-pass-2026", "admin")),
    "security.users.get_user": Exempt(_ADMIN, lambda c: a(c.f.actor.username)),
    "security.users.list_users": Exempt(_ADMIN, lambda c: a()),
    "security.users.reset_password": Exempt(_ADMIN, lambda c: a(c.f.actor.username, "Walker-pass-2026")),
    "security.users.set_active": Exempt(_ADMIN, lambda c: a(c.f.actor.username, False)),
    "security.users.set_display_name": Exempt(_ADMIN, lambda c: a(c.f.actor.username, "walk")),
    "security.users.unlock": Exempt(_ADMIN, lambda c: a(c.f.actor.username)),
}


def public_service_functions() -> dict[str, Callable[..., Any]]:
    """module.function -> function, for every public (session, actor, ...) function of the services."""
    found = {}
    prefix = f"{services_package.__name__}."
    for info in pkgutil.walk_packages(services_package.__path__, prefix):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if list(inspect.signature(function).parameters)[:2] == ["session", "actor"]:
                found[f"{info.name.removeprefix(prefix)}.{name}"] = function
    return found


def _merge_area_cases() -> None:
    """Add the REGISTRY and EXEMPT of every module in tests/services/isolation_areas/."""
    from . import isolation_areas

    for info in pkgutil.iter_modules(isolation_areas.__path__):
        module = importlib.import_module(f"{isolation_areas.__name__}.{info.name}")
        for mine, theirs in ((REGISTRY, getattr(module, "REGISTRY", {})), (EXEMPT, getattr(module, "EXEMPT", {}))):
            twice = set(mine) & set(theirs)
            assert not twice, f"{info.name} registers {sorted(twice)} a second time"
            mine.update(theirs)


_merge_area_cases()
FUNCTIONS = public_service_functions()


def test_every_public_function_is_walked():
    unknown = sorted(set(FUNCTIONS) - set(REGISTRY) - set(EXEMPT))
    assert not unknown, ("public (session, actor) service functions neither walked (REGISTRY) nor exempt "
                         f"(EXEMPT): {unknown}")
    assert not set(REGISTRY) & set(EXEMPT)
    stale = sorted((set(REGISTRY) | set(EXEMPT)) - set(FUNCTIONS))
    assert not stale, f"walk entries for functions that no longer exist: {stale}"


# ---- finding the foreign data in a result --------------------------------------------------------------

def leaks(value: Any, world: IsolationWorld, _depth: int = 0) -> list[str]:
    """Where the foreign customer shows in `value`: its markers, 公司id, customer id or amounts."""
    if _depth > 12 or value is None or isinstance(value, bool):
        return []
    found: list[str] = []
    if isinstance(value, str):
        found += [f"text {m!r} in {value[:60]!r}" for m in world.markers if m in value]
    elif isinstance(value, int):
        if value == FOREIGN_COMPANY:
            found.append(f"公司id {value}")
    elif isinstance(value, Decimal):
        if abs(value) >= MONEY_MARK:
            found.append(f"amount {value}")
    elif isinstance(value, Customer):
        if value.id == world.foreign.customer.id:
            found.append(f"customer #{value.id}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "customer_id" and item == world.foreign.customer.id:
                found.append(f"{type(value).__name__}.customer_id")
            found += leaks(item, world, _depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += leaks(key, world, _depth + 1) + leaks(item, world, _depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            found += leaks(item, world, _depth + 1)
    elif isinstance(value, Path):
        pass
    elif hasattr(value, "_fields") or hasattr(value, "_mapping"):  # named tuples / rows
        found += leaks(tuple(value), world, _depth + 1)
    return found


def file_leaks(out: Path, world: IsolationWorld) -> list[str]:
    found = []
    for path in sorted(out.glob("*.xlsx")):
        text = xlsx_text(path)
        found += [f"{path.name}: {m!r}" for m in world.markers if m in text]
    return found


def foreign_state(session: Session, world: IsolationWorld) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the foreign customer owns, as plain tuples (compared before and after a call)."""
    session.flush()
    cid = world.foreign.customer.id
    invoice_ids = select(Invoice.id).where(Invoice.customer_id == cid).scalar_subquery()
    receipt_ids = select(Receipt.id).where(Receipt.customer_id == cid).scalar_subquery()
    plan_ids = select(PricePlan.id).where(PricePlan.customer_id == cid).scalar_subquery()
    queries = {
        "customer": select(Customer.__table__).where(Customer.id == cid),
        "owners": select(CustomerOwner.__table__).where(CustomerOwner.customer_id == cid),
        "plans": select(PricePlan.__table__).where(PricePlan.customer_id == cid),
        "tiers": select(PricePlanTier.__table__).where(PricePlanTier.plan_id.in_(plan_ids)),
        "orders": select(UsageOrder.__table__).where(UsageOrder.customer_id == cid),
        "monthly": select(UsageMonthly.__table__).where(UsageMonthly.customer_id == cid),
        "invoices": select(Invoice.__table__).where(Invoice.customer_id == cid),
        "lines": select(InvoiceLine.__table__).where(InvoiceLine.invoice_id.in_(invoice_ids)),
        "credit_notes": select(CreditNote.__table__).where(CreditNote.customer_id == cid),
        "receipts": select(Receipt.__table__).where(Receipt.customer_id == cid),
        "allocations": select(Allocation.__table__).where(
            or_(Allocation.invoice_id.in_(invoice_ids), Allocation.receipt_id.in_(receipt_ids))),
        "saved_filters": select(SavedFilter.__table__).where(SavedFilter.user_id == world.foreign.actor.id),
    }
    return {name: sorted((tuple(map(repr, row)) for row in session.execute(q)), key=repr)
            for name, q in queries.items()}


# ---- the walk ------------------------------------------------------------------------------------------

def own_editor(sales: Actor) -> Actor:
    """The sales user holding every permission a role limited to its own customers may hold."""
    return dataclasses.replace(sales, permissions=BUILTIN_ROLES["ops"][2], customer_scope="own")


@pytest.fixture
def world(session, sales, other_sales, ops) -> IsolationWorld:
    return build_isolation_world(session, sales, other_sales, ops)


def _call(ctx: Ctx, name: str, args: Args) -> tuple[Any, Exception | None]:
    """Call inside a savepoint; a refused call is rolled back as its caller would roll it back."""
    function = FUNCTIONS[name]
    savepoint = ctx.session.begin_nested()
    try:
        result = function(ctx.session, ctx.actor, *args[0], **args[1])
        if inspect.isgenerator(result):
            result = list(result)
    except Exception as exc:  # noqa: BLE001 - the caller checks which
        savepoint.rollback()
        return None, exc
    savepoint.commit()
    return result, None


def _ctx(session: Session, world: IsolationWorld, actor: Actor, tmp_path: Path, label: str) -> Ctx:
    sheets, out = tmp_path / f"{label}-in", tmp_path / f"{label}-out"
    sheets.mkdir()
    out.mkdir()
    return Ctx(session, world, actor, sheets, out)


def _seen(ctx: Ctx, case: Case, result: Any) -> list[str]:
    shown = case.view(ctx, result) if case.view else result
    return leaks(shown, ctx.world) + file_leaks(ctx.out, ctx.world)


def _walk_one(ctx: Ctx, name: str) -> str | None:
    """What is wrong with calling `name` as ctx.actor against the foreign customer (None: nothing)."""
    case = REGISTRY[name]
    before = foreign_state(ctx.session, ctx.world)
    result, error = _call(ctx, name, case.build(ctx))
    if error is not None:
        if not isinstance(error, case.refusals):
            return f"raised {type(error).__name__}: {error}"
        if FOREIGN_NAME in str(error):
            return f"names the foreign customer in its refusal: {error}"
    elif seen := _seen(ctx, case, result):
        return f"shows another salesperson's data: {seen[:3]}"
    if foreign_state(ctx.session, ctx.world) != before:
        return "changed another salesperson's data"
    return None


@pytest.mark.parametrize("who", ["sales", "own_editor"])
def test_foreign_customer_stays_invisible(session, world, sales, tmp_path, who):
    """Every registered function, one after the other on one world (each call in a savepoint)."""
    actor = sales if who == "sales" else own_editor(sales)
    problems = {}
    for name in sorted(REGISTRY):
        ctx = _ctx(session, world, actor, tmp_path, name)
        problem = _walk_one(ctx, name)
        if problem:
            problems[name] = problem
    assert not problems, f"as {who}:\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_owner_sees_the_same_data(session, world, tmp_path):
    """Positive control: the owning salesperson's identical read shows the data the walk hid."""
    problems = {}
    for name in sorted(n for n, c in REGISTRY.items() if c.owner_sees):
        case = REGISTRY[name]
        ctx = _ctx(session, world, world.foreign.actor, tmp_path, name)
        result, error = _call(ctx, name, case.build(ctx))
        if error is not None:
            problems[name] = f"refused the owner: {error!r}"
        elif not _seen(ctx, case, result):
            problems[name] = "shows the owner nothing: the walk would prove nothing"
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_exempt_administration_refuses_sales(session, world, sales, tmp_path):
    problems = {}
    for name in sorted(n for n, e in EXEMPT.items() if e.refuse):
        ctx = _ctx(session, world, sales, tmp_path, name)
        result, error = _call(ctx, name, EXEMPT[name].refuse(ctx))  # type: ignore[misc]
        if not isinstance(error, PermissionDenied):
            problems[name] = f"let sales through: {error!r} / {result!r}"
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_audit_writer_stays_the_actors_own(session, world, sales):
    """The exempt audit writer appends in the actor's name only: nothing to read, nothing foreign."""
    audit.record(session, sales, "event", "walk", None, {"k": [None, "v"]})
    assert audit.verify_chain(session).ok
