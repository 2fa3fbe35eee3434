"""Bad input (issue 5, item 6): quote, comment, semicolon, LIKE-wildcard and Unicode-control payloads go
through search, filters, edits and imports on both databases; the data stays unchanged, the payload is
stored verbatim where it is meant to be stored, and a search for it finds only literal matches."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import unicodedata
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opcms_desktop.models import (
    AuditEntry,
    Customer,
    CustomerOwner,
    Invoice,
    OwnerNameMapping,
    PricePlan,
    Receipt,
    Role,
    SavedFilter,
    UsageMonthly,
    UsageOrder,
    User,
)
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.billing import queries as invoice_queries
from opcms_desktop.services.customers import edit as customer_edit
from opcms_desktop.services.customers import owners as owner_names
from opcms_desktop.services.customers import query as customer_query
from opcms_desktop.services.customers import saved_filters
from opcms_desktop.services.customers import sheet_import as customer_import
from opcms_desktop.services.customers.pinyin import name_keys
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.platform.cells import clean_text
from opcms_desktop.services.platform.errors import ValidationError
from opcms_desktop.services.pricing import sheet_import as pricing_import
from opcms_desktop.services.receivables import receipt_import, receipts
from opcms_desktop.services.security import audit_view
from opcms_desktop.services.usage import records as usage
from opcms_desktop.services.usage import sheet_import as usage_import

from .billing_builders import add_orders
from .invoice_builders import draft

PAYLOADS = [
    "'",
    "' OR '1'='1",
    "'; DROP TABLE customers; --",
    '" OR ""="',
    "\\",
    "\\%",
    "%",
    "_",
    "%_%",
    "/* */",
    "$$",
    "$1",
    ":name",
    "?",
    "--",
    "a\u202eb",  # right-to-left override
    "x\u200by",  # zero-width space
    "bell\u0007",
    "\ufeffbom",
    "🏠😀",
    "＇＂；",  # full-width quote, double quote, semicolon
    "Robert'); DELETE FROM receipts; --",
    "X" * 150,
]
IDS = [f"p{i}" for i in range(len(PAYLOADS))]
BASE_NAMES = ["我爱我家", "Realty Homes", "100%_Test", "a_b c", "普通客户", "O'Brien 地产"]
KEY_TABLES = (Customer, CustomerOwner, PricePlan, Invoice, Receipt, UsageOrder, UsageMonthly, User, Role, SavedFilter,
              OwnerNameMapping)


def checksum(session: Session) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of the key tables, plus the audit row count."""
    session.flush()
    sums = {}
    for model in KEY_TABLES:
        table = model.__table__
        rows = sorted(repr(tuple(r)) for r in session.execute(select(table)))
        sums[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    sums["audit_log"] = (session.scalar(select(func.count()).select_from(AuditEntry)) or 0, "")
    return sums


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in before if before[name] != after[name]}


@pytest.fixture
def base(session, make, sales, ops):
    """A few customers (one with LIKE wildcards in its name, one with a quote), each with usage and an invoice."""
    customers = []
    for i, name in enumerate(BASE_NAMES):
        customer = make.customer(name, company_id=710_000 + i, sales=sales if i % 2 else None)
        customer.name_initials, customer.name_pinyin = name_keys(name)
        add_orders(session, customer, dt.date(2026, 1, 5), 1)
        draft(session, customer, "2026-01")
        customers.append(customer)
    session.flush()
    return customers


def _literal(payload: str, text: str) -> bool:
    return payload.strip().casefold() in text.casefold()


# ---- search and filters: nothing changes, only literal matches come back ----------------------------------

def test_customer_search_and_filters_match_literally(session, base, ops, admin):
    before = checksum(session)
    names = {c.id: c.name for c in session.scalars(select(Customer))}
    for payload in PAYLOADS:
        query = CustomerQuery(search=payload[:customer_query.MAX_SEARCH])
        page = customer_query.list_customers(session, ops, query, limit=1000)
        found = {r.id for r in page.rows}
        wanted = {i for i, n in names.items() if _literal(query.search, n)}
        assert wanted <= found, (payload, wanted - found)
        initials_or_pinyin = {r.id for r in page.rows if not _literal(query.search, r.name)}
        for customer_id in initials_or_pinyin:  # only a pinyin / initials prefix may add rows
            customer = session.get(Customer, customer_id)
            key = "".join(ch for ch in payload.lower() if ch.isascii() and ch.isalnum())
            assert key and (customer.name_pinyin.startswith(key) or customer.name_initials.startswith(key)), (
                payload, customer.name)
        assert page.total == len(found) == customer_query.count_customers(session, ops, query)
        for field in ("account_types", "coop_statuses", "billing_enabled", "settlement_modes", "grades",
                      "consumption_tiers"):
            assert customer_query.count_customers(session, ops, CustomerQuery(**{field: (payload,)})) == 0
    assert customer_query.count_customers(session, ops, CustomerQuery(search="%")) == 1  # 100%_Test only
    assert customer_query.count_customers(session, ops, CustomerQuery(search="_")) == 2  # 100%_Test, a_b c
    assert changed(before, checksum(session)) == set()


