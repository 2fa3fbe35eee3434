"""Chinese wording for the price-plan and sheet-import problems the services report (their messages are English).

Unknown messages are shown as the service wrote them, so a new service message is never lost.
"""

from __future__ import annotations

import re

from ...services.platform.errors import ValidationError

FIELD_LABELS = {
    "series": "设备系列", "mode": "计费模式", "effective_from": "生效日期", "effective_to": "失效日期",
    "single_price": "单层单价", "multi_price": "多层固定价", "multi_base": "公式 a", "multi_step": "公式 b",
    "tiers": "阶梯", "extra_floor_price": "加层单价", "area_rate": "面积单价", "annual_fee": "年费",
    "quota": "额度", "overage_price": "超额单价", "payment_terms_days": "付款期限",
    "single_shoots": "单层拍摄", "multi_shoots": "多层拍摄", "multi_floors": "多层总层数", "area": "面积",
    "reason": "修正原因", "period": "月份",
}

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), t) for p, t in (
    # price plans (services/price_plan_input.py, price_grammar.validate_tiers, price_plans overlap)
    (r"^the device series must be X, N, L or ALL.*$", "设备系列只能是 X、N、L 或 全部"),
    (r"^the last day is before the first day (\S+)$", r"失效日期早于生效日期 \1"),
    (r"^must not be negative$", "不能为负数"),
    (r"^is too large$", "数值过大"),
    (r"^has more than (\d+) decimals$", r"最多 \1 位小数"),
    (r"^payment terms must be 0 to 366 days$", "付款期限应为 0 到 366 天"),
    (r"^is not used by (\S+) plans; leave it empty$", r"\1方案不使用此项，请留空"),
    (r"^a (\S+) plan needs tier bands.*$", r"\1方案需要至少一档阶梯，例如 0-1000 单价 10、1000 起不封顶 单价 8"),
    (r"^band (\d+) must start at (\d+) \(bands are contiguous from 0\)$",
     r"第 \1 档应从 \2 开始（各档从 0 起首尾相接）"),
    (r"^band (\d+) ends before it starts$", r"第 \1 档的上限应大于起点"),
    (r"^only the last band may be open-ended \(band (\d+) is\)$", r"只有最后一档可以不封顶（第 \1 档没有上限）"),
    (r"^band (\d+) has a negative price$", r"第 \1 档单价不能为负数"),
    (r"^the last band must be open-ended.*$", "最后一档必须不封顶（上限留空）"),
    (r"^an 按面积 plan needs a price per m² above 0$", "按面积方案需要大于 0 的每平方米单价"),
    (r"^a (\S+) plan needs the annual fee \(above 0\)$", r"\1方案需要大于 0 的年费"),
    (r"^a 包年限量套餐 plan needs the quota.*$", "包年限量套餐需要大于 0 的额度（每个合同年的拍摄套数）"),
    (r"^a 包年限量套餐 plan needs the price of each shoot beyond the quota$", "包年限量套餐需要超额单价"),
    (r"^a 定价结算 plan needs the single-floor price$", "定价结算方案需要单层单价"),
    (r"^give either a flat multi-floor price or the formula.*$", "多层价格请在固定价和公式 a+(F-1)×b 中选一种"),
    (r"^the formula a\+\(F-1\)\*b needs both a and b$", "公式 a+(F-1)×b 需要同时填写 a 和 b"),
    (r"^overlaps the (\S+) plan #(\d+) for series (\S+) valid (\S+) – open$",
     r"与 \3 系列的\1方案 #\2（\4 起长期有效）时间重叠"),
    (r"^overlaps the (\S+) plan #(\d+) for series (\S+) valid (\S+) – (\S+)$",
     r"与 \3 系列的\1方案 #\2（\4 至 \5）时间重叠"),
    (r"^unknown mode.*$", "请选择计费模式"),
    # usage corrections (services/usage.py)
    (r"^(\d+) multi-floor shoots have at least (\d+) floors in all$", r"\1 套多层拍摄至少共有 \2 层"),
    (r"^floors of multi-floor shoots without any multi-floor shoot$", "没有多层拍摄时多层总层数应为 0"),
    (r"^must be 0 or more, with at most 2 decimals$", "应不小于 0，最多 2 位小数"),
    (r"^say why the usage is corrected$", "请填写修正原因"),
    (r"^must be X, N or L$", "只能是 X、N 或 L"),
    (r"^a month is written YYYY-MM.*$", "月份格式为 YYYY-MM，如 2026-01"),
    (r"^You cannot set the usage of (\S+) (\S+) below its imported orders \((.+?)\).*$",
     r"不能把 \1 \2 系列的用量改得低于已导入的订单（\3）：修正只能在订单之上增加。请先删除有误的订单，再修正本月用量。"),
    (r"^The correction adds (\d+) multi-floor shoots but only (\d+) floors.*$",
     r"修正增加了 \1 套多层拍摄，却只增加了 \2 层；每套多层拍摄至少 2 层，请检查数字。"),
    # sheet imports (services/pricing_import.py, usage_import.py, xlsx_reading.py)
    (r"^unknown column; ignored$", "无法识别的列，已忽略"),
    (r"^(.+) is required$", r"\1 必填"),
    (r"^there is no customer with 公司id (\d+) that you can see$", r"没有公司id 为 \1 的客户（或您无权查看）"),
    (r"^not used by (\S+) plans; ignored$", r"\1方案不使用此列，已忽略"),
    (r"^计费模式 must be one of (.+)$", r"计费模式只能是 \1"),
    (r"^设备系列 must be (.+)$", "设备系列填写有误"),
    (r"^the same (.+) as row (\d+); keep one of them$", r"与第 \2 行重复（\1 相同），请只保留一行"),
    (r"^多层定价 0: .*$", "多层定价为 0：多层拍摄按单层单价计费，请确认"),
    (r"^多层定价 must be a number or a formula.*$", "多层定价应为数字或公式 a+(F-1)*b"),
    (r"^a band is written FROM-TO:PRICE or FROM\+:PRICE$", "阶梯写法：起-止:单价 或 起+:单价"),
    (r"^no tier bands given$", "没有填写阶梯"),
    (r"^the same order as row (\d+); counted once$", r"与第 \1 行是同一订单，只计一次"),
    (r"^missing column\(s\) (.+)$", r"缺少列：\1"),
    (r"^(\S+): missing column\(s\) (.+)$", r"\1 格式缺少列：\2"),
))


def problem_text(message: str) -> str:
    """The Chinese text of a known problem; anything else as the service wrote it."""
    for pattern, text in _PATTERNS:
        if pattern.match(message):
            return pattern.sub(text, message)
    head, colon, value = message.rpartition(": ")  # "<problem>: <the value it is about>"
    if colon and head:
        translated = problem_text(head)
        if translated != head:
            return f"{translated}：{value}"
    return message


def error_text(error: BaseException) -> str:
    """A whole error for an inline message: its problems in Chinese, or its message."""
    if isinstance(error, ValidationError) and error.problems:
        parts = []
        for problem in error.problems:
            label = FIELD_LABELS.get(problem.field or "", "")
            text = problem_text(problem.message)
            parts.append(f"{label}：{text}" if label and not text.startswith(label) else text)
        return "；".join(parts)
    return problem_text(str(error))
