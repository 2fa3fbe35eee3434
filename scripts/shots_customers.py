"""Screenshots of the customer screens, with the real customer sheet imported as demo data.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py customers-list customers-detail \
        import-preview import-owners import-summary customers-owners customers-dictionaries
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot

from opcms_desktop.services import customers
from opcms_desktop.services.customers import saved_filters
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.db import session_scope

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    # Run as scripts/screenshots.py: that module is __main__, and `screenshots` is a second copy whose
    # registry nobody reads; register with the one that runs.
    shot = sys.modules["__main__"].shot  # noqa: F811

SHEET = Path("/work/shared/data/customers-2025-12.xlsx")
if not SHEET.exists():
    SHEET = Path(__file__).resolve().parents[2] / "shared" / "data" / "customers-2025-12.xlsx"


def seeded(studio: Studio) -> Studio:
    """Import the real sheet once, then a few edits so lists, filters and history have something to show."""
    if getattr(studio, "customers_seeded", False):
        return studio
    with session_scope(studio.factory) as s:
        import_customers(s, studio.actor, SHEET)
    with session_scope(studio.factory) as s:
        detail = customers.get_customer(s, studio.actor, company_id_to_id(studio, 5))
        options = customers.filter_options(s, studio.actor)
        sales = next(o.value for o in options.sales_owners if o.label == "刘冀")
        customers.update_customer(s, studio.actor, detail.id, {"grade": "A", "consumption_tier": "C2",
                                                               "sales_owner_ids": [sales]}, detail.version)
    with session_scope(studio.factory) as s:
        detail = customers.get_customer(s, studio.actor, company_id_to_id(studio, 5))
        customers.update_customer(s, studio.actor, detail.id, {"notes": "2026 年续约，改为包年套餐洽谈中"},
                                  detail.version)
        saved_filters.save_customer_filter(s, studio.actor, "刘冀的正式客户",
                                           CustomerQuery(account_types=("formal",), sales_owner_ids=(sales,)))
        saved_filters.save_customer_filter(s, studio.actor, "已停用", CustomerQuery(disabled=True))
    studio.customers_seeded = True
    return studio


def company_id_to_id(studio: Studio, company_id: int) -> int:
    with session_scope(studio.factory) as s:
        page = customers.list_customers(s, studio.actor, CustomerQuery(search=str(company_id)), 0, 50)
    return next(r.id for r in page.rows if r.company_id == company_id)


def next_month_sheet(studio: Studio) -> Path:
    """The real sheet as it might come back a month later: a few statuses changed, new rows added."""
    target = studio.dir / "customers-2026-01.xlsx"
    if target.exists():
        return target
    workbook = load_workbook(SHEET)
    ws = workbook.worksheets[0]
    headers = [c.value for c in ws[1]]
    status, name, company = headers.index("合作状态") + 1, headers.index("公司名称") + 1, headers.index("公司id") + 1
    for row in (3, 9, 15, 40, 77):
        ws.cell(row, status).value = "近一年未使用"
    ws.cell(21, name).value = f"{ws.cell(21, name).value}（更名）"
    for n, (new_name, owner) in enumerate([("杭州链家找房", "刘冀"), ("贝壳找房苏州分公司", "谢海龙"),
                                            ("麦田房产", "张随军")]):
        ws.append([200001 + n, new_name, "正式", "房产经纪", "", "26年上半年", "", owner, "", "商务阶段", "待确认",
                   "否", "", "定价结算", 25, "14+（F-1）*10", "", 0])
    ws.cell(ws.max_row, company).value = 200003
    workbook.save(target)
    return target


@shot("customers-list")
def customers_list(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    seeded(studio)
    window = MainWindow(studio.ctx)
    window.resize(1280, 760)
    window.open_screen("customers")
    return window


@shot("customers-detail")
def customers_detail(studio: Studio) -> QWidget:
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog

    seeded(studio)
    return CustomerDetailDialog(studio.ctx, company_id_to_id(studio, 5))


@shot("customers-history")
def customers_history(studio: Studio) -> QWidget:
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog

    seeded(studio)
    dialog = CustomerDetailDialog(studio.ctx, company_id_to_id(studio, 5))
    dialog.tabs.setCurrentIndex(1)
    return dialog


def _wizard_at_preview(studio: Studio):
    from opcms_desktop.ui.customers.import_wizard import ImportWizard

    seeded(studio)
    wizard = ImportWizard(studio.ctx, path=str(next_month_sheet(studio)))
    wizard.show()
    wizard.next()
    studio.settle(1500)
    return wizard


@shot("import-preview")
def import_preview(studio: Studio) -> QWidget:
    wizard = _wizard_at_preview(studio)
    wizard.preview_page.show_status("warning")
    return wizard


@shot("import-owners")
def import_owners(studio: Studio) -> QWidget:
    wizard = _wizard_at_preview(studio)
    wizard.next()
    studio.settle(800)
    wizard.owners_page.choose("易遨", None)
    return wizard


@shot("import-summary")
def import_summary(studio: Studio) -> QWidget:
    wizard = _wizard_at_preview(studio)
    wizard.next()
    studio.settle(800)
    wizard.owners_page.choose("易遨", None)
    wizard.next()
    studio.settle(2000)
    return wizard



@shot("customers-owners")
def customers_owners(studio: Studio) -> QWidget:
    from opcms_desktop.ui.customers.owner_mapping import OwnerMappingScreen

    seeded(studio)
    screen = OwnerMappingScreen(studio.ctx)
    screen.resize(900, 560)
    studio.settle(800)
    screen.table.selectRow(0)
    return screen


@shot("customers-dictionaries")
def customers_dictionaries(studio: Studio) -> QWidget:
    from opcms_desktop.ui.customers.dictionary_screen import DictionaryScreen

    seeded(studio)
    screen = DictionaryScreen(studio.ctx)
    screen.resize(900, 560)
    studio.settle(800)
    screen.select_label("正常使用")
    return screen
