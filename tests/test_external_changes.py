"""Store.external_changes: another connection's commits are found and published as an "external" change."""

from __future__ import annotations

from jlip_desktop.cli import main
from jlip_desktop.core.store import Store


def test_another_programs_commit_is_found_once_and_published(tmp_path):
    db = tmp_path / "省 数据.sqlite"
    with Store(db, create=True) as here:
        aid = here.new_assessment("220100", 2021, "张三")
        seen = []
        here.subscribe(seen.append)
        assert here.external_changes() is False  # nothing since it was opened
        with Store(db) as other:  # e.g. a second window on the same file
            other.set_answer(aid, 1, True)
        assert here.external_changes() is True
        assert [(c.kind, c.assessment_id) for c in seen] == [("external", None)]
        assert here.answers(aid) == {1: True}
        assert here.external_changes() is False  # found once
        here.set_answer(aid, 2, True)  # this store's own commit is told through its own notification
        assert here.external_changes() is False
        assert [c.kind for c in seen] == ["external", "answer"]


def test_jlip_in_a_console_is_found_and_the_years_follow(tmp_path, capsys):
    db = tmp_path / "data.sqlite"
    with Store(db, create=True) as here:
        here.new_assessment("220100", 2021, "")
        assert here.years() == [2021]
        assert main(["new", "--db", str(db), "--region", "220200", "--year", "2022"]) == 0
        capsys.readouterr()
        assert here.external_changes() is True
        assert here.years() == [2022, 2021]


def test_nothing_is_published_inside_a_transaction_of_its_own(tmp_path):
    db = tmp_path / "data.sqlite"
    with Store(db, create=True) as here, Store(db) as other:
        aid = other.new_assessment("220100", 2021, "")
        seen = []
        here.subscribe(seen.append)
        with here.transaction():
            assert here.external_changes() is False
        assert seen == []
        assert here.external_changes() is True  # asked again outside it, the commit is still found
        assert here.assessment(aid).region == "220100"


def test_a_read_only_store_sees_other_programs_commits(tmp_path):
    db = tmp_path / "data.sqlite"
    with Store(db, create=True) as writer:
        aid = writer.new_assessment("220100", 2021, "")
        with Store(db, read_only=True) as reader:
            assert reader.external_changes() is False
            writer.set_answer(aid, 1, False)
            assert reader.external_changes() is True and reader.answers(aid) == {1: False}
