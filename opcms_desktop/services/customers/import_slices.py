"""A big .xlsx read by calamine a slice of rows at a time, so memory does not grow with the file.

calamine reads a whole worksheet into memory (about 50 bytes a cell, 420 MB for a 470,000-row customer
sheet). For a workbook whose worksheets are big, the import copies it once into a temporary .xlsx in
which every worksheet is cut into parts of about SLICE_BYTES of row XML (the rows' XML copied as it is, so calamine
reads every cell exactly as in the original: shared strings, styles, dates and the 1904 date system
come along unchanged), then loads one part at a time. Rows keep their Excel row numbers (`r`).

Workbooks that are small, not .xlsx, or written without row numbers are read whole, as before.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

SLICE_BYTES = 8 * 2**20  # row XML per slice: ~12,000 rows of inline strings, more with shared strings
BIG_SHEET_BYTES = 16 * 2**20  # uncompressed worksheet XML above which a workbook is sliced (~30,000 rows)
_CHUNK = 2**20
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True)
class SheetEntry:
    name: str
    visible: bool
    part: str  # the worksheet's path inside the zip


def _attrs(tag: str) -> dict[str, str]:
    return dict(_ATTR.findall(tag))


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def workbook_sheets(archive: zipfile.ZipFile) -> list[SheetEntry] | None:
    """The sheets in workbook order with their parts; None when the package is not laid out as expected."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    targets: dict[str, str] = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        a = _attrs(tag)
        if a.get("Type") == _WORKSHEET and "Id" in a and "Target" in a:
            target = a["Target"]
            targets[a["Id"]] = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    sheets = []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        a = _attrs(tag)
        rid = next((v for k, v in a.items() if k.endswith(":id")), None)
        if rid not in targets or "name" not in a:
            return None
        sheets.append(SheetEntry(_unescape(a["name"]), a.get("state", "visible") == "visible", targets[rid]))
    return sheets or None


