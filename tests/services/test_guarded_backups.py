"""The desktop's risky operations back the SQLite file up first (services/maintenance/guarded.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opcms_desktop.services.maintenance.files import backups_folder, is_sqlite_target, sqlite_path
from opcms_desktop.services.maintenance.guarded import (
    generate_bill_run_after_backup,
    import_customers_after_backup,
)
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.errors import OpcmsError, PermissionDenied

from ..factories import Factory
from ..sheets import write_sheet


def _taken(engine, reason: str) -> list[str]:
    if not is_sqlite_target(engine):
        return []
    folder = backups_folder(sqlite_path(engine))
    return sorted(p.name for p in folder.glob(f"*-before-{reason}.db")) if folder.is_dir() else []


@pytest.fixture
def actors(fresh_factory):
    with session_scope(fresh_factory) as session:
        make = Factory(session)
        return make.actor("guard_admin", "admin", "管理员"), make.actor("guard_sales", "sales", "销售")


def test_import_backs_up_then_imports(fresh_engine, fresh_factory, actors, tmp_path):
    admin, _sales = actors
    sheet = write_sheet(tmp_path / "c.xlsx", ["公司id", "公司名称"], [[8101, "守护甲"], [8102, "守护乙"]])
    with session_scope(fresh_factory) as session:
        result = import_customers_after_backup(session, admin, sheet, owner_choices={})
    assert (result.inserted, result.rejected) == (2, 0)
    expected = 1 if is_sqlite_target(fresh_engine) else 0  # PostgreSQL: the server's backups apply
    assert len(_taken(fresh_engine, "customer-import")) == expected


def test_bill_run_backs_up_then_runs(fresh_engine, fresh_factory, actors):
    admin, _sales = actors
    with session_scope(fresh_factory) as session:
        result = generate_bill_run_after_backup(session, admin, "2025-03")
    assert result.period == "2025-03" and result.created == 0
    assert len(_taken(fresh_engine, "bill-run")) == (1 if is_sqlite_target(fresh_engine) else 0)


def test_refused_calls_take_no_backup(fresh_engine, fresh_factory, actors, tmp_path):
    admin, sales = actors
    with pytest.raises(PermissionDenied), session_scope(fresh_factory) as session:
        import_customers_after_backup(session, sales, Path(tmp_path / "none.xlsx"), owner_choices={})
    with pytest.raises(PermissionDenied), session_scope(fresh_factory) as session:
        generate_bill_run_after_backup(session, sales, "2025-03")
    with pytest.raises(OpcmsError) as bad, session_scope(fresh_factory) as session:
        generate_bill_run_after_backup(session, admin, "2025-13")
    assert bad.value.code.startswith("period.")
    assert _taken(fresh_engine, "customer-import") == [] and _taken(fresh_engine, "bill-run") == []
