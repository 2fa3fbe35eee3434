"""the usage summary's refresh (migration 0019) plans its statements on every call, on PostgreSQL

PL/pgSQL caches a plan per statement for the rest of the session and, after five calls, may keep a
generic plan chosen for the tables as they were then. A session that writes usage in many statements
into a nearly empty database (a first import, the demo, a database copy) got plans that scan
usage_monthly and usage_orders whole, and kept them while the tables grew in the same transaction: each
statement then read every row written before it. Seeding 10,000 customers' usage took 111 s, 43 s when
planned per call (the statements are few and grouped, so planning costs little). plan_cache_mode is set
on the function, so it holds for its statements only.

Revision ID: 0023
Revises: 0022
"""
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

FUNCTION = "opcms_usage_summary_refresh(bigint[], text[])"


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER FUNCTION {FUNCTION} SET plan_cache_mode = force_custom_plan")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER FUNCTION {FUNCTION} RESET plan_cache_mode")
