"""Names of bill-run exception kinds, actions and severities; exception messages come from the catalogue
(each exception carries a message code and parameters, rendered in the user's language)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...services.billing.run import describe_plan
from ...services.platform.messages import Message
from ...services.pricing.engine import MODE_LABELS, Plan, series_label

KIND_LABELS = {
    "no_plan": "无价格方案",
    "no_series_price": "该系列无价格",
    "no_price": "方案缺少价格",
    "missing_area": "缺少面积",
    "plan_overlap": "方案重叠",
    "usage_spike": "用量激增",
    "disabled_account": "账户已停用",
    "billing_disabled": "不结算",
    "billing_unconfirmed": "结算待确认",
    "zero_usage": "本期无用量",
    "invoice_issued": "账单已开具",
}
KIND_ORDER = tuple(KIND_LABELS)
ACTION_LABELS = {
    "create": "新建草稿", "replace": "替换草稿", "unchanged": "草稿未变", "keep_issued": "保留已开具",
    "not_billed": "不出账", "remove": "删除草稿", "none": "—",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_COLOURS = {"error": QColor("#b3261e"), "warning": QColor("#a05a00"), "info": QColor("#5f6368")}

def exception_text(message: Message) -> str:
    """A bill-run exception in the current language, from its message code and parameters."""
    return message.text()


def plan_text(plan: Plan) -> str:
    """'X系列 定价结算：单层 8.00；多层按单层价' (series omitted for an all-series plan)."""
    series = "" if plan.series == "ALL" else f"{series_label(plan.series)} "
    return f"{series}{MODE_LABELS.get(plan.mode, plan.mode)}：{describe_plan(plan)}"
