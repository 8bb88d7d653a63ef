from decimal import Decimal

import pytest

from jlip_desktop.core.scoring import best_value, score, worst_value
from jlip_desktop.reports.commentary import (
    NEAR_FULL_RATE,
    WEAK_RATE,
    prose_name,
    province_overview,
    region_commentary,
    weakest_tertiaries,
)


def _score(catalog, worst=(), missing=()):
    answers = {n: best_value(p) for n, p in catalog.points.items() if n not in missing}
    for n in worst:
        answers[n] = worst_value(catalog.points[n])
    return score(catalog, answers)


def _points_of_tertiary(catalog, t):
    return list(catalog.tertiary[t].children)


def test_prose_names_are_written_as_the_report_writes_them(catalog):
    # Seed 004, chapter 3 (长春市): "规制商标恶意注册、非正常专利申请行为、专业技术支撑"
    assert prose_name(catalog.tertiary[12]) == "规制商标恶意注册、非正常专利申请行为"
    assert prose_name(catalog.tertiary[15]) == "专业技术支撑"
    assert prose_name(catalog.tertiary[2]) == "定期召开专题会议"
    assert prose_name(catalog.tertiary[3]) == "信息报送"
    assert prose_name(catalog.tertiary[15], "en") == catalog.tertiary[15].name_en


def test_changchun_like_pattern_reads_like_the_report(catalog):
    # Lost marks on 12 (trademarks / irregular patents), 15 (technical support) and overseas work.
    worst = _points_of_tertiary(catalog, 12) + _points_of_tertiary(catalog, 15) + [36, 40]
    sc = _score(catalog, worst)
    c = region_commentary(sc, "长春市")
    assert "规制商标恶意注册、非正常专利申请行为" in c.text
    assert "专业技术支撑" in c.text
    assert "在重点工作推进方面需要继续加强，主要包括" in c.text
    # primaries 1, 2 and 4 are untouched: full marks, named as strengths
    assert {r for r in c.strengths} == {("primary", 1), ("primary", 2), ("primary", 4)}
    assert "得到满分" in c.text and c.text.startswith("长春市知识产权保护水平评估得分")
    assert sc.grade.name in c.text and f"{sc.total.quantize(Decimal('0.1'))}分" in c.text


def test_near_full_primary_is_called_near_full_marks(catalog):
    # lose one 2-mark point of primary 1 (27): 25/27 = 92.6 % >= NEAR_FULL_RATE
    sc = _score(catalog, [4])
    assert NEAR_FULL_RATE <= sc.rate("primary", 1) < 100
    c = region_commentary(sc, "吉林市")
    assert f"在{prose_name(catalog.primary[1])}方面，吉林市得分接近满分" in c.text
    assert c.strengths[-1] == ("primary", 1)  # strongest first: the full-mark ones lead


def test_weakest_indicator_is_named_even_when_it_is_not_weak(catalog):
    # Only one small loss: tertiary 10 at 4/6 = 66.7 %, above WEAK_RATE, still named.
    pt = catalog.tertiary[10].children[0]
    answers = {n: best_value(p) for n, p in catalog.points.items()}
    answers[pt] = catalog.points[pt].max - catalog.points[pt].step * 2
    sc = score(catalog, answers)
    assert sc.rate("tertiary", 10) >= WEAK_RATE
    c = region_commentary(sc, "四平市")
    assert c.weaknesses[0] == ("tertiary", 10)
    assert prose_name(catalog.tertiary[10]) in c.text
    assert ("point", pt) in c.weaknesses and catalog.points[pt].label in c.text


@pytest.mark.parametrize("t", [1, 6, 11, 14, 18, 21])
def test_weaknesses_start_with_the_lowest_rate_tertiary(catalog, t):
    # Zero a whole tertiary indicator and a part of another: the zeroed one is the weakest.
    other = 9 if t != 9 else 8
    sc = _score(catalog, _points_of_tertiary(catalog, t) + [catalog.tertiary[13].children[0]])
    c = region_commentary(sc, "辽源市")
    lowest = min(sc.rate("tertiary", n) for n in catalog.tertiary)
    level, number = c.weaknesses[0]
    assert level == "tertiary" and sc.rate("tertiary", number) == lowest == 0
    assert number == t and prose_name(catalog.tertiary[t]) in c.text
    assert other  # the untouched one is never a weakness
    assert ("tertiary", other) not in c.weaknesses


