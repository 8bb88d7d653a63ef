"""exchange/xlsx_cells gives exactly the rows openpyxl gives, and refuses hostile parts.

Differential: for our exports, templates and province workbooks, and for small
hand-written workbooks covering each cell type and layout, every sheet's rows
equal openpyxl's read-only values_only rows (after reset_dimensions) in value
and type.  LibreOffice-saved copies are compared in test_xlsx_libreoffice.py.
Hostile parts go through the public import and are refused as not a workbook,
the database unchanged.
"""

from __future__ import annotations

import datetime
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from xlsx_helpers import assert_same_rows, cell_rows, db_dump, fill_template, varied_answers

from jlip_desktop.core.catalog import get_catalog
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import importer, xlsx, xlsx_cells
from jlip_desktop.exchange.xlsx_common import DATA_SHEET, POINTS_SHEET
from jlip_desktop.exchange.xlsx_import import Refused, parse_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
STRINGS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def xlsx_of(sheets: dict[str, str | None], *, strings: str | None = None, styles: str | None = None,
            date1904: bool = False, targets: dict[str, str] | None = None) -> bytes:
    """A minimal workbook: each sheet's <sheetData> content (None: no sheetData), optional <sst> and <styleSheet>
    content, and relationship targets other than worksheets/sheetN.xml."""
    buf = io.BytesIO()
    parts = {}
    sheet_elems, rels, overrides = [], [], [f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_CT}"/>']
    for i, (name, data) in enumerate(sheets.items(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
            + ("" if data is None else f"<sheetData>{data}</sheetData>") + "</worksheet>")
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_CT}"/>')
        sheet_elems.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
        target = (targets or {}).get(name, f"worksheets/sheet{i}.xml")
        rels.append(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="{target}"/>')
    if strings is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_CT}"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
        rels.append(f'<Relationship Id="rIdY" Type="{RELS}/styles" Target="styles.xml"/>')
    parts["[Content_Types].xml"] = (
        f'<Types xmlns="{PKG}content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + "".join(overrides) + "</Types>")
    parts["_rels/.rels"] = (f'<Relationships xmlns="{PKG}relationships"><Relationship Id="r1" '
                            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">' + ('<workbookPr date1904="1"/>' if date1904 else "")
        + "<sheets>" + "".join(sheet_elems) + "</sheets></workbook>")
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}relationships">{"".join(rels)}</Relationships>'
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# -- our own workbooks ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def own_workbooks(tmp_path_factory) -> list[Path]:
    catalog = get_catalog("jilin-2021")
    folder = tmp_path_factory.mktemp("own")
    with Store(folder / "县.sqlite", create=True) as st:
        aid = st.new_assessment("220100", 2021, " 王五 ", answers=varied_answers(catalog, seed=7),
                                notes={1: "  前后空格  ", 2: "=SUM(A1)", 3: "第一行\n第二行", 4: "_x0041_ x005F_"})
        st.add_evidence(aid, 3, "纪要.pdf", b"%PDF-1.4 fake")
        st.new_assessment("220200", 2021, answers=varied_answers(catalog, seed=8))
        export = xlsx.export_assessment(st, aid, folder / "导出.xlsx")
        province = xlsx.province_workbook(st, 2021, folder / "全省.xlsx")
    template = xlsx.write_template(folder / "模板.xlsx")
    filled = fill_template(template, folder / "填好.xlsx", catalog, varied_answers(catalog, seed=9),
                           notes={5: " 备注 "})
    return [export, template, filled, province]


def test_own_workbooks_read_as_openpyxl_reads_them(own_workbooks):
    for path in own_workbooks:
        rows = assert_same_rows(path)
        assert rows and any(rows.values())


def test_the_import_sees_the_same_payload_and_points(own_workbooks, store):
    export, _, filled, _ = own_workbooks
    for path in (export, filled):
        parsed = parse_workbook(store, path.read_bytes(), path.name)
        assert parsed.answers and parsed.region == "220100"


# -- hand-written workbooks, one feature at a time ---------------------------------------------------------------

