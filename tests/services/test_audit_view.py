import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select, text

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, UserError
from opcms_desktop.services.security import audit_view
from opcms_desktop.services.security.audit_view import AuditFilter


@pytest.fixture
def trail(session, admin, ops):
    audit.record(session, admin, "update", "customer", 7, {"name": ["旧", "新"]}, summary="renamed 7")
    audit.record(session, ops, "create", "invoice", 11, {"total": [None, "10.00"]})
    audit.record(session, ops, "event", "import", None, {"rows": 3}, summary="customers 50%_done")
    audit.record(session, admin, "update", "customer", 8, {"grade": ["A", "B"]})
    return admin


def _ids(page):
    return [(r.username, r.entity, r.entity_id) for r in page.rows]


def test_filters_by_user_entity_id_action_and_text(session, trail):
    admin = trail
    assert _ids(audit_view.list_entries(session, admin, AuditFilter(username="ops1"))) == [
        ("ops1", "import", None), ("ops1", "invoice", "11")]
    assert _ids(audit_view.list_entries(session, admin, AuditFilter(entity="customer", entity_id="8"))) == [
        ("admin1", "customer", "8")]
    assert _ids(audit_view.list_entries(session, admin, AuditFilter(action="event"))) == [("ops1", "import", None)]
    # LIKE wildcards in the search text are literal
    assert _ids(audit_view.list_entries(session, admin, AuditFilter(text="50%_d"))) == [("ops1", "import", None)]
    assert audit_view.list_entries(session, admin, AuditFilter(text="5%x")).total == 0


def test_pages_newest_first_with_the_total(session, trail):
    first = audit_view.list_entries(session, trail, AuditFilter(username="admin1"), limit=1)
    second = audit_view.list_entries(session, trail, AuditFilter(username="admin1"), offset=1, limit=1)
    assert first.total == second.total == 2
    assert (first.rows[0].entity_id, second.rows[0].entity_id) == ("8", "7")
    assert first.rows[0].at.tzinfo is not None


def test_time_range_uses_local_days(session, trail):
    today = dt.date.today()
    assert audit_view.list_entries(session, trail, AuditFilter(username="ops1", since=today, until=today)).total == 2
    yesterday = today - dt.timedelta(days=1)
    assert audit_view.list_entries(session, trail, AuditFilter(username="ops1", until=yesterday)).total == 0
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    assert audit_view.list_entries(session, trail, AuditFilter(username="ops1", since=soon)).total == 0


def test_choices_offer_the_values_present(session, trail):
    choices = audit_view.filter_choices(session, trail)
    assert {"admin1", "ops1"} <= set(choices.usernames) and {"customer", "invoice"} <= set(choices.entities)


def test_ops_and_sales_may_not_view_or_export(session, trail, ops, sales, tmp_path):
    for actor in (ops, sales):
        with pytest.raises(PermissionDenied) as view:
            audit_view.list_entries(session, actor)
        assert (view.value.code, view.value.params["permission"]) == ("error.permission_missing", "audit.view")
        with pytest.raises(PermissionDenied) as export:
            audit_view.export_xlsx(session, actor, None, tmp_path / "a.xlsx")
        assert export.value.params["permission"] == "audit.export" and export.value.params["label"] == "审计日志 · 导出"
        with pytest.raises(PermissionDenied):
            audit_view.verify(session, actor)


def test_export_writes_real_cells_and_is_itself_audited(session, trail, tmp_path):
    target = tmp_path / "out" / "audit.xlsx"
    target.parent.mkdir()  # an export never creates folders (issue 11)
    seen = []
    rows = audit_view.export_xlsx(session, trail, AuditFilter(entity="customer"), target,
                                  progress=lambda done, total, label: seen.append((done, total)))
    assert rows == 2 and seen[-1] == (2, 2)
    sheet = openpyxl.load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("ID", "时间", "用户") and len(values) == 3
    assert isinstance(values[1][1], dt.datetime) and values[1][2] == "admin1" and values[1][5] == "7"
    assert '"name": ["旧", "新"]' in values[1][6]
    event = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (event.action, event.entity, event.changes["rows"], event.changes["filter"]) == (
        "event", "export", 2, {"entity": "customer"})


def test_export_cancelled_or_to_a_wrong_name_writes_nothing(session, trail, tmp_path):
    with pytest.raises(Cancelled) as cancelled:
        audit_view.export_xlsx(session, trail, None, tmp_path / "a.xlsx", cancel=lambda: True)
    assert cancelled.value.code == "audit.export_cancelled"
    with pytest.raises(UserError) as wrong_name:
        audit_view.export_xlsx(session, trail, None, tmp_path / "a.csv")
    assert (wrong_name.value.code, wrong_name.value.params) == ("xlsx.not_xlsx", {"file": "a.csv"})
    assert list(tmp_path.iterdir()) == []


def test_verify_reports_the_row_edited_behind_the_applications_back(session, trail):
    assert audit_view.verify(session, trail).ok
    victim = session.scalars(select(AuditEntry.id).where(AuditEntry.entity == "invoice")).one()
    session.execute(text("UPDATE audit_log SET changes = NULL WHERE id = :id"), {"id": victim})
    session.expire_all()
    report = audit_view.verify(session, trail)
    assert not report.ok and report.broken_id == victim and report.reason == "audit.chain_edited"
