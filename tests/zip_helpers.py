"""Building hostile zip files quickly: bombs, lying sizes, links, encrypted flags, odd names."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024


@dataclass
class RawEntry:
    name: str
    data: bytes  # as stored (raw deflate for method 8)
    crc: int
    size: int  # declared uncompressed size
    method: int = 8
    flags: int = 0x800  # UTF-8 names
    external_attr: int = 0o100644 << 16
    create_system: int = 3


def deflate_entry(name: str, payload: bytes, **kw) -> RawEntry:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return RawEntry(name, c.compress(payload) + c.flush(), zlib.crc32(payload), len(payload), **kw)


def bomb_entry(name: str, inflated: int, prefix: bytes = b"", suffix: bytes = b"", fill: bytes = b" ",
               declared: int | None = None) -> RawEntry:
    """An entry that inflates to about `inflated` bytes from about a thousandth of that, built in well under a second.

    After a full flush deflate forgets its history, so the compressed form of
    one block of `fill` can be repeated as is.  `declared` makes the headers lie
    about the size.
    """
    block = fill * MiB
    n = max(1, inflated // MiB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(n):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + n * MiB + len(suffix)
    return RawEntry(name, head + one * n + tail, crc, size if declared is None else declared)


def write_zip(path: Path, entries: list[RawEntry]) -> Path:
    """Write entries exactly as given (no recompression, headers as declared)."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, e.flags, e.method, 0, 0x21, e.crc, len(e.data),
                           e.size, len(name), 0)
        out += name + e.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (e.create_system << 8) | 20, 20, e.flags,
                               e.method, 0, 0x21, e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0,
                               e.external_attr, offset)
        central += name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def entries_of(path: Path) -> list[RawEntry]:
    """A zip's entries, re-deflated, ready to be changed and written again."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            out.append(deflate_entry(info.filename, zf.read(info)))
    return out


def replace_entry(path: Path, out: Path, name: str, entry: RawEntry) -> Path:
    """A copy of a zip with one entry swapped for `entry` (kept in place)."""
    entries = [entry if e.name == name else e for e in entries_of(path)]
    return write_zip(out, entries)


# -- the data sheet of a workbook, rewritten without openpyxl (fast enough for the fuzz test) --

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def data_sheet_entry(zf: zipfile.ZipFile, sheet: str = "jlip-data") -> str:
    """The zip entry of a sheet in an openpyxl-written workbook (sheetN.xml by its position)."""
    import re

    names = re.findall(r'<sheet name="([^"]*)"', zf.read("xl/workbook.xml").decode("utf-8"))
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def data_texts(path: Path) -> dict[str, str]:
    """The data sheet's rows as raw JSON text per key (continuation rows joined)."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read(data_sheet_entry(zf)))
    out: dict[str, str] = {}
    for row in root.iter(f"{_NS}row"):
        cells = ["".join(t.text or "" for t in c.iter(f"{_NS}t")) for c in row.iter(f"{_NS}c")]
        if len(cells) >= 2 and cells[0] != "key":
            out[cells[0]] = out.get(cells[0], "") + cells[1]
    return out


def with_data_texts(path: Path, out: Path, texts: dict[str, str]) -> Path:
    """A copy of a workbook whose data sheet holds `texts` (key -> raw text, valid JSON or not) in place of its own."""
    from xml.sax.saxutils import escape

    merged = {**data_texts(path), **texts}
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>value</t></is></c></row>']
    r = 1
    for key, text in merged.items():
        for start in range(0, max(len(text), 1), 30000):
            r += 1
            rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{escape(key)}</t></is></c>'
                        f'<c r="B{r}" t="inlineStr"><is><t xml:space="preserve">{escape(text[start:start + 30000])}'
                        '</t></is></c></row>')
    xml = (f'<worksheet xmlns="{_NS[1:-1]}"><sheetData>' + "".join(rows) + "</sheetData></worksheet>").encode("utf-8")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        target = data_sheet_entry(src)
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == target else src.read(info))
    return out
