"""The streamed customer import (issue 13 items 3, 5): a big sheet read a slice at a time, written batch by
batch in one transaction, its per-row report spilled to disk; the results equal reading it whole."""

import contextlib
import datetime as dt
import json
import random
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from opcms_desktop.models import AuditEntry, Customer, CustomerOwner, DictionaryEntry, PricePlan
from opcms_desktop.services.customers import import_report, import_slices
from opcms_desktop.services.customers import sheet_import as streamed
from opcms_desktop.services.customers.error_report import write_error_report
from opcms_desktop.services.customers.import_report import SpilledSequence
from opcms_desktop.services.customers.sheet import open_customer_sheet, read_customer_sheet
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.insight.demo_sheet import generate
from opcms_desktop.services.platform.errors import Cancelled

from ..factories import Factory
from .customer_sheet_builders import REAL_SHEET

START = dt.date(2026, 1, 1)


@pytest.fixture
def db_factory(engine):
    """Sessions like the `session` fixture's (one transaction, rolled back), several per test."""
    @contextlib.contextmanager
    def open_session():
        connection = engine.connect()
        outer = connection.begin()
        db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield db
        finally:
            db.close()
            outer.rollback()
            connection.close()
    return open_session


@pytest.fixture
def admin_factory():
    return lambda session: Factory(session).actor("admin1", "admin")


@pytest.fixture
def tiny_batches(monkeypatch):
    """Slices of a few hundred rows, batches of 300 and a report spilled past 500 rows."""
    def apply():
        monkeypatch.setattr(import_slices, "BIG_SHEET_BYTES", 0)
        monkeypatch.setattr(import_slices, "SLICE_BYTES", 60_000)
        monkeypatch.setattr(import_slices, "_CHUNK", 20_000)
        monkeypatch.setattr(streamed, "BATCH_ROWS", 300)
        monkeypatch.setattr(import_report, "SPILL_ROWS", 500)
    return apply


