"""What a spreadsheet cell holds, read the same way by every importer: missing-value forms, text, numbers."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

MISSING = {"", "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "NAN", "NONE", "N/A"}


def to_text(value: object) -> str:
    """A cell as trimmed text; whole floats as integers (calamine reads 8 as 8.0)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def is_missing(value: object) -> bool:
    return to_text(value).upper() in MISSING


def fold(text: str) -> str:
    """Full-width to half-width (（ → (, ＊ → *, １ → 1), × → *, spaces removed."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text.replace("×", "*").replace("x", "*").replace("X", "*"))


def decimal_or_none(text: str) -> Decimal | None:
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None
