"""Import the customer sheet (DOMAIN.md section 2): dry run, then commit in the caller's transaction.

    result = check_customer_sheet(session, actor, "customers.xlsx")   # a read: nothing written
    result = import_customers(session, actor, "customers.xlsx")       # writes; caller commits

Every non-blank data row ends as exactly one of new / updated / unchanged / rejected, and may carry
warnings. Rows are rejected only for an unusable 公司id or 公司名称, or a 公司id already used by an
earlier row of the same file (the message names both rows). Importing the same file again reports
every row unchanged and writes nothing (not even the audit event).

Fields edited in the app since the last import (`customers.app_edited`, see app_edits.py) are kept
when the sheet holds another value, and reported as conflicts with both values (a warning on the row
and `ImportResult.conflicts`); with `sheet_wins=True` the sheet's value is written and the conflict is
reported as overwritten.

Memory stays flat whatever the file's size (speed issue 13): the sheet is read a slice at a time
(import_slices.py) and handled in batches of BATCH_ROWS rows, each parsed, compared with what its 公司ids
hold in the database, and written before the next is read, all in the caller's one transaction. Across
batches only a compact 公司id -> first row map is kept (duplicates across the whole file), and the
per-row report goes to a temporary file when large (import_report.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..audit import trail as audit
from ..platform.bulk import gc_paused
from ..platform.errors import ConflictError, PermissionDenied, UserError
from ..platform.messages import msg, render
from ..platform.operations import reads, writes
from ..platform.progress import Cancel, Progress, Steps
from ..security.permissions import Actor, require
from . import app_edits
from .cells import cell_text
from .dictionaries import DICTIONARY_FIELDS, resolve_dictionaries
from .headers import FIELD_BY_KEY
from .import_report import ReportBuilder
from .import_result import (
    LATE_WARNINGS,
    Conflict,
    ImportResult,
    RowIssue,
    batch_report,
    file_notes,
    make_result,
)
from .import_store import (
    COLUMN_FIELD,
    FIELD_COLUMNS,
    SHEET_COLUMNS,
    StoreState,
    correct_plans,
    end_plans,
    insert_customers,
    insert_plans,
    load_context,
    load_state,
    order_new_entries,
    update_customers,
    write_app_edited,
    write_owners,
)
from .import_temp import disk_full, is_disk_full, sweep, temp_folder
from .owners import set_owner_mapping
from .parse import ParsedRow, RowParser, is_blank
from .pinyin import name_keys
from .plans import PLAN_SOURCE, PlanTarget, decide, plan_from_cells
from .sheet import CustomerSheet, open_customer_sheet

PERMISSION = "customers.import"
PLAN_FIELD = "价格方案"
OWNER_KINDS = (("sales", "sales_owner"), ("ops", "ops_owner"))

_DERIVED = frozenset({"name_initials", "name_pinyin", "payment_terms_days", "version"})  # not audited on create



def default_plan_start(today: dt.date | None = None) -> dt.date:
    """First day of the current month."""
    return (today or dt.date.today()).replace(day=1)


@dataclass
class _Work:
    """Everything the import would write, gathered before anything is written."""

    new: list[tuple[ParsedRow, dict[str, Any], list[tuple[str, str, int | None]], PlanTarget | None]] = \
        field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    owner_inserts: list[dict[str, Any]] = field(default_factory=list)
    owner_updates: list[tuple[int, int | None]] = field(default_factory=list)
    owner_deletes: list[int] = field(default_factory=list)
    plan_ends: list[tuple[int, dt.date, int]] = field(default_factory=list)
    plan_corrections: list[dict[str, Any]] = field(default_factory=list)
    plan_inserts: list[dict[str, Any]] = field(default_factory=list)
    audit_items: list[audit.AuditItem] = field(default_factory=list)
    outcomes: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # excel row -> outcome
    unresolved: dict[str, tuple[set[str], int]] = field(default_factory=dict)  # name -> (kinds, rows)
    conflicts: list[Conflict] = field(default_factory=list)
    mark_updates: list[dict[str, Any]] = field(default_factory=list)  # app_edited of otherwise unchanged rows
    sheet_wins: bool = False


IMPORT_TOPICS = ("customers", "dictionaries", "owners", "plans", "audit")


@writes(*IMPORT_TOPICS)
def import_customers(session: Session, actor: Actor, path: str | Path, *, plan_start: dt.date | None = None,
                     dry_run: bool = False, sheet_wins: bool = False, progress: Progress | None = None,
                     cancel: Cancel | None = None) -> ImportResult:
    """Check (dry_run=True) or import the customer sheet at `path`.

    sheet_wins: the sheet's values overwrite fields edited in the app since the last import (default:
    those are kept and reported as conflicts).

    Raises ValidationError when the file cannot be read or lacks 公司id / 公司名称 (nothing written),
    PermissionDenied without `customers.import`, Cancelled when `cancel()` turns true.
    """
    require(actor, PERMISSION)
    if actor.sees_own_customers_only:
        raise PermissionDenied("customers.import.own_customers_only", user=actor.username, role=actor.role)
    with gc_paused():
        return _import(session, actor, path, plan_start, dry_run, Steps(progress, cancel, "customer import"),
                       sheet_wins)


@reads
def check_customer_sheet(session: Session, actor: Actor, path: str | Path, *, plan_start: dt.date | None = None,
                         sheet_wins: bool = False, progress: Progress | None = None,
                         cancel: Cancel | None = None) -> ImportResult:
    """The import's dry run as a read: what importing `path` would do, with every problem; writes nothing."""
    return import_customers(session, actor, path, plan_start=plan_start, dry_run=True, sheet_wins=sheet_wins,
                            progress=progress, cancel=cancel)


