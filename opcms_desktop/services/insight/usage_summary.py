"""The per-customer monthly usage summary (usage_customer_months): its rebuild and a direct recomputation.

The table is kept current by migration 0019's triggers on every write of usage_monthly and usage_orders;
`rebuild_usage_summary` recomputes it from the usage rows (after a restore from an old backup, or to
prove it right) and reports what it had to change: nothing, when the triggers did their job.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from ...models.usage_summary import UsageCustomerMonth
from ..audit import trail as audit
from ..platform.operations import writes
from ..security.permissions import Actor, require

TABLE = UsageCustomerMonth.__tablename__
VALUES = ("monthly_x", "monthly_n", "monthly_l", "order_shoots", "shoots", "last_order_day")


def truth_sql(dialect: str) -> str:
    """Every customer-month computed from the usage rows (the statement migration 0019 backfills with)."""
    month = "to_char(upload_date, 'YYYY-MM')" if dialect == "postgresql" else "substr(upload_date, 1, 7)"

    def shoots(series: str) -> str:
        return f"CASE WHEN series = '{series}' THEN single_shoots + multi_shoots ELSE 0 END"

    return (
        "SELECT customer_id, period, SUM(x) AS monthly_x, SUM(n) AS monthly_n, SUM(l) AS monthly_l,"
        " SUM(k) AS order_shoots, SUM(x + n + l + k) AS shoots, MAX(d) AS last_order_day FROM ("
        f" SELECT customer_id, period, {shoots('X')} AS x, {shoots('N')} AS n, {shoots('L')} AS l,"
        " 0 AS k, CAST(NULL AS DATE) AS d FROM usage_monthly"
        f" UNION ALL SELECT customer_id, {month} AS period, 0, 0, 0, 1, upload_date FROM usage_orders"
        ") AS u GROUP BY customer_id, period"
    )


@dataclass(frozen=True)
class SummaryRebuild:
    rows: int  # customer-months in the summary after the rebuild
    added: int  # missing before
    changed: int  # present with other figures
    removed: int  # present without usage rows

    @property
    def was_current(self) -> bool:
        return not (self.added or self.changed or self.removed)


def _differs(dialect: str) -> str:
    op = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join(f"s.{c} {op} t.{c}" for c in VALUES)


@writes("usage", "audit")
def rebuild_usage_summary(session: Session, actor: Actor) -> SummaryRebuild:
    """Recompute usage_customer_months from the usage rows, changing only the rows that differ (admin)."""
    require(actor, "settings.manage")
    dialect = session.get_bind().dialect.name
    truth = f"WITH t AS ({truth_sql(dialect)}) "
    conn = session.connection()  # its results carry the row counts
    if dialect == "postgresql":  # writers wait: a month written meanwhile would be recomputed from stale rows
        conn.execute(text("LOCK TABLE usage_orders, usage_monthly IN SHARE MODE"))
    removed = conn.execute(
        text(
            f"{truth}DELETE FROM {TABLE} WHERE NOT EXISTS (SELECT 1 FROM t"
            f" WHERE t.customer_id = {TABLE}.customer_id AND t.period = {TABLE}.period)"
        )
    ).rowcount
    changed = conn.execute(
        text(
            f"{truth}UPDATE {TABLE} AS s SET "
            + ", ".join(f"{c} = t.{c}" for c in VALUES)
            + f" FROM t WHERE s.customer_id = t.customer_id AND s.period = t.period AND ({_differs(dialect)})"
        )
    ).rowcount
    added = conn.execute(
        text(
            f"{truth}INSERT INTO {TABLE} (customer_id, period, {', '.join(VALUES)})"
            f" SELECT customer_id, period, {', '.join(VALUES)} FROM t WHERE NOT EXISTS (SELECT 1 FROM {TABLE} AS s"
            " WHERE s.customer_id = t.customer_id AND s.period = t.period)"
        )
    ).rowcount
    rows = int(session.execute(text(f"SELECT COUNT(*) FROM {TABLE}")).scalar_one())
    result = SummaryRebuild(rows, int(added), int(changed), int(removed))
    audit.record(
        session,
        actor,
        "event",
        "usage_summary_rebuild",
        None,
        {"rows": rows, "added": result.added, "changed": result.changed, "removed": result.removed},
    )
    return result