SHARED = ("<si><t>plain</t></si>"
          '<si><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve"> bold </t></r>'
          '<rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>'
          '<si><t xml:space="preserve">  spaces  </t><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>'
          "<si><t>  unpreserved  </t></si>"
          "<si><t>_x005F_x0041_ and _x000D_</t></si>"
          "<si/><si><t/></si>"
          "<si><t>line\r\nbreak</t></si>"
          "<si><t>first</t><t>last wins</t></si>")

STYLES = ('<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>'
          '<numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>'
          '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
          '<xf numFmtId="20"/><xf numFmtId="166"/><xf/></cellXfs>')

CASES = {
    "inline strings": inline("A1", "abc") + '<c r="B1" t="inlineStr"><is><r><t>a</t></r><r><rPr><i/></rPr>'
    '<t xml:space="preserve"> b </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
    '<c r="C1" t="inlineStr"/><c r="D1" t="inlineStr"><is><t xml:space="preserve"> x005F_ </t></is></c>',
    "shared strings": "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(9)),
    "booleans and errors": '<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>'
    '<c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="e"><f>NA()</f><v>#N/A</v></c>',
    "formulas": '<c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B1" t="str"><f>"x"</f></c>'
    '<c r="C1"><f>1+1</f><v>2</v></c><c r="D1"><f>1/3</f><v>0.33333333333333331</v></c>'
    '<c r="E1"><f>A1</f><v/></c><c r="F1" t="str"><f>""</f><v></v></c>',
    "numbers": '<c r="A1"><v>12</v></c><c r="B1" t="n"><v>-0</v></c><c r="C1"><v>1.5</v></c>'
    '<c r="D1"><v>1E3</v></c><c r="E1"><v>2.5e-3</v></c><c r="F1"><v>007</v></c>'
    '<c r="G1"><v>12345678901234567890</v></c>',
    "dates": '<c r="A1" t="d"><v>2021-03-04T05:06:07</v></c><c r="B1" t="d"><v>2021-03-04</v></c>'
    '<c r="C1" t="d"><v>12:30:00</v></c><c r="D1" t="d"><v></v></c>',
    "date formats": '<c r="A1" s="1"><v>44197</v></c><c r="B1" s="2"><v>44197.75</v></c>'
    '<c r="C1" s="3"><v>44197</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>1.25</v></c>'
    '<c r="F1" s="1"><v>59</v></c><c r="G1" s="1"><v>1E+20</v></c><c r="H1" s="6"><v>3</v></c>'
    '<c r="I1" s="0"><v>3</v></c><c r="J1" s="9"><v>3</v></c><c r="K1" s="1" t="s"><v>0</v></c>',
    "no references": '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
    '<row><c r="C2"><v>2</v></c><c><v>3</v></c></row><row/><row><c><v>4</v></c></row>',
    "gaps": '<row r="2"><c r="C2"><v>1</v></c><c r="F2"><v>2</v></c></row>'
    '<row r="3"/><row r="7" spans="1:3"><c r="A7" s="3"/><c r="B7"><v>5</v></c><c r="C7" s="3"/></row>'
    '<row r="9"><c r="B9"/></row>',
    "empty sheet": "",
    "no sheetData": None,
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("date1904", [False, True])
def test_hand_written_cells_read_as_openpyxl_reads_them(case, date1904):
    body = CASES[case]
    if body and not body.startswith("<row"):
        body = f'<row r="1">{body}</row>'
    assert_same_rows(xlsx_of({"s": body}, strings=SHARED, styles=STYLES, date1904=date1904))


def test_types_come_out_as_openpyxl_makes_them():
    rows = cell_rows(xlsx_of({"a": f'<row r="1">{CASES["date formats"]}</row>',
                              "b": f'<row r="1">{CASES["shared strings"]}</row>'},
                             strings=SHARED, styles=STYLES))
    a, b = rows["a"][0], rows["b"][0]
    assert a[:6] == (datetime.datetime(2021, 1, 1), datetime.datetime(2021, 1, 1, 18), 44197,
                     datetime.time(12), datetime.timedelta(days=1, hours=6), datetime.datetime(1900, 2, 28))
    assert a[6] == "#VALUE!" and a[7:10] == (3, 3, 3) and a[10] == "plain"
    assert b == ("plain", "rich  bold ", "  spaces  ", "  unpreserved  ", "_x0041_ and _x000D_", "", "",
                 "line\nbreak", "last wins")


def test_gaps_make_empty_rows_and_none_cells():
    rows = cell_rows(xlsx_of({"s": CASES["gaps"]}))["s"]
    assert rows == [(), (None, None, 1, None, None, 2), (), (), (), (), (None, 5, None), (), (None, None)]


@pytest.mark.parametrize("target", ["/xl/worksheets/sheet1.xml", "./worksheets/../worksheets/sheet1.xml"])
def test_a_sheet_found_by_an_absolute_or_roundabout_target(target):
    book = xlsx_of({"s": '<row r="1"><c r="A1"><v>1</v></c></row>'}, targets={"s": target})
    assert cell_rows(book) == {"s": [(1,)]}
    if target.startswith("/"):
        assert_same_rows(book)


def test_only_the_sheets_asked_for_are_parsed():
    book = xlsx_of({"good": '<row r="1"><c r="A1"><v>1</v></c></row>', "broken": "<row><c></row>"})
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        cells = xlsx_cells.WorkbookCells(zf)
        assert cells.sheetnames == ["good", "broken"] and cells.rows("good") == [(1,)]
        with pytest.raises(SyntaxError):
            cells.rows("broken")


# -- strictness: refused where openpyxl would read on -------------------------------------------------------------

@pytest.mark.parametrize("body", [
    '<row r="2"/><row r="1"/>',
    '<row r="1"/><row r="1"/>',
    '<row r="1"><c r="B1"/><c r="A1"/></row>',
    '<row r="1"><c r="A2"/></row>',
    '<row r="1"><c r="a1"/></row>',
    '<row r="1"><c r="XFE1"/></row>',
    '<row r="01"/>',
    '<row r="1048577"/>',
    '<row r="1"><extLst/><c r="A1"/></row>',
    '<row r="1"><foo/></row>',
    "<foo/>",
    '<row r="1"><c r="A1" t="s"><v>-1</v></c></row>',
    '<row r="1"><c r="A1" t="x"><v>1</v></c></row>',
    '<row r="1"><c r="A1" s="-1"><v>1</v></c></row>',
    '<row r="1"><c r="XFD1"/></row>' * 1 + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
])
def test_malformed_sheets_are_refused(body):
    book = xlsx_of({"s": body}, strings="<si><t>a</t></si>", styles=STYLES)
    with zipfile.ZipFile(io.BytesIO(book)) as zf, pytest.raises((ValueError, KeyError, IndexError, SyntaxError)):
        xlsx_cells.WorkbookCells(zf).rows("s")


def test_a_rows_extension_list_after_its_cells_is_skipped():
    # CT_Row is c*, then an optional extLst: a producer may write one; it holds no value
    assert cell_rows(xlsx_of({"s": '<row r="1"><c r="A1"><v>1</v></c><extLst><ext uri="x"/></extLst></row>'
                                   '<row r="2"><extLst/></row>'})) == {"s": [(1,), ()]}


def test_cells_and_shared_strings_are_capped(monkeypatch):
    monkeypatch.setattr(xlsx_cells, "MAX_CELLS", 4)
    assert cell_rows(xlsx_of({"s": '<row r="2"><c r="C2"><v>1</v></c></row>'})) == {"s": [(), (None, None, 1)]}
    with pytest.raises(ValueError, match="more than 4 cells"):
        cell_rows(xlsx_of({"s": '<row r="2"><c r="D2"><v>1</v></c></row>'}))
    with pytest.raises(ValueError, match="more than 4 shared strings"):
        cell_rows(xlsx_of({"s": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}, strings="<si/>" * 5))


@pytest.mark.parametrize("target", ["../../evil.xml", "/../evil.xml", "worksheets/../../../evil.xml"])
def test_a_target_outside_the_archive_is_refused(target):
    with pytest.raises(ValueError, match="outside the archive"):
        cell_rows(xlsx_of({"s": ""}, targets={"s": target}))


def test_a_missing_sheet_part_leaves_the_sheet_out():
    book = xlsx_of({"s": "", "t": ""}, targets={"t": "worksheets/none.xml"})
    assert list(cell_rows(book)) == ["s"]


@pytest.mark.parametrize("prolog", [
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "x">]>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<?xml version="1.0" encoding="UTF-16"?>',
])
def test_dtds_and_other_encodings_are_refused(prolog):
    with pytest.raises(ValueError):
        xlsx_cells.xml_part(_zip_of({"p.xml": (prolog + f'<worksheet xmlns="{MAIN}"/>').encode("utf-8")}), "p.xml")
    with pytest.raises(ValueError):
        xlsx_cells.xml_part(_zip_of({"p.xml": f'<worksheet xmlns="{MAIN}"/>'.encode("utf-16")}), "p.xml")


