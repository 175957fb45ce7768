"""Keep the on-disk index of a content folder in step with the files: only changed, added or
removed files are (re)read; a large first build runs in worker processes on every core."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from filelock import Timeout

from . import spread
from .cache import cache_dir
from .corpus import Article, Corpus, LoadProblem, assign_ids, read_article, scan
from .offload import Failed, Helper
from .search import DocRecord, SearchIndex
from .spread import process

T = TypeVar("T")
PARALLEL_FROM = 200  # files; below this a worker pool costs more than it saves
BIG_FILE = 512 * 1024  # bytes: a bigger file is read and indexed in a helper process
# For this long after a full scan found the folder in step, folders whose mtimes have not
# changed are taken to hold the same files: a file added, removed or renamed (a save by
# rename too) changes its folder's mtime, so only an edit in place waits for the next full
# scan. A query then stats the folders, not every file.
TRUST_FOLDERS = 60.0  # seconds
COARSE = 2_000_000_000  # ns: a folder changed this close to the scan may hide a change
helper = Helper()  # for big files; started by the first one


@dataclass
class Plan:
    root: Path
    files: dict[str, str]  # absolute path -> article id
    keys: dict[str, str]  # article id -> file key
    todo: list[tuple[str, str, str]] = field(default_factory=list)  # id, path, key
    removed: list[str] = field(default_factory=list)
    version: int = 0  # the index's data version it was made against
    digest: str = ""  # of the scan: when the index holds the same, nothing needs comparing
    unchanged: bool = False  # the folder is as the last complete sync left it
    skipped: list[str] = field(default_factory=list)  # files of a kind that is not read
    folders: dict[str, int] | None = None  # each folder's mtime, when the plan scanned them
    scanned_at: int = 0  # time.time_ns() when the scan started


def index_path(root: Path) -> Path | None:
    """The cache file for a content folder, or None when no cache folder can be written."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
    return folder / f"index-{digest}.sqlite"


def open_index(root: Path) -> tuple[SearchIndex, str | None]:
    """The persistent index of root, or an in-memory one and the reason why."""
    path = index_path(root)
    if path is None:
        return SearchIndex(), "no writable cache folder: the index lives in memory this time"
    try:
        return SearchIndex(path), None
    except OSError as exc:  # sqlite3 errors are handled inside; this is the folder itself
        return SearchIndex(), f"cache unusable ({exc}): the index lives in memory this time"


def make_plan(root: Path, index: SearchIndex) -> Plan:
    """Which files are new or changed (by size and mtime) and which are gone."""
    index.refresh()
    version = index.version()
    if folders_unchanged(root, index):
        return Plan(root, {}, {}, version=version, digest=index.meta("scan") or "", unchanged=True)
    skipped: list[str] = []
    folders: dict[str, int] = {}
    started = time.time_ns()
    found = scan(root, skipped, folders)
    listing = "\n".join([*(f"{rel}\t{key}" for rel, key in found), *skipped])
    digest = hashlib.sha1(listing.encode()).hexdigest()
    if digest == index.meta("scan"):
        return Plan(
            root, {}, {}, version=version, digest=digest, unchanged=True, folders=folders, scanned_at=started
        )
    ids = assign_ids([rel for rel, _ in found])
    base = os.fspath(root)
    files = {os.path.join(base, rel): ids[rel] for rel, _ in found}
    keys = {ids[rel]: key for rel, key in found}
    known = index.keys()
    bad = {p: k for p, k, _, fatal in index.problems() if fatal}
    plan = Plan(
        root,
        files,
        keys,
        version=version,
        digest=digest,
        skipped=skipped,
        folders=folders,
        scanned_at=started,
    )
    for path, aid in files.items():
        if aid in keys and known.get(aid) != keys[aid] and bad.get(path) != keys[aid]:
            plan.todo.append((aid, path, keys[aid]))
    plan.removed = [aid for aid in known if aid not in keys]
    return plan


