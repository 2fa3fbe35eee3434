"""Typed errors every caller (UI translator, CLI, tests) turns into one behaviour each.

Each error carries a message code and named parameters from the catalogue (`platform.messages`):

    raise UserError("billing.period_locked", period="2026-01", holder="刘冀")

`str(error)` is the text in the current language; `error.code` and `error.params` are for scripts
and tests, which never parse prose.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .messages import Message, json_params, render


class OpcmsError(Exception):
    """Base of every error the application raises on purpose."""

    default_code = "error.unexpected"

    def __init__(self, code: str | None = None, /, **params: Any):
        self.code = code or self.default_code
        self.params: dict[str, Any] = params
        super().__init__(self.code)

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def text(self, language: str | None = None) -> str:
        return render(self.code, self.params, language)

    def __str__(self) -> str:
        return self.text()

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "params": json_params(self.params), "message": self.text(language)}


class UserError(OpcmsError):
    """Something the user can fix; the message says what is wrong and how to fix it."""

    default_code = "error.invalid_input"


class NotFound(UserError):
    default_code = "error.not_found"


class PermissionDenied(OpcmsError):
    """The acting user may not do this; the message names the permission."""

    default_code = "error.permission_denied"


class AuthenticationError(OpcmsError):
    """Login failed: wrong user name or password, disabled or locked account."""

    default_code = "auth.failed"


class PasswordChangeRequired(AuthenticationError):
    """The password is right but must be changed before the user may work."""

    default_code = "auth.password_change_required"


class ConflictError(OpcmsError):
    """Someone else changed the record since it was read: reload, or overwrite on purpose."""

    default_code = "error.conflict"


class Cancelled(OpcmsError):
    """The user cancelled the operation; nothing it did was kept."""

    default_code = "error.cancelled"


class AlreadyRunning(UserError):
    """The same exclusive operation (e.g. a bill run of one period) is already running."""

    default_code = "error.already_running"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field or one row of an input: a message code and its parameters."""

    code: str
    field: str | None = None
    row: int | None = None
    value: str | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "params": json_params(self.params), "message": render(self.code, self.params, language),
                "field": self.field, "row": self.row, "value": self.value}


class ValidationError(UserError):
    """Input that cannot be accepted, with per-field / per-row details."""

    default_code = "error.invalid_input"

    def __init__(self, code: str | None = None, problems: list[Problem] | None = None, /, **params: Any):
        super().__init__(code, **params)
        self.problems: list[Problem] = list(problems or [])

    def text(self, language: str | None = None) -> str:
        base = super().text(language)
        if not self.problems:
            return base
        details = "; ".join(_describe(p, language) for p in self.problems[:10])
        more = f" (+{len(self.problems) - 10})" if len(self.problems) > 10 else ""
        return f"{base}: {details}{more}"

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        data = super().to_json(language)
        data["problems"] = [p.to_json(language) for p in self.problems]
        return data


def _describe(problem: Problem, language: str | None) -> str:
    where = []
    if problem.row is not None:
        where.append(render("error.where_row", {"row": problem.row}, language))
    if problem.field:
        where.append(problem.field)
    prefix = f"{', '.join(where)}: " if where else ""
    value = f" ({problem.value!r})" if problem.value is not None else ""
    return f"{prefix}{render(problem.code, problem.params, language)}{value}"


@dataclass
class ProblemList:
    """Collects problems while validating; raise_if_any() turns them into one ValidationError."""

    items: list[Problem] = dataclasses.field(default_factory=list)

    def add(self, code: str, *, field: str | None = None, row: int | None = None, value: object = None,
            **params: Any) -> None:
        self.items.append(Problem(code, field, row, None if value is None else str(value), params))

    def raise_if_any(self, code: str, **params: Any) -> None:
        if self.items:
            raise ValidationError(code, self.items, **params)
