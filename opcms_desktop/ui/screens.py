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
    from .billing.screen import BillRunScreen
    from .customers.list_screen import CustomersScreen
    from .invoices.list_screen import InvoicesScreen
    from .pricing.screen import PricingScreen
    from .receipts.screen import ReceiptsScreen
    from .reports.screen import ReportsScreen
    from .security.audit_screen import AuditScreen
    from .security.roles_screen import RolesScreen
    from .security.settings_screen import SettingsScreen
    from .usage.screen import UsageScreen
    from .users.screen import UsersScreen

    screens = [ScreenSpec("customers", "客户", "customers.view", CustomersScreen),
               ScreenSpec("pricing", "价格方案", "pricing.view", PricingScreen),
               ScreenSpec("usage", "用量", "usage.view", UsageScreen),
               ScreenSpec("billrun", "月结账单", "billing.run", BillRunScreen),
               ScreenSpec("invoices", "发票", "invoices.view", InvoicesScreen),
               ScreenSpec("receipts", "收款核销", "receipts.view", ReceiptsScreen),
               ScreenSpec("reports", "报表", "reports.view", ReportsScreen),
               ScreenSpec("users", "用户管理", "users.manage", UsersScreen),
               ScreenSpec("roles", "角色权限", "roles.manage", RolesScreen),
               ScreenSpec("audit", "审计日志", "audit.view", AuditScreen),
               ScreenSpec("settings", "系统设置", "settings.manage", SettingsScreen)]
    return screens
