"""How bills and receivables read on screen: state labels, bill and allocation labels, the overdue tint.

Shared by the bill (账单), receipt and report screens; money and dates are in `kit.format`. A bill's
tax invoice (发票) status is 未开票 / 已开票; the bill itself is never called 发票 on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from ...services.billing.queries import AllocationRow, InvoiceRow
from .text import fmt, translate

OVERDUE_BACKGROUND = QColor("#fdf1ef")  # a faint red: noticed, not shouted
OVERDUE_TEXT = QColor("#a52714")
MUTED_TEXT = QColor("#80868b")
TOTAL_BACKGROUND = QColor("#f1f3f4")

C = "receivables"  # the translation context of these labels
_STATUS = {"draft": QT_TRANSLATE_NOOP("receivables", "草稿"), "issued": QT_TRANSLATE_NOOP("receivables", "已开具"),
           "cancelled": QT_TRANSLATE_NOOP("receivables", "已冲正")}
_PAYMENT = {"unpaid": QT_TRANSLATE_NOOP("receivables", "未付款"), "partially_paid": QT_TRANSLATE_NOOP("receivables", "部分付款"),
            "paid": QT_TRANSLATE_NOOP("receivables", "已付清")}
_KIND = {"usage": QT_TRANSLATE_NOOP("receivables", "用量"), "package": QT_TRANSLATE_NOOP("receivables", "套餐"),
         "credit_note": QT_TRANSLATE_NOOP("receivables", "冲正")}
_TAX = {"none": QT_TRANSLATE_NOOP("receivables", "未开票"), "issued": QT_TRANSLATE_NOOP("receivables", "已开票")}
_MATCH = {"id": QT_TRANSLATE_NOOP("receivables", "按公司id"), "name": QT_TRANSLATE_NOOP("receivables", "按名称"),
          "fuzzy": QT_TRANSLATE_NOOP("receivables", "相似名称"), "none": QT_TRANSLATE_NOOP("receivables", "未匹配")}
_AGING = {"current": QT_TRANSLATE_NOOP("receivables", "未到期"), "1-30": QT_TRANSLATE_NOOP("receivables", "逾期 1-30 天"),
          "31-60": QT_TRANSLATE_NOOP("receivables", "逾期 31-60 天"), "61-90": QT_TRANSLATE_NOOP("receivables", "逾期 61-90 天"),
          "90+": QT_TRANSLATE_NOOP("receivables", "逾期 90 天以上")}


def tr(text: str) -> str:
    return translate(C, text)


def status_label(status: str) -> str:
    return tr(_STATUS.get(status, status))


def payment_label(status: str | None) -> str:
    return tr(_PAYMENT.get(status or "", "")) if status else ""


def kind_label(kind: str) -> str:
    return tr(_KIND.get(kind, kind))


def tax_invoice_label(status: str | None) -> str:
    """未开票 / 已开票 for issued bills; empty for drafts (nothing to invoice yet)."""
    return tr(_TAX.get(status or "", "")) if status else ""


def match_label(kind: str) -> str:
    return tr(_MATCH.get(kind, kind))


def aging_label(bucket: str) -> str:
    return tr(_AGING.get(bucket, bucket))


def invoice_label(row: InvoiceRow) -> str:
    """The bill number, or 草稿 #id while it has none."""
    return row.number or fmt(QCoreApplication.translate("receivables", "草稿 #%1"), row.id)


def allocation_state(row: AllocationRow) -> str:
    if row.active:
        return tr("有效")
    return fmt(tr("已取消：%1"), row.reversal_reason or "")
