"""When the cyclic garbage collector may run while the reader is open.

No collection until the first frame is out (it would walk every object the imports made, more
than once, in the first frame's time: startup.py shows the cost); then full collections, tens of
milliseconds with a large corpus open, on a timer instead of on whichever key press happens to
allocate (app_bench.py's worst cases show it). What is alive once the start, the corpus or a
long article is done is frozen out of the collector's walk (`settle`)."""

from __future__ import annotations

import gc

FULL_EVERY = 30.0  # seconds between full collections while the reader runs


def settle() -> None:
    gc.freeze()


class Collector:
    def __init__(self) -> None:
        self._held = False
        self._thresholds: tuple[int, int, int] | None = None

    def hold(self) -> None:
        """No collection until release()."""
        if gc.isenabled():
            self._held = True
            gc.disable()

    def release(self) -> bool:
        """Collection on again, the full ones left to the caller's timer; True if this call
        ended a hold."""
        settle()
        if not self._held:
            return False
        self._held = False
        gc.enable()
        self._thresholds = gc.get_threshold()
        gc.set_threshold(self._thresholds[0], self._thresholds[1], 2**31 - 1)
        return True

    def restore(self) -> None:
        """Python's own policy again (the app has stopped)."""
        self.release()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
