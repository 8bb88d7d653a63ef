import os
import stat

import pytest

from jlip_desktop.core.errors import BadInput
from jlip_desktop.core.fileio import atomic_write


def test_failure_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "报告 2021.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告 2021.txt"]


def test_success_replaces_and_is_readable_by_others(tmp_path):
    target = tmp_path / "新 文件.txt"
    with atomic_write(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    if os.name == "posix":
        assert target.stat().st_mode & stat.S_IRGRP


def test_missing_folder_and_folder_target_are_refused(tmp_path):
    with pytest.raises(BadInput, match="does not exist"):
        with atomic_write(tmp_path / "nope" / "x.txt"):
            pass
    with pytest.raises(BadInput, match="is a folder"):
        with atomic_write(tmp_path):
            pass
