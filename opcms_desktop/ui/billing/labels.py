"""Names of bill-run exception kinds, actions and severities; exception messages come from the catalogue
(each exception carries a message code and parameters, rendered in the user's language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from ...services.billing.run import describe_plan
from ...services.platform.messages import Message
from ...services.pricing.engine import MODE_LABELS, Plan, series_label
from ..kit.text import translate

C = "billing"  # the translation context of these labels
KIND_LABELS = {
    "no_plan": QT_TRANSLATE_NOOP("billing", "无价格方案"),
    "no_series_price": QT_TRANSLATE_NOOP("billing", "该系列无价格"),
    "no_price": QT_TRANSLATE_NOOP("billing", "方案缺少价格"),
    "missing_area": QT_TRANSLATE_NOOP("billing", "缺少面积"),
    "plan_overlap": QT_TRANSLATE_NOOP("billing", "方案重叠"),
    "usage_spike": QT_TRANSLATE_NOOP("billing", "用量激增"),
    "disabled_account": QT_TRANSLATE_NOOP("billing", "账户已停用"),
    "billing_disabled": QT_TRANSLATE_NOOP("billing", "不结算"),
    "billing_unconfirmed": QT_TRANSLATE_NOOP("billing", "结算待确认"),
    "zero_usage": QT_TRANSLATE_NOOP("billing", "本期无用量"),
    "invoice_issued": QT_TRANSLATE_NOOP("billing", "账单已开具"),
    "replaces_credited": QT_TRANSLATE_NOOP("billing", "重开已冲正账单"),
    "amount_overflow": QT_TRANSLATE_NOOP("billing", "金额超限"),
}
KIND_ORDER = tuple(KIND_LABELS)
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("billing", "新建草稿"), "replace": QT_TRANSLATE_NOOP("billing", "替换草稿"),
    "unchanged": QT_TRANSLATE_NOOP("billing", "草稿未变"), "keep_issued": QT_TRANSLATE_NOOP("billing", "保留已开具"),
    "not_billed": QT_TRANSLATE_NOOP("billing", "不出账"), "remove": QT_TRANSLATE_NOOP("billing", "删除草稿"), "none": "—",
}
SEVERITY_LABELS = {"error": QT_TRANSLATE_NOOP("billing", "错误"), "warning": QT_TRANSLATE_NOOP("billing", "警告"),
                   "info": QT_TRANSLATE_NOOP("billing", "提示")}


def tr(text: str) -> str:
    return translate(C, text)


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def action_label(action: str) -> str:
    return tr(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def severity_label(severity: str) -> str:
    return tr(SEVERITY_LABELS[severity]) if severity in SEVERITY_LABELS else severity


SEVERITY_COLOURS = {"error": QColor("#b3261e"), "warning": QColor("#a05a00"), "info": QColor("#5f6368")}

def exception_text(message: Message) -> str:
    """A bill-run exception in the current language, from its message code and parameters."""
    return message.text()


def plan_text(plan: Plan) -> str:
    """'X系列 定价结算：单层 8.00；多层按单层价' (series omitted for an all-series plan)."""
    series = "" if plan.series == "ALL" else f"{series_label(plan.series)} "
    return f"{series}{MODE_LABELS.get(plan.mode, plan.mode)}：{describe_plan(plan)}"
