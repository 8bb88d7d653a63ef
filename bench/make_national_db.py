"""A national-pilot-sized database: 2,800 county-level regions x 10 years = 28,000 assessments.

    python bench/make_national_db.py OUT.sqlite [--regions 2800] [--years 10] [--first-year 2012]

Made the way a province would: `jlip regions-import` of a CSV of made-up
regions (31 provinces, their prefectures and counties, codes shaped like
GB/T 2260 under 11..65 — not real divisions), then `jlip import-answers` of
one JSON list with every point answered (deterministic pseudo-random answers,
every requires rule kept).  Both through the verbs' core functions
(core.regions.import_regions, core.bulk.import_answers), all in one
transaction each.  Also writes OUT.regions.csv and OUT.answers.json beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def regions_csv(n_counties: int) -> tuple[str, list[str]]:
    """code,name,parent for provinces, prefectures and n_counties counties; the county codes."""
    lines = ["code,name,parent,name_en"]
    counties: list[str] = []
    provinces = [p for p in range(11, 66) if p % 10]  # 11..65 without x0: 45 two-digit prefixes
    per_province = -(-n_counties // 31)
    for pi, pp in enumerate(provinces[:31]):
        lines.append(f"{pp}0000,测试省{pi + 1},,Test province {pi + 1}")
        made = 0
        for cc in range(1, 99):
            if made >= per_province or len(counties) >= n_counties:
                break
            lines.append(f"{pp}{cc:02d}00,测试省{pi + 1}第{cc}市,{pp}0000,Test city {pp}{cc:02d}")
            for nn in range(1, 13):
                if made >= per_province or len(counties) >= n_counties:
                    break
                code = f"{pp}{cc:02d}{nn:02d}"
                lines.append(f"{code},测试{pp}{cc:02d}{nn:02d}县,{pp}{cc:02d}00,Test county {code}")
                counties.append(code)
                made += 1
    return "\n".join(lines) + "\n", counties


def answers_docs(catalog, counties: list[str], years: list[int], seed: int = 2800) -> list[dict]:
    from jlip_desktop.core.scoring import best_value, requires_problems, score, worst_value

    rng = random.Random(seed)
    docs = []
    for year in years:
        for code in counties:
            level = rng.random()
            answers = {n: best_value(p) if rng.random() < 0.35 + 0.6 * level else worst_value(p)
                       for n, p in catalog.points.items()}
            for _ in range(5):  # keep every requires rule (a point earning marks needs its prerequisite)
                problems = requires_problems(catalog, answers, score(catalog, answers).points)
                if not problems:
                    break
                for pr in problems:
                    answers[pr.requires] = best_value(catalog.points[pr.requires])
            docs.append({"format": "jlip-answers/1", "catalog": catalog.id, "region": code, "year": year,
                         "answers": {str(n): _json_value(v) for n, v in answers.items()}})
    return docs


def _json_value(v):
    from jlip_desktop.core.scoring import value_to_json

    return value_to_json(v)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--regions", type=int, default=2800)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--first-year", type=int, default=2012)
    ap.add_argument("--submit", action="store_true", default=True)
    args = ap.parse_args(argv)
    from jlip_desktop.core.bulk import import_answers
    from jlip_desktop.core.regions import import_regions
    from jlip_desktop.core.store import Store

    out = Path(args.out)
    for p in (out, out.with_suffix(".sqlite-wal"), out.with_suffix(".sqlite-shm")):
        p.unlink(missing_ok=True)
    text, counties = regions_csv(args.regions)
    csv_path = out.with_name(out.stem + ".regions.csv")
    csv_path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    with Store(out, create=True) as st:
        result = import_regions(st, csv_path)
        t1 = time.perf_counter()
        cat = st.catalog("jilin-2021")
        years = list(range(args.first_year, args.first_year + args.years))
        docs = answers_docs(cat, counties, years)
        json_path = out.with_name(out.stem + ".answers.json")
        json_path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        t2 = time.perf_counter()
        done = import_answers(st, json.loads(json_path.read_text(encoding="utf-8")), submit=args.submit,
                              source=json_path)
        t3 = time.perf_counter()
    print(f"{out}: regions {result.summary()} in {t1 - t0:.1f} s; {len(done)} assessments of {len(counties)} "
          f"regions x {len(years)} years imported in {t3 - t2:.1f} s; {out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
