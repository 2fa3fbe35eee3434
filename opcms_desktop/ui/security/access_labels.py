"""How the access log, field permissions and export requests read on screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..kit.text import translate

C = "security"
ACCESS_ACTIONS = {
    "view": QT_TRANSLATE_NOOP("security", "查看"),
    "export": QT_TRANSLATE_NOOP("security", "导出"),
    "print": QT_TRANSLATE_NOOP("security", "打印"),
    "reveal": QT_TRANSLATE_NOOP("security", "显示完整信息"),
    "report": QT_TRANSLATE_NOOP("security", "运行报表"),
    "alert": QT_TRANSLATE_NOOP("security", "异常提醒"),
    "export_request": QT_TRANSLATE_NOOP("security", "申请导出"),
    "export_decision": QT_TRANSLATE_NOOP("security", "审批导出"),
    "export_approved": QT_TRANSLATE_NOOP("security", "按审批导出"),
}
ACCESS_ENTITIES = {
    "customer": QT_TRANSLATE_NOOP("security", "客户详情"),
    "customers": QT_TRANSLATE_NOOP("security", "客户表"),
    "customer_view": QT_TRANSLATE_NOOP("security", "客户列表"),
    "invoice": QT_TRANSLATE_NOOP("security", "账单"),
    "ar_aging": QT_TRANSLATE_NOOP("security", "账龄分析"),
    "settlement": QT_TRANSLATE_NOOP("security", "结算状态"),
    "receipts_by_month": QT_TRANSLATE_NOOP("security", "月度收款"),
    "data_use_report": QT_TRANSLATE_NOOP("security", "数据使用报告"),
    "contact": QT_TRANSLATE_NOOP("security", "联系人"),
    "failed_logins": QT_TRANSLATE_NOOP("security", "多次登录失败"),
    "burst": QT_TRANSLATE_NOOP("security", "突发大量访问"),
    "off_hours": QT_TRANSLATE_NOOP("security", "非工作时间登录"),
    "receipts": QT_TRANSLATE_NOOP("security", "收款"),
    "usage": QT_TRANSLATE_NOOP("security", "用量"),
    "price_plans": QT_TRANSLATE_NOOP("security", "价格方案"),
    "report": QT_TRANSLATE_NOOP("security", "报表"),
    "contacts": QT_TRANSLATE_NOOP("security", "联系人"),
    "invoices": QT_TRANSLATE_NOOP("security", "账单列表"),
    "dashboard": QT_TRANSLATE_NOOP("security", "看板数据"),
    "bill_preview": QT_TRANSLATE_NOOP("security", "账单生成预览"),
    "segment_members": QT_TRANSLATE_NOOP("security", "分群成员"),
    "sandbox": QT_TRANSLATE_NOOP("security", "价格沙盘"),
}
FIELD_MODES = {
    "hidden": QT_TRANSLATE_NOOP("security", "隐藏"),
    "read_only": QT_TRANSLATE_NOOP("security", "只读"),
    "editable": QT_TRANSLATE_NOOP("security", "可编辑"),
}
REQUEST_STATES = {
    "pending": QT_TRANSLATE_NOOP("security", "待审批"),
    "approved": QT_TRANSLATE_NOOP("security", "已批准"),
    "rejected": QT_TRANSLATE_NOOP("security", "已驳回"),
    "used": QT_TRANSLATE_NOOP("security", "已导出"),
}
ROLES = {
    "admin": QT_TRANSLATE_NOOP("security", "管理员"),
    "ops": QT_TRANSLATE_NOOP("security", "运营"),
    "sales": QT_TRANSLATE_NOOP("security", "销售"),
    "manager": QT_TRANSLATE_NOOP("security", "经理"),
}
EXPORT_KINDS = {
    "customers": QT_TRANSLATE_NOOP("security", "客户表"),
    "customer_view": QT_TRANSLATE_NOOP("security", "客户列表"),
    "receipts": QT_TRANSLATE_NOOP("security", "收款"),
    "usage": QT_TRANSLATE_NOOP("security", "用量"),
    "price_plans": QT_TRANSLATE_NOOP("security", "价格方案"),
    "report": QT_TRANSLATE_NOOP("security", "报表"),
    "contacts": QT_TRANSLATE_NOOP("security", "联系人"),
    "invoices": QT_TRANSLATE_NOOP("security", "账单列表"),
    "dashboard": QT_TRANSLATE_NOOP("security", "看板数据"),
    "bill_preview": QT_TRANSLATE_NOOP("security", "账单生成预览"),
    "segment_members": QT_TRANSLATE_NOOP("security", "分群成员"),
    "sandbox": QT_TRANSLATE_NOOP("security", "价格沙盘"),
    "data_use_report": QT_TRANSLATE_NOOP("security", "数据使用报告"),
    "audit": QT_TRANSLATE_NOOP("security", "审计日志"),
}


def _label(table: dict[str, str], key: str) -> str:
    return translate(C, table[key]) if key in table else key


def access_action(key: str) -> str:
    return _label(ACCESS_ACTIONS, key)


def access_entity(key: str) -> str:
    return _label(ACCESS_ENTITIES, key)


def field_mode(key: str) -> str:
    return _label(FIELD_MODES, key)


def request_state(key: str) -> str:
    return _label(REQUEST_STATES, key)


def export_kind(key: str) -> str:
    return _label(EXPORT_KINDS, key)


def role_name(key: str) -> str:
    """A built-in role in the current language; a custom role by its name."""
    return _label(ROLES, key)
