"""The fields a segment condition may name: the customer list's columns, usage and billing figures, tags.

Each field is found by its Chinese title (the customer list's column header, services/customers/columns.py),
its internal key (`industry`) or an English alias (`Industry`), case-insensitive for Latin letters.
Figures over a time window are named with their window: `近30天拍摄量` / `shoots_30d`, `近3个月拍摄量` /
`shoots_3m`, `近12个月开票额` / `invoiced_12m` (or the plain name with a `"window"` key in the leaf).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...models.customer import ACCOUNT_TYPES, GRADES
from ..customers.labels import BILLING_LABELS, SETTLEMENT_MODE_LABELS

TEXT_OPS = ("=", "!=", "in", "not in", "contains", "not contains", "starts with", "empty", "not empty")
CHOICE_OPS = ("=", "!=", "in", "not in", "empty", "not empty")
NUMBER_OPS = ("=", "!=", ">", ">=", "<", "<=", "between", "in", "not in", "empty", "not empty")
BOOL_OPS = ("=", "!=")
OWNER_OPS = ("=", "!=", "in", "not in", "contains", "empty", "not empty")
METRIC_OPS = ("=", "!=", ">", ">=", "<", "<=", "between")
DAYS_OPS = ("=", ">", ">=", "<", "<=", "between", "empty", "not empty")
RECENT_OPS = ("within", "not within", "empty", "not empty")
TAG_OPS = ("has", "has not", "in", "not in", "empty", "not empty")

OPS_BY_KIND: dict[str, tuple[str, ...]] = {
    "text": TEXT_OPS,
    "choice": CHOICE_OPS,
    "dictionary": CHOICE_OPS,
    "number": NUMBER_OPS,
    "int": NUMBER_OPS,
    "bool": BOOL_OPS,
    "owner": OWNER_OPS,
    "metric": METRIC_OPS,
    "days": DAYS_OPS,
    "recent": RECENT_OPS,
    "tags": TAG_OPS,
}

# Other spellings of the operators (English words, Chinese) -> the canonical operator.
OP_ALIASES: dict[str, str] = {
    "==": "=",
    "eq": "=",
    "equals": "=",
    "等于": "=",
    "是": "=",
    "<>": "!=",
    "ne": "!=",
    "not equals": "!=",
    "不等于": "!=",
    "不是": "!=",
    "属于": "in",
    "not_in": "not in",
    "不属于": "not in",
    "包含": "contains",
    "not_contains": "not contains",
    "不包含": "not contains",
    "starts_with": "starts with",
    "开头是": "starts with",
    "gt": ">",
    "大于": ">",
    "ge": ">=",
    "gte": ">=",
    "大于等于": ">=",
    "不少于": ">=",
    "lt": "<",
    "小于": "<",
    "le": "<=",
    "lte": "<=",
    "小于等于": "<=",
    "不超过": "<=",
    "介于": "between",
    "is empty": "empty",
    "为空": "empty",
    "is not empty": "not empty",
    "not_empty": "not empty",
    "不为空": "not empty",
    "在最近": "within",
    "not_within": "not within",
    "不在最近": "not within",
    "有": "has",
    "has_not": "has not",
    "没有": "has not",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field. `column` names the Customer attribute of a plain field; `choices` maps labels to codes."""

    key: str
    header: str
    kind: str
    aliases: tuple[str, ...] = ()
    column: str | None = None
    choices: Mapping[str, str] = field(default_factory=dict)
    dictionary: str | None = None  # the dictionary kind of a dictionary field
    metric: str | None = None  # shoots / invoiced / outstanding / overdue
    windowed: bool = False  # a figure over a time window (needs one)

    @property
    def ops(self) -> tuple[str, ...]:
        return OPS_BY_KIND[self.kind]


