"""The SQL-paged model: counts, fetches pages on demand through the runner, sorts by re-querying."""

from dataclasses import dataclass, replace

from PySide6.QtCore import QItemSelectionModel, Qt
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


# -- tables keep their place: a change refreshes stale pages in place ---------------------------------

import pytest  # noqa: E402

from opcms_desktop.services.platform.db import session_scope  # noqa: E402
from opcms_desktop.services.platform.operations import reads, writes  # noqa: E402


@reads
def count_numbers(session, actor, query):
    return session.execute(text("SELECT count(*) FROM paged_numbers")).scalar_one()


@reads
def number_page(session, actor, query, offset, limit):
    rows = session.execute(text("SELECT n, label FROM paged_numbers ORDER BY n LIMIT :limit OFFSET :offset"),
                           {"limit": limit, "offset": offset})
    return [{"n": n, "label": label} for n, label in rows]


@dataclass(frozen=True)
class FirstPage:
    total: int
    rows: list


first_calls: list = []


@reads
def first_number_page(session, actor, query, limit):
    """The count and the first page in one call (the model's optional `first_fn`)."""
    first_calls.append(limit)
    return FirstPage(count_numbers(session, actor, query), number_page(session, actor, query, 0, limit))


def counted_pages(session, actor, query, offset, limit):
    page_calls.append(offset)
    return number_page(session, actor, query, offset, limit)


page_calls: list = []


@writes("customers")
def relabel(session, actor, n, label):
    session.execute(text("UPDATE paged_numbers SET label = :label WHERE n = :n"), {"label": label, "n": n})


@writes("customers")
def add_number(session, actor, n):
    session.execute(text("INSERT INTO paged_numbers (n, label) VALUES (:n, :label)"), {"n": n, "label": f"第{n}行"})


@writes("customers")
def remove_from(session, actor, n):
    session.execute(text("DELETE FROM paged_numbers WHERE n >= :n"), {"n": n})


@pytest.fixture
def numbers(ui_factory, query_guard):
    with query_guard.allowed(), session_scope(ui_factory) as session:
        session.execute(text("CREATE TABLE paged_numbers (n INTEGER PRIMARY KEY, label TEXT NOT NULL)"))
        session.execute(text("INSERT INTO paged_numbers (n, label) VALUES (:n, :label)"),
                        [{"n": n, "label": f"第{n}行"} for n in range(1000)])


class Watch:
    """Counts the model's structural signals: a refresh in place must not reset."""

    def __init__(self, model):
        self.resets = self.inserted = self.removed = 0
        model.modelReset.connect(lambda: setattr(self, "resets", self.resets + 1))
        model.rowsInserted.connect(lambda *_: setattr(self, "inserted", self.inserted + 1))
        model.rowsRemoved.connect(lambda *_: setattr(self, "removed", self.removed + 1))


def _shown_table(qtbot, runner, first=False, **options):
    from opcms_desktop.ui.kit.table_view import DataTableView

    first_calls.clear()
    page_calls.clear()
    if first:
        options["first_fn"] = first_number_page
    model = PagedTableModel(runner, COLUMNS, None if first else count_numbers, counted_pages, page_size=50, **options)
    runner.changed.connect(lambda what: "customers" in what and model.reload())  # as the screens do
    view = DataTableView("paged-test")
    view.setModel(model)
    view.resize(500, 300)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query())
    qtbot.waitUntil(lambda: model.row_at(0) is not None, timeout=10000)
    return model, view


def _place(view):
    return ([i.row() for i in view.selectionModel().selectedRows()], view.currentIndex().row(),
            view.currentIndex().column(), view.verticalScrollBar().value())


