"""Opening the database file, and everything about it that is not the schema.

- `connect()` opens a connection read-write or read-only, deciding up front
  whether the file and its folder can be written (a read-only file or folder
  is read through `mode=ro`, and through `immutable=1` when SQLite can't make
  its WAL index in a read-only folder).
- `db_error()` is the one place where sqlite3 errors become `StoreError`s
  with a code the GUI words (see `CODES`).
- `integrity_problem()`, `backup_database()`, `newest_good_backup()` and
  `restore_backup()`: the check at open, the rotating copies in backups/, and
  putting a good copy back (atomic; the damaged file is kept aside).
- `is_network_path()`: a database on a network drive gets a rollback journal
  instead of WAL (WAL needs shared memory that network file systems don't
  give); the store says so in `Store.journal_note`.

The integrity check at open is `PRAGMA quick_check`: it reads every page and
checks the b-tree structure, NOT NULL and CHECK constraints, but not that
each index matches its table (that is `integrity_check`, O(N log N)).  A file
that fails it is refused before anything is written.  It costs 3–10 ms per MB
here (0.3–0.9 s for an 85 MB national database), so a file is checked once
per change: a passing check leaves a stamp (`backups/<name>.checked`: size,
modification time and file id of the database and of a non-empty -wal), and
the next open whose file still matches the stamp skips the check.  Any
commit changes the stamp (SQLite writes the -wal or the file), so does
replacing or copying the file; a stamp is not left for a file changed in
the last MTIME_MARGIN_S (file systems with coarse times), nor on a network
drive, nor while a rollback journal exists.  What a stamp can't see — a
sector going bad under an unchanged file — SQLite reports as damage when it
reads that page, and the store words it like a failed check.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import urllib.parse
from collections import namedtuple
from datetime import datetime
from pathlib import Path

from .errors import BadInput

BACKUPS_KEPT = 5
BUSY_TIMEOUT_S = 2.0
MTIME_MARGIN_S = 2.0

# The codes a StoreError about the database file can carry (params: file, and
# what each line says).  The GUI words them from gui/messages.py.
CODES = {
    "db.missing": "no such database (params: file)",
    "db.folder_missing": "the folder does not exist (file, folder)",
    "db.is_folder": "a folder, not a database file (file)",
    "db.empty": "an empty file, not a jlip database (file)",
    "db.not_jlip": "an SQLite database of another program (file)",
    "db.not_a_database": "not an SQLite database at all (file, detail)",
    "db.newer": "made by a newer jlip-desktop (file, version, known)",
    "db.damaged": "fails the integrity check (file, detail, backup: newest good copy or '')",
    "db.read_only": "can't be written (file, reason: 'file' | 'folder' | 'opened read-only')",
    "db.unmerged_wal": "read-only folder, and changes still in the -wal file: can't be read safely (file, wal)",
    "db.busy": "another program is writing to it (file)",
    "db.full": "the disk is full (file)",
    "db.io_error": "the disk or network failed to read or write it (file, detail)",
    "db.cant_open": "the file can't be opened (file, detail)",
    "db.migration_failed": "the schema could not be upgraded; nothing was changed (file, detail)",
    "db.error": "any other SQLite error (file, detail)",
    "db.backup_failed": "a backup copy could not be made (file, detail)",
    "db.restore_failed": "a backup could not be put back (file, backup, detail)",
}


class StoreError(BadInput):
    """A database or assessment operation that was refused."""


class Opened(namedtuple("Opened", "conn read_only read_only_reason immutable")):
    """conn: sqlite3.Connection; read_only, immutable: bool; read_only_reason: 'file' | 'folder' |
    'requested' | None."""

    __slots__ = ()


def _errname(e: sqlite3.Error) -> str:
    return getattr(e, "sqlite_errorname", "") or ""


def _detail(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


_ENVIRONMENTAL = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CORRUPT",
                  "SQLITE_NOTADB", "SQLITE_CANTOPEN", "SQLITE_IOERR")


def is_environmental(e: sqlite3.Error) -> bool:
    """True for errors of the disk or file (full, read-only, locked, damaged, I/O), not of the program."""
    return _errname(e).startswith(_ENVIRONMENTAL)


def db_error(path: Path, e: sqlite3.Error, *, read_only_reason: str | None = None) -> StoreError:
    """The StoreError for an sqlite3 error on the database at `path`."""
    name = _errname(e)
    base = name.split("_")[0] + ("_" + name.split("_")[1] if name.count("_") >= 1 else "")
    f = str(path)
    if base == "SQLITE_FULL":
        return StoreError(f"{f}: the disk is full; nothing was changed (free some space and try again)",
                          code="db.full", file=f)
    if base == "SQLITE_READONLY":
        reason = read_only_reason or "file"
        return StoreError(f"{f}: {_read_only_text(reason)}; nothing was changed",
                          code="db.read_only", file=f, reason=reason)
    if base in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return StoreError(f"{f}: another program is writing to the database; nothing was changed "
                          "(try again when it has finished)", code="db.busy", file=f)
    if base == "SQLITE_CORRUPT":
        return damaged_error(path, _detail(e))
    if base == "SQLITE_NOTADB":
        return StoreError(f"{f}: not a jlip database (not an SQLite file, or encrypted)",
                          code="db.not_a_database", file=f, detail=_detail(e))
    if base == "SQLITE_CANTOPEN":
        return StoreError(f"{f}: can't open the database file ({_detail(e)})",
                          code="db.cant_open", file=f, detail=_detail(e))
    if base == "SQLITE_IOERR":
        return StoreError(f"{f}: the disk failed to read or write the database ({_detail(e)}); "
                          "nothing was changed", code="db.io_error", file=f, detail=_detail(e))
    if not name and "malformed" in str(e):
        return damaged_error(path, _detail(e))
    return StoreError(f"{f}: database error ({_detail(e)})", code="db.error", file=f, detail=_detail(e))


def _read_only_text(reason: str) -> str:
    return {
        "file": "the database file is read-only (its permissions or the disk), so it can only be read",
        "folder": "the folder of the database is read-only, so the database can only be read",
        "requested": "the database was opened read-only",
    }.get(reason, "the database can only be read")


def read_only_error(path: Path, reason: str) -> StoreError:
    f = str(path)
    return StoreError(f"{f}: {_read_only_text(reason)}; nothing was changed",
                      code="db.read_only", file=f, reason=reason)


def damaged_error(path: Path, detail: str) -> StoreError:
    good = newest_good_backup(path)
    f = str(path)
    if good is not None:
        hint = f"the newest good copy is {good}; restore it"
    else:
        hint = "no good copy in backups/"
    return StoreError(f"{f}: the database is damaged ({detail}); {hint}",
                      code="db.damaged", file=f, detail=detail, backup=str(good) if good else "")


def sqlite_uri(path: Path) -> str:
    """An SQLite URI for `path` (query parameters to be appended).

    Not Path.as_uri(): for a UNC path that gives file://server/share/…, and
    SQLite refuses an authority; file:////server/share/… is what it takes.
    """
    p = os.path.abspath(path)
    if os.sep == "\\":
        p = p.replace("\\", "/")
        if not p.startswith("/"):
            p = "/" + p  # C:/x -> /C:/x
    return "file://" + urllib.parse.quote(p, safe="/:")


# -- writability ----------------------------------------------------------------

def _file_writable(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def _folder_writable(folder: Path) -> bool:
    # A file made and removed, as tempfile.mkstemp would (O_EXCL, a random name), without loading tempfile
    # on every open of a database.
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _ in range(10):
        name = os.path.join(folder, f".jlip-{os.getpid()}-{os.urandom(6).hex()}.probe")
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return False
        os.close(fd)
        try:
            os.unlink(name)
        except OSError:
            pass
        return True
    return False


def read_only_reason(path: Path) -> str | None:
    """'file' or 'folder' when the database can't be written there, else None."""
    if path.exists() and not _file_writable(path):
        return "file"
    if not _folder_writable(path.parent):
        return "folder"
    return None


