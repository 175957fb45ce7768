"""Files indexed on every core, a long one too: its segmenting (most of the work) is cut into
pieces of lines that run side by side, beside its figures and stance, and one more job joins
them into its record. The caller only hands bytes from job to job (the article pickled, the
pieces in UTF-8), never unpacking megabytes of text in one step, so its own interpreter stays
free (an app draws meanwhile)."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import os
import pickle
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .corpus import Article, LoadProblem, read_article
from .fold import fold
from .offload import Failed, child_start, start_tracker
from .query import index_phrases, index_tokens, join_terms, pieces_of
from .search import DocRecord, make_record

PIECE = 400_000  # characters of folded text one segmenting job takes
LONG = 2 * PIECE  # a shorter body is read, summarised and segmented in one job
POLL = 0.05  # seconds between looks at whether the caller still wants the results

Job = tuple[str, str, str]  # article id, path, file key
Problems = list[tuple[str, str, str, bool]]
Result = tuple["DocRecord | None", Problems]


def read(job: Job) -> tuple[Article | None, Problems]:
    """The article of a job's file, and the problems met reading it."""
    aid, path, key = job
    problems: list[LoadProblem] = []
    article = read_article(Path(path), aid, problems)
    return article, [(str(p.path), key, p.reason, p.fatal) for p in problems]


def describe(article: Article, summarise: bool) -> dict:
    """What the index keeps of an article beside its text: metadata and (summarise) the
    figure count and stance."""
    return {**article.metadata(), "chars": len(article.body), **(article.summarise() if summarise else {})}


def record(
    article: Article, job: Job, info: dict, found: dict[str, list[tuple[int, int]]] | None = None
) -> DocRecord:
    return make_record(job[0], article.title, article.body, found=found, path=job[1], key=job[2], info=info)


def process(job: Job, summarise: bool = True) -> Result:
    """Read, clean, (summarise) and segment one file, all here."""
    return _done(*read(job), job, summarise)


def _done(article: Article | None, problems: Problems, job: Job, summarise: bool) -> Result:
    if article is None:
        return None, problems
    return record(article, job, describe(article, summarise)), problems


LOWEST = 19  # the index's workers' priority: the app, and whatever else runs, goes first


def pool(workers: int) -> multiprocessing.pool.Pool:
    """A pool of spawned workers for the index, given the lowest priority from here as soon as
    they exist: a spawned child imports its modules before its own initializer could lower it,
    and those imports, on every core at once, held up an app's first frames."""
    start_tracker()
    before = set(multiprocessing.active_children())
    made = multiprocessing.get_context("spawn").Pool(workers, initializer=init_worker)
    for child in set(multiprocessing.active_children()) - before:
        give_way(child.pid)
    return made


def give_way(pid: int | None) -> None:
    if pid is None:  # not started (0 would be this process)
        return
    with contextlib.suppress(OSError, AttributeError):  # gone already; or no priorities here
        os.setpriority(os.PRIO_PROCESS, pid, LOWEST)


def init_worker() -> None:
    """A worker prints nothing (a TUI may own the terminal), and gives way to the app's drawing;
    problems travel with the results."""
    child_start()
    from .segment import tokenizer

    tokenizer()


Packed = bytes  # an article pickled, or a piece of text in UTF-8: the caller never unpacks them


def _first(
    job: Job, summarise: bool, long: int, piece: int
) -> tuple[Result | None, tuple[Packed, Problems, list[tuple[int, Packed]]] | None]:
    """A short file done whole; a long one read, and its folded text cut into pieces."""
    article, problems = read(job)
    if article is None or len(article.body) < long:
        return _done(article, problems, job, summarise), None
    pieces = [(offset, text.encode("utf-8")) for offset, text in pieces_of(fold(article.body), piece)]
    return None, (_pack(article), problems, pieces)


def _pack(article: Article) -> Packed:
    return pickle.dumps(article, pickle.HIGHEST_PROTOCOL)


def _describe_long(packed: Packed, summarise: bool) -> dict:
    """describe; and the stance even when not summarising: found here beside the pieces, it
    costs little time, and a command line's list would find it afterwards, alone."""
    article = pickle.loads(packed)
    info = describe(article, summarise)
    if not summarise:
        stance = article.stance
        info.update(stance_label=stance.label, stance_score=stance.score, stance_confidence=stance.confidence)
    return info


