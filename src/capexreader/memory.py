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