def connect(path: Path, *, read_only: bool | None, timeout: float = BUSY_TIMEOUT_S) -> Opened:
    """Open `path`.  read_only: True (read-only), False (must be writable), None (either)."""
    reason = "requested" if read_only else read_only_reason(path)
    if reason is not None and read_only is False:
        raise read_only_error(path, reason)
    if reason is None:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=timeout, check_same_thread=True)
        return Opened(conn, False, None, False)
    uri = sqlite_uri(path)
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return Opened(conn, True, reason, False)
    except sqlite3.OperationalError as e:
        # WAL in a folder where SQLite can't create the -shm file: read the
        # file as it is (immutable: no locks, no WAL index).
        conn.close()
        if not _errname(e).startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # immutable would ignore the changes still in the -wal file
        raise StoreError(
            f"{path}: the folder is read-only and the last changes are still in {wal.name}, which only a "
            "writable folder can merge; copy the folder (with that file) to a writable place and open it there",
            code="db.unmerged_wal", file=str(path), wal=str(wal))
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, timeout=timeout)
    return Opened(conn, True, reason, True)


# -- integrity --------------------------------------------------------------------

def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """None if `PRAGMA quick_check` passes, else its first complaint."""
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    if len(rows) == 1 and rows[0][0] == "ok":
        return None
    return "; ".join(r[0] for r in rows)