def _zip_of(parts: dict[str, bytes]) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return zipfile.ZipFile(buf)


# -- hostile workbooks through the import: refused as not a workbook, nothing written -------------------------

LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    catalog = get_catalog("jilin-2021")
    folder = tmp_path_factory.mktemp("export")
    with Store(folder / "县.sqlite", create=True) as st:
        aid = st.new_assessment("220100", 2021, "王五", answers=varied_answers(catalog, seed=4))
        return xlsx.export_assessment(st, aid, folder / "长春 2021.xlsx")


def _changed(src: Path, out: Path, change) -> Path:
    """A copy of a workbook whose parts (name -> bytes) `change` edits in place."""
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    change(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def _sheet_part(parts: dict, sheet: str) -> str:
    book = xlsx_cells.WorkbookCells(_zip_of(parts))
    return book._sheets[sheet]


def _laughs_in_points(parts):
    name = _sheet_part(parts, POINTS_SHEET)
    xml = parts[name].decode()
    xml = LAUGHS + xml.replace("<sheetData>", '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;'
                                              "</t></is></c></row>", 1)
    parts[name] = xml.encode()


def _laughs_in_shared_strings(parts):
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0"?>{LAUGHS.replace("worksheet", "sst")}'
                                     f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_CT}"/></Types>'.encode())


