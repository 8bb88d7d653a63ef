"""Core speed, as ratios against bare baselines measured in the same run.

    .venv/bin/python bench/bench_core.py

1. `jlip score FILE --json` as a process  vs  `python -c "import json"`.
2. scoring.score() of a full answer set  vs  summing 44 Decimals in a loop.
3. One edit on the per-edit path (store.set_answer + store.score: a committed
   transaction with its audit entry, then the whole score tree)  vs  a bare
   sqlite3 INSERT + COMMIT on a WAL database with the same synchronous setting.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jlip_desktop.core.catalog import get_catalog  # noqa: E402
from jlip_desktop.core.scoring import answers_to_json, best_value, score  # noqa: E402
from jlip_desktop.core.store import Store  # noqa: E402


def timeit(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))]


def row(name: str, ours: list[float], base: list[float]) -> None:
    m, b = statistics.median(ours), statistics.median(base)
    print(f"{name:<34} {m * 1000:9.3f} ms  {b * 1000:9.3f} ms  {m / b:7.1f}x   p99 {p99(ours) * 1000:.3f} ms")


def main() -> None:
    cat = get_catalog()
    answers = {n: best_value(p) for n, p in cat.points.items()}
    print(f"{'measure':<34} {'ours':>12} {'baseline':>12} {'ratio':>8}")

    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "答案 文件.json"
        f.write_text(json.dumps({"format": "jlip-answers/1", "answers": answers_to_json(answers)}), encoding="utf-8")
        cli = [sys.executable, "-m", "jlip_desktop.cli", "score", str(f), "--json"]
        bare = [sys.executable, "-c", "import json"]
        ours = timeit(lambda: subprocess.run(cli, capture_output=True, check=True), 15)
        base = timeit(lambda: subprocess.run(bare, capture_output=True, check=True), 15)
        row("jlip score (process)", ours, base)

        decs = [Decimal("0.2")] * 44
        row("score() full tree", timeit(lambda: score(cat, answers), 2000),
            timeit(lambda: sum(decs, Decimal(0)), 2000))

        st = Store(Path(tmp) / "库.sqlite", create=True)
        aid = st.new_assessment("220100", 2021)
        values = [3, 4]
        i = [0]

        def edit():
            i[0] += 1
            st.set_answer(aid, 10, values[i[0] % 2])
            st.score(aid)

        con = sqlite3.connect(str(Path(tmp) / "bare.sqlite"), isolation_level=None)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("CREATE TABLE t(a INTEGER PRIMARY KEY, v TEXT)")
        j = [0]

        def bare_edit():
            j[0] += 1
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO t(a, v) VALUES (1, ?)", (str(j[0]),))
            con.execute("COMMIT")

        row("edit: set_answer + score", timeit(edit, 1000), timeit(bare_edit, 1000))
        st.close()
        con.close()


if __name__ == "__main__":
    main()
