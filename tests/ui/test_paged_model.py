"""The SQL-paged model: counts, fetches pages on demand through the runner, sorts by re-querying."""

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from sqlalchemy import text

from opcms_desktop.ui.kit.paged_model import PLACEHOLDER, Column, PagedTableModel


@dataclass(frozen=True)
class Query:
    descending: bool = False
    sort: str = "n"


def count_rows(session, actor, query):
    return session.execute(text("SELECT 1000")).scalar_one()


def page_rows(session, actor, query, offset, limit):
    calls.append((offset, limit))
    numbers = range(999, -1, -1) if query.descending else range(1000)
    return [{"n": n, "label": f"第{n}行"} for n in list(numbers)[offset:offset + limit]]


calls: list = []
COLUMNS = [Column("n", "编号", lambda r: r["n"], sort_key="n", align_right=True),
           Column("label", "名称", lambda r: r["label"])]


def _model(runner):
    calls.clear()
    return PagedTableModel(runner, COLUMNS, count_rows, page_rows,
                           with_sort=lambda q, key, desc: replace(q, sort=key, descending=desc), page_size=100)


def test_counts_then_loads_only_the_pages_asked_for(qtbot, runner):
    model = _model(runner)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query())
    assert model.rowCount() == 1000
    qtbot.waitUntil(lambda: model.row_at(0) is not None, timeout=10000)
    assert calls == [(0, 100)]
    assert model.data(model.index(950, 1)) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.data(model.index(950, 1)) == "第950行", timeout=10000)
    assert calls == [(0, 100), (900, 100)]


def test_sort_requeries_in_the_service(qtbot, runner):
    model = _model(runner)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query())
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.row_at(0) is not None, timeout=10000)
    assert model.data(model.index(0, 0)) == "999" and model.query.descending


def test_passes_qtmodeltester(qtmodeltester, qtbot, runner):
    model = _model(runner)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query())
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)


def test_a_page_arriving_after_the_model_was_deleted_is_dropped(qtbot, runner):
    import threading

    from shiboken6 import delete

    release = threading.Event()

    def slow_page(session, actor, query, offset, limit):
        release.wait(10)
        return page_rows(session, actor, query, offset, limit)

    model = PagedTableModel(runner, COLUMNS, count_rows, slow_page, page_size=100)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query())  # asks for the first page, which now waits
    qtbot.waitUntil(lambda: runner.running > 0, timeout=5000)
    delete(model)  # the screen closed while the page was on its way
    release.set()
    assert runner.wait_for_done(10000)
    qtbot.wait(100)  # the late page is delivered to nobody, without an error in the event loop
