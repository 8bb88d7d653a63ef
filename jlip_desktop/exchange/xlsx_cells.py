"""Cell values of chosen worksheets of an .xlsx file, read straight from its XML parts.

The import needs two sheets' values and nothing else: not the theme, the
fonts, the other sheets or their sizes.  `WorkbookCells` reads only
[Content_Types].xml, the workbook part and its relationships, the shared
strings, the number formats of xl/styles.xml (to tell dates from numbers) and
the worksheets asked for, each parsed as a stream.  A part is inflated in
bounded chunks and never past the size its zip entry declares (the caller
has checked those sizes with core/safezip first).

`WorkbookCells.rows(name)` is a list of row tuples equal, value for value and
type for type, to what openpyxl gives for the same sheet with
``load_workbook(read_only=True, data_only=True)``, ``ws.reset_dimensions()``
and ``[tuple(r) for r in ws.iter_rows(values_only=True)]``: rows missing
from the file are ``()``, a row is as wide as its last cell, gaps are None,
formulas give their cached value, shared and inline strings are the text of
their runs without phonetic runs (shared strings with ``x005F_`` removed, as
openpyxl does), numbers are int or float as openpyxl casts them, and numbers
in a date or time format are datetime, time or timedelta in the workbook's
epoch (1900 or 1904).  Parts are found the way openpyxl finds them: the
workbook and the shared strings through [Content_Types].xml, the sheets
through the workbook's relationships, the styles at xl/styles.xml.

It is stricter than openpyxl, and refuses (ValueError, KeyError or
ElementTree.ParseError) where openpyxl would read on silently:

- a part with a DOCTYPE or ENTITY declaration, or not in UTF-8;
- a relationship target outside the archive (``..`` past its root);
- rows out of order or repeated, cells out of order within a row, a cell
  whose reference names another row, anything but cells in a row (and the
  schema's optional extLst after them, which is skipped), anything
  but rows in sheetData and a row outside it (openpyxl drops or overwrites
  such rows and cells, counts any element in a row as a cell and takes a
  row from anywhere in the part);
- a cell reference, row number, style index or shared-string index that is
  not plain digits and letters in range (openpyxl accepts lowercase column
  letters, leading zeros, signs and spaces, and a negative string index);
- an unknown cell type (openpyxl passes the raw text on);
- a sheet that would make more than `MAX_CELLS` cells and empty rows, so a
  cell at XFD1048576 is refused rather than padded with a million rows, and
  more than `MAX_CELLS` shared strings.

Where it reads more than openpyxl: it parses only the parts named above,
so damage in another sheet, a sheet's own relationships, the theme or the
document properties no longer makes the file unreadable; an absolute
relationship target is normalised like a relative one.  It reads elements by
namespace, where openpyxl matches the local name in any namespace (every
application writes the main namespace); the strict-OOXML namespace is not
read, as openpyxl does not read it.  A date number outside the calendar
becomes "#VALUE!" as in openpyxl, without openpyxl's warning.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from itertools import chain, repeat
from typing import Any
from xml.etree.ElementTree import XMLPullParser, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from ..core import safezip

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
# openpyxl's order: templates and macro workbooks first (openpyxl.reader.excel._find_workbook_part)
_WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    _SPREADSHEET + "template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    _SPREADSHEET + "sheet.main+xml",
)
_SHARED_STRINGS_TYPE = _SPREADSHEET + "sharedStrings+xml"
_STYLES = "xl/styles.xml"

MAX_ROW = 1_048_576
MAX_COL = 16_384
MAX_CELLS = 1_000_000  # cells and empty rows one sheet may make (about 8 MB of references)
_CHUNK = 1 << 16

_ROW, _C, _V, _IS, _T, _R = (MAIN + t for t in ("row", "c", "v", "is", "t", "r"))
_SHEET_DATA = MAIN + "sheetData"
_EXT_LST = MAIN + "extLst"
_XML_DECL = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*(["'])([A-Za-z0-9._-]+)\1""")
_LETTERS = re.compile(r"[A-Z]{1,3}")