_YES_NO = {"是": "yes", "否": "no", "待确认": "pending"}
_BILLING = {label: code for code, label in BILLING_LABELS.items()}
_SETTLEMENT = {label: code for code, label in SETTLEMENT_MODE_LABELS.items()}

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("company_id", "公司id", "int", ("company id",), column="company_id"),
    FieldSpec("name", "公司名称", "text", ("company name",), column="name"),
    FieldSpec(
        "account_type",
        "账号类型",
        "choice",
        ("account type",),
        column="account_type",
        choices=dict(ACCOUNT_TYPES),
    ),
    FieldSpec("industry", "行业类型", "dictionary", (), column="industry_id", dictionary="industry"),
    FieldSpec("erp", "所属ERP", "dictionary", (), column="erp_id", dictionary="erp"),
    FieldSpec("onboarding", "接入时间", "text", ("onboarding_half",), column="onboarding_half"),
    FieldSpec("grade", "客户等级", "choice", (), column="grade", choices={g: g for g in GRADES}),
    FieldSpec("sales_owners", "销售负责人", "owner", ("sales owner", "sales_owner"), column="sales"),
    FieldSpec("ops_owners", "运营负责人", "owner", ("ops owner", "ops_owner"), column="ops"),
    FieldSpec(
        "coop_status",
        "合作状态",
        "dictionary",
        ("cooperation status",),
        column="coop_status_id",
        dictionary="coop_status",
    ),
    FieldSpec("coop_status_raw", "合作状态原文", "text", (), column="coop_status_raw"),
    FieldSpec("coop_note", "合作备注", "text", (), column="coop_note"),
    FieldSpec(
        "billing_enabled",
        "是否结算",
        "choice",
        ("billing",),
        column="billing_enabled",
        choices={**_BILLING, **_YES_NO, "yes": "yes", "no": "no", "pending": "pending"},
    ),
    FieldSpec("disabled", "是否停用", "bool", (), column="disabled"),
    FieldSpec("notes", "备注", "text", (), column="notes"),
    FieldSpec(
        "settlement_mode",
        "结算方式",
        "choice",
        ("settlement mode",),
        column="settlement_mode",
        choices={**_SETTLEMENT, **{code: code for code in SETTLEMENT_MODE_LABELS}},
    ),
    FieldSpec("single_price_raw", "单层定价", "text", ("single price",), column="single_price_raw"),
    FieldSpec("multi_price_raw", "多层定价", "text", ("multi price",), column="multi_price_raw"),
    FieldSpec("consumption_tier", "客户消费等级", "text", ("consumption tier",), column="consumption_tier"),
    FieldSpec(
        "avg_monthly_shoots", "月均拍摄量", "number", ("average monthly shoots",), column="avg_monthly_shoots"
    ),
    FieldSpec(
        "payment_terms_days", "账期(天)", "int", ("payment terms", "账期"), column="payment_terms_days"
    ),
    FieldSpec("shoots", "拍摄量", "metric", ("shoot count",), metric="shoots", windowed=True),
    FieldSpec(
        "invoiced", "开票额", "metric", ("开票金额", "invoiced amount"), metric="invoiced", windowed=True
    ),
    FieldSpec("outstanding", "未收金额", "metric", ("outstanding amount", "应收余额"), metric="outstanding"),
    FieldSpec("overdue_amount", "逾期金额", "metric", ("overdue",), metric="overdue"),
    FieldSpec("days_since_last_usage", "距上次用量天数", "days", ("days since last usage",)),
    FieldSpec("last_usage", "最近用量", "recent", ("最近拍摄", "recent usage")),
    FieldSpec("tags", "标签", "tags", ("tag",)),
)

_BY_NAME: dict[str, FieldSpec] = {}
for _spec in FIELDS:
    for _name in (_spec.key, _spec.header, *_spec.aliases):
        _BY_NAME[_name.casefold()] = _spec

_WINDOWED_CN = re.compile(r"^近\s*(\d{1,4})\s*(天|日|个月|月)\s*(拍摄量|开票额|开票金额)$")
_WINDOWED_EN = re.compile(r"^(shoots|invoiced)_(\d{1,4})(d|m)$", re.IGNORECASE)
_WINDOW = re.compile(r"^\s*(\d{1,4})\s*(d|day|days|天|日|m|month|months|个月|月)\s*$", re.IGNORECASE)
MAX_DAYS, MAX_MONTHS = 3660, 120


@dataclass(frozen=True)
class Window:
    """A relative window ending on the evaluation day: N days (today included) or N complete months."""

    count: int
    unit: str  # "d" / "m"

    @property
    def text(self) -> str:
        return f"{self.count}{self.unit}"


def find_field(name: str) -> tuple[FieldSpec | None, Window | None]:
    """The field a name means and, for a windowed name such as 近30天拍摄量, its window."""
    text = name.strip()
    found = _BY_NAME.get(text.casefold())
    if found is not None:
        return found, None
    match = _WINDOWED_CN.match(text)
    if match:
        unit = "d" if match.group(2) in ("天", "日") else "m"
        return _BY_NAME[match.group(3).casefold()], Window(int(match.group(1)), unit)
    match = _WINDOWED_EN.match(text)
    if match:
        return _BY_NAME[match.group(1).casefold()], Window(int(match.group(2)), match.group(3).lower())
    return None, None


def parse_window(value: object) -> Window | None:
    """'30d' / '30天' / '3m' / '3个月' -> Window; None when it is not one (or out of range)."""
    if not isinstance(value, str):
        return None
    match = _WINDOW.match(value)
    if not match:
        return None
    unit = "d" if match.group(2).lower()[0] in ("d", "天", "日") else "m"
    window = Window(int(match.group(1)), unit)
    return window if valid_window(window) else None


def valid_window(window: Window) -> bool:
    limit = MAX_DAYS if window.unit == "d" else MAX_MONTHS
    return 1 <= window.count <= limit


def field_names() -> list[str]:
    """The Chinese names of every field (messages list them)."""
    return [spec.header for spec in FIELDS]
