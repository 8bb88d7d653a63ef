"""Benchmark: the package (上报材料包) of an assessment with 50 evidence files of 1 MB, against zipfile alone.

    .venv/bin/python bench/bench_package.py [--files 50] [--size-mb 1] [--repeat 3] [--json]

In one temporary folder and one process it makes a county database with a
complete assessment and `files` evidence files of `size-mb` MB each (random
bytes, as scans and photos are: they don't compress; half named .pdf, half
.jpg), then times, best of `repeat`:
  export-package   jlip_desktop.exchange.package.export_package (workbook, PDF, evidence, manifest)
  import-package   importer.import_workbooks of that .zip into a fresh database
                   (check: every check and hash; apply: the transaction that stores the files)
  zip-deflate      zipfile alone writing the same files (ZIP_DEFLATED, level 6)
  zip-stored       zipfile alone writing the same files (ZIP_STORED, as the package stores them)
  unzip            zipfile alone extracting the deflated zip into a folder
and prints each, the sizes, and the package / zipfile ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from jlip_desktop.core.scoring import best_value
from jlip_desktop.core.store import Store
from jlip_desktop.exchange import importer, package

MB = 1024 * 1024


def best(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=50)
    ap.add_argument("--size-mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    rnd = random.Random(13)
    with tempfile.TemporaryDirectory(prefix="jlip-bench-package-") as tmp:
        tmp = Path(tmp)
        src = tmp / "证据 原件"
        src.mkdir()
        files = []
        for i in range(args.files):
            p = src / f"佐证 材料 {i:02d}.{'pdf' if i % 2 else 'jpg'}"
            p.write_bytes(rnd.randbytes(int(args.size_mb * MB)))
            files.append(p)
        db = tmp / "县 库.sqlite"
        with Store(db, create=True) as st:
            cat = st.catalog("jilin-2021")
            aid = st.new_assessment("220100", 2021, "bench", answers={n: best_value(p) for n, p in cat.points.items()})
            points = list(cat.points)
            with st.transaction():
                for i, p in enumerate(files):
                    st.add_evidence_file(aid, points[i % len(points)], p)

        out = tmp / "上报 材料包.zip"
        with Store(db) as st:
            t_export = best(args.repeat, lambda: package.export_package(st, aid, out))

        def import_once() -> tuple[float, float]:
            target = tmp / "省 库.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            with Store(target, create=True) as prov:
                t0 = time.perf_counter()
                plan = importer.check_files(prov, [out])
                t1 = time.perf_counter()
                [res] = importer.apply_plan(prov, plan)
                t2 = time.perf_counter()
                assert res.outcome == "imported" and res.evidence_received == args.files, res
            return t1 - t0, t2 - t1

        runs = [import_once() for _ in range(args.repeat)]
        t_check, t_apply = min(runs, key=sum)
        t_import = t_check + t_apply

        plain_deflate = tmp / "plain-deflate.zip"
        plain_stored = tmp / "plain-stored.zip"

        def zip_with(path: Path, method: int) -> None:
            with zipfile.ZipFile(path, "w", method, compresslevel=6 if method == zipfile.ZIP_DEFLATED else None) as zf:
                for p in files:
                    zf.write(p, f"证据材料/{p.name}")

        t_deflate = best(args.repeat, lambda: zip_with(plain_deflate, zipfile.ZIP_DEFLATED))
        t_stored = best(args.repeat, lambda: zip_with(plain_stored, zipfile.ZIP_STORED))

        def unzip() -> None:
            dest = tmp / "unzipped"
            shutil.rmtree(dest, ignore_errors=True)
            with zipfile.ZipFile(plain_deflate) as zf:
                zf.extractall(dest)

        t_unzip = best(args.repeat, unzip)
        sizes = {"package": out.stat().st_size, "zip_deflate": plain_deflate.stat().st_size,
                 "zip_stored": plain_stored.stat().st_size, "evidence": sum(p.stat().st_size for p in files)}

    result = {
        "files": args.files, "size_mb": args.size_mb, "repeat": args.repeat, "cpu_count": os.cpu_count(),
        "seconds": {"export_package": t_export, "import_package": t_import, "import_check": t_check,
                    "import_apply": t_apply, "zip_deflate": t_deflate, "zip_stored": t_stored, "unzip": t_unzip},
        "bytes": sizes,
        "ratios": {"export_vs_zip_deflate": t_export / t_deflate, "export_vs_zip_stored": t_export / t_stored,
                   "import_vs_unzip": t_import / t_unzip},
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    s, b = result["seconds"], result["bytes"]
    print(f"{args.files} evidence files of {args.size_mb:g} MB ({b['evidence'] / MB:.1f} MB), best of {args.repeat}")
    print(f"  export-package   {s['export_package'] * 1000:8.0f} ms   package {b['package'] / MB:.1f} MB")
    print(f"  import-package   {s['import_package'] * 1000:8.0f} ms   (check {s['import_check'] * 1000:.0f} ms, "
          f"store {s['import_apply'] * 1000:.0f} ms)")
    print(f"  zipfile deflate  {s['zip_deflate'] * 1000:8.0f} ms   zip {b['zip_deflate'] / MB:.1f} MB")
    print(f"  zipfile stored   {s['zip_stored'] * 1000:8.0f} ms   zip {b['zip_stored'] / MB:.1f} MB")
    print(f"  zipfile unzip    {s['unzip'] * 1000:8.0f} ms")
    r = result["ratios"]
    print(f"  export / zip deflate {r['export_vs_zip_deflate']:.2f}x, export / zip stored "
          f"{r['export_vs_zip_stored']:.2f}x, import / unzip {r['import_vs_unzip']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
