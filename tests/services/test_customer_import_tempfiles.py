"""The customer import's temporary files (sliced copy, spilled report) never outlive a failure: they live in
the app's own temp folder, go as soon as the import fails, and leftovers of a crash are swept; a full disk
says so; the spilled report answers a preview page through its indexes."""

from __future__ import annotations

import errno
import os
import time
import zlib
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from opcms_desktop.services.customers import import_report, import_slices
from opcms_desktop.services.customers import sheet_import as streamed
from opcms_desktop.services.customers.import_report import issues_of_rows, outcomes_at
from opcms_desktop.services.customers.import_result import FILTERS, in_filter
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.insight.demo_sheet import generate
from opcms_desktop.services.platform.errors import Cancelled, ConflictError, UserError, ValidationError


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """The app's data folder in tmp_path; returns its temp folder."""
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *args, **kwargs: str(tmp_path / "data"))
    return tmp_path / "data" / "temp"


@pytest.fixture
def big(tmp_path, monkeypatch) -> Path:
    """A 1,200-row sheet read as a sliced copy, in batches of 300, its report spilled past 500 rows."""
    monkeypatch.setattr(import_slices, "BIG_SHEET_BYTES", 0)
    monkeypatch.setattr(import_slices, "SLICE_BYTES", 60_000)
    monkeypatch.setattr(streamed, "BATCH_ROWS", 300)
    monkeypatch.setattr(import_report, "SPILL_ROWS", 500)
    path = tmp_path / "big.xlsx"
    generate(1200, path, 4)
    return path


def leftovers(temp: Path) -> list[str]:
    return sorted(p.name for p in temp.glob("opcms-import-*")) if temp.exists() else []


@pytest.fixture
def made(monkeypatch) -> list[Path]:
    """Every temporary folder (sliced copy) and file (spilled report) the import makes."""
    paths: list[Path] = []
    write, store = import_slices.write_sliced_copy, import_report._Store.__init__

    def write_copy(path, folder):
        paths.append(Path(folder))
        return write(path, folder)

    def new_store(self, *args, **kwargs):
        store(self, *args, **kwargs)
        paths.append(Path(self.path))

    monkeypatch.setattr(import_slices, "write_sliced_copy", write_copy)
    monkeypatch.setattr(import_report._Store, "__init__", new_store)
    return paths


def gone(paths: list[Path], temp: Path) -> bool:
    return all(p.parent == temp and not p.exists() for p in paths) and leftovers(temp) == []


def test_the_import_keeps_its_temporary_files_in_the_apps_temp_folder(session, admin, temp, big, monkeypatch):
    seen = []
    original = import_report.ReportBuilder._spill

    def spill(self):
        original(self)
        seen.append(leftovers(temp))

    monkeypatch.setattr(import_report.ReportBuilder, "_spill", spill)
    result = import_customers(session, admin, big, dry_run=True)
    assert len(seen) == 1 and len(seen[0]) == 2  # the sliced copy's folder and the report
    assert leftovers(temp) == [n for n in seen[0] if n.startswith("opcms-import-report-")]  # the copy went
    del result
    assert leftovers(temp) == []  # the report goes with the result


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), zlib.error("bad"),
                                   KeyboardInterrupt()])
def test_a_failing_sliced_copy_leaves_no_temporary_file(session, admin, temp, big, monkeypatch, error):
    folders = []

    def write(path, folder):
        folders.append(Path(folder))
        (Path(folder) / "sliced.xlsx").write_bytes(b"half")
        raise error

    monkeypatch.setattr(import_slices, "write_sliced_copy", write)
    with pytest.raises((UserError, ValidationError, KeyboardInterrupt)) as caught:
        import_customers(session, admin, big, dry_run=True)
    assert len(folders) == 1 and gone(folders, temp)  # while the error is still held
    if isinstance(error, OSError):  # a full disk is not "the file is unreadable"
        assert caught.value.code == "customers.import.disk_full" and caught.value.params["folder"] == str(temp)
    elif isinstance(error, zlib.error):
        assert caught.value.code == "customers.import.unreadable"


def test_calamine_failing_on_the_copy_leaves_no_temporary_file(session, admin, temp, big, monkeypatch, made):
    import python_calamine

    class Broken:
        @staticmethod
        def from_path(path):
            raise python_calamine.CalamineError("broken copy")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Broken)
    with pytest.raises(ValidationError) as caught:
        import_customers(session, admin, big, dry_run=True)
    assert caught.value.code == "customers.import.unreadable" and len(made) == 1 and gone(made, temp)


