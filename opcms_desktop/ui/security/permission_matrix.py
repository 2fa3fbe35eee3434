"""The permission matrix of the role editor: areas × actions check boxes, then the special permissions.

Built from `roles.permission_catalogue()` (pure data, no database). A role limited to its own customers
cannot hold administration permissions: `set_scope("own")` unticks and disables those boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...services.security.permissions import ACTIONS, AREA_LABELS, AREAS, PERMISSION_LABELS
from ...services.security.roles import PermissionInfo, permission_catalogue
from ..kit.text import fmt

SPECIAL_COLUMNS = 4
# The service's Chinese labels (AREA_LABELS, PERMISSION_LABELS, SPECIAL_LABELS), listed for lupdate: the
# matrix shows them through self.tr(label), so each needs an entry in this context.
_LABELS_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("PermissionMatrix", "客户"), QT_TRANSLATE_NOOP("PermissionMatrix", "价格方案"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "用量"), QT_TRANSLATE_NOOP("PermissionMatrix", "账单"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "收款"), QT_TRANSLATE_NOOP("PermissionMatrix", "报表"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "审计日志"), QT_TRANSLATE_NOOP("PermissionMatrix", "用户"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "设置"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "查看"), QT_TRANSLATE_NOOP("PermissionMatrix", "新建"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "编辑"), QT_TRANSLATE_NOOP("PermissionMatrix", "删除"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "导入"), QT_TRANSLATE_NOOP("PermissionMatrix", "导出"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "出账"), QT_TRANSLATE_NOOP("PermissionMatrix", "开具账单"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "冲正"), QT_TRANSLATE_NOOP("PermissionMatrix", "登记收款"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "核销"), QT_TRANSLATE_NOOP("PermissionMatrix", "取消核销"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "管理用户"), QT_TRANSLATE_NOOP("PermissionMatrix", "管理角色"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "管理设置"), QT_TRANSLATE_NOOP("PermissionMatrix", "管理字典"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "经营看板与画像"), QT_TRANSLATE_NOOP("PermissionMatrix", "管理共享分群"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "管理标签"), QT_TRANSLATE_NOOP("PermissionMatrix", "查看联系人"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "编辑联系人"), QT_TRANSLATE_NOOP("PermissionMatrix", "查看完整电话邮箱"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "查看跟进"), QT_TRANSLATE_NOOP("PermissionMatrix", "记录跟进"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "执行催款"), QT_TRANSLATE_NOOP("PermissionMatrix", "设置催款级别"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "查看工单"), QT_TRANSLATE_NOOP("PermissionMatrix", "处理工单"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "管理自动化规则"), QT_TRANSLATE_NOOP("PermissionMatrix", "运行定时任务"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "查看数据使用记录"), QT_TRANSLATE_NOOP("PermissionMatrix", "审批导出"),
    QT_TRANSLATE_NOOP("PermissionMatrix", "管理字段权限"), QT_TRANSLATE_NOOP("PermissionMatrix", "管理数据库密钥"),
)


class PermissionMatrix(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue: dict[str, PermissionInfo] = {p.name: p for p in permission_catalogue()}
        self.boxes: dict[str, QCheckBox] = {}
        self._scope = "all"
        self._editable = True
        self._locked: frozenset[str] = frozenset()  # ticked and fixed (admin keeps users/roles.manage)

        grid_box = QGroupBox(self.tr("按模块"))
        grid = QGridLayout(grid_box)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        for column, action in enumerate(ACTIONS, start=1):
            header = QLabel(self.tr(PERMISSION_LABELS.get(action, action)))
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setStyleSheet("color: #5f6368;")
            grid.addWidget(header, 0, column)
        for row, area in enumerate(AREAS, start=1):
            grid.addWidget(QLabel(self.tr(AREA_LABELS.get(area, area))), row, 0)
            for column, action in enumerate(ACTIONS, start=1):
                name = f"{area}.{action}"
                if name not in self.catalogue:
                    continue
                box = QCheckBox()
                box.setToolTip(fmt(self.tr("%1 · %2（%3）"), self.tr(AREA_LABELS.get(area, area)),
                                   self.tr(PERMISSION_LABELS.get(action, action)), name))
                grid.addWidget(box, row, column, alignment=Qt.AlignmentFlag.AlignCenter)
                self._add(name, box)
        grid.setColumnStretch(len(ACTIONS) + 1, 1)

        special_box = QGroupBox(self.tr("特殊权限"))
        special = QGridLayout(special_box)
        special.setHorizontalSpacing(18)
        specials = [p for p in self.catalogue.values() if p.area not in AREAS or p.action not in ACTIONS]
        for n, info in enumerate(specials):
            box = QCheckBox(self.tr(info.label))
            box.setToolTip(info.name)
            special.addWidget(box, n // SPECIAL_COLUMNS, n % SPECIAL_COLUMNS)
            self._add(info.name, box)
        special.setColumnStretch(SPECIAL_COLUMNS, 1)

        self.scope_hint = QLabel(self.tr("仅限自己客户的角色不能拥有管理类权限（用户、角色、设置、审计、字典）。"))
        self.scope_hint.setStyleSheet("color: #5f6368;")
        self.scope_hint.setWordWrap(True)
        self.scope_hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(grid_box)
        layout.addWidget(special_box)
        layout.addWidget(self.scope_hint)

    def _add(self, name: str, box: QCheckBox) -> None:
        box.toggled.connect(lambda _on: self.changed.emit())
        self.boxes[name] = box

    # -- state ------------------------------------------------------------------------------------
    def permissions(self) -> set[str]:
        return {name for name, box in self.boxes.items() if box.isChecked()}

    def set_permissions(self, permissions: set[str] | tuple[str, ...]) -> None:
        wanted = set(permissions)
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in wanted)
            box.blockSignals(False)
        self.changed.emit()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_enabled()

    def set_locked(self, names: frozenset[str]) -> None:
        self._locked = names
        self._update_enabled()

    def set_scope(self, scope: str) -> None:
        self._scope = scope
        if scope == "own":
            for name, box in self.boxes.items():
                if self.catalogue[name].admin_only and box.isChecked():
                    box.setChecked(False)
        self.scope_hint.setVisible(scope == "own")
        self._update_enabled()

    def _update_enabled(self) -> None:
        for name, box in self.boxes.items():
            refused = self._scope == "own" and self.catalogue[name].admin_only
            box.setEnabled(self._editable and not refused and name not in self._locked)
