"""Shared fixtures.  No test touches the user's real settings or data folder."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Point the data, config and settings folders at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("JLIP_DATA_DIR", str(home / "jlip-data"))
    yield


@pytest.fixture
def catalog():
    from jlip_desktop.core.catalog import get_catalog

    return get_catalog("jilin-2021")


@pytest.fixture
def store(tmp_path):
    from jlip_desktop.core.store import Store

    st = Store(tmp_path / "数据 库.sqlite", create=True)
    yield st
    st.close()
