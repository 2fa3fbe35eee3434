"""Sales isolation of the backup-guarded operations (services/maintenance/guarded.py): wrappers that take a
backup and then call a service walked elsewhere; the built-in sales role may run neither."""

from __future__ import annotations

from ..isolation_types import Exempt, a

_WRAPPER = "a backup, then the service it wraps (walked under its own name); not for the sales role"

REGISTRY: dict = {}

EXEMPT: dict[str, Exempt] = {
    "maintenance.guarded.import_customers_after_backup": Exempt(
        _WRAPPER, lambda c: a(c.sheets / "no-such-sheet.xlsx", owner_choices={})
    ),
    "maintenance.guarded.generate_bill_run_after_backup": Exempt(_WRAPPER, lambda c: a("2026-01")),
}
