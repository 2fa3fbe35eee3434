"""per-customer monthly usage summary, kept by triggers (models/usage_summary.py; insight at scale)

usage_customer_months holds, per customer and month with usage rows, the monthly summaries' shoots per
device series, the orders' count and last day, and their total. Triggers on usage_monthly and
usage_orders recompute every customer-month a statement touches, on both databases, so no writer can
leave it stale:
- SQLite: row triggers; an insert adds its row to its month (an import of many orders into one month
  stays linear), an UPDATE OF the summed columns or a DELETE recomputes the old and the new month;
- PostgreSQL: statement triggers with transition tables calling opcms_usage_summary_refresh(), SECURITY
  DEFINER (owned by the table owner, who is not subject to row-level security): application logins only
  read the table (grants and the sales row policy in services/security/pg_security.py). The function
  first takes transaction advisory locks on the touched customers' buckets (customer id mod 128), in
  order, so that two writers of one customer's months recompute them one after the other (in READ
  COMMITTED each of its statements sees the other's commit). Buckets, not customers or customer-months:
  the locks stay in the server's shared lock table until the commit (64 x max_connections slots), and one
  lock per customer-month ran it out of memory at 20,000 customer-months in one transaction.
`opcms insight rebuild-summary` recomputes the table from scratch (services/insight/usage_summary.py).

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLE = "usage_customer_months"
SUMMARY_COLUMNS = "customer_id, period, monthly_x, monthly_n, monthly_l, order_shoots, shoots, last_order_day"


def truth_sql(month_of_day: str) -> str:
    """Every customer-month computed from the usage rows (the backfill; services/insight/usage_summary.py
    keeps the same statement for the rebuild)."""
    def shoots(series: str) -> str:
        return f"CASE WHEN series = '{series}' THEN single_shoots + multi_shoots ELSE 0 END"

    return (
        "SELECT customer_id, period, SUM(x) AS monthly_x, SUM(n) AS monthly_n, SUM(l) AS monthly_l,"
        " SUM(k) AS order_shoots, SUM(x + n + l + k) AS shoots, MAX(d) AS last_order_day FROM ("
        f" SELECT customer_id, period, {shoots('X')} AS x, {shoots('N')} AS n, {shoots('L')} AS l,"
        " 0 AS k, CAST(NULL AS DATE) AS d FROM usage_monthly"
        f" UNION ALL SELECT customer_id, {month_of_day} AS period, 0, 0, 0, 1, upload_date FROM usage_orders"
        ") AS u GROUP BY customer_id, period"
    )


SQLITE_MONTH = "substr(upload_date, 1, 7)"
PG_MONTH = "to_char(upload_date, 'YYYY-MM')"


def _sqlite_refresh(customer: str, period: str) -> str:
    """One customer-month recomputed from its rows (dates are 'YYYY-MM-DD' text on SQLite)."""
    def shoots(series: str) -> str:
        return f"COALESCE(SUM(CASE WHEN series = '{series}' THEN single_shoots + multi_shoots END), 0)"

    return f"""
  DELETE FROM {TABLE} WHERE customer_id = {customer} AND period = {period};
  INSERT INTO {TABLE} ({SUMMARY_COLUMNS})
  SELECT {customer}, {period}, m.x, m.n, m.l, o.k, m.x + m.n + m.l + o.k, o.d
  FROM (SELECT COUNT(*) AS r, {shoots('X')} AS x, {shoots('N')} AS n, {shoots('L')} AS l
        FROM usage_monthly WHERE customer_id = {customer} AND period = {period}) AS m,
       (SELECT COUNT(*) AS k, MAX(upload_date) AS d FROM usage_orders
        WHERE customer_id = {customer} AND upload_date BETWEEN {period} || '-01' AND {period} || '-31') AS o
  WHERE m.r > 0 OR o.k > 0;"""


def _sqlite_add(table: str) -> str:
    """The inserted row added to its customer-month (not recounted: that is quadratic per month)."""
    if table == "usage_orders":
        month = SQLITE_MONTH.replace("upload_date", "NEW.upload_date")
        values = f"NEW.customer_id, {month}, 0, 0, 0, 1, 1, NEW.upload_date"
    else:
        shoots = "NEW.single_shoots + NEW.multi_shoots"
        values = ", ".join(
            ["NEW.customer_id", "NEW.period"]
            + [f"CASE WHEN NEW.series = '{s}' THEN {shoots} ELSE 0 END" for s in "XNL"]
            + ["0", shoots, "NULL"]  # series is one of X, N, L (CHECK series_known)
        )
    added = ", ".join(f"{c} = {c} + excluded.{c}"
                      for c in ("monthly_x", "monthly_n", "monthly_l", "order_shoots", "shoots"))
    return f"""
  INSERT INTO {TABLE} ({SUMMARY_COLUMNS}) VALUES ({values})
  ON CONFLICT (customer_id, period) DO UPDATE SET {added}, last_order_day =
    coalesce(max(last_order_day, excluded.last_order_day), last_order_day, excluded.last_order_day);"""


def _sqlite_triggers() -> list[str]:
    sources = {
        "usage_monthly": ("period", "customer_id, period, series, single_shoots, multi_shoots"),
        "usage_orders": (SQLITE_MONTH, "customer_id, upload_date"),
    }
    out = []
    for table, (month, columns) in sources.items():
        old = _sqlite_refresh("OLD.customer_id", month.replace("upload_date", "OLD.upload_date")
                              if table == "usage_orders" else "OLD.period")
        new = _sqlite_refresh("NEW.customer_id", month.replace("upload_date", "NEW.upload_date")
                              if table == "usage_orders" else "NEW.period")
        out += [
            f"CREATE TRIGGER opcms_{table}_summary_insert AFTER INSERT ON {table} BEGIN{_sqlite_add(table)}\nEND",
            f"CREATE TRIGGER opcms_{table}_summary_update AFTER UPDATE OF {columns} ON {table}"
            f" BEGIN{old}{new}\nEND",
            f"CREATE TRIGGER opcms_{table}_summary_delete AFTER DELETE ON {table} BEGIN{old}\nEND",
        ]
    return out


_PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION opcms_usage_summary_refresh(cs bigint[], ps text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(19019, k.b)  -- 19019: this summary's lock class
  FROM (SELECT DISTINCT mod(c, 128)::int AS b FROM unnest(cs) AS u(c) ORDER BY 1) AS k;
  INSERT INTO usage_customer_months AS s ({columns})
  SELECT k.c, k.p, m.x, m.n, m.l, o.k, m.x + m.n + m.l + o.k, o.d
  FROM (SELECT DISTINCT c, p FROM unnest(cs, ps) AS u(c, p)) AS k
  CROSS JOIN LATERAL (
    SELECT COUNT(*) AS r,
           COALESCE(SUM(single_shoots + multi_shoots) FILTER (WHERE series = 'X'), 0) AS x,
           COALESCE(SUM(single_shoots + multi_shoots) FILTER (WHERE series = 'N'), 0) AS n,
           COALESCE(SUM(single_shoots + multi_shoots) FILTER (WHERE series = 'L'), 0) AS l
    FROM usage_monthly WHERE customer_id = k.c AND period = k.p) AS m
  CROSS JOIN LATERAL (
    SELECT COUNT(*) AS k, MAX(upload_date) AS d FROM usage_orders
    WHERE customer_id = k.c AND upload_date >= to_date(k.p || '-01', 'YYYY-MM-DD')
      AND upload_date < (to_date(k.p || '-01', 'YYYY-MM-DD') + interval '1 month')::date) AS o
  WHERE m.r > 0 OR o.k > 0
  ON CONFLICT (customer_id, period) DO UPDATE SET
    monthly_x = excluded.monthly_x, monthly_n = excluded.monthly_n, monthly_l = excluded.monthly_l,
    order_shoots = excluded.order_shoots, shoots = excluded.shoots, last_order_day = excluded.last_order_day;
  DELETE FROM usage_customer_months AS s
  USING (SELECT DISTINCT c, p FROM unnest(cs, ps) AS u(c, p)) AS k
  WHERE s.customer_id = k.c AND s.period = k.p
    AND NOT EXISTS (SELECT 1 FROM usage_monthly WHERE customer_id = k.c AND period = k.p)
    AND NOT EXISTS (SELECT 1 FROM usage_orders WHERE customer_id = k.c
                    AND upload_date >= to_date(k.p || '-01', 'YYYY-MM-DD')
                    AND upload_date < (to_date(k.p || '-01', 'YYYY-MM-DD') + interval '1 month')::date);
END
$$;

CREATE OR REPLACE FUNCTION opcms_usage_monthly_summary() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM opcms_usage_summary_refresh(array_agg(customer_id), array_agg(period::text)) FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM opcms_usage_summary_refresh(array_agg(customer_id), array_agg(period::text)) FROM old_rows;
  ELSE
    PERFORM opcms_usage_summary_refresh(array_agg(r.customer_id), array_agg(r.period::text))
    FROM (SELECT customer_id, period FROM old_rows UNION SELECT customer_id, period FROM new_rows) AS r;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION opcms_usage_orders_summary() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM opcms_usage_summary_refresh(array_agg(customer_id), array_agg(to_char(upload_date, 'YYYY-MM')))
    FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM opcms_usage_summary_refresh(array_agg(customer_id), array_agg(to_char(upload_date, 'YYYY-MM')))
    FROM old_rows;
  ELSE
    PERFORM opcms_usage_summary_refresh(array_agg(r.customer_id), array_agg(to_char(r.upload_date, 'YYYY-MM')))
    FROM (SELECT customer_id, upload_date FROM old_rows
          UNION SELECT customer_id, upload_date FROM new_rows) AS r;
  END IF;
  RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION opcms_usage_summary_refresh(bigint[], text[]), opcms_usage_monthly_summary(),
  opcms_usage_orders_summary() FROM PUBLIC;
"""

