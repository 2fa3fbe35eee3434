"""Every bulk export passes the one approval gate (`export_approval.clear_export`), and an export of fields
the role sees masked needs approval whatever its size when the role's policy says so."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from opcms_desktop.models.access import AccessEntry
from opcms_desktop.services.followup.contact_export import export_contacts_xlsx
from opcms_desktop.services.followup.contacts import ContactInput, add_contact
from opcms_desktop.services.platform.errors import UserError
from opcms_desktop.services.receivables import reports
from opcms_desktop.services.receivables.receipt_export import export_receipts_xlsx
from opcms_desktop.services.receivables.receipts import ReceiptInput, record_receipt
from opcms_desktop.services.receivables.report_xlsx import export_report_xlsx
from opcms_desktop.services.security import export_approval as ea
from opcms_desktop.services.security.audit_view import export_xlsx as export_audit_xlsx

SERVICES = Path(__file__).resolve().parents[2] / "opcms_desktop" / "services"
WRITERS = {"write_xlsx", "stamp_workbook", "save_with_transaction"}
# Files written by the services that are not an export of stored records, each with the reason.
NOT_EXPORTS = {
    "customers.error_report.write_error_report": "an import's rejected rows, from the user's own file",
    "customers.export_file.save_with_transaction": "the saving helper the customer exports call after the gate",
    "insight.demo_sheet.generate": "made-up demo data",
    "pricing.template.write_pricing_template": "an empty template",
    "usage.sheet_export.write_usage_template": "an empty template",
}


def _writing_functions() -> dict[str, set[str]]:
    """module.function -> the names it calls, for every service function that writes an .xlsx file."""
    found = {}
    for path in SERVICES.rglob("*.py"):
        if path.name == "xlsx_writer.py":
            continue
        module = ".".join(path.relative_to(SERVICES).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                calls = {
                    c.func.id if isinstance(c.func, ast.Name) else c.func.attr
                    for c in ast.walk(node)
                    if isinstance(c, ast.Call) and isinstance(c.func, ast.Name | ast.Attribute)
                }
                saves = any(
                    isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "save"
                    and isinstance(c.func.value, ast.Name) and c.func.value.id == "workbook"
                    for c in ast.walk(node)
                )
                if calls & WRITERS or saves:
                    found[f"{module}.{node.name}"] = calls
    return found


def test_every_export_that_writes_a_file_passes_the_approval_gate():
    writers = _writing_functions()
    assert "receivables.report_xlsx.export_invoices_xlsx" in writers  # the scan sees the exports
    ungated = sorted(name for name, calls in writers.items() if "clear_export" not in calls and name not in NOT_EXPORTS)
    assert ungated == []
    assert len([n for n in writers if n not in NOT_EXPORTS]) >= 12


@pytest.fixture
def own_customers(make, sales):
    return [make.customer(f"闸门客户{i}", company_id=7400 + i, sales=sales) for i in range(3)]


def test_a_receipts_export_above_the_threshold_waits_then_runs_once(session, make, admin, ops, own_customers, tmp_path):
    for customer in own_customers:
        record_receipt(session, ops, ReceiptInput(customer.id, dt.date(2026, 3, 1), Decimal("100.00")))
    ea.set_export_policy(session, admin, "ops", 2, False)
    with pytest.raises(UserError) as refused:
        export_receipts_xlsx(session, ops, tmp_path / "r.xlsx")
    assert refused.value.code == "access.export_needs_request"
    assert refused.value.params == {"kind": "receipts", "rows": 3, "masked": False, "threshold": 2}
    assert not (tmp_path / "r.xlsx").exists()
    clearance = ea.request_export(session, ops, "receipts", 3)
    with pytest.raises(UserError) as waiting:
        export_receipts_xlsx(session, ops, tmp_path / "r.xlsx")
    assert waiting.value.code == "access.export_needs_approval"
    assert waiting.value.params["request"] == clearance.request_id
    ea.approve_export(session, admin, clearance.request_id)
    assert export_receipts_xlsx(session, ops, tmp_path / "r.xlsx").rows == 3
    with pytest.raises(UserError):
        export_receipts_xlsx(session, ops, tmp_path / "again.xlsx")  # one approval, one export


def test_masked_contacts_need_approval_whatever_the_row_count(session, make, admin, sales, own_customers, tmp_path):
    add_contact(session, admin, own_customers[0].id, ContactInput(name="张三", mobile="13812345678"))
    ea.set_export_policy(session, admin, "sales", None, False)
    assert export_contacts_xlsx(session, sales, tmp_path / "free.xlsx").masked  # the flag off: no approval
    ea.set_export_policy(session, admin, "sales", None, True)
    with pytest.raises(UserError) as refused:
        export_contacts_xlsx(session, sales, tmp_path / "c.xlsx")
    assert refused.value.code == "access.export_masked_needs_request"
    assert refused.value.params == {"kind": "contacts", "rows": 1, "masked": True, "threshold": "-"}
    manager = make.actor("闸门经理", "manager")  # sees contacts in full: nothing masked, nothing to approve
    assert not export_contacts_xlsx(session, manager, tmp_path / "m.xlsx").masked
    plain = ea.request_export(session, sales, "contacts", 1, masked=False)
    assert not plain.needed  # a plain request never covers masked fields: it is not even needed
    masked = ea.request_export(session, sales, "contacts", 1, masked=True)
    with pytest.raises(UserError) as waiting:
        export_contacts_xlsx(session, sales, tmp_path / "c.xlsx")
    assert waiting.value.code == "access.export_masked_needs_approval"
    assert waiting.value.params["request"] == masked.request_id
    ea.approve_export(session, manager, masked.request_id)
    assert export_contacts_xlsx(session, sales, tmp_path / "c.xlsx").rows == 1
    exports = session.scalars(
        select(AccessEntry.entity).where(AccessEntry.action == "export").order_by(AccessEntry.id)
    ).all()
    assert exports == ["contacts", "contacts", "contacts"]


def test_report_and_audit_exports_pass_the_gate(session, admin, sales, own_customers, tmp_path):
    ea.set_export_policy(session, admin, "sales", 0, False)
    aging = reports.ar_aging(session, sales, dt.date(2026, 2, 28))
    with pytest.raises(UserError) as refused:
        export_report_xlsx(session, sales, aging, tmp_path / "aging.xlsx")
    assert refused.value.params["kind"] == "report" and refused.value.params["rows"] >= 1
    ea.set_export_policy(session, admin, "admin", 0, False)
    with pytest.raises(UserError) as audit_refused:
        export_audit_xlsx(session, admin, None, tmp_path / "audit.xlsx")
    assert audit_refused.value.params["kind"] == "audit" and not (tmp_path / "audit.xlsx").exists()


def test_count_export_rows_knows_the_unfiltered_kinds(session, sales, other_sales, make, own_customers):
    make.customer("别人的客户", company_id=7499, sales=other_sales)
    assert ea.count_export_rows(session, sales, "customers") == 3
    assert ea.count_export_rows(session, sales, "invoices") == 0
    with pytest.raises(UserError) as unknown:
        ea.count_export_rows(session, sales, "dashboard")
    assert unknown.value.code == "access.unknown_export_kind"


def test_the_bill_run_preview_export_passes_the_gate(session, make, admin, ops, tmp_path):
    from opcms_desktop.services.billing.preview_xlsx import export_bill_run_preview
    from opcms_desktop.services.billing.run import preview_bill_run

    from .billing_builders import add_orders, add_plan

    for n in range(2):
        customer = make.customer(f"预览客户{n}", company_id=7450 + n, billing_enabled="yes")
        add_plan(session, customer, single_price="12.5")
        add_orders(session, customer, dt.date(2026, 1, 5), 3)
    rows = len(preview_bill_run(session, ops, "2026-01").customers)
    assert rows == 2
    ea.set_export_policy(session, admin, "ops", 0, False)
    with pytest.raises(UserError) as refused:
        export_bill_run_preview(session, ops, "2026-01", tmp_path / "preview.xlsx")
    assert refused.value.params == {"kind": "bill_preview", "rows": rows, "masked": False, "threshold": 0}
    assert not (tmp_path / "preview.xlsx").exists()
    ea.approve_export(session, admin, ea.request_export(session, ops, "bill_preview", rows).request_id)
    assert export_bill_run_preview(session, ops, "2026-01", tmp_path / "preview.xlsx") == rows
    recorded = session.scalars(select(AccessEntry.entity).where(AccessEntry.action == "export")).all()
    assert recorded == ["bill_preview"]
