"""Catalogue rules that are data: requires, tie-break, veto wording, year, safe ids."""

import copy
import json
from decimal import Decimal

import pytest

from jlip_desktop.core.catalog import CatalogError, get_catalog, parse_catalog
from jlip_desktop.core.scoring import RequiresError, best_value, check_submittable, score


def _raw():
    return copy.deepcopy(get_catalog("jilin-2021").raw)


def _point(raw, n):
    for p in raw["primary"]:
        for s in p["secondary"]:
            for t in s["tertiary"]:
                for pt in t["points"]:
                    if pt["number"] == n:
                        return pt
    raise KeyError(n)


def _parse(raw):
    return parse_catalog(json.dumps(raw, ensure_ascii=False), "test")


def test_jilin_2021_has_17_requires_16_tie_break_3_and_year(catalog):
    assert catalog.points[17].requires == (16,)
    assert [n for n, p in catalog.points.items() if p.requires] == [17]
    assert catalog.tie_break == 3 and catalog.tie_break_node.name == "重点工作推进情况"
    assert catalog.year == 2021
    assert catalog.veto_text() == "考核要点(1)未得满分，不列入优秀等次"
    assert "Excellent" in catalog.veto_text("en")


def test_rule_texts_write_brackets_full_width_and_notes_say_whose_step_it_is(catalog):
    for n, p in catalog.points.items():
        assert not set("(),;:") & set(p.rule), n
    assert catalog.points[17].rule.startswith("各（区、市）")
    assert catalog.points[44].rule.startswith("（区、市）")
    step_notes = [x for x in catalog.notes if "(19)" in x and "(24)" in x]
    assert step_notes and "0.5" in step_notes[0] and "this tool's" in step_notes[0]


def test_loader_refuses_requires_naming_a_missing_point():
    raw = _raw()
    _point(raw, 17)["requires"] = [99]
    with pytest.raises(CatalogError, match=r"point \(17\).*requires.*\(99\).*does not exist") as e:
        _parse(raw)
    assert e.value.code == "catalog.requires_missing" and e.value.params == {"point": 17, "requires": 99}


def test_loader_refuses_a_requires_cycle_and_a_point_requiring_itself():
    raw = _raw()
    _point(raw, 16)["requires"] = [30]
    _point(raw, 30)["requires"] = [17]
    with pytest.raises(CatalogError, match=r"cycle: \(16\) → \(30\) → \(17\) → \(16\)") as e:
        _parse(raw)
    assert e.value.code == "catalog.requires_cycle"
    raw = _raw()
    _point(raw, 5)["requires"] = [5]
    with pytest.raises(CatalogError, match=r"\(5\).*itself"):
        _parse(raw)


@pytest.mark.parametrize("bad", [9, "3", True])
def test_loader_refuses_a_tie_break_that_is_not_a_primary_indicator(bad):
    raw = _raw()
    raw["tie_break"] = bad
    with pytest.raises(CatalogError, match="tie_break"):
        _parse(raw)


@pytest.mark.parametrize("bad", ["Jilin 2021", "../x", "吉林", "", "con", "nul.2022", "com1", "aux.x"])
def test_loader_refuses_an_id_that_is_not_a_safe_file_name(bad):
    raw = _raw()
    raw["id"] = bad
    with pytest.raises(CatalogError):
        _parse(raw)


def _best(cat):
    return {n: best_value(p) for n, p in cat.points.items()}


def test_17_yes_with_16_no_is_a_problem_but_scores_are_unchanged(catalog):
    answers = _best(catalog)
    answers[16] = False
    sc = score(catalog, answers)
    assert [(p.point, p.requires) for p in sc.problems] == [(17, 16)]
    assert sc.total == Decimal(96) and sc.points[17] == 2
    js = sc.to_json()
    assert js["problems"] == [{"point": 17, "requires": 16, "message": sc.problems[0].message}]
    assert "(17)" in js["problems"][0]["message"] and "(16)" in js["problems"][0]["message"]
    with pytest.raises(RequiresError) as e:
        check_submittable(sc)
    assert e.value.code == "submit.requires" and e.value.params["points"] == [17]


@pytest.mark.parametrize("a16,a17", [(True, True), (True, False), (False, False), (None, True)])
def test_no_problem_when_the_rule_holds_or_16_is_not_answered_yet(catalog, a16, a17):
    answers = _best(catalog)
    answers[17] = a17
    if a16 is None:
        del answers[16]
    else:
        answers[16] = a16
    sc = score(catalog, answers)
    assert sc.problems == () and sc.to_json()["problems"] == []


def test_store_refuses_to_submit_with_a_broken_requires_rule(store):
    cat = store.catalog("jilin-2021")
    aid = store.new_assessment("220300", 2021)
    answers = _best(cat)
    answers[16] = False
    for n, v in answers.items():
        store.set_answer(aid, n, v, raw=False)
    before = store.score(aid).total
    with pytest.raises(RequiresError, match=r"point \(17\) requires point \(16\)") as e:
        store.submit(aid)
    assert e.value.params["points"] == [17]
    assert store.assessment(aid).status == "draft" and store.score(aid).total == before
    store.set_answer(aid, 16, True)
    store.submit(aid)
    assert store.assessment(aid).status == "submitted"


def test_an_older_stored_copy_that_scores_alike_gives_way_to_the_shipped_revision(store):
    cat = get_catalog("jilin-2021")
    old = copy.deepcopy(cat.raw)
    del _point(old, 17)["requires"]
    old_text = json.dumps(old, ensure_ascii=False)
    store.conn.execute("UPDATE catalogues SET text = ? WHERE id = 'jilin-2021'", (old_text,))
    store._catalogs.clear()
    assert store.catalog("jilin-2021").points[17].requires == (16,)
    # A stored copy that scores differently is kept: the assessment stays scored by it.
    old["grades"][1]["min"] = 72
    store.conn.execute("UPDATE catalogues SET text = ? WHERE id = 'jilin-2021'", (json.dumps(old, ensure_ascii=False),))
    store._catalogs.clear()
    kept = store.catalog("jilin-2021")
    assert kept.grades[1].min == 72 and kept.points[17].requires == ()
