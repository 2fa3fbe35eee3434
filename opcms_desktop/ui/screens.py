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
    from .insight.dashboard_screen import DashboardScreen
    from .invoices.list_screen import InvoicesScreen
    from .pricing.screen import PricingScreen
    from .receipts.screen import ReceiptsScreen
    from .reports.screen import ReportsScreen
    from .security.audit_screen import AuditScreen
    from .security.roles_screen import RolesScreen
    from .security.settings_screen import SettingsScreen
    from .usage.screen import UsageScreen
    from .users.screen import UsersScreen

    # 经营看板 first: the landing screen of managers (and of anyone on a first start; then the last screen wins)
    screens = [ScreenSpec("dashboard", QT_TRANSLATE_NOOP("MainWindow", "经营看板"), "insight.view", DashboardScreen),
               ScreenSpec("customers", QT_TRANSLATE_NOOP("MainWindow", "客户"), "customers.view", CustomersScreen),
               ScreenSpec("today", QT_TRANSLATE_NOOP("MainWindow", "今日待办"), "followups.view", _today_screen),
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
    from .customers.detail_dialog import CustomerDetailDialog
    from .profiling.screen import ProfilingScreen

    def profiling(ctx: AppContext) -> QWidget:  # a click on a customer opens its detail dialog
        return ProfilingScreen(ctx, open_customer=lambda cid, parent: CustomerDetailDialog(ctx, cid, parent))

    at = next(i for i, s in enumerate(screens) if s.key == "reports") + 1
    screens.insert(at, ScreenSpec("profiling", QT_TRANSLATE_NOOP("MainWindow", "客户画像分析"), "insight.view",
                                  profiling))
    from .segments.builder_screen import SegmentBuilderScreen
    from .segments.sandbox_screen import SandboxScreen
    from .segments.tags_screen import TagsScreen

    at = next(i for i, s in enumerate(screens) if s.key == "profiling") + 1
    screens[at:at] = [
        ScreenSpec("segments", QT_TRANSLATE_NOOP("MainWindow", "客户分群"), "insight.view", SegmentBuilderScreen),
        ScreenSpec("tags", QT_TRANSLATE_NOOP("MainWindow", "标签管理"), "tags.manage", TagsScreen),
        ScreenSpec("sandbox", QT_TRANSLATE_NOOP("MainWindow", "结算沙盒"), "pricing.view", SandboxScreen)]
    from .worklist.dunning_screen import DunningScreen
    from .worklist.rules_screen import RulesScreen as AutomationScreen
    from .worklist.tickets_screen import TicketsScreen

    at = next(i for i, s in enumerate(screens) if s.key == "receipts") + 1
    screens[at:at] = [ScreenSpec("dunning", QT_TRANSLATE_NOOP("MainWindow", "催款"), "invoices.view", DunningScreen),
                      ScreenSpec("tickets", QT_TRANSLATE_NOOP("MainWindow", "工单"), "tickets.view", TicketsScreen),
                      ScreenSpec("automation", QT_TRANSLATE_NOOP("MainWindow", "自动化规则"), "jobs.run",
                                 AutomationScreen)]
    from .security.data_use_screen import DataUseScreen
    from .security.export_approvals_screen import ExportApprovalsScreen
    from .security.field_permissions_screen import FieldPermissionsScreen

    at = next(i for i, s in enumerate(screens) if s.key == "audit") + 1
    screens[at:at] = [
        ScreenSpec("data_use", QT_TRANSLATE_NOOP("MainWindow", "数据使用审计"), "access_log.view", DataUseScreen),
        ScreenSpec("field_permissions", QT_TRANSLATE_NOOP("MainWindow", "字段权限"), "fields.manage",
                   FieldPermissionsScreen),
        ScreenSpec("export_approvals", QT_TRANSLATE_NOOP("MainWindow", "导出审批"), "customers.export",
                   ExportApprovalsScreen)]
    register_customer_tabs()
    return screens


def register_customer_tabs() -> None:
    """Each area adds its customer-detail tab here (ui.kit.customer_tabs); called when a dialog opens."""
    from .kit.customer_tabs import CustomerTab, register_customer_tab  # noqa: F401
    from .profiling.profile_tab import ProfileTab

    register_customer_tab(CustomerTab("profile", QT_TRANSLATE_NOOP("CustomerTabs", "画像"), "insight.view", ProfileTab))
    from .followup.contacts_tab import ContactsTab
    from .followup.followup_tab import FollowupTab

    register_customer_tab(CustomerTab("contacts", QT_TRANSLATE_NOOP("CustomerTabs", "联系人"), "contacts.view",
                                      ContactsTab))
    register_customer_tab(CustomerTab("followups", QT_TRANSLATE_NOOP("CustomerTabs", "跟进"), "followups.view",
                                      FollowupTab))


def _today_screen(ctx: AppContext) -> QWidget:
    from .followup.today_screen import TodayScreen

    return TodayScreen(ctx)
