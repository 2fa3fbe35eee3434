"""the dashboard's company-wide totals, kept by triggers: a money ledger by day and usage per month
(models/receivable_ledger.py, models/usage_month_totals.py; dashboard at scale)

money_days holds per day the amount billed and received; receivable_changes per day and due day how the
AR aging report's outstanding amount changes (a bill adds its total on its issue day; an allocation takes
its amount off on its day, or the bill's issue day if later; a credit note takes the bill off on the day
of its first credit note, putting back the allocations it had counted). Row triggers on invoices,
credit_notes, receipts and allocations take a changed row's old contribution off and add the new one, on
both databases, so no writer can leave the ledger stale:
- a bill's contribution depends on its first credit note's day, so on PostgreSQL, which fires AFTER ROW
  triggers only once a statement has written all its rows, the credit-note trigger is a BEFORE ROW one:
  it sees exactly the rows its statement wrote before it (several credit notes of one bill in one
  statement count one after the other, as SQLite's row triggers do);
- a bill's contribution depends on its credit day and allocations, so a trigger on a credit note or an
  allocation first locks its bill's row on PostgreSQL (FOR NO KEY UPDATE): two writers of one bill then
  run one after the other, and in READ COMMITTED the second one's statements see the first one's commit;
- the functions are SECURITY DEFINER (owned by the table owner): application logins only read the totals
  (grants in services/security/pg_security.py: company-wide, so admins and staff, never sales).
usage_month_totals holds per month the monthly summaries' shoots per series and the customers with
shoots, added up from usage_customer_months (migration 0019) by triggers on it: row triggers on SQLite,
statement triggers on PostgreSQL that add a statement's rows per month in month order.
The upgrade fills the tables from the rows, the ledger with the triggers' own statements over every bill.

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

LIVE = "('issued', 'cancelled')"  # what the AR aging report counts (cancelled: until its credit note)
SOURCES = ("invoices", "credit_notes", "receipts", "allocations")


class Dialect:
    def __init__(self, postgresql: bool) -> None:
        self.pg = postgresql
        self.no_due = "DATE '9999-12-31'" if postgresql else "'9999-12-31'"

    def later(self, a: str, b: str) -> str:
        return f"GREATEST({a}, {b})" if self.pg else f"max({a}, {b})"

    def cents(self, amount: str) -> str:
        return f"CAST(ROUND({amount} * 100) AS BIGINT)" if self.pg else f"CAST(ROUND({amount} * 100) AS INTEGER)"


def _bill(d: Dialect, source: str, where: str, credit: str, sign: str) -> str:
    """Live bills as k(id, issued, due, signed cents, sign, credit day): `source` is a FROM item aliased b."""
    where = f"{where} AND " if where else ""
    return (
        f"(SELECT b.id AS id, b.issue_date AS issued, COALESCE(b.due_date, {d.no_due}) AS due,"
        f" {sign} * {d.cents('b.total')} AS total, {sign} AS s, {credit} AS c"
        f" FROM {source} WHERE {where}b.status IN {LIVE} AND b.issue_date IS NOT NULL) AS k"
    )


def _credit_day(bill_id: str) -> str:
    return f"(SELECT MIN(cn.issue_date) FROM credit_notes AS cn WHERE cn.invoice_id = {bill_id})"


def _add_changes(select: str) -> str:
    return (
        "INSERT INTO receivable_changes (day, due_day, amount_cents)"
        f" SELECT e.day, e.due_day, SUM(e.delta) FROM ({select}) AS e WHERE true GROUP BY e.day, e.due_day"
        " ON CONFLICT (day, due_day) DO UPDATE SET amount_cents = receivable_changes.amount_cents"
        " + excluded.amount_cents"
    )


def bill_changes(d: Dialect, source: str, where: str, credit: str, sign: str) -> str:
    """The changes of the bills of `source` with their current allocations and the credit day `credit`
    (the backfill runs it over every bill)."""
    k = _bill(d, source, where, credit, sign)
    allocated = d.later("a.allocated_on", "k.issued")
    allocations = f"{k} JOIN allocations AS a ON a.invoice_id = k.id AND a.reversed_at IS NULL"
    return _add_changes(
        f"SELECT k.issued AS day, k.due AS due_day, k.total AS delta FROM {k}"
        f" UNION ALL SELECT {d.later('k.c', 'k.issued')}, k.due, -k.total FROM {k} WHERE k.c IS NOT NULL"
        f" UNION ALL SELECT {allocated}, k.due, -k.s * {d.cents('a.amount')} FROM {allocations}"
        f" WHERE k.c IS NULL OR {allocated} < k.c"
        f" UNION ALL SELECT k.c, k.due, k.s * {d.cents('a.amount')} FROM {allocations}"
        f" WHERE k.c IS NOT NULL AND {allocated} < k.c"
    )


def allocation_changes(d: Dialect, row: str, sign: str) -> str:
    """The changes of one allocation (`row`: OLD or NEW) on its bill as it stands."""
    k = _bill(d, "invoices AS b", f"b.id = {row}.invoice_id", _credit_day("b.id"), sign)
    allocated = d.later(f"{row}.allocated_on", "k.issued")
    amount = f"k.s * {d.cents(f'{row}.amount')}"
    active = f"{row}.reversed_at IS NULL"
    return _add_changes(
        f"SELECT {allocated} AS day, k.due AS due_day, -{amount} AS delta FROM {k}"
        f" WHERE {active} AND (k.c IS NULL OR {allocated} < k.c)"
        f" UNION ALL SELECT k.c, k.due, {amount} FROM {k}"
        f" WHERE {active} AND k.c IS NOT NULL AND {allocated} < k.c"
    )


def _add_money(day: str, billed: str, received: str, where: str) -> str:
    return (
        f"INSERT INTO money_days (day, billed_cents, received_cents) SELECT {day}, {billed}, {received}"
        f" WHERE {where} ON CONFLICT (day) DO UPDATE SET billed_cents = money_days.billed_cents"
        " + excluded.billed_cents, received_cents = money_days.received_cents + excluded.received_cents"
    )


def money_changes(d: Dialect, table: str, row: str, sign: str) -> str:
    if table == "invoices":
        return _add_money(f"{row}.issue_date", f"{sign} * {d.cents(f'{row}.total')}", "0",
                          f"{row}.status IN {LIVE} AND {row}.issue_date IS NOT NULL")
    if table == "credit_notes":
        return _add_money(f"{row}.issue_date", f"{sign} * {d.cents(f'{row}.total')}", "0", "true")
    return _add_money(f"{row}.receipt_date", "0", f"{sign} * {d.cents(f'{row}.amount')}", "true")


def money_truth(d: Dialect) -> str:
    """Every day's amounts from the rows (the backfill)."""
    return (
        "INSERT INTO money_days (day, billed_cents, received_cents) SELECT u.day, SUM(u.billed), SUM(u.received)"
        f" FROM (SELECT issue_date AS day, {d.cents('total')} AS billed, 0 AS received FROM invoices"
        f" WHERE status IN {LIVE} AND issue_date IS NOT NULL"
        f" UNION ALL SELECT issue_date, {d.cents('total')}, 0 FROM credit_notes"
        f" UNION ALL SELECT receipt_date, 0, {d.cents('amount')} FROM receipts) AS u GROUP BY u.day"
    )


