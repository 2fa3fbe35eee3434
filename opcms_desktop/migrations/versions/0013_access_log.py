"""access log, field permissions, export approvals

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", ID, nullable=True),
        sa.Column("username", sa.String(length=63), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_access_log_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_index("ix_access_log_user_at", "access_log", ["user_id", "at"])
    op.create_table(
        "field_permissions",
        sa.Column("id", ID, nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.CheckConstraint(
            "mode IN ('hidden', 'read_only', 'editable')", name=op.f("ck_field_permissions_mode")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_permissions")),
        sa.UniqueConstraint("role", "field", name=op.f("uq_field_permissions_role_field")),
    )
    op.create_table(
        "export_policies",
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("row_threshold", sa.Integer(), nullable=True),
        sa.Column("masked_needs_approval", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_export_policies")),
    )
    op.create_table(
        "export_requests",
        sa.Column("id", ID, nullable=False),
        sa.Column("requested_by", ID, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("masked", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected', 'used')", name=op.f("ck_export_requests_status")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_export_requests_requested_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_export_requests_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_requests")),
    )
    op.create_index("ix_export_requests_status", "export_requests", ["status", "requested_by"])
    op.create_table(
        "access_flags",
        sa.Column("user_id", ID, nullable=False),
        sa.Column("reauth_required", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("set_by", ID, nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_access_flags_user_id_users")),
        sa.ForeignKeyConstraint(["set_by"], ["users.id"], name=op.f("fk_access_flags_set_by_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_access_flags")),
    )


def downgrade() -> None:
    op.drop_table("access_flags")
    op.drop_index("ix_export_requests_status", table_name="export_requests")
    op.drop_table("export_requests")
    op.drop_table("export_policies")
    op.drop_table("field_permissions")
    op.drop_index("ix_access_log_user_at", table_name="access_log")
    op.drop_index("ix_access_log_at", table_name="access_log")
    op.drop_table("access_log")
