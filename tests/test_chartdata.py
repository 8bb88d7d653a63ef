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
