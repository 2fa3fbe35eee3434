"""Money: Decimal exact to the fen, rounded once, ROUND_HALF_UP (DOMAIN.md 3.3). The one rounding rule.

    money(Decimal("12.345"))   -> Decimal("12.35")
    money_text(Decimal("5"))   -> "5.00"   (JSON and exports print amounts this way)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .errors import Problem, ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# NUMERIC(14,2): the largest amount a column holds. Amounts a user enters stay well below it so that
# sums of many of them (a bill total, a period's receipts) still fit.
MAX_AMOUNT = Decimal("999999999.99")


def money(value: Any) -> Decimal:
    """A database or computed amount as a Decimal exact to the fen (None -> 0.00), half-up."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def money_text(amount: Decimal | None) -> str | None:
    """JSON form of an amount: "12.50" (None stays None)."""
    return None if amount is None else format(money(amount), "f")


def parse_amount(value: object, field: str = "amount", *, positive: bool = True,
                 maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A user-entered amount ("1,234.50", "¥12", Decimal) with at most 2 decimals; > 0 unless told."""
    text = str(value).strip().replace(",", "").replace("，", "").lstrip("¥￥")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise ValidationError("amount.invalid", [Problem("amount.not_a_number", field=field, value=str(value))])
    if abs(amount) > maximum:  # first: quantizing 1e309 would overflow the context's precision
        raise ValidationError("amount.invalid", [Problem("amount.too_large", field=field, value=text,
                                                         params={"maximum": format(maximum, ",f")})])
    if amount != amount.quantize(CENT):
        raise ValidationError("amount.invalid", [Problem("amount.too_many_decimals", field=field, value=text)])
    if positive and amount <= 0:
        raise ValidationError("amount.invalid", [Problem("amount.not_positive", field=field, value=text)])
    return amount.quantize(CENT)
