"""dunning, work orders with SLA, automation rules and their log

Revision ID: 0010
Revises: 0009

- dunning_levels (seeded -3, 1, 15, 30, 60 days from the due date), dunning_records (unique per bill and
  level, so two runners cannot dun twice), dunning_holds (a disputed bill is skipped).
- sla_rules (seeded per type and priority), tickets (工单) and ticket_notes.
- automation_rules (three built-ins, all off), rule_executions (the run log), rule_once (idempotency
  keys, unique per rule, customer and period/event), job_locks (one runner at a time).
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)

DUNNING_LEVELS = [(-3, True, False), (1, True, False), (15, True, True), (30, True, True), (60, True, True)]
TICKET_TYPES = ("complaint", "billing_question", "renewal", "technical", "other")
# priority: (first response, resolution) in minutes
SLA_MINUTES = {"urgent": (60, 480), "high": (240, 1440), "normal": (480, 4320), "low": (1440, 10080)}
BUILTIN_RULES = [
    ("monthly-bill-run", "每月 1 日生成账单草稿", "monthly 1 06:00", None, [{"type": "bill_run_drafts"}]),
    ("daily-dunning", "每日催款", "daily 06:00", None, [{"type": "dunning_run"}]),
    ("dormant-after-60-days", "60 天无用量转休眠", "daily 06:00", {"no_usage_days": 60},
     [{"type": "set_status", "status": "dormant"}, {"type": "followup", "content": "客户 60 天无用量，已转为休眠"}]),
]


def _created_at() -> sa.Column:
    return sa.Column("created_at", TS, server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False)


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}",
                                   ondelete=ondelete)


def upgrade() -> None:
    levels = op.create_table(
        "dunning_levels",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("creates_followup", sa.Boolean(), nullable=False),
        sa.Column("sends_letter", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dunning_levels"),
        sa.UniqueConstraint("days", name="uq_dunning_levels_days"),
    )
    op.create_table(
        "dunning_records",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("invoice_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("level_days", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("balance", sa.String(length=20), nullable=False),
        sa.Column("followup_id", ID_TYPE, nullable=True),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        _fk("dunning_records", "invoice_id", "invoices"),
        _fk("dunning_records", "customer_id", "customers"),
        _fk("dunning_records", "followup_id", "followups"),
        _fk("dunning_records", "created_by", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_dunning_records"),
        sa.UniqueConstraint("invoice_id", "level_days", name="uq_dunning_records_invoice_id_level_days"),
    )
    op.create_index("ix_dunning_records_invoice_id", "dunning_records", ["invoice_id"])
    op.create_index("ix_dunning_records_customer_id", "dunning_records", ["customer_id"])
    op.create_table(
        "dunning_holds",
        sa.Column("invoice_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("on_hold", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_by", ID_TYPE, nullable=True),
        sa.Column("changed_at", TS, server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        _fk("dunning_holds", "invoice_id", "invoices"),
        _fk("dunning_holds", "customer_id", "customers"),
        _fk("dunning_holds", "changed_by", "users"),
        sa.PrimaryKeyConstraint("invoice_id", name="pk_dunning_holds"),
    )
    op.create_index("ix_dunning_holds_customer_id", "dunning_holds", ["customer_id"])

    sla = op.create_table(
        "sla_rules",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("ticket_type", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sla_rules"),
        sa.UniqueConstraint("ticket_type", "priority", name="uq_sla_rules_ticket_type_priority"),
    )
    op.create_table(
        "tickets",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("contact_id", ID_TYPE, nullable=True),
        sa.Column("ticket_type", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("assignee_id", ID_TYPE, nullable=True),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("first_response_due", TS, nullable=False),
        sa.Column("resolution_due", TS, nullable=False),
        sa.Column("responded_at", TS, nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("paused_since", TS, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("paused_seconds >= 0", name="ck_tickets_paused_non_negative"),
        _fk("tickets", "customer_id", "customers"),
        _fk("tickets", "contact_id", "contacts"),
        _fk("tickets", "assignee_id", "users"),
        _fk("tickets", "created_by", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
    )
    op.create_index("ix_tickets_customer_id", "tickets", ["customer_id"])
    op.create_index("ix_tickets_assignee_id", "tickets", ["assignee_id"])
    op.create_index("ix_tickets_status_resolution_due", "tickets", ["status", "resolution_due"])
    op.create_table(
        "ticket_notes",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("ticket_id", ID_TYPE, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("author_id", ID_TYPE, nullable=True),
        sa.Column("status_from", sa.String(length=24), nullable=True),
        sa.Column("status_to", sa.String(length=24), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _fk("ticket_notes", "ticket_id", "tickets", ondelete="CASCADE"),
        _fk("ticket_notes", "author_id", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_notes"),
    )
    op.create_index("ix_ticket_notes_ticket_id", "ticket_notes", ["ticket_id"])

    rules = op.create_table(
        "automation_rules",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("trigger_kind", sa.String(length=10), nullable=False),
        sa.Column("schedule", sa.String(length=40), nullable=True),
        sa.Column("event", sa.String(length=30), nullable=True),
        sa.Column("condition", sa.JSON(), nullable=True),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("last_run_at", TS, nullable=True),
        sa.Column("created_by", ID_TYPE, nullable=True),
        _created_at(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("trigger_kind IN ('schedule','event')", name="ck_automation_rules_trigger_known"),
        _fk("automation_rules", "created_by", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_automation_rules"),
        sa.UniqueConstraint("name", name="uq_automation_rules_name"),
    )
    op.create_table(
        "rule_executions",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("rule_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=True),
        sa.Column("period_key", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        _fk("rule_executions", "rule_id", "automation_rules", ondelete="CASCADE"),
        _fk("rule_executions", "customer_id", "customers"),
        sa.PrimaryKeyConstraint("id", name="pk_rule_executions"),
    )
    op.create_index("ix_rule_executions_at", "rule_executions", ["at"])
    op.create_index("ix_rule_executions_rule_id", "rule_executions", ["rule_id"])
    op.create_index("ix_rule_executions_customer_id", "rule_executions", ["customer_id"])
    op.create_table(
        "rule_once",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("rule_id", ID_TYPE, nullable=False),
        sa.Column("customer_key", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=60), nullable=False),
        _created_at(),
        _fk("rule_once", "rule_id", "automation_rules", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_rule_once"),
        sa.UniqueConstraint("rule_id", "customer_key", "period_key",
                            name="uq_rule_once_rule_id_customer_key_period_key"),
    )
    op.create_table(
        "job_locks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=True),
        sa.Column("acquired_at", TS, nullable=True),
        sa.Column("expires_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("name", name="pk_job_locks"),
    )

    op.bulk_insert(levels, [{"days": d, "creates_followup": f, "sends_letter": letter}
                            for d, f, letter in DUNNING_LEVELS])
    op.bulk_insert(sla, [{"ticket_type": t, "priority": p, "first_response_minutes": first,
                          "resolution_minutes": resolve}
                         for t in TICKET_TYPES for p, (first, resolve) in SLA_MINUTES.items()])
    op.bulk_insert(rules, [{"name": name, "label": label, "builtin": True, "enabled": False,
                            "trigger_kind": "schedule", "schedule": schedule, "event": None,
                            "condition": condition, "actions": actions, "version": 1}
                           for name, label, schedule, condition, actions in BUILTIN_RULES])


def downgrade() -> None:
    for table in ("job_locks", "rule_once", "rule_executions", "automation_rules", "ticket_notes", "tickets",
                  "sla_rules", "dunning_holds", "dunning_records", "dunning_levels"):
        op.drop_table(table)
