"""What a customer import (dry run or commit) reports: counts, per-row outcomes, every problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..platform.messages import Message, json_params, render
from .cells import cell_text
from .headers import FIELD_BY_KEY, HeaderMatch
from .owners import UnresolvedOwner
from .parse import ParsedRow
from .sheet import CustomerSheet

OUTCOMES = ("new", "updated", "unchanged", "rejected")
FILTERS = ("all", "new", "updated", "unchanged", "warning", "rejected")  # the preview's filters


def in_filter(outcome: RowOutcome, status: str) -> bool:
    if status == "all":
        return True
    if status == "warning":
        return outcome.has_warnings
    return outcome.outcome == status


@dataclass(frozen=True)
class RowIssue:
    """One problem: `row` is the 1-based Excel row (None for a note about the whole file), `column` the
    sheet's own header text, `value` the cell as text; level "error" rejects the row, "warning" does not.
    `code` and `params` are the catalogue message; `message` is its text in the current language."""

    row: int | None
    column: str | None
    value: str | None
    code: str
    level: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, row: int | None, column: str | None, value: str | None, message: Message, level: str) -> RowIssue:
        return cls(row, column, value, message.code, level, dict(message.params))

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def text(self, language: str | None = None) -> str:
        return render(self.code, self.params, language)

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.text(language),
                "level": self.level, "code": self.code, "params": json_params(self.params)}


@dataclass(frozen=True)
class RowOutcome:
    row: int  # Excel row
    company_id: int | None
    name: str | None
    outcome: str  # new / updated / unchanged / rejected
    fields: tuple[str, ...] = ()  # the changed columns (reference headers) of an updated row
    warnings: int = 0

    @property
    def has_warnings(self) -> bool:
        return self.warnings > 0


@dataclass(frozen=True)
class Conflict:
    """A field edited in the app since the last import whose sheet value differs (app_edits.py).

    `winner` is "app" (the app's value kept) or "sheet" (overwritten: the import ran with sheet wins)."""

    row: int
    company_id: int | None
    name: str | None
    field: str  # sheet field key (notes, onboarding, ...)
    column: str  # the reference header (备注, 接入时间, ...)
    sheet_value: str
    app_value: str
    winner: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "company_id": self.company_id, "field": self.field, "column": self.column,
                "sheet": self.sheet_value, "app": self.app_value, "kept": self.winner}


@dataclass(frozen=True)
class ImportResult:
    """Counts: every non-blank data row is exactly one of inserted / updated / unchanged / rejected.

    `warnings` counts the rows (not rejected) that carry at least one warning; `issues` lists every
    error and warning, plus notes about the file itself (row None), e.g. ignored columns.
    """

    path: str
    sheet: str
    header_row: int
    columns: tuple[tuple[str, str], ...]  # (field key, the sheet's header text)
    dry_run: bool
    plan_start: dt.date
    rows: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    warnings: int
    issues: Sequence[RowIssue]  # a tuple, or read back from a temporary file for a large sheet (import_report.py)
    outcomes: Sequence[RowOutcome]
    unresolved_owners: tuple[UnresolvedOwner, ...]
    plans_created: int
    plans_updated: int
    plans_ended: int
    dictionary_entries_created: tuple[tuple[str, str], ...]  # (kind, label)
    seconds: float
    conflicts: tuple[Conflict, ...] = ()  # fields edited in the app whose sheet value differs
    sheet_wins: bool = False
    notes: tuple[RowIssue, ...] = ()  # the issues about the whole file (row None), also in `issues`
    filters: tuple[tuple[str, Sequence[int]], ...] = field(default=(), repr=False, compare=False)
    # ^ per FILTERS status, the positions of its rows in `outcomes`

    def rows_in(self, status: str) -> Sequence[int]:
        """Positions in `outcomes` of the rows a preview filter shows, in sheet order."""
        for name, positions in self.filters:
            if name == status:
                return positions
        return [i for i, o in enumerate(self.outcomes) if in_filter(o, status)]

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.dictionary_entries_created)

    def issues_by_row(self) -> dict[int | None, list[RowIssue]]:
        grouped: dict[int | None, list[RowIssue]] = {}
        for issue in self.issues:
            grouped.setdefault(issue.row, []).append(issue)
        return grouped

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        """The `opcms import customers --json` document (messages in `language`, default the current one)."""
        return {
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "errors": [i.to_json(language) for i in self.issues],
            "unresolved_owners": [
                {"name": o.name, "kinds": list(o.kinds), "rows": o.customers} for o in self.unresolved_owners
            ],
            "dry_run": self.dry_run,
            "plan_start": self.plan_start.isoformat(),
            "file": self.path,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": {key: header for key, header in self.columns},
            "updated_rows": [
                {"row": o.row, "company_id": o.company_id, "fields": list(o.fields)}
                for o in self.outcomes if o.outcome == "updated"
            ],
            "plans": {"created": self.plans_created, "updated": self.plans_updated, "ended": self.plans_ended},
            "dictionary_entries_created": [{"kind": k, "label": v} for k, v in self.dictionary_entries_created],
            "seconds": round(self.seconds, 3),
            "sheet_wins": self.sheet_wins,
            "conflicts": [c.to_json() for c in self.conflicts],
        }


