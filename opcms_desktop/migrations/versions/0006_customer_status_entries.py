"""customers: the 合作状态 dictionary entry of each customer, and the fields edited in the app since the last import

Revision ID: 0006
Revises: 0005
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FK = "fk_customers_coop_status_id_dictionary_entries"


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def upgrade() -> None:
    bind = op.get_bind()
    id_type = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    if bind.dialect.name == "sqlite":
        # SQLite adds a column with a REFERENCES clause in place (no table rebuild, which would cascade
        # deletes of customer_owners through the foreign keys).
        op.execute("ALTER TABLE customers ADD COLUMN coop_status_id INTEGER "
                   f"CONSTRAINT {FK} REFERENCES dictionary_entries (id)")
    else:
        op.add_column("customers", sa.Column("coop_status_id", id_type, nullable=True))
        op.create_foreign_key(FK, "customers", "dictionary_entries", ["coop_status_id"], ["id"])
    op.create_index("ix_customers_coop_status_id", "customers", ["coop_status_id"])
    op.add_column("customers", sa.Column("app_edited", sa.String(length=400), nullable=True))
    _backfill(bind)


def _backfill(bind: sa.Connection) -> None:
    """Customers imported before: their status text -> the dictionary entry of that label (and its code)."""
    entries = {_key(label): (entry_id, code) for entry_id, label, code in bind.execute(sa.text(
        "SELECT id, label, code FROM dictionary_entries WHERE kind = 'coop_status' ORDER BY sort_order DESC, id DESC"))}
    if not entries:
        return
    updates = []
    for customer_id, raw, code in bind.execute(sa.text(
            "SELECT id, coop_status_raw, coop_status FROM customers WHERE coop_status_raw IS NOT NULL")):
        found = entries.get(_key(re.split(r"[@＠]", raw, maxsplit=1)[0]))
        if found is not None:
            updates.append({"id": customer_id, "entry": found[0], "code": found[1] or code})
    for start in range(0, len(updates), 5000):
        bind.execute(sa.text("UPDATE customers SET coop_status_id = :entry, coop_status = :code WHERE id = :id"),
                     updates[start:start + 5000])


def downgrade() -> None:
    op.drop_index("ix_customers_coop_status_id", table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("app_edited")
        if op.get_bind().dialect.name != "sqlite":
            batch.drop_constraint(FK, type_="foreignkey")
        batch.drop_column("coop_status_id")
