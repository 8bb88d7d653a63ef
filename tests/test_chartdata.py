from decimal import Decimal

from jlip_desktop.core.chartdata import average_radar, radar_series, ranking, trend
from jlip_desktop.core.scoring import best_value


def _fill(store, aid, points):
    cat = store.catalog("jilin-2021")
    for n in points:
        store.set_answer(aid, n, best_value(cat.points[n]), raw=False)


def test_radar_series_are_score_rates(store):
    aid = store.new_assessment("220100", 2021)
    _fill(store, aid, [1, 2, 44])  # 6 of 27 on primary 1, 3 of 3 on primary 4
    rates = {a.number: a.rate for a in radar_series(store.score(aid), "primary")}
    assert rates[1] == Decimal(6) * 100 / 27 and rates[4] == 100 and rates[2] == 0
    assert len(radar_series(store.score(aid), "secondary")) == 8


def test_ranking_orders_by_total_then_primary_3_then_code(store):
    a = store.new_assessment("220200", 2021)
    b = store.new_assessment("220100", 2021)
    c = store.new_assessment("220300", 2021)
    _fill(store, a, [18])  # 6 points on primary 3
    _fill(store, b, [13, 14])  # 6 points on primary 2
    _fill(store, c, [1, 2, 3])  # 8 points
    rows = ranking(store, 2021)
    assert [(r.region, r.rank) for r in rows] == [("220300", 1), ("220200", 2), ("220100", 2)]


def test_average_and_trend(store):
    a = store.new_assessment("220100", 2021)
    b = store.new_assessment("220100", 2022)
    _fill(store, b, [44])
    avg = average_radar([store.score(a), store.score(b)], "primary")
    assert avg[3].rate == 50
    assert trend(store, "220100") == [(2021, Decimal(0)), (2022, Decimal(3))]


def test_ranking_within_a_tier(store):
    city = store.new_assessment("220100", 2022)
    county = store.new_assessment("220183", 2022)
    _fill(store, county, [1, 2])
    assert [r.assessment_id for r in ranking(store, 2022)] == [county, city]
    assert [(r.assessment_id, r.rank) for r in ranking(store, 2022, "prefecture")] == [(city, 1)]
    assert [(r.assessment_id, r.rank) for r in ranking(store, 2022, "county")] == [(county, 1)]


def test_drafts_and_incomplete_assessments_are_marked_and_left_out_by_default(store):
    from jlip_desktop.core.chartdata import rank_regions
    from jlip_desktop.core.scoring import best_value

    full = {n: best_value(p) for n, p in store.catalog("jilin-2021").points.items()}
    done = store.new_assessment("220100", 2021, answers=full)
    store.submit(done)
    draft = store.new_assessment("220200", 2021, answers=full)
    partial = store.import_assessment("220300", 2021, "jilin-2021", {1: True}, {}, status="submitted", revision=1)
    assert [(r.assessment_id, r.rank, r.basis_label) for r in rank_regions(store, 2021)] == [(done, 1, "自评")]
    rows = rank_regions(store, 2021, with_excluded=True)
    assert [(r.assessment_id, r.rank, r.remark) for r in rows] == [(done, 1, ""), (draft, None, "草稿"),
                                                                   (partial, None, "未完成")]
    assert [r.assessment_id for r in rank_regions(store, 2021, include_drafts=True)] == [done, draft, partial]
    assert [r.eligible for r in ranking(store, 2021)] == [True, False, False]


def test_an_approved_review_ranks_by_the_verified_total(store):
    from jlip_desktop.core import review
    from jlip_desktop.core.chartdata import rank_regions
    from jlip_desktop.core.scoring import best_value

    full = {n: best_value(p) for n, p in store.catalog("jilin-2021").points.items()}
    a = store.import_assessment("220100", 2021, "jilin-2021", full, {}, status="submitted", revision=1)
    b = store.import_assessment("220200", 2021, "jilin-2021", {**full, 2: False}, {}, status="submitted",
                                revision=1)
    review.set_verdict(store, a, 1, "adjust", False, "未完成")
    review.set_verdict(store, a, 3, "adjust", False)
    rows = rank_regions(store, 2021)
    assert [(r.assessment_id, r.basis) for r in rows] == [(a, "self"), (b, "self")]  # not yet approved
    assert rows[0].verified_total < rows[0].self_total
    review.decide(store, a, "approve")
    rows = rank_regions(store, 2021)
    assert [(r.assessment_id, r.basis_label) for r in rows] == [(b, "自评"), (a, "核定")]
    assert rows[1].total == review.verified_score(store, a).total == rows[1].verified_total
    assert rows[1].score.vetoed and rows[1].grade != "优秀"