def _row_bill(row: str) -> str:
    columns = ", ".join(f"{row}.{c} AS {c}" for c in ("id", "status", "issue_date", "due_date", "total"))
    return f"(SELECT {columns}) AS b"


def _credit_day_before(invoice: str, event: str) -> str:
    """SQLite (AFTER ROW, fired row by row): the bill's credit day before this change of credit_notes, its
    rows now with the change undone."""
    changed = "NEW" if event == "insert" else "OLD" if event == "delete" else "NEW"
    rows = f"SELECT cn.issue_date AS d FROM credit_notes AS cn WHERE cn.invoice_id = {invoice} AND cn.id <> {changed}.id"
    if event != "insert":
        rows += f" UNION ALL SELECT OLD.issue_date WHERE OLD.invoice_id = {invoice}"
    return f"(SELECT MIN(x.d) FROM ({rows}) AS x)"


def _credit_day_after(invoice: str, event: str) -> str:
    """PostgreSQL (BEFORE ROW): the bill's credit day once this change is made, its rows now with it done.
    PostgreSQL fires AFTER ROW triggers at the end of the statement, when every row of a multi-row statement
    is in the table, so `_credit_day_before` would count a row's siblings as already there; a BEFORE ROW
    trigger sees exactly the rows the statement processed before it."""
    rows = f"SELECT cn.issue_date AS d FROM credit_notes AS cn WHERE cn.invoice_id = {invoice}"
    if event != "insert":
        rows += " AND cn.id <> OLD.id"
    if event != "delete":
        rows += f" UNION ALL SELECT NEW.issue_date WHERE NEW.invoice_id = {invoice}"
    return f"(SELECT MIN(x.d) FROM ({rows}) AS x)"


def _credit_recount(d: Dialect, invoice: str, event: str, extra: str = "") -> list[str]:
    where = f"b.id = {invoice}{extra}"
    before, after = (
        (_credit_day("b.id"), _credit_day_after(invoice, event)) if d.pg
        else (_credit_day_before(invoice, event), _credit_day("b.id"))
    )
    return [bill_changes(d, "invoices AS b", where, before, "-1"), bill_changes(d, "invoices AS b", where, after, "1")]


