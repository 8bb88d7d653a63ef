"""Test helpers for the database file itself: damaging a table's root page, reading what is in the main file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str = "audit") -> None:
    """Overwrite the start of `table`'s root page (a page type SQLite doesn't know), as a bad sector would."""
    con = sqlite3.connect(path)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff" + os.urandom(64))


def main_file_points(db: Path, copy: Path, aid: int) -> set[int]:
    """The points answered in the database file itself, without its WAL: what checkpoints have copied there."""
    shutil.copyfile(db, copy)
    con = sqlite3.connect(copy)
    try:
        return {p for (p,) in con.execute("SELECT point FROM answers WHERE assessment_id = ?", (aid,))}
    finally:
        con.close()
