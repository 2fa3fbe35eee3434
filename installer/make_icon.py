"""Draw installer/opcms.ico (the executables' and the installer's icon) with the standard library only.

    python installer/make_icon.py

Pillow is not a dependency of the project, so the icon is drawn here with a few shapes (a blue tile,
a white bill with three lines, a green "paid" dot), supersampled, and written as a Windows .ico with
16-256 px images: 32-bit BMP images up to 64 px, a PNG image at 256 px (what Windows Vista+ expects).
The generated file is committed; run this again only to change the design.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 256)
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parent / "opcms.ico"

Color = tuple[int, int, int]


def _in_round_rect(x: float, y: float, x0: float, y0: float, x1: float, y1: float, r: float) -> bool:
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _in_circle(x: float, y: float, cx: float, cy: float, r: float) -> bool:
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _sample(x: float, y: float) -> tuple[Color, float] | None:
    """Colour at (x, y) in the unit square, painting the layers back to front; None = transparent."""
    colour: Color | None = None
    if _in_round_rect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18):
        t = (y - 0.04) / 0.92  # vertical gradient #2F80ED -> #1B4F9C
        colour = (round(0x2F + (0x1B - 0x2F) * t), round(0x80 + (0x4F - 0x80) * t), round(0xED + (0x9C - 0xED) * t))
    if _in_round_rect(x, y, 0.24, 0.16, 0.72, 0.84, 0.05):
        colour = (0xFF, 0xFF, 0xFF)
        for y0, x1 in ((0.30, 0.62), (0.43, 0.62), (0.56, 0.50)):
            if 0.32 <= x <= x1 and y0 <= y <= y0 + 0.065:
                colour = (0x1B, 0x4F, 0x9C)
    if _in_circle(x, y, 0.70, 0.74, 0.17):
        colour = (0xFF, 0xFF, 0xFF)
    if _in_circle(x, y, 0.70, 0.74, 0.13):
        colour = (0x27, 0xAE, 0x60)
    return None if colour is None else (colour, 1.0)


def render(size: int) -> list[list[tuple[int, int, int, int]]]:
    """Rows top to bottom of (r, g, b, a), each pixel the average of SUPERSAMPLE^2 samples."""
    n = SUPERSAMPLE
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            r = g = b = a = 0.0
            for sy in range(n):
                for sx in range(n):
                    hit = _sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
                    if hit is not None:
                        (cr, cg, cb), _ = hit
                        r, g, b, a = r + cr, g + cg, b + cb, a + 1
            if a:
                row.append((round(r / a), round(g / a), round(b / a), round(255 * a / (n * n))))
            else:
                row.append((0, 0, 0, 0))
        rows.append(row)
    return rows


def bmp_image(rows: list[list[tuple[int, int, int, int]]]) -> bytes:
    """An .ico BMP image: BITMAPINFOHEADER (double height), BGRA bottom-up, then the 1-bit AND mask."""
    size = len(rows)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes((b, g, r, a)) for row in reversed(rows) for (r, g, b, a) in row)
    stride = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(stride)
        for x, (_, _, _, a) in enumerate(row):
            if a == 0:
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + pixels + bytes(mask)


def png_image(rows: list[list[tuple[int, int, int, int]]]) -> bytes:
    size = len(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def build_ico(sizes: tuple[int, ...] = SIZES) -> bytes:
    images = [(s, png_image(render(s)) if s >= 256 else bmp_image(render(s))) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for s, data in images:
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


if __name__ == "__main__":
    OUT.write_bytes(build_ico())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
