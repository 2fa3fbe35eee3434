"""What a spreadsheet cell holds, read the same way by every importer: missing-value forms, text, numbers."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

MISSING = {"", "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "NAN", "NONE", "N/A"}

# NUL and the other C0/C1 control characters (PostgreSQL refuses NUL in text, openpyxl refuses controls
# in a cell it writes) and lone surrogates (not encodable as UTF-8). Tab and line feed are separate:
# a multi-line cell (two owners on two lines) is legitimate.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # any of the above, tab, CR or LF
_LINE_BREAK = re.compile("\r\n?")
_LAYOUT = re.compile("[\t\n]+")


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


def clean_text(value: object, *, multiline: bool = True) -> tuple[str, bool]:
    """A cell (or any text) as trimmed text without control characters, and whether any were removed.

        clean_text("A\x00B")                    -> ("AB", True)     the importer warns with
                                                                    cells.control_characters_removed
        clean_text("郭富乾\r\n李伟光")           -> ("郭富乾\n李伟光", False)   CR LF is a line break
        clean_text("a\tb\nc", multiline=False) -> ("a b c", False)  one line: breaks and tabs are spaces

    NUL, the other C0/C1 controls and lone surrogates are removed (reported); tab and line feed are kept
    when `multiline`, else each run of them becomes one space (not reported: nothing is lost).
    """
    text = value if type(value) is str else to_text(value)
    if not _SUSPECT.search(text):  # the common case, kept fast for 100k-row sheets
        return text.strip(), False
    text = _LINE_BREAK.sub("\n", text)
    cleaned = _CONTROL.sub("", text)
    removed = len(cleaned) != len(text)
    if not multiline:
        cleaned = _LAYOUT.sub(" ", cleaned)
    return cleaned.strip(), removed


def is_missing(value: object) -> bool:
    return to_text(value).upper() in MISSING


def fold(text: str) -> str:
    """Full-width to half-width (（ → (, ＊ → *, １ → 1), × → *, spaces removed."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text.replace("×", "*").replace("x", "*").replace("X", "*"))


def decimal_or_none(text: str) -> Decimal | None:
    """A finite Decimal, or None for anything else (NaN, Infinity, text; never an exception)."""
    if len(text) > 100:  # Decimal() of a 10,000-digit text is slow, and no cell means that
        return None
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None
