"""方案试算: what the customer would have paid over the last 12 months under each plan, or one typed in."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.insight.profile import WhatIf, what_if_plans
from ...services.insight.profile_whatif import Scenario, typed_plan
from ...services.platform.errors import ValidationError
from ...services.platform.messages import render
from ...services.pricing.engine import MODE_LABELS
from ..context import AppContext
from ..kit.format import money_text, yuan
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .texts import scenario_name


class WhatIfPanel(QWidget):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.result: WhatIf | None = None
        self.model = RowsTableModel(self._columns(), self, emphasis=lambda s: s.kind == "current")
        self.table = DataTableView("profile-whatif", self)
        self.table.setModel(self.model)
        self.mode = QComboBox()
        for mode in MODE_LABELS:
            self.mode.addItem(render(f"pricing.mode.{mode}"), mode)
        self.price, self.multi, self.tiers = QLineEdit(), QLineEdit(), QLineEdit()
        self.quota, self.overage = QLineEdit(), QLineEdit()
        self.price.setPlaceholderText(self.tr("单价 / 费率 / 年费"))
        self.multi.setPlaceholderText(self.tr("如 14+(F-1)*10,空 = 按单层价"))
        self.tiers.setPlaceholderText("0-1000:10; 1000+:8")
        self.form = QFormLayout()
        self.form.addRow(self.tr("方案类型"), self.mode)
        self.price_label = QLabel(self.tr("价格"))
        self.form.addRow(self.price_label, self.price)
        self.form.addRow(self.tr("多层价"), self.multi)
        self.form.addRow(self.tr("阶梯"), self.tiers)
        self.form.addRow(self.tr("年额度(套)"), self.quota)
        self.form.addRow(self.tr("超额单价"), self.overage)
        self.try_button = QPushButton(self.tr("试算输入的方案"))
        self.try_button.clicked.connect(self.run_typed)
        self.clear_button = QPushButton(self.tr("只看现有方案"))
        self.clear_button.clicked.connect(self.run)
        buttons = QHBoxLayout()
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        form_box = QVBoxLayout()
        form_box.addLayout(self.form)
        form_box.addLayout(buttons)
        form_box.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c5221f;")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.table, 1)
        top.addLayout(left, 3)
        top.addLayout(form_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def _columns(self) -> list[Column]:
        return [
            Column("scenario", self.tr("方案"), scenario_name, width=130),
            Column("prices", self.tr("价格"), lambda s: s.description, width=200),
            Column(
                "amount", self.tr("12 个月合计"), lambda s: money_text(s.amount), align_right=True, width=110
            ),
            Column("difference", self.tr("与现方案差额"), self._difference, align_right=True, width=110),
            Column(
                "unpriced",
                self.tr("未定价(套)"),
                lambda s: s.unpriced_shoots or "",
                align_right=True,
                width=80,
            ),
        ]

    def _difference(self, scenario: Scenario) -> str:
        current = next((s for s in self.model.rows() if s.kind == "current"), None)
        if current is None or scenario is current:
            return ""
        delta: Decimal = scenario.amount - current.amount
        return ("+" if delta > 0 else "") + money_text(delta)

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        shown = {
            "price": mode != "tiered_graduated" and mode != "tiered_volume",
            "multi": mode == "per_shoot",
            "tiers": mode in ("tiered_graduated", "tiered_volume"),
            "quota": mode == "annual_quota",
            "overage": mode == "annual_quota",
        }
        for key, field in (
            ("price", self.price),
            ("multi", self.multi),
            ("tiers", self.tiers),
            ("quota", self.quota),
            ("overage", self.overage),
        ):
            self.form.setRowVisible(field, shown[key])
        self.price_label.setText(
            {
                "area": self.tr("每平方米价格"),
                "annual_package": self.tr("年费"),
                "annual_quota": self.tr("年费"),
            }.get(mode, self.tr("单层单价"))
        )

    def run(self) -> None:
        self.message.clear()
        self.ctx.runner.op(what_if_plans, self.customer_id).success(self._show).failure(self._failed).run()

    def run_typed(self) -> None:
        try:
            plan = typed_plan(
                self.mode.currentData(),
                self.price.text(),
                self.multi.text(),
                self.tiers.text(),
                self.quota.text(),
                self.overage.text(),
            )
        except ValidationError as error:
            self.message.setText(error_text(error))
            return
        self.message.clear()
        self.ctx.runner.op(what_if_plans, self.customer_id, 12, plan).success(self._show).failure(
            self._failed
        ).run()

    def _failed(self, failure: Failure) -> bool:
        self.message.setText(error_text(failure.error))
        return True

    def _show(self, result: WhatIf) -> None:
        self.result = result
        self.model.set_rows(list(result.scenarios))
        self.summary.setText(
            fmt(
                self.tr("%1 至 %2 共 %3 套;这段时间实际开账 %4。"),
                result.months[0],
                result.months[-1],
                sum(result.shoots),
                yuan(result.invoiced),
            )
        )
