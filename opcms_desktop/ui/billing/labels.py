"""Chinese names of bill-run exception kinds and actions, and the exception messages in Chinese.

Messages the table below does not know are shown as the service wrote them.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor

from ...services.billing.run import describe_plan
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

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), t) for p, t in (
    (r"^(\d+) shoots of the (\S+) series \((.+)\): no price plan in force; not billed$",
     r"\2 系列 \1 套（\3）：没有生效的价格方案，未出账"),
    (r"^(\d+) shoots of the (\S+) series \((.+)\): no price plan for the \S+ series; not billed$",
     r"\2 系列 \1 套（\3）：价格方案不含该系列，未出账"),
    (r"^usage up (\d+)% on the previous month \((\d+) → (\d+)\)$", r"用量比上月增加 \1%（\2 → \3 套）"),
    (r"^(\d+) shoots on a disabled \(停用\) account$", r"已停用账户本期有 \1 套拍摄"),
    (r"^是否结算 is 否: not billed \(computed (\S+)\)$", r"是否结算为“否”：不出账（计算金额 \1）"),
    (r"^是否结算 is (\S+): draft written, please confirm$", r"是否结算为“\1”：已生成草稿，请确认"),
    (r"^no usage this period under a per-use price plan$", "按量计费方案本期无用量"),
    (r"^the (\S+) invoice is (\S+) \((\S+)\) and is kept as it is; the bill run now computes (\S+)$",
     r"\1 账单已\2（\3），保持不变；本次计算为 \4"),
    (r"^the (\S+) invoice is (\S+) \((\S+)\) and is kept as it is$", r"\1 账单已\2（\3），保持不变"),
    (r"^(\S+) plans (\d+) and (\d+) overlap from (\S+); plan (\d+) is used$",
     r"\1 方案 #\2 与 #\3 自 \4 起重叠，按方案 #\5 计费"),
    (r"^(\S+): the plan has no single-floor \(单层\) price; (\d+) shoots not billed$",
     r"\1：方案没有单层单价，\2 套未出账"),
    (r"^(\S+): the plan has no multi-floor \(多层\) or single-floor price; (\d+) shoots not billed$",
     r"\1：方案没有多层或单层单价，\2 套未出账"),
    (r"^(\S+): the tiered plan has no tier bands; (\d+) shoots not billed$", r"\1：阶梯方案没有阶梯，\2 套未出账"),
    (r"^(\S+): the area plan has no rate per m²; (\d+) shoots not billed$", r"\1：按面积方案没有面积单价，\2 套未出账"),
    (r"^(\S+): (\d+) shoots have no area to bill$", r"\1：\2 套拍摄没有面积，无法按面积计费"),
    (r"^(\S+): the quota plan has no quota; (\d+) shoots not billed$", r"\1：包年限量方案没有额度，\2 套未出账"),
    (r"^(\S+): (\d+) shoots beyond the quota and the plan has no overage price; (\d+) shoots not billed$",
     r"\1：超出额度 \2 套，方案没有超额单价，未出账"),
    (r"^(\S+) (\S+) has no annual fee; the contract year from (\S+) is not invoiced$",
     r"\1 \2没有年费，\3 起的合同年未出账"),
    (r"^A bill run for (\S+) is already running \(started by (.+)\); .*$",
     r"\1 的账单生成正在运行（\2 发起），请等它完成后再试。"),
))
_WORDS = {"已issued": "已开具", "已cancelled": "已冲正作废", "“empty”": "“空”", "“pending”": "“待确认”"}


def exception_text(message: str) -> str:
    for pattern, text in _PATTERNS:
        if pattern.match(message):
            out = pattern.sub(text, message)
            for word, label in _WORDS.items():
                out = out.replace(word, label)
            return out
    return message


def plan_text(plan: Plan) -> str:
    """'X系列 定价结算：单层 8.00；多层按单层价' (series omitted for an all-series plan)."""
    series = "" if plan.series == "ALL" else f"{series_label(plan.series)} "
    return f"{series}{MODE_LABELS.get(plan.mode, plan.mode)}：{describe_plan(plan)}"
