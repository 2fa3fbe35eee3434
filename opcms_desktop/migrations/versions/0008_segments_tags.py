"""segments and tags: saved segments with static snapshots, tags, customer tags and tag rules

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "segments",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("owner_id", ID, nullable=True),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("condition", sa.JSON(), nullable=False),
        _created_at(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_segments_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
        sa.UniqueConstraint("name", name=op.f("uq_segments_name")),
    )
    op.create_index(op.f("ix_segments_owner_id"), "segments", ["owner_id"])
    op.create_table(
        "segment_snapshots",
        sa.Column("id", ID, nullable=False),
        sa.Column("segment_id", ID, nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("taken_by", ID, nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], name=op.f("fk_segment_snapshots_segment_id_segments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["taken_by"], ["users.id"], name=op.f("fk_segment_snapshots_taken_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_snapshots")),
    )
    op.create_index("ix_segment_snapshots_segment_taken", "segment_snapshots", ["segment_id", "taken_on"])
    op.create_table(
        "segment_snapshot_members",
        sa.Column("snapshot_id", ID, nullable=False),
        sa.Column("customer_id", ID, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_segment_snapshot_members_customer_id_customers"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["snapshot_id"], ["segment_snapshots.id"],
                                name=op.f("fk_segment_snapshot_members_snapshot_id_segment_snapshots"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("snapshot_id", "customer_id", name=op.f("pk_segment_snapshot_members")),
    )
    op.create_index(op.f("ix_segment_snapshot_members_customer_id"), "segment_snapshot_members", ["customer_id"])
    op.create_table(
        "tags",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "customer_tags",
        sa.Column("id", ID, nullable=False),
        sa.Column("customer_id", ID, nullable=False),
        sa.Column("tag_id", ID, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_customer_tags_customer_id_customers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["tags.id"], name=op.f("fk_customer_tags_tag_id_tags"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_tags")),
        sa.UniqueConstraint("customer_id", "tag_id", name=op.f("uq_customer_tags_customer_id_tag_id")),
    )
    op.create_index("ix_customer_tags_tag_customer", "customer_tags", ["tag_id", "customer_id"])
    op.create_table(
        "tag_rules",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("tag_id", ID, nullable=False),
        sa.Column("condition", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created_at(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["tag_id"], ["tags.id"], name=op.f("fk_tag_rules_tag_id_tags"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag_rules")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_rules_name")),
    )
    op.create_index(op.f("ix_tag_rules_tag_id"), "tag_rules", ["tag_id"])


def downgrade() -> None:
    op.drop_table("tag_rules")
    op.drop_table("customer_tags")
    op.drop_table("tags")
    op.drop_table("segment_snapshot_members")
    op.drop_table("segment_snapshots")
    op.drop_table("segments")
