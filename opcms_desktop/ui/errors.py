"""One translator from typed errors to what the user sees.

Every error the services raise carries a message code; its words come from the catalogue in the
current language (`services.platform.messages`), never from the exception's English text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..services.platform.errors import (
    AlreadyRunning,
    AuthenticationError,
    Cancelled,
    ConflictError,
    NotFound,
    OpcmsError,
    PermissionDenied,
    Problem,
    UserError,
    ValidationError,
)
from ..services.platform.messages import render
from .failure import Failure
from .help.crash import open_crash_dialog
from .kit.text import error_text, fmt, problem_text, translate

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return translate("errors", text)


def _problem_line(problem: Problem) -> str:
    where = [fmt(tr("第 %1 行"), problem.row) if problem.row else "", problem.field or ""]
    place = " · ".join(x for x in where if x)
    value = fmt(tr("（%1）"), problem.value) if problem.value is not None else ""
    return "• " + (fmt(tr("%1："), place) if place else "") + problem_text(problem) + value


def describe(error: BaseException) -> tuple[str, str]:
    """(title, message) for an error: the title by its kind, the message from its code in the catalogue."""
    if isinstance(error, ValidationError):
        lines = [render(error.code, error.params)]
        lines += [_problem_line(p) for p in error.problems[:MAX_PROBLEMS]]
        if len(error.problems) > MAX_PROBLEMS:
            lines.append(fmt(tr("…… 另有 %1 处问题"), len(error.problems) - MAX_PROBLEMS))
        return tr("输入有误"), "\n".join(lines)
    for kind, title in _TITLES:
        if isinstance(error, kind):
            return tr(title), error_text(error)
    return tr("意外错误"), tr("发生了意外错误，操作未完成，数据未被更改。") + f"\n{type(error).__name__}: {error}"


MAX_PROBLEMS = 15
# The first matching kind gives the title (subclasses before their bases).
_TITLES: tuple[tuple[type[OpcmsError], str], ...] = (
    (PermissionDenied, QT_TRANSLATE_NOOP("errors", "没有权限")),
    (AuthenticationError, QT_TRANSLATE_NOOP("errors", "登录失败")),
    (ConflictError, QT_TRANSLATE_NOOP("errors", "数据已被他人修改")),
    (AlreadyRunning, QT_TRANSLATE_NOOP("errors", "正在运行")),
    (NotFound, QT_TRANSLATE_NOOP("errors", "未找到")),
    (UserError, QT_TRANSLATE_NOOP("errors", "无法完成")),
    (Cancelled, QT_TRANSLATE_NOOP("errors", "已取消")),
)


def is_expected(error: BaseException) -> bool:
    return isinstance(error, UserError | PermissionDenied | AuthenticationError | ConflictError | Cancelled)


def show_failure(parent: QWidget | None, failure: Failure) -> None:
    title, message = describe(failure.error)
    if QApplication.instance() is None:
        return
    if not is_expected(failure.error):
        log.error("unexpected error in an operation\n%s", failure.traceback)
        open_crash_dialog(failure.traceback, parent)  # copyable details and the log folder
        return
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(message)
    box.setIcon(QMessageBox.Icon.Warning)
    box.open()
