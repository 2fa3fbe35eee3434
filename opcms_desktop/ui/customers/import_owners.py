"""Import wizard, step 3: owner names from the sheet that match no user, each mapped once.

The choices are saved (owner-name mappings, remembered for the next import) in the same transaction
as the import itself, so cancelling leaves everything as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...services.customers.owner_choices import OwnerChoice, owner_choices
from ...services.customers.owners import UnresolvedOwner
from .value_combo import ValueCombo

KIND_TEXT = {"sales": "销售", "ops": "运营"}
SKIP = None  # leave the name unresolved for now
NOT_A_PERSON = ("not_a_person", None)


class OwnersPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("对应负责人"))
        self.setSubTitle(self.tr("这些名字没有对应到任何人员。为每个名字选择一位人员，或标为“不是人员/忽略”"
                                 "（例如渠道名）。选择会被记住，下次导入自动使用。"))
        self.owners: list[UnresolvedOwner] = []
        self.choices: list[OwnerChoice] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("表格中的名字"), self.tr("用作"), self.tr("行数"),
                                              self.tr("对应到")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        for column, width in enumerate((160, 100, 64, 280)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, ValueCombo] = {}
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        wizard = self.wizard()
        self.setCommitPage(True)
        self.owners = list(wizard.dry_result.unresolved_owners) if wizard.dry_result else []
        self.hint.setText(self.tr("正在加载人员…"))
        wizard.ctx.runner.op(owner_choices).success(self._fill).run()

    def _fill(self, choices: list[OwnerChoice]) -> None:
        wizard = self.wizard()
        self.choices = choices
        self.table.setRowCount(len(self.owners))
        self.combos.clear()
        items = [(("user", c.username), f"{c.label}（{c.role_label}）") for c in
                 sorted(choices, key=lambda c: (c.role not in ("sales", "ops"), c.label))]
        for row, owner in enumerate(self.owners):
            self.table.setItem(row, 0, QTableWidgetItem(owner.name))
            self.table.setItem(row, 1, QTableWidgetItem("、".join(KIND_TEXT.get(k, k) for k in owner.kinds)))
            count = QTableWidgetItem(f"{owner.customers:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, count)
            combo = ValueCombo()
            combo.set_choices([*items, (NOT_A_PERSON, self.tr("不是人员/忽略"))], none_label=self.tr("暂不处理"))
            combo.set_value(wizard.mappings.get(owner.name, SKIP))
            combo.currentIndexChanged.connect(lambda _i, name=owner.name, c=combo: self._chosen(name, c))
            self.combos[owner.name] = combo
            self.table.setCellWidget(row, 3, combo)
        self.hint.setText(self.tr("“暂不处理”的名字照原样保留在客户上，以后可在此再次对应。"))

    def _chosen(self, name: str, combo: ValueCombo) -> None:
        wizard = self.wizard()
        value = combo.value()
        if value is SKIP:
            wizard.mappings.pop(name, None)
        else:
            wizard.mappings[name] = value

    def choose(self, name: str, username: str | None) -> None:
        """Map `name` to a user (None: not a person), as if picked in the table (tests, scripts)."""
        self.combos[name].set_value(NOT_A_PERSON if username is None else ("user", username))
