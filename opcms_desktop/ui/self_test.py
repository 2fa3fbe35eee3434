"""`opcms-desktop --self-test`: prove that this build (source tree or frozen bundle) works end to end.

Against a fresh SQLite file in a new folder, with the real services and no window on screen: the schema
migrations, the first admin and a login, an import of a small customer sheet (written here with
openpyxl, so nothing extra has to ship), a usage sheet, a bill run and issuing its bills, one bill as a
PDF, a pyqtgraph chart rendered to PNG, and the online backup that guards risky operations. One line per
step, then a JSON summary on the last line (also written to self-test.json in the folder); exit code 0 when every step passed, 1 naming the first
failed step (the later steps are not run).

Decisions the issue left open: the month billed is the previous calendar month (a bill run refuses
the month in progress); the folder is kept (its path is in the summary) so that a failure can be
inspected; `--self-test-fail STEP` makes a step fail on purpose, so the failure path is tested too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import keyring
from keyring.backend import KeyringBackend

STEPS = ("folder", "migrations", "login", "import", "usage", "bill_run", "issue", "pdf", "chart", "backup")
ADMIN = "selftest"
SUMMARY_FILE = "self-test.json"
DB_KEY_VARIABLE = "OPCMS_DB_KEY"  # services/platform/db_key.py ENV_KEY: overrides the keyring
CUSTOMERS = ((9001, "自检客户甲", "8"), (9002, "自检客户乙", "12.5"), (9003, "自检客户丙", "10"))


class ProcessKeyring(KeyringBackend):
    """Keys held in memory for the life of this process."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def use_process_keyring() -> None:
    keyring.set_keyring(ProcessKeyring())
    os.environ.pop(DB_KEY_VARIABLE, None)  # the keyring decides, not a key the caller happened to set


class SelfTestFailure(Exception):
    """A step's own check failed (the services ran, but the answer is wrong)."""


@dataclass
class SelfTestState:
    folder: Path
    fail_step: str | None = None
    period: str = ""
    values: dict[str, Any] = field(default_factory=dict)


def previous_month(today: dt.date) -> tuple[str, dt.date]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.strftime("%Y-%m"), first.replace(day=1)


def _write_sheet(path: Path, headers: tuple[str, ...], rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestFailure(reason)


# -- the steps: each takes the state, returns a short detail -----------------------------------------------


def step_folder(state: SelfTestState) -> str:
    state.folder.mkdir(parents=True, exist_ok=True)
    probe = state.folder / ".write-test"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return str(state.folder)


def step_migrations(state: SelfTestState) -> str:
    from ..services.platform.db import create_db_engine, make_session_factory, schema_is_current
    from ..services.security import bootstrap

    path = state.folder / "selftest.db"
    # The throw-away (encrypted) file's keys go to a keyring of this process only: the self-test never
    # writes to the OS keyring, and runs where there is none (a build machine without a desktop session).
    use_process_keyring()
    engine = create_db_engine(f"sqlite:///{path}")
    password = "St-" + secrets.token_urlsafe(12)
    result = bootstrap.initialise(engine, ADMIN, password, "自检")
    _check(result.admin_created == ADMIN, "the first admin was not created")
    _check(schema_is_current(engine), "the schema is not at the newest migration")
    state.values.update(engine=engine, factory=make_session_factory(engine), password=password, path=path)
    return str(path)


def step_login(state: SelfTestState) -> str:
    from ..services.security import auth

    actor, _must_change = auth.authenticate(state.values["factory"], ADMIN, state.values["password"])
    state.values["actor"] = actor
    return f"{actor.username} ({actor.role})"


def step_import(state: SelfTestState) -> str:
    from ..services.customers.sheet_import import import_customers
    from ..services.platform.db import session_scope

    state.period, start = previous_month(dt.date.today())
    sheet = _write_sheet(
        state.folder / "customers.xlsx",
        ("公司id", "公司名称", "是否结算", "单层定价"),
        [(cid, name, "是", price) for cid, name, price in CUSTOMERS],
    )
    with session_scope(state.values["factory"]) as session:
        result = import_customers(session, state.values["actor"], sheet, plan_start=start)
    _check(
        result.inserted == len(CUSTOMERS) and result.rejected == 0,
        f"imported {result.inserted} of {len(CUSTOMERS)} customers, {result.rejected} rejected",
    )
    return f"{result.inserted} customers"


def step_usage(state: SelfTestState) -> str:
    from ..services.platform.db import session_scope
    from ..services.usage.sheet_import import import_usage

    rows = [(cid, state.period, "X", 10 * (n + 1), 0, 0) for n, (cid, _name, _price) in enumerate(CUSTOMERS)]
    sheet = _write_sheet(
        state.folder / "usage.xlsx",
        ("公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数"),
        rows,
    )
    with session_scope(state.values["factory"]) as session:
        report = import_usage(session, state.values["actor"], sheet)
    errors = [i.code for i in report.issues if i.level == "error"]
    _check(
        not errors and report.inserted == len(rows), f"usage import: {report.inserted} rows, errors {errors}"
    )
    return f"{len(rows)} rows for {state.period}"


def step_bill_run(state: SelfTestState) -> str:
    from ..services.billing.run import generate_bill_run
    from ..services.platform.db import session_scope

    with session_scope(state.values["factory"]) as session:
        result = generate_bill_run(session, state.values["actor"], state.period)
    expected = sum((10 * (n + 1) * Decimal(price) for n, (_c, _n, price) in enumerate(CUSTOMERS)), Decimal(0))
    _check(result.created == len(CUSTOMERS), f"{result.created} bills created, {len(CUSTOMERS)} expected")
    _check(result.total == expected, f"total {result.total}, expected {expected:.2f}")
    return f"{result.created} bills, total {result.total}"


def step_issue(state: SelfTestState) -> str:
    from ..services.billing.invoices import issue_invoices
    from ..services.platform.db import session_scope

    with session_scope(state.values["factory"]) as session:
        result = issue_invoices(session, state.values["actor"], state.period)
    _check(len(result.issued) == len(CUSTOMERS), f"{len(result.issued)} bills issued")
    state.values["bill"] = result.issued[0].number
    return ", ".join(i.number for i in result.issued)


def step_pdf(state: SelfTestState) -> str:
    from ..services.billing.document import invoice_document
    from ..services.platform.db import session_scope
    from .invoice_pdf import write_invoice_pdf

    with session_scope(state.values["factory"]) as session:
        document = invoice_document(session, state.values["actor"], state.values["bill"])
    path = write_invoice_pdf(document, state.folder / f"{document.number}.pdf")
    data = path.read_bytes()
    _check(data.startswith(b"%PDF") and len(data) > 1000, f"{path} is not a PDF")
    return f"{path.name} ({len(data)} bytes)"


def step_chart(state: SelfTestState) -> str:
    import pyqtgraph as pg
    from PySide6.QtGui import QImage

    from .invoice_pdf import ensure_gui_application

    ensure_gui_application()
    plot = pg.PlotWidget(background="w")
    plot.resize(480, 320)
    heights = [10 * (n + 1) * float(price) for n, (_c, _n, price) in enumerate(CUSTOMERS)]
    plot.addItem(pg.BarGraphItem(x=list(range(len(heights))), height=heights, width=0.6, brush="#3b73b9"))
    path = state.folder / "chart.png"
    saved = plot.grab().save(str(path), "PNG")
    plot.deleteLater()
    image = QImage(str(path))
    _check(saved and not image.isNull() and image.width() >= 400, "the chart was not rendered to PNG")
    painted = {image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)}
    _check(len(painted) > 2, "the chart image is blank")
    return f"{path.name} {image.width()}x{image.height()}"


