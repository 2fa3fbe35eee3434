"""The columns of the customer list: header, displayed value, cell kind, sortable. The table and the
export both read them here, so an export holds exactly what the list shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..platform.errors import Problem, ValidationError
from .query import SORT_COLUMNS
from .rows import CustomerRow


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


@dataclass(frozen=True)
class ListColumn:
    key: str
    header: str
    value: Callable[[CustomerRow], Any]
    kind: str = "text"  # text / int / number

    @property
    def sortable(self) -> bool:
        return self.key in SORT_COLUMNS


LIST_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("company_id", "公司id", lambda r: r.company_id, "int"),
    ListColumn("name", "公司名称", lambda r: r.name),
    ListColumn("account_type", "账号类型", lambda r: r.account_type_label),
    ListColumn("industry", "行业类型", lambda r: r.industry_label),
    ListColumn("erp", "所属ERP", lambda r: r.erp_label),
    ListColumn("onboarding", "接入时间", lambda r: r.onboarding),
    ListColumn("grade", "客户等级", lambda r: r.grade or ""),
    ListColumn("sales_owners", "销售负责人", lambda r: r.sales_owners),
    ListColumn("ops_owners", "运营负责人", lambda r: r.ops_owners),
    ListColumn("coop_status", "合作状态", lambda r: r.coop_status_label),
    ListColumn("coop_status_raw", "合作状态原文", lambda r: r.coop_status_raw or ""),
    ListColumn("coop_note", "合作备注", lambda r: r.coop_note or ""),
    ListColumn("billing_enabled", "是否结算", lambda r: r.billing_enabled_label),
    ListColumn("disabled", "是否停用", lambda r: _yes_no(r.disabled)),
    ListColumn("notes", "备注", lambda r: r.notes or ""),
    ListColumn("settlement_mode", "结算方式", lambda r: r.settlement_mode_label or r.settlement_mode_raw or ""),
    ListColumn("single_price_raw", "单层定价", lambda r: r.single_price_raw or ""),
    ListColumn("multi_price_raw", "多层定价", lambda r: r.multi_price_raw or ""),
    ListColumn("consumption_tier", "客户消费等级", lambda r: r.consumption_tier or ""),
    ListColumn("avg_monthly_shoots", "月均拍摄量", lambda r: r.avg_monthly_shoots, "number"),
    ListColumn("payment_terms_days", "账期(天)", lambda r: r.payment_terms_days, "int"),
)
COLUMNS_BY_KEY: dict[str, ListColumn] = {c.key: c for c in LIST_COLUMNS}
DEFAULT_COLUMNS: tuple[str, ...] = tuple(c.key for c in LIST_COLUMNS)


def columns_for(keys: Sequence[str]) -> list[ListColumn]:
    """The columns named by `keys`, in that order; ValidationError for an unknown or repeated key."""
    unknown = [k for k in keys if k not in COLUMNS_BY_KEY]
    problems = [Problem("customers.columns.unknown", field="columns", value=k, params={"known": list(COLUMNS_BY_KEY)})
                for k in unknown]
    if len(set(keys)) != len(keys):
        problems.append(Problem("customers.columns.repeated", field="columns"))
    if not keys:
        problems.append(Problem("customers.columns.none", field="columns"))
    if problems:
        raise ValidationError("customers.columns.invalid", problems)
    return [COLUMNS_BY_KEY[k] for k in keys]


def display_value(row: CustomerRow, key: str) -> Any:
    """What the list shows in column `key` of this row (numbers stay numbers)."""
    return COLUMNS_BY_KEY[key].value(row)
