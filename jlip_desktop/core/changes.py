"""Change notification: what the store tells its listeners after each commit.

Every open view (the indicator tree, the navigator, the dashboard, the history
tab) subscribes to the store it shows and redraws itself when told, instead
of being refreshed by hand by whoever made the change:

    handle = store.subscribe(on_change)     # on_change(change: Change)
    ...
    handle()                                # or handle.unsubscribe()

A callback runs after the transaction that made the change has committed (a
refused or rolled-back change tells nobody), on the thread that made it, once
per change, in the order they were made; a callback that raises is logged and
does not stop the others, nor undo the change.  No Qt here: a GUI view that
wants a queued update posts one itself.

`Change.kind` is one of `KINDS`:

| kind | made by | assessment_id | point |
|---|---|---|---|
| answer | set_answer (answer, and note with it) | yes | yes |
| note | set_note | yes | yes |
| evidence | add_evidence, remove_evidence | yes | yes |
| status | submit, reopen | yes | None |
| assessor | set_assessor | yes | None |
| assessment_created | new_assessment, duplicate_assessment | yes | None |
| assessment_deleted | delete_assessment | yes | None |
| imported | import_assessment (new or replaced in place) | yes | None |
| history | log, next_export_revision (a history row only) | yes | None |
| review | core/review.py: a verdict or a decision of the province | yes | the point or None |
| meta | set_meta, catalogue or region tables | None | None |
| external | Store.external_changes: another program (or connection) committed to the file | None | None |

Code outside the store that writes through `store.conn` inside
`with store.transaction():` says what it changed with
`store.notify(kind, assessment_id, point)`; the change is delivered when the
outermost transaction commits.  New kinds may be added; listeners should
treat an unknown kind as "something changed" and reload.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable

KINDS = (
    "answer", "note", "evidence", "status", "assessor", "assessment_created", "assessment_deleted",
    "imported", "history", "review", "meta", "external",
)


class Change(namedtuple("Change", "kind assessment_id point", defaults=(None, None))):
    """kind: one of KINDS; assessment_id, point: int | None (a named tuple, as core/records.py says why)."""

    __slots__ = ()


Listener = Callable[[Change], None]


class Subscription:
    """What `subscribe` returns: call it (or `.unsubscribe()`) to stop listening."""

    def __init__(self, hub: ChangeHub, listener: Listener):
        self._hub = hub
        self._listener: Listener | None = listener

    def unsubscribe(self) -> None:
        if self._listener is not None:
            self._hub._remove(self._listener)
            self._listener = None

    __call__ = unsubscribe

    @property
    def active(self) -> bool:
        return self._listener is not None


class ChangeHub:
    """Listeners, and the changes of the transaction in progress."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._pending: list[Change] = []

    def subscribe(self, listener: Listener) -> Subscription:
        if not callable(listener):
            raise TypeError("subscribe() needs a callable")
        self._listeners.append(listener)
        return Subscription(self, listener)

    def _remove(self, listener: Listener) -> None:
        try:
            self._listeners.remove(listener)
        except ValueError:
            pass

    def queue(self, change: Change) -> None:
        self._pending.append(change)

    def touched_assessments(self) -> set[int]:
        """The assessments the changes queued so far are about (deleted ones excluded)."""
        deleted = {c.assessment_id for c in self._pending if c.kind == "assessment_deleted"}
        return {c.assessment_id for c in self._pending if c.assessment_id is not None} - deleted

    def discard(self) -> None:
        self._pending.clear()

    def deliver(self) -> None:
        """Tell every listener about every queued change (after a commit)."""
        pending, self._pending = self._pending, []
        for change in pending:
            for listener in list(self._listeners):
                try:
                    listener(change)
                except Exception:  # noqa: BLE001 — a broken view must not undo a saved change
                    import logging  # only when needed: it costs start-up time

                    logging.getLogger(__name__).exception("change listener %r failed on %r", listener, change)
