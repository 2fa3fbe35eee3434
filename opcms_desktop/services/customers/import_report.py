"""The customer import's per-row report, kept in memory while small and spilled to a temporary SQLite
file when large (SPILL_ROWS), so a 470,000-row sheet does not hold a million result objects.

The import hands rows over batch by batch, in sheet order, each issue with a sort key (row, seq) that
places it as the previous all-in-memory import did; an issue found later for an earlier row (a 公司id
used again further down) is added with `late_warning`. `finish()` returns the outcomes and issues as
sequences: tuples when small, SpilledSequence (read back from the file on demand) when large, and per
preview filter the positions of its outcomes (`filters`), so a screen can show one page without reading all.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import pickle
import sqlite3
import tempfile
import threading
import weakref
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

from .import_result import FILTERS, RowIssue, RowOutcome
from .import_temp import PREFIX, temp_folder

SPILL_ROWS = 20_000
_PAGE = 2_000
_ISSUE_COLUMNS = "row, column_name, value, code, level, params"
_OUTCOME_COLUMNS = "row, company_id, name, outcome, fields, warnings"
_SEP = "\x1f"


def _issue(r: tuple[Any, ...]) -> RowIssue:
    return RowIssue(r[0], r[1], r[2], r[3], r[4], pickle.loads(r[5]))


def _outcome(r: tuple[Any, ...]) -> RowOutcome:
    return RowOutcome(r[0], r[1], r[2], r[3], tuple(r[4].split(_SEP)) if r[4] else (), r[5])


class _Store:
    """The temporary SQLite file behind spilled sequences; removed when the last of them goes."""

    def __init__(self, folder: str | None = None) -> None:
        handle, self.path = tempfile.mkstemp(prefix=PREFIX + "report-", suffix=".sqlite", dir=folder)
        os.close(handle)
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.discard = weakref.finalize(self, _remove, self.db, self.path)  # close and unlink, once
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE outcomes (pos INTEGER PRIMARY KEY, row INTEGER, company_id INTEGER, name TEXT, "
                        "outcome TEXT, fields TEXT, warnings INTEGER)")
        self.db.execute("CREATE UNIQUE INDEX outcomes_row ON outcomes (row)")
        self.db.execute("CREATE TABLE issues (pos INTEGER PRIMARY KEY, row INTEGER, seq INTEGER, column_name TEXT, "
                        "value TEXT, code TEXT, level TEXT, params BLOB)")
        self.lock = threading.Lock()


def _remove(db: sqlite3.Connection, path: str) -> None:
    db.close()
    with contextlib.suppress(OSError):
        os.unlink(path)


class SpilledSequence(Sequence[Any]):
    """A read-only sequence of a table's rows in `pos` order, read a page at a time."""

    def __init__(self, store: _Store, table: str, columns: str, make: Any, length: int):
        self._store, self._table, self._columns, self._make, self._length = store, table, columns, make, length

    def __len__(self) -> int:
        return self._length

    def _read(self, first: int, count: int) -> list[Any]:
        with self._store.lock:
            rows = self._store.db.execute(
                f"SELECT {self._columns} FROM {self._table} WHERE pos > ? AND pos <= ? ORDER BY pos",
                (first, first + count)).fetchall()
        return [self._make(r) for r in rows]

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step != 1:
                return tuple(self[i] for i in range(start, stop, step))
            return tuple(self._read(start, max(0, stop - start)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return self._read(index, 1)[0]

    def at(self, positions: Sequence[int]) -> list[Any]:
        """The items at these 0-based positions, in that order."""
        wanted = [p + 1 for p in positions]
        found: dict[int, Any] = {}
        for first in range(0, len(wanted), 500):
            chunk = wanted[first:first + 500]
            with self._store.lock:
                rows = self._store.db.execute(
                    f"SELECT pos, {self._columns} FROM {self._table} WHERE pos IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall()
            found.update((r[0], self._make(r[1:])) for r in rows)
        return [found[p] for p in wanted]

    def of_rows(self, rows: Sequence[int]) -> dict[int | None, list[Any]]:
        """Items by their `row`, in `pos` order, for these rows (issues: indexed on row)."""
        found: dict[int | None, list[Any]] = {}
        wanted = sorted(set(rows))
        for first in range(0, len(wanted), 500):
            chunk = wanted[first:first + 500]
            with self._store.lock:
                items = self._store.db.execute(
                    f"SELECT {self._columns} FROM {self._table} WHERE row IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY row, pos", chunk).fetchall()
            for r in items:
                found.setdefault(r[0], []).append(self._make(r))
        return found

    def __iter__(self) -> Iterator[Any]:
        for first in range(0, self._length, _PAGE):
            yield from self._read(first, _PAGE)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._length and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class ReportBuilder:
    """Collects outcomes and issues batch by batch; spills to disk past SPILL_ROWS rows."""

    def __init__(self, spill_rows: int | None = None, folder: str | None = None):
        self._spill_rows = SPILL_ROWS if spill_rows is None else spill_rows
        self._folder = folder
        self._outcomes: list[RowOutcome] = []
        self._issues: list[tuple[int, int, RowIssue]] = []  # (row or -1 for the file, seq, issue)
        self._store: _Store | None = None
        self._outcome_count = self._issue_count = 0
        self._late = False
        self._positions = {status: array("q") for status in FILTERS if status != "all"}
        self._late_warned: set[int] = set()  # positions of rows whose first warning came late
        self._added = 0
        self.warned = 0  # rows (not rejected) with at least one warning
        self.filters: tuple[tuple[str, Sequence[int]], ...] = ()  # set by finish()

    def add(self, outcomes: list[RowOutcome], issues: list[tuple[int, int, RowIssue]]) -> None:
        """One batch, in sheet order; issues already sorted by (row, seq)."""
        self.warned += sum(1 for o in outcomes if o.warnings and o.outcome != "rejected")
        for position, outcome in enumerate(outcomes, self._added):
            self._positions[outcome.outcome].append(position)
            if outcome.warnings:
                self._positions["warning"].append(position)
        self._added += len(outcomes)
        if self._store is None:
            self._outcomes.extend(outcomes)
            self._issues.extend(issues)
            if len(self._outcomes) > self._spill_rows:
                self._spill()
            return
        self._write(outcomes, issues)

    def _spill(self) -> None:
        self._store = _Store(self._folder or temp_folder())
        outcomes, issues = self._outcomes, self._issues
        self._outcomes, self._issues = [], []
        self._write(outcomes, issues)

    def _write(self, outcomes: list[RowOutcome], issues: list[tuple[int, int, RowIssue]]) -> None:
        assert self._store is not None
        db = self._store.db
        db.executemany("INSERT INTO outcomes (row, company_id, name, outcome, fields, warnings) VALUES (?,?,?,?,?,?)",
                       [(o.row, o.company_id, o.name, o.outcome, _SEP.join(o.fields), o.warnings) for o in outcomes])
        db.executemany("INSERT INTO issues (row, seq, column_name, value, code, level, params) VALUES (?,?,?,?,?,?,?)",
                       [(None if i.row is None else row, seq, i.column, i.value, i.code, i.level,
                         pickle.dumps(dict(i.params), protocol=pickle.HIGHEST_PROTOCOL)) for row, seq, i in issues])
        self._outcome_count += len(outcomes)
        self._issue_count += len(issues)

    def late_warning(self, row: int, seq: int, issue: RowIssue) -> None:
        """A warning for a row handed over in an earlier batch (it was accepted, so it has an outcome)."""
        self._late = True
        if self._store is None:
            self._issues.append((row, seq, issue))
            at = bisect.bisect_left(self._outcomes, row, key=lambda o: o.row)
            old = self._outcomes[at]
            self._outcomes[at] = RowOutcome(old.row, old.company_id, old.name, old.outcome, old.fields,
                                            old.warnings + 1)
            self.warned += old.warnings == 0
            if old.warnings == 0:
                self._late_warned.add(at)
            return
        db = self._store.db
        (position, warnings) = db.execute("SELECT pos, warnings FROM outcomes WHERE row = ?", (row,)).fetchone()
        db.execute("UPDATE outcomes SET warnings = warnings + 1 WHERE pos = ?", (position,))
        self.warned += warnings == 0
        if warnings == 0:
            self._late_warned.add(position - 1)
        self._write([], [(row, seq, issue)])

    def discard(self) -> None:
        """Drop the report (the import failed): the temporary file goes now, not when the error does."""
        if self._store is not None:
            self._store.discard()
        self._store, self._outcomes, self._issues = None, [], []

    def _finish_filters(self) -> None:
        if self._late_warned:
            self._positions["warning"] = array("q", sorted(self._late_warned.union(self._positions["warning"])))
        self.filters = (("all", range(self._added)), *self._positions.items())

    def finish(self) -> tuple[Sequence[RowOutcome], Sequence[RowIssue]]:
        self._finish_filters()
        if self._store is None:
            if self._late:
                self._issues.sort(key=lambda i: (i[0], i[1]))
            return tuple(self._outcomes), tuple(i for _, _, i in self._issues)
        store, db = self._store, self._store.db
        if self._late:  # put the late warnings in their place
            db.execute("CREATE TABLE sorted (pos INTEGER PRIMARY KEY, row INTEGER, seq INTEGER, column_name TEXT, "
                       "value TEXT, code TEXT, level TEXT, params BLOB)")
            db.execute("INSERT INTO sorted (row, seq, column_name, value, code, level, params) SELECT row, seq, "
                       "column_name, value, code, level, params FROM issues ORDER BY coalesce(row, -1), seq, pos")
            db.execute("DROP TABLE issues")
            db.execute("ALTER TABLE sorted RENAME TO issues")
        db.execute("CREATE INDEX issues_row ON issues (row, pos)")
        db.commit()
        return (SpilledSequence(store, "outcomes", _OUTCOME_COLUMNS, _outcome, self._outcome_count),
                SpilledSequence(store, "issues", _ISSUE_COLUMNS, _issue, self._issue_count))


def is_spilled(items: Sequence[Any]) -> bool:
    return isinstance(items, SpilledSequence)


def outcomes_at(outcomes: Sequence[RowOutcome], positions: Sequence[int]) -> list[RowOutcome]:
    """The outcomes at these positions (one page of a preview), in the order given."""
    if not isinstance(outcomes, SpilledSequence):
        return [outcomes[p] for p in positions]
    return outcomes.at(positions)


def issues_of_rows(issues: Sequence[RowIssue], rows: Sequence[int]) -> dict[int | None, list[RowIssue]]:
    """The issues of these Excel rows, in report order (one page of a preview)."""
    if isinstance(issues, SpilledSequence):
        return issues.of_rows(rows)
    wanted = set(rows)
    found: dict[int | None, list[RowIssue]] = {}
    for issue in issues:
        if issue.row in wanted:
            found.setdefault(issue.row, []).append(issue)
    return found
