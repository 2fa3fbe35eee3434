import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.platform.errors import UserError, ValidationError
from opcms_desktop.services.security import users


def test_admin_creates_user_who_must_change_password(session, admin):
    row = users.create_user(session, admin, "Wang.Wei", "Good-password-9", "sales", "王伟")
    assert (row.username, row.role, row.display_name, row.must_change_password) == ("wang.wei", "sales", "王伟", True)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "user")).all()[-1]
    assert entry.action == "create" and entry.changes["role"] == [None, "sales"] and entry.username == "admin1"


def test_duplicate_and_bad_usernames_are_refused(session, admin):
    users.create_user(session, admin, "li", "Good-password-9", "ops")
    with pytest.raises(ValidationError) as taken:
        users.create_user(session, admin, "LI", "Good-password-9", "ops")
    assert taken.value.code == "users.exists"
    assert [(p.code, p.field, p.params) for p in taken.value.problems] == [
        ("users.name_taken", "username", {"username": "li"})]
    with pytest.raises(ValidationError) as bad_name:
        users.create_user(session, admin, "李伟", "Good-password-9", "ops")
    assert bad_name.value.code == "users.invalid_name"
    assert [p.code for p in bad_name.value.problems] == ["users.name_chars"]
    with pytest.raises(ValidationError) as bad_role:
        users.create_user(session, admin, "zhao", "Good-password-9", "boss")
    assert bad_role.value.code == "users.unknown_role"
    choices = bad_role.value.problems[0]
    assert choices.code == "users.role_choices" and {"admin", "ops", "sales"} <= set(choices.params["roles"])
    assert "ops" in str(bad_role.value)  # the rendered text lists the roles


def test_change_role_reset_password_disable(session, admin):
    users.create_user(session, admin, "zhou", "Good-password-9", "sales")
    assert users.change_role(session, admin, "zhou", "ops").role == "ops"
    assert users.reset_password(session, admin, "zhou", "Fresh-password-7").must_change_password
    assert users.set_active(session, admin, "zhou", False).active is False
    changes = [e.changes for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "user"))]
    assert {"role": ["sales", "ops"]} in changes and {"active": [True, False]} in changes


def test_the_last_admin_cannot_be_disabled_or_demoted(session, admin):
    users.create_user(session, admin, "helper", "Good-password-9", "admin")
    users.set_active(session, admin, "helper", False)
    with pytest.raises(UserError) as own:
        users.set_active(session, admin, "admin1", False)
    assert own.value.code == "users.cannot_disable_self"
    with pytest.raises(UserError) as last:
        users.change_role(session, admin, "admin1", "ops")
    assert (last.value.code, last.value.params) == ("users.last_admin", {"username": "admin1"})
    assert "admin1" in last.value.text("en") and "admin1" in last.value.text("zh_CN")


def test_first_admin_only_without_actor_when_no_user_exists(session, admin):
    with pytest.raises(UserError) as caught:
        users.create_user(session, None, "sneaky", "Good-password-9", "admin")
    assert caught.value.code == "users.first_admin_exists"