_PG_TRIGGERS = """
CREATE TRIGGER opcms_{table}_summary_insert AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opcms_{table}_summary();
CREATE TRIGGER opcms_{table}_summary_update AFTER UPDATE ON {table}
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION opcms_{table}_summary();
CREATE TRIGGER opcms_{table}_summary_delete AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION opcms_{table}_summary();
"""

TRIGGER_NAMES = [
    f"opcms_{table}_summary_{event}"
    for table in ("usage_monthly", "usage_orders")
    for event in ("insert", "update", "delete")
]


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("customer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("monthly_x", sa.Integer(), nullable=False),
        sa.Column("monthly_n", sa.Integer(), nullable=False),
        sa.Column("monthly_l", sa.Integer(), nullable=False),
        sa.Column("order_shoots", sa.Integer(), nullable=False),
        sa.Column("shoots", sa.Integer(), nullable=False),
        sa.Column("last_order_day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("customer_id", "period", name=op.f("pk_usage_customer_months")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.execute(f"INSERT INTO {TABLE} ({SUMMARY_COLUMNS}) {truth_sql(PG_MONTH if postgresql else SQLITE_MONTH)}")
    op.create_index(
        "ix_usage_customer_months_period",
        TABLE,
        ["period", "customer_id", "shoots", "monthly_x", "monthly_n", "monthly_l"],
    )
    if not postgresql:
        for statement in _sqlite_triggers():
            op.execute(statement)
        return
    op.create_index(
        "ix_usage_customer_months_customer",
        TABLE,
        ["customer_id", "period", "shoots", "monthly_x", "monthly_n", "monthly_l", "order_shoots",
         "last_order_day"],
    )
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    bind.exec_driver_sql(_PG_FUNCTIONS.replace("{schema}", quoted).replace("{columns}", SUMMARY_COLUMNS))
    for table in ("usage_monthly", "usage_orders"):
        bind.exec_driver_sql(_PG_TRIGGERS.format(table=table))
    # an installed database (opcms init --pg-security): the same grants and policy install() gives
    installed = bind.exec_driver_sql(
        "SELECT 1 FROM settings WHERE key = 'pg_security.installed'"
    ).scalar()
    if installed:
        bind.exec_driver_sql(_PG_SECURITY)


# What services/security/pg_security.py gives the table on install, for a database installed before 0019.
_PG_SECURITY = """
ALTER TABLE usage_customer_months ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON usage_customer_months TO opcms_admin, opcms_ops, opcms_sales;
GRANT INSERT, UPDATE, DELETE ON usage_customer_months TO opcms_admin;
CREATE POLICY opcms_staff_select ON usage_customer_months FOR SELECT TO opcms_admin, opcms_ops USING (true);
CREATE POLICY opcms_staff_insert ON usage_customer_months FOR INSERT TO opcms_admin, opcms_ops WITH CHECK (true);
CREATE POLICY opcms_staff_update ON usage_customer_months FOR UPDATE TO opcms_admin, opcms_ops
  USING (true) WITH CHECK (true);
CREATE POLICY opcms_staff_delete ON usage_customer_months FOR DELETE TO opcms_admin, opcms_ops USING (true);
CREATE POLICY opcms_sales_select ON usage_customer_months FOR SELECT TO opcms_sales
  USING (customer_id IN (SELECT opcms_my_customer_ids()));
"""


def downgrade() -> None:
    bind = op.get_bind()
    for name in TRIGGER_NAMES:
        table = "usage_monthly" if "usage_monthly" in name else "usage_orders"
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    if bind.dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS opcms_usage_monthly_summary(), opcms_usage_orders_summary(),"
            " opcms_usage_summary_refresh(bigint[], text[])"
        )
        op.drop_index("ix_usage_customer_months_customer", table_name=TABLE)
    op.drop_index("ix_usage_customer_months_period", table_name=TABLE)
    op.drop_table(TABLE)
