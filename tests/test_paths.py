from jlip_desktop.core import paths


def test_data_dir_honours_override(tmp_path, monkeypatch):
    monkeypatch.setenv("JLIP_DATA_DIR", str(tmp_path / "数据 目录"))
    assert paths.data_dir() == tmp_path / "数据 目录" and paths.data_dir().is_dir()
    assert paths.default_db_path().parent == tmp_path / "数据 目录"


def test_portable_marker_keeps_data_beside_the_executable(tmp_path, monkeypatch):
    monkeypatch.delenv("JLIP_DATA_DIR")
    monkeypatch.setattr(paths, "executable_dir", lambda: tmp_path / "U盘 jlip")
    (tmp_path / "U盘 jlip").mkdir()
    assert paths.portable_dir() is None and not paths.is_portable()
    (tmp_path / "U盘 jlip" / "portable").write_text("")
    assert paths.data_dir() == tmp_path / "U盘 jlip" / "data" and paths.is_portable()


def test_default_db_is_created_from_the_sample_when_one_is_bundled(tmp_path, monkeypatch):
    sample = tmp_path / "sample.sqlite"
    sample.write_bytes(b"sample-bytes")
    monkeypatch.setattr(paths, "sample_db_path", lambda: sample)
    target = paths.ensure_default_db()
    assert target.read_bytes() == b"sample-bytes"
    target.write_bytes(b"user work")
    assert paths.ensure_default_db().read_bytes() == b"user work"  # never overwritten
