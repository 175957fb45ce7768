"""Long work in a process of its own, so the caller's interpreter stays free (to draw).

A `Helper` is one spawned process, started when first needed and kept for the next job: the
figures, stance and paragraph leanings of a long body (seconds for megabytes of text) and its
layout to a width. Lists come back as pickled pieces that the caller unpickles one at a time,
so no single step holds the interpreter for long.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus import Article

PIECE = 2000  # items per pickled piece: each unpickles in a few milliseconds
POLL = 0.05  # seconds between looks at whether the caller still wants the result
START_TIMEOUT = 60.0  # seconds for a new helper process to answer at all


class Failed(Exception):
    """No helper process could be started here, or it died."""


def start_tracker() -> None:
    """Start multiprocessing's resource tracker. Under a Textual app sys.stderr is a capture
    object whose fileno() is -1, which the tracker cannot be started with."""
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


def quiet() -> None:
    """A child prints nothing (a TUI may own the terminal)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)


def child_start() -> None:
    """A child prints nothing and gives way to its parent (which may be drawing an app)."""
    quiet()
    with contextlib.suppress(OSError):
        os.nice(5)  # the caller's own process draws first


class Helper:
    """One helper process for one job at a time. A job whose caller gives up while it runs
    is stopped by ending the process; the jobs queued behind it run in a new one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._pid: int | None = None
        self._generation = 0  # how many processes were ended: a queued job then runs again

    def _started(self) -> tuple[ProcessPoolExecutor, int]:
        with self._lock:
            if self._pool is None:
                try:
                    start_tracker()
                    context = multiprocessing.get_context("spawn")  # safe beside threads
                    pool = ProcessPoolExecutor(1, mp_context=context, initializer=child_start)
                    self._pid = pool.submit(os.getpid).result(timeout=START_TIMEOUT)
                except (OSError, RuntimeError, BrokenProcessPool, FutureTimeout) as exc:
                    raise Failed(f"no helper process: {exc}") from exc
                self._pool = pool
            return self._pool, self._generation

    def run(self, fn: Callable, *args: Any, cancelled: Callable[[], bool] = lambda: False) -> Any:
        """fn(*args) in the helper process (fn must be a module-level function); None if
        cancelled first. Raises Failed when the process cannot run it; fn's own errors are
        raised as they are."""
        while True:
            pool, generation = self._started()
            try:
                future = pool.submit(fn, *args)
                return self._wait(future, cancelled)
            except (RuntimeError, BrokenProcessPool) as exc:  # the process ended meanwhile
                if self._generation != generation:
                    continue  # ended for another caller's sake: run this job again
                self.stop()
                raise Failed(f"the helper process ended ({exc})") from exc

    def _wait(self, future: Future, cancelled: Callable[[], bool]) -> Any:
        while True:
            try:
                return future.result(timeout=POLL)
            except FutureTimeout:
                if cancelled():
                    if not future.cancel():  # it is running: ending the process stops it
                        self.stop()
                    return None
            except CancelledError as exc:  # by stop(): it was queued when the process ended
                raise BrokenProcessPool("stopped") from exc
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                if "pickle" not in str(exc).lower():
                    raise  # fn's own error
                raise Failed(f"cannot send the work: {exc}") from exc

    def stop(self) -> None:
        """End the helper process now, whatever it is doing."""
        with self._lock:
            pool, pid = self._pool, self._pid
            self._pool = self._pid = None
            self._generation += 1
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def pieces(items: list) -> list[bytes]:
    return [pickle.dumps(items[i : i + PIECE], pickle.HIGHEST_PROTOCOL) for i in range(0, len(items), PIECE)]


def unpieces(blobs: list[bytes]) -> list:
    out: list = []
    for blob in blobs:
        out.extend(pickle.loads(blob))
    return out


def study(
    body: str,
    title: str,
    override: str | None,
    year: int | None,
    language: str | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """Figures, stance and paragraph leanings of a body, packed for the trip back."""
    from .figures import extract_figures
    from .stance import paragraph_leanings, score_stance

    return {
        "figures": pieces(extract_figures(body, year=year, title=title, language=language, source=source)),
        "stance": pickle.dumps(score_stance(body, title=title, override=override)),
        "leanings": pieces(paragraph_leanings(body)),
    }


def summarise(article: Article) -> dict:
    """What the list shows of an article (figure count, stance); article has its body."""
    return article.summarise()


_parsed: tuple[int, int, Any] = (0, 0, None)  # the last text parsed here: its length, hash, document


def lay_out(text: str, width: int) -> bytes:
    """A text parsed and laid out to width, pickled (its arrays unpickle as single copies). The
    last document is kept: a new width for the same text is only laid out again."""
    global _parsed
    from .document import parse
    from .layout import lay_out as lay

    if _parsed[:2] != (len(text), hash(text)):
        _parsed = (len(text), hash(text), parse(text))
    doc = _parsed[2]
    return pickle.dumps((doc, lay(doc, text, width)), pickle.HIGHEST_PROTOCOL)


def unpack_layout(blob: bytes) -> Any:
    return pickle.loads(blob)
