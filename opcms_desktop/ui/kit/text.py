"""Texts on screen: one formatting helper for translated templates, and a service's message in words.

    fmt(self.tr("已导入 %1 行，跳过 %2 行"), inserted, skipped)

Templates use Qt's numbered markers (%1 … %9) so that a translation may reorder them; `fmt` fills
them all in one pass, so a value that itself contains "%2" is never filled twice.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from ...services.platform.errors import OpcmsError, Problem, ValidationError
from ...services.platform.messages import render

_MARKER = re.compile(r"%([1-9])")


def fmt(template: str, *values: object) -> str:
    """`template` with %1 … %9 replaced by `values` (Decimal as written, None as empty)."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if index >= len(values):
            return match.group(0)
        value = values[index]
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format(value, "f")
        return str(value)

    return _MARKER.sub(fill, template)


def translate(context: str, text: str) -> str:
    """`text` in the current language, looked up in `context` and then in the empty context.

    pyside6-lupdate files the strings of a module-level `tr("…")` helper under no context, while the
    helper asks for its own; the second lookup finds them there.
    """
    result = QCoreApplication.translate(context, text)
    return result if result != text else QCoreApplication.translate("", text)


def problem_text(problem: Problem) -> str:
    """One problem of a ValidationError in the current language."""
    return render(problem.code, problem.params)


def error_text(error: BaseException) -> str:
    """An error's message in the current language; a ValidationError with its problems, one a line."""
    if isinstance(error, ValidationError):
        lines = [render(error.code, error.params)]
        lines += [problem_text(p) for p in error.problems]
        return "\n".join(lines)
    if isinstance(error, OpcmsError):
        return error.text()
    return str(error)
