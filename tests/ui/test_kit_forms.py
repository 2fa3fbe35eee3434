"""Validation messages clear once the input is fixed (issue 11, item 14)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from opcms_desktop.ui.kit.fields import FieldWithMessage, IntEdit
from opcms_desktop.ui.kit.forms import InlineMessage


def test_an_inline_error_clears_when_the_input_is_edited(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    name = QLineEdit(form)
    message = InlineMessage(form)
    message.clear_on_edit(name)
    form.show()
    message.error("请输入名称。")
    assert message.isVisible()
    name.setText("甲公司")
    assert not message.isVisible() and message.text() == ""
    message.info("请稍候…")  # an info line is not an error: editing leaves it
    name.setText("乙公司")
    assert message.isVisible()


def test_a_field_message_clears_once_the_input_is_fixed(qtbot):
    edit = IntEdit()
    field = FieldWithMessage(edit)
    qtbot.addWidget(field)
    field.show()
    field.show_problems(["必须大于 0"], strong=True)
    edit.setText("5")
    assert not field.message.isVisible()
    field.set_revalidate(lambda: [] if (edit.value() or 0) > 0 else ["必须大于 0"])
    field.show_problems(["必须大于 0"], strong=True)
    edit.setText("0")
    assert field.message.isVisible() and field.message.text() == "必须大于 0"
    edit.setText("3")
    assert not field.message.isVisible()