def test_invoice_receipt_usage_and_audit_filters_match_literally(session, base, ops, admin):
    audit.record(session, admin, "event", "walk", "100%_x", None, summary="summary with 100%_Test")
    before = checksum(session)
    names = [c.name for c in base]
    for payload in PAYLOADS:
        expected = sorted(n for n in names if _literal(payload, n))
        page = invoice_queries.list_invoices(session, ops, invoice_queries.InvoiceFilter(customer_name=payload))
        assert sorted(r.customer_name for r in page.rows) == expected, payload
        receipts_page = receipts.list_receipts(session, ops, receipts.ReceiptFilter(customer_name=payload))
        assert receipts_page.total_count == 0  # no receipts yet: and no error
        usage_page = usage.usage_page(session, ops, usage.UsageQuery(name=payload))
        literal = {c.id for c in base if _literal(payload, c.name) or _literal(payload, c.name_pinyin)
                   or _literal(payload, c.name_initials)}
        assert {r.customer_id for r in usage_page.rows} == literal, payload
        with contextlib.suppress(ValidationError):  # an unknown series may be refused, or simply match nothing
            assert usage.usage_page(session, ops, usage.UsageQuery(series=payload[:20])).rows == ()
        entries = audit_view.list_entries(session, admin, audit_view.AuditFilter(text=payload), limit=1000)
        for row in entries.rows:
            assert any(_literal(payload, t or "") for t in (row.summary, row.entity_id, row.username)), payload
        for key in ("username", "entity", "entity_id", "action"):
            assert audit_view.list_entries(session, admin, audit_view.AuditFilter(**{key: payload})).total == 0
    assert invoice_queries.list_invoices(
        session, ops, invoice_queries.InvoiceFilter(customer_name="%")).total_count == 1
    assert usage.usage_page(session, ops, usage.UsageQuery(name="_")).total_rows == 2
    assert audit_view.list_entries(session, admin, audit_view.AuditFilter(text="%_")).total == 1
    assert changed(before, checksum(session)) == set()


# ---- edits: stored verbatim, nothing else touched ---------------------------------------------------------

@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_customer_fields_filters_receipts_and_owner_names_store_payloads_verbatim(session, base, ops, admin,
                                                                                   payload):
    before = checksum(session)
    customer = base[1]
    detail = customer_edit.get_customer(session, ops, customer.id)
    updated = customer_edit.update_customer(session, ops, customer.id, {"name": payload, "notes": payload},
                                            detail.version)
    assert (updated.name, updated.notes) == (payload.strip(), payload.strip())
    created = customer_edit.create_customer(session, ops, 799_001, payload, {"notes": payload})
    stored = session.get(Customer, created.id)
    session.refresh(stored)
    assert (stored.name, stored.notes) == (payload.strip(), payload.strip())
    found = customer_query.list_customers(session, ops, CustomerQuery(search=payload[:100]), limit=1000)
    assert {customer.id, created.id} <= {r.id for r in found.rows}

    saved = saved_filters.save_customer_filter(session, ops, payload[:80], CustomerQuery(search=payload[:100]))
    listed = {f.name: f.query for f in saved_filters.list_customer_filters(session, ops)}
    assert listed[saved.name] == CustomerQuery(search=payload[:100]) and saved.name == payload[:80].strip()

    receipt = receipts.record_receipt(session, ops, receipts.ReceiptInput(
        customer_id=customer.id, receipt_date=dt.date(2026, 2, 1), amount="1.00", method="银行转账",
        reference=payload, payer=payload, note=payload))
    row = receipts.get_receipt(session, ops, receipt.id).receipt
    assert (row.reference, row.payer, row.note) == (clean_text(payload)[0],) * 3  # control characters go

    owner = f"名{payload}"[:80]
    mapping = owner_names.set_owner_mapping(session, admin, owner, not_a_person=True)
    assert mapping.mapping.name == unicodedata.normalize("NFKC", owner).strip()  # the sheet's names are NFKC
    assert mapping.mapping.name in {m.name for m in owner_names.list_owner_mappings(session, admin)}

    after = checksum(session)
    assert changed(before, after) == {"customers", "saved_filters", "receipts", "owner_name_mappings", "audit_log"}
    assert after["customers"][0] == before["customers"][0] + 1
    assert after["receipts"][0] == before["receipts"][0] + 1
    assert session.scalar(select(func.count()).select_from(Receipt).where(Receipt.payer == clean_text(payload)[0])) == 1
    assert audit.verify_chain(session).ok


