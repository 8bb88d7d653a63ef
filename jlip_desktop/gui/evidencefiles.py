"""Copies of evidence files opened from the app, in one temporary folder per run.

The system's viewer needs a real file, so opening an evidence file writes a
copy.  Copies go to a folder of this run (`jlip-evidence-<random>` in the
system's temporary folder) that is deleted when the app quits; a lock file in
it tells a later run whether the folder still belongs to a live one, so that
folders left behind by a crash are deleted at the next start and a second
running window's folder is left alone.

Windows still limits most programs to paths of 260 UTF-16 units (MAX_PATH),
and a long Chinese file name in a deep temporary folder easily exceeds it:
the copy's name is shortened (its extension kept) to fit, and characters
Windows does not allow in a name are replaced.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile

PREFIX = "jlip-evidence-"
LOCK_NAME = "session.lock"
MAX_PATH = 259  # 260 including the terminating NUL
MAX_EXTENSION = 16
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _units(text: str) -> int:
    """Length in UTF-16 code units, which is what MAX_PATH counts."""
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """The longest start of `text` that fits in `units` UTF-16 units (never splits a character)."""
    out = []
    used = 0
    for ch in text:
        n = _units(ch)
        if used + n > units:
            break
        out.append(ch)
        used += n
    return "".join(out)


def safe_name(name: str, folder: Path, limit: int = MAX_PATH) -> str:
    """A file name that Windows accepts and that keeps `folder / name` within `limit` units, extension kept."""
    name = _BAD_CHARS.sub("_", name).strip().rstrip(". ") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or _units(ext) > MAX_EXTENSION or " " in ext:
        stem, ext = name, ""
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:  # NUL.tar.gz and "CON .txt" are devices too
        stem = "_" + stem
    suffix = "." + ext if ext else ""
    room = limit - _units(str(folder)) - 1 - _units(suffix)  # 1 for the separator
    if room < 1:
        raise OSError(f"{folder}: the temporary folder's path is too long for any file name")
    if _units(stem) > room:
        stem = _cut(stem, room - 1).rstrip(". ") + "…" if room > 1 else _cut(stem, room)
    return stem + suffix


class EvidenceCopies:
    """The folder of this run's evidence copies; `cleanup()` removes it (also run at exit)."""

    def __init__(self, base: Path | None = None):
        self.base = Path(base) if base is not None else Path(tempfile.gettempdir())
        self.folder: Path | None = None
        self._lock: QLockFile | None = None
        self.removed_stale = remove_stale(self.base)
        atexit.register(self.cleanup)

    def _session_folder(self) -> Path:
        if self.folder is None:
            folder = self.base / f"{PREFIX}{uuid.uuid4().hex[:8]}"
            folder.mkdir(parents=True)
            lock = QLockFile(str(folder / LOCK_NAME))
            lock.setStaleLockTime(0)  # held for the whole run; stale only when its process is gone
            lock.tryLock(0)
            self.folder, self._lock = folder, lock
        return self.folder

    def write(self, key: int | str, name: str, data: bytes) -> Path:
        """Write a copy of one file (in a sub-folder per `key`, so equal names don't collide); its path."""
        sub = self._session_folder() / str(key)
        sub.mkdir(exist_ok=True)
        target = sub / safe_name(name, sub)
        target.write_bytes(data)
        return target

    def cleanup(self) -> None:
        """Delete this run's folder (files still open in another program on Windows stay; the next start retries)."""
        if self.folder is None:
            return
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def remove_stale(base: Path) -> int:
    """Delete evidence folders of earlier runs whose process is gone; how many were removed."""
    removed = 0
    try:
        candidates = [p for p in base.iterdir() if p.name.startswith(PREFIX) and p.is_dir()]
    except OSError:
        return 0
    for folder in candidates:
        lock = QLockFile(str(folder / LOCK_NAME))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):  # a running app holds it (its process is alive)
            continue
        lock.unlock()
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed
