"""One customer-sheet cell -> the customer columns it sets, with its problems (DOMAIN.md section 2).

Each column has a normaliser `value -> CellResult` (NORMALISERS); customer_parse applies them to rows.
A row is rejected only when 公司id or 公司名称 is unusable (an `error`); every other problem is a
`warning` and the raw text is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, NamedTuple

from ...models.customer import ACCOUNT_TYPES, GRADES
from ..platform.cells import decimal_or_none
from ..platform.messages import Message, msg
from ..platform.money import money
from ..pricing.grammar import PriceSpec, parse_price
from .cells import (
    MISSING_TEXT,
    PLACEHOLDERS,
    cell_text,
    clean_text,
    fold,
    is_missing_text,
    is_placeholder,
    label_key,
    truncate,
)

MAX_COMPANY_ID = 2**63 - 1
MAX_EXACT_FLOAT = 2**53
MAX_SHOOTS = Decimal(10) ** 12


class CellResult(NamedTuple):
    values: Mapping[str, Any] = MappingProxyType({})  # customer columns this cell sets (read-only)
    extra: Any = None  # company id, dictionary label, owner names or PriceSpec
    errors: tuple[Message, ...] = ()
    warnings: tuple[Message, ...] = ()


# The sheet's own header of each column, named in the messages (the sheet is Chinese in every language).
COMPANY_ID, NAME, ACCOUNT_TYPE, ONBOARDING, GRADE = "公司id", "公司名称", "账号类型", "接入时间", "客户等级"
BILLING, DISABLED, SETTLEMENT = "是否结算", "是否停用", "结算方式"
SINGLE_PRICE, MULTI_PRICE, TIER, SHOOTS = "单层定价", "多层定价", "客户消费等级", "月均拍摄量"
PRICE_COLUMNS = {"single": SINGLE_PRICE, "multi": MULTI_PRICE}


def _error(message: Message) -> CellResult:
    return CellResult(errors=(message,))


def _text(value: object, *, multiline: bool = False) -> tuple[str, list[Message]]:
    text, removed = clean_text(cell_text(value), multiline=multiline)
    return text, ([msg("customers.import.control_removed")] if removed else [])


def _kept(text: str, limit: int, warnings: list[Message]) -> str:
    kept, cut = truncate(text, limit)
    if cut:
        warnings.append(msg("customers.import.cut", limit=limit))
    return kept


# --- key and name -------------------------------------------------------------------------------

def company_id(value: object) -> CellResult:
    if isinstance(value, float) and 0 < value <= MAX_EXACT_FLOAT and value.is_integer():
        return CellResult(extra=int(value))
    if isinstance(value, bool):
        return _error(msg("customers.import.company_id_boolean", column=COMPANY_ID))
    warnings: tuple[Message, ...] = ()
    if value is None:
        return _error(msg("customers.import.company_id_missing", column=COMPANY_ID))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isnan(value):
            return _error(msg("customers.import.company_id_missing", column=COMPANY_ID))
        if not math.isfinite(value) or not value.is_integer():
            return _error(msg("customers.import.company_id_not_whole", column=COMPANY_ID, value=cell_text(value)))
        if abs(value) > MAX_EXACT_FLOAT:
            return _error(msg("customers.import.company_id_float_too_large", column=COMPANY_ID,
                              value=cell_text(value)))
        number = int(value)
    elif isinstance(value, str):
        text = fold(value)
        if is_missing_text(text):
            return _error(msg("customers.import.company_id_missing", column=COMPANY_ID))
        if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")
        try:
            parsed = Decimal(text)
        except (InvalidOperation, ValueError):
            return _error(msg("customers.import.company_id_not_number", column=COMPANY_ID, value=text))
        if not parsed.is_finite() or parsed.adjusted() > 19:
            return _error(msg("customers.import.company_id_too_large", column=COMPANY_ID, value=text))
        if parsed != parsed.to_integral_value():
            return _error(msg("customers.import.company_id_not_whole", column=COMPANY_ID, value=text))
        number = int(parsed)
        if not re.fullmatch(r"\+?[1-9]\d*(\.0*)?", text) and number > 0:
            warnings = (msg("customers.import.company_id_read_as", column=COMPANY_ID, value=text, number=number),)
    else:
        return _error(msg("customers.import.company_id_unusable", column=COMPANY_ID, value=cell_text(value)))
    if number <= 0:
        return _error(msg("customers.import.company_id_not_positive", column=COMPANY_ID, value=number))
    if number > MAX_COMPANY_ID:
        return _error(msg("customers.import.company_id_too_large", column=COMPANY_ID, value=number))
    return CellResult(extra=number, warnings=warnings)


_SHORTEST_CLEAN_NAME = max(len(t) for t in (*MISSING_TEXT, *PLACEHOLDERS)) + 1


def name(value: object) -> CellResult:
    if isinstance(value, str) and _SHORTEST_CLEAN_NAME <= len(value) <= 200 and value.isprintable() \
            and value == value.strip():
        return CellResult({"name": value})
    text, warnings = _text(value)
    if not text or is_placeholder(text):
        if not text or is_missing_text(text):
            return _error(msg("customers.import.name_missing", column=NAME))
        return _error(msg("customers.import.name_placeholder", column=NAME, value=text))
    return CellResult({"name": _kept(text, 200, warnings)}, warnings=tuple(warnings))


# --- enumerations and dictionaries ----------------------------------------------------------------

_ACCOUNT_LOOKUP = {label_key(k): v for k, v in ACCOUNT_TYPES.items()} | {v: v for v in ACCOUNT_TYPES.values()}


def account_type(value: object) -> CellResult:
    text, warnings = _text(value)
    if is_missing_text(text):
        return CellResult({"account_type": None, "account_type_raw": None})
    code = _ACCOUNT_LOOKUP.get(label_key(text))
    if code is None:
        warnings.append(msg("customers.import.account_type_unknown", column=ACCOUNT_TYPE, value=text,
                            allowed=list(ACCOUNT_TYPES)))
    raw = _kept(text, 80, warnings)
    return CellResult({"account_type": code, "account_type_raw": raw}, warnings=tuple(warnings))


def dictionary_label(value: object) -> CellResult:
    """行业类型 / 所属ERP: the label, resolved against dictionary_entries later (`无` = none)."""
    text, warnings = _text(value)
    if is_placeholder(text):
        return CellResult(extra=None)
    return CellResult(extra=_kept(text, 80, warnings), warnings=tuple(warnings))


def grade(value: object) -> CellResult:
    text = fold(cell_text(value)).upper()
    if is_placeholder(text):
        return CellResult({"grade": None})
    if text in GRADES:
        return CellResult({"grade": text})
    return CellResult({"grade": None}, warnings=(msg("customers.import.grade_unknown", column=GRADE,
                                                     value=cell_text(value), allowed=list(GRADES)),))


_SETTLEMENT = {"定价结算": "fixed_price", "按单结算": "fixed_price", "单价结算": "fixed_price",
               "按次结算": "fixed_price", "包年套餐": "annual_package", "包年": "annual_package",
               "包年限量套餐": "annual_quota", "包年限量": "annual_quota", "待确认": "pending", "待定": "pending"}
SETTLEMENT_LABELS = {"fixed_price": "定价结算", "annual_package": "包年套餐", "annual_quota": "包年限量套餐",
                     "pending": "待确认"}
_SETTLEMENT_LOOKUP = {label_key(k): v for k, v in _SETTLEMENT.items()} | {v: v for v in SETTLEMENT_LABELS}


def settlement_mode(value: object) -> CellResult:
    text, warnings = _text(value)
    if is_placeholder(text):
        return CellResult({"settlement_mode": None, "settlement_mode_raw": None})
    code = _SETTLEMENT_LOOKUP.get(label_key(text))
    if code is None:
        warnings.append(msg("customers.import.settlement_unknown", column=SETTLEMENT, value=text,
                            allowed=list(SETTLEMENT_LABELS.values())))
    raw = _kept(text, 80, warnings)
    return CellResult({"settlement_mode": code, "settlement_mode_raw": raw}, warnings=tuple(warnings))


# --- onboarding half-year --------------------------------------------------------------------------

_HALF_TEXT = re.compile(r"(\d{2}|\d{4})年?度?(上|下)半年度?")
_HALF_CODE = re.compile(r"(\d{4})[-/.]?h([12])")
_QUARTER = re.compile(r"(\d{2}|\d{4})年?(?:第?([1-4一二三四])季度?|q([1-4]))")
_DATE_TEXT = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?(?:\s.*)?")
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def _half(year: int, first: bool) -> str | None:
    return f"{year}-H{1 if first else 2}" if 1990 <= year <= 2100 else None


def half_of_text(text: str) -> str | None:
    folded = re.sub(r"\s+", "", fold(text)).casefold()
    if m := _HALF_TEXT.fullmatch(folded):
        return _half(_year(m.group(1)), m.group(2) == "上")
    if m := _HALF_CODE.fullmatch(folded):
        return _half(int(m.group(1)), m.group(2) == "1")
    if m := _QUARTER.fullmatch(folded):
        return _half(_year(m.group(1)), _QUARTERS[m.group(2) or m.group(3)] <= 2)
    if (m := _DATE_TEXT.fullmatch(fold(text))) and 1 <= int(m.group(2)) <= 12:
        return _half(int(m.group(1)), int(m.group(2)) <= 6)
    if (m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", folded)) and 1 <= int(m.group(2)) <= 12:
        return _half(int(m.group(1)), int(m.group(2)) <= 6)
    return None


def onboarding(value: object) -> CellResult:
    warnings: list[Message] = []
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return CellResult({"onboarding_half": _half(day.year, day.month <= 6), "onboarding_raw": day.isoformat()})
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 <= value <= 80000:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        warnings.append(msg("customers.import.onboarding_serial", value=cell_text(value), date=day.isoformat()))
        return CellResult({"onboarding_half": _half(day.year, day.month <= 6), "onboarding_raw": day.isoformat()},
                          warnings=tuple(warnings))
    text, warnings = _text(value)
    if is_placeholder(text):
        return CellResult({"onboarding_half": None, "onboarding_raw": None})
    half = half_of_text(text)
    if half is None:
        warnings.append(msg("customers.import.onboarding_unknown", column=ONBOARDING, value=text))
    return CellResult({"onboarding_half": half, "onboarding_raw": _kept(text, 80, warnings)},
                      warnings=tuple(warnings))


# --- owners and cooperation status -------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"[\n\r、,;/|@，；＠]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def split_names(text: str) -> list[str]:
    """`' @郭富乾\\n @张随军'` -> ['郭富乾', '张随军']; placeholders dropped, order kept, no repeats."""
    names: list[str] = []
    for part in _NAME_SPLIT.split(fold(text)):
        tokens = part.split()
        if not tokens:
            continue
        pieces = tokens if len(tokens) > 1 and all(_CJK.search(t) for t in tokens) else [" ".join(tokens)]
        for piece in pieces:
            if piece not in PLACEHOLDERS and not is_missing_text(piece):
                cut = piece[:80]
                if cut not in names:
                    names.append(cut)
    return names


def owners(raw_column: str) -> Callable[[object], CellResult]:
    def normalise(value: object) -> CellResult:
        text, warnings = _text(value, multiline=True)
        if is_placeholder(text):
            return CellResult({raw_column: None}, extra=())
        names = split_names(text)
        if any(len(n) >= 80 for n in names):
            warnings.append(msg("customers.import.owner_name_cut"))
        return CellResult({raw_column: _kept(text, 200, warnings)}, extra=tuple(names), warnings=tuple(warnings))

    return normalise


def coop_status(value: object) -> CellResult:
    """`待确认  @李伟光` -> status label 待确认 (code from the dictionary), note 李伟光, raw kept."""
    text, warnings = _text(value)
    if is_missing_text(text):
        return CellResult({"coop_status_raw": None, "coop_note": None}, extra=None)
    parts = re.split(r"[@＠]", text, maxsplit=1)
    status = parts[0].strip()
    note = "、".join(split_names(parts[1])) if len(parts) > 1 else None
    raw = _kept(text, 200, warnings)
    label = None if is_placeholder(status) else status[:80]
    return CellResult({"coop_status_raw": raw, "coop_note": note[:200] if note else None}, extra=label,
                      warnings=tuple(warnings))


# --- yes / no ------------------------------------------------------------------------------------------

_YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "对", "有", "开", "开启"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "✘", "不", "关", "关闭"}
_PENDING = {"待确认", "待定", "未确认", "待核实", "不确定", "pending", "?", "？"}


def _yes_no(value: object, yes: set[str], no: set[str]) -> str | None:
    """'yes' / 'no' / 'pending' / '' (missing) / None (not understood)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = label_key(cell_text(value))
    if is_missing_text(text) or text in {"-", "—", "--", "/"}:
        return ""
    if text in yes:
        return "yes"
    if text in no:
        return "no"
    return "pending" if text in _PENDING else None


