import datetime as dt

import pytest
from sqlalchemy.orm import Session

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.errors import AuthenticationError, PermissionDenied, ValidationError
from opcms_desktop.services.security import auth, users
from opcms_desktop.services.security.passwords import check_policy

from ..factories import TEST_PASSWORD, Factory


@pytest.fixture
def committed_user(fresh_factory):
    with session_scope(fresh_factory) as s:
        Factory(s).user("carol", "ops")
    return "carol"


def test_login_returns_actor_with_role_permissions(fresh_factory, committed_user):
    actor, must_change = auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)
    assert actor.role == "ops" and actor.can("billing.run") and not actor.can("users.manage")
    assert must_change is False


def test_five_failures_lock_the_account_and_the_sixth_says_so(fresh_factory, committed_user):
    for _ in range(5):
        with pytest.raises(AuthenticationError) as wrong:
            auth.authenticate(fresh_factory, committed_user, "wrong-password")
        assert wrong.value.code == "auth.failed"
    before = dt.datetime.now().astimezone()
    with pytest.raises(AuthenticationError) as locked:
        auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)
    assert locked.value.code == "auth.locked"
    params = locked.value.params
    assert params["username"] == "carol" and params["attempts"] == auth.MAX_FAILED_ATTEMPTS
    expected = {(before + dt.timedelta(minutes=auth.LOCK_MINUTES + d)).strftime("%H:%M") for d in (-1, 0)}
    assert params["until"] in expected  # the local wall time the lock ends, HH:MM
    assert params["until"] in locked.value.text("zh_CN") and "锁定" in locked.value.text("zh_CN")


def test_success_resets_the_failure_count(fresh_factory, committed_user):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.authenticate(fresh_factory, committed_user, "nope-nope-nope")
    auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError) as wrong:
            auth.authenticate(fresh_factory, committed_user, "nope-nope-nope")
        assert wrong.value.code == "auth.failed"
    auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)


def test_unknown_user_and_disabled_user_are_refused(fresh_factory, committed_user):
    with pytest.raises(AuthenticationError) as unknown:
        auth.authenticate(fresh_factory, "nobody", TEST_PASSWORD)
    assert unknown.value.code == "auth.failed"  # the same answer as a wrong password
    with session_scope(fresh_factory) as s:
        admin = Factory(s).actor("root1", "admin")
        users.set_active(s, admin, committed_user, False)
    with pytest.raises(AuthenticationError) as disabled:
        auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)
    assert (disabled.value.code, disabled.value.params) == ("auth.disabled", {"username": "carol"})


@pytest.mark.parametrize(
    ("password", "problems"),
    [("short", ["password.too_short"]), ("1234567890", ["password.sequence", "password.too_common"]),
     ("carol", ["password.too_short", "password.is_username"]),
     ("密码" * 13, ["password.too_many_bytes", "password.repeats"])],
)
def test_password_policy_refuses(password, problems):
    with pytest.raises(ValidationError) as caught:
        check_policy(password, "carol")
    assert caught.value.code == "password.invalid"
    assert [p.code for p in caught.value.problems] == problems
    assert all(p.field == "password" for p in caught.value.problems)


def test_password_policy_names_its_limits():
    with pytest.raises(ValidationError) as caught:
        check_policy("short", "carol")
    assert caught.value.problems[0].params == {"minimum": 10}
    assert "10" in caught.value.text("en") and "10" in caught.value.text("zh_CN")


def test_password_policy_refuses_the_user_name():
    with pytest.raises(ValidationError) as caught:
        check_policy("carolsmith", "carolsmith")
    assert [p.code for p in caught.value.problems] == ["password.is_username"]


def test_only_admins_manage_users(session: Session, ops):
    with pytest.raises(PermissionDenied):
        users.list_users(session, ops)
    with pytest.raises(PermissionDenied):
        users.create_user(session, ops, "eve", "Another-pass-1", "admin")
