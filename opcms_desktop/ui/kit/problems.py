"""Service messages on screen, in the user's language: thin wrappers over the catalogue (kit/text.py).

Services speak message codes with named parameters; the wording lives in resources/messages/<lang>/.
`error_text` here is the one-line form for inline messages: each problem of a ValidationError prefixed
with the label of its form field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...services.platform.errors import Problem, ValidationError
from . import text

FIELD_LABELS = {
    "series": "设备系列", "mode": "计费模式", "effective_from": "生效日期", "effective_to": "失效日期",
    "single_price": "单层单价", "multi_price": "多层固定价", "multi_base": "公式 a", "multi_step": "公式 b",
    "tiers": "阶梯", "extra_floor_price": "加层单价", "area_rate": "面积单价", "annual_fee": "年费",
    "quota": "额度", "overage_price": "超额单价", "payment_terms_days": "付款期限",
    "single_shoots": "单层拍摄", "multi_shoots": "多层拍摄", "multi_floors": "多层总层数", "area": "面积",
    "reason": "修正原因", "period": "月份",
}


def field_label(field: str | None) -> str:
    """The form label of a service field name ('' for none or an unknown one), translated."""
    label = FIELD_LABELS.get(field or "", "")
    return QCoreApplication.translate("FieldLabels", label) if label else ""


def problem_text(problem: Problem) -> str:
    """One problem in the current language."""
    return text.problem_text(problem)


def error_text(error: BaseException) -> str:
    """A whole error for an inline message: its problems, each with its field's label, or its message."""
    if isinstance(error, ValidationError) and error.problems:
        parts = []
        for problem in error.problems:
            label, words = field_label(problem.field), problem_text(problem)
            parts.append(f"{label}：{words}" if label and not words.startswith(label) else words)
        return "；".join(parts)
    return text.error_text(error)
