"""Fonts for the PDFs: the shipped CJK font, with a Latin font for what it lacks.

The CJK font (Droid Sans Fallback, TrueType outlines) has no ASCII glyphs at
all: no digits, no Latin letters, no "." or "%".  So every piece of text is
cut into runs by which font has the glyph: the CJK font where it can,
otherwise the Latin font (Bitstream Vera, shipped inside reportlab; Helvetica
if that file is missing).  Both are TrueType and embedded as subsets, so the
text copies out of the PDF as it went in.

`markup()` does the cutting for Paragraph markup; `runs()` and `width()` serve
code that draws strings itself (charts, the page footer).
"""

from __future__ import annotations

from array import array
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..core.errors import BadInput
from ..core.resources import cjk_font_path

CJK = "JLIP-CJK"
LATIN = "JLIP-Latin"
LATIN_BOLD = "JLIP-Latin-Bold"



@cache
def register() -> tuple[str, str, str]:
    """Register the fonts once; returns (cjk, latin, latin_bold) font names."""
    path = cjk_font_path()
    if not Path(path).is_file():
        raise BadInput(f"the Chinese font is missing: {path} (reinstall the application)")
    cjk = TTFont(CJK, str(path))
    _slim(cjk.face)
    pdfmetrics.registerFont(cjk)
    import reportlab

    vera_dir = Path(reportlab.__file__).resolve().parent / "fonts"
    latin, bold = "Helvetica", "Helvetica-Bold"
    if (vera_dir / "Vera.ttf").is_file() and (vera_dir / "VeraBd.ttf").is_file():
        pdfmetrics.registerFont(TTFont(LATIN, str(vera_dir / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(LATIN_BOLD, str(vera_dir / "VeraBd.ttf")))
        latin, bold = LATIN, LATIN_BOLD
        # The fonts a canvas and a drawing start with (Helvetica, Times-Roman) would otherwise be
        # listed in every PDF without being embedded, though no glyph uses them.
        from reportlab import rl_config
        from reportlab.graphics import shapes
        from reportlab.platypus import tables

        rl_config.canvas_basefontname = latin
        shapes.STATE_DEFAULTS["fontName"] = latin
        tables.CellStyle.fontname = latin
    return CJK, latin, bold


class _Metrics:
    """A font's horizontal metrics, (advance, left side bearing) per glyph, kept in two arrays.

    reportlab reads the table into a list of tuples, some 3 MB for the CJK
    font's 49,000 glyphs; it only ever takes one glyph's pair (subsetting,
    as int(advance), int(bearing)).  Advances are kept as floats: reportlab
    gives the glyphs after the last full metric a scaled one."""

    __slots__ = ("advance", "bearing")

    def __init__(self, pairs):
        self.advance = array("d", (a for a, _ in pairs))
        self.bearing = array("l", (b for _, b in pairs))

    def __getitem__(self, glyph: int) -> tuple[float, int]:
        return self.advance[glyph], self.bearing[glyph]

    def __len__(self) -> int:
        return len(self.advance)


def _slim(face) -> None:
    """Keep the parsed CJK font small (about 9 MB less): what reportlab keeps of it that it never reads
    again is dropped (glyph -> characters, used only while parsing), and the per-glyph tables are arrays.
    Each step is skipped when this reportlab keeps the table in another shape."""
    if isinstance(getattr(face, "glyphToChar", None), dict):
        del face.glyphToChar
    hmetrics = getattr(face, "hmetrics", None)
    if isinstance(hmetrics, list) and all(isinstance(m, tuple) and len(m) == 2 and isinstance(m[1], int)
                                          and float(m[0]) == m[0] and -2 ** 31 <= m[1] < 2 ** 31 for m in hmetrics):
        face.hmetrics = _Metrics(hmetrics)
    pos = getattr(face, "glyphPos", None)
    if isinstance(pos, list) and all(isinstance(x, int) and 0 <= x < 2 ** 32 for x in pos):
        face.glyphPos = array("L", pos)


def _has_glyph(font_name: str):
    font = pdfmetrics.getFont(font_name)
    cmap = getattr(getattr(font, "face", None), "charToGlyph", None)
    if cmap is None:  # a standard Type 1 font: WinAnsi covers it
        def standard(ch: str) -> bool:
            try:
                ch.encode("cp1252")
            except UnicodeEncodeError:
                return False
            return True

        return standard
    return lambda ch: ord(ch) in cmap


@cache
def _pickers():
    cjk, latin, _ = register()
    return _has_glyph(cjk), _has_glyph(latin)


def font_for(ch: str, bold: bool = False) -> str:
    """The font that draws this character (CJK first, then Latin)."""
    cjk, latin, latin_bold = register()
    in_cjk, in_latin = _pickers()
    if ch in "\n\t":
        return cjk
    if in_cjk(ch) and not (ch == " "):
        return cjk
    if in_latin(ch) or ch == " ":
        return latin_bold if bold else latin
    return cjk  # neither has it: the CJK font's missing-glyph box


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Cut text into (font name, piece) runs."""
    out: list[tuple[str, str]] = []
    for ch in text:
        f = font_for(ch, bold)
        if out and out[-1][0] == f:
            out[-1] = (f, out[-1][1] + ch)
        else:
            out.append((f, ch))
    return out


def width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, bold))


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for plain user or catalogue text: escaped, fonts switched, line breaks kept."""
    cjk = register()[0]
    parts = []
    for line_no, line in enumerate(str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if line_no:
            parts.append("<br/>")
        for f, piece in runs(line, bold):
            piece = escape(piece)
            parts.append(piece if f == cjk else f'<font name="{f}">{piece}</font>')
    return "".join(parts)


def draw(canvas, x: float, y: float, text: str, size: float, anchor: str = "start", bold: bool = False) -> None:
    """Draw one line of mixed text on a canvas; anchor start | middle | end."""
    w = width(text, size, bold)
    if anchor == "middle":
        x -= w / 2
    elif anchor == "end":
        x -= w
    for f, piece in runs(text, bold):
        canvas.setFont(f, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, f, size)
