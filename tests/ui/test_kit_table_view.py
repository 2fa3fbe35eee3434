"""DataTableView behaves like Excel: copy a cell or a block, a context menu, paste hands over a block."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel

from opcms_desktop.ui.kit.table_view import DataTableView, parse_block


def _view(qtbot) -> DataTableView:
    model = QStandardItemModel(3, 3)
    model.setHorizontalHeaderLabels(["公司id", "客户", "销售"])
    for row, values in enumerate([("A1", "甲公司", "刘冀"), ("B2", "乙公司", "谢海龙"), ("C3", "丙公司", "刘冀")]):
        for column, value in enumerate(values):
            model.setItem(row, column, QStandardItem(value))
    view = DataTableView("kit-test")
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    return view


def test_ctrl_c_on_one_cell_copies_that_cell(qtbot):
    view = _view(qtbot)
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "乙公司"


def test_a_range_copies_a_tab_separated_block_with_headers_optional(qtbot):
    view = _view(qtbot)
    view.selectRow(0)
    view.selectionModel().select(view.model().index(2, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "A1\t甲公司\t刘冀\nC3\t丙公司\t刘冀"
    view.setColumnHidden(2, True)
    assert view.copy_with_headers() == "公司id\t客户\nA1\t甲公司\nC3\t丙公司"


def test_context_menu_offers_filter_and_open_only_when_the_screen_does(qtbot):
    view = _view(qtbot)
    index = view.model().index(2, 2)
    names = [a.text() for a in view.cell_menu(index).actions() if a.text()]
    assert names == ["复制", "复制（含表头）"]
    filtered, opened = [], []
    view.set_filter_handler(lambda column, value: filtered.append((column, value)))
    view.set_open_handler(lambda i: opened.append(i.row()))
    menu = view.cell_menu(index)
    assert [a.text() for a in menu.actions() if a.text()] == ["复制", "复制（含表头）", "按此值筛选：刘冀", "打开"]
    for action in menu.actions():
        if action.objectName() in ("filter_by_value", "open"):
            action.trigger()
    assert filtered == [(2, "刘冀")] and opened == [2]


def test_paste_hands_the_block_and_the_top_left_cell_to_the_screen(qtbot):
    view = _view(qtbot)
    assert view.paste() is False  # no handler: nothing happens
    pasted = []
    view.set_paste_handler(lambda block, top_left: pasted.append((block, top_left.row(), top_left.column())))
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert pasted == [([["1", "2"], ["3", "4"]], 1, 1)]
    assert parse_block("x") == [["x"]] and parse_block("a\t\tb\n") == [["a", "", "b"]]


def test_a_column_is_never_narrower_than_its_translated_header(qtbot):
    from PySide6.QtGui import QStandardItemModel

    from opcms_desktop.ui.kit.table_view import DataTableView

    model = QStandardItemModel(1, 3)
    model.setHorizontalHeaderLabels(["Cooperation status of the customer", "id", "last"])
    view = DataTableView("header-width-test")
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().resizeSection(0, 40)  # as the screens size their columns
    view.setColumnWidth(1, 90)
    title = view.horizontalHeader().fontMetrics().horizontalAdvance("Cooperation status of the customer")
    assert view.columnWidth(0) > title
    assert view.columnWidth(1) == 90


def test_a_default_width_is_widened_to_the_title_when_the_model_arrives(qtbot):
    from PySide6.QtGui import QStandardItemModel

    from opcms_desktop.ui.kit.table_view import DataTableView

    model = QStandardItemModel(1, 3)
    model.setHorizontalHeaderLabels(["Customers where this name is the sales owner", "b", "c"])
    view = DataTableView("header-default-test")
    qtbot.addWidget(view)
    view.setModel(model)
    title = view.horizontalHeader().fontMetrics().horizontalAdvance("Customers where this name is the sales owner")
    assert view.columnWidth(0) > title