def _go_to_row_180(qtbot, model, view):
    from PySide6.QtWidgets import QAbstractItemView

    view.scrollTo(model.index(170, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    view.selectRow(180)
    view.setCurrentIndex(model.index(180, 1))
    view.selectionModel().select(model.index(180, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    qtbot.waitUntil(lambda: model.data(model.index(180, 1)) == "第180行" and not model.is_loading(), timeout=10000)
    assert view.verticalScrollBar().value() > 0
    return _place(view)


@pytest.mark.parametrize("first", [False, True])
def test_a_change_elsewhere_keeps_selection_current_cell_and_scroll(qtbot, runner, numbers, query_guard, first):
    model, view = _shown_table(qtbot, runner, first)
    before = _go_to_row_180(qtbot, model, view)
    watch = Watch(model)
    with qtbot.waitSignal(runner.changed, timeout=10000):
        runner.op(relabel, 180, "改过的第180行").run()  # a write from another window, through the runner
    qtbot.waitUntil(lambda: model.data(model.index(180, 1)) == "改过的第180行", timeout=10000)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    assert _place(view) == before
    assert (watch.resets, watch.inserted, watch.removed) == (0, 0, 0)
    assert view.currentIndex().data() == "改过的第180行"
    assert query_guard.violations == []


@pytest.mark.parametrize("first", [False, True])
def test_rows_are_added_or_removed_at_the_end_only_when_the_count_changes(qtbot, runner, numbers, first):
    model, view = _shown_table(qtbot, runner, first)
    before = _go_to_row_180(qtbot, model, view)
    watch = Watch(model)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        runner.op(add_number, 5000).run()
    assert model.rowCount() == 1001 and (watch.resets, watch.inserted, watch.removed) == (0, 1, 0)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        runner.op(remove_from, 900).run()
    assert model.rowCount() == 900 and (watch.resets, watch.inserted, watch.removed) == (0, 1, 1)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    assert _place(view) == before


def test_the_page_cache_never_exceeds_its_bound_while_scrolling(qtbot, runner, numbers):
    from PySide6.QtWidgets import QAbstractItemView

    model, view = _shown_table(qtbot, runner, max_pages=4)
    most = []
    model.dataChanged.connect(lambda *_: most.append(model.cached_pages()))
    for row in range(0, 1000, 40):
        view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda r=row: model.row_at(r) is not None, timeout=10000)
        assert model.cached_pages() <= 4
    assert len(most) >= 19 and max(most) <= 4  # 20 pages of 50 rows went through a cache of 4
    view.scrollToTop()  # an evicted page comes back when it is shown again
    qtbot.waitUntil(lambda: model.data(model.index(0, 1)) == "第0行", timeout=10000)
    assert model.cached_pages() <= 4


@pytest.mark.parametrize("first", [False, True])
def test_passes_qtmodeltester_across_a_refresh_that_changes_the_count(qtmodeltester, qtbot, runner, numbers, first):
    model, _view = _shown_table(qtbot, runner, first, max_pages=3)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        runner.op(remove_from, 120).run()
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        runner.op(add_number, 7000).run()
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)


def test_the_first_page_comes_with_the_count_in_one_operation(qtbot, runner, numbers):
    model, view = _shown_table(qtbot, runner, first=True)
    assert first_calls == [50] and page_calls == []  # no count call, no separate first page
    assert model.data(model.index(0, 1)) == "第0行" and model.rowCount() == 1000
    watch = Watch(model)
    with qtbot.waitSignal(runner.changed, timeout=10000):
        runner.op(relabel, 3, "改过的第3行").run()
    qtbot.waitUntil(lambda: model.data(model.index(3, 1)) == "改过的第3行", timeout=10000)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)
    assert first_calls == [50, 50] and 0 not in page_calls  # the refresh brought page 0 with the count
    assert (watch.resets, watch.inserted, watch.removed) == (0, 0, 0)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.data(model.index(999, 1)) == "第999行", timeout=10000)
    assert page_calls and 0 not in page_calls


def test_a_model_counts_with_exactly_one_of_count_fn_and_first_fn(runner):
    for count_fn, first_fn in ((None, None), (count_numbers, first_number_page)):
        with pytest.raises(ValueError):
            PagedTableModel(runner, COLUMNS, count_fn, counted_pages, first_fn=first_fn)


def test_a_new_query_starts_again_from_the_top(qtbot, runner, numbers):
    model, view = _shown_table(qtbot, runner)
    _go_to_row_180(qtbot, model, view)
    watch = Watch(model)
    with qtbot.waitSignal(model.count_changed, timeout=10000):
        model.set_query(Query(descending=True))
    assert watch.resets == 1 and view.selectionModel().selectedRows() == []


def test_rows_model_refresh_keeps_the_selection(qtbot, qtmodeltester):
    from opcms_desktop.ui.kit.rows_model import RowsTableModel
    from opcms_desktop.ui.kit.table_view import DataTableView

    model = RowsTableModel(COLUMNS)
    model.set_rows([{"n": n, "label": f"第{n}行"} for n in range(10)])
    view = DataTableView("rows-test")
    view.setModel(model)
    qtbot.addWidget(view)
    view.selectRow(4)
    # NoUpdate: a keyboard modifier left over by an earlier test (Ctrl) must not toggle the selection
    view.selectionModel().setCurrentIndex(model.index(4, 1), QItemSelectionModel.SelectionFlag.NoUpdate)
    watch = Watch(model)
    changed = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    model.refresh_rows([{"n": n, "label": "新" if n == 4 else f"第{n}行"} for n in range(12)])
    assert (watch.resets, watch.inserted, watch.removed) == (0, 1, 0) and changed == [(4, 4)]
    assert view.currentIndex().row() == 4 and [i.row() for i in view.selectionModel().selectedRows()] == [4]
    assert model.data(model.index(4, 1)) == "新"
    model.refresh_rows([{"n": n, "label": f"第{n}行"} for n in range(6)])
    assert model.rowCount() == 6 and watch.removed == 1 and view.currentIndex().row() == 4
    qtmodeltester.check(model)
