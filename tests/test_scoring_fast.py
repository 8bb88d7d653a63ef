"""score() walks a precomputed plan of the catalogue; score_reference is the plain definition.

Random answer sets (seeded, so the test is deterministic) must give identical
Score objects, down to each Decimal's digits and exponent."""

import random
from decimal import Decimal

from jlip_desktop.core.catalog import builtin_ids, get_catalog
from jlip_desktop.core.scoring import best_value, score, score_reference, validate_answers, worst_value


def _random_value(rng, p):
    kind = p.kind
    r = rng.random()
    if r < 0.15:
        return worst_value(p)
    if r < 0.3:
        return best_value(p)
    if kind == "yesno":
        return rng.random() < 0.5
    if kind == "count":
        return rng.choice([0, 1, 2, 3, 5, 7, 50, 1_000_000])
    if kind == "domains":
        return tuple(d for d in p.domains if rng.random() < 0.5)
    steps = int(p.max / p.step)
    return (p.step * rng.randint(0, steps)).normalize() if rng.random() < 0.5 else p.step * rng.randint(0, steps)


def _exact(sc):
    """Every Decimal with its exponent (Decimal('1.0') != Decimal('1') here)."""
    def d(x):
        return str(x) if isinstance(x, Decimal) else x
    return (
        str(sc.total), str(sc.max), sc.grade, sc.vetoed, sc.answered, sc.unanswered,
        {k: d(v) for k, v in sc.primary.items()}, {k: d(v) for k, v in sc.secondary.items()},
        {k: d(v) for k, v in sc.tertiary.items()}, {k: d(v) for k, v in sc.points.items()},
        sc.answered_points, tuple((x.point, str(x.score), str(x.max), x.rule) for x in sc.lost), sc.problems,
        list(sc.points), list(sc.tertiary), list(sc.secondary), list(sc.primary),
    )


def test_fast_score_equals_reference_on_random_answer_sets():
    rng = random.Random(20261122)
    for cid in builtin_ids():
        cat = get_catalog(cid)
        for _ in range(400):
            answers = {n: _random_value(rng, p) for n, p in cat.points.items() if rng.random() < 0.8}
            fast, ref = score(cat, answers), score_reference(cat, answers)
            assert _exact(fast) == _exact(ref)
            assert fast == ref
            assert fast.to_json() == ref.to_json()


def test_fast_score_equals_reference_on_edge_sets(catalog):
    cat = catalog
    sets = [
        {},
        {n: best_value(p) for n, p in cat.points.items()},
        {n: worst_value(p) for n, p in cat.points.items()},
        validate_answers(cat, {"17": True}),
        validate_answers(cat, {"16": False, "17": True}),
        {n: None for n in cat.points},  # keys present without a value: answered, scoring 0, as the reference does
    ]
    for answers in sets:
        assert _exact(score(cat, answers)) == _exact(score_reference(cat, answers))