def billing(value: object) -> CellResult:
    answer = _yes_no(value, _YES | {"结算", "需结算", "需要结算"}, _NO | {"不结算", "免费", "无需结算"})
    if answer is None:
        return CellResult({"billing_enabled": None},
                          warnings=(msg("customers.import.billing_unknown", column=BILLING, value=cell_text(value),
                                        allowed=["是", "否", "待确认"]),))
    return CellResult({"billing_enabled": answer or None})


def disabled(value: object) -> CellResult:
    answer = _yes_no(value, _YES | {"停用", "已停用", "禁用", "已禁用"}, _NO | {"正常", "启用", "在用", "未停用"})
    if answer in ("yes", "no", ""):
        return CellResult({"disabled": {"yes": True, "no": False}.get(answer or "")})
    return CellResult({"disabled": None}, warnings=(msg("customers.import.disabled_unknown", column=DISABLED,
                                                        value=cell_text(value), allowed=["是", "否"]),))


# --- free text and numbers -------------------------------------------------------------------------------

def notes(value: object) -> CellResult:
    text, warnings = _text(value, multiline=True)
    return CellResult({"notes": None if is_missing_text(text) else text}, warnings=tuple(warnings))


MAX_RATE = Decimal(10) ** 10  # NUMERIC(14,4)
MAX_FEE = Decimal(10) ** 12  # NUMERIC(14,2)


