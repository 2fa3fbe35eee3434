"""customer list at 1,000,000 rows: PostgreSQL gets SQLite's name bigram table, for a sales user's search

A sales user searching a common two-character word (置业: 80,000 names of 1M, 3,982 of the user's 50,000)
read all 80,000 rows through the GIN index of migration 0016 before ownership was tested: ~25,000 heap
pages, 350-420 ms. customer_name_bigrams (bigram, customer_id), as on SQLite (0017), holds one row per
distinct bigram of a name, cut by customer_name_bigrams() (0016) as the GIN index cuts it. Its primary
key is read index-only and merged with the owner index (user_id, kind, customer_id), both in customer_id
order, so only the user's own matches are read from customers.

Kept current by statement triggers on customers over their transition tables (a bulk import pays one
INSERT .. SELECT per statement, in key order, not a call per row: 20,000 customers inserted in ~4-5 s
instead of ~3 s, under load 6); an UPDATE re-cuts only the rows whose id or name changed. The trigger
function is SECURITY DEFINER: application logins read the table, never write it.
Bigrams give names away, so the table has the row policy of every customer-owned table (sales: its own
customers only): given here to a database already installed (`opcms init --pg-security`), and by
services/security/pg_security.py on install. SQLite: nothing (0017 made its table).

Revision ID: 0021
Revises: 0020
"""
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TABLE = "customer_name_bigrams"
FUNCTION = "opcms_customers_name_bigrams()"
TRIGGERS = {
    "opcms_customers_name_bigrams_insert": "AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows",
    "opcms_customers_name_bigrams_update": "AFTER UPDATE ON customers"
                                           " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "opcms_customers_name_bigrams_delete": "AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows",
}

# The rows of a set of (id, name) pairs, each name cut as the GIN index of 0016 cuts it.
_PAIRS = "SELECT b, r.id FROM ({rows}) AS r, unnest(customer_name_bigrams(r.name)) AS b"
_FUNCTION_SQL = f"""
CREATE FUNCTION {FUNCTION} RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp
SET plan_cache_mode = force_custom_plan  -- see migration 0023: plans for the tables as they are
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO {TABLE} (bigram, customer_id) {_PAIRS.format(rows="SELECT id, name FROM new_rows")}
    ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM {TABLE}
    WHERE (bigram, customer_id) IN ({_PAIRS.format(rows="SELECT id, name FROM old_rows")});
  ELSE
    DELETE FROM {TABLE} WHERE (bigram, customer_id) IN ({_PAIRS.format(
        rows="SELECT id, name FROM old_rows EXCEPT SELECT id, name FROM new_rows")});
    INSERT INTO {TABLE} (bigram, customer_id) {_PAIRS.format(
        rows="SELECT id, name FROM new_rows EXCEPT SELECT id, name FROM old_rows")}
    ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION {FUNCTION} FROM PUBLIC;
"""

UP = [
    f"CREATE TABLE {TABLE} (bigram text NOT NULL, customer_id bigint NOT NULL)",
    # every name already there at once, in key order, the key built afterwards (1M names: ~50 s)
    f"INSERT INTO {TABLE} (bigram, customer_id) {_PAIRS.format(rows='SELECT id, name FROM customers')}"
    " ORDER BY 1, 2",
    f"ALTER TABLE {TABLE} ADD CONSTRAINT pk_{TABLE} PRIMARY KEY (bigram, customer_id)",
]

# What services/security/pg_security.py gives the table on install, for a database installed before 0021.
_PG_SECURITY = f"""
ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON {TABLE} TO opcms_admin, opcms_ops, opcms_sales;
CREATE POLICY opcms_staff_select ON {TABLE} FOR SELECT TO opcms_admin, opcms_ops USING (true);
CREATE POLICY opcms_staff_insert ON {TABLE} FOR INSERT TO opcms_admin, opcms_ops WITH CHECK (true);
CREATE POLICY opcms_staff_update ON {TABLE} FOR UPDATE TO opcms_admin, opcms_ops
  USING (true) WITH CHECK (true);
CREATE POLICY opcms_staff_delete ON {TABLE} FOR DELETE TO opcms_admin, opcms_ops USING (true);
CREATE POLICY opcms_sales_select ON {TABLE} FOR SELECT TO opcms_sales
  USING (customer_id IN (SELECT opcms_my_customer_ids()));
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in UP:
        bind.exec_driver_sql(statement)
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    bind.exec_driver_sql(_FUNCTION_SQL.replace("{schema}", quoted))
    for name, timing in TRIGGERS.items():
        bind.exec_driver_sql(f"CREATE TRIGGER {name} {timing} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}")
    if bind.exec_driver_sql("SELECT 1 FROM settings WHERE key = 'pg_security.installed'").scalar():
        bind.exec_driver_sql(_PG_SECURITY)
    bind.exec_driver_sql(f"ANALYZE {TABLE}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON customers")
    bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {FUNCTION}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
