"""Sales isolation of the profiling services: churn, RFM, health, the profile, what-if and the back-test."""

from __future__ import annotations

from ..isolation_types import Case, Exempt, a
from ..isolation_world import AS_OF, FOREIGN_COMPANY

_ALL = "the thresholds are settings, not customer data"


def _foreign(ctx, customer_ids):
    return FOREIGN_COMPANY if ctx.f.customer.id in customer_ids else None


REGISTRY: dict[str, Case] = {
    "insight.churn.churn_warnings": Case(lambda c: a(AS_OF), owner_sees=True),
    # aimed at the foreign owner's customers: the owner counts one, anyone else none
    "insight.churn.churn_risk_count": Case(
        lambda c: a(AS_OF, c.f.actor.id), owner_sees=True, view=lambda c, r: FOREIGN_COMPANY if r else None
    ),
    "insight.churn.churn_risk_counts": Case(
        lambda c: a([AS_OF], c.f.actor.id), owner_sees=True, view=lambda c, r: FOREIGN_COMPANY if r[0] else None
    ),
    "insight.rfm.rfm_scores": Case(lambda c: a(AS_OF), owner_sees=True),
    "insight.rfm.customer_rfm": Case(lambda c: a(c.f.customer.id, AS_OF), owner_sees=True),
    "insight.health.health_ranking": Case(lambda c: a(AS_OF), owner_sees=True),
    "insight.health.customer_health": Case(lambda c: a(c.f.customer.id, AS_OF), owner_sees=True),
    "insight.profile.customer_profile": Case(lambda c: a(c.f.customer.id, AS_OF), owner_sees=True),
    "insight.profile_whatif.what_if_plans": Case(
        lambda c: a(c.f.customer.id, 6, None, AS_OF),
        owner_sees=True,
        view=lambda c, r: _foreign(c, [r.customer_id]),
    ),
    "insight.backtest.churn_backtest": Case(
        lambda c: a(6, AS_OF),
        owner_sees=True,
        view=lambda c, r: _foreign(c, [s.customer_id for s in r.stopped]),
    ),
    "insight.profile_customers.visible_label": Case(lambda c: a(c.f.customer.id), owner_sees=True),
}

EXEMPT: dict[str, Exempt] = {
    "insight.thresholds.churn_thresholds": Exempt(_ALL),
    "insight.thresholds.set_churn_thresholds": Exempt(_ALL, lambda c: a(30, 40)),
}