def folders_unchanged(root: Path, index: SearchIndex) -> bool:
    """Whether a full scan found the folder in step less than TRUST_FOLDERS ago and no folder's
    mtime has changed since (one stat a folder)."""
    stored, at = index.meta("folders"), index.meta("scan_at")
    if not stored or not at or not index.meta("scan"):
        return False
    try:
        scanned = int(at)
        folders = json.loads(stored)
    except ValueError:
        return False
    if not 0 <= time.time_ns() - scanned < TRUST_FOLDERS * 1e9:
        return False
    base = os.fspath(root)
    for prefix, mtime in folders.items():
        try:
            now = os.stat(os.path.join(base, prefix) if prefix else base).st_mtime_ns
        except OSError:
            return False
        if now != mtime or now > scanned - COARSE:
            return False
    return True


def _scanned(index: SearchIndex, plan: Plan) -> None:
    """Keep the folders' mtimes of a full scan that found, or left, the index in step."""
    if plan.folders is not None:
        index.set_meta("folders", json.dumps(plan.folders, separators=(",", ":")))
        index.set_meta("scan_at", str(plan.scanned_at))


def kept_problems(index: SearchIndex, plan: Plan) -> list[tuple[str, str, str, bool]]:
    """Stored problems of files that are still there and are not about to be read again."""
    if plan.unchanged:
        return index.problems()
    todo = {path for _, path, _ in plan.todo}
    kept = [p for p in index.problems() if p[0] in plan.files and p[0] not in todo]
    base = os.fspath(plan.root)
    for rel in plan.skipped:
        suffix = os.path.splitext(rel)[1] or "no suffix"
        kept.append(
            (os.path.join(base, rel), "", f"skipped: {suffix} is not a kind of file read here", False)
        )
    return kept


def run(
    plan: Plan,
    workers: int | None = None,
    summarise: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[DocRecord | None, list]]:
    """Process the plan's files: in a pool of processes when there are many or one is big
    (a big one's segmenting is spread over them); else here."""
    workers = workers or os.cpu_count() or 1
    if workers >= 2 and len(plan.todo) >= PARALLEL_FROM:
        with spread.pool(workers) as processes:  # spawned: safe beside the app's threads
            each = partial(process, summarise=summarise)
            for item in processes.imap_unordered(each, plan.todo, chunksize=8):
                if cancelled():
                    processes.terminate()
                    return
                yield item
        return
    if workers >= 2 and any(_size(job[1]) > BIG_FILE for job in plan.todo):
        try:
            yield from spread.run(plan.todo, workers, summarise, cancelled)
            return
        except Failed:  # no pool here: one file after another
            pass
    for job in plan.todo:
        one = None if cancelled() else _one(job, summarise, cancelled)
        if one is None:
            return
        yield one


