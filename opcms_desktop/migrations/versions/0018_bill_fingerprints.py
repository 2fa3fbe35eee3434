"""bill fingerprints for the re-run: invoices.content_fingerprint

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# content_fingerprint: a digest of what a bill-run draft holds (total, payment terms, lines), written by the
# bill run; a re-run compares it instead of reading every draft's lines back. Triggers clear it when a line
# of the bill is inserted, changed or deleted, whoever writes (the line editor, a script, psql; on SQLite a
# REPLACE INTO fires the insert trigger), so that the next re-run compares that draft line by line again.
# Drafts without one (written before this migration) are compared line by line too. The bill run itself
# writes a draft's lines first and its fingerprint after them.
SQLITE_TRIGGERS = (
    """CREATE TRIGGER invoice_lines_update_clears_fingerprint AFTER UPDATE ON invoice_lines BEGIN
         UPDATE invoices SET content_fingerprint = NULL
         WHERE id IN (OLD.invoice_id, NEW.invoice_id) AND content_fingerprint IS NOT NULL;
       END""",
    """CREATE TRIGGER invoice_lines_delete_clears_fingerprint AFTER DELETE ON invoice_lines BEGIN
         UPDATE invoices SET content_fingerprint = NULL
         WHERE id = OLD.invoice_id AND content_fingerprint IS NOT NULL;
       END""",
    """CREATE TRIGGER invoice_lines_insert_clears_fingerprint AFTER INSERT ON invoice_lines BEGIN
         UPDATE invoices SET content_fingerprint = NULL
         WHERE id = NEW.invoice_id AND content_fingerprint IS NOT NULL;
       END""",
)
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION opcms_invoice_line_clears_fingerprint() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  UPDATE invoices SET content_fingerprint = NULL
  WHERE id IN (OLD.invoice_id, CASE WHEN TG_OP = 'UPDATE' THEN NEW.invoice_id END)
    AND content_fingerprint IS NOT NULL;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION opcms_invoice_line_clears_fingerprint() FROM PUBLIC;
DROP TRIGGER IF EXISTS invoice_lines_clear_fingerprint ON invoice_lines;
CREATE TRIGGER invoice_lines_clear_fingerprint AFTER UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION opcms_invoice_line_clears_fingerprint();
CREATE OR REPLACE FUNCTION opcms_invoice_lines_inserted_clear_fingerprint() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  UPDATE invoices SET content_fingerprint = NULL
  WHERE id IN (SELECT invoice_id FROM inserted_lines) AND content_fingerprint IS NOT NULL;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION opcms_invoice_lines_inserted_clear_fingerprint() FROM PUBLIC;
DROP TRIGGER IF EXISTS invoice_lines_insert_clears_fingerprint ON invoice_lines;
-- once per statement (a COPY of a whole run's lines calls it once), over the rows it inserted
CREATE TRIGGER invoice_lines_insert_clears_fingerprint AFTER INSERT ON invoice_lines
  REFERENCING NEW TABLE AS inserted_lines
  FOR EACH STATEMENT EXECUTE FUNCTION opcms_invoice_lines_inserted_clear_fingerprint();
"""


def upgrade() -> None:
    # A plain nullable column: ADD COLUMN on both databases, no table rebuild on SQLite.
    op.add_column("invoices", sa.Column("content_fingerprint", sa.String(length=32), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.dialect.identifier_preparer.quote(str(bind.exec_driver_sql("SELECT current_schema()").scalar()))
        bind.exec_driver_sql(PG_FUNCTION.format(schema=schema))
    else:
        for statement in SQLITE_TRIGGERS:
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS invoice_lines_clear_fingerprint ON invoice_lines")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS invoice_lines_insert_clears_fingerprint ON invoice_lines")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS opcms_invoice_lines_inserted_clear_fingerprint()")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS opcms_invoice_line_clears_fingerprint()")
    else:
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS invoice_lines_update_clears_fingerprint")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS invoice_lines_delete_clears_fingerprint")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS invoice_lines_insert_clears_fingerprint")
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("content_fingerprint")
