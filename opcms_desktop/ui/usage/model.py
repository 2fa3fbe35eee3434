"""The usage table: customer × month × series rows, SQL-paged; the count query also brings the totals."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from sqlalchemy.orm import Session

from ...services.platform.operations import reads
from ...services.security.permissions import Actor
from ...services.usage import records as usage
from ...services.usage.records import UsageFigures, UsagePage, UsageQuery, UsageRow
from ..kit.format import area_text, count_text
from ..kit.paged_model import Column, PagedTableModel
from ..operations import OperationRunner


@reads
def usage_summary(session: Session, actor: Actor, query: UsageQuery) -> UsagePage:
    """How many rows match and their totals (no rows)."""
    return usage.usage_page(session, actor, replace(query, offset=0, limit=0))


@reads
def usage_rows(session: Session, actor: Actor, query: UsageQuery, offset: int, limit: int) -> list[UsageRow]:
    return list(usage.usage_page(session, actor, replace(query, offset=offset, limit=limit)).rows)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsageTableModel", text)


def source_text(row: UsageRow) -> str:
    """Where the figures come from; a correction is the monthly row that carries a reason."""
    has_orders, has_monthly = not row.orders.is_zero(), row.monthly_version is not None
    if has_orders and has_monthly:
        return _tr("订单 + 已修正") if row.note else _tr("订单 + 月度汇总")
    if has_monthly:
        return _tr("已修正") if row.note else _tr("月度汇总")
    return _tr("订单明细")


def usage_columns() -> list[Column]:
    return [
        Column("period", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "月份")), lambda r: r.period, width=72),
        Column("company_id", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "公司id")), lambda r: r.company_id, align_right=True, width=72),
        Column("name", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "客户名称")), lambda r: r.customer_name, width=200),
        Column("series", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "系列")), lambda r: r.series, width=48),
        Column("single", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "单层拍摄")), lambda r: count_text(r.total.single_shoots), align_right=True, width=80),
        Column("multi", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "多层拍摄")), lambda r: count_text(r.total.multi_shoots), align_right=True, width=80),
        Column("floors", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "多层总层数")), lambda r: count_text(r.total.multi_floors), align_right=True, width=88),
        Column("area", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "面积(m²)")), lambda r: area_text(r.total.area), align_right=True, width=96),
        Column("shoots", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "合计(套)")), lambda r: count_text(r.total.shoots), align_right=True, width=80),
        Column("source", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "来源")), source_text, width=116),
        Column("note", _tr(QT_TRANSLATE_NOOP("UsageTableModel", "修正原因")), lambda r: r.note or "", width=180),
    ]


class UsageTableModel(PagedTableModel):
    """Rows are UsageRow; `totals` are the sums over every matching row (all pages)."""

    totals_changed = Signal(object)

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, usage_columns(), usage_summary, usage_rows, page_size=page_size, parent=parent)
        self.totals = UsageFigures()

    def _counted(self, generation: int, count) -> None:  # type: ignore[override]
        """The count operation returns a UsagePage (count and totals); the base class wants the count."""
        if generation == self._generation:
            self.totals = count.totals
            self.totals_changed.emit(count.totals)
        super()._counted(generation, count.total_rows)
