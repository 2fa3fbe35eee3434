"""Tabs other areas add to the customer detail dialog (profile, contacts, follow-ups).

The customer folder cannot import its neighbours (the feature folders are independent), so the areas
register here from `ui/screens.py` (when the main window lists its screens), and the dialog asks for
the tabs the actor may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..context import AppContext


@dataclass(frozen=True)
class CustomerTab:
    key: str
    title: str  # a source string of the CustomerTabs context (QT_TRANSLATE_NOOP), translated on screen
    permission: str
    factory: Callable[[AppContext, int], QWidget]  # (context, customer id) -> the tab's widget


_TABS: dict[str, CustomerTab] = {}


def register_customer_tab(tab: CustomerTab) -> None:
    _TABS[tab.key] = tab


def customer_tabs(ctx: AppContext) -> list[tuple[str, CustomerTab]]:
    """(translated title, tab) for each registered tab the actor may see, in registration order."""
    return [(QCoreApplication.translate("CustomerTabs", t.title), t) for t in _TABS.values()
            if ctx.can(t.permission)]
