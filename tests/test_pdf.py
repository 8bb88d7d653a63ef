"""The PDFs, read back with poppler's pdffonts / pdftotext / pdfinfo (installed by scripts/setup.sh)."""

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jlip_desktop.cli import main
from jlip_desktop.core.chartdata import ranking
from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.scoring import best_value, one_decimal, worst_value
from jlip_desktop.reports import pdf
from jlip_desktop.reports.commentary import region_commentary

TEN = ["220100", "220200", "220300", "220400", "220500", "220600", "220700", "220800", "222400", "229901"]


def _tool(name):
    exe = shutil.which(name)
    assert exe, f"{name} (poppler-utils) is needed; scripts/setup.sh installs it"
    return exe


def text_of(path: Path) -> str:
    return subprocess.run([_tool("pdftotext"), "-raw", str(path), "-"], capture_output=True, check=True,
                          text=True, encoding="utf-8").stdout


def body_text_of(path: Path) -> str:
    """The text inside the page frame only: no running header or footer between two pages."""
    top = int(pdf.MARGIN_TOP) - 2
    height = int(pdf.PAGE_H - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM) + 4
    return subprocess.run([_tool("pdftotext"), "-raw", "-x", "0", "-y", str(top), "-W", str(int(pdf.PAGE_W)),
                           "-H", str(height), str(path), "-"],
                          capture_output=True, check=True, text=True, encoding="utf-8").stdout


def flat(text: str) -> str:
    """Without whitespace: lines wrap anywhere in CJK text (-raw keeps each table cell in one piece)."""
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> int:
    out = subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def fonts(path: Path) -> list[list[str]]:
    out = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _answers(catalog, worst=()):
    answers = {n: best_value(p) for n, p in catalog.points.items()}
    for n in worst:
        answers[n] = worst_value(catalog.points[n])
    return answers


@pytest.fixture
def out_dir(tmp_path):
    d = tmp_path / "输出 目录 (PDF)"
    d.mkdir()
    return d


@pytest.fixture
def changchun(store, catalog):
    lost = list(catalog.tertiary[12].children) + list(catalog.tertiary[15].children) + [1]
    aid = store.new_assessment("220100", 2021, "王 五", answers=_answers(catalog, lost))
    store.set_note(aid, 23, "已建立商标恶意注册线索移送机制。")
    store.add_evidence(aid, 5, "信息 报送 2021.pdf", b"report")
    return aid


def test_assessment_pdf_embeds_the_cjk_font_and_gives_the_text_back(store, catalog, changchun, out_dir):
    path = pdf.assessment_pdf(store, changchun, out_dir / "长春市 2021 评估.pdf")
    assert path == out_dir / "长春市 2021 评估.pdf" and path.read_bytes().startswith(b"%PDF")
    cjk = [row for row in fonts(path) if "DroidSansFallback" in row[0]]
    assert cjk, fonts(path)
    for row in cjk:  # name type encoding emb sub uni ...
        assert row[0].split("+")[0].isalpha() and len(row[0].split("+")[0]) == 6  # subset tag
        assert row[-5:-2] == ["yes", "yes", "yes"], row
    assert all(row[-5] == "yes" for row in fonts(path)), fonts(path)  # no unembedded base-14 font either
    sc = store.score(changchun)
    text = flat(text_of(path))
    assert "长春市" in text and "220100" in text and "王五" in text
    assert one_decimal(sc.total) in text and sc.grade.name in text
    assert sc.vetoed and "一票否决" in text  # point 1 is the veto point
    for lo in sc.lost:
        p = catalog.points[lo.point]
        assert flat(p.label) in text and flat(p.rule) in text
    assert "已建立商标恶意注册线索移送机制" in text
    assert flat(region_commentary(sc, "长春市").text) in text  # the summary paragraph
    ev = store.evidence(changchun)[0]
    assert "信息报送2021.pdf" in text and ev.sha256 in text
    assert "第1页/共" in text and catalog.id in text
    assert not list(out_dir.glob(".*tmp"))  # the temporary file was renamed, not left behind


