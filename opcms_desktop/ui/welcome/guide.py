"""The guided path after the first sign-in on a new, empty database: three steps to a working setup.

A small non-modal checklist beside the main window. Its first real step opens the customer import
wizard (the controller connects `import_requested` to the customer screen, so this folder imports no
other feature folder); the step is ticked once a customer import succeeded.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DONE, TODO = "✔", "○"


class GuidedPathDialog(QDialog):
    import_requested = Signal()
    pricing_requested = Signal()
    billing_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("开始使用"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("管理员账号已创建。接下来三步即可开始月结："))
        intro.setWordWrap(True)
        steps = (
            (
                self.tr("导入客户表"),
                self.tr("选择公司的客户 Excel 表，检查后导入（约一分钟）。"),
                self.tr("导入客户表…"),
                self.import_requested,
            ),
            (
                self.tr("核对价格方案"),
                self.tr("客户表中的单层/多层定价已生成价格方案；可在“价格方案”中补充。"),
                self.tr("打开价格方案"),
                self.pricing_requested,
            ),
            (
                self.tr("导入用量，生成账单"),
                self.tr("每月导入用量表，然后在“月结账单”中生成并开具账单。"),
                self.tr("打开月结账单"),
                self.billing_requested,
            ),
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        self.marks: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        for row, (title, text, action, signal) in enumerate(steps):
            mark = QLabel(TODO)
            mark.setStyleSheet("font-size: 14pt;")
            label = QLabel(f"<b>{title}</b><br>{text}")
            label.setWordWrap(True)
            button = QPushButton(action)
            button.clicked.connect(signal)
            grid.addWidget(mark, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.marks.append(mark)
            self.buttons.append(button)
        grid.setColumnStretch(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(close)
        self.buttons[0].setDefault(True)

    def mark_done(self, step: int) -> None:
        self.marks[step].setText(DONE)
        self.marks[step].setStyleSheet("font-size: 14pt; color: #1e8e3e;")
        if step + 1 < len(self.buttons):
            self.buttons[step + 1].setDefault(True)

    def is_done(self, step: int) -> bool:
        return self.marks[step].text() == DONE
