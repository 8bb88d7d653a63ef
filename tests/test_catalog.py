import copy
import json
from decimal import Decimal

import pytest

from jlip_desktop.core.catalog import CatalogError, get_catalog, parse_catalog

# Table 1 of the 2021 report (seed 004): the maxima at every level.
TABLE1_PRIMARY = {1: 27, 2: 14, 3: 56, 4: 3}
TABLE1_SECONDARY = {1: 10, 2: 17, 3: 14, 4: 29, 5: 12, 6: 6, 7: 9, 8: 3}
TABLE1_TERTIARY = {1: 6, 2: 4, 3: 3, 4: 5, 5: 5, 6: 4, 7: 8, 8: 6, 9: 6, 10: 6, 11: 12, 12: 5,
                   13: 3, 14: 6, 15: 3, 16: 3, 17: 3, 18: 5, 19: 2, 20: 2, 21: 3}


def _sum_points(cat, tertiary_no):
    return sum((cat.points[p].max for p in cat.tertiary[tertiary_no].children), Decimal(0))


def test_maxima_from_points_reproduce_table1_at_every_level(catalog):
    ter = {n: _sum_points(catalog, n) for n in catalog.tertiary}
    sec = {n: sum((ter[t] for t in s.children), Decimal(0)) for n, s in catalog.secondary.items()}
    pri = {n: sum((sec[s] for s in p.children), Decimal(0)) for n, p in catalog.primary.items()}
    assert ter == TABLE1_TERTIARY
    assert sec == TABLE1_SECONDARY
    assert pri == TABLE1_PRIMARY
    assert sum(pri.values()) == 100 == catalog.total_max


def test_shape_is_4_8_21_44(catalog):
    assert (len(catalog.primary), len(catalog.secondary), len(catalog.tertiary), len(catalog.points)) == (4, 8, 21, 44)
    assert list(catalog.points) == list(range(1, 45))


def test_kinds_follow_the_wording_of_appendix_1(catalog):
    kinds = {n: p.kind for n, p in catalog.points.items()}
    assert {n for n, k in kinds.items() if k == "count"} == {10, 12}
    assert {n for n, k in kinds.items() if k == "domains"} == {9, 20}
    assert {n for n, k in kinds.items() if k == "graded"} == {19, 24}
    for n, p in catalog.points.items():
        if p.kind == "yesno":
            assert "得" in p.rule and "每" not in p.rule, n
        if p.kind in ("count", "domains"):
            assert "最多得" in p.rule, n


def test_domain_list_is_shared_by_points_9_and_20(catalog):
    expected = ("专利", "商标", "著作权", "地理标志", "商业秘密", "植物新品种", "海关保护", "知识产权代理服务")
    assert catalog.points[9].domains == expected == catalog.points[20].domains


def test_only_point_1_carries_the_veto(catalog):
    assert [n for n, p in catalog.points.items() if p.veto] == [1]
    assert catalog.veto_excludes == ("优秀",)


def test_table1_name_kept_where_it_differs_from_appendix(catalog):
    t20 = catalog.tertiary[20]
    assert t20.name == "知识产权保护国际交流合作及信息沟通情况"
    assert t20.table1_name == "知识产权保护国际合作及信息沟通情况"


@pytest.fixture
def raw(catalog):
    return copy.deepcopy(catalog.raw)


def _point(raw, n):
    for p in raw["primary"]:
        for s in p["secondary"]:
            for t in s["tertiary"]:
                for pt in t["points"]:
                    if pt["number"] == n:
                        return pt, t
    raise KeyError(n)


def test_broken_maximum_is_refused_naming_the_node(raw):
    _point(raw, 5)[0]["max"] = 4
    with pytest.raises(CatalogError, match=r"tertiary indicator 3: maximum 3 but its parts add up to 4"):
        parse_catalog(json.dumps(raw, ensure_ascii=False))


def test_duplicate_point_number_is_refused(raw):
    _point(raw, 6)[0]["number"] = 5
    with pytest.raises(CatalogError, match=r"scoring point \(5\): number used twice"):
        parse_catalog(json.dumps(raw, ensure_ascii=False))


def test_kind_without_what_it_needs_is_refused(raw):
    del _point(raw, 19)[0]["step"]
    with pytest.raises(CatalogError, match=r"scoring point \(19\).*step"):
        parse_catalog(json.dumps(raw, ensure_ascii=False))
    raw2 = json.loads(json.dumps(raw))
    _point(raw2, 9)[0]["domains"] = "no-such-list"
    with pytest.raises(CatalogError, match=r"scoring point \(9\).*domains"):
        parse_catalog(json.dumps(raw2, ensure_ascii=False))


def test_unknown_kind_and_bad_json_are_refused(raw):
    _point(raw, 2)[0]["kind"] = "maybe"
    with pytest.raises(CatalogError, match=r"scoring point \(2\): kind must be one of"):
        parse_catalog(json.dumps(raw, ensure_ascii=False))
    with pytest.raises(CatalogError, match="not valid JSON"):
        parse_catalog("{", "x.json")


def test_unknown_catalogue_id():
    with pytest.raises(CatalogError, match="unknown catalogue 'jilin-1999'"):
        get_catalog("jilin-1999")
