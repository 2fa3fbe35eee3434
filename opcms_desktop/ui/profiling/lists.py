"""The three lists of the profiling screen: churn warnings, health ranking and the RFM table under the scatter."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...services.insight.churn import ChurnWarning
from ...services.insight.health import HealthScore
from ...services.insight.rfm import RfmScore
from ..kit.format import date_text, money_text
from ..kit.paged_model import Column
from ..kit.text import fmt
from .texts import flag_text, quadrant_name, reason_text

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals


def _customer_columns() -> list[Column]:
    return [
        Column(
            "company_id",
            translate("ProfilingLists", "公司id"),
            lambda r: r.company_id,
            align_right=True,
            width=72,
        ),
        Column("name", translate("ProfilingLists", "客户名称"), lambda r: r.name, width=200),
        Column("owner", translate("ProfilingLists", "销售负责人"), lambda r: r.owner, width=90),
    ]


def churn_columns() -> list[Column]:
    return [
        *_customer_columns(),
        Column(
            "reason",
            translate("ProfilingLists", "预警原因"),
            lambda w: reason_text(w.reason, w.params),
            width=380,
        ),
        Column(
            "days",
            translate("ProfilingLists", "未使用天数"),
            lambda w: w.days_without_usage,
            align_right=True,
            width=80,
        ),
        Column(
            "last", translate("ProfilingLists", "最后使用"), lambda w: date_text(w.last_usage_day), width=92
        ),
    ]


def health_columns() -> list[Column]:
    def part(i: int):
        return lambda h: flag_text(h.parts[i])

    return [
        *_customer_columns(),
        Column(
            "score",
            translate("ProfilingLists", "健康度"),
            lambda h: "—" if h.score is None else h.score,
            align_right=True,
            width=60,
        ),
        Column("usage_trend", translate("ProfilingLists", "用量趋势"), part(0), width=170),
        Column("payment", translate("ProfilingLists", "付款表现"), part(1), width=170),
        Column("cooperation", translate("ProfilingLists", "合作状态"), part(2), width=150),
    ]


def rfm_columns() -> list[Column]:
    return [
        *_customer_columns(),
        Column(
            "quadrant", translate("ProfilingLists", "象限"), lambda s: quadrant_name(s.quadrant), width=70
        ),
        Column("r", "R", lambda s: s.recency, align_right=True, width=36),
        Column("f", "F", lambda s: s.frequency, align_right=True, width=36),
        Column("m", "M", lambda s: s.monetary, align_right=True, width=36),
        Column(
            "days",
            translate("ProfilingLists", "距上次使用(天)"),
            lambda s: "—" if s.days_since_usage is None else s.days_since_usage,
            align_right=True,
            width=100,
        ),
        Column(
            "invoiced",
            translate("ProfilingLists", "近 12 个月开账"),
            lambda s: money_text(s.invoiced),
            align_right=True,
            width=110,
        ),
    ]


def rfm_tip(score: RfmScore) -> str:
    days = "—" if score.days_since_usage is None else str(score.days_since_usage)
    return (
        f"{score.company_id}  {score.name}\n{quadrant_name(score.quadrant)}  R{score.recency} F{score.frequency}"
        f" M{score.monetary}\n"
        + fmt(
            translate("ProfilingLists", "距上次使用 %1 天,近 12 个月开账 %2"),
            days,
            money_text(score.invoiced),
        )
    )


__all__ = ["ChurnWarning", "HealthScore", "churn_columns", "health_columns", "rfm_columns", "rfm_tip"]