def _escaping_target(parts):
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"/xl/worksheets/sheet2.xml", b"../../xl/worksheets/sheet2.xml")


def _far_cell(parts):
    name = _sheet_part(parts, POINTS_SHEET)
    parts[name] = parts[name].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                                      b"</sheetData>")


def _truncated(parts):
    name = _sheet_part(parts, DATA_SHEET)
    parts[name] = parts[name][: len(parts[name]) // 2]


def _utf16(parts):
    name = _sheet_part(parts, POINTS_SHEET)
    parts[name] = parts[name].decode().encode("utf-16")


HOSTILE = {"billion laughs in a sheet": _laughs_in_points, "billion laughs in shared strings": _laughs_in_shared_strings,
           "target escaping the archive": _escaping_target, "cell at XFD1048576": _far_cell,
           "truncated sheet": _truncated, "UTF-16 sheet": _utf16}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_parts_are_refused_as_not_a_workbook(kind, exported, tmp_path, store):
    bad = _changed(exported, tmp_path / "坏.xlsx", HOSTILE[kind])
    with pytest.raises(Refused) as e:
        parse_workbook(store, bad.read_bytes(), bad.name)
    assert e.value.code == "import.not_workbook"
    before = db_dump(store)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        checked = importer.check_file(store, bad)
        [res] = importer.import_workbooks(store, [bad])
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert checked.outcome == "refused" and checked.code == "import.not_workbook"
    assert res.outcome == "refused" and res.code == "import.not_workbook", res.message
    assert time.perf_counter() - t0 < 2 and peak < 32 * 1024 * 1024, peak
    assert db_dump(store) == before


@pytest.mark.parametrize(("sheet", "code"), [(DATA_SHEET, "import.not_jlip"), (POINTS_SHEET, "import.checksum")])
def test_a_missing_sheet_part_is_refused_as_a_missing_sheet(sheet, code, exported, tmp_path, store):
    def drop(parts):
        del parts[_sheet_part(parts, sheet)]

    bad = _changed(exported, tmp_path / "缺.xlsx", drop)
    before = db_dump(store)
    [res] = importer.import_workbooks(store, [bad])
    assert res.outcome == "refused" and res.code == code, res.message
    assert db_dump(store) == before


def test_the_unchanged_copy_still_imports(exported, tmp_path, store):
    same = _changed(exported, tmp_path / "同.xlsx", lambda parts: None)
    [res] = importer.import_workbooks(store, [same])
    assert res.outcome == "imported", res.message
