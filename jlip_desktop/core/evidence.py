"""Which evidence files an assessment has, and which it only knows of (未收到, not received).

An assessment made here has its files in `evidence`.  An imported one also
has the list its workbook carried (`evidence_expected`, schema 4): a package
brings the files, a plain workbook brings only the list.  `evidence_status`
matches the two: every stored file is received; a listed file with no
stored file of the same point, name and SHA-256 is not received.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EvidenceItem:
    point: int
    name: str
    size: int
    sha256: str
    received: bool
    evidence_id: int | None = None  # the stored file (None when not received)

    def to_json(self) -> dict[str, Any]:
        return {"point": self.point, "name": self.name, "size": self.size, "sha256": self.sha256,
                "received": self.received}


def expected_evidence(store, assessment_id: int) -> list[tuple[int, str, int, str]]:
    """(point, name, size, sha256) of each file the imported workbook listed, in point order."""
    return [tuple(r) for r in store.conn.execute(
        "SELECT point, filename, size, sha256 FROM evidence_expected WHERE assessment_id = ? ORDER BY point, id",
        (int(assessment_id),),
    )]


def set_expected_evidence(store, assessment_id: int, items: list[dict[str, Any]]) -> None:
    """Replace the listed files of an assessment (inside the caller's transaction)."""
    with store.transaction() as c:
        c.execute("DELETE FROM evidence_expected WHERE assessment_id = ?", (int(assessment_id),))
        c.executemany(
            "INSERT INTO evidence_expected(assessment_id, point, filename, size, sha256) VALUES (?, ?, ?, ?, ?)",
            [(int(assessment_id), d["point"], d["name"], d["size"], d["sha256"]) for d in items],
        )
        store.notify("evidence", assessment_id)


def evidence_status(store, assessment_id: int) -> list[EvidenceItem]:
    """Every evidence file of the assessment, received or not, in point order."""
    stored = store.evidence(assessment_id)
    have = Counter((e.point, e.filename, e.sha256) for e in stored)
    items = [EvidenceItem(e.point, e.filename, e.size, e.sha256, True, e.id) for e in stored]
    for point, name, size, digest in expected_evidence(store, assessment_id):
        key = (point, name, digest)
        if have[key] > 0:
            have[key] -= 1
        else:
            items.append(EvidenceItem(point, name, size, digest, False))
    return sorted(items, key=lambda i: (i.point, not i.received, i.name))
