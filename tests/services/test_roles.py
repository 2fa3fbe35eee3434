import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, RolePermission, User
from opcms_desktop.services.platform.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from opcms_desktop.services.security import bootstrap, roles, users
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.services.security.permissions import CATALOGUE


def _last_audit(session, entity="role"):
    return session.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id.desc())).first()


def test_the_catalogue_lists_every_permission_with_a_label():
    catalogue = roles.permission_catalogue()
    assert [p.name for p in catalogue] == list(CATALOGUE)
    by_name = {p.name: p for p in catalogue}
    assert by_name["customers.view"].label == "客户 · 查看" and not by_name["customers.view"].admin_only
    assert by_name["receipts.allocate"].label == "核销" and by_name["users.manage"].admin_only
    assert all(p.label for p in catalogue)


def test_builtin_roles_are_listed_with_their_permissions_and_holders(session, admin, sales):
    listed = {r.name: r for r in roles.list_roles(session, admin)}
    assert {"admin", "ops", "sales"} <= set(listed)
    assert listed["sales"].customer_scope == "own" and listed["sales"].builtin and listed["sales"].user_count >= 1
    assert "billing.run" in listed["ops"].permissions and "billing.run" not in listed["sales"].permissions
    assert (listed["admin"].db_group, listed["ops"].db_group, listed["sales"].db_group) == (
        "opcms_admin", "opcms_ops", "opcms_sales")


def test_only_role_managers_or_user_viewers_may_read_roles(session, ops, sales):
    for actor in (ops, sales):
        with pytest.raises(PermissionDenied) as denied:
            roles.list_roles(session, actor)
        assert denied.value.code == "error.permission_missing"
        assert denied.value.params["permission"] == "roles.manage"
        assert denied.value.params["label"] == "管理角色" and denied.value.params["user"] == actor.username
        assert "管理角色" in denied.value.text("zh_CN") and "roles.manage" in denied.value.text("en")
        with pytest.raises(PermissionDenied):
            roles.create_role(session, actor, "helper", "助手", "all", ["customers.view"])


def test_a_custom_role_is_created_audited_and_gives_its_holders_exactly_its_permissions(session, admin):
    info = roles.create_role(session, admin, "Finance", " 财务 ", "all",
                             ["receipts.view", "receipts.record", "reports.view"])
    assert (info.name, info.label, info.builtin, info.customer_scope) == ("finance", "财务", False, "all")
    assert info.permissions == ("receipts.record", "receipts.view", "reports.view")
    entry = _last_audit(session)
    assert entry.action == "create" and entry.username == "admin1"
    assert entry.changes["permissions"] == [None, ["receipts.record", "receipts.view", "reports.view"]]
    row = users.create_user(session, admin, "zhang", "Good-password-9", "finance")
    actor = actor_for(session, session.get(User, row.id))
    assert actor.permissions == frozenset(info.permissions) and not actor.sees_own_customers_only


@pytest.mark.parametrize(
    ("name", "scope", "perms", "code", "problem"),
    [
        ("x", "all", ["customers.view"], "roles.invalid_name", "roles.name_rule"),
        ("ops", "all", ["customers.view"], "roles.exists", "roles.name_taken"),
        ("helper", "all", ["customers.fly"], "roles.invalid_permissions", "roles.not_in_catalogue"),
        ("helper", "some", ["customers.view"], "roles.invalid_permissions", "roles.scope_choices"),
        ("helper", "own", ["customers.view", "audit.view"], "roles.invalid_permissions", "roles.own_scope_admin"),
    ],
)
def test_bad_roles_are_refused(session, admin, name, scope, perms, code, problem):
    with pytest.raises(ValidationError) as caught:
        roles.create_role(session, admin, name, "标签", scope, perms)
    assert caught.value.code == code
    assert [p.code for p in caught.value.problems] == [problem]


