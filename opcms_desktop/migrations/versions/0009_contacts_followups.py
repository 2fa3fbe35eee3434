"""contacts, follow-ups and follow-up plans, and the today pane's snoozes

Revision ID: 0009
Revises: 0008

- contacts: the people of a customer; one primary per customer (partial unique index), never deleted.
- followup_plans: one recurring plan per customer (every N days / weeks).
- followups: planned and done follow-ups (跟进记录), with who created them (`source`).
- today_snoozes: an item of a user's today pane hidden until a date.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
IS_PRIMARY = sa.text("is_primary")


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("mobile", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("wechat", sa.String(length=100), nullable=True),
        sa.Column("preferred_channel", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("NOT (is_primary AND NOT active)", name="ck_contacts_primary_is_active"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_contacts_created_by_users"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_contacts_customer_id_customers"),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
    )
    op.create_index("ix_contacts_customer_id", "contacts", ["customer_id"], unique=False)
    op.create_index("uq_contacts_primary_per_customer", "contacts", ["customer_id"], unique=True,
                    sqlite_where=IS_PRIMARY, postgresql_where=IS_PRIMARY)

    op.create_table(
        "followup_plans",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("every_n", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=5), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("assignee_id", ID_TYPE, nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("every_n > 0", name="ck_followup_plans_every_positive"),
        sa.CheckConstraint("unit IN ('day', 'week')", name="ck_followup_plans_unit_known"),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name="fk_followup_plans_assignee_id_users"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_followup_plans_created_by_users"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_followup_plans_customer_id_customers"),
        sa.PrimaryKeyConstraint("id", name="pk_followup_plans"),
        sa.UniqueConstraint("customer_id", name="uq_followup_plans_customer_id"),
    )

    op.create_table(
        "followups",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("contact_id", ID_TYPE, nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("assignee_id", ID_TYPE, nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("plan_id", ID_TYPE, nullable=True),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name="fk_followups_assignee_id_users"),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"], name="fk_followups_contact_id_contacts"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_followups_created_by_users"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_followups_customer_id_customers"),
        sa.ForeignKeyConstraint(["plan_id"], ["followup_plans.id"], name="fk_followups_plan_id_followup_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_followups"),
    )
    op.create_index("ix_followups_assignee_open", "followups", ["assignee_id", "done_at", "due_on"], unique=False)
    op.create_index("ix_followups_customer_due", "followups", ["customer_id", "due_on"], unique=False)
    op.create_index("ix_followups_contact_id", "followups", ["contact_id"], unique=False)
    op.create_index("ix_followups_plan_id", "followups", ["plan_id"], unique=False)

    op.create_table(
        "today_snoozes",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("user_id", ID_TYPE, nullable=False),
        sa.Column("item_kind", sa.String(length=20), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_today_snoozes_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_today_snoozes"),
        sa.UniqueConstraint("user_id", "item_kind", "item_id", name="uq_today_snoozes_user_id_item_kind_item_id"),
    )


def downgrade() -> None:
    op.drop_table("today_snoozes")
    op.drop_index("ix_followups_plan_id", table_name="followups")
    op.drop_index("ix_followups_contact_id", table_name="followups")
    op.drop_index("ix_followups_customer_due", table_name="followups")
    op.drop_index("ix_followups_assignee_open", table_name="followups")
    op.drop_table("followups")
    op.drop_table("followup_plans")
    op.drop_index("uq_contacts_primary_per_customer", table_name="contacts")
    op.drop_index("ix_contacts_customer_id", table_name="contacts")
    op.drop_table("contacts")