def statements(d: Dialect, table: str, event: str) -> list[str]:
    """What a trigger on `table` runs for one row and `event` (insert, update, delete)."""
    rows = {"insert": ["NEW"], "delete": ["OLD"], "update": ["OLD", "NEW"]}[event]
    sign = {"OLD": "-1", "NEW": "1"}
    out: list[str] = []
    if table in ("invoices", "credit_notes", "receipts"):
        out += [money_changes(d, table, row, sign[row]) for row in rows]
    if table == "invoices":
        out += [bill_changes(d, _row_bill(row), "", _credit_day(f"{row}.id"), sign[row]) for row in rows]
    elif table == "allocations":
        out += [allocation_changes(d, row, sign[row]) for row in rows]
    elif table == "credit_notes":
        out += _credit_recount(d, "NEW.invoice_id" if event == "insert" else "OLD.invoice_id", event)
        if event == "update":  # moved to another bill: that bill's credit day changes too
            out += _credit_recount(d, "NEW.invoice_id", event, " AND NEW.invoice_id <> OLD.invoice_id")
    return out


USAGE_TOTALS = "usage_month_totals"
USAGE_COLUMNS = "period, monthly_x, monthly_n, monthly_l, active_customers"
USAGE_ADDED = ", ".join(f"{c} = {USAGE_TOTALS}.{c} + excluded.{c}" for c in USAGE_COLUMNS.split(", ")[1:])


def usage_rows(source: str, sign: str) -> str:
    """(p, x, n, l, a): period, shoots per series and 1 if the customer-month has shoots, of the rows of
    `source` (a FROM item, or OLD / NEW in a row trigger), signed."""
    row = f"{source}." if source in ("OLD", "NEW") else "m."
    columns = (
        f"{row}period AS p, {sign} * {row}monthly_x AS x, {sign} * {row}monthly_n AS n,"
        f" {sign} * {row}monthly_l AS l, {sign} * CASE WHEN {row}shoots > 0 THEN 1 ELSE 0 END AS a"
    )
    return f"SELECT {columns}" if source in ("OLD", "NEW") else f"SELECT {columns} FROM {source} AS m"


def usage_totals(select: str) -> str:
    return (
        f"INSERT INTO {USAGE_TOTALS} ({USAGE_COLUMNS}) SELECT u.p, SUM(u.x), SUM(u.n), SUM(u.l), SUM(u.a)"
        f" FROM ({select}) AS u WHERE true GROUP BY u.p ORDER BY u.p"
        f" ON CONFLICT (period) DO UPDATE SET {USAGE_ADDED}"
    )


_USAGE_WATCHED = "period, monthly_x, monthly_n, monthly_l, shoots"


def _sqlite_usage_triggers() -> list[str]:
    events = {
        "insert": ("INSERT", [usage_rows("NEW", "1")]),
        "update": (f"UPDATE OF {_USAGE_WATCHED}", [usage_rows("OLD", "-1"), usage_rows("NEW", "1")]),
        "delete": ("DELETE", [usage_rows("OLD", "-1")]),
    }
    return [
        f"CREATE TRIGGER opcms_usage_month_totals_{event} AFTER {when} ON usage_customer_months BEGIN\n  "
        + usage_totals(" UNION ALL ".join(rows)) + ";\nEND"
        for event, (when, rows) in events.items()
    ]


_PG_USAGE = """
CREATE OR REPLACE FUNCTION opcms_usage_month_totals() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {insert};
  ELSIF TG_OP = 'UPDATE' THEN
    {update};
  ELSE
    {delete};
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION opcms_usage_month_totals() FROM PUBLIC;
CREATE TRIGGER opcms_usage_month_totals_insert AFTER INSERT ON usage_customer_months
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opcms_usage_month_totals();
CREATE TRIGGER opcms_usage_month_totals_update AFTER UPDATE ON usage_customer_months
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION opcms_usage_month_totals();
CREATE TRIGGER opcms_usage_month_totals_delete AFTER DELETE ON usage_customer_months
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION opcms_usage_month_totals();
"""


def _pg_usage(schema: str) -> str:
    return (
        _PG_USAGE.replace("{schema}", schema)
        .replace("{insert}", usage_totals(usage_rows("new_rows", "1")))
        .replace("{update}", usage_totals(f"{usage_rows('old_rows', '-1')} UNION ALL {usage_rows('new_rows', '1')}"))
        .replace("{delete}", usage_totals(usage_rows("old_rows", "-1")))
    )


# the columns a trigger's statements read: an update of none of them changes nothing in the ledger
WATCHED = {
    "invoices": "status, issue_date, due_date, total",
    "credit_notes": "invoice_id, issue_date, total",
    "receipts": "receipt_date, amount",
    "allocations": "invoice_id, amount, allocated_on, reversed_at",
}


