"""The screens the main window can navigate to; each area adds its entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from .context import AppContext


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # a source string of the MainWindow context (QT_TRANSLATE_NOOP), translated on screen
    permission: str  # the nav entry shows only for actors holding it (the service checks again)
    factory: Callable[[AppContext], QWidget]


def available_screens() -> list[ScreenSpec]:
    from .billing.screen import BillRunScreen
    from .customers.dictionary_screen import DictionaryScreen
    from .customers.list_screen import CustomersScreen
    from .customers.owner_mapping import OwnerMappingScreen
    from .invoices.list_screen import InvoicesScreen
    from .pricing.screen import PricingScreen
    from .receipts.screen import ReceiptsScreen
    from .reports.screen import ReportsScreen
    from .security.audit_screen import AuditScreen
    from .security.roles_screen import RolesScreen
    from .security.settings_screen import SettingsScreen
    from .usage.screen import UsageScreen
    from .users.screen import UsersScreen

    screens = [ScreenSpec("customers", QT_TRANSLATE_NOOP("MainWindow", "客户"), "customers.view", CustomersScreen),
               ScreenSpec("pricing", QT_TRANSLATE_NOOP("MainWindow", "价格方案"), "pricing.view", PricingScreen),
               ScreenSpec("usage", QT_TRANSLATE_NOOP("MainWindow", "用量"), "usage.view", UsageScreen),
               ScreenSpec("billrun", QT_TRANSLATE_NOOP("MainWindow", "月结账单"), "billing.run", BillRunScreen),
               ScreenSpec("invoices", QT_TRANSLATE_NOOP("MainWindow", "账单"), "invoices.view", InvoicesScreen),
               ScreenSpec("receipts", QT_TRANSLATE_NOOP("MainWindow", "收款核销"), "receipts.view", ReceiptsScreen),
               ScreenSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "报表"), "reports.view", ReportsScreen),
               ScreenSpec("owners", QT_TRANSLATE_NOOP("MainWindow", "负责人对照"), "customers.import",
                          OwnerMappingScreen),
               ScreenSpec("dictionaries", QT_TRANSLATE_NOOP("MainWindow", "字典"), "dictionaries.manage",
                          DictionaryScreen),
               ScreenSpec("users", QT_TRANSLATE_NOOP("MainWindow", "用户管理"), "users.manage", UsersScreen),
               ScreenSpec("roles", QT_TRANSLATE_NOOP("MainWindow", "角色权限"), "roles.manage", RolesScreen),
               ScreenSpec("audit", QT_TRANSLATE_NOOP("MainWindow", "审计日志"), "audit.view", AuditScreen),
               ScreenSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "系统设置"), "settings.manage", SettingsScreen)]
    register_customer_tabs()
    return screens


def register_customer_tabs() -> None:
    """Each area adds its customer-detail tab here (ui.kit.customer_tabs); called when a dialog opens."""
    from .kit.customer_tabs import CustomerTab, register_customer_tab  # noqa: F401
