"""customer list at 1,000,000 rows: a bigram index for name substring search on SQLite

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# SQLite: customer_name_bigrams holds one row per distinct 2-character piece of lower(name) (ASCII folding
# only, as SQLite's LIKE); triggers keep it current on every write of customers, whoever writes. It must
# cut names as services/customers/search_index.py bigrams() does. PostgreSQL has its GIN index (0016).
TABLE = "customer_name_bigrams"


def _bigrams_of(name: str) -> str:
    """SELECT of the bigrams of lower(`name`) (an SQL expression), one row each."""
    return (f"WITH RECURSIVE pos(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < length({name}) - 1) "
            f"SELECT substr(lower({name}), n, 2) AS bigram FROM pos WHERE n < length({name})")


def _add(row: str) -> str:
    return (f"INSERT OR IGNORE INTO {TABLE} (bigram, customer_id) "
            f"SELECT bigram, {row}.id FROM ({_bigrams_of(f'{row}.name')});")


def _remove(row: str) -> str:
    return f"DELETE FROM {TABLE} WHERE customer_id = {row}.id AND bigram IN ({_bigrams_of(f'{row}.name')});"


TRIGGERS = {
    "customers_name_bigrams_insert": f"AFTER INSERT ON customers BEGIN {_add('NEW')} END",
    "customers_name_bigrams_update": "AFTER UPDATE OF id, name ON customers "
                                     "WHEN OLD.name IS NOT NEW.name OR OLD.id IS NOT NEW.id "
                                     f"BEGIN {_remove('OLD')} {_add('NEW')} END",
    "customers_name_bigrams_delete": f"AFTER DELETE ON customers BEGIN {_remove('OLD')} END",
}

UP = [
    f"CREATE TABLE {TABLE} (bigram TEXT NOT NULL, customer_id INTEGER NOT NULL, "
    "PRIMARY KEY (bigram, customer_id)) WITHOUT ROWID",
    # Every existing name at once, in key order (a recursive walk over the names, not names x positions).
    f"""INSERT OR IGNORE INTO {TABLE} (bigram, customer_id)
        WITH RECURSIVE piece(id, name, n) AS (
            SELECT id, lower(name), 1 FROM customers WHERE length(name) > 1
            UNION ALL SELECT id, name, n + 1 FROM piece WHERE n < length(name) - 1)
        SELECT substr(name, n, 2), id FROM piece ORDER BY 1, 2""",
    *(f"CREATE TRIGGER {name} {body}" for name, body in TRIGGERS.items()),
]
DOWN = [*(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS), f"DROP TABLE IF EXISTS {TABLE}"]


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for statement in UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for statement in DOWN:
            op.execute(statement)
