"""Small helpers of the worklist screens: a date field and its value, labels of codes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate

from ..kit.fields import DateEdit
from ..kit.text import fmt

translate = QCoreApplication.translate

TICKET_TYPE_LABELS = {
    "complaint": QT_TRANSLATE_NOOP("worklist", "投诉"),
    "billing_question": QT_TRANSLATE_NOOP("worklist", "账单咨询"),
    "renewal": QT_TRANSLATE_NOOP("worklist", "续约"),
    "technical": QT_TRANSLATE_NOOP("worklist", "技术问题"),
    "other": QT_TRANSLATE_NOOP("worklist", "其他"),
}
PRIORITY_LABELS = {
    "low": QT_TRANSLATE_NOOP("worklist", "低"),
    "normal": QT_TRANSLATE_NOOP("worklist", "普通"),
    "high": QT_TRANSLATE_NOOP("worklist", "高"),
    "urgent": QT_TRANSLATE_NOOP("worklist", "紧急"),
}
STATUS_LABELS = {
    "new": QT_TRANSLATE_NOOP("worklist", "新建"),
    "in_progress": QT_TRANSLATE_NOOP("worklist", "处理中"),
    "waiting_for_customer": QT_TRANSLATE_NOOP("worklist", "等待客户"),
    "resolved": QT_TRANSLATE_NOOP("worklist", "已解决"),
    "closed": QT_TRANSLATE_NOOP("worklist", "已关闭"),
}
ACTION_LABELS = {
    "followup": QT_TRANSLATE_NOOP("worklist", "建跟进"),
    "ticket": QT_TRANSLATE_NOOP("worklist", "建工单"),
    "set_tag": QT_TRANSLATE_NOOP("worklist", "加标签"),
    "remove_tag": QT_TRANSLATE_NOOP("worklist", "去标签"),
    "set_status": QT_TRANSLATE_NOOP("worklist", "改合作状态"),
    "notify_owner": QT_TRANSLATE_NOOP("worklist", "通知负责人"),
    "bill_run_preview": QT_TRANSLATE_NOOP("worklist", "出账预览"),
    "bill_run_drafts": QT_TRANSLATE_NOOP("worklist", "生成账单草稿"),
    "dunning_run": QT_TRANSLATE_NOOP("worklist", "执行催款"),
    "condition": QT_TRANSLATE_NOOP("worklist", "条件"),
}
EVENT_LABELS = {
    "usage_imported": QT_TRANSLATE_NOOP("worklist", "导入用量"),
    "bill_issued": QT_TRANSLATE_NOOP("worklist", "账单开具"),
    "bill_overdue": QT_TRANSLATE_NOOP("worklist", "账单逾期"),
    "receipt_recorded": QT_TRANSLATE_NOOP("worklist", "登记收款"),
    "customer_changed": QT_TRANSLATE_NOOP("worklist", "客户资料变更"),
}
RESULT_LABELS = {
    "done": QT_TRANSLATE_NOOP("worklist", "完成"),
    "failed": QT_TRANSLATE_NOOP("worklist", "失败"),
    "skipped": QT_TRANSLATE_NOOP("worklist", "跳过"),
}


def label(table: dict[str, str], code: str) -> str:
    """The translated label of a code, or the code itself when it has none."""
    return translate("worklist", table[code]) if code in table else code


def trigger_text(trigger_kind: str, schedule: str | None, event: str | None) -> str:
    """ "daily 06:00" -> 每天 06:00; "monthly 1 06:00" -> 每月 1 日 06:00; an event -> 事件：账单开具."""
    if trigger_kind == "event":
        return fmt(translate("worklist", "事件：%1"), label(EVENT_LABELS, event or ""))
    parts = (schedule or "").split()
    if len(parts) == 2 and parts[0] == "daily":
        return fmt(translate("worklist", "每天 %1"), parts[1])
    if len(parts) == 3 and parts[0] == "monthly":
        return fmt(translate("worklist", "每月 %1 日 %2"), parts[1], parts[2])
    return schedule or ""


def date_edit(value: dt.date) -> DateEdit:
    edit = DateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    return edit


def date_of(edit: DateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())
