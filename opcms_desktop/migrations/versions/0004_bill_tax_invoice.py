"""bills: the tax invoice (发票) recorded next to a bill: its number and date, entered by hand

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain nullable columns: ADD COLUMN on both databases, no table rebuild on SQLite. Row-level
    # security and grants are per table (services/security/pg_security.py), so nothing else changes.
    op.add_column("invoices", sa.Column("tax_invoice_number", sa.String(length=40), nullable=True))
    op.add_column("invoices", sa.Column("tax_invoice_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("tax_invoice_date")
        batch.drop_column("tax_invoice_number")
