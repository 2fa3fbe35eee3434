"""How security data reads on screen: entity and action names, scopes, audit values."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..kit.text import translate

C = "security"  # translation context of these labels
SCOPE_LABELS = {"all": QT_TRANSLATE_NOOP("security", "全部客户"), "own": QT_TRANSLATE_NOOP("security", "仅自己负责的客户")}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("security", "新建"), "update": QT_TRANSLATE_NOOP("security", "修改"),
    "delete": QT_TRANSLATE_NOOP("security", "删除"), "event": QT_TRANSLATE_NOOP("security", "事件"),
    "import": QT_TRANSLATE_NOOP("security", "导入"), "issue": QT_TRANSLATE_NOOP("security", "开具"),
    "cancel": QT_TRANSLATE_NOOP("security", "冲正"), "allocate": QT_TRANSLATE_NOOP("security", "核销"),
    "unallocate": QT_TRANSLATE_NOOP("security", "取消核销"), "correct": QT_TRANSLATE_NOOP("security", "修正"),
    "login": QT_TRANSLATE_NOOP("security", "登录"),
}
ENTITY_LABELS = {
    "customer": QT_TRANSLATE_NOOP("security", "客户"), "user": QT_TRANSLATE_NOOP("security", "用户"),
    "role": QT_TRANSLATE_NOOP("security", "角色"), "setting": QT_TRANSLATE_NOOP("security", "设置"),
    "price_plan": QT_TRANSLATE_NOOP("security", "价格方案"), "invoice": QT_TRANSLATE_NOOP("security", "账单"),
    "invoice_line": QT_TRANSLATE_NOOP("security", "账单明细"), "credit_note": QT_TRANSLATE_NOOP("security", "冲正单"),
    "receipt": QT_TRANSLATE_NOOP("security", "收款"), "receipts": QT_TRANSLATE_NOOP("security", "收款"),
    "allocation": QT_TRANSLATE_NOOP("security", "核销"), "usage_order": QT_TRANSLATE_NOOP("security", "用量订单"),
    "usage_orders": QT_TRANSLATE_NOOP("security", "用量订单"), "usage_monthly": QT_TRANSLATE_NOOP("security", "月度用量"),
    "saved_filter": QT_TRANSLATE_NOOP("security", "保存的筛选"), "owner_name_mapping": QT_TRANSLATE_NOOP("security", "负责人映射"),
    "export": QT_TRANSLATE_NOOP("security", "导出"), "customer_export": QT_TRANSLATE_NOOP("security", "客户导出"),
    "customer_sheet_export": QT_TRANSLATE_NOOP("security", "客户表导出"),
    "customer_batch": QT_TRANSLATE_NOOP("security", "客户批量修改"), "bill_run": QT_TRANSLATE_NOOP("security", "出账"),
    "pg_security": QT_TRANSLATE_NOOP("security", "数据库权限"),
}
FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("security", "名称"), "label": QT_TRANSLATE_NOOP("security", "显示名称"),
    "customer_scope": QT_TRANSLATE_NOOP("security", "客户范围"), "permissions": QT_TRANSLATE_NOOP("security", "权限"),
    "value": QT_TRANSLATE_NOOP("security", "值"), "role": QT_TRANSLATE_NOOP("security", "角色"),
    "display_name": QT_TRANSLATE_NOOP("security", "显示名称"), "active": QT_TRANSLATE_NOOP("security", "启用"),
    "username": QT_TRANSLATE_NOOP("security", "用户名"),
}
EMPTY = QT_TRANSLATE_NOOP("security", "（空）")


def tr(text: str) -> str:
    return translate(C, text)


def scope_label(scope: str) -> str:
    return tr(SCOPE_LABELS.get(scope, scope))


def action_label(action: str) -> str:
    return tr(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def entity_label(entity: str) -> str:
    return tr(ENTITY_LABELS[entity]) if entity in ENTITY_LABELS else entity


def field_label(key: str, entity: str = "") -> str:
    if entity == "customer":
        from ..kit.customer_fields import field_label as customer_field

        return customer_field(key)
    return tr(FIELD_LABELS[key]) if key in FIELD_LABELS else key


def permission_label(name: str) -> str:
    from ...services.security.permissions import permission_label as label

    return label(name)


def value_text(value: Any) -> str:
    """One stored value as a line of text: lists joined, nested data as compact JSON."""
    if value is None or value == "" or value == []:
        return tr(EMPTY)
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if isinstance(value, list | tuple) and all(not isinstance(v, dict | list) for v in value):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
