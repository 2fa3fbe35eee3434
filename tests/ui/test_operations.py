"""The runner: worker thread, one transaction per operation, progress, cancel, change broadcast, errors."""

import threading
import time

import pytest
from sqlalchemy import select

from opcms_desktop.models import User
from opcms_desktop.services.platform.db import UndeclaredWrite
from opcms_desktop.services.platform.errors import Cancelled, PermissionDenied, ValidationError
from opcms_desktop.services.platform.operations import reads, writes
from opcms_desktop.services.security import users
from opcms_desktop.ui.errors import describe


def _wait(qtbot, op_builder):
    box = {}
    op = op_builder.success(lambda r: box.setdefault("result", r)).failure(lambda f: box.setdefault("failure", f) or True)
    op.run()
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box


def test_operation_runs_off_the_ui_thread_and_returns_plain_data(qtbot, runner, query_guard):
    seen = {}

    def work(session, actor):
        seen["thread"] = threading.current_thread()
        return users.list_users(session, actor)

    box = _wait(qtbot, runner.op(work))
    assert seen["thread"] is not threading.main_thread()
    assert [r.username for r in box["result"]] == ["admin"]
    assert query_guard.worker_queries > 0 and query_guard.violations == []


def test_the_guard_would_catch_a_query_on_the_ui_thread(ui_factory, query_guard):
    """Proves the guard used by every UI test is live: a main-thread query is recorded."""
    from opcms_desktop.services.platform.db import session_scope

    with session_scope(ui_factory) as session:
        session.scalar(select(User.id))
    assert any("SELECT users.id" in v for v in query_guard.violations)
    query_guard.violations.clear()


def test_changes_are_broadcast_after_commit(qtbot, runner):
    with qtbot.waitSignal(runner.changed, timeout=10000) as blocker:
        runner.op(users.create_user, "zhang", "Good-password-9", "ops").run()  # declared @writes("users", "audit")
    assert blocker.args == [frozenset({"users", "audit"})]
    box = _wait(qtbot, runner.op(users.list_users))
    assert {r.username for r in box["result"]} == {"admin", "zhang"}


def test_failure_rolls_back_and_is_typed(qtbot, runner):
    @writes("users")
    def create_then_fail(session, actor):
        users.create_user(session, actor, "temp", "Good-password-9", "ops")
        users.create_user(session, actor, "temp", "Good-password-9", "ops")  # duplicate -> ValidationError

    box = _wait(qtbot, runner.op(create_then_fail))
    assert isinstance(box["failure"].error, ValidationError)
    names = {r.username for r in _wait(qtbot, runner.op(users.list_users))["result"]}
    assert "temp" not in names


def test_cancel_raises_cancelled_and_leaves_no_trace(qtbot, runner):
    started = threading.Event()

    @writes("users")
    def slow(session, actor, *, progress, cancel):
        users.create_user(session, actor, "ghost", "Good-password-9", "ops")
        started.set()
        for i in range(200):
            progress(i, 200, "working")
            if cancel():
                raise Cancelled("stopped")
            time.sleep(0.01)
        return "finished"

    box = {}
    op = runner.op(slow).success(lambda r: box.setdefault("result", r)).failure(lambda f: box.setdefault("f", f) or True)
    op.run()
    assert started.wait(5)
    op.cancel()
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    assert isinstance(box["f"].error, Cancelled)
    names = {r.username for r in _wait(qtbot, runner.op(users.list_users))["result"]}
    assert "ghost" not in names


def test_progress_reaches_the_ui_and_the_dialog_appears_only_after_a_delay(qtbot, runner):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    seen = []
    release = threading.Event()

    def slow(session, actor, *, progress, cancel):
        for i in range(5):
            progress(i + 1, 5, f"step {i}")
            time.sleep(0.15)
        release.wait(5)
        return "ok"

    box = {}
    runner.op(slow).with_progress("测试进度").on_progress(lambda d, t, label: seen.append((d, t))) \
        .success(lambda r: box.setdefault("r", r)).run()
    qtbot.wait(200)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert dialogs == []  # not before ~500 ms
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    assert seen and seen[-1] == (5, 5)


def test_unhandled_failure_goes_to_the_presenter(qtbot, runner):
    def forbidden(session, actor):
        raise PermissionDenied("no")

    runner.op(forbidden).run()
    qtbot.waitUntil(lambda: bool(runner.presented), timeout=10000)
    title, _ = describe(runner.presented[0].error)
    assert title == "没有权限"


def test_orm_objects_never_reach_the_ui(qtbot, runner):
    box = _wait(qtbot, runner.op(lambda session, actor: session.scalars(select(User)).all()))
    assert isinstance(box["failure"].error, TypeError)