def test_a_refused_permission_is_named_in_the_problem(session, admin):
    with pytest.raises(ValidationError) as caught:
        roles.create_role(session, admin, "helper", "标签", "own", ["customers.view", "audit.view", "customers.fly"])
    named = {(p.code, p.value, p.params.get("permission")) for p in caught.value.problems}
    assert named == {("roles.not_in_catalogue", "customers.fly", "customers.fly"),
                     ("roles.own_scope_admin", "audit.view", "audit.view")}


def test_editing_a_role_changes_what_it_grants_and_bumps_its_version(session, admin):
    info = roles.create_role(session, admin, "helper", "助手", "all", ["customers.view"])
    edited = roles.update_role(session, admin, "helper", permissions=["customers.view", "usage.view"],
                               expected_version=info.version)
    assert edited.permissions == ("customers.view", "usage.view") and edited.version == info.version + 1
    assert _last_audit(session).changes == {"permissions": [["customers.view"], ["customers.view", "usage.view"]]}
    with pytest.raises(ConflictError):
        roles.update_role(session, admin, "helper", label="旧版本", expected_version=info.version)
    renamed = roles.update_role(session, admin, "helper", new_name="assistant", label="助理", customer_scope="own")
    assert (renamed.name, renamed.label, renamed.customer_scope, renamed.db_group) == (
        "assistant", "助理", "own", "opcms_sales")
    assert roles.revoke_permissions(session, admin, "assistant", ["usage.view"]).permissions == ("customers.view",)
    assert roles.grant_permissions(session, admin, "assistant", ["pricing.view"]).permissions == (
        "customers.view", "pricing.view")
    with pytest.raises(NotFound):
        roles.get_role(session, admin, "helper")


def test_builtin_roles_keep_name_scope_existence_and_admin_keeps_user_and_role_management(session, admin):
    with pytest.raises(UserError) as renamed:
        roles.update_role(session, admin, "sales", new_name="seller")
    assert (renamed.value.code, renamed.value.params) == ("roles.builtin_rename", {"name": "sales"})
    with pytest.raises(UserError) as scope:
        roles.update_role(session, admin, "sales", customer_scope="all")
    assert (scope.value.code, scope.value.params) == ("roles.builtin_scope", {"name": "sales", "scope": "own"})
    with pytest.raises(UserError) as deleted:
        roles.delete_role(session, admin, "ops")
    assert deleted.value.code == "roles.builtin_delete"
    with pytest.raises(UserError) as keeps:
        roles.revoke_permissions(session, admin, "admin", ["roles.manage"])
    assert (keeps.value.code, keeps.value.params) == ("roles.admin_keeps", {"missing": ["roles.manage"]})
    assert "audit.export" not in roles.revoke_permissions(session, admin, "admin", ["audit.export"]).permissions


def test_a_permission_revoked_from_a_builtin_role_stays_revoked_after_init(session, admin):
    roles.revoke_permissions(session, admin, "ops", ["customers.delete"])
    bootstrap.ensure_roles(session)
    ops_perms = set(session.scalars(select(RolePermission.permission).join(RolePermission.role)
                                    .where(RolePermission.role.has(name="ops"))))
    assert "customers.delete" not in ops_perms and "billing.run" in ops_perms


def test_a_role_in_use_cannot_be_deleted_an_unused_one_can(session, admin):
    roles.create_role(session, admin, "temp", "临时", "all", ["customers.view"])
    users.create_user(session, admin, "tempuser", "Good-password-9", "temp")
    with pytest.raises(UserError) as held:
        roles.delete_role(session, admin, "temp")
    assert (held.value.code, held.value.params) == ("roles.in_use", {"name": "temp", "count": 1})
    users.change_role(session, admin, "tempuser", "ops")
    roles.delete_role(session, admin, "temp")
    assert "temp" not in {r.name for r in roles.list_roles(session, admin)}
    entry = _last_audit(session)
    assert entry.action == "delete" and entry.changes["name"] == ["temp", None]
