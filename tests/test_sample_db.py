"""The bundled sample database: built from sample_db/answers.json, and true to the 2021 report's chapter 3.

Figures asserted here are the report's own words (chapter 3, opening paragraph):
长春市 82.4 (highest); 延边州、辽源市、吉林市、白城市 over 70; 白山市、松原市、四平市、通化市
over 60; 长白山 52.2.  Each group is kept in the order the report lists it.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from jlip_desktop.core.scoring import one_decimal

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_sample_db.py"
SOURCE = ROOT / "sample_db" / "answers.json"
BUILT = ROOT / "sample_db" / "jlip-sample.sqlite"

CHANGCHUN, CHANGBAISHAN, SONGYUAN = "220100", "229901", "220700"
OVER_70 = ["222400", "220400", "220200", "220800"]  # 延边州、辽源市、吉林市、白城市
OVER_60 = ["220600", "220700", "220300", "220500"]  # 白山市、松原市、四平市、通化市
CHAPTER_3 = [CHANGCHUN, *OVER_70, *OVER_60, CHANGBAISHAN]
WEAK_BELOW = Decimal(80)  # a named weakness scores below 80% of its maximum
STRONG_FROM = Decimal(90)  # a named strength scores at least 90% ("接近满分")


def _load_script():
    spec = importlib.util.spec_from_file_location("build_sample_db", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_sample_db", mod)
    spec.loader.exec_module(mod)
    return mod


build_sample_db = _load_script()


@pytest.fixture(scope="module")
def source():
    return json.loads(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture
def sample(tmp_path):
    """A store over a copy of the committed sample (opening a store changes the file's journal mode)."""
    from jlip_desktop.core.store import Store

    copy = tmp_path / "示例 数据.sqlite"
    shutil.copyfile(BUILT, copy)
    st = Store(copy)
    yield st
    st.close()


def _scores_2021(store):
    return {a.region: store.score(a.id) for a in store.list_assessments(year=2021)}


def _node_max(catalog, level, number):
    return catalog.points[number].max if level == "point" else catalog.level(level)[number].max


# -- the built file is what the source gives -------------------------------------------------

def test_committed_database_equals_a_fresh_build(tmp_path):
    fresh = build_sample_db.build(tmp_path / "新 构建.sqlite")
    assert build_sample_db.canonical_dump(fresh) == build_sample_db.canonical_dump(BUILT), (
        "sample_db/jlip-sample.sqlite is stale: run scripts/build_sample_db.py and commit it"
    )


def test_two_builds_give_the_same_content(tmp_path):
    a = build_sample_db.canonical_dump(build_sample_db.build(tmp_path / "a.sqlite"))
    b = build_sample_db.canonical_dump(build_sample_db.build(tmp_path / "b.sqlite"))
    assert a == b
    assert len(a["assessments"]) == len(json.loads(SOURCE.read_text(encoding="utf-8"))["assessments"])


def test_canonical_dump_sees_a_changed_answer(tmp_path):
    from jlip_desktop.core.store import Store

    path = build_sample_db.build(tmp_path / "x.sqlite")
    before = build_sample_db.canonical_dump(path)
    with Store(path) as st:
        draft = next(a for a in st.list_assessments(year=2022) if a.status == "draft")
        st.set_answer(draft.id, 44, True)
    assert build_sample_db.canonical_dump(path) != before


def test_build_writes_one_self_contained_file(tmp_path):
    out = build_sample_db.build(tmp_path / "one.sqlite")
    assert out.read_bytes()[18:20] == b"\x01\x01", "rollback-journal mode, not WAL"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.sqlite"]


def test_build_replaces_the_target_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "样本 库.sqlite"
    target.write_bytes(b"old content")
    build_sample_db.build(target)
    assert build_sample_db.canonical_dump(target)["assessments"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["样本 库.sqlite"]


def test_bad_source_is_refused_and_nothing_written(tmp_path, source, capsys):
    bad = json.loads(json.dumps(source))
    bad["assessments"][0]["answers"]["19"] = 6.3  # off the 0.5 steps
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.sqlite"
    assert build_sample_db.main(["--source", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "长春市 2021" in err and "(19)" in err
    assert list(tmp_path.iterdir()) == [src]


def test_malformed_report_reference_is_refused(tmp_path, source):
    bad = json.loads(json.dumps(source))
    bad["assessments"][0]["report_weaknesses"].append(["tertiary", 99])
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(build_sample_db.BadInput, match="unknown tertiary 99"):
        build_sample_db.load_source(src)
    bad["assessments"][0]["report_weaknesses"][-1] = "tertiary 12"
    src.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(build_sample_db.BadInput, match=r"\[level, number\]"):
        build_sample_db.load_source(src)


def test_check_reports_up_to_date_and_stale(tmp_path, capsys):
    assert build_sample_db.main(["--check", "--out", str(BUILT)]) == 0
    from jlip_desktop.core.store import Store

    stale = tmp_path / "stale.sqlite"
    shutil.copyfile(BUILT, stale)
    with Store(stale) as st:
        st.set_meta("description", "changed")
    assert build_sample_db.main(["--check", "--out", str(stale)]) == 1
    assert "rebuild" in capsys.readouterr().out


def test_main_prints_each_total_and_grade(tmp_path, capsys):
    assert build_sample_db.main(["--out", str(tmp_path / "s.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "220100  长春市" in out and "82.4  良好" in out
    assert "229901  长白山" in out and "52.2  较差" in out


# -- labelled as illustrative ------------------------------------------------------------------

def test_database_says_it_is_illustrative(sample):
    text = sample.meta("description")
    assert "示例数据" in text and "并非省里的正式评分" in text and "Illustrative" in text
    assert text in (ROOT / "sample_db" / "README.md").read_text(encoding="utf-8")


# -- the 2021 figures of the report --------------------------------------------------------------

def test_ten_regions_of_chapter_3_assessed_in_2021_complete_and_submitted(sample, catalog):
    rows = sample.list_assessments(year=2021)
    assert sorted(a.region for a in rows) == sorted(CHAPTER_3)
    for a in rows:
        assert a.status == "submitted"
        assert set(sample.answers(a.id)) == set(catalog.points), a.region


def test_changchun_82_4_highest_and_changbaishan_52_2(sample):
    s = _scores_2021(sample)
    assert one_decimal(s[CHANGCHUN].total) == "82.4"
    assert s[CHANGCHUN].total == Decimal("82.4")
    assert s[CHANGBAISHAN].total == Decimal("52.2")
    assert all(s[CHANGCHUN].total > s[r].total for r in CHAPTER_3 if r != CHANGCHUN)


def test_groups_over_70_and_over_60_in_the_reports_order(sample):
    s = _scores_2021(sample)
    over70 = [s[r].total for r in OVER_70]
    over60 = [s[r].total for r in OVER_60]
    assert all(t > 70 for t in over70) and over70 == sorted(over70, reverse=True) and len(set(over70)) == 4
    assert all(60 < t < 70 for t in over60) and over60 == sorted(over60, reverse=True) and len(set(over60)) == 4
    assert min(over70) > max(over60) > min(over60) > s[CHANGBAISHAN].total


def test_changchun_full_marks_on_primary_4_and_near_full_on_1_and_2(sample, catalog):
    s = _scores_2021(sample)[CHANGCHUN]
    assert s.primary[4] == catalog.primary[4].max
    assert s.rate("primary", 1) >= STRONG_FROM and s.rate("primary", 2) >= STRONG_FROM
    for p in (23, 24, 32, 33):
        assert s.points[p] < catalog.points[p].max
    assert s.rate("secondary", 7) < 50


def test_songyuan_no_notable_progress_under_indicator_21(sample):
    assert _scores_2021(sample)[SONGYUAN].tertiary[21] == 0


def test_answer_kinds_are_used(sample, catalog):
    """Counts are counts, (9)/(20) list domains, (19)/(24) use half steps somewhere."""
    answers = [sample.answers(a.id) for a in sample.list_assessments(year=2021)]
    assert all(isinstance(a[20], tuple) and isinstance(a[9], tuple) for a in answers)
    assert all(isinstance(a[10], int) and not isinstance(a[10], bool) for a in answers)
    halves = {a[p] % 1 for a in answers for p in (19, 24)}
    assert Decimal("0.5") in halves


def test_named_weaknesses_and_strengths_follow_each_section(sample, source, catalog):
    s = _scores_2021(sample)
    by_region = {a["region"]: a for a in source["assessments"] if a["year"] == 2021}
    for region in CHAPTER_3:
        a = by_region[region]
        assert a["report_weaknesses"], region
        assert a["comment"].startswith("依据报告第三章"), region
        for level, n in a["report_weaknesses"]:
            rate = s[region].rate(level, n)
            assert rate < WEAK_BELOW, f"{a['name']}: {level} {n} is named weak but scores {rate:.1f}%"
        for level, n in a["report_strengths"]:
            rate = s[region].rate(level, n)
            assert rate >= STRONG_FROM, f"{a['name']}: {level} {n} is named strong but scores {rate:.1f}%"


def test_changchun_protection_centre_funding_noted_with_evidence(sample):
    a = sample.find_assessment(CHANGCHUN, 2021)
    assert "2,026万元" in sample.notes(a.id)[16]
    ev = sample.evidence(a.id, 16)
    assert len(ev) == 1 and " " in ev[0].filename
    assert "2026万元" in sample.evidence_data(ev[0].id).decode("utf-8")


# -- 2022: the year-over-year chart and the county workflow -------------------------------------

def test_changchun_has_two_years_for_the_trend(sample):
    from jlip_desktop.core.chartdata import trend

    points = trend(sample, CHANGCHUN)
    assert [y for y, _ in points] == [2021, 2022]
    assert points[1][1] > points[0][1]


def test_county_assessments_2022_include_unfinished_drafts(sample):
    rows = [a for a in sample.list_assessments(year=2022) if sample.region(a.region).level == "county"]
    assert len(rows) >= 3
    assert {sample.region(a.region).parent for a in rows} <= {CHANGCHUN, "222400"}
    drafts = [a for a in rows if a.status == "draft"]
    assert any(sample.score(a.id).unanswered for a in drafts)
    assert any(a.status == "submitted" for a in rows)


# -- the generated commentary agrees with the report --------------------------------------------

def _within(catalog, level, number):
    """(level, number) of a node and of every indicator above it."""
    if level == "point":
        t, s, p = catalog.ancestors(number)
        return {("point", number), ("tertiary", t.number), ("secondary", s.number), ("primary", p.number)}
    if level == "tertiary":
        s = catalog.secondary[catalog.tertiary[number].parent]
        return {("tertiary", number), ("secondary", s.number), ("primary", s.parent)}
    if level == "secondary":
        return {("secondary", number), ("primary", catalog.secondary[number].parent)}
    return {(level, number)}


def _overlaps(catalog, a, b) -> bool:
    """One node lies within the other (or they are the same)."""
    return a in _within(catalog, *b) or b in _within(catalog, *a)


def test_commentary_names_each_sections_strong_and_weak_areas(sample, source, catalog):
    """Each region's paragraph praises every area its section praises and faults every area it faults.

    A named area counts when the paragraph names it, an indicator inside it or one containing it
    (e.g. the section's point (24) is covered by the paragraph's tertiary 12).
    """
    from jlip_desktop.reports.commentary import region_commentary

    s = _scores_2021(sample)
    by_region = {a["region"]: a for a in source["assessments"] if a["year"] == 2021}
    for region in CHAPTER_3:
        a = by_region[region]
        c = region_commentary(s[region], a["name"])
        for ref in map(tuple, a["report_weaknesses"]):
            assert any(_overlaps(catalog, ref, w) for w in c.weaknesses), f"{a['name']}: {ref} not named weak"
        for ref in map(tuple, a["report_strengths"]):
            assert any(_overlaps(catalog, ref, st) for st in c.strengths), f"{a['name']}: {ref} not named strong"
        assert not set(c.strengths) & {("primary", n) for n in range(1, 5) if ("primary", n) in c.weaknesses}


def test_ten_paragraphs_share_no_sentence_with_more_than_half(sample, source):
    import re

    from jlip_desktop.reports.commentary import region_commentary

    s = _scores_2021(sample)
    names = [a["name"] for a in source["assessments"] if a["year"] == 2021]
    texts = [region_commentary(s[a["region"]], a["name"]).text
             for a in source["assessments"] if a["year"] == 2021]
    counts: dict[str, int] = {}
    for t in texts:
        for name in names:
            t = t.replace(name, "R")
        for sentence in {x for x in re.split(r"[。；]", re.sub(r"\d+(\.\d+)?", "N", t)) if x}:
            counts[sentence] = counts.get(sentence, 0) + 1
    assert max(counts.values()) <= len(texts) // 2, max(counts.items(), key=lambda kv: kv[1])


def test_commentary_for_changchun_and_songyuan_in_the_reports_terms(sample):
    from jlip_desktop.reports.commentary import region_commentary

    s = _scores_2021(sample)
    cc = region_commentary(s[CHANGCHUN], "长春市")
    assert ("tertiary", 12) in cc.weaknesses and ("tertiary", 15) in cc.weaknesses
    assert ("primary", 4) in cc.strengths and ("primary", 1) in cc.strengths
    assert "规制商标恶意注册、非正常专利申请行为" in cc.of_kind("weakness")
    sy = region_commentary(s[SONGYUAN], "松原市")
    assert ("tertiary", 21) in sy.weaknesses and "取得突出进展" not in sy.of_kind("weakness")


def test_generated_chapter_4_names_the_reports_four_problems(sample):
    from jlip_desktop.reports.commentary import chapter4, indicator_figures

    scores = list(_scores_2021(sample).values())
    ch = chapter4(scores)
    heads = [h for h, _ in ch.problems if h]
    assert len(heads) >= 4
    assert "工作机制" in heads[0] and "人才" in heads[1] and "意识" in heads[2] and "保护水平" in heads[3]
    most = max(f.weak for f in indicator_figures(scores) if f.level == "tertiary")
    text = "".join(b for _, b in ch.problems)
    for f in indicator_figures(scores):
        if f.level == "tertiary" and f.weak == most:
            assert f.name in text or any(("point", p) in ch.named for p in scores[0].catalog.tertiary[f.number].children)
