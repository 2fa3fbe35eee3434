from sqlalchemy import select, text

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.audit import trail as audit


def test_chain_verifies_and_detects_an_edited_row(session, admin):
    for i in range(5):
        audit.record(session, admin, "update", "customer", i, {"name": [f"a{i}", f"b{i}"]})
    assert audit.verify_chain(session).ok
    victim = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[2]
    session.execute(text("UPDATE audit_log SET summary = 'tampered' WHERE id = :id"), {"id": victim.id})
    session.expire_all()
    report = audit.verify_chain(session)
    assert not report.ok and report.broken_id == victim.id


def test_chain_detects_a_deleted_row(session, admin):
    for i in range(3):
        audit.record(session, admin, "event", "import", None, {"rows": i})
    ids = session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
    session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[-2]})
    session.expire_all()
    report = audit.verify_chain(session)
    assert not report.ok and report.broken_id == ids[-1]


def test_diff_lists_only_changed_fields():
    from decimal import Decimal

    assert audit.diff({"a": 1, "b": Decimal("1.50")}, {"a": 1, "b": Decimal("2.00")}) == {"b": ["1.50", "2.00"]}
