"""Several schemes (catalogues) in one database: install, list, pick the one for a year.

Every assessment keeps the catalogue it was made with (`assessments.catalog`,
the text kept in the `catalogues` table); these functions only add
catalogues, never change one that assessments use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .catalog import CatalogError, builtin_ids, get_catalog, parse_catalog
from .errors import BadInput


@dataclass(frozen=True)
class Installed:
    id: str
    title: str
    title_en: str
    year: int | None
    points: int
    total_max: Decimal
    sha256: str
    added_at: str
    assessments: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "title_en": self.title_en, "year": self.year,
                "points": self.points, "max": float(self.total_max), "sha256": self.sha256,
                "added_at": self.added_at, "assessments": self.assessments}


def installed(store) -> list[Installed]:
    """The catalogues a database holds, newest year first."""
    out = []
    rows = store.conn.execute(
        "SELECT c.id, c.sha256, c.added_at, (SELECT COUNT(*) FROM assessments a WHERE a.catalog = c.id) "
        "FROM catalogues c"
    ).fetchall()
    for cid, sha, added, count in rows:
        cat = store.catalog(cid)
        out.append(Installed(cid, cat.title, cat.title_en, cat.year, len(cat.points), cat.total_max, sha,
                             added or "", count))
    out.sort(key=lambda r: (-(r.year or 0), r.id))
    return out


def default_catalog_id(store, year: int) -> str:
    """The newest installed scheme whose year is not after `year` (else the oldest one installed)."""
    rows = installed(store)
    if not rows:
        return get_catalog().id
    fits = [r for r in rows if r.year is None or r.year <= year]
    if fits:
        return max(fits, key=lambda r: (r.year or 0, r.added_at, r.id)).id
    return min(rows, key=lambda r: (r.year or 0, r.added_at, r.id)).id


def install_text(store, text: str, origin: str) -> tuple[Any, bool]:
    """Install a catalogue; (catalogue, True) if added, (catalogue, False) if the same one was there.

    Refused (BadInput, database unchanged): anything the loader refuses, and an
    id already installed or shipped with different content.
    """
    cat = parse_catalog(text, origin)
    with store.transaction() as c:
        row = c.execute("SELECT sha256 FROM catalogues WHERE id = ?", (cat.id,)).fetchone()
        if row is not None:
            if row[0] == cat.sha256:
                return cat, False
            raise BadInput(f"{origin}: a different catalogue with the id {cat.id!r} is already installed; "
                           "give the new scheme an id of its own", code="catalog.conflict", file=origin, id=cat.id)
        if cat.id in builtin_ids():
            shipped = get_catalog(cat.id)
            if shipped.text != cat.text:
                raise BadInput(f"{origin}: {cat.id!r} is the id of a scheme shipped with the application, with "
                               "different content; give the new scheme an id of its own",
                               code="catalog.conflict", file=origin, id=cat.id)
        from .store import now

        c.execute("INSERT INTO catalogues(id, sha256, text, added_at) VALUES (?, ?, ?, ?)",
                  (cat.id, cat.sha256, cat.text, now()))
    store._catalogs.pop(cat.id, None)
    return cat, True


def install_file(store, path: Path) -> tuple[Any, bool]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file", code="file.missing", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogError(f"{path}: can't read the catalogue ({e})", code="catalog.unreadable",
                           file=str(path)) from None
    return install_text(store, text, str(path))
