"""Sales isolation of the access log, field permissions, export approvals and unusual-access alerts.

None of them returns customer data: the access log and its report are for holders of access_log.view
(sales lacks it), field rules and export policies are administration, and the counts go through
visible_customers. Where the built-in sales role must be refused, `refuse` says with what.
"""

from __future__ import annotations

import datetime as dt

from ..isolation_types import Exempt, a

_ADMIN = "administration, not customer data"
_LOG = "the access log: access_log.view only (not held by sales), no customer data beyond ids"
_DAY = dt.date(2026, 1, 1)
_START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

REGISTRY: dict = {}

EXEMPT = {
    "security.access_log.append_entry": Exempt("appends a row to the access log; callers check first"),
    "security.access_log.record_access": Exempt(
        "records the actor's own read after the caller's scoped read"
    ),
    "security.access_log.verify_access_chain": Exempt(_LOG, lambda c: a()),
    "security.access_log.list_access": Exempt(_LOG, lambda c: a(_START, _START + dt.timedelta(days=1))),
    "security.data_use_report.data_use_report": Exempt(_LOG, lambda c: a(_DAY, _DAY)),
    "security.data_use_report.export_data_use_report": Exempt(
        _LOG, lambda c: a(_DAY, _DAY, c.out / "use.xlsx")
    ),
    "security.field_permissions.field_modes": Exempt("the actor's own role's field rules"),
    "security.field_permissions.hidden_fields": Exempt("the actor's own role's field rules"),
    "security.field_permissions.visible_customer_fields": Exempt("the actor's own role's field rules"),
    "security.field_permissions.check_editable": Exempt("checks field keys against the actor's own rules"),
    "security.field_permissions.list_field_rules": Exempt(_ADMIN, lambda c: a()),
    "security.field_permissions.field_roles": Exempt(_ADMIN, lambda c: a()),
    "security.field_permissions.role_field_rules": Exempt(_ADMIN, lambda c: a("sales")),
    "security.field_permissions.set_field_mode": Exempt(_ADMIN, lambda c: a("sales", "notes", "hidden")),
    "security.export_approval.export_policy": Exempt(
        "the actor's own role's export rule", lambda c: a("ops")
    ),
    "security.export_approval.list_export_policies": Exempt(_ADMIN, lambda c: a()),
    "security.export_approval.set_export_policy": Exempt(_ADMIN, lambda c: a("sales", None, False)),
    "security.export_approval.count_export_rows": Exempt(
        "a count of the actor's visible customers (scope applied)"
    ),
    "security.export_approval.request_export": Exempt(
        "the actor's own export request; holds no customer data"
    ),
    "security.export_approval.clear_export": Exempt("uses up the actor's own approved request"),
    "security.export_approval.approve_export": Exempt(_ADMIN, lambda c: a(1)),
    "security.export_approval.reject_export": Exempt(_ADMIN, lambda c: a(1)),
    "security.export_approval.list_export_requests": Exempt(
        "approvers see requests (kind, rows), others their own"
    ),
    "security.unusual_access.unusual_access_config": Exempt(_LOG, lambda c: a()),
    "security.unusual_access.set_unusual_access_config": Exempt(_ADMIN, lambda c: a(3, 5, 30, "07:00-21:00")),
    "security.unusual_access.scan_unusual_access": Exempt(_LOG, lambda c: a()),
    "security.unusual_access.unusual_access_alerts": Exempt(_LOG, lambda c: a(_START)),
    "security.unusual_access.require_password_again": Exempt(_ADMIN, lambda c: a("sales1")),
    "security.unusual_access.confirm_password": Exempt("the actor's own password"),
}
