"""The dashboard's company-wide totals (migration 0022) under PostgreSQL enforcement (plain psycopg logins):
a sales login can neither read nor write them nor call their trigger functions; an admin login's usage
write reaches them through the SECURITY DEFINER triggers and the admin reads them.
"""

from __future__ import annotations

import psycopg
import pytest

from .test_pg_attacks import world  # noqa: F401  (the secured database, its admin and sales logins)
from .test_pg_security import connect_as

TABLES = ("money_days", "receivable_changes", "usage_month_totals")
LEDGER_SOURCES = ("invoices", "credit_notes", "receipts", "allocations")


def test_sales_cannot_touch_the_totals_and_a_staff_write_reaches_them(world):  # noqa: F811
    with connect_as(world.engine, world.sales) as conn:
        for statement in [f"SELECT * FROM {table}" for table in TABLES] + [
            "DELETE FROM money_days",
            "UPDATE usage_month_totals SET active_customers = 0",
        ]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
        for function in ("opcms_usage_month_totals", *(f"opcms_{t}_ledger" for t in LEDGER_SOURCES)):
            # a trigger function cannot be called directly anyway: the grant is what is checked
            row = conn.execute("SELECT has_function_privilege(%s, 'EXECUTE')", (f"{function}()",)).fetchone()
            assert row == (False,), function
    with connect_as(world.engine, world.admin) as conn:
        conn.execute(
            "INSERT INTO usage_monthly (customer_id, period, series, single_shoots, multi_shoots, multi_floors,"
            " area, version) VALUES (%s, '2026-03', 'N', 7, 0, 0, 0, 1)",
            (world.customer_id,),
        )
        conn.commit()
        found = conn.execute("SELECT monthly_n, active_customers FROM usage_month_totals WHERE period = '2026-03'")
        assert found.fetchone() == (7, 1)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE money_days SET billed_cents = 0")
