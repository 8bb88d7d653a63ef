"""Build tests/fixtures/jlip-v1.sqlite: a schema-1 database made by the code of
schema 1 (commit 7e6a82d), kept so that the migration to later schemas is
tested on a real file.  Run from a checkout of that commit:

    PYTHONPATH=. python scripts/make_v1_fixture.py tests/fixtures/jlip-v1.sqlite
"""

import sys
from pathlib import Path

from jlip_desktop.core.store import Store

out = Path(sys.argv[1])
if out.exists():
    out.unlink()
st = Store(out, create=True)
a = st.new_assessment("220100", 2021, "张三", who="alice")            # 1
c = st.new_assessment("220300", 2021, "王五", who="bob")              # 2
d = st.new_assessment("220400", 2022, "", who="carol")                # 3
st.set_answer(a, 1, True, who="alice")
st.set_answer(a, 9, ["专利", "商标"], note="见附件", who="alice")
st.set_answer(a, 10, 3, who="alice")
st.set_answer(a, 19, 4.5, who="alice")
st.set_note(a, 18, "待补充材料", who="alice")
st.add_evidence(a, 9, "证明 材料.pdf", b"%PDF-1.4 evidence of a", who="alice")
st.next_export_revision(a, who="alice")
st.set_answer(c, 1, True, who="bob")
st.set_answer(d, 3, True, who="carol")
st.import_assessment("220500", 2021, "jilin-2021", {1: True, 2: False}, {2: "导入的备注"},
                     assessor="赵六", source_file="通化.xlsx", revision=2, who="carol")   # 4
b = st.new_assessment("220200", 2021, "李四", who="alice")            # 5, then deleted
st.set_answer(b, 1, False, who="alice")
st.set_answer(b, 2, True, who="alice")
st.add_evidence(b, 2, "b.txt", b"evidence of b", who="alice")
st.delete_assessment(b, who="bob")   # the highest id: schema 1 would give it to the next assessment
st.close()
print(a, c, d, b)