OwnerChoice = tuple[str, str | None]  # ("user", username) or ("not_a_person", None)


@writes(*IMPORT_TOPICS)
def import_customers_with_owner_mappings(session: Session, actor: Actor, path: str | Path, *,
                                         owner_choices: dict[str, OwnerChoice],
                                         plan_start: dt.date | None = None, sheet_wins: bool = False,
                                         progress: Progress | None = None,
                                         cancel: Cancel | None = None) -> ImportResult:
    """Save the admin's answers for unresolved owner names, then import; one transaction, so a cancel
    (or a refused row) leaves both the mappings and the customers as they were."""
    for name, (kind, username) in sorted(owner_choices.items()):
        set_owner_mapping(session, actor, name, username=username, not_a_person=kind == "not_a_person")
    return import_customers(session, actor, path, plan_start=plan_start, sheet_wins=sheet_wins, progress=progress,
                            cancel=cancel)


BATCH_ROWS = 2_000  # sheet rows parsed, compared and written together (memory: ~10 MB less than 5,000)


@dataclass
class _Run:
    """What an import carries from batch to batch: compact, whatever the size of the sheet."""

    first_rows: dict[int, int | tuple[int, str | None]] = field(default_factory=dict)  # 公司id -> first row
    created: dict[tuple[str, str], int] = field(default_factory=dict)  # new dictionary entries
    created_keys: set[tuple[str, str]] = field(default_factory=set)
    unresolved: dict[str, tuple[set[str], int]] = field(default_factory=dict)  # name -> (kinds, rows)
    conflicts: list[Conflict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("new", "updated", "unchanged",
                                                                         "rejected"), 0))
    plans: list[int] = field(default_factory=lambda: [0, 0, 0])  # created, corrected, ended
    late: int = 0


def _import(session: Session, actor: Actor, path: str | Path, plan_start: dt.date | None, dry_run: bool,
            tick: Steps, sheet_wins: bool = False) -> ImportResult:
    started = time.perf_counter()
    start = plan_start or default_plan_start()
    tick(0, 1, render("customers.progress.reading"))
    folder = temp_folder()
    sweep(folder)
    report = ReportBuilder(folder=folder)
    try:
        return _import_into(session, actor, path, start, dry_run, tick, sheet_wins, report, started)
    except BaseException as exc:
        report.discard()
        if is_disk_full(exc) and not isinstance(exc, UserError):
            raise disk_full(folder) from exc
        raise