class QuickCheck:
    """`PRAGMA quick_check` of a file run in a thread, so that the caller can do other work meanwhile
    (the GUI imports and builds its window while an 85 MB file is read).

    `passed()` waits for it and is True only when the check ran and found
    nothing; on any other outcome (a complaint, a file SQLite can't open
    read-only, not a database at all) the caller opens the Store with its own
    check, which words the refusal exactly as before."""

    def __init__(self, path: Path):
        import threading

        self.path = Path(path)
        self._result: str | None = "not run"
        self._thread = threading.Thread(target=self._run, name="jlip-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if not self.path.is_file() or self.path.stat().st_size == 0:
                return
            if check_is_current(self.path):
                self._result = None
                return
            conn = sqlite3.connect(f"{sqlite_uri(self.path)}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                self._result = integrity_problem(conn)
            finally:
                conn.close()
            if self._result is None:
                record_check(self.path)
        except (OSError, sqlite3.Error) as e:
            self._result = f"not checked: {_detail(e)}"

    def passed(self) -> bool:
        self._thread.join()
        return self._result is None


def check_stamp_path(path: Path) -> Path:
    path = Path(path)
    return backups_folder(path) / f"{path.name}.checked"


def _file_state(path: Path) -> list[int] | None:
    """What a commit, a copy or a replacement of the file changes; None when it can't be relied on."""
    try:
        st = path.stat()
    except OSError:
        return None
    state = [st.st_size, st.st_mtime_ns, st.st_ino]
    if path.with_name(path.name + "-journal").exists():
        return None  # a transaction in progress, or one a crash left to roll back
    try:
        wal = path.with_name(path.name + "-wal").stat()
    except OSError:
        return state
    if wal.st_size:  # an empty -wal (made by opening the file) holds no commit
        state += [wal.st_size, wal.st_mtime_ns]
    return state


def check_is_current(path: Path) -> bool:
    """True when the file is as it was when it last passed the check (see the module docstring)."""
    path = Path(path)
    state = _file_state(path)
    if state is None:
        return False
    try:
        saved = json.loads(check_stamp_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(saved, dict) and saved.get("state") == state and not is_network_path(path)


def record_check(path: Path) -> bool:
    """Leave the stamp of a file that has just passed the check (best effort: False when none was left)."""
    import time

    path = Path(path)
    state = _file_state(path)
    if state is None or is_network_path(path):
        return False
    newest = max(state[1], state[4] if len(state) > 3 else 0) / 1e9
    if time.time() - newest < MTIME_MARGIN_S:
        return False  # changed moments ago: a coarse clock could give the next change the same time
    stamp = check_stamp_path(path)
    partial = stamp.with_name(stamp.name + ".part")
    try:
        stamp.parent.mkdir(exist_ok=True)
        partial.write_text(json.dumps({"state": state, "checked_at": datetime.now().isoformat(timespec="seconds")}),
                           encoding="utf-8")
        os.replace(partial, stamp)
    except OSError:
        try:
            partial.unlink()
        except OSError:
            pass
        return False
    return True


def file_passes_check(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{sqlite_uri(path)}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return False
    try:
        ok = integrity_problem(conn) is None
        if ok:
            ok = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone() is not None
        return ok
    except sqlite3.Error:
        return False
    finally:
        conn.close()


# -- backups ------------------------------------------------------------------------

def backups_folder(path: Path) -> Path:
    return Path(path).parent / "backups"


def backup_files(path: Path) -> list[Path]:
    """The backups of `path`, oldest first."""
    path = Path(path)
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*{path.suffix or '.sqlite'}"))


def _backup_started(backup: Path) -> float | None:
    """When a backup's copy began (the stamp in its name), as a timestamp; None if the name has none."""
    stamp = backup.stem.rsplit("-", 3)[-3:]
    try:
        return datetime.strptime("-".join(stamp), "%Y%m%d-%H%M%S-%f").timestamp()
    except ValueError:
        return None


def _last_change(path: Path) -> float:
    """The newest modification time of the database and its -wal or -journal (a commit touches one of them)."""
    times = [path.stat().st_mtime]
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal")):
        try:
            st = extra.stat()
        except OSError:
            continue
        if st.st_size:  # an empty -wal (made by opening the file) holds no commit
            times.append(st.st_mtime)
    return max(times)


def backup_is_current(path: Path) -> bool:
    """True when the newest backup was begun after the database's last change, so it holds the same data.

    A backup's name carries the time its copy began; the copy is a consistent
    snapshot taken after that moment, so any commit before it is in the copy.
    Any later commit changes the file's (or its -wal's) modification time.
    Two seconds of margin cover file systems that keep coarse times (FAT on a
    USB stick); on a network drive, whose clock may differ, a copy is always
    made.  A newest copy whose size differs from the file's (a -wal not yet
    folded in, a truncated copy) is not relied on either."""
    path = Path(path)
    olds = backup_files(path)
    if not olds or is_network_path(path):
        return False
    newest = olds[-1]
    started = _backup_started(newest)
    try:
        same_size = newest.stat().st_size == path.stat().st_size
    except OSError:
        return False
    return same_size and started is not None and _last_change(path) + MTIME_MARGIN_S < started


def backup_database(path: Path, keep: int = BACKUPS_KEPT, *, if_changed: bool = False) -> Path | None:
    """Copy the database to backups/ beside it, keeping the newest `keep`.

    With if_changed, no copy is made (None) when the newest backup already
    holds the file as it is (backup_is_current): opening an unchanged 85 MB
    database does not copy it again."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    if if_changed and backup_is_current(path):
        return None
    folder = backups_folder(path)
    try:
        folder.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{path.stem}-{stamp}{path.suffix or '.sqlite'}"
        partial = target.with_name(target.name + ".part")
        src = sqlite3.connect(f"{sqlite_uri(path)}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as e:
        try:
            partial.unlink()  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
        if isinstance(e, sqlite3.Error) and _errname(e).startswith("SQLITE_FULL"):
            raise StoreError(f"{path}: can't make a backup copy in {folder}: the disk is full",
                             code="db.full", file=str(path)) from None
        raise StoreError(f"{path}: can't make a backup copy in {folder} ({_detail(e)})",
                         code="db.backup_failed", file=str(path), detail=_detail(e)) from None
    olds = backup_files(path)
    for old in olds[:-keep] if keep > 0 else olds:
        try:
            old.unlink()
        except OSError:
            pass
    return target


def newest_good_backup(path: Path) -> Path | None:
    """The newest copy in backups/ that passes the integrity check."""
    for b in reversed(backup_files(path)):
        if file_passes_check(b):
            return b
    return None


def restore_backup(path: Path, backup: Path | None = None) -> Path:
    """Put a good backup in place of the (damaged) database at `path`.

    `backup` defaults to the newest good one.  The current file (and its -wal
    and -shm, which must not be replayed onto the copy) is kept aside as
    `NAME.damaged-STAMP.sqlite`; the copy goes in with one atomic rename, so
    at every moment `path` is either the old file or the restored one.
    Returns where the old file was put.  Close every Store on `path` first.
    """
    path = Path(path)
    backup = newest_good_backup(path) if backup is None else Path(backup)
    if backup is None:
        raise StoreError(f"{path}: no good copy in {backups_folder(path)} to restore",
                         code="db.restore_failed", file=str(path), backup="", detail="no good backup")
    if not file_passes_check(backup):
        raise StoreError(f"{backup}: fails the integrity check; not restored",
                         code="db.restore_failed", file=str(path), backup=str(backup), detail="damaged backup")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix or '.sqlite'}")
    tmp = path.with_name(f".{path.name}.restore")
    import shutil

    try:
        shutil.copyfile(backup, tmp)
        with open(tmp, "r+b") as fh:
            os.fsync(fh.fileno())
        if path.exists():
            shutil.copy2(path, aside)
        for ext in ("-wal", "-shm", "-journal"):
            side = Path(str(path) + ext)
            if side.exists():
                os.replace(side, Path(str(aside) + ext))
        os.replace(tmp, path)
    except OSError as e:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StoreError(f"{path}: can't restore {backup.name} ({e.strerror or e})",
                         code="db.restore_failed", file=str(path), backup=str(backup),
                         detail=str(e.strerror or e)) from None
    return aside


# -- network drives ------------------------------------------------------------------

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "sshfs",
              "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "lustre", "gpfs", "ocfs2"}


def _unescape_mount(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def is_network_path(path: Path) -> bool:
    """True if `path` is on a network drive (best effort; False when unsure)."""
    try:
        if sys.platform == "win32":
            return _windows_is_remote(Path(path))
        if sys.platform.startswith("linux"):
            return _linux_fs_type(Path(path)) in NETWORK_FS
    except (OSError, ValueError, AttributeError):
        return False
    return False


def _windows_is_remote(path: Path) -> bool:
    text = str(path.resolve())
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        return True  # UNC: \\server\share
    if text.startswith("\\\\?\\UNC\\"):
        return True
    drive = path.resolve().drive
    if not drive:
        return False
    import ctypes

    DRIVE_REMOTE = 4
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    return windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def _linux_fs_type(path: Path, mounts: str | Path = "/proc/mounts") -> str | None:
    """The type of the file system holding `path`'s folder, from the mount table."""
    target = str(Path(os.path.abspath(path)).parent)
    best, best_type = "", None
    with open(mounts, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            fields = line.split()
            if len(fields) < 3:
                continue
            mnt, fstype = _unescape_mount(fields[1]), fields[2]
            if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                best, best_type = mnt, fstype
    return best_type
