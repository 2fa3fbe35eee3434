"""The main window: navigation to the screens the actor may use, a status bar, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .context import AppContext
from .kit.text import fmt
from .screens import ScreenSpec, available_screens


class MainWindow(QMainWindow):
    logout_requested = Signal()
    change_password_requested = Signal()

    def __init__(self, ctx: AppContext, screens: list[ScreenSpec] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("OP_CMS 客户与结算管理"))
        self.resize(1280, 800)
        self.nav = QListWidget()
        self.nav.setFixedWidth(168)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self.screens: dict[str, QWidget] = {}
        self._specs = [s for s in (screens if screens is not None else available_screens()) if ctx.can(s.permission)]
        for spec in self._specs:
            item = QListWidgetItem(self.tr(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_screen)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        self.stack.setContentsMargins(10, 10, 10, 4)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        if not self._specs:
            self.stack.addWidget(QLabel(self.tr("您的角色目前没有可用的界面。"), alignment=Qt.AlignmentFlag.AlignCenter))
        self._build_menu()
        self._build_status_bar()
        self._restore_layout()
        if self._specs:
            last = str(ctx.settings.value("window/screen", self._specs[0].key))
            keys = [s.key for s in self._specs]
            self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("账号"))
        change = QAction(self.tr("修改密码…"), self)
        change.triggered.connect(self.change_password_requested)
        logout = QAction(self.tr("退出登录"), self)
        logout.triggered.connect(self.logout_requested)
        menu.addAction(change)
        menu.addSeparator()
        menu.addAction(logout)

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        role_labels = {"admin": self.tr("管理员"), "ops": self.tr("运营"), "sales": self.tr("销售")}
        self.user_label = QLabel(fmt(self.tr("用户：%1（%2）"), actor.display_name, actor.username))
        self.role_label = QLabel(fmt(self.tr("角色：%1"), role_labels.get(actor.role, actor.role)))
        self.db_label = QLabel(fmt(self.tr("数据库：%1"), self.ctx.profile.describe()))
        self.busy_label = QLabel()
        bar = self.statusBar()
        for label in (self.user_label, self.role_label, self.db_label):
            bar.addPermanentWidget(label)
        bar.addWidget(self.busy_label)
        # A bound method, not a lambda: Qt disconnects it when the window is deleted (logout).
        self.ctx.runner.busy_changed.connect(self._show_busy)

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("正在处理…") if busy else "")

    def _show_screen(self, row: int) -> None:
        if row < 0 or row >= len(self._specs):
            return
        spec = self._specs[row]
        widget = self.screens.get(spec.key)
        if widget is None:
            widget = spec.factory(self.ctx)
            self.screens[spec.key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.ctx.settings.setValue("window/screen", spec.key)

    def open_screen(self, key: str) -> QWidget | None:
        keys = [s.key for s in self._specs]
        if key not in keys:
            return None
        self.nav.setCurrentRow(keys.index(key))
        return self.screens.get(key)

    def _restore_layout(self) -> None:
        geometry = self.ctx.settings.value("window/geometry")
        state = self.ctx.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def save_layout(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState())
        for widget in self.screens.values():
            save = getattr(widget, "save_state", None)
            if callable(save):
                save()
        self.ctx.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.save_layout()
        self.ctx.runner.cancel_all()
        self.ctx.runner.wait_for_done(10000)
        super().closeEvent(event)
