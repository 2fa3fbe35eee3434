"""UI fixtures: offscreen Qt, a SQLite database of its own, a guard that fails any query on the UI thread."""

from __future__ import annotations

import contextlib
import threading

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import event

from opcms_desktop.services.platform import messages
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope
from opcms_desktop.services.security import bootstrap
from opcms_desktop.services.security.auth import authenticate

ADMIN_PASSWORD = "Adm1n-secret-2026"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def message_language(message_language):
    """Screens speak zh_CN, the shipped default."""
    messages.set_language("zh_CN")
    yield "zh_CN"


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class MainThreadQueryGuard:
    """Records every SQL statement executed on the main (Qt UI) thread."""

    def __init__(self, engine):
        self.engine = engine
        self.violations: list[str] = []
        self.worker_queries = 0
        event.listen(engine, "before_cursor_execute", self._check)

    @contextlib.contextmanager
    def allowed(self):
        """Test set-up may query on the main thread; the code under test may not."""
        self._allowed = True
        try:
            yield
        finally:
            self._allowed = False

    _allowed = False

    def _check(self, conn, cursor, statement, parameters, context, executemany):
        if self._allowed:
            return
        if threading.current_thread() is threading.main_thread():
            self.violations.append(statement.split("\n")[0][:120])
        else:
            self.worker_queries += 1

    def remove(self):
        event.remove(self.engine, "before_cursor_execute", self._check)


@pytest.fixture
def ui_engine(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'ui.db'}")
    bootstrap.initialise(engine, "admin", ADMIN_PASSWORD, "管理员")
    yield engine
    engine.dispose()


@pytest.fixture
def ui_factory(ui_engine):
    return make_session_factory(ui_engine)


@pytest.fixture
def admin_actor(ui_factory):
    actor, _ = authenticate(ui_factory, "admin", ADMIN_PASSWORD)
    return actor


@pytest.fixture
def query_guard(ui_engine):
    guard = MainThreadQueryGuard(ui_engine)
    yield guard
    guard.remove()
    assert guard.violations == [], f"queries ran on the UI thread: {guard.violations}"


@pytest.fixture
def runner(qtbot, ui_factory, admin_actor, query_guard):
    from opcms_desktop.ui.operations import OperationRunner

    presented = []
    runner = OperationRunner(ui_factory, admin_actor, error_presenter=lambda parent, failure: presented.append(failure))
    runner.presented = presented
    yield runner
    runner.cancel_all()
    assert runner.wait_for_done(20000)


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app_ctx(runner, admin_actor, settings):
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.context import AppContext

    return AppContext(runner, admin_actor, settings, ConnectionProfile())


def run_in_session(factory, fn, *args):
    with session_scope(factory) as session:
        return fn(session, *args)
