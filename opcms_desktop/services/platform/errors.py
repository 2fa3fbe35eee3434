"""Typed errors every caller (UI translator, CLI, tests) turns into one behaviour each."""

from __future__ import annotations

from dataclasses import dataclass, field


class OpcmsError(Exception):
    """Base of every error the application raises on purpose."""


class UserError(OpcmsError):
    """Something the user can fix; the message says what is wrong and how to fix it."""


class NotFound(UserError):
    pass


class PermissionDenied(OpcmsError):
    """The acting user may not do this; the message names the permission."""


class AuthenticationError(OpcmsError):
    """Login failed: wrong user name or password, disabled or locked account."""


class PasswordChangeRequired(AuthenticationError):
    """The password is right but must be changed before the user may work."""


class ConflictError(OpcmsError):
    """Someone else changed the record since it was read: reload, or overwrite on purpose."""


class Cancelled(OpcmsError):
    """The user cancelled the operation; nothing it did was kept."""


class AlreadyRunning(UserError):
    """The same exclusive operation (e.g. a bill run of one period) is already running."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field or one row of an input."""

    message: str
    field: str | None = None
    row: int | None = None
    value: str | None = None


class ValidationError(UserError):
    """Input that cannot be accepted, with per-field / per-row details."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        base = super().__str__()
        if not self.problems:
            return base
        details = "; ".join(_describe(p) for p in self.problems[:10])
        more = f" (+{len(self.problems) - 10})" if len(self.problems) > 10 else ""
        return f"{base}: {details}{more}"


def _describe(problem: Problem) -> str:
    where = []
    if problem.row is not None:
        where.append(f"row {problem.row}")
    if problem.field:
        where.append(problem.field)
    prefix = f"{', '.join(where)}: " if where else ""
    value = f" ({problem.value!r})" if problem.value is not None else ""
    return f"{prefix}{problem.message}{value}"


@dataclass
class ProblemList:
    """Collects problems while validating; raise_if_any() turns them into one ValidationError."""

    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, *, field: str | None = None, row: int | None = None, value: object = None) -> None:
        self.items.append(Problem(message, field, row, None if value is None else str(value)))

    def raise_if_any(self, message: str) -> None:
        if self.items:
            raise ValidationError(message, self.items)