def wants_slicing(path: str) -> bool:
    """An .xlsx whose worksheets hold more than BIG_SHEET_BYTES of XML."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        sheets = workbook_sheets(archive)
        if sheets is None:
            return False
        try:
            return any(archive.getinfo(s.part).file_size > BIG_SHEET_BYTES for s in sheets)
        except KeyError:
            return False


class _Unsliceable(Exception):
    """The worksheet XML is not laid out as the slicer expects: read the workbook whole."""


def _slice_part(source: Any, out: zipfile.ZipFile, part_name: Any) -> int:
    """Copy one worksheet part into `out` as parts of about SLICE_BYTES of row XML each, cut between rows
    (`part_name(k)` names part k); returns how many parts."""
    buffer = b""
    match = None
    while match is None:
        chunk = source.read(_CHUNK)
        if not chunk:
            raise _Unsliceable
        buffer += chunk
        match = re.search(rb"<(\w+:)?sheetData\b[^>]*?(/?)>", buffer)
    ns = match.group(1) or b""
    prefix = re.sub(rb"<(\w+:)?dimension\b[^>]*/>", b"", buffer[:match.start()]) + b"<" + ns + b"sheetData>"
    suffix = b"</" + ns + b"sheetData></" + ns + b"worksheet>"
    close_row, close_data = b"</" + ns + b"row>", b"</" + ns + b"sheetData>"
    carry = b"" if match.group(2) else buffer[match.end():]
    first = re.search(rb"<" + re.escape(ns) + rb"row\b[^>]*>", carry)
    if first is not None and b' r="' not in first.group(0):
        raise _Unsliceable  # rows without numbers: calamine counts them, a slice would restart at 1
    slices, sink, size, done = 0, None, 0, bool(match.group(2))
    while True:
        if sink is None:
            sink = out.open(part_name(slices), "w")
            sink.write(prefix)
            slices, size = slices + 1, 0
        if done:
            sink.write(suffix)
            sink.close()
            return slices
        end = carry.find(close_data)
        if end >= 0:
            sink.write(carry[:end])
            carry, done = b"", True
            continue
        cut = carry.rfind(close_row)
        if cut >= 0:
            cut += len(close_row)
            sink.write(carry[:cut])
            size += cut
            carry = carry[cut:]
            if size >= SLICE_BYTES:
                sink.write(suffix)
                sink.close()
                sink = None
                continue
        chunk = source.read(_CHUNK)
        if not chunk:
            sink.close()
            raise _Unsliceable
        carry += chunk


def write_sliced_copy(path: str, folder: str) -> tuple[str, list[SheetEntry], list[list[int]]] | None:
    """The sliced copy's path, the original sheets, and per original sheet the indexes of its slices in
    the copy; None when the workbook cannot be sliced (then read it whole)."""
    with zipfile.ZipFile(path) as archive:
        sheets = workbook_sheets(archive)
        if sheets is None:
            return None
        target = str(Path(folder) / "sliced.xlsx")
        parts = {s.part for s in sheets}
        slices: list[list[int]] = []
        entries: list[tuple[str, str]] = []  # (sheet name in the copy, part)
        try:
            with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as out:
                for number, sheet in enumerate(sheets):
                    with archive.open(sheet.part) as source:
                        count = _slice_part(source, out, lambda k, n=number: f"xl/worksheets/opcms_slice_{n}_{k}.xml")
                    slices.append(list(range(len(entries), len(entries) + count)))
                    entries.extend((f"s{number}_{k}", f"xl/worksheets/opcms_slice_{number}_{k}.xml")
                                   for k in range(count))
                for info in archive.infolist():
                    if info.filename in parts or info.filename.endswith("/"):
                        continue
                    data = archive.read(info.filename)
                    if info.filename == "xl/workbook.xml":
                        data = _workbook_xml(data.decode("utf-8"), entries).encode("utf-8")
                    elif info.filename == "xl/_rels/workbook.xml.rels":
                        data = _rels_xml(data.decode("utf-8"), entries).encode("utf-8")
                    elif info.filename == "[Content_Types].xml":
                        data = _types_xml(data.decode("utf-8"), entries).encode("utf-8")
                    out.writestr(info.filename, data)
        except (_Unsliceable, KeyError, UnicodeDecodeError):
            Path(target).unlink(missing_ok=True)
            return None
    return target, sheets, slices


def _workbook_xml(text: str, entries: list[tuple[str, str]]) -> str:
    match = re.search(r"<(\w+:)?sheets\b[^>]*>.*?</(\w+:)?sheets>", text, re.S)
    if match is None:
        raise _Unsliceable
    ns = match.group(1) or ""
    rel_prefix = re.search(r'xmlns:(\w+)="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', text)
    r = rel_prefix.group(1) if rel_prefix else "r"
    sheets = "".join(f'<{ns}sheet name={quoteattr(name)} sheetId="{n + 1}" {r}:id="rIdOpcms{n}"/>'
                     for n, (name, _) in enumerate(entries))
    text = text[:match.start()] + f"<{ns}sheets>{sheets}</{ns}sheets>" + text[match.end():]
    if rel_prefix is None:
        text = text.replace("<workbook ", f'<workbook xmlns:r="{_WORKSHEET.rsplit("/", 1)[0]}" ', 1)
    return re.sub(r"<(\w+:)?definedNames\b.*?(</(\w+:)?definedNames>|/>)", "", text, flags=re.S)


def _rels_xml(text: str, entries: list[tuple[str, str]]) -> str:
    kept = [t for t in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", text) if _attrs(t).get("Type") != _WORKSHEET]
    ours = [f'<Relationship Id="rIdOpcms{n}" Type="{_WORKSHEET}" Target="/{part}"/>'
            for n, (_, part) in enumerate(entries)]
    head = text[:text.index("<Relationships")]
    return (head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(t if t.endswith("/>") else t[:-1] + "/>" for t in kept) + "".join(ours) + "</Relationships>")


def _types_xml(text: str, entries: list[tuple[str, str]]) -> str:
    ours = "".join(f'<Override PartName="/{part}" ContentType="{_SHEET_TYPE}"/>' for _, part in entries)
    end = text.rindex("</Types>")
    return text[:end] + ours + text[end:]


class SlicedWorkbook:
    """The sliced copy open in calamine; `rows(sheet)` yields (row index, cells) over its slices."""

    def __init__(self, path: str, folder: str | None = None):
        self._folder = tempfile.TemporaryDirectory(prefix="opcms-import-", dir=folder)
        try:
            made = write_sliced_copy(path, self._folder.name)
            if made is None:
                raise ValueError("not sliceable")
            from python_calamine import CalamineWorkbook

            copy, self.sheets, self._slices = made
            self._workbook = CalamineWorkbook.from_path(copy)
        except BaseException:
            self._folder.cleanup()
            raise

    def rows(self, sheet: int, first: Any = None) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row index, cells) of the sheet's rows, slice by slice; `first`: slice 0 if already loaded."""
        for k, index in enumerate(self._slices[sheet]):
            part = first if k == 0 and first is not None else self._workbook.get_sheet_by_index(index)
            yield from sheet_rows(part)
            part = None

    def slice_count(self, sheet: int) -> int:
        return len(self._slices[sheet])

    def first_slice(self, sheet: int) -> Any:
        return self._workbook.get_sheet_by_index(self._slices[sheet][0]) if self._slices[sheet] else None

    def close(self) -> None:
        try:
            close = getattr(self._workbook, "close", None)
            if close is not None:
                close()
        finally:
            self._folder.cleanup()


def sheet_rows(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """(0-based row index, cells from column A) of a calamine sheet's data area, left-padded with ''."""
    start = sheet.start
    if start is None:
        return
    first_row, first_column = start
    pad = [""] * first_column
    rows = sheet.to_python(skip_empty_area=True)  # iter_rows() would walk from A1, over earlier slices' rows
    for offset in range(len(rows)):
        cells = rows[offset]
        rows[offset] = None  # let each row go once handed out
        yield first_row + offset, (pad + cells if first_column else cells)
