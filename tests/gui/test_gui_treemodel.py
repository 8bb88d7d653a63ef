"""The indicator tree model, without any view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from jlip_desktop.core.scoring import best_value, fmt, one_decimal, score
from jlip_desktop.gui.treemodel import (
    COL_MAX,
    COL_NAME,
    COL_SCORE,
    AnsweredRole,
    IndicatorModel,
    LevelRole,
    NumberRole,
    ScoreRole,
    UnansweredCountRole,
)


def _walk(model, parent=QModelIndex()):
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        yield idx
        yield from _walk(model, idx)


def test_tree_mirrors_the_catalogue(qapp, catalog):
    model = IndicatorModel(catalog)
    assert model.rowCount() == len(catalog.primary)
    seen = {}
    for idx in _walk(model):
        seen.setdefault(idx.data(LevelRole), []).append(idx.data(NumberRole))
        assert model.parent(idx) == (idx.parent())
    assert sorted(seen["primary"]) == sorted(catalog.primary)
    assert sorted(seen["secondary"]) == sorted(catalog.secondary)
    assert sorted(seen["tertiary"]) == sorted(catalog.tertiary)
    assert seen["point"] == list(catalog.points)  # tree order is catalogue order
    assert model.point_order() == list(catalog.points)


def test_maximum_column_comes_from_the_catalogue(qapp, catalog):
    model = IndicatorModel(catalog)
    for n, node in catalog.secondary.items():
        assert model.index_for("secondary", n, COL_MAX).data() == fmt(node.max)
    for n, p in catalog.points.items():
        assert model.index_for("point", n, COL_MAX).data() == fmt(p.max)


def test_unanswered_points_are_marked_and_counted(qapp, catalog):
    model = IndicatorModel(catalog)
    first = next(iter(catalog.points))
    model.set_score(score(catalog, {first: best_value(catalog.points[first])}))
    assert model.index_for("point", first).data(AnsweredRole) is True
    other = list(catalog.points)[1]
    idx = model.index_for("point", other)
    assert idx.data(AnsweredRole) is False
    assert model.index_for("point", other, COL_SCORE).data() == "—"
    assert idx.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert idx.data(Qt.ItemDataRole.FontRole).italic()
    t, s, p = catalog.ancestors(other)
    below = [n for n in catalog.points if catalog.ancestors(n)[2].number == p.number and n != first]
    assert model.index_for("primary", p.number).data(UnansweredCountRole) == len(below)


def test_set_score_changes_only_the_cells_that_moved(qapp, catalog, qtbot):
    model = IndicatorModel(catalog)
    model.set_score(score(catalog, {}))
    point = next(n for n, p in catalog.points.items() if p.kind == "yesno")
    changed = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.data(LevelRole), a.data(NumberRole),
                                                                      a.column(), b.column())))
    new = score(catalog, {point: True})
    n = model.set_score(new)
    t, s, p = catalog.ancestors(point)
    assert {(lv, no) for lv, no, _a, _b in changed} == {
        ("point", point), ("tertiary", t.number), ("secondary", s.number), ("primary", p.number)
    }
    assert n == 4
    for level, number in (("point", point), ("tertiary", t.number), ("secondary", s.number),
                          ("primary", p.number)):
        idx = model.index_for(level, number, COL_SCORE)
        assert idx.data() == one_decimal(new.node(level, number))
        assert idx.data(ScoreRole) == new.node(level, number)


def test_answering_a_point_with_zero_still_repaints_its_name(qapp, catalog):
    model = IndicatorModel(catalog)
    model.set_score(score(catalog, {}))
    point = next(n for n, p in catalog.points.items() if p.kind == "yesno")
    changed = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.data(NumberRole), a.column(), b.column())))
    model.set_score(score(catalog, {point: False}))  # same score 0, but now answered
    assert (point, COL_NAME, COL_SCORE) in changed


def test_language_switches_catalogue_names(qapp, catalog):
    model = IndicatorModel(catalog)
    n = next(iter(catalog.primary))
    assert model.index_for("primary", n).data() == catalog.primary[n].name
    model.set_language("en")
    assert model.index_for("primary", n).data() == catalog.primary[n].name_en
    pt = next(iter(catalog.points))
    assert catalog.points[pt].label_en in model.index_for("point", pt).data()
    model.set_language("zh")
    assert model.index_for("primary", n).data() == catalog.primary[n].name
