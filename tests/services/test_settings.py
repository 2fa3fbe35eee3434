import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.platform.errors import ConflictError, PermissionDenied, ValidationError
from opcms_desktop.services.security import settings

KEY = settings.IDLE_TIMEOUT


def test_idle_timeout_defaults_to_15_minutes_and_everyone_may_read_it(session, sales, ops):
    assert settings.idle_timeout_minutes(session, sales) == 15
    value = settings.get_setting(session, ops, KEY)
    assert value.is_default and (value.minimum, value.maximum) == (1, 480) and value.version is None


def test_an_admin_changes_it_and_the_change_is_audited(session, admin, sales):
    changed = settings.set_setting(session, admin, KEY, "30")
    assert changed.value == 30 and not changed.is_default
    assert settings.idle_timeout_minutes(session, sales) == 30
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()[-1]
    assert (entry.action, entry.entity_id, entry.changes, entry.username) == ("create", KEY, {"value": [15, 30]}, "admin1")
    again = settings.set_setting(session, admin, KEY, 45, expected_version=changed.version)
    assert again.value == 45
    assert session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()[-1].changes == {
        "value": [30, 45]}
    with pytest.raises(ConflictError):
        settings.set_setting(session, admin, KEY, 50, expected_version=changed.version)


def test_setting_the_same_value_writes_nothing(session, admin):
    settings.set_setting(session, admin, KEY, 20)
    count = len(session.scalars(select(AuditEntry.id).where(AuditEntry.entity == "setting")).all())
    settings.set_setting(session, admin, KEY, "20")
    assert len(session.scalars(select(AuditEntry.id).where(AuditEntry.entity == "setting")).all()) == count


@pytest.mark.parametrize("bad", [0, 481, "abc", "", True, 1.5, None, "-5"])
def test_out_of_range_or_non_numbers_are_refused(session, admin, bad):
    with pytest.raises(ValidationError, match="1 to 480"):
        settings.set_setting(session, admin, KEY, bad)


def test_only_admins_change_or_list_settings_and_unknown_keys_are_refused(session, admin, ops, sales):
    for actor in (ops, sales):
        with pytest.raises(PermissionDenied, match="settings.manage"):
            settings.set_setting(session, actor, KEY, 30)
        with pytest.raises(PermissionDenied, match="settings.view"):
            settings.list_settings(session, actor)
    assert [v.key for v in settings.list_settings(session, admin)] == [
        KEY, "seller.name", "seller.tax_id", "seller.bank", "seller.account", "seller.address", "seller.contact",
        "backup.keep_daily", "backup.keep_weekly", "backup.keep_monthly", "insight.churn_days",
        "insight.churn_drop_percent"]
    for key in ("pg_security.installed", "roles.seeded_permissions", "nope"):
        with pytest.raises(ValidationError, match="Unknown setting") as unknown:
            settings.set_setting(session, admin, key, 1)
        assert unknown.value.code == "settings.unknown"
