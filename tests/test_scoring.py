from decimal import Decimal

import pytest

from jlip_desktop.core.scoring import (
    AnswerError,
    best_value,
    parse_answers_doc,
    score,
    validate_answers,
    worst_value,
)


def _best(catalog, **override):
    a = {n: best_value(p) for n, p in catalog.points.items()}
    a.update({int(k[1:]): v for k, v in override.items()})
    return a


def test_count_is_capped(catalog):
    a = validate_answers(catalog, {"10": 6})
    assert score(catalog, a).points[10] == Decimal("1.0")


def test_three_events_give_exactly_0_6(catalog):
    sc = score(catalog, validate_answers(catalog, {"12": 3}))
    assert sc.points[12] == Decimal("0.6")
    assert sc.to_json()["points"]["12"]["score"] == 0.6
    assert str(sc.to_json()["total"]) == "0.6"


def test_domains_score_per_domain_with_cap(catalog):
    sc = score(catalog, validate_answers(catalog, {"9": ["专利", "商标", "著作权"], "20": ["专利", "商标"]}))
    assert sc.points[9] == Decimal("0.6")
    assert sc.points[20] == Decimal("2")
    all8 = list(catalog.points[20].domains)
    sc = score(catalog, validate_answers(catalog, {"9": all8, "20": all8}))
    assert (sc.points[9], sc.points[20]) == (Decimal("1"), Decimal("5"))


def test_graded_in_half_steps(catalog):
    sc = score(catalog, validate_answers(catalog, {"19": 4.5, "24": 3}))
    assert (sc.points[19], sc.points[24]) == (Decimal("4.5"), Decimal("3"))
    assert sc.tertiary[10] == Decimal("4.5")


def test_yes_no(catalog):
    sc = score(catalog, validate_answers(catalog, {"18": True, "1": False}))
    assert (sc.points[18], sc.points[1]) == (Decimal(6), Decimal(0))


def test_best_and_worst(catalog):
    best = score(catalog, {n: best_value(p) for n, p in catalog.points.items()})
    worst = score(catalog, {n: worst_value(p) for n, p in catalog.points.items()})
    assert (best.total, best.grade.name, best.vetoed, best.unanswered) == (100, "优秀", False, 0)
    assert (worst.total, worst.grade.name, worst.answered) == (0, "较差", 44)
    assert len(worst.lost) == 44 and best.lost == ()


def test_veto_96_without_point_1_is_not_excellent(catalog):
    sc = score(catalog, _best(catalog, p1=False))
    assert sc.total == 96 and sc.vetoed
    assert sc.grade.name == "良好"


def test_grade_bands(catalog):
    assert catalog.grade_for(Decimal("85"), False).name == "优秀"
    assert catalog.grade_for(Decimal("84.9"), False).name == "良好"
    assert catalog.grade_for(Decimal("70"), False).name == "良好"
    assert catalog.grade_for(Decimal("60"), False).name == "一般"
    assert catalog.grade_for(Decimal("59.9"), False).name == "较差"


def test_unanswered_is_not_zero(catalog):
    sc = score(catalog, validate_answers(catalog, {"1": True}))
    assert sc.answered == 1 and sc.unanswered == 43
    assert 2 in sc.unanswered_points and 1 not in sc.unanswered_points
    assert sc.lost == ()  # unanswered points are not "lost"


def test_lost_points_carry_their_rule(catalog):
    sc = score(catalog, validate_answers(catalog, {"23": False, "24": 1.5}))
    assert [(x.point, x.lost) for x in sc.lost] == [(23, Decimal(2)), (24, Decimal("1.5"))]
    assert sc.lost[0].rule == catalog.points[23].rule


@pytest.mark.parametrize(
    "answers, match",
    [
        ({"10": -1}, r"point \(10\) is count: .*negative"),
        ({"10": 1.5}, r"point \(10\) is count: .*fraction"),
        ({"10": "3"}, r"point \(10\) is count: expected a whole number"),
        ({"9": ["专利", "版权"]}, r"point \(9\) is domains: unknown domain \"版权\""),
        ({"9": "专利"}, r"point \(9\) is domains: expected a list"),
        ({"19": 4.7}, r"point \(19\) is graded: .*off the steps"),
        ({"19": 6.5}, r"point \(19\) is graded: .*outside 0–6"),
        ({"24": -0.5}, r"point \(24\) is graded"),
        ({"45": True}, r"unknown point \"45\""),
        ({"abc": True}, r"unknown point \"abc\""),
        ({"1": "yes"}, r"point \(1\) is yes/no: expected true or false"),
        ({"1": 1}, r"point \(1\) is yes/no"),
        ({"18": None}, r"point \(18\).*null"),
        ({"12": True}, r"point \(12\) is count"),
    ],
)
def test_bad_answers_are_refused_naming_the_point(catalog, answers, match):
    with pytest.raises(AnswerError, match=match):
        validate_answers(catalog, answers)


def test_answers_document_checks(catalog):
    doc = parse_answers_doc({"format": "jlip-answers/1", "catalog": "jilin-2021", "region": "220100",
                             "year": 2021, "answers": {"1": True}})
    assert doc.region == "220100" and doc.year == 2021 and doc.answers == {1: True}
    with pytest.raises(AnswerError, match="'format' must be"):
        parse_answers_doc({"format": "jlip-answers/2", "answers": {}})
    with pytest.raises(AnswerError, match="unknown catalogue"):
        parse_answers_doc({"format": "jlip-answers/1", "catalog": "x", "answers": {}})
    with pytest.raises(AnswerError, match="'answers' is missing"):
        parse_answers_doc({"format": "jlip-answers/1"})
    with pytest.raises(AnswerError, match="'year' must be"):
        parse_answers_doc({"format": "jlip-answers/1", "year": "2021", "answers": {}})
