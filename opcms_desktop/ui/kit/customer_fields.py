"""Chinese labels of customer fields and how stored values read (detail form, history, messages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ...services.customers.labels import (
    ACCOUNT_TYPE_LABELS,
    BILLING_LABELS,
    COOP_STATUS_LABELS,
    SETTLEMENT_MODE_LABELS,
)

FIELD_LABELS: dict[str, str] = {
    "company_id": "公司id",
    "name": "公司名称",
    "account_type": "账号类型",
    "account_type_raw": "账号类型原文",
    "industry_id": "行业类型",
    "erp_id": "所属ERP",
    "onboarding_half": "接入时间",
    "onboarding_raw": "接入时间原文",
    "grade": "客户等级",
    "sales_owner_ids": "销售负责人",
    "ops_owner_ids": "运营负责人",
    "sales_owners": "销售负责人",
    "ops_owners": "运营负责人",
    "sales_owner_raw": "销售负责人原文",
    "ops_owner_raw": "运营负责人原文",
    "coop_status_id": "合作状态",
    "coop_status": "状态归类",
    "coop_status_raw": "合作状态原文",
    "coop_note": "合作备注",
    "billing_enabled": "是否结算",
    "disabled": "是否停用",
    "notes": "备注",
    "settlement_mode": "结算方式",
    "settlement_mode_raw": "结算方式原文",
    "single_price_raw": "单层定价",
    "multi_price_raw": "多层定价",
    "consumption_tier": "客户消费等级",
    "avg_monthly_shoots": "月均拍摄量",
    "payment_terms_days": "账期(天)",
    "name_initials": "拼音首字母",
    "name_pinyin": "拼音",
    "version": "版本",
}
CODE_LABELS: dict[str, dict[str, str]] = {
    "account_type": ACCOUNT_TYPE_LABELS,
    "billing_enabled": BILLING_LABELS,
    "coop_status": COOP_STATUS_LABELS,
    "settlement_mode": SETTLEMENT_MODE_LABELS,
}
ACTION_LABELS = {"create": "新建", "update": "修改", "delete": "删除", "event": "事件"}
EMPTY = "（空）"


def field_label(key: str) -> str:
    """`sales_owner 易遨` (an owner-name mapping) reads as 销售负责人 易遨."""
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    head, _, rest = key.partition(" ")
    for kind, label in (("sales_owner", "销售负责人"), ("ops_owner", "运营负责人")):
        if head == kind:
            return f"{label} {rest}".strip()
    return key


def value_text(key: str, value: Any, dictionary: dict[int, str] | None = None) -> str:
    """A stored value as the user reads it: codes as labels, dictionary ids as names, lists joined."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(value_text(key, v, dictionary) for v in value)
    if key in ("industry_id", "erp_id", "coop_status_id") and dictionary is not None and isinstance(value, int):
        return dictionary.get(value, str(value))
    if key in CODE_LABELS and isinstance(value, str):
        return CODE_LABELS[key].get(value, value)
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dict):
        return "，".join(f"{field_label(k)}：{value_text(k, v, dictionary)}" for k, v in value.items())
    return str(value)


def number_text(value: Decimal | None) -> str:
    """12.00 -> "12", 12.50 -> "12.5" (what a user would type)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
