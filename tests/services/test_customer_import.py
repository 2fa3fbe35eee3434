"""The customer import on the real sheet and on small sheets: counts, idempotence, plans, owners, audit."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, Customer, CustomerOwner, DictionaryEntry, PricePlan
from opcms_desktop.services.audit.trail import verify_chain
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, ValidationError
from opcms_desktop.services.platform.messages import render
from opcms_desktop.services.security.scope import visible_customers

from .customer_sheet_builders import HEADERS, REAL_SHEET, customer_row, write_sheet

JAN, MAR = dt.date(2026, 1, 1), dt.date(2026, 3, 1)
needs_real_sheet = pytest.mark.skipif(not REAL_SHEET.exists(), reason="the real customer sheet is not here")


def counts(session):
    return {model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Customer, CustomerOwner, PricePlan, AuditEntry, DictionaryEntry)}


def plan_of(session, company_id):
    return session.execute(select(PricePlan).join(Customer, Customer.id == PricePlan.customer_id)
                           .where(Customer.company_id == company_id)
                           .order_by(PricePlan.effective_from)).scalars().all()


def expected_priced_rows():
    """Rows whose 单层定价 or 多层定价 holds a price, judged independently of the importer."""
    rows = CalamineWorkbook.from_path(str(REAL_SHEET)).get_sheet_by_index(0).to_python()[1:]
    seen, priced = set(), 0
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        single, multi = row[14], row[15]
        if (isinstance(single, float) and single > 0) or (isinstance(single, str) and ("套餐" in single or "m²" in single)) \
                or (isinstance(multi, float) and multi > 0) or (isinstance(multi, str) and "F" in multi):
            priced += 1
    return priced


@needs_real_sheet
def test_the_real_sheet(session, admin):
    result = import_customers(session, admin, REAL_SHEET, plan_start=JAN)
    assert (result.rows, result.inserted, result.updated, result.unchanged, result.rejected) == (1320, 1319, 0, 0, 1)
    errors = [i for i in result.issues if i.level == "error"]
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column, errors[0].value) == (647, "公司id", "814")
    assert errors[0].code == "customers.import.duplicate_id"
    assert dict(errors[0].params) == {"column": "公司id", "company_id": 814, "first_row": 646, "row": 647}
    [later] = [i for i in result.issues if i.row == 646 and i.code == "customers.import.duplicate_id_later"]
    assert later.params["row"] == 647 and later.level == "warning"
    assert session.scalar(select(func.count(func.distinct(Customer.company_id)))) == 1319
    assert session.scalar(select(Customer.name).where(Customer.company_id == 814)) == "北京汇鑫地产"
    assert result.warnings == len({i.row for i in result.issues if i.level == "warning" and i.row})

    plans = session.scalars(select(PricePlan)).all()
    assert len(plans) == result.plans_created == expected_priced_rows()
    assert {(p.source, p.series, p.effective_from, p.effective_to) for p in plans} == {("customer_import", "ALL", JAN, None)}
    nine = session.scalar(select(Customer).where(Customer.company_id == 9))
    assert (nine.name, nine.account_type, nine.billing_enabled, nine.disabled) == ("365淘房", "formal", "yes", False)
    assert (nine.single_price_raw, nine.multi_price_raw, nine.consumption_tier) == ("25", "0", "C6")
    assert nine.avg_monthly_shoots == Decimal("8.00") and nine.name_initials == "365tf"
    [plan] = plan_of(session, 9)
    assert (plan.mode, plan.single_price, plan.multi_price) == ("per_shoot", Decimal("25"), None)
    modes = {p.mode for p in plans}
    assert modes == {"per_shoot", "area", "annual_package"}
    assert {p.annual_fee for p in plans if p.mode == "annual_package"} == {Decimal("9980"), Decimal("5980"), Decimal("4980"), Decimal("7000")}
    assert {p.area_rate for p in plans if p.mode == "area"} == {Decimal("1")}
    assert {(p.multi_base, p.multi_step) for p in plans if p.multi_base is not None} == \
        {(Decimal("14"), Decimal("10")), (Decimal("6"), Decimal("6"))}

    ops_two = session.scalars(select(CustomerOwner.raw_name).join(Customer, Customer.id == CustomerOwner.customer_id)
                              .where(CustomerOwner.kind == "ops", Customer.ops_owner_raw.like("%\n%"))).all()
    assert sorted(ops_two) == ["张随军", "郭富乾"]
    pending = session.scalar(select(Customer).where(Customer.coop_status_raw == "待确认  @李伟光").limit(1))
    assert (pending.coop_status, pending.coop_note) == ("pending", "李伟光")
    assert [o.name for o in result.unresolved_owners].count("刘冀") == 1
    assert verify_chain(session).ok


@needs_real_sheet
def test_a_second_import_is_unchanged_and_writes_nothing(session, admin):
    first = import_customers(session, admin, REAL_SHEET, plan_start=JAN)
    before = counts(session)
    again = import_customers(session, admin, REAL_SHEET, plan_start=JAN)
    assert (again.rows, again.inserted, again.updated, again.unchanged, again.rejected) == (1320, 0, 0, 1319, 1)
    assert counts(session) == before
    assert first.inserted == 1319 and not again.dictionary_entries_created


@needs_real_sheet
def test_a_dry_run_reports_the_same_and_writes_nothing(session, admin):
    before = counts(session)
    dry = import_customers(session, admin, REAL_SHEET, plan_start=JAN, dry_run=True)
    assert counts(session) == before
    real = import_customers(session, admin, REAL_SHEET, plan_start=JAN)
    assert (dry.rows, dry.inserted, dry.rejected, dry.warnings, dry.plans_created) == \
        (real.rows, real.inserted, real.rejected, real.warnings, real.plans_created)
    assert [i.to_json() for i in dry.issues] == [i.to_json() for i in real.issues]


@needs_real_sheet
def test_owners_map_to_users_with_those_names(session, admin, make):
    liu = make.actor("liuji", "sales", "刘冀")
    make.user("guofq", "ops", "郭富乾")
    result = import_customers(session, admin, REAL_SHEET, plan_start=JAN)
    names = [o.name for o in result.unresolved_owners]
    assert "刘冀" not in names and "郭富乾" not in names and "谢海龙" in names and "易遨" in names
    assert len(names) == len(set(names))
    own = session.scalars(select(Customer.company_id).where(visible_customers(liu))).all()
    assert len(own) == 21
    linked = session.scalars(select(CustomerOwner.user_id).where(CustomerOwner.raw_name == "郭富乾")).all()
    assert len(linked) == 13 and len(set(linked)) == 1 and linked[0] is not None


def test_only_importers_may_import(session, sales, ops, tmp_path):
    path = write_sheet(tmp_path / "c.xlsx", HEADERS, [customer_row(5.0, "甲")])
    with pytest.raises(PermissionDenied) as refused:
        import_customers(session, sales, path)
    assert (refused.value.code, refused.value.params["permission"]) == ("error.permission_missing", "customers.import")
    scoped_importer = dataclasses.replace(sales, permissions=sales.permissions | {"customers.import"})
    with pytest.raises(PermissionDenied) as scoped:
        import_customers(session, scoped_importer, path)
    assert scoped.value.code == "customers.import.own_customers_only"
    assert scoped.value.params == {"user": sales.username, "role": sales.role}
    assert import_customers(session, ops, path, dry_run=True).inserted == 1


def test_cancel_and_progress(session, admin, tmp_path):
    path = write_sheet(tmp_path / "c.xlsx", HEADERS, [customer_row(float(i), f"客户{i}") for i in range(1, 50)])
    seen = []
    import_customers(session, admin, path, dry_run=True, progress=lambda d, t, label: seen.append(label))
    assert render("customers.progress.checking") in seen and seen[-1] == render("customers.progress.done")
    assert seen[-1] == "Done"  # services and their tests speak English (tests/conftest.py)
    with pytest.raises(Cancelled):
        import_customers(session, admin, path, cancel=lambda: True)
    assert session.scalar(select(func.count()).select_from(Customer)) == 0


def test_files_that_cannot_be_imported(session, admin, tmp_path):
    no_name = write_sheet(tmp_path / "a.xlsx", ["公司id", "账号类型"], [[1.0, "正式"]])
    with pytest.raises(ValidationError) as missing_column:
        import_customers(session, admin, no_name)
    assert missing_column.value.code == "customers.import.required_missing"
    assert missing_column.value.params["columns"] == ["公司名称"] and "公司名称" in str(missing_column.value)
    text = tmp_path / "b.xlsx"
    text.write_text("公司id,公司名称\n1,x\n", encoding="utf-8")
    with pytest.raises(ValidationError) as unreadable:
        import_customers(session, admin, text)
    assert unreadable.value.code == "customers.import.unreadable" and unreadable.value.params["file"] == "b.xlsx"
    with pytest.raises(ValidationError) as absent:
        import_customers(session, admin, tmp_path / "missing.xlsx")
    assert absent.value.code == "customers.import.no_such_file"
    assert [p.code for p in absent.value.problems] == ["customers.import.file_missing"]
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as empty_file:
        import_customers(session, admin, empty)
    assert empty_file.value.code == "customers.import.unreadable"
    header_only = write_sheet(tmp_path / "header.xlsx", HEADERS, [])
    assert import_customers(session, admin, header_only).rows == 0
    assert counts(session)["Customer"] == 0


def test_changes_update_fields_end_plans_and_are_audited(session, admin, tmp_path):
    v1 = write_sheet(tmp_path / "v1.xlsx", HEADERS, [
        customer_row(1.0, "甲地产", 单层定价=10.0, 多层定价=15.0, 备注="老备注"),
        customer_row(2.0, "乙地产", 单层定价=8.0, 多层定价=0.0),
        customer_row(3.0, "丙地产"),
    ])
    import_customers(session, admin, v1, plan_start=JAN)
    v2 = write_sheet(tmp_path / "v2.xlsx", HEADERS, [
        customer_row(1.0, "甲地产", 单层定价=12.0, 多层定价=15.0, 备注="老备注"),
        customer_row(2.0, "乙地产（新）", 单层定价=8.0, 多层定价=0.0),
        customer_row(3.0, "丙地产"),
    ])
    result = import_customers(session, admin, v2, plan_start=MAR)
    assert (result.inserted, result.updated, result.unchanged) == (0, 2, 1)
    fields = {o.company_id: o.fields for o in result.outcomes}
    assert fields == {1: ("价格方案", "单层定价"), 2: ("公司名称",), 3: ()}
    old, new = plan_of(session, 1)
    assert (old.single_price, old.effective_from, old.effective_to) == (Decimal("10"), JAN, dt.date(2026, 2, 28))
    assert (new.single_price, new.multi_price, new.effective_from, new.effective_to) == \
        (Decimal("12"), Decimal("15"), MAR, None)
    two = session.scalar(select(Customer).where(Customer.company_id == 2))
    assert two.name == "乙地产（新）" and two.version == 2 and two.name_initials == "ydcx"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "customer", AuditEntry.action == "update",
                                                    AuditEntry.entity_id == str(two.id)))
    assert entry.changes == {"name": ["乙地产", "乙地产（新）"]}
    assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "event")) == 2

    v3 = write_sheet(tmp_path / "v3.xlsx", HEADERS, [customer_row(1.0, "甲地产", 单层定价=13.0, 多层定价=15.0, 备注="老备注")])
    result = import_customers(session, admin, v3, plan_start=MAR)
    assert (result.updated, result.plans_updated, result.plans_created) == (1, 1, 0)
    assert [(p.single_price, p.effective_from) for p in plan_of(session, 1)] == [(Decimal("10"), JAN), (Decimal("13"), MAR)]

    result = import_customers(session, admin, v1, plan_start=JAN)  # a start before the newest plan
    assert result.outcomes[0].fields == ("单层定价",)  # the raw cell follows the sheet; the plan does not
    [later] = [i for i in result.issues if i.row == 2 and i.code == "customers.import.plan_later"]
    assert dict(later.params) == {"plan_from": "2026-03-01", "plan_start": "2026-01-01"}
    assert len(plan_of(session, 1)) == 2
    assert verify_chain(session).ok


def test_plans_made_elsewhere_are_left_alone(session, admin, make, tmp_path):
    customer = make.customer("自有方案", company_id=77)
    session.add(PricePlan(customer_id=customer.id, series="X", mode="per_shoot", effective_from=JAN,
                          single_price=Decimal("9"), source="editor"))
    session.flush()
    path = write_sheet(tmp_path / "c.xlsx", HEADERS, [customer_row(77.0, "自有方案", 单层定价=25.0)])
    result = import_customers(session, admin, path, plan_start=JAN)
    assert [p.source for p in plan_of(session, 77)] == ["editor"]
    assert [i.code for i in result.issues] == ["customers.import.prices_elsewhere"]


def test_a_sheet_with_fewer_columns_changes_only_those(session, admin, tmp_path):
    full = write_sheet(tmp_path / "full.xlsx", HEADERS, [customer_row(1.0, "甲", 账号类型="正式", 销售负责人="刘冀",
                                                                       单层定价=10.0, 备注="旧")])
    import_customers(session, admin, full, plan_start=JAN)
    notes = write_sheet(tmp_path / "notes.xlsx", ["公司名称", "备注", "公司id"], [["甲", "新", 1.0]])
    result = import_customers(session, admin, notes, plan_start=MAR)
    assert result.outcomes[0].fields == ("备注",)
    customer = session.scalar(select(Customer).where(Customer.company_id == 1))
    assert (customer.notes, customer.account_type, customer.sales_owner_raw) == ("新", "formal", "刘冀")
    assert len(plan_of(session, 1)) == 1
    assert session.scalar(select(func.count()).select_from(CustomerOwner)) == 1


def test_unknown_dictionary_labels_become_entries(session, admin, tmp_path):
    path = write_sheet(tmp_path / "c.xlsx", HEADERS, [customer_row(1.0, "甲", 行业类型="新能源", 所属ERP="易遨", 合作状态="客户试用"),
                                                     customer_row(2.0, "乙", 行业类型="无", 合作状态="正常使用")])
    result = import_customers(session, admin, path)
    assert set(result.dictionary_entries_created) == {("industry", "新能源"), ("coop_status", "客户试用")}
    assert {(i.row, i.column, i.code) for i in result.issues} == {
        (2, "行业类型", "customers.import.dictionary_added"), (2, "合作状态", "customers.import.status_added")}
    one, two = session.scalars(select(Customer).order_by(Customer.company_id)).all()
    label = session.scalar(select(DictionaryEntry.label).where(DictionaryEntry.id == one.industry_id))
    assert label == "新能源" and one.erp_id is not None and one.coop_status is None
    assert (two.industry_id, two.coop_status) == (None, "active")
    audited = session.scalars(select(AuditEntry.changes).where(AuditEntry.entity == "dictionary_entry")).all()
    assert sorted(c["label"][1] for c in audited) == ["客户试用", "新能源"]
    again = import_customers(session, admin, path)
    assert again.unchanged == 2 and not again.dictionary_entries_created
