"""PostgreSQL: the statement-trigger functions that read tables a bulk writer is filling plan their
statements on every call (migrations 0021, 0023), so a plan chosen while the tables were nearly empty is
never kept for the rest of the session (it made a first bulk load read every earlier row per statement).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

FUNCTIONS = ("opcms_usage_summary_refresh(bigint[], text[])", "opcms_customers_name_bigrams()")


@pytest.mark.parametrize("function", FUNCTIONS)
def test_the_function_plans_per_call(session, backend, function):
    if backend != "postgresql":
        pytest.skip("PL/pgSQL plan caching")
    config = session.scalar(text("SELECT proconfig FROM pg_proc WHERE oid = CAST(:f AS regprocedure)"),
                            {"f": function})
    assert "plan_cache_mode=force_custom_plan" in (config or []), config
