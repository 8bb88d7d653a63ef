"""Per-year settings of the province report, kept in the database's meta table.

issuer and date go on the cover, notes are the editor's free text for chapter 4
(findings no indicator captures), order is how the regions' sections are
ordered ("catalogue": the region list's order, as seed 004 keeps it; "rank":
highest total first).  Keys: report.<year>.<field>.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date

from .errors import BadInput

FIELDS = ("issuer", "date", "notes", "order")
ORDERS = ("catalogue", "rank")
DEFAULT_ISSUER = "吉林省知识产权保护中心"
MAX_LEN = {"issuer": 200, "date": 40, "notes": 20000, "order": 20}


@dataclass(frozen=True)
class ReportMeta:
    year: int
    issuer: str
    date: str
    notes: str
    order: str


def _key(year: int, name: str) -> str:
    return f"report.{int(year)}.{name}"


def default_date(today: _date | None = None) -> str:
    d = today or _date.today()
    return f"{d.year}年{d.month}月"


def report_meta(store, year: int) -> ReportMeta:
    """The settings for a year's report, with defaults for what was never set."""
    get = store.meta
    return ReportMeta(
        int(year),
        get(_key(year, "issuer")) or DEFAULT_ISSUER,
        get(_key(year, "date")) or default_date(),
        get(_key(year, "notes")) or "",
        get(_key(year, "order")) or ORDERS[0],
    )


def set_report_meta(store, year: int, **values: str | None) -> ReportMeta:
    """Set some of issuer, date, notes, order for a year (None leaves a field as it is; "" resets it)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise BadInput(f"year must be a whole year such as 2021, got {year!r}", code="report.year") from None
    for name, value in values.items():
        if name not in FIELDS:
            raise BadInput(f"unknown report setting {name!r} (known: {', '.join(FIELDS)})", code="report.field")
        if value is None:
            continue
        value = str(value).strip() if name != "notes" else str(value).strip("\n")
        if len(value) > MAX_LEN[name]:
            raise BadInput(f"report {name} is {len(value)} characters long; at most {MAX_LEN[name]}",
                           code="report.too_long")
        if name == "order" and value and value not in ORDERS:
            raise BadInput(f"report order must be one of {', '.join(ORDERS)}, got {value!r}", code="report.order")
    with store.transaction() as c:
        for name, value in values.items():
            if value is None:
                continue
            value = str(value).strip() if name != "notes" else str(value).strip("\n")
            if value:
                c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (_key(year, name), value))
            else:
                c.execute("DELETE FROM meta WHERE key = ?", (_key(year, name),))
    return report_meta(store, year)
