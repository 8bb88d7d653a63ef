"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
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


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it replaces `path` only if the block succeeds."""
    path = check_output_path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=str(path.parent))
    except OSError as e:
        raise BadInput(f"{path}: can't write in {path.parent} ({e.strerror or e})") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _copy_mode(path, tmp_path)
        os.replace(tmp_path, path)
    except PermissionError as e:
        tmp_path.unlink(missing_ok=True)
        raise BadInput(f"{path}: can't write it ({e.strerror}); is it open in another program?") from None
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
