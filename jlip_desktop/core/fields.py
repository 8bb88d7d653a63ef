"""What the store's text fields accept.

Refusals are StoreErrors with a `field.*` code and params `field` (its
English name, as in `LIMITS`), `limit` and `length` (too long), `char`
(U+XXXX, a control or invalid character), and `point` where the field
belongs to one.  Long text is also wrapped where it is shown (reports).
"""

from __future__ import annotations

import unicodedata

from .database import StoreError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing on every start (see core/records.py)
if TYPE_CHECKING:
    from typing import Any

# What the text fields accept (characters).  Longer text, control characters
# (other than line breaks and tabs in multi-line fields) and unpaired
# surrogates are refused with a `field.*` code naming the field and limit.
LIMITS = {
    "assessor": 64,
    "note": 50000,
    "evidence file name": 255,
    "reason": 500,
    "user name": 64,
}
EVIDENCE_MAX_BYTES = 100 * 1024 * 1024
_MULTILINE = {"note", "reason"}


def check_text(field: str, value: Any, *, point: int | None = None) -> str:
    """`value` if it is acceptable text for `field`, else a StoreError."""
    where = f"point ({point}): " if point is not None else ""
    if not isinstance(value, str):
        raise StoreError(f"{where}the {field} must be text", code="field.not_text", field=field, point=point)
    limit = LIMITS[field]
    if len(value) > limit:
        raise StoreError(
            f"{where}the {field} is {len(value)} characters long; at most {limit} are accepted",
            code="field.too_long", field=field, limit=limit, length=len(value), point=point,
        )
    allowed = "\n\r\t" if field in _MULTILINE else ""
    for ch in value:
        o = ord(ch)
        if 0xD800 <= o <= 0xDFFF:
            raise StoreError(f"{where}the {field} holds an invalid character (U+{o:04X}, an unpaired surrogate)",
                             code="field.invalid_character", field=field, char=f"U+{o:04X}", point=point)
        if (o < 32 or 0x7F <= o <= 0x9F) and ch not in allowed:
            raise StoreError(f"{where}the {field} holds a control character (U+{o:04X}); it is not accepted",
                             code="field.control_character", field=field, char=f"U+{o:04X}", point=point)
        if unicodedata.category(ch) in ("Zl", "Zp") and not allowed:
            raise StoreError(f"{where}the {field} must be one line (it holds U+{o:04X})",
                             code="field.control_character", field=field, char=f"U+{o:04X}", point=point)
    return value
