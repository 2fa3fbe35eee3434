"""covering indexes for insight at 100k customers (owned by the insight work; see models/insight.py)

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_usage_monthly_period_customer_shoots", "usage_monthly",
     ["period", "customer_id", "series", "single_shoots", "multi_shoots"]),
    ("ix_usage_monthly_customer_shoots", "usage_monthly",
     ["customer_id", "period", "series", "single_shoots", "multi_shoots"]),
    ("ix_invoices_issue_due_amounts", "invoices",
     ["issue_date", "due_date", "status", "total", "id", "customer_id"]),
    ("ix_invoices_customer_period_amounts", "invoices",
     ["customer_id", "period", "status", "due_date", "total", "id"]),
    ("ix_allocations_invoice_amounts", "allocations", ["invoice_id", "reversed_at", "allocated_on", "amount"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
