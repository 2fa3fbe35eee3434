"""One customer: its fields (edit with the version it was read at), and its history.

Saving sends only the changed fields with the expected version. When someone else saved in the
meantime the service raises ConflictError and the user chooses: reload (drop my changes) or overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services import customers
from ...services.customers.edit import AuditRow, CustomerDetail
from ...services.customers.options import CustomerFilterOptions
from ...services.customers.owner_choices import OwnerChoice, owner_choices
from ...services.platform.errors import ConflictError, ValidationError
from ...services.platform.operations import writes
from ...services.security.field_permissions import hidden_fields
from ...services.security.permissions import Actor
from ..context import AppContext
from ..errors import is_expected
from ..kit.customer_fields import FIELD_LABELS
from ..kit.customer_tabs import customer_tabs
from ..kit.format import local_time_text
from ..kit.forms import InlineMessage
from ..kit.text import error_text, fmt, problem_text
from ..operations import Failure
from .detail_form import DetailForm
from .history_model import HistoryModel
from .texts import t


@dataclass(frozen=True)
class DetailBundle:
    detail: CustomerDetail
    history: list[AuditRow]
    options: CustomerFilterOptions
    owners: list[OwnerChoice]
    hidden: frozenset[str] = frozenset()  # field keys hidden from the user's role (field_permissions)


@writes("access_log")
def load_detail(session: Session, actor: Actor, customer_id: int) -> DetailBundle:
    """Everything the dialog shows, read in one transaction (opening it is recorded: access_log)."""
    detail = customers.get_customer(session, actor, customer_id)
    history = customers.customer_history(session, actor, customer_id)
    options = customers.filter_options(session, actor)
    owners = owner_choices(session, actor, include_inactive=True) if actor.can("customers.edit") else []
    return DetailBundle(detail, history, options, owners, hidden_fields(session, actor))


# field_permissions keys -> the detail form's keys where they differ
_FORM_KEYS = {"industry": "industry_id", "erp": "erp_id", "onboarding": "onboarding_half",
              "sales_owners": "sales_owner_ids", "ops_owners": "ops_owner_ids", "coop_status": "coop_status_id",
              "single_price_raw": "prices", "multi_price_raw": "prices", "amounts": "prices"}


def hide_form_fields(form: DetailForm, hidden: frozenset[str]) -> None:
    """Fields hidden from the user's role leave the form, label and all (their values never arrive)."""
    for key in hidden:
        box = form.boxes.get(_FORM_KEYS.get(key, key))
        if box is not None:
            box.setVisible(False)
            for label in form.findChildren(QLabel):
                if label.buddy() is box.widget:
                    label.setVisible(False)


class CustomerDetailDialog(QDialog):
    saved = Signal(object)  # the CustomerDetail as saved

    RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep"

    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.editable = ctx.can("customers.edit")
        self.bundle: DetailBundle | None = None
        self.setWindowTitle(self.tr("客户详情"))
        self.title = QLabel(self.tr("正在加载…"))
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #5f6368;")
        self.form = DetailForm()
        self.form.set_read_only(True)
        self.history = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.verticalHeader().hide()
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setWordWrap(False)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.history_view.horizontalHeader()
        for column, width in enumerate((128, 80, 56, 96, 150, 150)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tabs = QTabWidget()
        scroll = QScrollArea()  # small screens, or a form grown by error lines: scroll, never clip
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(scroll, self.tr("资料"))
        self.tabs.addTab(self.history_view, self.tr("历史"))
        for title, tab in customer_tabs(ctx):
            self.tabs.addTab(tab.factory(ctx, customer_id), title)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton | None = None
        if self.editable:
            self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setEnabled(False)
            self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(860, 620)
        self.reload()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.runner.op(load_detail, self.customer_id).with_progress(self.tr("加载客户"), self) \
            .success(self._show).failure(self._load_failed).run()

    def _show(self, bundle: DetailBundle) -> None:
        self.bundle = bundle
        detail = bundle.detail
        self.title.setText(f"{detail.name}")
        changed = local_time_text(detail.updated_at) if detail.updated_at else ""
        self.subtitle.setText(fmt(self.tr("公司id %1 · 版本 %2"), detail.company_id, detail.version)
                              + (fmt(self.tr(" · 最后修改 %1"), changed) if changed else "")
                              + ("" if self.editable else self.tr(" · 只读（您没有编辑客户的权限）")))
        self.form.fill(detail, bundle.options, bundle.owners)
        hide_form_fields(self.form, bundle.hidden)
        self.form.set_read_only(not self.editable)
        dictionary = {o.value: o.label for o in (*bundle.options.industries, *bundle.options.erps,
                                                 *bundle.options.coop_status_entries)
                      if isinstance(o.value, int)}
        self.history.set_rows(bundle.history, dictionary)
        self.tabs.setTabText(1, fmt(self.tr("历史（%1）"), len(bundle.history)))
        if self.save_button is not None:
            self.save_button.setEnabled(True)

    def _load_failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    # -- saving ---------------------------------------------------------------------------------
    def save(self, overwrite: bool = False) -> None:
        if self.bundle is None or not self.editable:
            return
        changes = self.form.changes()
        if not changes:
            self.accept()
            return
        self.message.clear_message()
        self._busy(True)
        self.ctx.runner.op(customers.update_customer, self.customer_id, changes, self.bundle.detail.version,
                           overwrite=overwrite) \
            .with_progress(self.tr("保存客户"), self).success(self._saved).failure(self._save_failed).run()

    def _busy(self, busy: bool) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(not busy)

    def _saved(self, detail: CustomerDetail) -> None:
        self._busy(False)
        self.saved.emit(detail)
        self.accept()

    def _save_failed(self, failure: Failure) -> bool:
        self._busy(False)
        error = failure.error
        if isinstance(error, ValidationError):
            loose = self.form.show_problems(error.problems)
            named = [fmt(self.tr("%1：%2"), t(FIELD_LABELS.get(p.field or "", p.field or "")), problem_text(p))
                     for p in error.problems if p.field in self.form.boxes]
            self.message.error("；".join(loose + named) if loose or named else error_text(error))
            self.tabs.setCurrentIndex(0)
            return True
        if isinstance(error, ConflictError):
            choice = self.ask_conflict(error_text(error))
            if choice == self.OVERWRITE:
                self.save(overwrite=True)
            elif choice == self.RELOAD:
                self.reload()
            else:
                self.message.error(self.tr("此客户已被他人修改：保存前请选择重新加载或覆盖。"))
            return True
        self.message.error(error_text(error))
        return is_expected(error)  # anything unexpected also gets the dialog with the traceback

    def ask_conflict(self, detail: str) -> str:
        """Reload (drop my changes), overwrite (save mine over theirs) or keep editing."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("数据已被他人修改"),
                          self.tr("您打开此客户后，已有其他人保存了修改。"), parent=self)
        box.setInformativeText(self.tr("重新加载将放弃您的修改；覆盖将用您的内容替换对方的修改。"))
        box.setDetailedText(detail)
        reload = box.addButton(self.tr("重新加载（放弃我的修改）"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite = box.addButton(self.tr("覆盖保存"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return self.RELOAD if clicked is reload else self.OVERWRITE if clicked is overwrite else self.KEEP_EDITING

