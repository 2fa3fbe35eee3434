"""How receivables values look on screen: money, dates, state labels, the overdue tint.

Shared by the invoice, receipt and report screens so the same amount always reads the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from ...services.platform.errors import ValidationError

OVERDUE_BACKGROUND = QColor("#fdf1ef")  # a faint red: noticed, not shouted
OVERDUE_TEXT = QColor("#a52714")
MUTED_TEXT = QColor("#80868b")
TOTAL_BACKGROUND = QColor("#f1f3f4")

C = "receivables"  # the translation context of these labels
_STATUS = {"draft": QT_TRANSLATE_NOOP(C, "草稿"), "issued": QT_TRANSLATE_NOOP(C, "已开具"),
           "cancelled": QT_TRANSLATE_NOOP(C, "已冲正")}
_PAYMENT = {"unpaid": QT_TRANSLATE_NOOP(C, "未付款"), "partially_paid": QT_TRANSLATE_NOOP(C, "部分付款"),
            "paid": QT_TRANSLATE_NOOP(C, "已付清")}
_KIND = {"usage": QT_TRANSLATE_NOOP(C, "用量"), "package": QT_TRANSLATE_NOOP(C, "套餐")}
_MATCH = {"id": QT_TRANSLATE_NOOP(C, "按公司id"), "name": QT_TRANSLATE_NOOP(C, "按名称"),
          "fuzzy": QT_TRANSLATE_NOOP(C, "相似名称"), "none": QT_TRANSLATE_NOOP(C, "未匹配")}
_AGING = {"current": QT_TRANSLATE_NOOP(C, "未到期"), "1-30": QT_TRANSLATE_NOOP(C, "逾期 1-30 天"),
          "31-60": QT_TRANSLATE_NOOP(C, "逾期 31-60 天"), "61-90": QT_TRANSLATE_NOOP(C, "逾期 61-90 天"),
          "90+": QT_TRANSLATE_NOOP(C, "逾期 90 天以上")}


def tr(text: str) -> str:
    return QCoreApplication.translate(C, text)


def money_text(amount: Decimal | None) -> str:
    """12345.5 -> "12,345.50"; None -> ""."""
    return "" if amount is None else f"{amount:,.2f}"


def yuan(amount: Decimal | None) -> str:
    return f"¥{money_text(amount)}"


def date_text(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def status_label(status: str) -> str:
    return tr(_STATUS.get(status, status))


def payment_label(status: str | None) -> str:
    return tr(_PAYMENT.get(status or "", "")) if status else ""


def kind_label(kind: str) -> str:
    return tr(_KIND.get(kind, kind))


def match_label(kind: str) -> str:
    return tr(_MATCH.get(kind, kind))


def aging_label(bucket: str) -> str:
    return tr(_AGING.get(bucket, bucket))


def error_text(error: BaseException) -> str:
    """A refusal as one line for an inline message (field names kept for validation problems)."""
    if isinstance(error, ValidationError):
        return str(error)
    return str(error) or type(error).__name__
