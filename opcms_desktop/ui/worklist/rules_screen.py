"""自动化规则: the rules (WHEN / IF / THEN), enable or disable them, run the due ones now, and the
execution log below. While the app is open, `JobTimer` runs the due rules every few minutes."""

from __future__ import annotations

import json

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...services.followup import jobs, rules
from ..context import AppContext
from ..kit.format import local_time_text
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .widgets import ACTION_LABELS, RESULT_LABELS, label, trigger_text

translate = QCoreApplication.translate
TIMER_MINUTES = 5


def rule_columns() -> list[Column]:
    return [
        Column("name", translate("worklist", "规则"), lambda r: r.name, width=170),
        Column("label", translate("worklist", "说明"), lambda r: r.label, width=170),
        Column(
            "enabled",
            translate("worklist", "状态"),
            lambda r: translate("worklist", "已启用") if r.enabled else translate("worklist", "已停用"),
            width=70,
        ),
        Column(
            "trigger",
            translate("worklist", "何时"),
            lambda r: trigger_text(r.trigger_kind, r.schedule, r.event),
            width=150,
        ),
        Column(
            "condition",
            translate("worklist", "条件"),
            lambda r: json.dumps(r.condition, ensure_ascii=False) if r.condition else "",
            width=150,
        ),
        Column(
            "actions",
            translate("worklist", "动作"),
            lambda r: translate("worklist", "、").join(
                label(ACTION_LABELS, a.get("type", "")) for a in r.actions
            ),
            width=170,
        ),
        Column(
            "last_run", translate("worklist", "上次运行"), lambda r: local_time_text(r.last_run_at), width=130
        ),
    ]


def log_columns() -> list[Column]:
    return [
        Column("at", translate("worklist", "时间"), lambda e: local_time_text(e.at), width=130),
        Column("rule", translate("worklist", "规则"), lambda e: e.rule, width=160),
        Column(
            "company_id",
            translate("worklist", "公司id"),
            lambda e: e.company_id or "",
            align_right=True,
            width=72,
        ),
        Column("customer", translate("worklist", "客户名称"), lambda e: e.customer_name or "", width=150),
        Column("action", translate("worklist", "动作"), lambda e: label(ACTION_LABELS, e.action), width=110),
        Column("result", translate("worklist", "结果"), lambda e: label(RESULT_LABELS, e.result), width=60),
        Column("detail", translate("worklist", "说明"), lambda e: e.error or e.detail, width=260),
    ]


class RulesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.toggle_button = QPushButton(self.tr("启用"))
        self.toggle_button.clicked.connect(self.toggle)
        self.toggle_button.setVisible(ctx.can("rules.manage"))
        self.run_button = QPushButton(self.tr("立即运行到期规则"))
        self.run_button.clicked.connect(self.run_due)
        self.run_button.setVisible(ctx.can("jobs.run"))
        controls = QHBoxLayout()
        hint = QLabel(
            self.tr(
                "内置规则默认停用。定时运行：opcms jobs run-due（Windows 任务计划程序或 cron），"
                "应用打开时也会每 5 分钟运行一次。"
            )
        )
        hint.setStyleSheet("color: #5f6368;")
        hint.setWordWrap(True)
        controls.addWidget(hint, 1)
        controls.addWidget(self.toggle_button)
        controls.addWidget(self.run_button)
        self.message = InlineMessage(self)
        self.model = RowsTableModel(rule_columns(), self)
        self.table = DataTableView("worklist-rules", self)
        self.table.setModel(self.model)
        self.log_model = RowsTableModel(log_columns(), self, highlight=lambda e: e.result == "failed")
        self.log = DataTableView("worklist-rule-log", self)
        self.log.setModel(self.log_model)
        for view, model in ((self.table, self.model), (self.log, self.log_model)):
            for index, column in enumerate(model.columns):
                view.horizontalHeader().resizeSection(index, column.width or 100)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(QLabel(self.tr("执行记录")))
        log_layout.addWidget(self.log, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(log_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        ctx.runner.changed.connect(self._on_changed)
        self._enable()
        self.refresh()

    def selected(self) -> rules.RuleView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        rule = self.selected()
        self.toggle_button.setEnabled(rule is not None)
        self.toggle_button.setText(self.tr("停用") if rule is not None and rule.enabled else self.tr("启用"))

    def refresh(self) -> None:
        self.ctx.runner.op(rules.list_rules).success(self._rules_arrived).failure(self._failed).run()
        self.ctx.runner.op(rules.execution_log).success(self.log_model.set_rows).failure(self._failed).run()

    def _rules_arrived(self, found: tuple[rules.RuleView, ...]) -> None:
        self.model.refresh_rows(found)
        self._enable()

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _on_changed(self, what: frozenset) -> None:
        if what & {"rules", "jobs"}:
            self.refresh()

    def toggle(self) -> None:
        rule = self.selected()
        if rule is not None:
            self.ctx.runner.op(rules.set_rule_enabled, rule.name, not rule.enabled).failure(
                self._failed
            ).run()

    def run_due(self) -> None:
        self.run_button.setEnabled(False)

        def done(run: jobs.JobRun) -> None:
            self.run_button.setEnabled(True)
            self.message.info(
                fmt(
                    self.tr("运行了 %1 条规则，执行 %2 个动作，跳过 %3 个，失败 %4 个。"),
                    run.rules_run,
                    run.actions,
                    run.skipped,
                    run.failed,
                )
            )

        def failed(failure: Failure) -> bool:
            self.run_button.setEnabled(True)
            return self._failed(failure)

        self.ctx.runner.op(jobs.run_due).success(done).failure(failed).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
        self.log.save_layout(self.ctx.settings)


class JobTimer(QObject):
    """Runs the due rules every TIMER_MINUTES while the app is open (only for users holding jobs.run);
    the runner's lock and the idempotency keys make this safe beside the Task Scheduler."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setInterval(TIMER_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.tick)
        ctx.runner.destroyed.connect(self.timer.stop)  # a closed window's timer must not outlive its runner
        if ctx.can("jobs.run"):
            self.timer.start()

    def tick(self) -> None:
        if not shiboken6.isValid(self.ctx.runner):
            self.timer.stop()
            return
        if self.ctx.runner.running == 0:  # never queue behind the user's own work
            self.ctx.runner.op(jobs.run_due).failure(lambda _failure: True).run()