def _import_into(session: Session, actor: Actor, path: str | Path, start: dt.date, dry_run: bool, tick: Steps,
                 sheet_wins: bool, report: ReportBuilder, started: float) -> ImportResult:
    with open_customer_sheet(path) as sheet:
        present = {c.key for c in sheet.header.columns}
        owners, plans = bool(present & {"sales_owner", "ops_owner"}), bool(present & {"single_price", "multi_price"})
        context = load_context(session)
        run = _Run()
        notes = file_notes(sheet.header)
        report.add([], notes)
        for batch in _batches(sheet, run, report, tick):
            accepted = [row for row, _ in batch if not row.rejected]
            state = load_state(session, context, [r.company_id for r in accepted if r.company_id is not None],
                               owners=owners, plans=plans)
            new_entries = resolve_dictionaries(session, accepted, state, present, dry_run, run.created_keys)
            run.created.update(new_entries)
            work = _Work(sheet_wins=sheet_wins, unresolved=run.unresolved)
            if not dry_run:
                work.audit_items.extend(
                    audit.AuditItem("create", "dictionary_entry", entry_id,
                                    {"kind": [None, kind], "label": [None, label]}, "added by the customer import")
                    for (kind, label), entry_id in new_entries.items())
            tick(0, 1, render("customers.progress.comparing"))
            for row in accepted:
                _compare(row, state, present, start, work)
            run.plans[0] += len(work.plan_inserts) + sum(1 for n in work.new if n[3] is not None)
            run.plans[1] += len(work.plan_corrections)
            run.plans[2] += len(work.plan_ends)
            run.conflicts.extend(work.conflicts)
            if not dry_run:
                try:
                    _write(session, actor, work, start, state.usernames, tick)
                except IntegrityError as exc:  # another import or an edit wrote the same customers meanwhile
                    raise ConflictError("customers.import.conflict") from exc
            outcomes, issues = batch_report(sheet.header, batch, work.outcomes)
            for outcome in outcomes:
                run.counts[outcome.outcome] += 1
            report.add(outcomes, issues)
        if not dry_run and run.created:
            order_new_entries(session, run.created)
        row_outcomes, row_issues = report.finish()
        result = make_result(sheet, run.counts, report.warned, row_outcomes, row_issues, run.unresolved,
                             dry_run=dry_run, plan_start=start, created=_in_sheet_order(run.created),
                             plans=(run.plans[0], run.plans[1], run.plans[2]),
                             seconds=time.perf_counter() - started, conflicts=tuple(run.conflicts),
                             sheet_wins=sheet_wins, notes=tuple(i for _, _, i in notes), filters=report.filters)
    if not dry_run and result.changed:
        audit.record_many(session, actor, [audit.AuditItem(
            "event", "customer_import", None,
            {"file": Path(sheet.path).name, "sheet": sheet.sheet_name, "rows": result.rows,
             "inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
             "rejected": result.rejected, "plan_start": start, "sheet_wins": sheet_wins,
             "conflicts": len(result.conflicts)},
            summary=f"customer import of {Path(sheet.path).name}")])
    tick(1, 1, render("customers.progress.done"))
    return result


def _in_sheet_order(created: dict[tuple[str, str], int]) -> tuple[tuple[str, str], ...]:
    """New dictionary entries as one pass over the whole sheet lists them: by kind, then label."""
    kinds = [kind for _, kind, _ in DICTIONARY_FIELDS]
    return tuple(sorted(created, key=lambda pair: (kinds.index(pair[0]), pair[1])))


def _batches(sheet: CustomerSheet, run: _Run, report: ReportBuilder,
             tick: Steps) -> Iterator[list[tuple[ParsedRow, list[Any]]]]:
    """Parsed non-blank rows with their cells, BATCH_ROWS at a time; a 公司id seen in an earlier accepted row
    rejects the later row (and warns on the earlier one, here or through `report` if already handed over)."""
    columns = sheet.header.columns
    parser = RowParser(columns)
    id_index = next(c.index for c in columns if c.key == "company_id")
    column = FIELD_BY_KEY["company_id"].header
    header_text = next(c.header for c in columns if c.key == "company_id")
    total = max(sheet.estimated_rows - sheet.header.excel_row, 1)
    batch: list[tuple[ParsedRow, list[Any]]] = []
    in_batch: dict[int, ParsedRow] = {}
    done = 0
    for excel_row, cells in sheet.data_rows():
        if done % 2000 == 0:
            tick(min(done, total), total, render("customers.progress.checking"))
        done += 1
        if is_blank(cells, columns):
            continue
        row = parser.parse(cells, excel_row)
        company_id = row.company_id
        if not row.rejected and company_id is not None:
            first = run.first_rows.get(company_id)
            if first is None:
                text = cell_text(cells[id_index])
                run.first_rows[company_id] = excel_row if text == str(company_id) else (excel_row, text)
                in_batch[company_id] = row
            else:
                first_row = first if isinstance(first, int) else first[0]
                row.errors.append(("company_id", None, msg("customers.import.duplicate_id", column=column,
                                                           company_id=company_id, first_row=first_row,
                                                           row=excel_row)))
                later = msg("customers.import.duplicate_id_later", column=column, company_id=company_id,
                            row=excel_row)
                earlier = in_batch.get(company_id)
                if earlier is not None:
                    earlier.warnings.append(("company_id", None, later))
                else:
                    value = str(company_id) if isinstance(first, int) else first[1]
                    report.late_warning(first_row, LATE_WARNINGS + run.late,
                                        RowIssue.of(first_row, header_text, value, later, "warning"))
                    run.late += 1
        batch.append((row, cells))
        if len(batch) >= BATCH_ROWS:
            _settle(batch)
            yield batch
            batch, in_batch = [], {}
    if batch:
        _settle(batch)
        yield batch


