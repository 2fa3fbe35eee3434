"""The bill-run preview (账单生成预览) as .xlsx: the columns the preview screen shows, real number cells.

Like the other exports it is in Chinese (a working document of the ops team): sheet 账单 holds one row per
customer (公司id, 客户名称, 本月拍摄, 上月拍摄, 价格方案, 金额(元), 处理, 异常), sheet 异常 the exceptions
(公司id, 客户名称, 类型, 级别, 说明). Counts are integer cells and amounts number cells with two decimals.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..platform.messages import Message, render
from ..platform.operations import writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from ..pricing.engine import MODE_LABELS, Plan, series_label
from ..security.access_log import exporter_name, record_access
from ..security.export_approval import clear_export
from ..security.permissions import Actor, require
from .run import BillRunPreview, CustomerBill, describe_plan, preview_bill_run

EXPORT_LANGUAGE = "zh_CN"

EXCEPTION_KINDS = {
    "no_plan": "无价格方案", "no_series_price": "该系列无价格", "no_price": "方案缺少价格",
    "missing_area": "缺少面积", "plan_overlap": "方案重叠", "usage_spike": "用量激增",
    "disabled_account": "账户已停用", "billing_disabled": "不结算", "billing_unconfirmed": "结算待确认",
    "zero_usage": "本期无用量", "invoice_issued": "账单已开具", "replaces_credited": "重开已冲正账单",
    "amount_overflow": "金额超限",
}
ACTIONS = {
    "create": "新建草稿", "replace": "替换草稿", "unchanged": "草稿未变", "keep_issued": "保留已开具",
    "not_billed": "不出账", "remove": "删除草稿", "none": "—",
}
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}

CUSTOMER_COLUMNS = [
    Column("公司id", "int", 10), Column("客户名称", "text", 30), Column("本月拍摄", "int", 10),
    Column("上月拍摄", "int", 10), Column("价格方案", "text", 40), Column("金额(元)", "money", 16),
    Column("处理", "text", 12), Column("异常", "text", 24),
]
EXCEPTION_COLUMNS = [
    Column("公司id", "int", 10), Column("客户名称", "text", 30), Column("类型", "text", 14),
    Column("级别", "text", 8), Column("说明", "text", 60),
]


def plan_text(plan: Plan) -> str:
    """'X系列 定价结算：单层 8.00；多层按单层价' (series omitted for an all-series plan)."""
    series = "" if plan.series == "ALL" else f"{series_label(plan.series)} "
    return f"{series}{MODE_LABELS.get(plan.mode, plan.mode)}：{describe_plan(plan)}"


def _kinds(bill: CustomerBill) -> str:
    return "、".join(dict.fromkeys(EXCEPTION_KINDS.get(e.kind, e.kind) for e in bill.exceptions))


def _text(message: Message) -> str:
    return render(message.code, message.params, language=EXPORT_LANGUAGE)


def preview_sheets(preview: BillRunPreview) -> list[Sheet]:
    customers = [[b.company_id, b.name, b.shoots, b.previous_shoots, "；".join(plan_text(p) for p in b.plans),
                  b.amount, ACTIONS.get(b.action, b.action), _kinds(b)] for b in preview.customers]
    exceptions = [[e.company_id, e.customer_name, EXCEPTION_KINDS.get(e.kind, e.kind),
                   SEVERITIES.get(e.severity, e.severity), _text(e.message)] for e in preview.exceptions]
    return [Sheet(f"账单 {preview.period}", CUSTOMER_COLUMNS, customers),
            Sheet("异常", EXCEPTION_COLUMNS, exceptions)]


@writes("access_log", "exports")
def write_preview_xlsx(session: Session, actor: Actor, preview: BillRunPreview, path: str | Path) -> int:
    """Write a preview the actor already computed (scoped) to .xlsx, through the export approval and on
    record; returns the number of rows written."""
    require(actor, "billing.run" if actor.can("billing.run") else "invoices.view")
    clear_export(session, actor, "bill_preview", len(preview.customers))
    record_access(session, actor, "export", "bill_preview", preview.period, len(preview.customers),
                  {"file": Path(path).name})
    return write_xlsx(path, preview_sheets(preview), exported_by=exporter_name(actor))


@writes("access_log", "exports")
def export_bill_run_preview(session: Session, actor: Actor, period: str, path: str | Path) -> int:
    """Compute the period's preview (what generating now would do, scoped to the actor) and write it."""
    return write_preview_xlsx(session, actor, preview_bill_run(session, actor, period), path)
