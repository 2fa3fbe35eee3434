"""The reminder letter (催款函) as a PDF: the open bills and a statement of account (对账单).

Drawn like the bill PDF (ui/invoice_pdf.py: QPdfWriter + QPainter, A4, offscreen when run from the CLI)
from the plain `DunningLetter` the service prepares; no SQL here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from ...services.followup.dunning_letter import DunningLetter
from ..invoice_pdf import CREATOR, FONT_FAMILIES, ensure_gui_application

DPI = 300
ROW_MM = 6.5
BOTTOM_MM = 270.0
LEFT, RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
KIND_LABELS = {"bill": "账单", "credit_note": "冲正", "receipt": "收款"}
BILL_COLUMNS = [
    ("账单号", 38, LEFT),
    ("账期", 20, LEFT),
    ("开具日期", 24, LEFT),
    ("到期日", 24, LEFT),
    ("逾期天数", 18, RIGHT),
    ("金额", 28, RIGHT),
    ("未付余额", 28, RIGHT),
]
STATEMENT_COLUMNS = [
    ("日期", 24, LEFT),
    ("类别", 16, LEFT),
    ("摘要", 60, LEFT),
    ("应收", 26, RIGHT),
    ("已收/冲减", 26, RIGHT),
    ("余额", 28, RIGHT),
]


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


class _Canvas:
    """Millimetre coordinates on A4 pages, with a running y and page breaks."""

    def __init__(self, painter: QPainter, writer: QPdfWriter):
        self.painter, self.writer = painter, writer
        self.scale = DPI / 25.4
        self.width = writer.width() / self.scale
        self.y = 0.0

    def font(self, size: float, bold: bool = False) -> None:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)

    def text(self, x: float, w: float, h: float, text: str, align: Qt.AlignmentFlag = LEFT) -> None:
        s = self.scale
        rect = QRectF(x * s, self.y * s, w * s, h * s)
        shown = QFontMetricsF(self.painter.font(), self.writer).elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width()
        )
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def rule(self, width: float = 0.2) -> None:
        s = self.scale
        self.painter.setPen(QPen(QColor("black"), width * s))
        self.painter.drawLine(0, int(self.y * s), int(self.width * s), int(self.y * s))

    def need(self, height: float) -> None:
        if self.y + height > BOTTOM_MM:
            self.writer.newPage()
            self.y = 0.0

    def row(
        self, columns: list[tuple[str, int, Qt.AlignmentFlag]], cells: list[str], bold: bool = False
    ) -> None:
        self.need(ROW_MM)
        self.font(9.5, bold)
        x = 0.0
        for (_, w, align), value in zip(columns, cells, strict=True):
            self.text(x, w - 2, ROW_MM, value, align)
            x += w
        self.y += ROW_MM


def _draw(canvas: _Canvas, letter: DunningLetter) -> None:
    canvas.font(20, bold=True)
    canvas.text(0, canvas.width, 12, "催  款  函", Qt.AlignmentFlag.AlignHCenter)
    canvas.y = 16
    canvas.font(11)
    canvas.text(0, canvas.width, 7, f"致：{letter.customer_name}（公司id {letter.company_id}）")
    canvas.y += 8
    body = (
        f"截至 {letter.letter_date.isoformat()}，贵司尚有以下账单未结清，合计人民币 ¥ {_money(letter.total_open)}。"
        "请核对后尽快安排付款；如已付款或对账单有异议，请与我们联系。"
    )
    canvas.font(10.5)
    s = canvas.scale
    rect = QRectF(0, canvas.y * s, canvas.width * s, 16 * s)
    canvas.painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), body)
    canvas.y += 18
    canvas.row(BILL_COLUMNS, [c[0] for c in BILL_COLUMNS], bold=True)
    canvas.rule(0.3)
    for bill in letter.open_bills:
        canvas.row(
            BILL_COLUMNS,
            [
                bill.number,
                bill.period,
                bill.issue_date.isoformat(),
                bill.due_date.isoformat(),
                str(max(bill.days_overdue, 0)),
                _money(bill.total),
                _money(bill.balance),
            ],
        )
    canvas.rule(0.3)
    canvas.y += 1
    canvas.font(11, bold=True)
    canvas.text(0, canvas.width, 8, f"未付合计：¥ {_money(letter.total_open)}", RIGHT)
    canvas.y += 14
    canvas.need(3 * ROW_MM + 10)
    canvas.font(14, bold=True)
    canvas.text(0, canvas.width, 9, "对  账  单", Qt.AlignmentFlag.AlignHCenter)
    canvas.y += 10
    canvas.font(9.5)
    canvas.text(
        0,
        canvas.width,
        ROW_MM,
        f"期间：{letter.statement_from.isoformat()} 至 {letter.letter_date.isoformat()}"
        f"　　期初余额：¥ {_money(letter.opening_balance)}",
    )
    canvas.y += ROW_MM + 1
    canvas.row(STATEMENT_COLUMNS, [c[0] for c in STATEMENT_COLUMNS], bold=True)
    canvas.rule(0.3)
    for line in letter.statement:
        canvas.row(
            STATEMENT_COLUMNS,
            [
                line.date.isoformat(),
                KIND_LABELS.get(line.kind, line.kind),
                line.reference,
                _money(line.debit) if line.debit else "",
                _money(line.credit) if line.credit else "",
                _money(line.balance),
            ],
        )
    canvas.rule(0.3)
    canvas.y += 1
    canvas.font(11, bold=True)
    canvas.text(0, canvas.width, 8, f"期末余额：¥ {_money(letter.closing_balance)}", RIGHT)


def write_dunning_letter_pdf(letter: DunningLetter, path: str | Path) -> Path:
    """Write the letter to `path` (its folder is created) and return the path."""
    ensure_gui_application()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(target))
    writer.setCreator(CREATOR)
    writer.setTitle(f"催款函 {letter.customer_name} {letter.letter_date.isoformat()}")
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    try:
        _draw(_Canvas(painter, writer), letter)
    finally:
        painter.end()
    del writer
    return target
