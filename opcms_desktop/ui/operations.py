"""The operation runner: every database call of the desktop client goes through here.

    runner.op(customers.customer_page, query, 0, 100) \
        .with_progress("加载客户").success(show_rows).failure(show_problem).run()

An operation is `fn(session, actor, *args, progress=..., cancel=...) -> plain data`, run in a worker
thread inside its own session and transaction (committed on success, rolled back on error or cancel).
Results come back on the UI thread. A progress dialog appears only after PROGRESS_DELAY_MS; Esc or its
Cancel button requests cancellation; a cancelled operation raises `Cancelled` and leaves no trace.

What the transaction may do comes from the service's declaration (`services.platform.operations`):
a `@writes("customers")` function runs in a write transaction and, when it succeeds, the runner
broadcasts its topics on `changed`, so open views refresh only what they show. A `@reads` function, or
one declared nothing, runs in a read-only transaction: a write there fails with `UndeclaredWrite`
(code `error.undeclared_write`) and nothing is written. Never call Qt from inside `fn` (it runs off the
UI thread).
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..models import Base
from ..services.platform.db import UndeclaredWrite, is_read_only_violation, read_only_factory, session_scope
from ..services.platform.errors import Cancelled
from ..services.platform.operations import declared
from .errors import show_failure
from .failure import Failure

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
PROGRESS_THROTTLE_S = 0.1


class _Signals(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the calls onto the UI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any],
                 signals: _Signals, cancel_event: threading.Event):
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._cancel = work, signals, cancel_event
        self._last_progress = 0.0

    def _progress(self, done: int, total: int, label: str = "") -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_THROTTLE_S or done >= total:
            self._last_progress = now
            self._signals.progressed.emit(int(done), int(total), label)

    def _cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancelled)
            if self._cancel.is_set():
                raise Cancelled("The operation was cancelled; nothing was changed.")
            _refuse_orm_objects(result)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the UI thread
            self._signals.failed.emit(Failure(exc, traceback.format_exc()))
            return
        self._signals.succeeded.emit(result)


def _refuse_orm_objects(result: Any) -> None:
    """ORM objects must not reach widgets (they would lazy-load on the UI thread)."""
    items: Iterable[Any] = result if isinstance(result, list | tuple) else (result,)
    for item in list(items)[:50]:
        if isinstance(item, Base):
            raise TypeError(f"An operation returned an ORM object ({type(item).__name__}); return plain data.")


class Operation:
    """A configured background call; chain .success/.failure/.with_progress then .run()."""

    def __init__(self, runner: OperationRunner, work, *, changes: Iterable[str] = (), label: str = ""):
        self._runner, self._work = runner, work
        self._changes = frozenset(changes)
        self._label = label
        self._show_progress = bool(label)
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Failure], bool | None] | None = None
        self._on_progress: Callable[[int, int, str], None] | None = None
        self._parent: QWidget | None = None
        self.cancel_event = threading.Event()
        self.retried = False  # an interceptor re-ran it once (runner.intercept)

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Failure], bool | None]) -> Operation:
        """`callback` returns True when it handled the failure; otherwise the standard message shows."""
        self._on_failure = callback
        return self

    def on_progress(self, callback: Callable[[int, int, str], None]) -> Operation:
        self._on_progress = callback
        return self

    def with_progress(self, label: str, parent: QWidget | None = None) -> Operation:
        self._label, self._show_progress, self._parent = label, True, parent
        return self

    def without_progress_dialog(self) -> Operation:
        self._show_progress = False
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> Operation:
        self._runner._start(self)
        return self

    def retry(self) -> Operation:
        """Run the same call again, once, with the same callbacks (after an interceptor fixed the cause)."""
        self.retried, self.cancel_event = True, threading.Event()
        return self.run()

    @property
    def parent_widget(self) -> QWidget | None:
        return self._parent


class OperationRunner(QObject):
    """Runs operations on a thread pool; one session and one transaction per operation."""

    changed = Signal(frozenset)  # what a finished operation changed, e.g. frozenset({"customers"})
    busy_changed = Signal(bool)

    def __init__(self, session_factory=None, actor=None, parent: QObject | None = None,
                 error_presenter: Callable[[QWidget | None, Failure], None] | None = None):
        super().__init__(parent)
        self.session_factory = session_factory
        self.actor = actor
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self._running: set[Operation] = set()
        self._signals: dict[Operation, _Signals] = {}
        self._error_presenter = error_presenter
        self._interceptors: dict[str, Callable[[Operation, Failure, Callable[[], None]], None]] = {}
        self._presenters: dict[str, Callable[[QWidget | None, Failure], None]] = {}

    def intercept(self, code: str, handler: Callable[[Operation, Failure, Callable[[], None]], None]) -> None:
        """A failure with this message code goes first to `handler(operation, failure, proceed)`, which
        may `operation.retry()` (once: a retried operation's failure takes the usual path) or call
        `proceed()` for the usual path (the operation's failure callback, then the message)."""
        self._interceptors[code] = handler

    def present(self, code: str, presenter: Callable[[QWidget | None, Failure], None]) -> None:
        """Show failures with this message code with `presenter` instead of the standard message box."""
        self._presenters[code] = presenter

    # -- building operations -------------------------------------------------------------------
    def op(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        """A service call `fn(session, actor, *args, **kwargs)` in its own transaction.

        The transaction follows `declared(fn)`: a declared write gets a write transaction and its
        topics are broadcast on success; a declared read or an undeclared function gets a read-only
        one (on SQLite it does not wait behind a running writer) and a write there is refused.
        Every keyword goes to `fn` untouched: the runner takes none of its own.
        """
        factory, actor = self.session_factory, self.actor
        if factory is None:
            raise RuntimeError("The runner has no database yet.")
        kind = declared(fn)
        writes = kind is not None and kind.writes
        changes = kind.topics if kind is not None else frozenset()
        if not writes:
            factory = self._read_factory(factory)
        wants = _accepted_keywords(fn)
        name = operation_name(fn)

        def work(progress, cancel):
            extra = dict(kwargs)
            if "progress" in wants:
                extra["progress"] = progress
            if "cancel" in wants:
                extra["cancel"] = cancel
            try:
                with session_scope(factory) as session:
                    session.info["opcms_operation"] = name
                    result = fn(session, actor, *args, **extra)
                    if cancel():
                        raise Cancelled("The operation was cancelled; nothing was changed.")
                    return result
            except UndeclaredWrite:
                raise
            except Exception as exc:
                if not writes and is_read_only_violation(exc):
                    raise UndeclaredWrite(operation=name) from exc
                raise

        return Operation(self, work, changes=changes)

    def _read_factory(self, factory):
        if getattr(self, "_read_for", None) is not factory:
            self._read_for, self._read = factory, read_only_factory(factory)
        return self._read

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        """Any blocking call without a session (log in, open a database, upgrade the schema)."""
        return Operation(self, lambda _progress, _cancel: fn(*args, **kwargs))

    # -- running ------------------------------------------------------------------------------
    def _start(self, operation: Operation) -> None:
        signals = _Signals()
        self._signals[operation] = signals
        self._running.add(operation)
        dialog_holder: dict[str, QProgressDialog] = {}

        def on_progress(done: int, total: int, label: str) -> None:
            if operation._on_progress:
                operation._on_progress(done, total, label)
            dialog = dialog_holder.get("dialog")
            if dialog is not None:
                dialog.setMaximum(max(total, 1))
                dialog.setValue(min(done, max(total, 1)))
                if label:
                    dialog.setLabelText(f"{operation._label}\n{label}")

        def show_dialog() -> None:
            if operation not in self._running or not operation._show_progress:
                return
            dialog = QProgressDialog(operation._label or self.tr("正在处理…"), self.tr("取消"), 0, 0,
                                     operation._parent)
            dialog.setWindowTitle(self.tr("请稍候"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(operation.cancel)
            dialog_holder["dialog"] = dialog
            dialog.show()

        def finish() -> None:
            dialog = dialog_holder.pop("dialog", None)
            if dialog is not None:
                dialog.canceled.disconnect()
                dialog.close()
                dialog.deleteLater()
            self._running.discard(operation)
            self._signals.pop(operation, None)
            signals.deleteLater()
            if not self._running:
                self.busy_changed.emit(False)

        def on_success(result: Any) -> None:
            finish()
            if operation._changes:
                self.changed.emit(operation._changes)
            if operation._on_success:
                _deliver(operation._on_success, result)

        def proceed(failure: Failure) -> None:
            if isinstance(failure.error, Cancelled) and not operation._on_failure:
                return
            handled = _deliver(operation._on_failure, failure) if operation._on_failure else False
            if not handled:
                self.present_error(operation._parent, failure)

        def on_failure(failure: Failure) -> None:
            finish()
            interceptor = self._interceptors.get(getattr(failure.error, "code", None) or "")
            if interceptor is not None and not operation.retried:
                interceptor(operation, failure, lambda: proceed(failure))
                return
            proceed(failure)

        signals.progressed.connect(on_progress)
        signals.succeeded.connect(on_success)
        signals.failed.connect(on_failure)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        QTimer.singleShot(PROGRESS_DELAY_MS, show_dialog)
        self.pool.start(_Job(operation._work, signals, operation.cancel_event))

    def present_error(self, parent: QWidget | None, failure: Failure) -> None:
        presenter = self._presenters.get(getattr(failure.error, "code", None) or "")
        if presenter is not None:
            presenter(parent, failure)
        elif self._error_presenter is not None:
            self._error_presenter(parent, failure)
        else:
            show_failure(parent, failure)

    @property
    def running(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for operation in list(self._running):
            operation.cancel()

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until every worker finished (closing the window, tests)."""
        return self.pool.waitForDone(msecs)


def _deliver(callback: Callable[[Any], Any], value: Any) -> Any:
    """Call back the UI; a view closed while its operation ran (Qt deleted its widgets) is skipped."""
    try:
        return callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("dropped the result of an operation whose view was closed: %s", exc)
        return True


def operation_name(fn: Callable[..., Any]) -> str:
    """`module.qualname` of the service function behind `fn` (through partials and bound methods)."""
    target = getattr(fn, "func", fn)
    target = getattr(target, "__func__", target)
    qualname = getattr(target, "__qualname__", None) or type(target).__qualname__
    module = getattr(target, "__module__", None)
    return f"{module}.{qualname}" if module else qualname


def _accepted_keywords(fn: Callable[..., Any]) -> set[str]:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return set()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return {"progress", "cancel"}
    return {name for name in ("progress", "cancel") if name in params}