def _cancel_after_spill(made: list[Path]):
    return lambda: any(p.suffix == ".sqlite" for p in made)


@pytest.mark.parametrize("failure", ["cancel", "conflict", "unexpected", "disk_full"])
def test_a_failed_import_drops_its_spilled_report_at_once(session, admin, temp, big, monkeypatch, failure, made):
    """The error (kept by the UI's failure dialog, with its traceback) does not keep customer data on disk."""
    cancel = None
    if failure == "cancel":
        cancel = _cancel_after_spill(made)
        expected: type[BaseException] = Cancelled
    elif failure == "conflict":
        monkeypatch.setattr(streamed, "BATCH_ROWS", 600)
        calls = []

        def write(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:  # the report spilled with the first batch
                raise IntegrityError("INSERT", {}, Exception("duplicate key"))

        monkeypatch.setattr(streamed, "_write", write)
        expected = ConflictError
    elif failure == "unexpected":
        monkeypatch.setattr(streamed, "make_result", lambda *a, **k: 1 / 0)
        expected = ZeroDivisionError
    else:
        original = import_report.ReportBuilder._write

        def write(self, outcomes, issues):
            if self._outcome_count > 600:
                raise OSError(errno.ENOSPC, "No space left on device")
            original(self, outcomes, issues)

        monkeypatch.setattr(import_report.ReportBuilder, "_write", write)
        expected = UserError
    with pytest.raises(expected) as caught:
        import_customers(session, admin, big, dry_run=failure != "conflict", cancel=cancel)
    assert len(made) == 2 and gone(made, temp)  # the copy's folder and the report, while the error is held
    if failure == "disk_full":
        assert caught.value.code == "customers.import.disk_full"


def test_leftovers_older_than_a_day_are_swept_at_the_next_import(session, admin, temp, big):
    temp.mkdir(parents=True)
    old_file, old_dir = temp / "opcms-import-report-x.sqlite", temp / "opcms-import-abc"
    fresh, other = temp / "opcms-import-report-y.sqlite", temp / "someone-else.txt"
    old_dir.mkdir()
    (old_dir / "sliced.xlsx").write_bytes(b"x")
    for path in (old_file, fresh, other):
        path.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old_file, old_dir, other):
        os.utime(path, (two_days_ago, two_days_ago))
    result = import_customers(session, admin, big, dry_run=True)
    assert not old_file.exists() and not old_dir.exists()
    assert fresh.exists() and other.exists()
    del result


def test_the_spilled_report_looks_rows_up_by_index(session, admin, temp, big):
    result = import_customers(session, admin, big, dry_run=True)
    store = result.outcomes._store
    plan = " ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN SELECT pos, warnings FROM outcomes "
                                                   "WHERE row = 5"))
    assert "outcomes_row" in plan
    plan = " ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN SELECT * FROM issues WHERE row IN (5, 6) "
                                                   "ORDER BY pos"))
    assert "issues_row" in plan


def test_filters_and_pages_of_a_spilled_report_equal_reading_it_all(session, admin, temp, big, tmp_path):
    """With 公司ids used again further down (late warnings on rows of earlier batches)."""
    from openpyxl import load_workbook

    book = load_workbook(big)
    sheet = book.active
    ids = [sheet.cell(r, 1).value for r in range(2, 1202)]
    for k, r in enumerate(range(900, 1200, 30)):
        sheet.cell(r, 1).value = ids[k * 7]
    book.save(big)
    result = import_customers(session, admin, big, dry_run=True)
    assert isinstance(result.outcomes, import_report.SpilledSequence)
    outcomes, issues = list(result.outcomes), list(result.issues)
    for status in FILTERS:
        assert list(result.rows_in(status)) == [i for i, o in enumerate(outcomes) if in_filter(o, status)], status
    assert len(result.rows_in("warning")) == result.warnings > 0 and result.rejected >= 10
    assert result.notes == tuple(i for i in issues if i.row is None)
    page = list(result.rows_in("warning"))[5:205]
    assert outcomes_at(result.outcomes, page) == [outcomes[p] for p in page]
    rows = [outcomes[p].row for p in page]
    assert issues_of_rows(result.issues, rows) == {r: [i for i in issues if i.row == r] for r in rows}
