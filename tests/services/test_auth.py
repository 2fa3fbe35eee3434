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
        with pytest.raises(AuthenticationError, match="Wrong user name or password"):
            auth.authenticate(fresh_factory, committed_user, "wrong-password")
    with pytest.raises(AuthenticationError, match="locked"):
        auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)


def test_success_resets_the_failure_count(fresh_factory, committed_user):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.authenticate(fresh_factory, committed_user, "nope-nope-nope")
    auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="Wrong"):
            auth.authenticate(fresh_factory, committed_user, "nope-nope-nope")
    auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)


def test_unknown_user_and_disabled_user_are_refused(fresh_factory, committed_user):
    with pytest.raises(AuthenticationError):
        auth.authenticate(fresh_factory, "nobody", TEST_PASSWORD)
    with session_scope(fresh_factory) as s:
        admin = Factory(s).actor("root1", "admin")
        users.set_active(s, admin, committed_user, False)
    with pytest.raises(AuthenticationError, match="disabled"):
        auth.authenticate(fresh_factory, committed_user, TEST_PASSWORD)


@pytest.mark.parametrize(
    "password",
    ["short", "1234567890", "carol12345".replace("12345", ""), "密" * 25],
)
def test_password_policy_refuses(password):
    with pytest.raises(ValidationError):
        check_policy(password, "carol")


def test_password_policy_refuses_the_user_name():
    with pytest.raises(ValidationError, match="user name"):
        check_policy("carolcarol", "carolcarol")


def test_only_admins_manage_users(session: Session, ops):
    with pytest.raises(PermissionDenied):
        users.list_users(session, ops)
    with pytest.raises(PermissionDenied):
        users.create_user(session, ops, "eve", "Another-pass-1", "admin")
