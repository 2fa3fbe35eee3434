"""A list longer than COUNT_CAP shows "N+" at once, then the exact count and every row."""

from __future__ import annotations

from opcms_desktop.services.customers import query as customer_query

from .customer_support import WAIT, build_shop, names, open_screen


def test_a_long_list_shows_a_capped_count_then_the_exact_one(qtmodeltester, qtbot, app_ctx, ui_factory,
                                                               query_guard, monkeypatch):
    build_shop(ui_factory, query_guard, fillers=30)
    monkeypatch.setattr(customer_query, "COUNT_CAP", 10)
    screen = open_screen(qtbot, app_ctx)
    labels: list[str] = []
    screen.model.count_changed.connect(lambda _n: labels.append(screen.count_label.text()))
    screen.search.setText("填充")
    screen.apply_query()
    qtbot.waitUntil(lambda: len(labels) == 2 and not screen.model.is_loading(), timeout=WAIT)
    assert labels == ["共 10+ 个客户", "共 30 个客户"]
    assert screen.model.rowCount() == 30 and not screen.model.capped
    qtbot.waitUntil(lambda: all(screen.model.row_at(i) is not None for i in range(30)), timeout=WAIT)
    assert names(screen) == [f"填充客户{n:04d}" for n in range(30)]
    qtmodeltester.check(screen.model)
    qtbot.waitUntil(lambda: not screen.model.is_loading(), timeout=WAIT)
