"""bills: a replacement bill after a credit note; the bill-run period lock names its holder

Revision ID: 0005
Revises: 0004

- invoices.replaces_invoice_id: the cancelled (credited) bill a replacement bill replaces.
- unique (customer, period, kind) becomes a partial unique index over the bills that are not cancelled
  (uq_invoices_live_customer_period_kind): one live bill per key, a credited period can be billed again.
- billing_period_locks.holder / holder_host / holder_pid / locked_at: who runs the period's bill run on
  SQLite (services/billing/period_lock.py).

SQLite cannot drop a unique constraint in place: the invoices table is rebuilt (batch). Its children
(invoice_lines ON DELETE CASCADE, credit_notes, allocations) would lose rows or refuse when the old table
is dropped with foreign keys enforced, and the pragma does nothing inside a transaction: the rebuild runs
in a transaction of its own with foreign keys off, checked with PRAGMA foreign_key_check before it commits.
"""
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_UNIQUE = "uq_invoices_customer_id_period_kind"
LIVE_UNIQUE = "uq_invoices_live_customer_period_kind"
REPLACES_FK = "fk_invoices_replaces_invoice_id_invoices"
REPLACES_INDEX = "ix_invoices_replaces_invoice_id"
NOT_CANCELLED = sa.text("status <> 'cancelled'")
ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


@contextmanager
def _foreign_keys_off() -> Iterator[None]:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    bind.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        yield
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the invoices rebuild: {broken[:5]}")
        bind.exec_driver_sql("COMMIT")
    except BaseException:
        bind.exec_driver_sql("ROLLBACK")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN IMMEDIATE")  # the transaction the caller still holds and ends
        raise
    bind.exec_driver_sql("PRAGMA foreign_keys=ON")
    bind.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade() -> None:
    op.add_column("billing_period_locks", sa.Column("holder", sa.String(length=100), nullable=True))
    op.add_column("billing_period_locks", sa.Column("holder_host", sa.String(length=255), nullable=True))
    op.add_column("billing_period_locks", sa.Column("holder_pid", sa.Integer(), nullable=True))
    op.add_column("billing_period_locks", sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True))
    with _foreign_keys_off():
        with op.batch_alter_table("invoices", recreate="auto") as batch:
            batch.add_column(sa.Column("replaces_invoice_id", ID_TYPE, nullable=True))
            batch.create_foreign_key(REPLACES_FK, "invoices", ["replaces_invoice_id"], ["id"])
            batch.drop_constraint(OLD_UNIQUE, type_="unique")
        op.create_index(REPLACES_INDEX, "invoices", ["replaces_invoice_id"], unique=False)
        op.create_index(LIVE_UNIQUE, "invoices", ["customer_id", "period", "kind"], unique=True,
                        sqlite_where=NOT_CANCELLED, postgresql_where=NOT_CANCELLED)


def downgrade() -> None:
    # Fails when a period holds a cancelled bill and its replacement (two rows of one key): by design.
    with _foreign_keys_off():
        op.drop_index(LIVE_UNIQUE, table_name="invoices")
        op.drop_index(REPLACES_INDEX, table_name="invoices")
        with op.batch_alter_table("invoices", recreate="auto") as batch:
            batch.drop_constraint(REPLACES_FK, type_="foreignkey")
            batch.drop_column("replaces_invoice_id")
            batch.create_unique_constraint(OLD_UNIQUE, ["customer_id", "period", "kind"])
    with op.batch_alter_table("billing_period_locks") as batch:
        batch.drop_column("locked_at")
        batch.drop_column("holder_pid")
        batch.drop_column("holder")
        batch.drop_column("holder_host")