def test_points_that_lost_most_come_after_the_indicators_most_first(catalog):
    sc = _score(catalog, [18, 23, 26])  # lose 6, 2 and 1 marks
    c = region_commentary(sc, "通化市")
    pts = [n for level, n in c.weaknesses if level == "point"]
    assert pts == [18, 23, 26]
    assert c.text.index(catalog.points[18].label) < c.text.index(catalog.points[23].label)
    assert "失6分" in c.text


def test_quotes_inside_quoted_labels_become_single_quotes(catalog):
    c = region_commentary(_score(catalog, [10]), "通化市")  # label: 开展“五进”公益宣传活动
    assert "“开展‘五进’公益宣传活动”" in c.text


def test_full_marks_has_no_weaknesses(catalog):
    c = region_commentary(_score(catalog), "白山市")
    assert c.weaknesses == [] and "各项指标均得到满分" in c.text
    assert len(c.strengths) == len(catalog.primary)


def test_all_zero_says_every_part_has_room_and_mentions_unanswered(catalog):
    sc = score(catalog, {})
    c = region_commentary(sc, "松原市")
    assert c.strengths == []
    assert "各个方面均有很大提升空间" in c.text and "需要重点改善" in c.text
    assert f"{len(catalog.points)}个得分点尚未作答" in c.text
    assert c.weaknesses[0][0] == "tertiary"


def test_veto_sentence_only_when_it_lowered_the_grade(catalog):
    veto_pt = next(n for n, p in catalog.points.items() if p.veto)
    vetoed_high = _score(catalog, [veto_pt])  # 96 points but not 优秀
    assert vetoed_high.vetoed and vetoed_high.grade.name != catalog.grade_for(vetoed_high.total, False).name
    text = region_commentary(vetoed_high, "白城市").text
    assert "不列入" in text and catalog.points[veto_pt].label in text
    low = score(catalog, {})  # vetoed too, but 0 points is 较差 anyway
    assert "不列入" not in region_commentary(low, "白城市").text


def test_english_uses_catalogue_english_names(catalog):
    sc = _score(catalog, _points_of_tertiary(catalog, 15))
    c = region_commentary(sc, "Changchun", lang="en")
    assert catalog.tertiary[15].name_en in c.text
    assert "Changchun scored" in c.text and sc.grade.name_en in c.text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in c.text)
    with pytest.raises(ValueError):
        region_commentary(sc, "x", lang="fr")


def test_texts_follow_the_scores_not_a_template(catalog):
    a = region_commentary(_score(catalog, _points_of_tertiary(catalog, 6)), "甲").text
    b = region_commentary(_score(catalog, _points_of_tertiary(catalog, 17)), "甲").text
    assert a != b
    weak_a, weak_b = a.split("主要包括")[1], b.split("主要包括")[1]
    assert prose_name(catalog.tertiary[6]) in weak_a and prose_name(catalog.tertiary[6]) not in weak_b
    assert prose_name(catalog.tertiary[17]) in weak_b


def test_weakest_tertiaries_ties_broken_by_marks_lost(catalog):
    # tertiary 11 (12 marks) and 3 (3 marks) both at 0 %: the bigger hole comes first
    sc = _score(catalog, _points_of_tertiary(catalog, 3) + _points_of_tertiary(catalog, 11))
    assert weakest_tertiaries(sc)[:2] == [11, 3]


def test_province_overview_names_leader_and_grades(store, catalog):
    from jlip_desktop.core.chartdata import ranking

    a = store.new_assessment("220100", 2021, answers={n: best_value(p) for n, p in catalog.points.items()})
    store.new_assessment("220200", 2021, answers={})
    rows = ranking(store, 2021)
    assert rows[0].assessment_id == a
    text = province_overview(rows)
    assert "长春市知识产权保护水平居于前列" in text and "得分最低的是吉林市" in text
    assert "“优秀”" in text and "“较差”" in text
    assert "Changchun" in province_overview(rows, "en") or rows[0].region_name in province_overview(rows, "en")