def test_assessment_pdf_lists_every_indicator_and_unanswered_points(store, catalog, out_dir):
    answers = _answers(catalog)
    del answers[10], answers[44]
    aid = store.new_assessment("220300", 2022, answers=answers)
    text = flat(text_of(pdf.assessment_pdf(store, aid, out_dir / "四平.pdf")))
    for level in ("primary", "secondary", "tertiary"):
        for node in catalog.level(level).values():
            assert flat(node.name) in text
    assert "未作答" in text and flat(catalog.points[44].label) in text and flat(catalog.points[10].label) in text
    assert "默认划分" in text  # the grade bands are the tool's, not the report's


def test_long_note_and_fifty_files_flow_onto_further_pages(store, catalog, out_dir):
    aid = store.new_assessment("220400", 2021, answers=_answers(catalog, [18]))
    short = pdf.assessment_pdf(store, aid, out_dir / "短.pdf")
    rng = random.Random(7)
    alphabet = "知识产权保护工作专项行动案件办理培训宣传调解仲裁维权援助机制建设经费保障"
    note = "".join(rng.choice(alphabet) for _ in range(4995)) + "备注结尾标记END"
    assert len(note) >= 5000
    store.set_note(aid, 18, note)
    names = [f"证据材料 第{i:02d}号 long_file_name_without_breaks_{i:02d}.pdf" for i in range(50)]
    for i, name in enumerate(names):
        store.add_evidence(aid, 1 + i % len(catalog.points), name, bytes([i]) * (i + 1))
    long = pdf.assessment_pdf(store, aid, out_dir / "长.pdf")
    assert pages(long) >= pages(short) + 2
    text = flat(text_of(long))
    assert flat(note) in flat(body_text_of(long))  # every character, in order, nothing clipped
    evidence = store.evidence(aid)
    assert len(evidence) == 50
    for ev in evidence:
        assert ev.sha256 in text
    for name in names:
        assert flat(name) in text
    assert f"共{pages(long)}页" in text


def test_bad_input_writes_no_file(store, changchun, out_dir, tmp_path):
    target = out_dir / "不存在.pdf"
    with pytest.raises(BadInput, match="no assessment with id 999"):
        pdf.assessment_pdf(store, 999, target)
    assert not target.exists()
    with pytest.raises(BadInput, match="does not exist"):
        pdf.assessment_pdf(store, changchun, tmp_path / "没有 这个 文件夹" / "a.pdf")
    with pytest.raises(BadInput, match="no assessments for 2030"):
        pdf.province_pdf(store, 2030, target)
    with pytest.raises(BadInput, match="folder"):
        pdf.province_pdf(store, 2021, out_dir)
    assert list(out_dir.iterdir()) == []


def test_an_existing_file_is_kept_when_writing_fails(store, out_dir, monkeypatch):
    target = out_dir / "旧 报告.pdf"
    target.write_bytes(b"old")
    aid = store.new_assessment("220500", 2021)

    def broken(*a, **k):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf, "_radars", broken)
    with pytest.raises(RuntimeError):
        pdf.assessment_pdf(store, aid, target)
    assert target.read_bytes() == b"old" and list(out_dir.iterdir()) == [target]


@pytest.fixture
def ten_regions(store, catalog):
    """Ten regions of 2021, each losing a different tertiary indicator entirely and a few marks elsewhere."""
    rng = random.Random(2021)
    tertiaries = [1, 6, 7, 8, 11, 12, 14, 15, 18, 20]
    ids = {}
    for k, (code, t) in enumerate(zip(TEN, tertiaries, strict=True)):
        worst = list(catalog.tertiary[t].children)
        worst += rng.sample([n for n in catalog.points if n not in worst], k * 2)
        ids[code] = store.new_assessment(code, 2021, f"评估人{k}", answers=_answers(catalog, worst))
    store.new_assessment("220100", 2020, answers={})  # another year stays out
    return ids