def step_backup(state: SelfTestState) -> str:
    from ..services.maintenance.backup import backup_before

    result = backup_before(state.values["engine"], "self-test")
    _check(result is not None and result.checked and result.chain_ok, "the backup did not verify")
    assert result is not None
    return Path(result.path).name


STEP_FUNCTIONS: dict[str, Callable[[SelfTestState], str]] = {
    "folder": step_folder,
    "migrations": step_migrations,
    "login": step_login,
    "import": step_import,
    "usage": step_usage,
    "bill_run": step_bill_run,
    "issue": step_issue,
    "pdf": step_pdf,
    "chart": step_chart,
    "backup": step_backup,
}


def _reason(error: BaseException) -> str:
    from ..services.platform.errors import OpcmsError
    from ..services.platform.messages import render

    if isinstance(error, OpcmsError):
        return f"{error.code}: {render(error.code, error.params, 'en')}"
    return f"{type(error).__name__}: {error}"


def run_self_test(folder: Path | None = None, fail_step: str | None = None, out: TextIO | None = None) -> int:
    """Run every step in order; print one line each and the JSON summary; 0 if all passed, else 1."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="opcms-self-test-"))
    state = SelfTestState(folder=folder, fail_step=fail_step)
    results: list[dict[str, Any]] = []
    failed: dict[str, Any] | None = None
    started = time.perf_counter()
    try:
        for name in STEPS:
            began = time.perf_counter()
            try:
                if name == state.fail_step:
                    raise SelfTestFailure(f"failure forced with --self-test-fail {name}")
                detail = STEP_FUNCTIONS[name](state)
            except Exception as error:  # noqa: BLE001 - every failure is reported with its step, then exit 1
                failed = {"step": name, "reason": _reason(error), "traceback": traceback.format_exc()}
                print(f"FAIL {name:<11} {failed['reason']}", file=out, flush=True)
                break
            seconds = round(time.perf_counter() - began, 2)
            results.append({"step": name, "ok": True, "seconds": seconds, "detail": detail})
            print(f"ok   {name:<11} {seconds:6.2f} s  {detail}", file=out, flush=True)
    finally:
        engine = state.values.get("engine")
        if engine is not None:
            engine.dispose()
    summary = {
        "ok": failed is None,
        "steps": results,
        "failed": failed,
        "folder": str(folder),
        "seconds": round(time.perf_counter() - started, 2),
    }
    text = json.dumps(summary, ensure_ascii=False)
    print(text, file=out, flush=True)
    # A windowed executable (opcms-desktop.exe) has no console: the file is what a script can read.
    if folder.is_dir():
        (folder / SUMMARY_FILE).write_text(text + "\n", encoding="utf-8")
    return 0 if failed is None else 1
