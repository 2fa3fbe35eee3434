"""Cell-level helpers shared by the customer import, export and error report.

calamine returns whole numbers as floats (814.0), error cells as '', midnight datetimes as dates;
openpyxl returns error cells as '#N/A'. All of those become the text or "missing" forms here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from ..platform.xlsx_writer import FORMULA_STARTS

MISSING_TEXT = frozenset({"", "#N/A", "#N/A N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA", "N/A", "NAN", "NULL", "NONE"})
# In name-like columns (owners, 公司名称) these also mean "nobody / no value".
PLACEHOLDERS = frozenset({"0", "-", "--", "---", "—", "——", "–", "/", "无", "空", "暂无", "0.0"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n\t]+")


def cell_text(value: object) -> str:
    """A cell as trimmed text: 814.0 -> '814', NaN -> '', dates as ISO, booleans as TRUE / FALSE."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def fold(text: str) -> str:
    """NFKC (full-width to half-width) and trimmed: the form used for comparing labels."""
    return unicodedata.normalize("NFKC", text).strip()


def label_key(text: str) -> str:
    """Comparable form of a dictionary label or code: NFKC, no spaces, case-folded."""
    return re.sub(r"\s+", "", fold(text)).casefold()


def is_missing_text(text: str) -> bool:
    return fold(text).upper() in MISSING_TEXT


def is_placeholder(text: str) -> bool:
    folded = fold(text)
    return folded.upper() in MISSING_TEXT or folded in PLACEHOLDERS


def clean_text(text: str, *, multiline: bool = False) -> tuple[str, bool]:
    """Remove control characters (the database and .xlsx writers refuse some); True if any were removed.

    Single-line values also turn line breaks and tabs into spaces.
    """
    removed = bool(_CONTROL.search(text))
    if removed:
        text = _CONTROL.sub("", text)
    if not multiline and ("\n" in text or "\r" in text or "\t" in text):
        text = _LINE_BREAKS.sub(" ", text)
    return text.strip(), removed


def truncate(text: str, limit: int) -> tuple[str, bool]:
    return (text, False) if len(text) <= limit else (text[:limit], True)


_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?")


def number_or_text(text: str) -> float | int | str:
    """A stored text written back as a real number cell when the sheet would read it back identically."""
    if not _PLAIN_NUMBER.fullmatch(text):
        return text
    number = float(text)
    if cell_text(number) != text:
        return text
    return int(number) if number.is_integer() else number


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)