def test_province_pdf_sections_in_either_order_each_with_its_paragraph(store, catalog, ten_regions, out_dir):
    from jlip_desktop.core.report_meta import set_report_meta

    rows = ranking(store, 2021)
    assert len(rows) == 10 and len({r.total for r in rows}) > 5
    by_code = {r.region: r for r in rows}
    catalogue_order = [by_code[c] for c in TEN]
    for order, expected in (("rank", rows), ("catalogue", catalogue_order)):
        path = pdf.province_pdf(store, 2021, out_dir / f"全省 2021 {order}.pdf", order=order)
        text = flat(body_text_of(path))
        text = text[text.rfind("（一）指标体系及说明"):]  # after the table of contents
        heads = [text.find(f"{i}.{r.region_short}知识产权保护水平评估") for i, r in enumerate(expected, start=1)]
        assert all(h > 0 for h in heads) and heads == sorted(heads), order
        for i, r in enumerate(expected):
            section = text[heads[i]: heads[i + 1] if i + 1 < len(expected) else len(text)]
            c = region_commentary(r.score, r.region_short, variant=pdf_variant(r.region_short, i + 1))
            assert flat(c.text) in section, r.region_short
            assert f"见图{i + 3}。" in section and f"图{i + 3}{r.region_short}" in section
        overview = text[: heads[0]]
        for r in rows:
            assert overview.count(one_decimal(r.total)) >= 2  # table + bar label
        assert "图2吉林省各地区知识产权保护水平得分情况" in overview
    set_report_meta(store, 2021, order="rank")
    text = flat(body_text_of(pdf.province_pdf(store, 2021, out_dir / "设置.pdf")))
    text = text[text.rfind("（一）指标体系及说明"):]
    assert text.find(f"1.{rows[0].region_short}知识产权保护") < text.find(f"2.{rows[1].region_short}知识产权保护")


def pdf_variant(name, i):
    from jlip_desktop.reports.commentary import variant_for

    return variant_for(name) + i


