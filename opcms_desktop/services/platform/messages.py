"""The message catalogue: every text a user can see from a service, by stable code, per language.

A message is a code plus named parameters, `Message("import.duplicate_id", {"company_id": 814, ...})`;
its wording lives in `resources/messages/<language>/<area>.toml`, one table per area:

    [import]
    duplicate_id = "公司id {company_id} 已在 Excel 第 {other_row} 行出现"

Services raise and report codes; the UI and the CLI render them in the user's language. Parameters
are formatted with `str.format` names; a Decimal prints as written ("12.50"), so pass amounts as
2-place Decimals. Adding a message: add the code to every language's file (a test checks that each
code has the same parameters in zh_CN and en) and raise it with `UserError("area.code", name=value)`.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "resources" / "messages"
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")

_language = DEFAULT_LANGUAGE


def set_language(language: str) -> str:
    """Make `language` the one messages render in (the CLI's --lang, the app's setting)."""
    global _language
    _language = normalise_language(language)
    return _language


def current_language() -> str:
    return _language


def normalise_language(language: str | None) -> str:
    """'en', 'en_US.UTF-8', 'zh-CN' -> a shipped language; anything unknown -> zh_CN."""
    if not language:
        return DEFAULT_LANGUAGE
    head = language.split(".")[0].replace("-", "_")
    if head in LANGUAGES:
        return head
    if head.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def is_code(text: str) -> bool:
    return bool(CODE.match(text))


@functools.cache
def catalogue(language: str) -> Mapping[str, str]:
    """code -> template for one language, read from its TOML files (dotted tables flattened)."""
    found: dict[str, str] = {}
    folder = CATALOGUE_DIR / language
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", found, path)
    return found


def _flatten(table: Mapping[str, Any], prefix: str, into: dict[str, str], path: Path) -> None:
    for key, value in table.items():
        code = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, f"{code}.", into, path)
        elif code in into:
            raise ValueError(f"{path.name}: message code {code} is defined twice")
        else:
            into[code] = str(value)


def template_params(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, params: Mapping[str, Any] | None = None, language: str | None = None) -> str:
    """The text of a code in `language` (default: the current one), with its parameters filled in.

    A text that is not a code (a value echoed back, a message from a library) is returned as it is.
    """
    language = normalise_language(language) if language else _language
    template = catalogue(language).get(code)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE).get(code)
    if template is None:
        return code
    return template.format_map(_Params(params or {}, language))


COLUMN_PARAMS = ("column", "header")  # parameters that name a sheet column: see [columns] in common.toml


class _Params(dict):
    """format_map values: a missing parameter shows as {name} instead of raising in an error path."""

    def __init__(self, params: Mapping[str, Any], language: str):
        super().__init__({k: _column(v, language) if k in COLUMN_PARAMS else _text(v, language)
                          for k, v in params.items()})

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _column(value: Any, language: str) -> Any:
    """A sheet header in the reader's language ('公司id' -> 'Company ID'); any other value as it is."""
    if isinstance(value, str):
        return catalogue(language).get(f"columns.{value.strip()}", value)
    return _text(value, language)


def _text(value: Any, language: str) -> Any:
    """A parameter as shown in `language`: lists joined as that language does, messages rendered in it."""
    if isinstance(value, list | tuple | set | frozenset):
        return ("、" if language == "zh_CN" else ", ").join(str(_text(v, language)) for v in value)
    if isinstance(value, Message):
        return value.text(language)
    return value


@dataclass(frozen=True)
class Message:
    """A code and its parameters: what a service says, before anyone chose the language."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        return render(self.code, self.params, language)

    def __str__(self) -> str:
        return self.text()

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "params": json_params(self.params), "message": self.text(language)}


def msg(code: str, **params: Any) -> Message:
    return Message(code, params)


def json_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON values: numbers and strings as they are, anything else as its text."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None or isinstance(value, bool | int | str):
            out[key] = value
        elif isinstance(value, list | tuple | set | frozenset):
            out[key] = [v if isinstance(v, bool | int | str) or v is None else str(v) for v in value]
        else:
            out[key] = str(value)
    return out
