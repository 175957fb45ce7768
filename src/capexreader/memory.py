"""Keep long-lived data out of the garbage collector's way."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

LONG = 200_000  # characters: a longer text is read and worked on off the UI thread
_lock = threading.Lock()
_holders = 0


def settle() -> None:
    """Move what is alive now (articles, a long article's figures and wrapped lines) out of the
    collector's sight: otherwise every full collection walks it all again, a pause of 200 ms or
    more with a 16 MB article open. Frozen objects are still freed when no longer referenced."""
    gc.freeze()


def hold() -> None:
    """Pause the cyclic collector until a matching release()."""
    global _holders
    with _lock:
        _holders += 1
        gc.disable()


def release() -> None:
    """End a hold(); when the last holder leaves, what is alive is settled and collection
    resumes."""
    global _holders
    with _lock:
        _holders -= 1
        if _holders == 0:
            settle()
            gc.enable()


@contextmanager
def no_collection() -> Iterator[None]:
    """Pause the cyclic collector while a long text is worked on (in any thread): its many new
    objects would be walked by collection after collection, each a pause of the whole process."""
    hold()
    try:
        yield
    finally:
        release()


# A full collection walks every live object that is not frozen: with a large corpus open,
# 20-45 ms, landing on whichever key press happens to allocate at the time. While the reader
# runs, full passes are run when the user is idle instead (the young generations are still
# collected as they fill, as usual).
FULL_DUE = 10  # young-generation passes since the last full one (Python's own default)
FULL_OVERDUE = 400  # collect even without a pause in the typing


def defer_full_collections() -> tuple[int, int, int]:
    """Stop automatic full collections; returns the thresholds to restore."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], 2**31 - 1)
    return before


def restore_collections(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(*thresholds)


def collect_if_due(idle: bool) -> bool:
    """A full collection if enough young passes ran since the last: when idle, or overdue."""
    passes = gc.get_count()[2]
    if gc.isenabled() and (passes >= FULL_OVERDUE or (idle and passes >= FULL_DUE)):
        gc.collect()
        return True
    return False
