"""A province-sized batch: 100 county workbooks in one import."""

from __future__ import annotations

import time

import pytest
from xlsx_helpers import county_workbooks, db_dump

from jlip_desktop.core.store import Store
from jlip_desktop.exchange import xlsx

COUNT = 100


@pytest.fixture(scope="session")
def hundred(tmp_path_factory):
    return county_workbooks(tmp_path_factory.mktemp("百 份"), COUNT)


def test_hundred_workbooks_import_in_one_batch_with_a_result_per_file(hundred, tmp_path):
    source_db, paths = hundred
    assert len({p.name for p in paths}) == COUNT
    done = []
    with Store(source_db) as src, Store(tmp_path / "省 汇总.sqlite", create=True) as st:
        t0 = time.perf_counter()
        results = xlsx.import_workbooks(st, paths, progress=lambda i, n, p: done.append(i))
        elapsed = time.perf_counter() - t0
        assert [r.path for r in results] == paths
        assert [r.outcome for r in results] == ["imported"] * COUNT, [r.message for r in results if
                                                                       r.outcome != "imported"]
        assert done == list(range(1, COUNT + 1))
        assert len(st.list_assessments()) == COUNT
        for a in src.list_assessments():
            b = st.find_assessment(a.region, a.year)
            assert st.answers(b.id) == src.answers(a.id) and st.notes(b.id) == src.notes(a.id)
            assert b.source_revision == 1 and b.imported
        assert elapsed < 60, f"100 workbooks took {elapsed:.1f} s"
        # The same batch again: every file a duplicate, nothing written.
        before = db_dump(st)
        again = xlsx.import_workbooks(st, paths[:10])
        assert {r.outcome for r in again} == {"duplicate"} and db_dump(st) == before
