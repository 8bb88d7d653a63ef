"""Evidence opened from the app: copies in one folder per run, deleted at exit; long names fit MAX_PATH."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

from jlip_desktop.gui import evidencefiles
from jlip_desktop.gui.evidencefiles import LOCK_NAME, MAX_PATH, PREFIX, EvidenceCopies, safe_name


def first_point(catalog, kind: str) -> int:
    return next(n for n, p in catalog.points.items() if p.kind == kind)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_opened_files_go_to_one_folder_of_this_run_and_are_deleted_at_exit(make_window, store, draft, catalog,
                                                                            tmp_path, monkeypatch):
    w = make_window()
    n = first_point(catalog, "yesno")
    for name in ("会议 纪要.txt", "照片 1.png"):
        f = tmp_path / name
        f.write_bytes(name.encode())
        w.view.add_evidence(n, [str(f)])
    opened = []
    monkeypatch.setattr("jlip_desktop.gui.assessment.QDesktopServices.openUrl", lambda url: opened.append(url))
    a, b = (w.view.open_evidence(e.id) for e in store.evidence(draft, n))
    assert a.read_bytes() == "会议 纪要.txt".encode() and a.name == "会议 纪要.txt"
    assert b.name == "照片 1.png"
    session = w.view.evidence_copies.folder
    assert session.parent == Path(tempfile.gettempdir()) and session.name.startswith(PREFIX)
    assert session in a.parents and session in b.parents
    assert [Path(u.toLocalFile()) for u in opened] == [a, b]
    w.view.evidence_copies.cleanup()  # what exit runs
    assert not session.exists()


def test_the_same_name_twice_does_not_overwrite_the_other_copy(tmp_path):
    copies = EvidenceCopies(tmp_path)
    one = copies.write(1, "纪要.txt", b"one")
    two = copies.write(2, "纪要.txt", b"two")
    assert one != two and one.read_bytes() == b"one" and two.read_bytes() == b"two"
    copies.cleanup()


def test_a_long_name_is_shortened_to_fit_max_path_and_keeps_its_extension(tmp_path):
    deep = tmp_path / ("很深的 临时 文件夹" * 8)
    copies = EvidenceCopies(deep)
    name = "关于加强知识产权保护工作的通知 " * 20 + ".docx"
    path = copies.write(7, name, b"doc")
    assert units(str(path)) <= MAX_PATH
    assert path.suffix == ".docx"
    assert path.name.startswith("关于加强知识产权保护工作的通知")
    assert path.read_bytes() == b"doc"
    copies.cleanup()


def test_names_windows_refuses_are_made_safe(tmp_path):
    assert safe_name('a<b>:c"d|e?f*.pdf', tmp_path) == "a_b__c_d_e_f_.pdf"
    assert safe_name("CON.txt", tmp_path) == "_CON.txt"
    assert safe_name("nul.tar.gz", tmp_path) == "_nul.tar.gz"  # NUL.tar.gz is NUL to Windows
    assert safe_name("Com1 .备份.txt", tmp_path) == "_Com1 .备份.txt"
    assert safe_name("报告. ", tmp_path) == "报告"
    assert safe_name("", tmp_path) == "file"
    long_ext = "x." + "y" * 40
    assert units(safe_name(long_ext, tmp_path, limit=units(str(tmp_path)) + 20)) <= 19


def test_leftovers_of_earlier_runs_are_deleted_at_start_but_a_running_one_is_kept(tmp_path):
    running = EvidenceCopies(tmp_path)
    live = running.write(1, "a.txt", b"a").parent.parent
    crashed = tmp_path / f"{PREFIX}dead0001"  # its run was killed: the lock names a process that is gone
    (crashed / "3").mkdir(parents=True)
    (crashed / "3" / "纪要.txt").write_bytes(b"x")
    (crashed / LOCK_NAME).write_text(f"999999\npython\n{socket.gethostname()}\n")
    old_style = tmp_path / f"{PREFIX}k2j4h5"  # mkdtemp of earlier versions: no lock file
    old_style.mkdir()
    unrelated = tmp_path / "other-program"
    unrelated.mkdir()

    later = EvidenceCopies(tmp_path)
    assert later.removed_stale == 2
    assert not crashed.exists() and not old_style.exists()
    assert live.exists() and unrelated.exists()
    running.cleanup()
    later.cleanup()
    assert not live.exists()


def test_the_view_cleans_stale_folders_when_it_starts(make_window):
    stale = Path(tempfile.gettempdir()) / f"{PREFIX}crash123"
    stale.mkdir()
    make_window()
    assert not stale.exists()


def test_a_copy_that_cant_be_written_is_a_message_not_a_traceback(make_window, store, draft, catalog, tmp_path,
                                                                   monkeypatch, prompts):
    w = make_window()
    n = first_point(catalog, "yesno")
    f = tmp_path / "纪要.txt"
    f.write_bytes(b"x")
    w.view.add_evidence(n, [str(f)])

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(evidencefiles.Path, "write_bytes", full)
    assert w.view.open_evidence(store.evidence(draft, n)[0].id) is None
    title, text = prompts.warnings[0]
    assert "纪要.txt" in text and "磁盘已满" in text
