"""The price plan editor: one dialog for every mode, validated live by the service's validate_plan.

As the user types, the plan is rebuilt and checked (no database: validate_plan is pure); each problem shows
next to its field (grey until the field was touched, red after) and 保存 stays disabled while any remain.
The screen runs the save through the runner and hands refusals (overlap, conflict) back to `show_error`.
A new plan that starts after the customer's open-ended plan of the same series offers "结束当前方案 … 于
<the day before>" (unticked: the user agrees by ticking it; saving without it is refused with a message
that says so). The screen passes `ends_open_plan()` to create_plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.errors import ConflictError, ValidationError
from ...services.pricing.plans import (
    MODE_LABELS,
    PlanInput,
    PlanRow,
    describe_prices,
    open_plan_to_end,
    validate_plan,
)
from ..kit.fields import DateEdit, FieldWithMessage, IntEdit, hint_label, to_date, to_qdate
from ..kit.forms import InlineMessage
from ..kit.problems import error_text, field_label
from ..kit.text import fmt, problem_text
from .plan_pages import ModePage, make_pages

SERIES_CHOICES = (("ALL", QT_TRANSLATE_NOOP("PlanEditorDialog", "全部系列")),
                  ("X", QT_TRANSLATE_NOOP("PlanEditorDialog", "X 系列")),
                  ("N", QT_TRANSLATE_NOOP("PlanEditorDialog", "N 系列")),
                  ("L", QT_TRANSLATE_NOOP("PlanEditorDialog", "L 系列")))
# the names of the services' MODE_LABELS, for self.tr(label) in this dialog and the history's mode column
MODE_NAMES = (QT_TRANSLATE_NOOP("PlanEditorDialog", "定价结算"), QT_TRANSLATE_NOOP("PlanEditorDialog", "阶梯累进"),
              QT_TRANSLATE_NOOP("PlanEditorDialog", "阶梯全量"), QT_TRANSLATE_NOOP("PlanEditorDialog", "按面积"),
              QT_TRANSLATE_NOOP("PlanEditorDialog", "包年套餐"), QT_TRANSLATE_NOOP("PlanEditorDialog", "包年限量套餐"),
              QT_TRANSLATE_NOOP("PlanHistoryModel", "定价结算"), QT_TRANSLATE_NOOP("PlanHistoryModel", "阶梯累进"),
              QT_TRANSLATE_NOOP("PlanHistoryModel", "阶梯全量"), QT_TRANSLATE_NOOP("PlanHistoryModel", "按面积"),
              QT_TRANSLATE_NOOP("PlanHistoryModel", "包年套餐"), QT_TRANSLATE_NOOP("PlanHistoryModel", "包年限量套餐"),
              QT_TRANSLATE_NOOP("PlanHistoryModel", "全部"))
COMMON_FIELDS = ("series", "mode", "effective_from", "effective_to", "payment_terms_days")


def _date_edit(value: dt.date) -> QDateEdit:
    edit = DateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PlanEditorDialog(QDialog):
    def __init__(self, customer_id: int, customer_name: str, plan: PlanRow | None = None,
                 parent: QWidget | None = None, start: dt.date | None = None,
                 existing: Sequence[PlanRow] = ()):
        super().__init__(parent)
        self.customer_id, self.plan = customer_id, plan
        self.existing = tuple(existing)  # the customer's plans (history), for "end the current plan"
        self.setWindowTitle(self.tr("编辑价格方案") if plan else self.tr("新建价格方案"))
        self.setMinimumWidth(620)
        self._touched: set[str] = set()
        self._strong = plan is not None
        self._valid: PlanInput | None = None
        self._loading = True

        title = QLabel(fmt(self.tr("%1 · #%2"), customer_name, plan.id) if plan else customer_name)
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.series = QComboBox()
        for value, label in SERIES_CHOICES:
            self.series.addItem(self.tr(label), value)
        self.mode = QComboBox()
        for value, label in MODE_LABELS.items():
            self.mode.addItem(self.tr(label), value)
        first = start or dt.date.today().replace(day=1)
        self.start = _date_edit(first)
        self.end = _date_edit(first)
        self.open_ended = QCheckBox(self.tr("长期有效"))
        self.open_ended.setChecked(True)
        self.end_current = QCheckBox()
        self.end_current.setObjectName("end_current")
        self.end_current.setVisible(False)
        self.terms = IntEdit(placeholder=self.tr("默认"))
        self.terms.setMaximumWidth(90)
        self.common: dict[str, FieldWithMessage] = {
            "series": FieldWithMessage(self.series),
            "mode": FieldWithMessage(self.mode),
            "effective_from": FieldWithMessage(self.start, suffix=hint_label(self.tr("第一天（含）"))),
            "effective_to": FieldWithMessage(self.end, suffix=self.open_ended),
            "payment_terms_days": FieldWithMessage(self.terms, suffix=hint_label(self.tr("天（留空 = 客户的默认期限）"))),
        }
        form = QFormLayout()
        for name in COMMON_FIELDS:
            form.addRow(field_label(name), self.common[name])
            if name == "effective_to":
                form.addRow("", self.end_current)

        self.pages = make_pages()
        self.stack = QStackedWidget()
        for page in dict.fromkeys(self.pages.values()):
            self.stack.addWidget(page)
            page.edited.connect(self._edited)
        prices = QGroupBox(self.tr("价格"))
        box = QVBoxLayout(prices)
        box.addWidget(self.stack)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #1e6b34;")
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(prices)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.series.currentIndexChanged.connect(lambda: self._edited("series"))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.start.dateChanged.connect(lambda: self._edited("effective_from"))
        self.end.dateChanged.connect(lambda: self._edited("effective_to"))
        self.open_ended.toggled.connect(self._open_ended_toggled)
        self.end_current.toggled.connect(lambda: self._edited("effective_from"))
        self.terms.textEdited.connect(lambda: self._edited("payment_terms_days"))
        if plan is not None:
            self._load(plan)
        self._open_ended_toggled(self.open_ended.isChecked())
        self._mode_changed()
        self._loading = False
        self._offer_end()
        self.revalidate()

    # -- reading the form ---------------------------------------------------------------------
    def page(self) -> ModePage:
        return self.pages[self.mode.currentData()]

    def _load(self, plan: PlanRow) -> None:
        self.series.setCurrentIndex(max(0, self.series.findData(plan.series)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(plan.mode)))
        self.start.setDate(to_qdate(plan.effective_from))
        self.open_ended.setChecked(plan.effective_to is None)
        if plan.effective_to is not None:
            self.end.setDate(to_qdate(plan.effective_to))
        self.terms.set_value(plan.payment_terms_days)
        self.pages[plan.mode].load(plan)

    def _mode_changed(self, *_args) -> None:
        mode = self.mode.currentData()
        page = self.pages[mode]
        if hasattr(page, "set_mode"):
            page.set_mode(mode)
        self.stack.setCurrentWidget(page)
        self._edited("mode")

    def _open_ended_toggled(self, on: bool) -> None:
        self.end.setEnabled(not on)
        self._edited("effective_to")

    def open_plan(self) -> PlanRow | None:
        """The open-ended plan this new plan would end the day before it starts (None when editing)."""
        if self.plan is not None:
            return None
        return open_plan_to_end(self.existing, self.series.currentData(), to_date(self.start.date()))

    def ends_open_plan(self) -> bool:
        """Whether the user agreed to end the current open-ended plan (create_plan's `end_open_plan`)."""
        return self.open_plan() is not None and self.end_current.isChecked()

    def _offer_end(self) -> None:
        current = self.open_plan()
        self.end_current.setVisible(current is not None)
        if current is not None:
            last_day = to_date(self.start.date()) - dt.timedelta(days=1)
            self.end_current.setText(fmt(self.tr("结束当前方案 #%1（%2 起长期有效）于 %3"), current.id,
                                         current.effective_from.isoformat(), last_day.isoformat()))

    def _edited(self, field: str) -> None:
        if field in ("series", "effective_from"):
            self._offer_end()
        if self._loading:
            return
        self._touched.add(field)
        self.message.clear_message()
        self.revalidate()

    def build(self) -> tuple[PlanInput | None, dict[str, list[str]]]:
        """The plan as typed and every problem per field (Chinese); the plan is None if text cannot be read."""
        problems: dict[str, list[str]] = {}
        prices = self.page().values(problems)
        try:
            terms = self.terms.value()
        except ValueError:
            terms = None
        plan = PlanInput(
            customer_id=self.customer_id, mode=self.mode.currentData(), series=self.series.currentData(),
            effective_from=to_date(self.start.date()),
            effective_to=None if self.open_ended.isChecked() else to_date(self.end.date()),
            payment_terms_days=terms, source="editor",
            source_raw=self.plan.source_raw if self.plan else None, **prices)
        unreadable = set(problems)
        for problem in validate_plan(plan):
            field = problem.field or ""
            if field not in unreadable:  # text that cannot be read explains that field already
                problems.setdefault(field, []).append(problem_text(problem))
        return (None if problems else plan), problems

    def revalidate(self) -> None:
        plan, problems = self.build()
        self._valid = plan
        self._show(problems)
        self.save_button.setEnabled(plan is not None)
        if plan is not None:
            mode = self.tr(MODE_LABELS.get(plan.mode, plan.mode))
            self.summary.setText(fmt(self.tr("将保存为：%1，%2"), mode, describe_prices(plan)))
        else:
            self.summary.setText("")

    def _show(self, problems: dict[str, list[str]]) -> None:
        places = {**self.common, **self.page().fields}
        groups: dict[int, tuple[FieldWithMessage, list[str]]] = {}
        for name, wrapper in places.items():
            groups.setdefault(id(wrapper), (wrapper, []))[1].append(name)
        for wrapper, names in groups.values():
            texts = list(dict.fromkeys(t for name in names for t in problems.get(name, [])))
            strong = self._strong or any(name in self._touched for name in names)
            wrapper.show_problems(texts, strong)
        other = [fmt(self.tr("%1：%2"), field_label(k) or k, t) if k else t
                 for k, texts in problems.items() if k not in places for t in texts]
        if other:
            self.message.error("；".join(other))

    def plan_input(self) -> PlanInput | None:
        """The valid plan to save, or None while problems remain."""
        return self._valid

    def touched(self) -> set[str]:
        return set(self._touched)

    # -- answers from the service ---------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and self._valid is not None)
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("保存"))

    def show_error(self, error: BaseException) -> None:
        """A refusal of the save: overlap problems next to the dates, anything else under the form."""
        self.set_busy(False)
        self._strong = True
        if isinstance(error, ValidationError) and error.problems:
            by_field: dict[str, list[str]] = {}
            for problem in error.problems:
                by_field.setdefault(problem.field or "", []).append(problem_text(problem))
            self._show(by_field)
            self.message.error(fmt(self.tr("无法保存：%1"), error_text(error)))
        elif isinstance(error, ConflictError):
            self.message.error(self.tr("此方案在您打开后已被他人修改。请关闭后刷新，再重新编辑。"))
        else:
            self.message.error(fmt(self.tr("无法保存：%1"), error_text(error)))
        self.message.setFocus(Qt.FocusReason.OtherFocusReason)
