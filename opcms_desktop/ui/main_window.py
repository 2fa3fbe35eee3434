"""The main window: navigation to the screens the actor may use, a status bar, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ..services.platform import preferences
from ..services.platform.messages import current_language, normalise_language
from .context import AppContext
from .help.dialogs import AboutDialog, ShortcutsDialog, UserGuideDialog
from .i18n import LANGUAGE_NAMES
from .kit.text import fmt
from .screens import ScreenSpec, available_screens

PREFERRED_SIZE = QSize(1280, 800)
FRAME_ALLOWANCE = QSize(16, 40)  # the window frame and title bar around the client area


def initial_size(available: QRect) -> QSize:
    """The first window's size: the preferred one, or the available screen less the frame when smaller."""
    return QSize(min(PREFERRED_SIZE.width(), available.width() - FRAME_ALLOWANCE.width()),
                 min(PREFERRED_SIZE.height(), available.height() - FRAME_ALLOWANCE.height()))


def clamp_to_screen(geometry: QRect, available: QRect) -> QRect:
    """`geometry` (the client area) made to fit inside `available` with its frame: smaller if need be, then moved in."""
    inner = available.adjusted(FRAME_ALLOWANCE.width() // 2, FRAME_ALLOWANCE.height() - FRAME_ALLOWANCE.width() // 2,
                               -(FRAME_ALLOWANCE.width() // 2), -(FRAME_ALLOWANCE.width() // 2))
    width, height = min(geometry.width(), inner.width()), min(geometry.height(), inner.height())
    left = min(max(geometry.left(), inner.left()), inner.right() - width + 1)
    top = min(max(geometry.top(), inner.top()), inner.bottom() - height + 1)
    return QRect(left, top, width, height)


def available_geometry() -> QRect:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    change_password_requested = Signal()

    def __init__(self, ctx: AppContext, screens: list[ScreenSpec] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("OP_CMS 客户与结算管理"))
        self.fit_to_screen(available_geometry())
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
        from .followup.reminder import attach_today_reminder

        self.today_reminder = attach_today_reminder(self, ctx)
        from .worklist.rules_screen import JobTimer  # runs the due automation rules while the app is open

        self.job_timer = JobTimer(ctx, self)
        self._restore_layout()
        if self._specs:
            last = str(ctx.settings.value("window/screen", self._specs[0].key))
            keys = [s.key for s in self._specs]
            self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def fit_to_screen(self, available: QRect) -> None:
        """The first window fits the available screen (a 1366×768 laptop shows the status bar)."""
        size = initial_size(available)
        self.resize(size)
        self.move(available.left() + (available.width() - size.width()) // 2,
                  available.top() + max(0, (available.height() - size.height() - FRAME_ALLOWANCE.height()) // 2))

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("账号(&A)"))
        change = QAction(self.tr("修改密码…"), self)
        change.triggered.connect(self.change_password_requested)
        logout = QAction(self.tr("退出登录"), self)
        logout.triggered.connect(self.logout_requested)
        menu.addAction(change)
        menu.addSeparator()
        menu.addAction(logout)

        self.language_menu = self.menuBar().addMenu(self.tr("语言(&L)"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        chosen = normalise_language(preferences.load().get("language") or current_language())
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _on=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        guide = QAction(self.tr("用户指南"), self)
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        guide.triggered.connect(self.show_user_guide)
        keys = QAction(self.tr("键盘快捷键"), self)
        keys.triggered.connect(lambda: ShortcutsDialog(self).open())
        about = QAction(self.tr("关于 OP_CMS"), self)
        about.triggered.connect(lambda: AboutDialog(self.ctx.profile.describe(), self).open())
        help_menu.addAction(guide)
        help_menu.addAction(keys)
        help_menu.addSeparator()
        help_menu.addAction(about)

    def current_screen_key(self) -> str | None:
        row = self.nav.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else None

    def show_user_guide(self) -> UserGuideDialog:
        """The guide opens at the page of the screen on show."""
        dialog = UserGuideDialog(self.current_screen_key(), [s.key for s in self._specs], self)
        dialog.open()
        return dialog

    def choose_language(self, language: str, confirm: bool = True) -> None:
        """Saved for the next sign-in (the login window follows it); this window keeps its language."""
        language = normalise_language(language)
        preferences.save(language=language)
        for code, action in self.language_actions.items():
            action.setChecked(code == language)
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("语言"),
                              fmt(self.tr("界面语言已设为 %1，重新登录后生效。"), LANGUAGE_NAMES[language]),
                              QMessageBox.StandardButton.Ok, self)
            box.open()

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        role_labels = {"admin": self.tr("管理员"), "ops": self.tr("运营"), "sales": self.tr("销售"),
                       "manager": self.tr("经理")}
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
            available = available_geometry()
            if not available.contains(self.geometry()):  # saved on a larger or another screen
                self.setGeometry(clamp_to_screen(self.geometry(), available))
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
