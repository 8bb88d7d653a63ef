"""Pages that leave memory when they are finished, for PDFs of a thousand pages and more.

reportlab keeps every page's content until it writes the file, then builds
the whole file in memory before writing it.  For the province report of
2,800 regions (some 1,700 pages) that is tens of MB.  Here:

* `Spool.keep(page)`, called as each page is finished, compresses the
  page's content as reportlab would have at the end (the same bytes), writes
  it to a temporary file and leaves the page a `SpooledStream` that reads it
  back when the file is written;
* `write(doc, canvas, path)` does what reportlab's `PDFDocument.SaveToFile`
  does (GetPDFData, then format), but puts each object in the file as soon as
  it is formatted.  tests/test_pdf_pages.py pins that the bytes are the same
  as reportlab's own.
"""

from __future__ import annotations

import tempfile

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc


class _Deflated:
    """The Flate filter of content compressed already: nothing left to do when the file is written."""

    pdfname = "FlateDecode"

    def encode(self, data):
        return data


DEFLATED = _Deflated()


class SpooledStream(pdfdoc.PDFStream):
    """A page's compressed content, kept in the spool file until the PDF file is written."""

    def __init__(self, spool, offset: int, length: int, filters):
        super().__init__(filters=filters)
        self._where = spool, offset, length
        self.__Comment__ = "page stream"

    def format(self, document):
        spool, offset, length = self._where
        spool.seek(offset)
        self.content = spool.read(length)
        try:
            return super().format(document)
        finally:
            self.content = None


class Spool:
    """A temporary file holding finished pages' compressed content."""

    def __init__(self):
        self.file = tempfile.TemporaryFile(prefix="jlip-pages-")
        self.size = 0

    def keep(self, page) -> None:
        """Compress a finished page's content (as PDFPage.check_format would later) and move it to the file."""
        if not page.compression or not page.stream or page.Contents:
            return
        data = pdfdoc.PDFZCompress.encode(page.stream)
        self.file.seek(self.size)
        self.file.write(data)
        filters = [pdfdoc.PDFBase85Encode, DEFLATED] if rl_config.useA85 else [DEFLATED]
        page.Contents = SpooledStream(self.file, self.size, len(data), filters)
        page.stream = None
        self.size += len(data)

    def close(self) -> None:
        self.file.close()


class _FileOut(pdfdoc.PDFFile):
    """reportlab's output collector, writing to the file instead of collecting."""

    def __init__(self, f, pdf_version):
        super().__init__(pdf_version)  # collects the header
        for s in self.strings:
            f.write(s)
        self.strings = []
        self.write = f.write


def write(doc: pdfdoc.PDFDocument, canvas, path: str) -> None:
    """Write the document to `path` as PDFDocument.SaveToFile would, one object at a time."""
    if getattr(doc, "_digiSigs", None):  # signatures need the whole file in memory: reportlab's own way
        doc.SaveToFile(path, canvas)
        return
    if getattr(doc, "_savedToFile", False):
        raise RuntimeError("a document can only be saved once")
    doc._savedToFile = True
    # GetPDFData: everything before format()
    for fnt in doc.delayedFonts:
        fnt.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    # format()
    doc.encrypt.prepare(doc)
    cat, info = doc.Catalog, doc.info
    doc.Reference(cat)
    doc.Reference(info)
    encryptinfo = doc.encrypt.info()
    encryptref = doc.Reference(encryptinfo) if encryptinfo else None
    number_to_id, id_to_object, id_to_offset = doc.numberToId, doc.idToObject, doc.idToOffset
    with open(path, "wb") as f:
        out = _FileOut(f, doc._pdfVersion)
        counter = 0
        ids = []
        while True:  # objects may be added while others are formatted
            counter += 1
            if counter not in number_to_id:
                break
            oid = number_to_id[counter]
            obj = id_to_object[oid]
            formatted = pdfdoc.PDFIndirectObject(oid, obj).format(doc)
            if not rl_config.invariant and rl_config.pdfComments:
                try:
                    classname = obj.__class__.__name__
                except Exception:
                    classname = ascii(obj)
                out.add(f"% {ascii(oid)}: class {classname[:50]} \n")
            id_to_offset[oid] = out.add(formatted)
            ids.append(oid)
        n = len(number_to_id)
        if counter - 1 != n:
            raise ValueError(f"counter {counter} doesn't match number to id dictionary {n}")
        xref = pdfdoc.PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = out.add(xref.format(doc))
        trailer = pdfdoc.PDFTrailer(startxref=xref_offset, Size=n + 1, Root=doc.Reference(cat),
                                    Info=doc.Reference(info), Encrypt=encryptref, ID=doc.ID())
        out.add(trailer.format(doc))
