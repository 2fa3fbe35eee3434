"""Service messages on screen, in the user's language: thin wrappers over the catalogue (kit/text.py).

Services speak message codes with named parameters; the wording lives in resources/messages/<lang>/.
`error_text` here is the one-line form for inline messages: each problem of a ValidationError prefixed
with the label of its form field.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...services.platform.errors import ValidationError
from . import text

FIELD_LABELS = {
    "series": QT_TRANSLATE_NOOP("FieldLabels", "设备系列"),
    "mode": QT_TRANSLATE_NOOP("FieldLabels", "计费模式"),
    "effective_from": QT_TRANSLATE_NOOP("FieldLabels", "生效日期"),
    "effective_to": QT_TRANSLATE_NOOP("FieldLabels", "失效日期"),
    "single_price": QT_TRANSLATE_NOOP("FieldLabels", "单层单价"),
    "multi_price": QT_TRANSLATE_NOOP("FieldLabels", "多层固定价"),
    "multi_base": QT_TRANSLATE_NOOP("FieldLabels", "公式 a"),
    "multi_step": QT_TRANSLATE_NOOP("FieldLabels", "公式 b"),
    "tiers": QT_TRANSLATE_NOOP("FieldLabels", "阶梯"),
    "extra_floor_price": QT_TRANSLATE_NOOP("FieldLabels", "加层单价"),
    "area_rate": QT_TRANSLATE_NOOP("FieldLabels", "面积单价"),
    "annual_fee": QT_TRANSLATE_NOOP("FieldLabels", "年费"),
    "quota": QT_TRANSLATE_NOOP("FieldLabels", "额度"),
    "overage_price": QT_TRANSLATE_NOOP("FieldLabels", "超额单价"),
    "payment_terms_days": QT_TRANSLATE_NOOP("FieldLabels", "付款期限"),
    "single_shoots": QT_TRANSLATE_NOOP("FieldLabels", "单层拍摄"),
    "multi_shoots": QT_TRANSLATE_NOOP("FieldLabels", "多层拍摄"),
    "multi_floors": QT_TRANSLATE_NOOP("FieldLabels", "多层总层数"),
    "area": QT_TRANSLATE_NOOP("FieldLabels", "面积"),
    "reason": QT_TRANSLATE_NOOP("FieldLabels", "修正原因"),
    "period": QT_TRANSLATE_NOOP("FieldLabels", "月份"),
}


def field_label(field: str | None) -> str:
    """The form label of a service field name ('' for none or an unknown one), translated."""
    label = FIELD_LABELS.get(field or "", "")
    return QCoreApplication.translate("FieldLabels", label) if label else ""


def error_text(error: BaseException) -> str:
    """A whole error for an inline message: its problems, each with its field's label, or its message."""
    if isinstance(error, ValidationError) and error.problems:
        parts = []
        for problem in error.problems:
            label, words = field_label(problem.field), text.problem_text(problem)
            parts.append(f"{label}：{words}" if label and not words.startswith(label) else words)
        return "；".join(parts)
    return text.error_text(error)
