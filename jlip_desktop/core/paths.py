"""Where the user's database and settings live.

Normal mode: the user's data folder (platformdirs), e.g.
%LOCALAPPDATA%\\jlip-desktop on Windows, ~/.local/share/jlip-desktop on Linux.
Portable mode: a file named `portable` (or `portable.txt`) next to the
executable keeps everything in a `data` folder beside it, for running from a
USB stick.  JLIP_DATA_DIR overrides both (tests, support staff).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from platformdirs import user_data_dir

from .errors import BadInput
from .resources import resource_path

APP_NAME = "jlip-desktop"
DEFAULT_DB_NAME = "jlip.sqlite"
SAMPLE_DB_NAME = "jlip-sample.sqlite"
PORTABLE_MARKERS = ("portable", "portable.txt")


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def portable_dir() -> Path | None:
    """The data folder of a portable installation, or None."""
    base = executable_dir()
    if any((base / m).is_file() for m in PORTABLE_MARKERS):
        return base / "data"
    return None


def data_dir() -> Path:
    override = os.environ.get("JLIP_DATA_DIR")
    if override:
        d = Path(override)
    else:
        d = portable_dir() or Path(user_data_dir(APP_NAME, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d


def is_portable() -> bool:
    return not os.environ.get("JLIP_DATA_DIR") and portable_dir() is not None


def sample_db_path() -> Path:
    return resource_path("sample_db", SAMPLE_DB_NAME)


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def sample_copy_path() -> Path:
    """The working copy of the illustrative sample (`jlip-desktop --sample`), beside the default database."""
    return data_dir() / SAMPLE_DB_NAME


def ensure_sample_copy() -> Path:
    """The working copy of the sample, copied from the bundled one if it is not there yet.

    The bundled file itself is never opened for writing; edits made on the copy stay in the copy.
    """
    target = sample_copy_path()
    if not target.exists():
        sample = sample_db_path()
        if not sample.is_file():
            raise BadInput(f"{sample}: no sample database is bundled", code="file.missing", file=str(sample))
        tmp = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, tmp)
            os.replace(tmp, target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise BadInput(f"{target}: can't copy the sample there ({e.strerror or e})", code="file.write_failed",
                           file=str(target), reason=e.strerror or str(e)) from None
    return target


def ensure_default_db() -> Path:
    """The default database, created from the bundled sample on first run.

    If no sample is bundled, the store creates an empty database (regions loaded)
    when it is opened with create=True.
    """
    target = default_db_path()
    if not target.exists():
        sample = sample_db_path()
        if sample.is_file():
            tmp = target.with_name(target.name + ".part")
            shutil.copyfile(sample, tmp)
            os.replace(tmp, target)
    return target