def _settle(batch: list[tuple[ParsedRow, list[Any]]]) -> None:
    """Mark the warnings found while reading (they come before the dictionary's and the comparison's)."""
    for row, _ in batch:
        row.mark = len(row.warnings)


_PLAIN_TYPES = frozenset({str, int, bool, float})


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it (Decimals and dates as text), so audit rows go in prepared."""
    return value if value is None or type(value) in _PLAIN_TYPES else audit.jsonable(value)


def _owner_text(name: str, user_id: int | None, usernames: dict[int, str]) -> str:
    return f"{name}={usernames.get(user_id, user_id)}" if user_id is not None else name


def _compare(row: ParsedRow, state: StoreState, present: set[str], start: dt.date, work: _Work) -> None:
    assert row.company_id is not None
    existing = state.customers.get(row.company_id)
    customer_id = existing[0] if existing else None
    before = existing[1] if existing else {}
    fields: set[str] = set()
    changes: dict[str, list[Any]] = {}
    edited = app_edits.parse(before.get("app_edited")) if existing else frozenset()
    marks = set(edited)
    if existing:
        for column, value in row.values.items():
            old = before[column]
            if old is not value and (old is None or value is None or old != value):
                changes[column] = [_plain(old), _plain(value)]
        if edited:
            _app_edited_fields(row, before, changes, edited, marks, state, work)
        fields.update(FIELD_BY_KEY[COLUMN_FIELD[column]].header for column in changes)
    owners: list[tuple[str, str, int | None]] = []
    for kind, key in OWNER_KINDS:
        if key not in present:
            continue
        old = [o for o in state.owners.get(customer_id, []) if o.kind == kind] if customer_id else []
        by_name = {o.raw_name: o for o in old}
        names: tuple[str, ...] = row.extras.get(key) or ()
        if key in edited:
            if sorted(names) != sorted(o.raw_name for o in old):
                sheet_text = "、".join(names)
                app_text = "、".join(_owner_text(o.raw_name, None, {}) if o.user_id is None
                                    else state.usernames.get(o.user_id, o.raw_name) for o in old)
                _conflict(row, key, sheet_text, app_text, work)
                if not work.sheet_wins:
                    continue  # the app's owners stay
            marks.discard(key)
        after: list[tuple[str, int | None]] = []
        for name in names:
            match = state.resolver.resolve(name)
            user_id = match.user_id
            kept = by_name.get(name)
            if kept is not None and match.status == "unresolved" and kept.user_id is not None:
                user_id = kept.user_id  # someone assigned a user by hand: keep it
            if user_id is None and match.status == "unresolved":
                kinds, seen = work.unresolved.get(name, (set(), 0))
                kinds.add(kind)
                work.unresolved[name] = (kinds, seen + 1)
            after.append((name, user_id))
            owners.append((kind, name, user_id))
            if customer_id is None:
                continue
            if kept is None:
                work.owner_inserts.append({"customer_id": customer_id, "kind": kind, "user_id": user_id,
                                           "raw_name": name})
            elif kept.user_id != user_id:
                work.owner_updates.append((kept.id, user_id))
        if customer_id is not None:
            gone = [o.id for o in old if o.raw_name not in names]
            work.owner_deletes.extend(gone)
            old_text = [_owner_text(o.raw_name, o.user_id, state.usernames) for o in old]
            new_text = [_owner_text(n, u, state.usernames) for n, u in after]
            if sorted(old_text) != sorted(new_text):
                changes[f"{kind}_owners"] = [old_text, new_text]
                fields.add(FIELD_BY_KEY[key].header)
    target = None
    if present & {"single_price", "multi_price"}:
        mode = row.values.get("settlement_mode", before.get("settlement_mode"))
        target, plan_warnings = plan_from_cells(row.extras.get("single_price"), row.extras.get("multi_price"), mode)
        row.warnings.extend((key, None, message) for key, message in plan_warnings)
        if target is not None and customer_id is not None:
            if customer_id in state.foreign_plan_customers:
                row.warnings.append(("single_price", None, msg("customers.import.prices_elsewhere")))
            elif _plan_changes(customer_id, row, target, state, start, work):
                fields.add(PLAN_FIELD)
    if customer_id is None:
        work.new.append((row, row.values, owners, target))
        work.outcomes[row.excel_row] = ("new", ())
        return
    new_marks = app_edits.render(marks)
    if any(c in changes for c in SHEET_COLUMNS):
        values = dict(row.values)
        values["app_edited"] = new_marks
        if "name" in changes:
            values["name_initials"], values["name_pinyin"] = name_keys(values["name"])
        else:
            values["name_initials"], values["name_pinyin"] = before["name_initials"], before["name_pinyin"]
        work.updates.append({"id": customer_id, "version": before["version"] + 1, **values})
    elif new_marks != before["app_edited"]:
        work.mark_updates.append({"id": customer_id, "app_edited": new_marks})
    if changes:
        work.audit_items.append(audit.AuditItem("update", "customer", customer_id, changes,
                                                f"公司id {row.company_id}: customer import row {row.excel_row}"))
    work.outcomes[row.excel_row] = ("updated", tuple(sorted(fields))) if fields else ("unchanged", ())


def _field_text(key: str, values: dict[str, Any], state: StoreState) -> str:
    """A sheet field's value as a user reads it (a conflict's two sides)."""
    if key in ("industry", "erp", "coop_status"):
        entry = values.get(f"{key}_id")
        return state.dictionary.labels.get(entry, "") if entry is not None else ""
    if key == "onboarding":
        return str(values.get("onboarding_half") or values.get("onboarding_raw") or "")
    value = values.get(FIELD_COLUMNS[key][0])
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(_plain(value))


def _conflict(row: ParsedRow, key: str, sheet: str, app: str, work: _Work) -> None:
    header = FIELD_BY_KEY[key].header
    work.conflicts.append(Conflict(row.excel_row, row.company_id, row.values.get("name"), key, header, sheet, app,
                                   "sheet" if work.sheet_wins else "app"))
    code = "customers.import.app_edit_overwritten" if work.sheet_wins else "customers.import.app_edit_kept"
    row.warnings.append((key, None, msg(code, column=header, sheet=sheet or "—", app=app or "—")))


def _app_edited_fields(row: ParsedRow, before: dict[str, Any], changes: dict[str, list[Any]],
                       edited: frozenset[str], marks: set[str], state: StoreState, work: _Work) -> None:
    """Fields edited in the app: a differing sheet value is a conflict (kept unless sheet wins); a field the
    sheet agrees with, or that the sheet wins, is no longer marked."""
    for key in sorted(edited):
        if key in ("sales_owner", "ops_owner"):
            continue  # owners are compared with the owner rows
        columns = [c for c in FIELD_COLUMNS.get(key, ()) if c in row.values]
        if not columns:
            continue  # the sheet lacks the column: the app's value stays marked
        differing = [c for c in columns if c in changes]
        if differing:
            _conflict(row, key, _field_text(key, row.values, state), _field_text(key, before, state), work)
            if not work.sheet_wins:
                for column in columns:
                    row.values[column] = before[column]
                    changes.pop(column, None)
                continue
        marks.discard(key)


def _plan_row(customer_id: int, target: PlanTarget, start: dt.date) -> dict[str, Any]:
    return {"customer_id": customer_id, "series": "ALL", **target.columns(), "effective_from": start,
            "effective_to": None, "extra_floor_price": None, "quota": None, "overage_price": None,
            "payment_terms_days": None, "source": PLAN_SOURCE, "source_raw": target.source_raw, "version": 1}


def _plan_changes(customer_id: int, row: ParsedRow, target: PlanTarget, state: StoreState, start: dt.date,
                  work: _Work) -> bool:
    action = decide(target, state.latest_plans.get(customer_id), start)
    existing = action.existing
    if action.kind == "blocked":
        if action.message is not None:
            row.warnings.append(("single_price", None, action.message))
        return False
    if action.kind == "keep":
        return False
    if action.kind == "update" and existing is not None:
        work.plan_corrections.append({"id": existing.id, **target.columns(), "source_raw": target.source_raw,
                                      "version": existing.version + 1})
        work.audit_items.append(audit.AuditItem("update", "price_plan", existing.id,
                                                audit.diff(existing.describe(), target.describe()),
                                                f"公司id {row.company_id}: customer import row {row.excel_row}"))
        return True
    still_open = existing is not None and (existing.effective_to is None or existing.effective_to >= start)
    if action.kind == "end_and_insert" and existing is not None and still_open:
        end = start - dt.timedelta(days=1)
        work.plan_ends.append((existing.id, end, existing.version + 1))
        work.audit_items.append(audit.AuditItem("update", "price_plan", existing.id,
                                                {"effective_to": [_plain(existing.effective_to), _plain(end)]},
                                                f"公司id {row.company_id}: ended by customer import"))
    work.plan_inserts.append(_plan_row(customer_id, target, start))
    return True


def _write(session: Session, actor: Actor, work: _Work, start: dt.date, usernames: dict[int, str],
           tick: Steps) -> None:
    work.new.sort(key=lambda new: new[1]["name"])  # name order: the name / pinyin indexes grow in place (~20% faster)
    empty: dict[str, Any] = dict.fromkeys(SHEET_COLUMNS)
    new_rows = []
    for row, values, _, _ in work.new:
        full = empty.copy()
        full.update(values)
        full["company_id"] = row.company_id
        full["name_initials"], full["name_pinyin"] = name_keys(full["name"])
        full["payment_terms_days"], full["version"], full["app_edited"] = 30, 1, None
        new_rows.append(full)
    ids = insert_customers(session, new_rows, tick)
    update_customers(session, work.updates, tick)
    write_app_edited(session, work.mark_updates)
    created_items: list[audit.AuditItem] = []
    new_plan_rows: list[dict[str, Any]] = []
    for (row, _, owners, target), insert_row in zip(work.new, new_rows, strict=True):
        assert row.company_id is not None
        customer_id = ids[row.company_id]
        for kind, name, user_id in owners:
            work.owner_inserts.append({"customer_id": customer_id, "kind": kind, "user_id": user_id,
                                       "raw_name": name})
        changes: dict[str, list[Any]] = {
            k: [None, v if type(v) in _PLAIN_TYPES else _plain(v)]
            for k, v in insert_row.items() if v is not None and k not in _DERIVED}
        for kind, _ in OWNER_KINDS:
            names = [_owner_text(n, u, usernames) for k, n, u in owners if k == kind]
            if names:
                changes[f"{kind}_owners"] = [None, names]
        created_items.append(audit.AuditItem("create", "customer", customer_id, changes,
                                             f"公司id {row.company_id}: customer import row {row.excel_row}"))
        if target is not None:
            new_plan_rows.append(_plan_row(customer_id, target, start))
    tick(0, 1, render("customers.progress.writing_owners"))
    write_owners(session, work.owner_inserts, work.owner_updates, work.owner_deletes)
    end_plans(session, work.plan_ends)
    correct_plans(session, work.plan_corrections)
    all_plans = work.plan_inserts + new_plan_rows
    plan_ids = insert_plans(session, all_plans)
    for plan in all_plans:
        plan_id = plan_ids[plan["customer_id"]]
        created_items.append(audit.AuditItem(
            "create", "price_plan", plan_id,
            {k: [None, _plain(v)] for k, v in plan.items() if v is not None and k != "version"},
            "seeded by the customer import"))
    tick(0, 1, render("customers.progress.writing_audit"))
    audit.record_many(session, actor, [*created_items, *work.audit_items], prepared=True)
    session.expire_all()  # Core statements bypassed the identity map: reload objects the caller holds
