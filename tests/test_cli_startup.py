"""What `jlip list` loads: the modules a listing doesn't need stay unloaded (bench/bench_scale.py times it).

A listing reads the stored score summaries; it needs neither the scheme nor
the scoring modules, nor the heavier standard modules that only writes,
backups and exports use.  This pins that, deterministically, in a fresh
interpreter started the way the installed `jlip` command starts.
"""

import json
import subprocess
import sys

from jlip_desktop.core.store import Store

LAUNCH = """
import sys
from jlip_desktop.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write("\\n" + " ".join(sorted(sys.modules)) + "\\n")
sys.exit(code)
"""

NOT_LOADED = {
    "dataclasses", "inspect", "typing", "shutil", "tempfile", "hashlib", "decimal", "getpass", "ctypes",
    "jlip_desktop.core.catalog", "jlip_desktop.core.scoring", "jlip_desktop.core.review",
    "jlip_desktop.cli_scheme", "jlip_desktop.cli_report", "jlip_desktop.cli_review", "jlip_desktop.cli_package",
    "jlip_desktop.cli_data",
}


def _loaded(*argv) -> tuple[subprocess.CompletedProcess, set[str]]:
    r = subprocess.run([sys.executable, "-c", LAUNCH, *map(str, argv)], capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    return r, set(r.stderr.strip().splitlines()[-1].split())


def test_list_loads_neither_the_scheme_nor_the_heavy_modules(tmp_path):
    db = tmp_path / "省 数据.sqlite"
    with Store(db, create=True) as st:
        st.new_assessment("220100", 2021, "张三", answers={1: True})
    r, loaded = _loaded("list", "--db", db, "--year", "2021", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [(x["region"], x["year"], x["answered"]) for x in rows] == [("220100", 2021, 1)]
    assert "jlip_desktop.core.store" in loaded  # the check sees the modules of the run
    assert loaded & NOT_LOADED == set()


def test_a_verb_that_scores_still_loads_what_it_needs(tmp_path):
    db = tmp_path / "data.sqlite"
    with Store(db, create=True) as st:
        aid = st.new_assessment("220100", 2021, "", answers={1: True})
    r, loaded = _loaded("show", "--db", db, "--id", aid, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["score"]["answered"] == 1
    assert {"jlip_desktop.core.catalog", "jlip_desktop.core.scoring"} <= loaded
