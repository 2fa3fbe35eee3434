"""insight.field_guard: checks of the actor's own field permissions, called by the insight services."""

from ..isolation_types import Exempt

_OWN = "checks the actor's own role's field permissions; returns or raises, reads no customer data"
REGISTRY: dict = {}
EXEMPT = {
    "insight.field_guard.amounts_hidden": Exempt(_OWN),
    "insight.field_guard.check_condition_fields": Exempt(_OWN),
    "insight.field_guard.require_amounts": Exempt(_OWN),
}