# ---- imports: payload cells are data, never SQL ------------------------------------------------------------

BELL = "⟦BEL⟧"  # openpyxl refuses control characters: written as a marker, then as the OOXML escape _x0007_


def write_sheet(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for line in (headers, *rows):
        sheet.append([v.replace("\u0007", BELL) if isinstance(v, str) else v for v in line])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, data.replace(BELL.encode(), b"_x0007_"))
    return path


def test_customer_import_stores_payload_cells_verbatim(session, base, admin, tmp_path):
    rows = [[720_000 + i, f"客户{p}", p] for i, p in enumerate(PAYLOADS)]
    path = write_sheet(tmp_path / "customers.xlsx", ["公司id", "公司名称", "备注"], rows)
    before = checksum(session)
    result = customer_import.import_customers(session, admin, path)
    assert result.inserted == len(PAYLOADS), [i.message for i in result.issues][:5]
    stored = {c.company_id: (c.name, c.notes) for c in session.scalars(
        select(Customer).where(Customer.company_id >= 720_000))}
    for i, p in enumerate(PAYLOADS):
        cell = p.replace("\u0007", "")  # the customer import drops C0 control characters from cells, on purpose
        assert stored[720_000 + i] == (f"客户{cell}", cell), p
    after = checksum(session)
    assert changed(before, after) <= {"customers", "customer_owners", "price_plans", "audit_log"}
    assert after["customers"][0] == before["customers"][0] + len(PAYLOADS)
    assert {c.name for c in base} <= {n for n, in session.execute(select(Customer.name))}


def test_pricing_usage_and_receipt_imports_treat_payloads_as_data(session, base, ops, tmp_path):
    company = base[0].company_id
    before = checksum(session)
    pricing = write_sheet(tmp_path / "pricing.xlsx", ["公司id", "生效日期", "计费模式", "设备系列", "单层单价", "阶梯"],
                          [[p, "2027-01-01", p, p, p, p] for p in PAYLOADS]
                          + [[company, dt.date(2027, 1, 1), p, "X", 1, None] for p in PAYLOADS[:3]])
    report = pricing_import.import_pricing(session, ops, pricing)
    assert (report.inserted, report.updated, report.rejected) == (0, 0, len(PAYLOADS) + 3)

    orders = write_sheet(tmp_path / "usage.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"],
                         [[p, company, dt.date(2026, 1, 20), "X", 1, None] for p in PAYLOADS]
                         + [["bad-" + str(i), p, p, p, p, p] for i, p in enumerate(PAYLOADS)])
    report = usage_import.import_usage(session, ops, orders)
    stored = set(session.scalars(select(UsageOrder.order_no).where(UsageOrder.customer_id == base[0].id)))
    accepted = {clean_text(p)[0] for p in PAYLOADS if clean_text(p)[0] in stored}  # control characters go
    assert report.inserted == len(accepted) and report.rejected == len(PAYLOADS) * 2 - len(accepted)

    bank = write_sheet(tmp_path / "bank.xlsx", ["日期", "付款方", "金额", "参考号", "摘要", "公司id"],
                       [[dt.date(2026, 3, 1), p, 10 + i, p, p, company] for i, p in enumerate(PAYLOADS)]
                       + [[p, p, p, p, p, p] for p in PAYLOADS])
    result = receipt_import.import_receipts(session, ops, bank)
    assert result.report.inserted == len(PAYLOADS) and result.report.rejected == len(PAYLOADS)
    for receipt_id in result.receipt_ids:
        receipt = session.get(Receipt, receipt_id)
        assert receipt.customer_id == base[0].id and receipt.payer == receipt.reference

    after = checksum(session)
    assert changed(before, after) == {"usage_orders", "receipts", "audit_log"}
    assert after["receipts"][0] == before["receipts"][0] + len(PAYLOADS)
    assert {c.name for c in base} <= {n for n, in session.execute(select(Customer.name))}