def xml_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, refused when it declares a DTD or entities or is not UTF-8 (OOXML parts never are)."""
    info = zf.getinfo(name)
    data = safezip.read_entry(zf, info, name, info.file_size)  # never inflates past the declared size
    if b"\x00" in data:  # UTF-16 or UTF-32 (a NUL is never in UTF-8 XML)
        raise ValueError(f"{name}: not UTF-8")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    decl = _XML_DECL.match(body)
    if decl and b"encoding" in decl.group():
        enc = _ENCODING.search(decl.group())
        if enc is None or enc.group(2).lower() != b"utf-8":
            raise ValueError(f"{name}: not UTF-8")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError(f"{name}: a DTD or entity declaration")
    return data


def _parse(data: bytes, events: tuple[str, ...] = ("end",)):
    return iterparse(io.BytesIO(data), events)


def _join(folder: str, target: str) -> str:
    """A relationship target as a name in the archive; refused if it leaves the archive."""
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    path = posixpath.normpath(path)
    if path.startswith(("/", "../")) or path in ("..", ".") or "\\" in path:
        raise ValueError(f"a part outside the archive: {target[:80]!r}")
    return path


def _text(el) -> str:
    """The text of an <si> or <is>: its <t>, then each rich-text run's <t>; phonetic runs left out.

    As openpyxl.cell.text.Text: the last <t> of each element counts, an empty
    <t/> gives nothing, whitespace is kept whatever xml:space says.
    """
    plain = None
    runs = []
    for child in el:
        tag = child.tag
        if tag == _T:
            plain = child.text
        elif tag == _R:
            t = None
            for sub in child:
                if sub.tag == _T:
                    t = sub.text
            if t is not None:
                runs.append(t)
    if plain is not None:
        runs.insert(0, plain)
    return "".join(runs)


def _cast_number(value: str) -> int | float:
    """As openpyxl.worksheet._reader._cast_number."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def _index(text: str, what: str) -> int:
    if not (text.isascii() and text.isdigit()) or (text[0] == "0" and len(text) > 1):
        raise ValueError(f"a bad {what} {text[:20]!r}")
    return int(text)


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    col = _COLUMNS.get(letters)
    if col is None:
        if not _LETTERS.fullmatch(letters):
            raise ValueError(f"a bad cell reference column {letters[:20]!r}")
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        if col > MAX_COL:
            raise ValueError(f"column {letters} is outside the sheet")
        _COLUMNS[letters] = col
    return col


