"""Sales isolation of the dashboard services (KPIs, chart series, owner picker), the demo loader and the
usage summary's rebuild."""

from __future__ import annotations

from ..isolation_types import Case, Exempt, a
from ..isolation_world import AS_OF, FOREIGN_COMPANY


def _owner_listed(c, options):
    return FOREIGN_COMPANY if any(o.user_id == c.f.actor.id for o in options) else None


REGISTRY = {
    # the foreign bill (7777.00, half allocated) shows in outstanding / overdue / billed / top customers
    "insight.kpis.kpis": Case(lambda c: a("2026-02", as_of=AS_OF), owner_sees=True),
    "insight.dashboard.dashboard": Case(lambda c: a("2026-06", as_of=AS_OF, months=6), owner_sees=True),
    "insight.kpi_details.kpi_details": Case(
        lambda c: a("2026-02", "outstanding", as_of=AS_OF), owner_sees=True
    ),
    "insight.dashboard.sales_owners": Case(lambda c: a(), owner_sees=True, view=_owner_listed),
    "insight.dashboard.sales_owner_id": Case(
        lambda c: a(c.f.actor.username),
        owner_sees=True,
        view=lambda c, user_id: FOREIGN_COMPANY if user_id == c.f.actor.id else None,
    ),
}

EXEMPT = {
    "insight.dashboard_xlsx.export_chart_xlsx": Exempt(
        "writes a board the caller already computed (insight.dashboard.dashboard, walked above), through the "
        "export approval gate"
    ),
    "insight.demo.load_demo": Exempt(
        "admin only, and only into a database without customers", refuse=lambda c: a(months=1)
    ),
    "insight.usage_summary.rebuild_usage_summary": Exempt(
        "admin only (settings.manage): recomputes the whole usage summary from the usage rows, returns counts",
        refuse=lambda c: a(),
    ),
}
