"""One bill (账单) as a PDF (QPdfWriter + QPainter), with Chinese text, identical bytes on every reprint.

The document is titled 账单, never 发票: a 发票 is the tax invoice issued through the tax system. Under
the title, the seller's details from the settings (name, 纳税人识别号, bank and account, address,
contact), each line only when filled in. Takes the plain `InvoiceDocument` from services (no SQL here). Works offscreen: when no Qt application
exists (the CLI), it creates a QGuiApplication on the offscreen platform.

Reprints are byte-identical: the document id is derived from the invoice, the XMP metadata is ours
(dates = the issue date), and the /CreationDate and /ModDate Qt stamps with the current time are
replaced by the issue date, padded with spaces to the same length so the cross-reference offsets stay
valid. (Qt writes "Z" or "+08'00'" depending on the machine's time zone, so files made on machines in
different time zones differ in that padding only.)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QApplication

from ..services.billing.document import InvoiceDocument, InvoiceDocumentLine
from ..services.security.settings import SellerDetails

FONT_FAMILIES = ["WenQuanYi Micro Hei", "Microsoft YaHei", "微软雅黑", "SimHei", "Noto Sans CJK SC",
                 "Source Han Sans SC", "PingFang SC"]
CREATOR = "OP_CMS Desktop"
DPI = 300
TITLE = "账  单"
_STATUS_STAMPS = {"draft": "草稿 · 未开具", "cancelled": "已冲正"}
_KIND_LABELS = {"usage": "用量", "package": "套餐"}
_DATE_STAMP = re.compile(rb"/(CreationDate|ModDate) \((D:[^)]*)\)")
_app: QApplication | None = None


def ensure_gui_application() -> None:
    """Fonts and painting need a Qt application; make an offscreen one when there is none (the CLI).

    It is a QApplication (a QGuiApplication that also allows widgets), so that nothing created later in
    the same process finds a widget-less application.
    """
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["opcms"])


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _quantity(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _stamp_date(document: InvoiceDocument) -> dt.date:
    if document.issue_date is not None:
        return document.issue_date
    year, month = (int(p) for p in document.period.split("-"))
    return dt.date(year, month, 1)


def _xmp(document: InvoiceDocument, doc_id: uuid.UUID) -> bytes:
    when = _stamp_date(document).isoformat() + "T00:00:00+00:00"
    title = escape(document.number or f"草稿 #{document.invoice_id}")
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
        " xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmlns:xmpMM='http://ns.adobe.com/xap/1.0/mm/'"
        f" xmp:CreatorTool='{CREATOR}' xmp:CreateDate='{when}' xmp:ModifyDate='{when}'"
        f" xmp:MetadataDate='{when}' xmpMM:DocumentID='uuid:{doc_id}'>"
        f"<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>{title}</rdf:li></rdf:Alt></dc:title>"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    ).encode()


def _fix_dates(pdf: bytes, when: dt.date) -> bytes:
    fixed = f"D:{when:%Y%m%d}000000Z".encode()

    def replace(match: re.Match[bytes]) -> bytes:
        original = match.group(2)
        if len(fixed) > len(original):
            return match.group(0)
        return b"/" + match.group(1) + b" (" + fixed + b")" + b" " * (len(original) - len(fixed))

    return _DATE_STAMP.sub(replace, pdf)


class _Page:
    """Coordinates in millimetres on an A4 page, drawn through one painter."""

    def __init__(self, painter: QPainter, writer: QPdfWriter):
        self.painter = painter
        self.writer = writer
        self.scale = DPI / 25.4
        self.width_mm = writer.width() / self.scale

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)
        return font

    def text(self, x: float, y: float, w: float, h: float, text: str,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        s = self.scale
        rect = QRectF(x * s, y * s, w * s, h * s)
        metrics = QFontMetricsF(self.painter.font(), self.writer)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.2) -> None:
        s = self.scale
        self.painter.setPen(QPen(QColor("black"), width * s))
        self.painter.drawLine(int(x1 * s), int(y1 * s), int(x2 * s), int(y2 * s))


# (header, width in mm, alignment)
_COLUMNS = [("序号", 12, Qt.AlignmentFlag.AlignLeft), ("项目", 80, Qt.AlignmentFlag.AlignLeft),
            ("系列", 14, Qt.AlignmentFlag.AlignLeft), ("数量", 22, Qt.AlignmentFlag.AlignRight),
            ("单价", 22, Qt.AlignmentFlag.AlignRight), ("金额", 30, Qt.AlignmentFlag.AlignRight)]
_ROW_MM = 7.0
_BOTTOM_MM = 270.0


def seller_lines(seller: SellerDetails) -> list[str]:
    """The seller block under the title: one line per group of filled-in details (none when empty)."""
    pairs = [[("纳税人识别号", seller.tax_id)], [("开户银行", seller.bank), ("账号", seller.account)],
             [("地址", seller.address), ("联系方式", seller.contact)]]
    lines = [f"销售方：{seller.name}"] if seller.name else []
    for group in pairs:
        shown = "　".join(f"{label}：{value}" for label, value in group if value)
        if shown:
            lines.append(shown)
    return lines


def _header(page: _Page, document: InvoiceDocument, page_no: int) -> float:
    width = page.width_mm
    page.font(20, bold=True)
    page.text(0, 0, width, 12, TITLE, Qt.AlignmentFlag.AlignHCenter)
    stamp = _STATUS_STAMPS.get(document.status)
    if stamp:
        page.font(14, bold=True)
        page.text(0, 0, width, 12, stamp, Qt.AlignmentFlag.AlignRight)
    page.font(9)
    y = 14.0
    for line in seller_lines(document.seller):
        page.text(0, y, width, 5, line)
        y += 5
    page.font(10)
    info = [("账单号", document.number or f"草稿 #{document.invoice_id}"), ("客户", document.customer_name),
            ("公司id", str(document.company_id)),
            ("账期", f"{document.period}（{_KIND_LABELS.get(document.kind, document.kind)}）"),
            ("开具日期", document.issue_date.isoformat() if document.issue_date else "—"),
            ("到期日", document.due_date.isoformat() if document.due_date else "—"),
            ("付款期限", f"{document.payment_terms_days} 天"), ("页", str(page_no))]
    y += 3
    for index, (label, value) in enumerate(info):
        x = 0 if index % 2 == 0 else width / 2
        page.text(x, y, 22, 6, f"{label}：")
        page.text(x + 22, y, width / 2 - 24, 6, value)
        if index % 2 == 1:
            y += 6.5
    y += 3
    page.font(10, bold=True)
    x = 0.0
    for title, w, align in _COLUMNS:
        page.text(x, y, w - 2, _ROW_MM, title, align)
        x += w
    page.line(0, y + _ROW_MM, width, y + _ROW_MM, 0.3)
    page.font(10)
    return y + _ROW_MM + 1


def _line_cells(line: InvoiceDocumentLine) -> list[str]:
    description = line.description + (f"（{line.formula}）" if line.formula else "")
    price = _quantity(line.unit_price) if line.unit_price is not None else ""
    return [str(line.seq), description, line.series or "", _quantity(line.quantity), price, _money(line.amount)]


def _draw(writer: QPdfWriter, document: InvoiceDocument) -> None:
    painter = QPainter(writer)
    try:
        page = _Page(painter, writer)
        page_no = 1
        y = _header(page, document, page_no)
        for line in document.lines:
            if y + _ROW_MM > _BOTTOM_MM:
                writer.newPage()
                page_no += 1
                y = _header(page, document, page_no)
            x = 0.0
            for (_, w, align), value in zip(_COLUMNS, _line_cells(line), strict=True):
                page.text(x, y, w - 2, _ROW_MM, value, align)
                x += w
            y += _ROW_MM
        if y + 3 * _ROW_MM > _BOTTOM_MM:
            writer.newPage()
            page_no += 1
            y = _header(page, document, page_no)
        page.line(0, y + 1, page.width_mm, y + 1, 0.3)
        page.font(12, bold=True)
        page.text(0, y + 2, page.width_mm, 9, f"合计（人民币）：¥ {_money(document.total)}", Qt.AlignmentFlag.AlignRight)
        y += 12
        page.font(9)
        for note in document.credit_notes:
            if y + _ROW_MM > _BOTTOM_MM:
                writer.newPage()
                page_no += 1
                y = _header(page, document, page_no)
            page.text(0, y, page.width_mm, 6, f"冲正：{note}")
            y += 6
    finally:
        painter.end()


def render_invoice_pdf(document: InvoiceDocument) -> bytes:
    """The PDF bytes of one bill; the same document always gives the same bytes."""
    ensure_gui_application()
    doc_id = uuid.uuid5(uuid.NAMESPACE_URL, f"opcms-invoice:{document.invoice_id}:{document.number or 'draft'}")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator(CREATOR)
    writer.setTitle(document.number or f"草稿 #{document.invoice_id}")
    writer.setDocumentId(QUuid(str(doc_id)))
    writer.setDocumentXmpMetadata(QByteArray(_xmp(document, doc_id)))
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    _draw(writer, document)
    del writer
    buffer.close()
    return _fix_dates(bytes(data.data()), _stamp_date(document))


def write_invoice_pdf(document: InvoiceDocument, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_invoice_pdf(document))
    return target
