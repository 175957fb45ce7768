"""Long-article work in a process of its own, so the app's interpreter stays free to draw.

A long body's figures, stance and paragraph leanings (seconds of work for megabytes of
text) and its wrapping run in a spawned child. Results come back as pickled pieces that
the caller unpickles one at a time, and long strings (the body itself) travel both ways in
pieces of text: no single step holds the interpreter for long (pickling a 16 MB string is
one step of 30-40 ms, unpickling it 40-60 ms).
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
from array import array
from collections.abc import Callable
from typing import Any

PIECE = 2000  # items per pickled piece: each unpickles in a few milliseconds
TEXT_PIECE = 1 << 18  # characters: a longer string is sent apart, in pieces of this size


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


def study(body: str, title: str, override: str | None, year: int | None, language: str | None = None,
          source: str | None = None) -> dict[str, Any]:
    """Figures, stance and paragraph leanings of a body, packed for the trip back."""
    from .figures import extract_figures
    from .stance import paragraph_leanings, score_stance

    return {
        "figures": pieces(extract_figures(body, year=year, title=title, language=language,
                                          source=source)),
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


class _Pickler(pickle.Pickler):
    """Leaves long strings out of the pickle, to be sent on their own."""

    def __init__(self, file: io.BytesIO, texts: list[str]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.texts = texts

    def persistent_id(self, obj: object) -> int | None:
        if type(obj) is str and len(obj) > TEXT_PIECE:
            self.texts.append(obj)
            return len(self.texts) - 1
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, texts: list[str]) -> None:
        super().__init__(file)
        self.texts = texts

    def persistent_load(self, pid: int) -> str:
        return self.texts[pid]


def send(conn: Any, obj: object) -> None:
    """Send obj over a multiprocessing connection; long strings go in pieces."""
    texts: list[str] = []
    buffer = io.BytesIO()
    _Pickler(buffer, texts).dump(obj)
    conn.send_bytes(pickle.dumps([len(t) for t in texts]))
    for text in texts:
        for i in range(0, len(text), TEXT_PIECE):
            conn.send_bytes(text[i : i + TEXT_PIECE].encode("utf-8", "surrogatepass"))
    conn.send_bytes(buffer.getvalue())


def receive(conn: Any) -> Any:
    """What send() sent, each piece decoded in its own short step."""
    texts = []
    for size in pickle.loads(conn.recv_bytes()):
        parts = [conn.recv_bytes().decode("utf-8", "surrogatepass")
                 for _ in range(0, size, TEXT_PIECE)]
        texts.append("".join(parts))
    return _Unpickler(io.BytesIO(conn.recv_bytes()), texts).load()


def _child(conn: Any) -> None:
    quiet()
    with contextlib.suppress(OSError):
        os.nice(5)  # the reader's own process draws first
    try:
        fn, args = receive(conn)
        send(conn, (True, fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which falls back
        send(conn, (False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_apart(fn: Callable, *args: Any, cancelled: Callable[[], bool] = lambda: False) -> Any:
    """fn(*args) in a spawned child (safe beside threads); None if cancelled first.

    fn must be a module-level function. Raises Failed if the child cannot run it."""
    ctx = multiprocessing.get_context("spawn")
    try:
        start_tracker()
        here, there = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(there,), daemon=True)
        proc.start()
    except (OSError, RuntimeError, pickle.PicklingError) as exc:
        raise Failed(str(exc)) from exc
    there.close()
    try:
        try:
            send(here, (fn, args))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise Failed(f"cannot send the work: {exc}") from exc
        while not here.poll(0.05):
            if cancelled():
                return None
            if not proc.is_alive() and not here.poll():
                raise Failed(f"the helper process ended ({proc.exitcode})")
        ok, value = receive(here)
    except (EOFError, OSError) as exc:
        raise Failed(f"the helper process ended ({exc})") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        here.close()
    if not ok:
        raise Failed(value)
    return value
