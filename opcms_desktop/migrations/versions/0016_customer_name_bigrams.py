"""customer list at 1,000,000 rows: a bigram index for 1-2 character name searches on PostgreSQL

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


# PostgreSQL: 1-2 character name searches (置业) through a GIN index on the name's bigrams; pg_trgm's index
# needs 3 characters. The function must stay IMMUTABLE and match services/customers/search.py.
CUSTOMER_LIST_UP = [
    """CREATE FUNCTION customer_name_bigrams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
             FROM generate_series(1, char_length(name) - 1) AS i $$""",
    "CREATE INDEX ix_customers_name_bigrams ON customers USING gin (customer_name_bigrams(name))",
]
CUSTOMER_LIST_DOWN = [
    "DROP INDEX IF EXISTS ix_customers_name_bigrams",
    "DROP FUNCTION IF EXISTS customer_name_bigrams(text)",
]


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in CUSTOMER_LIST_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in CUSTOMER_LIST_DOWN:
            op.execute(statement)
