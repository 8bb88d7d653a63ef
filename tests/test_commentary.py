"""The report's prose: rules over the phrase file, checked on constructed and random scores."""

import json
import random
import re
from pathlib import Path

import pytest

from jlip_desktop.core.scoring import best_value, score, validate_answers, worst_value
from jlip_desktop.reports import commentary as C
from jlip_desktop.reports.commentary import (
    action_of,
    chapter4,
    narrative,
    phrases,
    prose_name,
    province_overview,
    region_commentary,
)

PHRASE_FILE = Path(C.__file__).resolve().parent.parent / "catalogues" / "jilin-2021.commentary.json"


def _score(catalog, worst=(), missing=()):
    answers = {n: best_value(p) for n, p in catalog.points.items() if n not in missing}
    for n in worst:
        answers[n] = worst_value(catalog.points[n])
    return score(catalog, answers)


def random_answers(catalog, rng: random.Random, p_full: float | None = None) -> dict:
    """Valid answers for every point, from all-full to all-empty."""
    p_full = rng.random() if p_full is None else p_full
    out = {}
    for n, pt in catalog.points.items():
        if rng.random() < p_full:
            out[str(n)] = {"yesno": True, "count": int((pt.cap or pt.max) / (pt.unit or 1)),
                           "domains": list(pt.domains), "graded": float(pt.max)}[pt.kind]
            continue
        if pt.kind == "yesno":
            out[str(n)] = rng.random() < 0.4
        elif pt.kind == "count":
            out[str(n)] = rng.randint(0, int(pt.cap / pt.unit) + 1)
        elif pt.kind == "domains":
            out[str(n)] = rng.sample(list(pt.domains), rng.randint(0, len(pt.domains)))
        else:
            steps = int(pt.max / pt.step)
            out[str(n)] = float(pt.step * rng.randint(0, steps))
    return validate_answers(catalog, out)


def random_scores(catalog, n: int, seed: int):
    rng = random.Random(seed)
    return [score(catalog, random_answers(catalog, rng)) for _ in range(n)]


def _within(catalog, ref):
    """The node and every indicator above it."""
    level, n = ref
    out = {ref}
    if level == "point":
        t, s, p = catalog.ancestors(n)
        out |= {("tertiary", t.number), ("secondary", s.number), ("primary", p.number)}
    elif level == "tertiary":
        s = catalog.secondary[catalog.tertiary[n].parent]
        out |= {("secondary", s.number), ("primary", s.parent)}
    elif level == "secondary":
        out.add(("primary", catalog.secondary[n].parent))
    return out


def _full_nodes(sc):
    cat = sc.catalog
    full = [("point", n) for n, p in cat.points.items() if sc.points[n] >= p.max]
    full += [("tertiary", n) for n, t in cat.tertiary.items() if sc.tertiary[n] >= t.max]
    full += [("secondary", n) for n, s in cat.secondary.items() if sc.secondary[n] >= s.max]
    return full


def check_paragraph(sc, c):
    """The must-hold rules of one paragraph; returns a list of problems."""
    cat = sc.catalog
    problems = []
    weak_text = c.of_kind("weakness")
    for ref in _full_nodes(sc):
        level, n = ref
        if ref in c.weaknesses:
            problems.append(f"full-marks {ref} listed as a weakness")
        phrase = action_of(cat, ref) if level != "secondary" or ref else ""
        names = [phrase]
        if level == "tertiary":
            names.append(prose_name(cat.tertiary[n]))
        for name in names:
            if name and name in weak_text:
                # a full node's phrase may sit inside a weak sibling's longer phrase only if that sibling is named
                if not any(name in action_of(cat, w) and w not in _full_nodes(sc) and w[0] != "primary"
                           for w in c.weaknesses):
                    problems.append(f"full-marks {ref} ({name}) in the weakness text")
    praised = set(c.strengths)
    for w in c.weaknesses:
        if _within(cat, w) & praised:
            problems.append(f"{w} is faulted inside a praised area")
    data = phrases()
    for t in data["achievement"]["tertiary"]:
        if prose_name(cat.tertiary[t]) in weak_text:
            problems.append("an achievement-phrased name in a weakness")
    for marker in data["achievement"]["markers"]:
        if marker in weak_text:
            problems.append(f"achievement marker {marker} in a weakness")
    return problems


def normalised_sentences(text: str, names) -> set[str]:
    for name in names:
        text = text.replace(name, "Ｒ")
    text = re.sub(r"\d+(\.\d+)?", "Ｎ", text)
    return {s for s in re.split(r"[。；]", text) if s.strip()}


