"""The data behind each dashboard chart, as a table (导出数据 writes it to .xlsx with real number cells).

The tables are built from the Dashboard the screen shows (no new query), so the file holds exactly the
figures on screen, already scoped to the actor. Headers are the Chinese the sheets and charts use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..platform.errors import Problem, ValidationError
from ..platform.operations import writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..receivables.reports import AGING_BUCKETS
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from .dashboard import SERIES, Dashboard

CHARTS = ("shoots", "billed_received", "aging", "tiers", "grades", "top_customers", "onboarding", "kpis")
AGING_LABELS = {
    "current": "未到期",
    "1-30": "逾期1-30天",
    "31-60": "逾期31-60天",
    "61-90": "逾期61-90天",
    "90+": "逾期90天以上",
}
KPI_LABELS = {
    "active_customers": "活跃客户",
    "shoots": "拍摄量",
    "invoiced": "开账金额",
    "received": "收款",
    "outstanding": "应收余额",
    "overdue": "逾期金额",
    "churn_risk": "流失风险客户",
}


@dataclass(frozen=True)
class ChartTable:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _counts(title: str, label: str, pairs: Sequence[tuple[str, int]]) -> ChartTable:
    return ChartTable(
        title,
        (Column(label, width=16), Column("客户数", "int")),
        tuple((key or "未填写", n) for key, n in pairs),
    )


def chart_table(board: Dashboard, chart: str) -> ChartTable:
    """The table of one chart (CHARTS)."""
    if chart == "shoots":
        return ChartTable(
            "月度拍摄量",
            (Column("月份", width=10), *(Column(f"{s}系列", "int") for s in SERIES), Column("合计", "int")),
            tuple(
                (
                    m,
                    *(board.shoots_by_series[s][i] for s in SERIES),
                    sum(board.shoots_by_series[s][i] for s in SERIES),
                )
                for i, m in enumerate(board.months)
            ),
        )
    if chart == "billed_received":
        return ChartTable(
            "开账与收款",
            (Column("月份", width=10), Column("开账金额", "money", 16), Column("收款", "money", 16)),
            tuple(zip(board.months, board.billed, board.received, strict=True)),
        )
    if chart == "aging":
        return ChartTable(
            f"应收账龄（截至 {board.kpis.as_of.isoformat()}）",
            (Column("账龄", width=16), Column("应收余额", "money", 16)),
            tuple((AGING_LABELS[b], board.aging[b]) for b in AGING_BUCKETS),
        )
    if chart == "tiers":
        return _counts("消费等级客户数", "客户消费等级", board.tiers)
    if chart == "grades":
        return _counts("客户等级客户数", "客户等级", board.grades)
    if chart == "onboarding":
        return _counts("接入半年客户数", "接入时间", board.onboarding)
    if chart == "top_customers":
        return ChartTable(
            "开账金额前十客户",
            (Column("公司id", "int", 10), Column("公司名称", width=36), Column("开账金额", "money", 16)),
            tuple((t.company_id, t.name, t.billed) for t in board.top_customers),
        )
    if chart == "kpis":
        k = board.kpis
        return ChartTable(
            f"关键指标 {k.period}",
            (Column("指标", width=16), Column("本期", width=16), Column("上期同期", width=16)),
            tuple(
                (KPI_LABELS[name], str(k.current.get(name)), str(k.previous.get(name))) for name in KPI_LABELS
            ),
        )
    raise ValidationError(
        "insight.dashboard.invalid", [Problem("insight.dashboard.unknown_chart", field="chart", value=chart)]
    )


@writes("access_log", "exports")
def export_chart_xlsx(session: Session, actor: Actor, board: Dashboard, chart: str, path: str | Path) -> int:
    """Write one chart's data to an .xlsx file, through the export approval and on record; returns the rows."""
    require(actor, "insight.view")
    table = chart_table(board, chart)
    clear_export(session, actor, "dashboard", len(table.rows))
    record_access(session, actor, "export", "dashboard", chart, len(table.rows), {"file": Path(path).name})
    return write_xlsx(path, [Sheet(table.title, table.columns, table.rows)], exported_by=exporter_name(actor))
