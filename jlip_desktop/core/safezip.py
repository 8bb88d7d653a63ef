"""Looking inside a zip file before anything unpacks it.

An .xlsx workbook and an exchange package are both zip files, and both come
from outside.  A crafted one can declare (or really hold) far more data than
its size suggests (a "zip bomb": a 3 MB file whose sheet inflates to 1 GB
kept openpyxl busy for ten minutes at 2 GB of memory), hide a link or an
absolute path, or be encrypted.  `inspect` reads only the central directory
(bounded by the file's own size) and refuses such a file in milliseconds,
before any entry is inflated; `read_entry` / `copy_entry` then inflate one
entry in bounded chunks and stop at its declared size.

The limits are named constants, chosen so that a real file is far below
them (figures from an exported 44-point workbook with a long history:
23 KB on disk, 12 entries, the largest 88 KB inflated, ratios up to 31):

  workbook  file 20 MiB, 1,000 entries, 16 MiB per entry, 48 MiB in all,
            ratio 150 (checked on entries over 1 MiB)
  package   see exchange/package.py (evidence files are larger)

Every refusal is an `UnsafeZip` (a BadInput) whose code names the reason
and whose params name the file and, where there is one, the entry.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import BadInput

MiB = 1024 * 1024
CHUNK = 1 * MiB  # inflate this much at a time


@dataclass(frozen=True)
class ZipLimits:
    file_size: int  # bytes of the zip file itself
    entries: int  # number of entries
    entry_size: int  # declared (and actual) inflated size of one entry
    total_size: int  # all entries' inflated sizes together
    ratio: int  # inflated / compressed, per entry ...
    ratio_floor: int  # ... for entries that inflate to more than this


WORKBOOK_LIMITS = ZipLimits(
    file_size=20 * MiB, entries=1000, entry_size=16 * MiB, total_size=48 * MiB, ratio=150, ratio_floor=1 * MiB,
)


class UnsafeZip(BadInput):
    """A zip file refused before (or while) anything in it was unpacked."""


def _mib(n: int) -> str:
    return f"{n / MiB:.0f} MiB" if n >= MiB else f"{n} bytes"


def _refuse(code: str, message: str, **params) -> UnsafeZip:
    return UnsafeZip(message, code=f"zip.{code}", **params)


def entry_path_problem(name: str) -> str | None:
    """Why an entry's name can't be unpacked inside a folder (None when it can)."""
    if not name or "\x00" in name:
        return "an empty name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or name.startswith("//"):
        return "an absolute path"
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(p == ".." for p in parts):
        return "a path that leaves the folder (..)"
    return None


def is_link(info: zipfile.ZipInfo) -> bool:
    """A symbolic link (Unix mode bits in the external attributes)."""
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def open_zip(data: bytes | BinaryIO, name: str) -> zipfile.ZipFile:
    """A ZipFile over bytes or a binary file, or a refusal naming the file."""
    src = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        return zipfile.ZipFile(src)
    except zipfile.LargeZipFile:
        raise _refuse("too_large", "a zip file too large to open", file=name) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, IndexError, OverflowError):
        raise _refuse("not_zip", "not a zip file, or the file is truncated or damaged",
                      file=name) from None


def inspect(zf: zipfile.ZipFile, name: str, limits: ZipLimits, *, file_size: int | None = None,
            allow_dirs: bool = True) -> list[zipfile.ZipInfo]:
    """Every entry of `zf`, checked against `limits` from the central directory alone.

    Refuses (UnsafeZip) on too many entries, an entry or a total declared over
    the limits, an absurd compression ratio, an encrypted entry, a link, an
    absolute or escaping path, a duplicate name, and a file larger than
    allowed.  Nothing is inflated.
    """
    if file_size is not None and file_size > limits.file_size:
        raise _refuse("file_too_large", f"{_mib(file_size)}, more than the {_mib(limits.file_size)} "
                      "allowed for this kind of file", file=name, size=file_size, limit=limits.file_size)
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise _refuse("too_many_entries", f"{len(infos)} entries, more than the {limits.entries} allowed",
                      file=name, count=len(infos), limit=limits.entries)
    seen: set[str] = set()
    total = 0
    for info in infos:
        entry = info.filename
        key = entry.replace("\\", "/").rstrip("/").casefold()
        if key in seen:
            raise _refuse("duplicate", f"the entry {entry!r} appears twice", file=name, entry=entry)
        seen.add(key)
        problem = entry_path_problem(entry)
        if problem:
            raise _refuse("bad_path", f"the entry {entry!r} has {problem}", file=name, entry=entry)
        if is_link(info):
            raise _refuse("link", f"the entry {entry!r} is a link, not a file", file=name, entry=entry)
        if info.flag_bits & 0x1:
            raise _refuse("encrypted", f"the entry {entry!r} is encrypted", file=name, entry=entry)
        if info.is_dir():
            if not allow_dirs:
                raise _refuse("unexpected", f"unexpected folder entry {entry!r}", file=name, entry=entry)
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse("method", f"the entry {entry!r} uses a compression method this program does "
                          "not read", file=name, entry=entry)
        size = info.file_size
        if size > limits.entry_size:
            raise _refuse("entry_too_large", f"the entry {entry!r} unpacks to {_mib(size)}, more than "
                          f"the {_mib(limits.entry_size)} allowed", file=name, entry=entry, size=size,
                          limit=limits.entry_size)
        if size > limits.ratio_floor and size > limits.ratio * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise _refuse("ratio", f"the entry {entry!r} unpacks {ratio} times its packed size "
                          f"(at most {limits.ratio} allowed): a zip bomb?", file=name, entry=entry, ratio=ratio,
                          limit=limits.ratio)
        total += size
        if total > limits.total_size:
            raise _refuse("too_large", f"its entries unpack to more than the {_mib(limits.total_size)} "
                          "allowed", file=name, limit=limits.total_size)
    return infos


def copy_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, sink: Callable[[bytes], object],
               limit: int) -> int:
    """Inflate one entry into `sink` chunk by chunk; stop (refuse) past its declared size or `limit`.

    zipfile itself checks the CRC at the end.  Returns the number of bytes.
    """
    entry = info.filename
    cap = min(info.file_size, limit)
    done = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                done += len(chunk)
                if done > cap:
                    raise _refuse("entry_too_large", f"the entry {entry!r} holds more than it declares",
                                  file=name, entry=entry, size=done, limit=cap)
                sink(chunk)
    except UnsafeZip:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _refuse("damaged_entry", f"the entry {entry!r} is damaged (it can't be unpacked, or its "
                      "checksum does not match)", file=name, entry=entry) from None
    if done != info.file_size:
        raise _refuse("damaged_entry", f"the entry {entry!r} is shorter than it declares", file=name,
                      entry=entry)
    return done


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int) -> bytes:
    """One entry's bytes, inflated in bounded chunks (see copy_entry)."""
    buf = bytearray()
    copy_entry(zf, info, name, buf.extend, limit)
    return bytes(buf)


def read_file(path: Path, limit: int) -> bytes:
    """A whole file that may be at most `limit` bytes (refused before reading when larger)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise BadInput(f"can't read the file ({e.strerror or e})", code="file.unreadable",
                       file=path.name) from None
    if size > limit:
        raise _refuse("file_too_large", f"{_mib(size)}, more than the {_mib(limit)} allowed for this "
                      "kind of file", file=path.name, size=size, limit=limit)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        raise BadInput(f"can't read the file ({e.strerror or e}); is it open in another program?",
                       code="file.unreadable", file=path.name) from None
    if len(data) > limit:
        raise _refuse("file_too_large", f"more than the {_mib(limit)} allowed for this kind of file",
                      file=path.name, size=len(data), limit=limit)
    return data