# -- the phrase file ------------------------------------------------------------------------
def test_phrase_file_covers_the_catalogue(catalog):
    data = json.loads(PHRASE_FILE.read_text(encoding="utf-8"))
    assert data["catalog"] == catalog.id
    assert set(data["points"]) == {str(n) for n in catalog.points}
    assert set(data["tertiary"]) == {str(n) for n in catalog.tertiary}
    assert set(data["secondary"]) == {str(n) for n in catalog.secondary}
    assert set(data["area_names"]) == {str(n) for n in catalog.primary}
    for theme in data["chapter4"]["themes"]:
        assert all(t in catalog.tertiary for t in theme["tertiary"]), theme["id"]
        assert all(p in catalog.points for p in theme["points"]), theme["id"]
    assert [t["id"] for t in data["chapter4"]["themes"]] == ["mechanism", "talent", "awareness", "protection"]


def test_the_commentary_file_is_not_taken_for_a_catalogue():
    from jlip_desktop.core.catalog import builtin_ids

    assert "jilin-2021" in builtin_ids()
    assert not any("commentary" in i for i in builtin_ids())


def test_prose_names_are_written_as_the_report_writes_them(catalog):
    assert prose_name(catalog.tertiary[12]) == "规制商标恶意注册、非正常专利申请行为"
    assert prose_name(catalog.tertiary[15]) == "专业技术支撑"
    assert prose_name(catalog.tertiary[2]) == "定期召开专题会议"
    assert prose_name(catalog.tertiary[15], "en") == catalog.tertiary[15].name_en


# -- the rules on constructed scores ----------------------------------------------------------
def test_changchun_like_pattern_reads_like_the_report(catalog):
    worst = list(catalog.tertiary[12].children) + list(catalog.tertiary[15].children) + [36, 37, 38, 39, 40, 41]
    sc = _score(catalog, worst)
    c = region_commentary(sc, "长春市")
    assert set(c.strengths) == {("primary", 1), ("primary", 2), ("primary", 4)}
    assert "规制商标恶意注册、非正常专利申请行为" in c.of_kind("weakness")
    assert "提高专业技术支撑" in c.of_kind("weakness")
    assert "重点工作推进" in c.of_kind("weakness")
    assert "失分" not in c.text and "评估等级" not in c.text  # chapter 3 neither grades nor lists lost marks
    assert check_paragraph(sc, c) == []


def test_a_full_point_inside_a_weak_indicator_is_not_named(catalog):
    # 白城 in the old text: (23) full while (24) is lost: only the patent half is written
    sc = _score(catalog, [24, 32, 33])
    c = region_commentary(sc, "白城市")
    weak = c.of_kind("weakness")
    assert action_of(catalog, ("point", 24)) in weak
    assert "规制商标恶意注册" not in weak
    assert check_paragraph(sc, c) == []


def test_an_achievement_indicator_is_written_as_an_action(catalog):
    # 松原 in the old text: "需要重点改善，主要包括区域内知识产权保护工作取得突出进展或积极成效"
    sc = _score(catalog, [44, 6, 7, 16, 17, 19, 20, 23, 24])
    c = region_commentary(sc, "松原市")
    assert ("tertiary", 21) in c.weaknesses
    assert action_of(catalog, ("tertiary", 21)) in c.of_kind("weakness")
    assert check_paragraph(sc, c) == []


def test_an_area_is_never_praised_and_faulted(catalog):
    # primary 1 at 25/27 (92.6 %) but its tertiary 2 at 50 %: not praised, faulted with the action
    sc = _score(catalog, [4, 32, 33])
    c = region_commentary(sc, "通化市")
    assert ("primary", 1) not in c.strengths
    assert action_of(catalog, ("point", 4)) in c.of_kind("weakness")
    assert check_paragraph(sc, c) == []


def test_nothing_stands_out_every_area_has_room(catalog):
    worst = [n for n in catalog.points if n % 2 == 0 and n != 44]
    sc = _score(catalog, worst)
    c = region_commentary(sc, "白山市", variant=0)
    assert "提升空间" in c.text
    assert {("primary", 1), ("primary", 2), ("primary", 3)} <= set(c.weaknesses)
    assert check_paragraph(sc, c) == []


def test_full_marks_has_no_weaknesses(catalog):
    c = region_commentary(_score(catalog), "长春市")
    assert c.weaknesses == [] and "满分" in c.text and c.of_kind("weakness") == ""


def test_unanswered_and_veto_are_said(catalog):
    sc = _score(catalog, [1], missing=[30, 31])
    c = region_commentary(sc, "长春市")
    assert "2 个得分点尚未作答" in c.text
    assert ("不列入优秀等次" in c.text) == (catalog.grade_for(sc.total, False) != sc.grade)