def _fits(spec: PriceSpec) -> bool:
    rates = (spec.price, spec.base, spec.step, spec.area_rate)
    return all(r is None or r < MAX_RATE for r in rates) and (spec.annual_fee is None or spec.annual_fee < MAX_FEE)


def _price_warning(spec: PriceSpec, column: str) -> Message:
    """The message for a cell the price grammar did not take as a price (its own wording is not ours)."""
    header = PRICE_COLUMNS[column]
    if spec.kind == "same_as_single":
        return msg("customers.import.multi_price_zero", column=header)
    number = decimal_or_none(fold(spec.raw))
    if number is not None and number < 0:
        return msg("customers.import.price_negative", column=header, value=spec.raw)
    if number is not None and number == 0:
        return msg("customers.import.single_price_zero", column=header)
    return msg("customers.import.price_unknown", column=header, value=spec.raw)


def price(column: str) -> Callable[[object], CellResult]:
    raw_column = f"{column}_price_raw"
    header = PRICE_COLUMNS[column]

    def normalise(value: object) -> CellResult:
        text, warnings = _text(value)
        if is_missing_text(text) or (text in PLACEHOLDERS and fold(text) not in ("0", "0.0")):
            return CellResult({raw_column: None}, extra=None)
        try:
            spec: PriceSpec = parse_price(text, column)
        except ArithmeticError:  # e.g. 1e30: too many digits for a price
            spec = PriceSpec("none", text)
            warnings.append(msg("customers.import.price_too_large", column=header, value=text))
        else:
            if spec.is_price and not _fits(spec):
                spec = PriceSpec("none", text)
                warnings.append(msg("customers.import.price_too_large", column=header, value=text))
            elif spec.warning:
                warnings.append(_price_warning(spec, column))
        return CellResult({raw_column: _kept(text, 80, warnings)}, extra=spec, warnings=tuple(warnings))

    return normalise


