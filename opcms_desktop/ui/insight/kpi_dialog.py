"""The list behind a KPI card: the customers that make up the number (services/insight/kpi_details.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...services.insight.kpi_details import KpiDetailRow, kpi_details
from ..context import AppContext
from ..kit.format import money_text
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure


def value_text(value: int | Decimal) -> str:
    return money_text(value) if isinstance(value, Decimal) else f"{value:,}"


class KpiDetailDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        period: str,
        kpi: str,
        caption: str,
        value_title: str,
        owner_id: int | None,
        as_of: dt.date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: tuple[KpiDetailRow, ...] | None = None
        self.setWindowTitle(fmt(self.tr("%1：%2 明细"), period, caption))
        self.resize(620, 480)
        self.model = RowsTableModel(
            [
                Column("company_id", self.tr("公司id"), lambda r: r.company_id, align_right=True, width=80),
                Column("name", self.tr("客户名称"), lambda r: r.name, width=320),
                Column("value", value_title, lambda r: value_text(r.value), align_right=True, width=130),
            ],
            self,
        )
        self.table = DataTableView("insight-kpi-details", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 110)
        self.status = QLabel(self.tr("正在加载…"))
        self.status.setStyleSheet("color: #5f6368;")
        self.message = InlineMessage(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        ctx.runner.op(kpi_details, period, kpi, owner_id, as_of).success(self._arrived).failure(
            self._failed
        ).run()

    def _arrived(self, rows: tuple[KpiDetailRow, ...]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        if rows and isinstance(rows[0].value, Decimal):
            total = sum((r.value for r in rows), Decimal("0.00"))
            self.status.setText(fmt(self.tr("共 %1 个客户，合计 %2"), len(rows), "¥" + money_text(total)))
        else:
            self.status.setText(fmt(self.tr("共 %1 个客户"), len(rows)))

    def _failed(self, failure: Failure) -> bool:
        self.status.setText("")
        self.message.error(error_text(failure.error))
        return True