def test_english_uses_catalogue_english_names(catalog):
    c = region_commentary(_score(catalog, list(catalog.tertiary[15].children)), "Changchun", "en")
    assert catalog.tertiary[15].name_en in c.text and "Changchun" in c.text
    with pytest.raises(ValueError):
        region_commentary(_score(catalog), "x", "fr")


# -- the must-hold rules on random scores ---------------------------------------------------------
@pytest.mark.parametrize("seed", range(6))
def test_random_scores_keep_every_rule(catalog, seed):
    for k, sc in enumerate(random_scores(catalog, 40, seed)):
        c = region_commentary(sc, f"地区{k}", variant=k)
        assert check_paragraph(sc, c) == [], c.text
        assert c.text.endswith("。")


def test_random_regions_vary_their_wording(catalog):
    scores = random_scores(catalog, 10, 99)
    names = [f"测试{k}市" for k in range(10)]
    texts = [region_commentary(sc, n, variant=k).text for k, (sc, n) in enumerate(zip(scores, names, strict=True))]
    counts = {}
    for t in texts:
        for s in normalised_sentences(t, names):
            counts[s] = counts.get(s, 0) + 1
    assert max(counts.values()) <= len(texts) // 2, max(counts.items(), key=lambda kv: kv[1])


# -- narrative, change, overview, chapter 4 -----------------------------------------------------
def test_narrative_takes_facts_from_the_notes_and_skips_references(catalog):
    notes = {2: "出台《若干措施》共18条", 16: "报告：需要加大投入。", 19: "查处案件104件，罚没146.65万元。"}
    text = narrative(notes, catalog, "吉林市", variant=0)
    assert "吉林市" in text and "《若干措施》共18条。" in text and "104件" in text
    assert "需要加大投入" not in text
    assert narrative({}, catalog, "吉林市") == "" and narrative({5: "报告：无"}, catalog, "吉林市") == ""


def test_change_since_last_year_names_the_area_that_moved_most(catalog):
    before = _score(catalog, list(catalog.tertiary[8].children) + [23])
    after = _score(catalog, [23])
    up = C.change_since(after, before, "长春市", 0)
    assert "提高 6.0 分" in up and "资源配备保障" in up
    down = C.change_since(before, after, "长春市", 0)
    assert "下降 6.0 分" in down


def test_province_overview_groups_as_the_report_does(store, catalog):
    from jlip_desktop.core.chartdata import ranking

    for code, worst in (("220100", [1, 23]), ("220200", [16, 17, 19, 8]), ("220300", [16, 17, 19, 8, 20, 21]),
                        ("220400", list(range(10, 45)))):
        store.new_assessment(code, 2021, answers={n: (worst_value(p) if n in worst else best_value(p))
                                                  for n, p in catalog.points.items()})
    rows = ranking(store, 2021)
    text = province_overview(rows)
    assert text.startswith(f"整体上看，{rows[0].region_short}知识产权保护水平居于前列")
    assert "4 个地区平均得分" in text
    assert rows[-1].region_short in text.split("；")[-1]


def test_chapter4_names_the_four_themes_and_the_indicators_weak_most_often(catalog):
    weak = [4, 6, 16, 17, 13, 14, 15, 32, 33, 9, 10, 11, 12, 18, 19, 23, 24, 35, 36]
    scores = [_score(catalog, weak + [k + 20]) for k in range(5)]
    ch = chapter4(scores, "吉林省", notes="部分地区反映执法人员不足。")
    heads = [h for h, _ in ch.problems]
    assert [h[:2] for h in heads[:4]] == ["一是", "二是", "三是", "四是"]
    assert "工作机制" in heads[0] and "人才" in heads[1] and "意识" in heads[2] and "保护水平" in heads[3]
    assert ch.problems[-1][1].endswith("部分地区反映执法人员不足。")
    assert len(ch.advice) == 4
    text = "".join(b for _, b in ch.problems)
    assert "5 个地区中 5 个低于 60%" in text


def test_a_scheme_without_a_phrase_file_gets_actions_from_its_own_names(catalog):
    from jlip_desktop.core.catalog import parse_catalog

    raw = json.loads(catalog.text) if catalog.text else dict(catalog.raw)
    raw["id"] = "test-scheme-2030"
    other = parse_catalog(json.dumps(raw, ensure_ascii=False), "test")
    answers = {n: (worst_value(p) if n in (16, 17, 32, 33) else best_value(p)) for n, p in other.points.items()}
    sc = score(other, answers)
    c = region_commentary(sc, "长春市")
    assert f"加强{prose_name(other.tertiary[15])}工作" in c.of_kind("weakness") and check_paragraph(sc, c) == []
    ch = chapter4([sc, sc])
    assert ch.problems and all(h == "" or h.startswith(("一是", "二是", "三是")) for h, _ in ch.problems)
