"""A combo box whose items carry plain Python values (kept beside the items, not in QVariants)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from .texts import t

NONE_LABEL = "（未填）"


class ValueCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list[Any] = []

    def set_choices(self, choices: Iterable[tuple[Any, str]], none_label: str | None = NONE_LABEL) -> None:
        self.blockSignals(True)
        self.clear()
        self._values = []
        if none_label is not None:
            self.addItem(t(none_label))
            self._values.append(None)
        for value, label in choices:
            self.addItem(label)
            self._values.append(value)
        self.blockSignals(False)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any, label: str | None = None) -> None:
        """Select `value`; a value the choices lack is added (an entry no longer offered, raw text)."""
        if value not in self._values:
            self.addItem(label or str(value))
            self._values.append(value)
        self.setCurrentIndex(self._values.index(value))
