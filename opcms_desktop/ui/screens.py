"""The screens the main window can navigate to; each area adds its entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .context import AppContext


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    permission: str  # the nav entry shows only for actors holding it (the service checks again)
    factory: Callable[[AppContext], QWidget]


def available_screens() -> list[ScreenSpec]:
    from .users.screen import UsersScreen

    screens = [ScreenSpec("users", "用户管理", "users.manage", UsersScreen)]
    return screens