def _rows(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def _write(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    workbook.save(path)
    return path


def _messy(tmp_path: Path, seed: int, size: int = 1500) -> tuple[Path, Path]:
    """A generated sheet, and a second version of it: changed cells, 公司ids used again far below, blank rows."""
    first = tmp_path / "a.xlsx"
    generate(size, first, seed)
    rng = random.Random(seed)
    rows = [list(r) for r in _rows(first)]
    for row in rows[1:]:
        roll = rng.random()
        if roll < 0.05:
            row[1] = f"{row[1]}改"
        elif roll < 0.1:
            row[12] = f"备注{rng.randint(1, 5)}"
        elif roll < 0.13:
            row[14] = float(rng.choice([9, 11, 30]))
        elif roll < 0.15:
            row[7] = rng.choice(["新销售甲", "刘冀", "0"])
        elif roll < 0.17:
            row[9] = f"新状态{rng.randint(1, 3)}"
        elif roll < 0.18:
            row[3] = f"新行业{rng.randint(1, 4)}"
    for _ in range(25):
        rows[rng.randrange(2 * len(rows) // 3, len(rows))][0] = rows[rng.randrange(1, len(rows) // 3)][0]
    for _ in range(10):
        rows.insert(rng.randrange(2, len(rows)), [""] * len(rows[0]))
    return first, _write(tmp_path / "b.xlsx", rows)


def _result(result) -> dict:
    data = result.to_json()
    data.pop("seconds")
    data["outcomes"] = [repr(o) for o in result.outcomes]
    data["issues"] = [repr(i) for i in result.issues]
    return data


def _scenario(session, admin, first: Path, second: Path) -> dict:
    """Dry run, commit, app edits, re-import (app wins, then sheet wins): every result and the data left."""
    found = {"dry": _result(import_customers(session, admin, first, dry_run=True, plan_start=START)),
             "a": _result(import_customers(session, admin, first, plan_start=START))}
    session.execute(text("UPDATE customers SET notes = 'app', app_edited = 'notes' WHERE company_id % 13 = 0"))
    later = dt.date(2026, 3, 1)
    found["dry_b"] = _result(import_customers(session, admin, second, dry_run=True, plan_start=later))
    found["b"] = _result(import_customers(session, admin, second, plan_start=later))
    found["wins"] = _result(import_customers(session, admin, second, plan_start=later, sheet_wins=True))
    company = {r[0]: r[1] for r in session.execute(select(Customer.id, Customer.company_id))}
    labels = {r[0]: r[1] for r in session.execute(select(DictionaryEntry.id, DictionaryEntry.label))}
    skip = {"id", "created_at", "updated_at"}
    found["customers"] = sorted(
        repr({k: (labels.get(v) if k.endswith("_id") and k != "company_id" else v)
              for k, v in c._mapping.items() if k not in skip})
        for c in session.execute(select(*[col for col in Customer.__table__.columns])))
    found["owners"] = sorted((company[o.customer_id], o.kind, o.raw_name, o.user_id)
                             for o in session.scalars(select(CustomerOwner)))
    found["plans"] = sorted(repr((company[p.customer_id], p.effective_from, p.effective_to, p.mode, p.single_price,
                                  p.multi_price, p.multi_base, p.source_raw, p.version))
                            for p in session.scalars(select(PricePlan)))
    found["dictionary"] = sorted((d.kind, d.label, d.code, d.sort_order) for d in session.scalars(select(DictionaryEntry)))
    ids = {"customer": company, "price_plan": {p.id: (company[p.customer_id], p.effective_from.isoformat())
                                               for p in session.scalars(select(PricePlan))}}

    def plain(changes):
        if isinstance(changes, dict):  # surrogate ids are given out in another order batch by batch
            return {k: v for k, v in changes.items() if k not in ("customer_id", "industry_id", "erp_id",
                                                                  "coop_status_id")}
        return changes

    found["audit"] = sorted(
        json.dumps([e.action, e.entity, repr(ids.get(e.entity, {}).get(int(e.entity_id)) if e.entity_id else None),
                    plain(e.changes) if e.entity != "customer_import" else None, e.summary],
                   ensure_ascii=False, default=str, sort_keys=True)
        for e in session.scalars(select(AuditEntry).where(AuditEntry.entity.in_(
            ("customer", "price_plan", "dictionary_entry", "customer_import")))))
    return found


def test_sliced_reading_gives_the_cells_calamine_gives_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(import_slices, "SLICE_BYTES", 40_000)
    monkeypatch.setattr(import_slices, "_CHUNK", 10_000)
    sheets = [tmp_path / "g.xlsx"] + ([REAL_SHEET] if REAL_SHEET.exists() else [])
    generate(2000, sheets[0], 3)
    for path in sheets:
        whole = _rows(path)
        sliced = import_slices.SlicedWorkbook(str(path))
        try:
            assert sliced.slice_count(0) > 3
            got = list(sliced.rows(0))
        finally:
            sliced.close()
        assert [i for i, _ in got] == list(range(len(whole)))
        assert all(cells == whole[i][:len(cells)] and not any(whole[i][len(cells):]) for i, cells in got)


def test_small_workbooks_are_read_whole(tmp_path):
    path = tmp_path / "s.xlsx"
    generate(50, path, 1)
    assert not import_slices.wants_slicing(str(path))
    assert not import_slices.wants_slicing(str(tmp_path / "none.csv"))
    with open_customer_sheet(path) as sheet:
        streamed_rows = list(sheet.data_rows())
    whole = read_customer_sheet(path)
    assert streamed_rows == list(whole.data_rows()) and len(streamed_rows) == 50


@pytest.mark.parametrize("seed", [11, 29])
def test_streamed_import_equals_the_whole_sheet_import(db_factory, admin_factory, tmp_path, tiny_batches, seed):
    """Randomised: the same scenario read whole in one batch, and sliced in many batches with a spilled
    report, gives the same results, issues in the same order, and the same data and audit rows."""
    first, second = _messy(tmp_path, seed)
    with db_factory() as session:
        whole = _scenario(session, admin_factory(session), first, second)
    tiny_batches()
    with db_factory() as session:
        sliced = _scenario(session, admin_factory(session), first, second)
    assert sliced.keys() == whole.keys()
    for key in whole:
        assert sliced[key] == whole[key], key
    assert whole["b"]["rejected"] >= 20  # the later rows of each 公司id used again
    assert any("duplicate_id_later" in i for i in whole["b"]["issues"])


def test_a_spilled_report_reads_like_a_tuple(session, admin, tmp_path, tiny_batches):
    tiny_batches()
    first, _ = _messy(tmp_path, 5, size=1200)
    result = import_customers(session, admin, first, dry_run=True)
    assert isinstance(result.outcomes, SpilledSequence) and isinstance(result.issues, SpilledSequence)
    outcomes, issues = list(result.outcomes), list(result.issues)
    assert len(outcomes) == result.rows == 1200 and len(issues) == len(result.issues)
    assert result.outcomes[0] == outcomes[0] and result.outcomes[-1] == outcomes[-1]
    assert tuple(result.issues[:7]) == tuple(issues[:7]) and result.issues == issues
    assert result.warnings == sum(1 for o in outcomes if o.warnings and o.outcome != "rejected")
    report = tmp_path / "problems.xlsx"
    written = write_error_report(result, report)
    assert written == len({i.row for i in issues if i.row is not None})
    sheet = load_workbook(report, read_only=True)["问题行"]
    lines = list(sheet.iter_rows(values_only=True))
    source = _rows(first)
    row_number = lines[0].index("Excel行号")
    assert all(list(line[:2]) == [v if v != "" else None for v in source[line[row_number] - 1][:2]]
               for line in lines[1:])


def test_a_late_failure_leaves_nothing_written(session, admin, tmp_path, tiny_batches):
    """Batches go in one transaction: cancelled after several were written, the caller's rollback undoes all."""
    tiny_batches()
    first, _ = _messy(tmp_path, 7, size=1200)
    before = session.scalar(select(func.count()).select_from(AuditEntry))
    calls = []

    def cancel():
        calls.append(1)
        return session.scalar(select(func.count()).select_from(Customer)) >= 900

    with pytest.raises(Cancelled):
        import_customers(session, admin, first, cancel=cancel)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Customer)) == 0
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
