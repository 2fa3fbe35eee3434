"""Exporting contacts to .xlsx, in the layout the contact import reads (公司id, 姓名, 职务, 手机, …, 主联系人).

Decision: an export is a list like any other, so phone numbers, e-mails and WeChat ids are masked for roles
without contacts.view_sensitive (such a file cannot be imported back; the import refuses masked numbers).
Only the customers the actor may see are exported; deactivated contacts only with `include_inactive`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ..platform.operations import writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from .contacts import list_contacts

CONTACT_COLUMNS = [
    Column("公司id", "int", 10), Column("客户名称", "text", 28), Column("姓名", "text", 12), Column("职务", "text", 12),
    Column("手机", "text", 14), Column("电话", "text", 16), Column("邮箱", "text", 26), Column("微信", "text", 14),
    Column("首选渠道", "text", 10), Column("备注", "text", 24), Column("主联系人", "text", 8), Column("状态", "text", 8),
]
CHANNEL_TEXT = {"phone": "电话", "mobile": "手机", "email": "邮箱", "wechat": "微信", "visit": "拜访"}


@dataclass(frozen=True)
class ContactExportResult:
    path: str
    rows: int
    masked: bool


@writes("access_log", "exports")
def export_contacts_xlsx(session: Session, actor: Actor, path: str | Path, *, company_id: int | None = None,
                         include_inactive: bool = False) -> ContactExportResult:
    """The contacts the actor can see (of one customer with `company_id`), written to `path`."""
    require(actor, "customers.export")
    rows = list_contacts(session, actor, company_id=company_id, include_inactive=include_inactive, limit=None)
    data = [[c.company_id, c.customer_name, c.name, c.title, c.mobile, c.phone, c.email, c.wechat,
             CHANNEL_TEXT.get(c.preferred_channel or ""), c.notes, "是" if c.primary else "否",
             "使用中" if c.active else "已停用"] for c in rows]
    masked = not actor.can("contacts.view_sensitive")  # phones and e-mails this role sees masked
    clear_export(session, actor, "contacts", len(data), masked)
    record_access(session, actor, "export", "contacts", company_id, len(data), {"file": Path(path).name})
    written = write_xlsx(path, [Sheet("联系人", CONTACT_COLUMNS, data)], exported_by=exporter_name(actor))
    return ContactExportResult(str(path), written, masked=masked)
