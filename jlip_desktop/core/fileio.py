"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BadInput


def check_output_path(path: str | Path) -> Path:
    """A path we may write to: its folder exists and it is not a folder itself."""
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"{path}: is a folder; give a file name")
    if not path.parent.exists():
        raise BadInput(f"{path}: the folder {path.parent} does not exist")
    try:
        read_only = path.exists() and not path.stat().st_mode & stat.S_IWRITE
    except OSError:
        read_only = False
    if read_only:  # Windows refuses to replace it; refuse the same way everywhere, whoever we run as
        raise BadInput(f"{path}: the file is read-only; clear its read-only attribute or choose another name",
                       code="file.not_writable", file=str(path))
    return path


def _copy_mode(target: Path, tmp: Path) -> None:
    """mkstemp makes 0600 files; give the result the mode a plain open() would (no effect on Windows)."""
    try:
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except OSError:
        pass


def write_error(path: Path, e: OSError) -> BadInput:
    """An OSError met while writing `path`, as a refusal the user can act on (code file.*)."""
    if e.errno == errno.ENOSPC or e.errno == getattr(errno, "EDQUOT", None):
        return BadInput(f"{path}: can't write it: the disk is full", code="file.disk_full", file=str(path))
    if e.errno == errno.EROFS:
        return BadInput(f"{path}: can't write it: the disk is read-only", code="file.read_only",
                        file=str(path))
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
        return BadInput(f"{path}: can't write it ({e.strerror or 'permission denied'}); is it open in another "
                        "program, or the folder read-only?", code="file.not_writable", file=str(path))
    return BadInput(f"{path}: can't write it ({e.strerror or e})", code="file.write_failed", file=str(path),
                    reason=str(e.strerror or e))


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in `path`'s folder (same disk, so os.replace is atomic)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=str(path.parent))
    except OSError as e:
        err = write_error(path, e)
        raise BadInput(f"{path}: can't write in {path.parent} ({e.strerror or e})", code=err.code,
                       **err.params) from None
    os.close(fd)
    return Path(tmp)


def replace_with(tmp_path: Path, path: Path) -> None:
    """Move a finished temporary file over `path` (atomic); an OSError becomes a BadInput."""
    _copy_mode(path, tmp_path)
    try:
        os.replace(tmp_path, path)
    except OSError as e:
        raise write_error(path, e) from None


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it replaces `path` only if the block succeeds.

    Any OSError on the way (read-only folder, full disk, file held open) is a
    BadInput naming the file; the temporary file never stays behind.
    """
    path = check_output_path(path)
    tmp_path = temp_beside(path)
    try:
        try:
            yield tmp_path
        except OSError as e:
            raise write_error(path, e) from None
        replace_with(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
