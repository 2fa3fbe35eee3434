"""`opcms contact ...`, `opcms followup ...`, `opcms import contacts`: a sales user sees and changes only
their own customers' contacts and follow-ups, with phone numbers and e-mails masked (the sales role has no
contacts.view_sensitive); ops see them in full."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, Customer, CustomerOwner, User
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

PASSWORD = "Sales-pass-2026"
MINE, THEIRS = 7101, 7202


@pytest.fixture
def two_sales(initialised_cli):
    """sales1 owns 公司id 7101, sales2 owns 7202; ops1 sees both."""
    cli = initialised_cli
    for name, role in (("sales1", "sales"), ("sales2", "sales"), ("ops1", "ops")):
        code, _, err = cli.as_admin("user", "add", name, "--role", role, env={"OPCMS_NEW_PASSWORD": PASSWORD})
        assert code == 0, err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        users = {u.username: u.id for u in session.scalars(select(User))}
        for company, owner, name in ((MINE, "sales1", "本方客户"), (THEIRS, "sales2", "外方客户")):
            customer = Customer(company_id=company, name=name, name_initials="", name_pinyin="", payment_terms_days=30)
            session.add(customer)
            session.flush()
            session.add(CustomerOwner(customer_id=customer.id, kind="sales", user_id=users[owner], raw_name=owner))
    engine.dispose()
    return cli


def _as(cli, user, *args):
    return cli(*args, user=user, password=PASSWORD)


def test_contact_add_and_list_masks_for_sales_only(two_sales):
    cli = two_sales
    code, data, err = _as(cli, "sales1", "contact", "add", "--company-id", str(MINE), "--name", "张三",
                          "--mobile", "13812345678", "--email", "zhang.san@example.com", "--primary", "--json")
    assert code == 0, err
    assert data["company_id"] == MINE and data["primary"] is True
    assert (data["mobile"], data["email"]) == ("138****5678", "z***@example.com")
    code, data, err = _as(cli, "sales1", "contact", "list", "--json")
    assert code == 0, err
    assert isinstance(data, list) and len(data) == 1
    row = data[0]
    assert {k: row[k] for k in ("company_id", "name", "mobile", "email", "primary")} == {
        "company_id": MINE, "name": "张三", "mobile": "138****5678", "email": "z***@example.com", "primary": True}
    assert {"id", "title", "phone", "wechat", "active"} <= set(row)
    code, data, err = _as(cli, "ops1", "contact", "list", "--company-id", str(MINE), "--json")
    assert code == 0, err
    assert (data[0]["mobile"], data[0]["email"]) == ("13812345678", "zhang.san@example.com")
    code, data, err = cli.as_admin("contact", "list", "--json")
    assert code == 0 and data[0]["mobile"] == "13812345678", err


def test_sales_cannot_touch_another_salespersons_contacts(two_sales):
    cli = two_sales
    code, data, err = _as(cli, "sales2", "contact", "add", "--company-id", str(THEIRS), "--name", "外方联系人",
                          "--mobile", "13900001111", "--json")
    assert code == 0, err
    theirs = data["id"]
    code, data, err = _as(cli, "sales1", "contact", "add", "--company-id", str(THEIRS), "--name", "x", "--json")
    assert code == 2 and data["error"]["code"] == "scope.no_customer"
    code, data, _ = _as(cli, "sales1", "contact", "list", "--json")
    assert code == 0 and data == []
    code, data, _ = _as(cli, "sales1", "contact", "list", "--company-id", str(THEIRS), "--json")
    assert code == 0 and data == []
    for args in (("contact", "deactivate", str(theirs)), ("contact", "edit", str(theirs), "--name", "改")):
        code, data, _ = _as(cli, "sales1", *args, "--json")
        assert code == 2 and data["error"]["code"] == "followup.contact.not_found"
    code, data, _ = _as(cli, "sales2", "contact", "list", "--json")
    assert [c["name"] for c in data] == ["外方联系人"] and data[0]["active"] is True


def test_reveal_needs_the_permission_and_is_audited(two_sales):
    cli = two_sales
    code, data, err = _as(cli, "sales1", "contact", "add", "--company-id", str(MINE), "--name", "李四",
                          "--mobile", "13812345678", "--json")
    assert code == 0, err
    contact_id = data["id"]
    code, data, _ = _as(cli, "sales1", "contact", "reveal", str(contact_id), "--json")
    assert code == 3 and data["error"]["code"] == "error.permission_missing"
    code, data, err = _as(cli, "ops1", "contact", "reveal", str(contact_id), "--json")
    assert code == 0 and data["mobile"] == "13812345678", err
    engine = create_db_engine(cli.url)
    with session_scope(make_session_factory(engine)) as session:
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "contact", AuditEntry.entity_id == str(contact_id))).all()
    engine.dispose()
    assert actions == ["create", "reveal"]


def test_bad_contact_input_is_a_coded_refusal(two_sales):
    code, data, err = _as(two_sales, "sales1", "contact", "add", "--company-id", str(MINE), "--name", "王五",
                          "--mobile", "12345", "--email", "not-an-email", "--json")
    assert code == 2, err
    assert [p["code"] for p in data["error"]["problems"]] == [
        "followup.contact.bad_mobile", "followup.contact.bad_email"]
    code, data, _ = _as(two_sales, "sales1", "contact", "list", "--json")
    assert data == []


def test_a_new_primary_replaces_the_old_one(two_sales):
    cli = two_sales
    for name in ("甲", "乙"):
        code, _, err = _as(cli, "sales1", "contact", "add", "--company-id", str(MINE), "--name", name, "--primary")
        assert code == 0, err
    code, data, _ = _as(cli, "sales1", "contact", "list", "--json")
    assert {c["name"]: c["primary"] for c in data} == {"甲": False, "乙": True}


def test_followups_add_list_done_scoped(two_sales):
    cli = two_sales
    code, data, err = _as(cli, "sales2", "followup", "add", "--company-id", str(THEIRS), "--due", "2026-06-01",
                          "--content", "外方的跟进", "--json")
    assert code == 0, err
    theirs = data["id"]
    code, data, err = _as(cli, "sales1", "followup", "add", "--company-id", str(MINE), "--due", "2026-06-01",
                          "--method", "visit", "--content", "上门拜访", "--json")
    assert code == 0, err
    mine = data["id"]
    assert (data["company_id"], data["method"], data["done"]) == (MINE, "visit", False)
    code, data, _ = _as(cli, "sales1", "followup", "add", "--company-id", str(THEIRS), "--due", "2026-06-01",
                        "--json")
    assert code == 2 and data["error"]["code"] == "scope.no_customer"
    code, data, _ = _as(cli, "sales1", "followup", "list", "--overdue", "--as-of", "2026-06-02", "--json")
    assert code == 0 and [f["id"] for f in data] == [mine] and data[0]["overdue"] is True
    code, data, _ = _as(cli, "sales1", "followup", "list", "--due", "--as-of", "2026-05-31", "--json")
    assert data == []
    code, data, _ = _as(cli, "sales1", "followup", "done", str(theirs), "--result", "x", "--json")
    assert code == 2 and data["error"]["code"] == "followup.not_found"
    next_due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    code, data, err = _as(cli, "sales1", "followup", "done", str(mine), "--result", "客户同意续约",
                          "--next-due", next_due, "--json")
    assert code == 0, err
    assert data["done"]["done"] is True and data["done"]["result"] == "客户同意续约"
    assert data["next"]["due_on"] == next_due and data["next"]["method"] == "visit"
    code, data, _ = _as(cli, "sales2", "followup", "list", "--json")
    assert [f["content"] for f in data] == ["外方的跟进"]


def test_followup_plan_creates_the_next_one(two_sales):
    cli = two_sales
    first = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    code, data, err = _as(cli, "sales1", "followup", "plan", "--company-id", str(MINE), "--every", "2",
                          "--unit", "week", "--first-due", first, "--json")
    assert code == 0, err
    assert data["plan"]["every"] == 2 and data["first"]["due_on"] == first
    code, data, err = _as(cli, "sales1", "followup", "done", str(data["first"]["id"]), "--result", "ok", "--json")
    assert code == 0, err
    assert data["next"]["due_on"] == (dt.date.today() + dt.timedelta(weeks=2)).isoformat()
    code, data, _ = _as(cli, "sales1", "followup", "plan", "--company-id", str(THEIRS), "--every", "1", "--json")
    assert code == 2


def test_today_and_snooze(two_sales):
    cli = two_sales
    code, data, err = _as(cli, "sales1", "followup", "add", "--company-id", str(MINE), "--due", "2026-06-01",
                          "--content", "打电话", "--json")
    assert code == 0, err
    followup_id = data["id"]
    code, data, err = _as(cli, "sales1", "followup", "today", "--as-of", "2026-06-03", "--json")
    assert code == 0, err
    assert [(i["kind"], i["id"], i["overdue"]) for i in data["items"]] == [("followup", followup_id, True)]
    code, data, err = _as(cli, "sales1", "followup", "snooze", "followup", str(followup_id), "--days", "7",
                          "--as-of", "2026-06-03", "--json")
    assert code == 0 and data["until"] == "2026-06-10", err
    code, data, _ = _as(cli, "sales1", "followup", "today", "--as-of", "2026-06-09", "--json")
    assert data["items"] == [] and data["snoozed"] == 1
    code, data, _ = _as(cli, "sales1", "followup", "today", "--as-of", "2026-06-10", "--json")
    assert [i["id"] for i in data["items"]] == [followup_id]
    code, data, _ = _as(cli, "sales1", "followup", "snooze", "followup", str(followup_id), "--days", "3", "--json")
    assert code == 2 and data["error"]["code"] == "followup.today.bad_snooze"


def _sheet(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["公司id", "姓名", "职务", "手机", "电话", "邮箱", "微信", "首选渠道", "备注", "主联系人"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_import_contacts_all_or_nothing(two_sales, tmp_path):
    cli = two_sales
    bad = _sheet(tmp_path / "bad.xlsx", [
        [MINE, "张三", "经理", 13812345678, None, "a@b.cn", None, "微信", None, "是"],
        [THEIRS, "外方", None, None, None, None, None, None, None, None],
        [MINE, "李四", None, "12345", None, None, None, "飞鸽", None, "也许"],
    ])
    code, data, err = _as(cli, "sales1", "import", "contacts", bad, "--json")
    assert code == 2, err
    assert data["inserted"] == 0 and data["rejected"] == 2
    assert {(e["row"], e["column"], e["code"]) for e in data["errors"]} == {
        (3, "公司id", "followup.import.unknown_company"), (4, "手机", "followup.contact.bad_mobile"),
        (4, "首选渠道", "followup.import.bad_channel"), (4, "主联系人", "followup.import.bad_primary")}
    code, data, _ = _as(cli, "sales1", "contact", "list", "--json")
    assert data == []
    good = _sheet(tmp_path / "good.xlsx", [
        [MINE, "张三", "经理", 13812345678, None, "a@b.cn", None, "微信", None, "是"],
        [MINE, "李四", None, None, "010-88886666", None, "lisi_wx", None, "财务", None],
    ])
    code, data, err = _as(cli, "sales1", "import", "contacts", good, "--dry-run", "--json")
    assert code == 0 and data["inserted"] == 2 and data["dry_run"] is True, err
    code, data, _ = _as(cli, "sales1", "contact", "list", "--json")
    assert data == []
    code, data, err = _as(cli, "sales1", "import", "contacts", good, "--json")
    assert code == 0 and data["inserted"] == 2, err
    code, data, _ = _as(cli, "ops1", "contact", "list", "--json")
    assert [(c["name"], c["mobile"], c["primary"], c["preferred_channel"]) for c in data] == [
        ("张三", "13812345678", True, "wechat"), ("李四", None, False, None)]


def test_timeline_lists_followups(two_sales):
    cli = two_sales
    code, _, err = _as(cli, "sales1", "followup", "add", "--company-id", str(MINE), "--due", "2026-06-01",
                       "--content", "第一次")
    assert code == 0, err
    code, data, err = _as(cli, "sales1", "followup", "timeline", "--company-id", str(MINE), "--json")
    assert code == 0, err
    assert [(e["kind"], e["title"], e["state"]) for e in data] == [("followup", "第一次", "open")]
    code, data, _ = _as(cli, "sales1", "followup", "timeline", "--company-id", str(THEIRS), "--json")
    assert code == 2


def test_text_output_speaks_the_chosen_language(two_sales):
    cli = two_sales
    code, text, err = cli("contact", "add", "--company-id", str(MINE), "--name", "张三", "--mobile", "13812345678",
                          "--primary", user="sales1", password=PASSWORD, lang="zh_CN")
    assert code == 0, err
    assert text.startswith("已为 本方客户（公司id 7101）添加联系人")
    code, text, _ = cli("contact", "list", user="sales1", password=PASSWORD, lang="zh_CN")
    assert "共 1 个联系人" in text and "138****5678" in text and "主联系人" in text
    code, text, _ = cli("followup", "plan", "--company-id", str(MINE), "--every", "2", "--unit", "week",
                        user="sales1", password=PASSWORD, lang="zh_CN")
    assert code == 0 and "每 2 周" in text
    code, text, _ = cli("followup", "plan", "--company-id", str(MINE), "--every", "2", user="sales1",
                        password=PASSWORD)
    assert "every 2 week(s)" in text


def test_export_contacts_masks_for_sales(two_sales, tmp_path):
    cli = two_sales
    code, _, err = _as(cli, "sales1", "contact", "add", "--company-id", str(MINE), "--name", "张三",
                       "--mobile", "13812345678", "--email", "zhang.san@example.com", "--primary")
    assert code == 0, err
    _as(cli, "sales2", "contact", "add", "--company-id", str(THEIRS), "--name", "外方联系人")
    for user, mobile, masked in (("sales1", "138****5678", True), ("ops1", "13812345678", False)):
        path = tmp_path / f"{user}.xlsx"
        code, data, err = _as(cli, user, "export", "contacts", str(path), "--json")
        assert code == 0, err
        assert data["masked"] is masked
        rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
        assert rows[0][:7] == ("公司id", "客户名称", "姓名", "职务", "手机", "电话", "邮箱")
        names = [r[2] for r in rows[1:]]
        assert "张三" in names and (("外方联系人" in names) == (user == "ops1"))
        mine = next(r for r in rows[1:] if r[2] == "张三")
        assert mine[4] == mobile and mine[10] == "是"
