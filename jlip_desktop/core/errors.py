"""Error types shared by the core.

`BadInput` is anything the user can fix: a wrong value, a broken file, a
locked assessment.  The command line turns it into exit status 2 with its
message on one line; the GUI words it in the UI language from its `code` and
`params` (jlip_desktop/gui/messages.py), never from the English text.
Anything else is an internal error.

Codes are short dotted names (`store.locked`, `answer.above_max`); `params`
are the values the wording needs (a file name, a point number, a limit),
plain str/int/float so that any layer can format them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing on every start (see core/records.py)
if TYPE_CHECKING:
    from typing import Any


class BadInput(ValueError):
    """Input that was refused; nothing was changed.

    `str(e)` is the English message (the command line's); `code` and `params`
    are what a translated message is built from.  A BadInput raised without a
    code gets `bad_input`, whose wording is the English message itself.
    """

    code: str = "bad_input"

    def __init__(self, message: str, *, code: str | None = None, **params: Any):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params
