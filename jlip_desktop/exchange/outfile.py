"""Writing a file whose writing is also recorded in the database (an export and its revision).

The order is what keeps the two consistent:

1. the file is written in full to a temporary file beside the target (a
   read-only folder, a full disk or a failing writer stop here: nothing was
   recorded, the target is untouched, the temporary file is removed);
2. one transaction records the export (revision + history row) and, as its
   last step before COMMIT, moves the temporary file over the target (a
   target held open by another program stops here: the transaction rolls
   back);
3. COMMIT.  If the commit itself fails (the disk filled up between steps,
   the database went read-only), the new file is deleted again: a file whose
   revision the database does not know would otherwise let the next export
   hand out the same revision number for different contents, which the
   province would skip as a duplicate.  The user is told that nothing was
   exported.  (A file that stood at the target before is gone in that case:
   the user had chosen to replace it.)

So the database changes only if the file was written, and a file is left
only if the database recorded it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..core.errors import BadInput
from ..core.fileio import check_output_path, replace_with, temp_beside, write_error


def write_recorded(store, path: Path, save: Callable[[Path], None], record: Callable[[], None]) -> Path:
    """Write `path` with `save(tmp)`; `record()` runs in the store's transaction that commits the file."""
    path = check_output_path(Path(path))
    tmp = temp_beside(path)
    replaced = False
    try:
        try:
            save(tmp)
        except OSError as e:
            raise write_error(path, e) from None
        try:
            with store.transaction():
                record()
                replace_with(tmp, path)
                replaced = True
        except BaseException as e:
            if store.conn.in_transaction:
                try:
                    store.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if replaced or isinstance(e, sqlite3.Error):
                # The file was in place but the COMMIT failed: take it away again.
                if replaced:
                    path.unlink(missing_ok=True)
                raise BadInput(f"{path}: not exported: the database could not record the export ({e}); "
                               "no file was left", code="export.not_recorded", file=str(path),
                               reason=str(e)) from None
            raise
    finally:
        tmp.unlink(missing_ok=True)
    return path
