"""Benchmark: importing a batch of county workbooks, against openpyxl alone reading the same files.

    .venv/bin/python bench/bench_import.py [--count 100] [--repeat 3] [--json]

Makes `count` exchange workbooks (distinct region-years) in a temporary
folder, then times, in the same process:
  openpyxl-read   openpyxl.load_workbook(read_only=True) and every row of every sheet read
  openpyxl-full   openpyxl.load_workbook() (the default, full mode)
  import          jlip_desktop.exchange.xlsx.import_workbooks into a fresh database
and prints each (best of `repeat`), per file, and import / baseline ratios.
Export time per workbook is printed too.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from jlip_desktop.core.scoring import best_value, worst_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx


def make_workbooks(folder: Path, count: int) -> tuple[list[Path], float]:
    """`count` exported workbooks; returns them and the export time."""
    rnd = random.Random(2021)
    paths = []
    with Store(folder / "source.sqlite", create=True) as st:
        cat = st.catalog("jilin-2021")
        regions = st.regions()
        ids = []
        for i in range(count):
            reg = regions[i % len(regions)]
            answers = {n: (best_value(p) if rnd.random() < 0.7 else worst_value(p))
                       for n, p in cat.points.items() if rnd.random() < 0.9}
            ids.append((st.new_assessment(reg.code, 2020 + i // len(regions), "bench", answers=answers),
                        f"{reg.short} {2020 + i // len(regions)}.xlsx"))
        t0 = time.perf_counter()
        for aid, name in ids:
            paths.append(xlsx.export_assessment(st, aid, folder / name))
        export_time = time.perf_counter() - t0
    return paths, export_time


def read_only_all_rows(paths: list[Path]) -> None:
    for p in paths:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()


def full_load(paths: list[Path]) -> None:
    for p in paths:
        openpyxl.load_workbook(p)


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="jlip-bench-") as tmp:
        folder = Path(tmp)
        paths, export_time = make_workbooks(folder, args.count)
        read_only_all_rows(paths[:5])  # warm the imports and the file cache
        baseline = best_of(args.repeat, lambda: read_only_all_rows(paths))
        full = best_of(args.repeat, lambda: full_load(paths))
        runs = []
        for i in range(args.repeat):
            with Store(folder / f"province-{i}.sqlite", create=True) as st:
                t0 = time.perf_counter()
                results = xlsx.import_workbooks(st, paths)
                runs.append(time.perf_counter() - t0)
                bad = [r for r in results if r.outcome != "imported"]
                if bad:
                    print(f"unexpected: {bad[0].outcome} {bad[0].path.name}: {bad[0].message}", file=sys.stderr)
                    return 1
        imp = min(runs)

    n = args.count
    figures = {
        "files": n,
        "export_s": round(export_time, 3),
        "openpyxl_read_only_s": round(baseline, 3),
        "openpyxl_full_load_s": round(full, 3),
        "import_s": round(imp, 3),
        "import_per_file_ms": round(imp / n * 1000, 1),
        "ratio_import_vs_read_only": round(imp / baseline, 2),
        "ratio_import_vs_full_load": round(imp / full, 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{n} workbooks (best of {args.repeat})")
        print(f"  export                         {export_time:7.3f} s  ({export_time / n * 1000:.1f} ms/file)")
        print(f"  openpyxl read-only, all rows   {baseline:7.3f} s  ({baseline / n * 1000:.1f} ms/file)")
        print(f"  openpyxl full load             {full:7.3f} s  ({full / n * 1000:.1f} ms/file)")
        print(f"  import_workbooks               {imp:7.3f} s  ({imp / n * 1000:.1f} ms/file)")
        print(f"  ratio import / read-only       {imp / baseline:7.2f}")
        print(f"  ratio import / full load       {imp / full:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