@pytest.mark.parametrize("error,title", [(ValidationError("坏", []), "输入有误"), (Cancelled("x"), "已取消"),
                                         (RuntimeError("boom"), "意外错误")])
def test_error_translation(error, title):
    assert describe(error)[0] == title


def test_service_keywords_named_like_runner_options_reach_the_service(qtbot, runner):
    def service(session, actor, *, label, changes, announce):
        return (label, changes, announce)

    box = _wait(qtbot, runner.op(service, label="新名称", changes={"a": 1}, announce={"roles"}))
    assert box["result"] == ("新名称", {"a": 1}, {"roles"})


def test_a_read_does_not_wait_behind_a_long_write(qtbot, runner):
    """SQLite: writers take the write lock up front; reads begin deferred beside them."""
    holding, release = threading.Event(), threading.Event()

    @writes("users")
    def long_write(session, actor):
        users.create_user(session, actor, "writer", "Good-password-9", "ops")
        holding.set()
        release.wait(10)

    write_box, read_box = {}, {}
    runner.op(long_write).success(lambda r: write_box.setdefault("done", True)).run()
    assert holding.wait(5)
    started = time.monotonic()
    runner.op(users.list_users).success(lambda rows: read_box.setdefault("rows", rows)).run()
    qtbot.waitUntil(lambda: bool(read_box), timeout=5000)
    assert time.monotonic() - started < 3
    assert "writer" not in {r.username for r in read_box["rows"]}  # the write is not committed yet
    release.set()
    qtbot.waitUntil(lambda: bool(write_box), timeout=10000)


# -- declarations: what a service does decides its transaction ----------------------------------------

@writes("users", "audit")
def _create_declared(session, actor, username):
    return users.create_user(session, actor, username, "Good-password-9", "ops").username


def _create_undeclared(session, actor, username):
    users.create_user(session, actor, username, "Good-password-9", "ops")


@reads
def _create_in_a_declared_read(session, actor, username):
    users.create_user(session, actor, username, "Good-password-9", "ops")


def _names(qtbot, runner):
    return {r.username for r in _wait(qtbot, runner.op(users.list_users))["result"]}


def test_a_declared_write_announces_its_topics_without_announce(qtbot, runner):
    with qtbot.waitSignal(runner.changed, timeout=10000) as blocker:
        runner.op(_create_declared, "li").run()
    assert blocker.args == [frozenset({"users", "audit"})]
    assert "li" in _names(qtbot, runner)


def test_a_declared_write_through_a_partial_or_bound_method_is_still_a_write(qtbot, runner):
    import functools

    class Screen:
        @writes("users")
        def create(self, session, actor):
            users.create_user(session, actor, "bound", "Good-password-9", "ops")

    with qtbot.waitSignal(runner.changed, timeout=10000):
        runner.op(functools.partial(_create_declared, username="partial")).run()
    with qtbot.waitSignal(runner.changed, timeout=10000):
        runner.op(Screen().create).run()
    assert {"partial", "bound"} <= _names(qtbot, runner)


@pytest.mark.parametrize("fn", [_create_undeclared, _create_in_a_declared_read])
def test_a_write_in_a_read_is_refused_with_a_typed_error_and_nothing_is_written(qtbot, runner, fn):
    broadcasts = []
    runner.changed.connect(broadcasts.append)
    box = _wait(qtbot, runner.op(fn, "sneaky"))
    error = box["failure"].error
    assert isinstance(error, UndeclaredWrite)
    assert error.code == "error.undeclared_write" and error.params["operation"].endswith(fn.__qualname__)
    assert fn.__qualname__ in str(error)
    assert "sneaky" not in _names(qtbot, runner)
    assert broadcasts == []


def test_a_raw_sql_write_in_a_read_is_refused_by_the_database(qtbot, runner):
    from sqlalchemy import text

    def sneaky_sql(session, actor):
        session.execute(text("UPDATE users SET display_name = 'hacked'"))

    box = _wait(qtbot, runner.op(sneaky_sql))
    assert isinstance(box["failure"].error, UndeclaredWrite)
    assert "hacked" not in {r.display_name for r in _wait(qtbot, runner.op(users.list_users))["result"]}


def test_a_write_after_a_refused_read_on_the_same_pooled_connection_still_writes(qtbot, runner):
    """query_only is a connection setting: a read that failed must not leave it on for the next writer."""
    for _ in range(3):
        assert isinstance(_wait(qtbot, runner.op(_create_undeclared, "xx"))["failure"].error, UndeclaredWrite)
        box = _wait(qtbot, runner.op(_create_declared, f"ok{_}"))
        assert box.get("result") == f"ok{_}", box
    assert {"ok0", "ok1", "ok2"} <= _names(qtbot, runner)
