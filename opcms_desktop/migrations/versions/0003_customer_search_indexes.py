"""customer search indexes: full pinyin prefix, and trigram substring search of names on PostgreSQL

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_name_pinyin", "customers", ["name_pinyin"])
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension: the database owner running `opcms init` may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index("ix_customers_name_trgm", "customers", ["name"], postgresql_using="gin",
                        postgresql_ops={"name": "gin_trgm_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_customers_name_trgm", table_name="customers")
    op.drop_index("ix_customers_name_pinyin", table_name="customers")