def test_cli_report_pdf_and_province_pdf(store, changchun, out_dir, capsys):
    db = str(store.path)
    out = out_dir / "命令 行.pdf"
    assert main(["report-pdf", "--db", db, "--id", str(changchun), "-o", str(out)]) == 0
    assert out.exists() and "长春市" in text_of(out)
    prov = out_dir / "全省 命令 行.pdf"
    assert main(["province-pdf", "--db", db, "--year", "2021", "-o", str(prov)]) == 0 and prov.exists()
    capsys.readouterr()
    assert main(["province-pdf", "--db", db, "--year", "2019", "-o", str(out_dir / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "no assessments for 2019" in err and "Traceback" not in err
    assert not (out_dir / "x.pdf").exists()


def test_many_regions_get_horizontal_bars_with_every_value(store, catalog, out_dir):
    counties = [r for r in store.regions() if r.level == "county"][: pdf.VERTICAL_BARS_UP_TO + 5]
    for k, r in enumerate(counties):
        store.new_assessment(r.code, 2022, answers=_answers(catalog, list(catalog.points)[: k + 1]))
    path = pdf.province_pdf(store, 2022, out_dir / "县区.pdf")
    rows = ranking(store, 2022)
    overview = flat(body_text_of(path)).split("二、吉林省各地区知识产权保护水平评估")[2].split("知识产权保护水平评估")[0]
    for r in rows:
        assert r.region_short in overview and overview.count(one_decimal(r.total)) >= 2
    assert "图2吉林省各地区知识产权保护水平得分情况" in overview


def test_text_missing_from_the_cjk_font_uses_the_latin_font_and_copies_out(store, catalog, out_dir):
    from jlip_desktop.reports import pdf_fonts

    cjk, latin, _ = pdf_fonts.register()
    assert pdf_fonts.runs("得分82.4%“五进”") == [(cjk, "得分"), (latin, "82.4%“"), (cjk, "五进"), (latin, "”")]
    aid = store.new_assessment("220100", 2021, answers=_answers(catalog, [10]))
    store.set_note(aid, 10, "Mixed note: ABC abc 123 “引号” ≥ 5 <tag> & done")
    text = text_of(pdf.assessment_pdf(store, aid, out_dir / "混合.pdf"))
    assert "Mixed note: ABC abc 123 “引号” ≥ 5 <tag> & done" in text
    assert flat(catalog.points[10].label) in flat(text)  # 开展“五进”公益宣传活动


# -- typesetting, structure and the table of contents: on constructed and random databases ---------
CLOSING = "、，。；：？！）》」』”’"
OPENING = "（《「『“‘"


def page_texts(path: Path, body: bool = True) -> list[str]:
    """Each page's text (body: inside the frame only, without the running header and footer)."""
    out = []
    for n in range(1, pages(path) + 1):
        if body:
            top = int(pdf.MARGIN_TOP) - 2
            height = int(pdf.PAGE_H - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM) + 4
            args = ["-x", "0", "-y", str(top), "-W", str(int(pdf.PAGE_W)), "-H", str(height)]
        else:
            args = []
        out.append(subprocess.run([_tool("pdftotext"), "-f", str(n), "-l", str(n), *args, str(path), "-"],
                                  capture_output=True, check=True, text=True, encoding="utf-8").stdout)
    return out


def typesetting_problems(path: Path, headings: list[str]) -> list[str]:
    """Lines starting with closing or ending with opening punctuation, blank pages, stranded headings."""
    problems = []
    for n, page in enumerate(page_texts(path), start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        if not lines:
            problems.append(f"page {n} is blank")
            continue
        for ln in lines:
            if ln[0] in CLOSING:
                problems.append(f"page {n}: line starts with {ln[0]}: {ln[:30]}")
            if ln[-1] in OPENING:
                problems.append(f"page {n}: line ends with {ln[-1]}: {ln[-30:]}")
        if flat(lines[-1]) in {flat(h) for h in headings}:
            problems.append(f"page {n} ends with the heading {lines[-1]}")
    return problems


def toc_entries(path: Path) -> list[tuple[str, int]]:
    out = subprocess.run([_tool("pdftotext"), "-layout", "-f", "2", "-l", "2", str(path), "-"],
                         capture_output=True, check=True, text=True, encoding="utf-8").stdout
    after = out.split("目　录")[-1] if "目　录" in out else out.split("目 录")[-1]
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", after, re.M)]


def check_toc(path: Path) -> list[tuple[str, int]]:
    entries = toc_entries(path)
    texts = [flat(t) for t in page_texts(path)]
    for title, page in entries:
        assert 1 <= page <= len(texts), title
        assert flat(title) in texts[page - 1], f"{title}: not on page {page}"
        assert not any(flat(title) in t for t in texts[2:page - 1]), f"{title}: found before page {page}"
    return entries


COUNTY_HEADINGS = ["一、各级指标得分", "二、失分得分点", "三、未作答得分点", "三、备注", "四、备注", "四、证据文件",
                   "五、证据文件", "五、签字确认", "六、签字确认"]


def _random_text(rng: random.Random, n: int) -> str:
    words = ["知识产权", "保护", "工作", "2021年", "专利", "商标", "执法", "82.4", "SHA-256", "案件", "万元"]
    marks = list("，。、；：！？") + ["“", "”", "（", "）", "《", "》"]
    text = "".join(rng.choice(words) + (rng.choice(marks) if rng.random() < 0.5 else "") for _ in range(n))
    return text.rstrip(OPENING) or "工作"  # a paragraph may end with no other mark


def random_database(store, catalog, seed: int, regions: int = 7):
    rng = random.Random(seed)
    from tests.test_commentary import random_answers

    codes = [r.code for r in store.regions() if r.level == "prefecture"]
    ids = []
    for code in rng.sample(codes, regions):
        aid = store.new_assessment(code, 2021, _random_text(rng, rng.randint(1, 30))[:60],
                                   answers=random_answers(catalog, rng))
        for p in rng.sample(list(catalog.points), rng.randint(0, 8)):
            store.set_note(aid, p, _random_text(rng, rng.randint(3, 60)))
        ids.append(aid)
    return ids


def test_sample_2021_report_structure_typesetting_and_contents(out_dir, tmp_path):
    from jlip_desktop.core.store import Store

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "示例.sqlite"
    shutil.copyfile(root / "sample_db" / "jlip-sample.sqlite", copy)
    with Store(copy) as st:
        path = pdf.province_pdf(st, 2021, out_dir / "示例 2021.pdf")
        county = pdf.assessment_pdf(st, st.find_assessment("220100", 2021).id, out_dir / "长春 2021.pdf")
    entries = check_toc(path)
    titles = [t for t, _ in entries]
    for must in ("摘要", "（一）问题分析", "（二）对策建议"):
        assert must in titles
    assert any(t.startswith("附录 1") for t in titles) and any("指标体系" in t for t in titles)
    assert sum(1 for t in titles if re.match(r"\d+\. .+知识产权保护水平评估", t)) == 10
    assert typesetting_problems(path, titles) == []
    assert typesetting_problems(county, COUNTY_HEADINGS) == []
    text = flat(text_of(path))
    assert "吉林省知识产权保护中心" in text_of(path).split("\f")[0] and "2021年9月" in text_of(path).split("\f")[0]
    assert "表1各级指标名称及分值" in text and "图1" in text and "图2" in text and "图12长白山" in text


@pytest.mark.parametrize("seed", [1, 2])
def test_random_databases_typeset_cleanly(store, catalog, out_dir, seed):
    ids = random_database(store, catalog, seed)
    path = pdf.province_pdf(store, 2021, out_dir / f"随机 {seed}.pdf", order="rank")
    titles = [t for t, _ in check_toc(path)]
    assert typesetting_problems(path, titles) == []
    county = pdf.assessment_pdf(store, ids[0], out_dir / f"随机 县 {seed}.pdf")
    assert typesetting_problems(county, COUNTY_HEADINGS) == []


def test_a_very_long_assessor_name_wraps(store, catalog, out_dir):
    """A file written before the field limits may hold a 1,500-character assessor: it wraps, no LayoutError."""
    aid = store.new_assessment("220100", 2021, "评估人", answers=_answers(catalog, [3]))
    with store.transaction() as c:
        c.execute("UPDATE assessments SET assessor = ? WHERE id = ?", ("评估人" * 500, aid))
    path = pdf.assessment_pdf(store, aid, out_dir / "长名.pdf")
    assert flat("评估人" * 20) in flat(text_of(path))
    assert typesetting_problems(path, COUNTY_HEADINGS) == []


def test_chinese_line_breaking_rules_on_narrow_columns():
    from reportlab.lib.styles import ParagraphStyle

    from jlip_desktop.reports import pdf_text

    rng = random.Random(5)
    base = pdf_text.styles()["body"]
    for _ in range(30):
        text = _random_text(rng, 40)
        width = rng.randint(60, 300)
        p = pdf_text.para(text, ParagraphStyle("t", parent=base, firstLineIndent=0))
        p.wrap(width, 10_000)
        lines = ["".join(str(w) for w in ln.words) if hasattr(ln, "words") else "" for ln in p.blPara.lines]
        lines = ["".join(getattr(f, "text", "") for f in ln.words) for ln in p.blPara.lines]
        assert "".join(lines) == text.replace("\n", "")
        for a, b in zip(lines, lines[1:], strict=False):
            assert b and b[0] not in CLOSING, (a, b)
            assert a and a[-1] not in OPENING, (a, b)
    assert pdf_text.wrap_label("加强研究部署，强化知识产权保护工作顶层设计", 7, 42)[1][0] != "，"


def test_previous_year_changes_in_overview_table_and_section(store, catalog, out_dir):
    store.new_assessment("220100", 2020, answers=_answers(catalog, list(catalog.tertiary[8].children) + [23]))
    store.new_assessment("220100", 2021, answers=_answers(catalog, [23]))
    store.new_assessment("220200", 2021, answers=_answers(catalog, [23, 24]))
    text = flat(body_text_of(pdf.province_pdf(store, 2021, out_dir / "上年.pdf")))
    assert "与上年相比，1个地区中1个得分提高、0个得分下降" in text
    assert "较上年" in text and "+6.0" in text
    assert "提高6.0分" in text and "资源配备保障" in text.split("1.长春市知识产权保护水平评估")[-1]


def test_province_pdf_numbers_every_page_of_the_total_while_making_sections_as_it_reaches_them(
        store, catalog, ten_regions, out_dir, monkeypatch):
    made = []
    real = pdf._Later.split
    monkeypatch.setattr(pdf._Later, "split", lambda self, w, h: made.append(1) or real(self, w, h))
    path = pdf.province_pdf(store, 2021, out_dir / "全省 页码.pdf", order="rank")
    n = pages(path)
    footers = re.findall(r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页", text_of(path))
    assert [int(p) for p, _ in footers] == list(range(1, n + 1))
    assert {int(t) for _, t in footers} == {n}
    assert len(made) >= 10 and len(made) % 10 == 0  # each region's section, once per layout pass


def test_province_pdf_the_first_layout_pass_lays_out_as_the_written_one(store, catalog, ten_regions, out_dir,
                                                                        monkeypatch):
    """The first pass only learns the pages (blanks for the charts, nothing written); the second, written pass
    lands on the same pages, so two passes make the report."""
    built = []
    real = pdf._report_doc
    monkeypatch.setattr(pdf, "_report_doc", lambda *a: built.append(1) or real(*a))
    path = pdf.province_pdf(store, 2021, out_dir / "两遍.pdf", order="rank")
    assert len(built) == 2 and pages(path) > 10
