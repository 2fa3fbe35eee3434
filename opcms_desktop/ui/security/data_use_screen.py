"""数据使用审计 (admins): who viewed, exported, printed and reported what in a period, the access log's
chain check, and the unusual-access alerts with "ask for the password again"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.audit.trail import ChainReport
from ...services.security import access_log, data_use_report, unusual_access
from ...services.security.data_use_report import DataUseReport, local_day_start
from ...services.security.unusual_access import Alert
from ..context import AppContext
from ..kit.fields import DateEdit
from ..kit.file_dialogs import ask_save_path
from ..kit.format import local_time_text
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .access_labels import access_action, access_entity

OK_STYLE = "color: #1e7d32;"
BROKEN_STYLE = "color: #b3261e; font-weight: 600;"
MUTED_STYLE = "color: #5f6368;"
ALERT_DAYS = 7


def _date(edit: DateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DataUseScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        today = today or dt.date.today()
        self.date_from = DateEdit(_qdate(today.replace(day=1)))
        self.date_to = DateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("全部用户"))
        self.user.setMaximumWidth(160)
        self.user.returnPressed.connect(self.reload)
        self.query_button = QPushButton(self.tr("查询"))
        self.query_button.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        self.verify_button = QPushButton(self.tr("校验访问记录链"))
        self.verify_button.clicked.connect(self.verify)

        self.model = RowsTableModel(
            [
                Column("user", self.tr("用户"), lambda r: r[0], width=120),
                Column("action", self.tr("操作"), lambda r: access_action(r[1]), width=110),
                Column("entity", self.tr("对象"), lambda r: access_entity(r[2]), width=130),
                Column("operations", self.tr("次数"), lambda r: f"{r[3]:,}", align_right=True, width=80),
                Column("rows", self.tr("行数"), lambda r: f"{r[4]:,}", align_right=True, width=90),
            ],
            self,
        )
        self.table = DataTableView("data-use", self)
        self.table.setModel(self.model)
        self._widths(self.table, self.model)
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setStyleSheet("font-weight: 600;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.alerts = RowsTableModel(
            [
                Column("at", self.tr("时间"), lambda a: local_time_text(a.at), width=150),
                Column("kind", self.tr("类型"), lambda a: access_entity(a.kind), width=130),
                Column("user", self.tr("用户"), lambda a: a.username, width=100),
                Column("count", self.tr("次数"), lambda a: a.count, align_right=True, width=60),
                Column("threshold", self.tr("阈值"), lambda a: a.threshold, width=100),
                Column("detail", self.tr("说明"), self._alert_detail, width=180),
            ],
            self,
        )
        self.alerts_table = DataTableView("access-alerts", self)
        self.alerts_table.setModel(self.alerts)
        self._widths(self.alerts_table, self.alerts)
        self.scan_button = QPushButton(self.tr("检查异常访问"))
        self.scan_button.clicked.connect(self.scan)
        self.reauth_button = QPushButton(self.tr("要求该用户重新输入密码"))
        self.reauth_button.clicked.connect(self.require_password)
        self.reauth_button.setEnabled(False)
        self.reauth_button.setVisible(ctx.can("users.manage"))
        self.alerts_table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.reauth_button.setEnabled(current.isValid())
        )

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("从")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("至")))
        bar.addWidget(self.date_to)
        bar.addWidget(QLabel(self.tr("用户")))
        bar.addWidget(self.user)
        bar.addWidget(self.query_button)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        bar.addWidget(self.export_button)

        alerts_box = QWidget()
        alerts_layout = QVBoxLayout(alerts_box)
        alerts_layout.setContentsMargins(0, 8, 0, 0)
        alerts_bar = QHBoxLayout()
        title = QLabel(fmt(self.tr("异常访问提醒（近 %1 天）"), ALERT_DAYS))
        title.setStyleSheet("font-weight: 600;")
        alerts_bar.addWidget(title)
        alerts_bar.addStretch(1)
        alerts_bar.addWidget(self.scan_button)
        alerts_bar.addWidget(self.reauth_button)
        alerts_layout.addLayout(alerts_bar)
        alerts_layout.addWidget(self.alerts_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(alerts_box)
        splitter.setSizes([380, 220])
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.report: DataUseReport | None = None
        ctx.runner.changed.connect(self._on_changed)
        self.reload()

    @staticmethod
    def _widths(table: DataTableView, model: RowsTableModel) -> None:
        for index, column in enumerate(model.columns):
            if column.width:
                table.horizontalHeader().resizeSection(index, column.width)

    def _on_changed(self, what: frozenset) -> None:
        if "access_log" in what:
            self.load_alerts()

    # -- the report -------------------------------------------------------------------------------
    def _filters(self) -> tuple[dt.date, dt.date, str | None]:
        return _date(self.date_from), _date(self.date_to), self.user.text().strip() or None

    def reload(self) -> None:
        date_from, date_to, user = self._filters()
        self.ctx.runner.op(data_use_report.data_use_report, date_from, date_to, user).success(
            self.show_report
        ).run()
        self.load_alerts()

    def show_report(self, report: DataUseReport) -> None:
        self.report = report
        self.model.set_rows(
            [
                (u.username, line.action, line.entity, line.operations, line.rows)
                for u in report.users
                for line in u.lines
            ]
        )
        self.summary.setText(
            fmt(self.tr("%1 位用户，%2 次操作"), len(report.users), f"{report.operations:,}")
        )

    def export(self) -> None:
        date_from, date_to, _user = self._filters()
        default = fmt(self.tr("数据使用审计-%1-%2.xlsx"), f"{date_from:%Y%m%d}", f"{date_to:%Y%m%d}")
        path = ask_save_path(self, self.tr("导出数据使用审计报告"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        date_from, date_to, user = self._filters()
        self.ctx.runner.op(data_use_report.export_data_use_report, date_from, date_to, path, user).success(
            lambda rows: self._say(fmt(self.tr("已导出 %1 行到 %2"), rows, path))
        ).run()

    def _say(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    # -- the chain --------------------------------------------------------------------------------
    def verify(self) -> None:
        self._say(self.tr("正在校验访问记录链…"))
        self.ctx.runner.op(access_log.verify_access_chain).success(self.show_chain).run()

    def show_chain(self, report: ChainReport) -> None:
        if report.ok:
            self._say(fmt(self.tr("✓ 访问记录链完好：已校验 %1 行。"), f"{report.rows:,}"), OK_STYLE)
        else:
            self._say(
                fmt(self.tr("✗ 访问记录链在 ID %1 处断开：%2。"), report.broken_id, report.reason_text),
                BROKEN_STYLE,
            )

    # -- alerts -----------------------------------------------------------------------------------
    def load_alerts(self) -> None:
        since = local_day_start(dt.date.today() - dt.timedelta(days=ALERT_DAYS))
        self.ctx.runner.op(unusual_access.unusual_access_alerts, since).success(
            self.alerts.refresh_rows
        ).run()

    def scan(self) -> None:
        self.ctx.runner.op(unusual_access.scan_unusual_access).success(
            lambda new: self._say(fmt(self.tr("检查完成：新提醒 %1 条"), len(new)))
        ).run()

    def _alert_detail(self, alert: Alert) -> str:
        if alert.login_at is not None:
            return fmt(self.tr("登录时间 %1"), local_time_text(alert.login_at))
        if alert.median is not None:
            return fmt(self.tr("平时每小时 %1 次（中位数）"), format(alert.median, "g"))
        return ""

    def selected_alert(self) -> Alert | None:
        index = self.alerts_table.selectionModel().currentIndex()
        return self.alerts.row_at(index.row()) if index.isValid() else None

    def require_password(self) -> None:
        alert = self.selected_alert()
        if alert is None or not alert.username:
            return
        reason = fmt(self.tr("异常访问提醒 #%1"), alert.id)
        self.ctx.runner.op(unusual_access.require_password_again, alert.username, reason).success(
            lambda _r: self._say(fmt(self.tr("用户 %1 下次查看或导出前需要重新输入密码"), alert.username))
        ).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
        self.alerts_table.save_layout(self.ctx.settings)