ERRORS, WARNINGS, LATE_WARNINGS, CHECK_WARNINGS = 0, 100_000, 200_000, 300_000  # issue order within a row


def batch_report(header: HeaderMatch, rows: Sequence[tuple[ParsedRow, Sequence[Any]]],
                 outcomes: dict[int, tuple[str, tuple[str, ...]]]
                 ) -> tuple[list[RowOutcome], list[tuple[int, int, RowIssue]]]:
    """Outcomes and issues (with their (row, seq) order) of one batch of parsed rows and their cells.

    `outcomes`: Excel row -> (outcome, changed fields) of the accepted rows. Within a row: errors, then the
    warnings found while reading the sheet (`row.mark` of them), then later ones (dictionary, comparison)."""
    index_of = {c.key: c.index for c in header.columns}
    header_of = {c.key: c.header for c in header.columns}
    issues: list[tuple[int, int, RowIssue]] = []
    results: list[RowOutcome] = []
    for row, cells in rows:
        excel_row = row.excel_row

        def raw(key: str, cells: Any = cells) -> str | None:
            i = index_of.get(key)
            return cell_text(cells[i]) if i is not None and i < len(cells) else None

        for n, (key, _, message) in enumerate(row.errors):
            issues.append((excel_row, ERRORS + n, RowIssue.of(excel_row, header_of.get(key, key), raw(key), message,
                                                              "error")))
        fields: tuple[str, ...] = ()
        if row.rejected:
            outcome = "rejected"
        else:
            outcome, fields = outcomes[excel_row]
            for n, (key, _, message) in enumerate(row.warnings):
                seq = (WARNINGS if n < row.mark else CHECK_WARNINGS) + n
                issues.append((excel_row, seq, RowIssue.of(excel_row, header_of.get(key, FIELD_BY_KEY[key].header),
                                                           raw(key), message, "warning")))
        results.append(RowOutcome(excel_row, row.company_id, row.values.get("name"), outcome, fields,
                                  0 if row.rejected else len(row.warnings)))
    return results, issues


def file_notes(header: HeaderMatch) -> list[tuple[int, int, RowIssue]]:
    """Notes about the whole file (ignored columns), before every row's issues."""
    return [(-1, n, RowIssue.of(None, text, None, why, "warning")) for n, (_, text, why) in enumerate(header.ignored)]


def make_result(sheet: CustomerSheet, counts: dict[str, int], warned: int, outcomes: Sequence[RowOutcome],
                issues: Sequence[RowIssue], unresolved: dict[str, tuple[set[str], int]], *, dry_run: bool,
                plan_start: dt.date, created: tuple[tuple[str, str], ...], plans: tuple[int, int, int],
                seconds: float, conflicts: tuple[Conflict, ...] = (), sheet_wins: bool = False,
                notes: tuple[RowIssue, ...] = (),
                filters: tuple[tuple[str, Sequence[int]], ...] = ()) -> ImportResult:
    """The ImportResult; `unresolved`: owner name -> (kinds, rows carrying it)."""
    header = sheet.header
    owners = tuple(UnresolvedOwner(name, tuple(sorted(kinds)), seen)
                   for name, (kinds, seen) in sorted(unresolved.items(), key=lambda i: (-i[1][1], i[0])))
    plans_created, plans_updated, plans_ended = plans
    return ImportResult(
        path=sheet.path, sheet=sheet.sheet_name, header_row=header.excel_row,
        columns=tuple((c.key, c.header) for c in header.columns), dry_run=dry_run, plan_start=plan_start,
        rows=sum(counts.values()), inserted=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"],
        rejected=counts["rejected"], warnings=warned, issues=issues, outcomes=outcomes,
        unresolved_owners=owners, plans_created=plans_created, plans_updated=plans_updated,
        plans_ended=plans_ended, dictionary_entries_created=created, seconds=seconds, conflicts=conflicts,
        sheet_wins=sheet_wins, notes=notes, filters=filters,
    )
