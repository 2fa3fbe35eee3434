"""One translator from typed errors to what the user sees."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..services.platform.errors import (
    AlreadyRunning,
    AuthenticationError,
    Cancelled,
    ConflictError,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from ..services.platform.messages import render
from .failure import Failure

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def describe(error: BaseException) -> tuple[str, str]:
    """(title, message) for a typed error."""
    if isinstance(error, ValidationError):
        lines = [render(error.code, error.params)]
        for problem in error.problems[:15]:
            where = " · ".join(x for x in (f"第 {problem.row} 行" if problem.row else "", problem.field or "") if x)
            value = f"（{problem.value}）" if problem.value is not None else ""
            lines.append(f"• {where + '：' if where else ''}{problem.message}{value}")
        if len(error.problems) > 15:
            lines.append(tr("…… 另有 %n 处问题").replace("%n", str(len(error.problems) - 15)))
        return tr("输入有误"), "\n".join(lines)
    if isinstance(error, PermissionDenied):
        return tr("没有权限"), tr("您没有执行此操作的权限。") + f"\n{error}"
    if isinstance(error, AuthenticationError):
        return tr("登录失败"), str(error)
    if isinstance(error, ConflictError):
        return tr("数据已被他人修改"), tr("此记录在您打开后已被他人修改。请重新加载后再保存。") + f"\n{error}"
    if isinstance(error, AlreadyRunning):
        return tr("正在运行"), str(error)
    if isinstance(error, NotFound):
        return tr("未找到"), str(error)
    if isinstance(error, UserError):
        return tr("无法完成"), str(error)
    if isinstance(error, Cancelled):
        return tr("已取消"), tr("操作已取消，未做任何更改。")
    return tr("意外错误"), tr("发生了意外错误，操作未完成，数据未被更改。") + f"\n{type(error).__name__}: {error}"


def is_expected(error: BaseException) -> bool:
    return isinstance(error, UserError | PermissionDenied | AuthenticationError | ConflictError | Cancelled)


def show_failure(parent: QWidget | None, failure: Failure) -> None:
    title, message = describe(failure.error)
    if QApplication.instance() is None:
        return
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(message)
    if is_expected(failure.error):
        box.setIcon(QMessageBox.Icon.Warning)
    else:
        log.error("unexpected error in an operation\n%s", failure.traceback)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setDetailedText(failure.traceback)  # copyable
    box.open()
