"""The invoice PDF: Chinese text with an embedded font, byte-identical reprints, drafts marked."""

import datetime as dt
import re
import shutil
import subprocess
import time

import pytest

from opcms_desktop.services.billing import invoices
from opcms_desktop.services.billing.document import invoice_document
from opcms_desktop.ui.invoice_pdf import render_invoice_pdf, write_invoice_pdf

from ..services.invoice_builders import draft

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_invoice_pdf_shows_chinese_and_reprints_identically(qapp, session, make, ops, tmp_path):
    customer = make.customer("我爱我家（北京）房地产经纪有限公司", company_id=2201)
    inv = draft(session, customer, "2026-01", lines=(("X系列 单层拍摄 120 次", "1500.00"),
                                                     ("N系列 多层拍摄 共 10 层", "250.50")))
    invoices.issue_invoices(session, ops, invoice_ids=[inv.id], issue_date=dt.date(2026, 2, 1))
    document = invoice_document(session, ops, "INV-2026-000001")

    first = write_invoice_pdf(document, tmp_path / "first.pdf")
    time.sleep(1.1)  # Qt stamps the current second; a reprint must not differ
    second = write_invoice_pdf(document, tmp_path / "second.pdf")

    assert first.read_bytes() == second.read_bytes()
    fonts = subprocess.run(["pdffonts", str(first)], capture_output=True, text=True, check=True).stdout
    font_rows = [line.split() for line in fonts.splitlines()[2:]]
    assert font_rows and all(row[-5] == "yes" for row in font_rows), fonts  # columns ... emb sub uni object ID
    text = _text(first)
    for expected in ("我爱我家（北京）房地产经纪有限公司", "INV-2026-000001", "X系列 单层拍摄 120 次", "1,750.50",
                     "2026-03-03", "2201"):
        assert expected in text
    info = subprocess.run(["pdfinfo", str(first)], capture_output=True, text=True, check=True).stdout
    assert "INV-2026-000001" in info and "2026" in info.split("CreationDate:")[1].splitlines()[0]


def test_drafts_are_marked_and_long_invoices_take_several_pages(qapp, session, make, ops, tmp_path):
    customer = make.customer("链家", company_id=2202)
    lines = tuple((f"第 {i} 项 拍摄", "10.00") for i in range(1, 61))
    inv = draft(session, customer, "2026-02", lines=lines)
    document = invoice_document(session, ops, invoice_id=inv.id)
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_invoice_pdf(document))
    text = _text(path)
    assert "草稿" in text and "第 60 项 拍摄" in text and "600.00" in text
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert int(pages.split("Pages:")[1].split()[0]) >= 2


def test_the_pdf_is_a_bill_with_the_seller_block_and_reprints_identically(qapp, session, make, ops, admin,
                                                                          tmp_path):
    from opcms_desktop.services.security import settings

    for key, value in (("seller.name", "北京众趣科技有限公司"), ("seller.tax_id", "91110108MA01ABCD2X"),
                       ("seller.bank", "招商银行北京分行"), ("seller.account", "1109 0123 4567 890"),
                       ("seller.address", "北京市海淀区中关村大街 1 号"), ("seller.contact", "010-12345678")):
        settings.set_setting(session, admin, key, value)
    customer = make.customer("麦田房产", company_id=2203)
    inv = draft(session, customer, "2026-01", lines=(("X系列 单层拍摄 12 次", "300.00"),))
    invoices.issue_invoices(session, ops, invoice_ids=[inv.id], issue_date=dt.date(2026, 2, 1))
    invoices.record_tax_invoice(session, ops, [inv.id], "25112000000000012345", dt.date(2026, 2, 2))
    document = invoice_document(session, ops, "INV-2026-000001")
    assert document.seller.tax_id == "91110108MA01ABCD2X"

    first = write_invoice_pdf(document, tmp_path / "first.pdf")
    time.sleep(1.1)
    second = write_invoice_pdf(invoice_document(session, ops, "INV-2026-000001"), tmp_path / "second.pdf")
    assert first.read_bytes() == second.read_bytes()
    text = _text(first)
    assert re.search(r"账\s+单", text) and "账单号" in text and "发票" not in text  # a bill, never titled 发票
    for expected in ("销售方：北京众趣科技有限公司", "纳税人识别号：91110108MA01ABCD2X", "开户银行：招商银行北京分行",
                     "账号：1109 0123 4567 890", "地址：北京市海淀区中关村大街 1 号", "联系方式：010-12345678"):
        assert expected in text, expected
    assert "25112000000000012345" not in text  # the tax invoice state is not printed: reprints stay identical


def test_without_seller_details_no_seller_block_is_printed(qapp, session, make, ops, tmp_path):
    customer = make.customer("中原地产", company_id=2204)
    inv = draft(session, customer, "2026-01")
    path = write_invoice_pdf(invoice_document(session, ops, invoice_id=inv.id), tmp_path / "plain.pdf")
    text = _text(path)
    assert re.search(r"账\s+单", text) and "销售方：" not in text and "纳税人识别号" not in text