def _size(path: str | Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _read(path: Path, article_id: str) -> tuple[Article | None, list[LoadProblem]]:
    problems: list[LoadProblem] = []
    return read_article(path, article_id, problems), problems


def _maybe_apart(
    path: str | Path, fn: Callable[..., T], *args: object, cancelled: Callable[[], bool] = lambda: False
) -> T:
    """fn(*args) in a helper process when the file at path is big (decoding, cleaning and
    segmenting megabytes are long steps that would hold the interpreter away from an app's
    drawing), else here; here too when no helper process can start. None if cancelled."""
    if _size(path) > BIG_FILE:
        with contextlib.suppress(Failed):
            return helper.run(fn, *args, cancelled=cancelled)
    return fn(*args)


def read_one(path: Path, article_id: str, problems: list[LoadProblem]) -> Article | None:
    """read_article, in a helper process when the file is big."""
    article, found = _maybe_apart(path, _read, path, article_id)
    problems.extend(found)
    return article


def _one(
    job: tuple[str, str, str], summarise: bool, cancelled: Callable[[], bool]
) -> tuple[DocRecord | None, list] | None:
    """One file, in a helper process when big; None if cancelled meanwhile."""
    return _maybe_apart(job[1], process, job, summarise, cancelled=cancelled)


def sync(
    root: Path,
    index: SearchIndex,
    plan: Plan | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    added: Callable[[list[DocRecord]], None] | None = None,
    summarise: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
    waiting: Callable[[], object] | None = None,
) -> Plan | None:
    """Bring the index in step with the folder: drop removed files, (re)index changed ones.
    One process builds at a time: another one's build is waited for (``waiting`` is told),
    then only what it left is done. Returns the plan carried out; None if cancelled first."""
    with _exclusive(index, waiting, cancelled) as held:
        if not held:
            return None
        if plan is None or plan.version != index.version():  # written by another process
            plan = make_plan(root, index)
        _carry_out(index, plan, workers, progress, added, summarise, cancelled)
        return plan


@contextmanager
def _exclusive(
    index: SearchIndex, waiting: Callable[[], object] | None, cancelled: Callable[[], bool]
) -> Iterator[bool]:
    """The index's build lock, held; False if cancelled while another process held it."""
    lock = index.build_lock
    if lock is None:  # in memory: this process's own
        yield True
        return
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting:
            waiting()
        while True:
            if cancelled():
                yield False
                return
            try:
                lock.acquire(timeout=0.2)
                break
            except Timeout:
                continue
    try:
        yield True
    finally:
        lock.release()


def _carry_out(
    index: SearchIndex,
    plan: Plan,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    added: Callable[[list[DocRecord]], None] | None,
    summarise: bool,
    cancelled: Callable[[], bool],
) -> None:
    if plan.unchanged:
        if plan.folders is not None:
            _scanned(index, plan)
            index.commit()
        return
    for aid in plan.removed:
        index.remove(aid, commit=False)
    problems = kept_problems(index, plan)
    batch: list[DocRecord] = []
    done = 0
    for record, found in run(plan, workers, summarise, cancelled):
        done += 1
        problems.extend(found)
        if record is not None:
            index.put(record, commit=False)
            batch.append(record)
        if len(batch) >= 250 or done == len(plan.todo):
            index.commit()
            if added:
                added(batch)
            batch = []
        if progress:
            progress(done, len(plan.todo))
    index.set_problems(problems)
    if done == len(plan.todo):  # not cancelled: the next scan that finds the same skips the rest
        index.set_meta("scan", plan.digest)
        _scanned(index, plan)
    index.commit()


class BodyLoader:
    """An article's body, read from the index when first wanted (one small object an article:
    a hundred thousand of them are held by the app)."""

    __slots__ = ("index", "article_id")

    def __init__(self, index: SearchIndex, article_id: str) -> None:
        self.index, self.article_id = index, article_id

    def __call__(self) -> str | None:
        return self.index.body(self.article_id)


def _shared(text: str | None) -> str:
    """One copy of the values many articles repeat (dates, sources, languages)."""
    return sys.intern(text) if text else ""


def article_from_index(index: SearchIndex, aid: str, path: str, title: str, info: dict) -> Article:
    return Article(
        aid,
        path,
        title,
        date=_shared(info.get("date")) or None,
        source=_shared(info.get("source")),
        author=_shared(info.get("author")),
        language=_shared(info.get("language")) or "en",
        editorial_stance=info.get("stance"),
        seed=_shared(info.get("seed")),
        tags=info.get("tags") or None,
        loader=BodyLoader(index, aid),
        summary={
            k: info[k]
            for k in ("figures", "stance_label", "stance_score", "stance_confidence", "chars")
            if k in info
        },
    )


def corpus_from_index(root: Path, index: SearchIndex) -> Corpus:
    """Articles with metadata and summaries from the index; bodies read when first used."""
    corpus = Corpus(root)
    corpus.articles = [article_from_index(index, *row) for row in index.infos()]
    corpus.problems = as_load_problems(index.problems())
    return corpus


def as_load_problems(rows: list[tuple[str, str, str, bool]]) -> list[LoadProblem]:
    """Stored (path, key, reason, fatal) rows as LoadProblems."""
    return [LoadProblem(Path(p), reason, fatal) for p, _, reason, fatal in rows]


def open_synced(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    waiting: Callable[[], object] | None = None,
    check: bool = True,
) -> tuple[SearchIndex, str | None]:
    """The index of root, brought up to date first unless check is False (the caller knows
    nothing changed; an index with nothing in it is built all the same); and why it lives in
    memory, if it does."""
    from .corpus import CorpusError

    if not root.is_dir():
        raise CorpusError(f"{root}: not a readable folder")
    index, why = open_index(root)
    if check or not len(index):
        sync(root, index, progress=progress, summarise=False, waiting=waiting)
    return index, why