def _segment(offset: int, text: Packed) -> bytes:
    return pickle.dumps(index_tokens(text.decode("utf-8"), offset), pickle.HIGHEST_PROTOCOL)


def _phrases(pieces: list[tuple[int, Packed]]) -> bytes:
    folded = "".join(text.decode("utf-8") for _, text in pieces)
    return pickle.dumps(index_phrases(folded), pickle.HIGHEST_PROTOCOL)


def _join(packed: Packed, job: Job, info: dict, blobs: list[bytes]) -> DocRecord:
    found: dict[str, list[tuple[int, int]]] = {}
    for blob in blobs:  # the phrases, then the pieces in text order: as index_text finds them
        join_terms(found, pickle.loads(blob))
    return record(pickle.loads(packed), job, info, found)


@dataclass
class _Long:
    """One long file on its way: its pieces' results as they come in."""

    job: Job
    article: Packed
    problems: Problems
    blobs: list[bytes | None]  # the phrases', then the pieces' index_text
    info: dict | None = None

    def complete(self) -> bool:
        return self.info is not None and None not in self.blobs


class _Work:
    """Jobs in a pool of processes; each result is handed to the step that wants it, on the
    caller's thread, and a step may send more jobs."""

    def __init__(self, workers: int, summarise: bool) -> None:
        try:
            self.pool = pool(workers)
        except (OSError, RuntimeError) as exc:
            raise Failed(f"no pool of processes: {exc}") from exc
        self.summarise = summarise
        self.done: queue.Queue[tuple[Callable[[Any], Result | None], Any, bool]] = queue.Queue()

    def send(self, fn: Callable, args: tuple, then: Callable[[Any], Result | None]) -> None:
        self.pool.apply_async(
            fn,
            args,
            callback=partial(self._arrive, then, failed=False),
            error_callback=partial(self._arrive, then, failed=True),
        )

    def _arrive(self, then: Callable[[Any], Result | None], value: Any, failed: bool) -> None:
        self.done.put((then, value, failed))  # on the pool's thread: the caller's takes it

    def start(self, job: Job) -> None:
        self.send(_first, (job, self.summarise, LONG, PIECE), partial(self._read, job))

    def _read(self, job: Job, value: tuple) -> Result | None:
        result, long = value
        if long is None:
            return result
        article, problems, pieces = long
        entry = _Long(job, article, problems, [None] * (len(pieces) + 1))
        self.send(_describe_long, (article, self.summarise), partial(self._described, entry))
        self.send(_phrases, (pieces,), partial(self._piece, entry, 0))
        for i, (offset, text) in enumerate(pieces, 1):
            self.send(_segment, (offset, text), partial(self._piece, entry, i))
        return None

    def _described(self, entry: _Long, info: dict) -> None:
        entry.info = info
        self._join_when_complete(entry)

    def _piece(self, entry: _Long, i: int, blob: bytes) -> None:
        entry.blobs[i] = blob
        self._join_when_complete(entry)

    def _join_when_complete(self, entry: _Long) -> None:
        if entry.complete():
            args = (entry.article, entry.job, entry.info, entry.blobs)
            self.send(_join, args, partial(self._joined, entry.problems))

    def _joined(self, problems: Problems, rec: DocRecord) -> Result:
        return rec, problems

    def next(self, cancelled: Callable[[], bool]) -> Result | None:
        """The next file done; None if cancelled first."""
        while not cancelled():
            try:
                then, value, failed = self.done.get(timeout=POLL)
            except queue.Empty:
                continue
            if failed:
                raise value
            result = then(value)
            if result is not None:
                return result
        return None


def run(
    todo: list[Job],
    workers: int,
    summarise: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Result]:
    """(record, problems) for each job, in the order they are done, from a pool of workers
    processes. Stops (ending the workers) when cancelled or when the caller stops asking.
    Raises Failed, before any result, where no pool can start."""
    work = _Work(workers, summarise)
    try:
        for job in todo:
            work.start(job)
        for _ in todo:
            result = work.next(cancelled)
            if result is None:
                return
            yield result
    finally:
        work.pool.terminate()
