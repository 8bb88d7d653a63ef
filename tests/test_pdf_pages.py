"""Pages spooled as they are finished and the file written object by object: the same bytes as reportlab's."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from jlip_desktop.reports import pdf_fonts, pdf_pages


def _draw(c: Canvas, page: int) -> None:
    pdf_fonts.draw(c, 60, 760, f"第 {page} 页：知识产权保护水平评估 82.5%", 12)
    for i in range(40):
        c.line(60, 700 - i * 12, 500, 700 - i * 12)
        pdf_fonts.draw(c, 60, 702 - i * 12, f"测试{page:02d}{i:02d}县 {i * 2.5:.1f}", 8)


def _make(path, spooled: bool) -> bytes:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    spool = pdf_pages.Spool() if spooled else None
    for page in range(1, 6):
        _draw(c, page)
        c.showPage()
        if spool is not None:
            spool.keep(c._doc.Pages.pages[-1])
            assert c._doc.Pages.pages[-1].stream is None  # the content left memory
    if spool is not None:
        assert spool.size > 0
        pdf_pages.write(c._doc, c, str(path))
        spool.close()
    else:
        c.save()
    return path.read_bytes()


def test_spooled_pages_write_the_same_bytes_as_reportlab(tmp_path):
    pdf_fonts.register()
    ours = _make(tmp_path / "ours.pdf", spooled=True)
    theirs = _make(tmp_path / "theirs.pdf", spooled=False)
    assert ours.startswith(b"%PDF-")
    assert ours == theirs


def test_write_refuses_a_second_save(tmp_path):
    c = Canvas(str(tmp_path / "a.pdf"), pagesize=A4, invariant=1)
    c.drawString(100, 100, "x")
    c.showPage()
    pdf_pages.write(c._doc, c, str(tmp_path / "a.pdf"))
    with pytest.raises(RuntimeError):
        pdf_pages.write(c._doc, c, str(tmp_path / "b.pdf"))
