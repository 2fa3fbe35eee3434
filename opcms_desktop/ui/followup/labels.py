"""Chinese labels of follow-up methods, contact channels and today-pane kinds (translated on screen)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "FollowupLabels"
METHODS = {"phone": QT_TRANSLATE_NOOP("FollowupLabels", "电话"), "visit": QT_TRANSLATE_NOOP("FollowupLabels", "拜访"),
           "wechat": QT_TRANSLATE_NOOP("FollowupLabels", "微信"), "email": QT_TRANSLATE_NOOP("FollowupLabels", "邮件"),
           "other": QT_TRANSLATE_NOOP("FollowupLabels", "其他")}
CHANNELS = {"phone": QT_TRANSLATE_NOOP("FollowupLabels", "电话"), "mobile": QT_TRANSLATE_NOOP("FollowupLabels", "手机"),
            "email": QT_TRANSLATE_NOOP("FollowupLabels", "邮件"), "wechat": QT_TRANSLATE_NOOP("FollowupLabels", "微信"),
            "visit": QT_TRANSLATE_NOOP("FollowupLabels", "拜访")}
KINDS = {"followup": QT_TRANSLATE_NOOP("FollowupLabels", "跟进"), "bill": QT_TRANSLATE_NOOP("FollowupLabels", "账单"),
         "credit_note": QT_TRANSLATE_NOOP("FollowupLabels", "冲正"), "receipt": QT_TRANSLATE_NOOP("FollowupLabels", "收款"),
         "ticket": QT_TRANSLATE_NOOP("FollowupLabels", "工单")}
STATES = {"open": QT_TRANSLATE_NOOP("FollowupLabels", "待跟进"), "done": QT_TRANSLATE_NOOP("FollowupLabels", "已完成"),
          "overdue": QT_TRANSLATE_NOOP("FollowupLabels", "已逾期"), "issued": QT_TRANSLATE_NOOP("FollowupLabels", "已开具"),
          "cancelled": QT_TRANSLATE_NOOP("FollowupLabels", "已冲正"), "new": QT_TRANSLATE_NOOP("FollowupLabels", "新建"),
          "in_progress": QT_TRANSLATE_NOOP("FollowupLabels", "处理中"),
          "waiting_for_customer": QT_TRANSLATE_NOOP("FollowupLabels", "等待客户"),
          "resolved": QT_TRANSLATE_NOOP("FollowupLabels", "已解决"), "closed": QT_TRANSLATE_NOOP("FollowupLabels", "已关闭")}


def _label(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    return QCoreApplication.translate(CONTEXT, table[code]) if code in table else code


def method_label(code: str | None) -> str:
    return _label(METHODS, code)


def channel_label(code: str | None) -> str:
    return _label(CHANNELS, code)


TODAY_KINDS = {**KINDS, "bill": QT_TRANSLATE_NOOP("FollowupLabels", "逾期账单")}


def kind_label(code: str | None) -> str:
    return _label(KINDS, code)


def today_kind_label(code: str | None) -> str:
    """The kind as the today pane names it (a bill there is always an overdue one)."""
    return _label(TODAY_KINDS, code)


def state_label(code: str | None) -> str:
    return _label(STATES, code)