def _sqlite_triggers() -> list[str]:
    d, out = Dialect(False), []
    for table in SOURCES:
        for event in ("insert", "update", "delete"):
            when = f"UPDATE OF {WATCHED[table]}" if event == "update" else event.upper()
            body = "".join(f"\n  {s};" for s in statements(d, table, event))
            out.append(f"CREATE TRIGGER opcms_{table}_ledger_{event} AFTER {when} ON {table} BEGIN{body}\nEND")
    return out


def _pg_function(table: str, schema: str) -> str:
    d = Dialect(True)
    before = table == "credit_notes"  # see _credit_day_after
    branches = []
    for event in ("insert", "update", "delete"):
        body = "".join(f"\n    {s};" for s in statements(d, table, event))
        if table in ("credit_notes", "allocations"):  # one writer of a bill at a time (module doc)
            ids = {"insert": "NEW.invoice_id", "delete": "OLD.invoice_id"}.get(event, "OLD.invoice_id, NEW.invoice_id")
            body = f"\n    PERFORM 1 FROM invoices WHERE id IN ({ids}) ORDER BY id FOR NO KEY UPDATE;{body}"
        if before:  # a BEFORE trigger returns the row it lets through
            body += f"\n    RETURN {'OLD' if event == 'delete' else 'NEW'};"
        branches.append(f"TG_OP = '{event.upper()}' THEN{body}")
    when = "BEFORE" if before else "AFTER"
    return (
        f"CREATE OR REPLACE FUNCTION opcms_{table}_ledger() RETURNS trigger\n"
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp\nAS $$\nBEGIN\n"
        f"  IF {branches[0]}\n  ELSIF {branches[1]}\n  ELSE{branches[2].split('THEN', 1)[1]}\n  END IF;\n"
        "  RETURN NULL;\nEND\n$$;\n"
        f"REVOKE ALL ON FUNCTION opcms_{table}_ledger() FROM PUBLIC;\n"
        f"CREATE TRIGGER opcms_{table}_ledger_insert {when} INSERT ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION opcms_{table}_ledger();\n"
        f"CREATE TRIGGER opcms_{table}_ledger_update {when} UPDATE OF {WATCHED[table]} ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION opcms_{table}_ledger();\n"
        f"CREATE TRIGGER opcms_{table}_ledger_delete {when} DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION opcms_{table}_ledger();\n"
    )


def upgrade() -> None:
    op.create_table(
        "money_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("billed_cents", sa.BigInteger(), nullable=False),
        sa.Column("received_cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_money_days")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "receivable_changes",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("due_day", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "due_day", name=op.f("pk_receivable_changes")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        USAGE_TOTALS,
        sa.Column("period", sa.String(length=7), nullable=False),
        *(sa.Column(c, sa.BigInteger(), nullable=False) for c in USAGE_COLUMNS.split(", ")[1:]),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_usage_month_totals")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    d = Dialect(bind.dialect.name == "postgresql")
    op.execute(money_truth(d))
    op.execute(bill_changes(d, "invoices AS b", "", _credit_day("b.id"), "1"))
    op.execute(usage_totals(usage_rows("usage_customer_months", "1")))
    if not d.pg:
        for statement in _sqlite_triggers() + _sqlite_usage_triggers():
            op.execute(statement)
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    for table in SOURCES:
        bind.exec_driver_sql(_pg_function(table, quoted))
    bind.exec_driver_sql(_pg_usage(quoted))
    installed = bind.exec_driver_sql("SELECT 1 FROM settings WHERE key = 'pg_security.installed'").scalar()
    if installed:  # what services/security/pg_security.py grants on install, for a database installed before
        bind.exec_driver_sql(
            f"GRANT SELECT ON money_days, receivable_changes, {USAGE_TOTALS} TO opcms_admin, opcms_ops"
        )


def downgrade() -> None:
    bind = op.get_bind()
    for event in ("insert", "update", "delete"):
        on = " ON usage_customer_months" if bind.dialect.name == "postgresql" else ""
        op.execute(f"DROP TRIGGER IF EXISTS opcms_usage_month_totals_{event}{on}")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS opcms_usage_month_totals()")
    op.drop_table(USAGE_TOTALS)
    for table in SOURCES:
        for event in ("insert", "update", "delete"):
            on = f" ON {table}" if bind.dialect.name == "postgresql" else ""
            op.execute(f"DROP TRIGGER IF EXISTS opcms_{table}_ledger_{event}{on}")
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP FUNCTION IF EXISTS opcms_{table}_ledger()")
    op.drop_table("receivable_changes")
    op.drop_table("money_days")