class WorkbookCells:
    """The sheets of an open .xlsx archive and their cell values; see the module's docstring."""

    def __init__(self, zf: zipfile.ZipFile):
        self._zf = zf
        self._names = set(zf.namelist())
        overrides: list[tuple[str, str]] = []
        defaults: set[str] = set()
        for _, el in _parse(xml_part(zf, "[Content_Types].xml")):
            if el.tag == _CT + "Override":
                overrides.append((el.get("ContentType"), el.get("PartName")))
            elif el.tag == _CT + "Default":
                defaults.add(el.get("ContentType"))
        wb_part = next((self._part(p) for ct in _WORKBOOK_TYPES for t, p in overrides if t == ct), None)
        if wb_part is None:
            if not defaults & set(_WORKBOOK_TYPES):
                raise ValueError("no workbook part")
            wb_part = "xl/workbook.xml"
        strings = next((p for t, p in overrides if t == _SHARED_STRINGS_TYPE), None)
        self._strings_part = self._part(strings) if strings is not None else None

        sheets: list[tuple[str, str]] = []
        self.epoch = WINDOWS_EPOCH
        for _, el in _parse(xml_part(zf, wb_part)):
            if el.tag == MAIN + "sheet":
                rid = el.get(_REL_ID)
                if rid:  # openpyxl leaves out a sheet without a relationship
                    name = el.get("name")
                    if name is None:
                        raise ValueError("a sheet without a name")
                    sheets.append((name, rid))
            elif el.tag == MAIN + "workbookPr":
                flag = el.get("date1904")  # as openpyxl's Bool: anything but false, f, 0 and "" is true
                if flag and flag not in ("false", "f", "0"):
                    self.epoch = CALENDAR_MAC_1904
        rels: dict[str, tuple[str, str]] = {}
        if sheets:
            folder, base = posixpath.split(wb_part)
            for _, el in _parse(xml_part(zf, posixpath.join(folder, "_rels", base + ".rels"))):
                if el.tag == _PKG_REL:
                    target = el.get("Target")
                    if target is None:
                        raise ValueError("a relationship without a target")
                    if el.get("TargetMode") != "External":
                        target = _join(folder, target)
                    rels[el.get("Id")] = (el.get("Type") or "", target)
        self._sheets: dict[str, str] = {}
        charts: set[str] = set()
        self.sheetnames: list[str] = []
        for name, rid in sheets:
            kind, target = rels[rid]
            if target not in self._names:  # openpyxl skips a sheet whose part is missing
                continue
            self.sheetnames.append(name)
            if "chartsheet" in kind:
                charts.add(name)
            else:
                self._sheets.setdefault(name, target)
        self._charts = charts - set(self._sheets)
        self._strings: list[str] | None = None
        self._dates: tuple[set[int], set[int]] | None = None

    def _part(self, part_name: str | None) -> str:
        if not part_name or not part_name.startswith("/"):
            raise ValueError(f"a bad part name {str(part_name)[:80]!r}")
        return _join("", part_name)

    def shared_strings(self) -> list[str]:
        if self._strings is None:
            strings: list[str] = []
            if self._strings_part is not None:
                si = MAIN + "si"
                root = None
                for ev, el in _parse(xml_part(self._zf, self._strings_part), ("start", "end")):
                    if root is None:
                        root = el
                    elif ev == "end" and el.tag == si:
                        strings.append(_text(el).replace("x005F_", ""))
                        if len(strings) > MAX_CELLS:
                            raise ValueError(f"more than {MAX_CELLS} shared strings")
                        root.clear()  # the strings read so far are not kept as elements
            self._strings = strings
        return self._strings

    def date_styles(self) -> tuple[set[int], set[int]]:
        """The cell styles (cellXfs indexes) that show a number as a date, and those that show a duration."""
        if self._dates is None:
            dates: set[int] = set()
            durations: set[int] = set()
            if _STYLES in self._names:
                custom: dict[int, str] = {}
                xfs: list[int] = []
                depth = 0
                within = None  # the child of styleSheet being read
                for ev, el in _parse(xml_part(self._zf, _STYLES), ("start", "end")):
                    if ev == "start":
                        depth += 1
                        if depth == 2:
                            within = el.tag
                        continue
                    depth -= 1
                    if depth == 2 and within == MAIN + "numFmts" and el.tag == MAIN + "numFmt":
                        code = el.get("formatCode")
                        if code is None:
                            raise ValueError("a number format without a code")
                        custom[_index(el.get("numFmtId", ""), "number format id")] = code
                    elif depth == 2 and within == MAIN + "cellXfs" and el.tag == MAIN + "xf":
                        xfs.append(_index(el.get("numFmtId", "0"), "number format id"))
                for idx, fmt_id in enumerate(xfs):
                    fmt = custom[fmt_id] if fmt_id in custom else BUILTIN_FORMATS.get(fmt_id)
                    if is_date_format(fmt):
                        dates.add(idx)
                    if is_timedelta_format(fmt):
                        durations.add(idx)
            self._dates = (dates, durations)
        return self._dates

    def rows(self, name: str) -> list[tuple]:
        """The sheet's rows, as openpyxl's read-only values_only rows after reset_dimensions (see above)."""
        if name in self._charts:
            raise ValueError(f"{name!r} is a chart sheet")
        data = xml_part(self._zf, self._sheets[name])
        strings = self.shared_strings() if self._strings_part is not None else []
        dates, durations = self.date_styles()
        epoch = self.epoch
        styles: dict[str, int] = {}

        def value(c) -> Any:
            t = c.get("t")
            if t == "inlineStr":
                child = c.find(_IS)
                return None if child is None else _text(child)
            text = c.findtext(_V)
            if t is None or t == "n":
                style = c.get("s")
                if not text:
                    return None
                number = _cast_number(text)
                if style is not None and dates:
                    idx = styles.get(style)
                    if idx is None:
                        idx = styles[style] = _index(style, "style index")
                    if idx in dates:
                        try:
                            return from_excel(number, epoch, timedelta=idx in durations)
                        except (OverflowError, ValueError):
                            return "#VALUE!"
                return number
            if t not in ("s", "str", "e", "b", "d"):
                raise ValueError(f"an unknown cell type {t[:20]!r}")
            if not text:
                return None
            if t == "s":
                return strings[_index(text, "shared string index")]
            if t == "b":
                return bool(int(text))
            if t == "d":
                return from_ISO8601(text)
            return text

        out: list[tuple] = []
        state = {"budget": MAX_CELLS, "last": 0}

        def take(row_el) -> None:
            """A finished <row> into `out`, with the empty rows before it."""
            r = row_el.get("r")
            last = state["last"]
            n = last + 1 if r is None else _index(r, "row number")
            if n <= last or n > MAX_ROW:
                raise ValueError(f"row {n} out of order or outside the sheet")
            state["last"] = n
            row_name = str(n)
            cells = []
            col = 0
            for i, c in enumerate(row_el):
                if c.tag != _C:
                    if c.tag == _EXT_LST and i == len(row_el) - 1:
                        break  # the schema's one other child of a row (CT_Row: c*, extLst?): nothing to read
                    raise ValueError(f"something other than a cell in row {n}")
                ref = c.get("r")
                if ref is None:
                    col += 1
                    if col > MAX_COL:
                        raise ValueError(f"row {n} is wider than a sheet")
                else:
                    if not ref.endswith(row_name):
                        raise ValueError(f"cell {ref[:20]!r} is not in row {n}")
                    cc = _column(ref[: -len(row_name)])
                    if cc <= col:
                        raise ValueError(f"cell {ref} out of order")
                    col = cc
                cells.append((col, value(c)))
            gap = n - last - 1
            state["budget"] -= gap + max(col, 1)
            if state["budget"] < 0:
                raise ValueError(f"more than {MAX_CELLS} cells in a sheet")
            if gap:
                out.extend(repeat((), gap))
            if cells:
                row = [None] * col
                for cc, v in cells:
                    row[cc - 1] = v
                out.append(tuple(row))
            else:
                out.append(())

        # Only start events: a row is complete when the next one starts (or the part ends); taken rows are
        # removed from sheetData so a long sheet is never held whole.
        parser = XMLPullParser(events=("start",))
        root = sheet_data = pending = None
        for pos in chain(range(0, len(data), _CHUNK), (None,)):
            if pos is None:
                parser.close()  # a truncated part fails here
            else:
                parser.feed(data[pos:pos + _CHUNK])
            for _, el in parser.read_events():
                if root is None:
                    root = el
                    continue
                tag = el.tag
                if tag == _ROW:
                    if pending is not None:
                        if sheet_data is None or len(sheet_data) < 2 or sheet_data[0] is not pending:
                            raise ValueError("a row outside sheetData, or something else in it")
                        take(pending)
                        del sheet_data[0]
                    pending = el
                elif tag == _SHEET_DATA:
                    if sheet_data is not None:
                        raise ValueError("two sheetData elements")
                    sheet_data = el
        if pending is not None:
            if len(sheet_data) != 1 or sheet_data[0] is not pending:
                raise ValueError("a row outside sheetData, or something else in it")
            take(pending)
        elif sheet_data is not None and len(sheet_data):
            raise ValueError("something other than rows in sheetData")
        if sheet_data is not None and not any(child is sheet_data for child in root):
            raise ValueError("sheetData is not in the worksheet")
        return out