def consumption_tier(value: object) -> CellResult:
    text = re.sub(r"\s+", "", fold(cell_text(value))).upper()
    if is_placeholder(text):
        return CellResult({"consumption_tier": None})
    if re.fullmatch(r"C[1-6]", text):
        return CellResult({"consumption_tier": text})
    return CellResult({"consumption_tier": None},
                      warnings=(msg("customers.import.tier_unknown", column=TIER, value=cell_text(value)),))


def avg_monthly_shoots(value: object) -> CellResult:
    text = cell_text(value)
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return CellResult({"avg_monthly_shoots": None},
                          warnings=(msg("customers.import.shoots_not_number", column=SHOOTS, value=text),))
    folded = fold(text).replace(",", "")
    if is_missing_text(folded) or folded in ("-", "—", "--", "/"):
        return CellResult({"avg_monthly_shoots": None})
    try:
        number = Decimal(folded)
    except (InvalidOperation, ValueError):
        return CellResult({"avg_monthly_shoots": None},
                          warnings=(msg("customers.import.shoots_not_number", column=SHOOTS, value=text),))
    if not number.is_finite() or number < 0 or number >= MAX_SHOOTS:
        return CellResult({"avg_monthly_shoots": None},
                          warnings=(msg("customers.import.shoots_implausible", column=SHOOTS, value=text),))
    return CellResult({"avg_monthly_shoots": money(number)})  # a count, kept to 2 places like an amount


NORMALISERS: dict[str, Callable[[object], CellResult]] = {
    "company_id": company_id,
    "name": name,
    "account_type": account_type,
    "industry": dictionary_label,
    "erp": dictionary_label,
    "onboarding": onboarding,
    "grade": grade,
    "sales_owner": owners("sales_owner_raw"),
    "ops_owner": owners("ops_owner_raw"),
    "coop_status": coop_status,
    "billing": billing,
    "disabled": disabled,
    "notes": notes,
    "settlement_mode": settlement_mode,
    "single_price": price("single"),
    "multi_price": price("multi"),
    "consumption_tier": consumption_tier,
    "avg_monthly_shoots": avg_monthly_shoots,
}
