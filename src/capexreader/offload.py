"""Long-article work in a process of its own, so the app's interpreter stays free to draw.

A long body's figures, stance and paragraph leanings (seconds of work for megabytes of
text) and its wrapping run in a spawned child. Results come back as pickled pieces that
the caller unpickles one at a time: no single step holds the interpreter for long.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
from array import array
from collections.abc import Callable
from typing import Any

PIECE = 2000  # items per pickled piece: each unpickles in a few milliseconds


class Failed(Exception):
    """The child could not be started, raised, or died."""


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


def pieces(items: list) -> list[bytes]:
    return [pickle.dumps(items[i : i + PIECE], pickle.HIGHEST_PROTOCOL)
            for i in range(0, len(items), PIECE)]


def unpieces(blobs: list[bytes]) -> list:
    out: list = []
    for blob in blobs:
        out.extend(pickle.loads(blob))
    return out


def study(body: str, title: str, override: str | None, year: int | None) -> dict[str, Any]:
    """Figures, stance and paragraph leanings of a body, packed for the trip back."""
    from .figures import extract_figures
    from .stance import paragraph_leanings, score_stance

    return {
        "figures": pieces(extract_figures(body, year=year)),
        "stance": pickle.dumps(score_stance(body, title=title, override=override)),
        "leanings": pieces(paragraph_leanings(body)),
    }


def wrap(text: str, width: int) -> tuple[bytes, bytes]:
    """Line starts and ends (as packed arrays) of a text wrapped to width."""
    from .wrap import wrap_arrays

    starts, ends = wrap_arrays(text, width)
    return starts.tobytes(), ends.tobytes()


def as_array(blob: bytes) -> array:
    out = array("q")
    out.frombytes(blob)
    return out


def _child(conn: Any, fn: Callable, args: tuple) -> None:
    quiet()
    with contextlib.suppress(OSError):
        os.nice(5)  # the reader's own process draws first
    try:
        conn.send((True, fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which falls back
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_apart(fn: Callable, *args: Any, cancelled: Callable[[], bool] = lambda: False) -> Any:
    """fn(*args) in a spawned child (safe beside threads); None if cancelled first.

    fn must be a module-level function. Raises Failed if the child cannot run it."""
    ctx = multiprocessing.get_context("spawn")
    try:
        start_tracker()
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(writer, fn, args), daemon=True)
        proc.start()
    except (OSError, RuntimeError, pickle.PicklingError) as exc:
        raise Failed(str(exc)) from exc
    writer.close()
    try:
        while not reader.poll(0.05):
            if cancelled():
                return None
            if not proc.is_alive() and not reader.poll():
                raise Failed(f"the helper process ended ({proc.exitcode})")
        ok, value = reader.recv()
    except (EOFError, OSError) as exc:
        raise Failed(f"the helper process ended ({exc})") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        reader.close()
    if not ok:
        raise Failed(value)
    return value
