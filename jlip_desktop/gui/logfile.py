"""The application's log file, and streams that never fail.

The windowed Windows program runs with `sys.stdout` and `sys.stderr` set to
None, so anything that writes to them (the exception hook, a library's
warning) fails, and faulthandler has no file to write a crash into.  At start
the app opens a rotating log in the data folder (`logs/jlip-desktop.log`, 1 MB,
3 old copies), sends Python's logging and faulthandler there, and gives a
missing stdout/stderr a stand-in that writes into the log.

No Qt here, so that a crash test can start it in a bare process.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

LOG_NAME = "jlip-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

log = logging.getLogger("jlip_desktop")


class _Handler(logging.handlers.RotatingFileHandler):
    """A rotating handler that points faulthandler at the current file after each rotation."""

    def _open(self):
        stream = super()._open()
        try:
            faulthandler.enable(file=stream, all_threads=True)
        except (OSError, ValueError, AttributeError):
            pass
        return stream


class LogStream:
    """Stands in for a missing sys.stdout / sys.stderr: text written to it goes to the log."""

    def __init__(self, level: int):
        self.level = level
        self._buf = ""

    def write(self, text: str) -> int:
        self._buf += str(text)
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            if line.strip():
                log.log(self.level, line)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


_handler: _Handler | None = None


def log_path() -> Path | None:
    """The log file in use, or None when there is none (a data folder that can't be written)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def safe_write(stream, text: str) -> None:
    """Write to a stream that may be None, closed or broken (windowed programs); never raises."""
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except Exception:  # noqa: BLE001 - whatever the stream does, the caller must go on
        pass


def setup_logging(folder: Path | None = None) -> Path | None:
    """Open the rotating log (in `folder`, default the data folder's logs/); returns its path or None.

    Also replaces a missing sys.stdout / sys.stderr by a stream into the log.
    Calling it again is harmless (one handler).
    """
    global _handler
    if _handler is None:
        try:
            if folder is None:
                from ..core import paths

                folder = paths.data_dir() / "logs"
            folder = Path(folder)
            folder.mkdir(parents=True, exist_ok=True)
            _handler = _Handler(folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        except (OSError, ValueError):
            _handler = None
        else:
            _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            log.addHandler(_handler)
            log.setLevel(logging.INFO)
    if sys.stdout is None:
        sys.stdout = LogStream(logging.INFO)
    if sys.stderr is None:
        sys.stderr = LogStream(logging.ERROR)
    return log_path()


def close_logging() -> None:
    """Detach and close the log (tests; the end of the program)."""
    global _handler
    if _handler is None:
        return
    try:
        faulthandler.disable()
    except Exception:  # noqa: BLE001
        pass
    log.removeHandler(_handler)
    _handler.close()
    _handler = None
