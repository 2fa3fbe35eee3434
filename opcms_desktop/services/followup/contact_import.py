"""Importing contacts from a sheet: 公司id, 姓名, 职务, 手机, 电话, 邮箱, 微信, 首选渠道, 备注, 主联系人.

Decisions: the import only adds contacts (it never edits or deactivates existing ones); it is all or
nothing: when any row has an error nothing is written and every problem is reported with its row, column
and value; a dry run reports the same and writes nothing either way. A row marked 主联系人 becomes the
customer's primary (clearing the previous one); two such rows for one customer are an error.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..platform.errors import ValidationError
from ..platform.operations import writes
from ..platform.xlsx_reading import (
    CellError,
    Column,
    ImportReport,
    cell_int,
    cell_text,
    dry_run_scope,
    open_sheet,
)
from ..security.permissions import Actor, require
from ..security.scope import customer_ids_by_company
from .contacts import ContactInput, insert_contact_row, validate_contact

LAYOUT = (
    Column("company_id", "公司id"),
    Column("name", "姓名"),
    Column("title", "职务", required=False),
    Column("mobile", "手机", required=False),
    Column("phone", "电话", required=False),
    Column("email", "邮箱", ("邮件", "e-mail", "email"), required=False),
    Column("wechat", "微信", required=False),
    Column("preferred_channel", "首选渠道", required=False),
    Column("notes", "备注", required=False),
    Column("primary", "主联系人", required=False),
)
CHANNELS = {"电话": "phone", "座机": "phone", "手机": "mobile", "邮箱": "email", "邮件": "email", "微信": "wechat",
            "拜访": "visit", "上门": "visit", "phone": "phone", "mobile": "mobile", "email": "email",
            "wechat": "wechat", "visit": "visit"}
YES = {"是", "y", "yes", "true", "1", "主", "√"}
NO = {"", "否", "n", "no", "false", "0"}
FIELDS = ("name", "title", "mobile", "phone", "email", "wechat", "notes")


def _text(value: Any) -> str | None:
    return cell_text(value, multiline=True) or None


@writes("contacts", "audit")
def import_contacts(session: Session, actor: Actor, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """Read the sheet, check every row, and add the contacts when no row has an error."""
    require(actor, "contacts.edit")
    sheet = open_sheet(path, LAYOUT)
    report = ImportReport(dry_run=dry_run)
    headers = {c.key: sheet.headers.get(c.key, c.header) for c in LAYOUT}
    rows = list(sheet.rows())
    customers = customer_ids_by_company(session, actor, [values["company_id"] for _, values in rows])
    valid: list[tuple[int, int, dict[str, Any]]] = []
    for excel_row, values in rows:
        report.rows += 1
        before = len(report.issues)
        customer_id = _customer(report, headers, excel_row, values["company_id"], customers)
        primary = _primary(report, headers, excel_row, values.get("primary", ""))
        channel = _channel(report, headers, excel_row, values.get("preferred_channel", ""))
        try:
            text = {key: _text(values.get(key, "")) for key in FIELDS}
            cleaned = validate_contact(ContactInput(
                name=text["name"] or "", title=text["title"], mobile=text["mobile"], phone=text["phone"],
                email=text["email"], wechat=text["wechat"], preferred_channel=channel, notes=text["notes"],
                primary=primary), row=excel_row, columns=headers)
        except ValidationError as exc:
            for problem in exc.problems:
                report.error(excel_row, problem.field, problem.value, problem.code, **problem.params)
            cleaned = {}
        if len(report.issues) > before or customer_id is None:
            report.rejected += 1
            continue
        valid.append((excel_row, customer_id, cleaned))
    primaries = Counter(customer_id for _, customer_id, values in valid if values["is_primary"])
    by_id = {customer_id: company for company, customer_id in customers.items()}
    for excel_row, customer_id, values in valid:
        if primaries[customer_id] > 1 and values["is_primary"]:
            report.error(excel_row, headers["primary"], "是", "followup.import.two_primaries",
                         company_id=by_id[customer_id], count=primaries[customer_id])
            report.rejected += 1
    if any(issue.level == "error" for issue in report.issues):
        return report
    with dry_run_scope(session, dry_run):
        for _, customer_id, values in valid:
            insert_contact_row(session, customer_id, values, by=actor, action="import")
            report.inserted += 1
    return report


def _customer(report: ImportReport, headers: dict[str, str], row: int, value: Any,
              customers: dict[int, int]) -> int | None:
    try:
        company_id = cell_int(value, minimum=1, maximum=2**63 - 1)
    except CellError:
        report.error(row, headers["company_id"], value, "followup.import.bad_company")
        return None
    if company_id is None:
        report.error(row, headers["company_id"], value, "followup.import.bad_company")
        return None
    if company_id not in customers:
        report.error(row, headers["company_id"], value, "followup.import.unknown_company")
        return None
    return customers[company_id]


def _primary(report: ImportReport, headers: dict[str, str], row: int, value: Any) -> bool:
    text = cell_text(value).strip().lower()
    if text in YES:
        return True
    if text not in NO:
        report.error(row, headers["primary"], value, "followup.import.bad_primary")
    return False


def _channel(report: ImportReport, headers: dict[str, str], row: int, value: Any) -> str | None:
    text = cell_text(value).strip().lower()
    if not text:
        return None
    if text not in CHANNELS:
        report.error(row, headers["preferred_channel"], value, "followup.import.bad_channel")
        return None
    return CHANNELS[text]
