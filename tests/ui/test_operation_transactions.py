"""The runner's transactions on both databases: declared writes write, everything else is read-only."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from opcms_desktop.models import Role
from opcms_desktop.services.platform.db import UndeclaredWrite, make_session_factory, session_scope
from opcms_desktop.services.platform.operations import reads, writes


def _label(session, _actor):
    return session.scalar(select(Role.label).where(Role.name == "ops"))


@writes("roles")
def _declared_write(session, _actor, label):
    session.execute(text("UPDATE roles SET label = :label WHERE name = 'ops'"), {"label": label})


def _undeclared_sql_write(session, _actor, label):
    session.execute(text("UPDATE roles SET label = :label WHERE name = 'ops'"), {"label": label})


def _undeclared_orm_write(session, _actor, label):
    role = session.scalars(select(Role).where(Role.name == "ops")).one()
    role.label = label


@reads
def _declared_read_that_writes(session, _actor, label):
    _undeclared_sql_write(session, _actor, label)
    return _label(session, _actor)


@pytest.fixture
def db_runner(qtbot, fresh_engine):
    from opcms_desktop.ui.operations import OperationRunner

    presented: list = []
    runner = OperationRunner(make_session_factory(fresh_engine), None,
                             error_presenter=lambda parent, failure: presented.append(failure))
    yield runner
    runner.cancel_all()
    assert runner.wait_for_done(20000)


def _run(qtbot, operation):
    box: dict = {}
    operation.success(lambda r: box.setdefault("result", r)) \
        .failure(lambda f: box.setdefault("failure", f) or True).run()
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box


@pytest.mark.parametrize("fn", [_undeclared_sql_write, _undeclared_orm_write, _declared_read_that_writes])
def test_an_undeclared_write_is_refused_and_nothing_is_written(qtbot, db_runner, fn):
    before = _run(qtbot, db_runner.op(_label))["result"]
    box = _run(qtbot, db_runner.op(fn, "written anyway"))
    error = box["failure"].error
    assert isinstance(error, UndeclaredWrite), repr(error)
    assert error.code == "error.undeclared_write" and fn.__qualname__ in error.params["operation"]
    assert _run(qtbot, db_runner.op(_label))["result"] == before


def test_a_declared_write_commits_and_broadcasts_its_topics(qtbot, db_runner):
    with qtbot.waitSignal(db_runner.changed, timeout=10000) as blocker:
        db_runner.op(_declared_write, "运维（新）").run()
    assert blocker.args == [frozenset({"roles"})]
    assert _run(qtbot, db_runner.op(_label))["result"] == "运维（新）"


def test_pooled_connections_come_back_writable_after_a_refused_read(qtbot, db_runner, fresh_engine):
    for attempt in range(3):
        assert isinstance(_run(qtbot, db_runner.op(_undeclared_sql_write, "no"))["failure"].error, UndeclaredWrite)
        assert "failure" not in _run(qtbot, db_runner.op(_declared_write, f"yes {attempt}"))
    with session_scope(make_session_factory(fresh_engine)) as session:  # a plain session, not the runner
        session.execute(text("UPDATE roles SET label = 'plain' WHERE name = 'ops'"))
    assert _run(qtbot, db_runner.op(_label))["result"] == "plain"
