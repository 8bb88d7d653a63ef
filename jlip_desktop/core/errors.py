"""Error types shared by the core.

`BadInput` is anything the user can fix: a wrong value, a broken file, a
locked assessment.  The command line turns it into exit status 2 with its
message on one line; the GUI shows it in a message box.  Anything else is an
internal error.
"""


class BadInput(ValueError):
    """Input that was refused; nothing was changed."""
