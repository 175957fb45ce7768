"""Search: an inverted index in SQLite (in memory, or a file in the cache folder), BM25 ranking,
hits with exact offsets into the article bodies."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np
from filelock import FileLock

from .fold import fold
from .query import index_text, parse_query, segment_term

SCHEMA = "12"
MAX_SEGMENTS = 64  # a term's list is rewritten as one row when it has more pieces than this
CHUNK = 4096  # rowids per stored piece of the length table: a commit rewrites only its pieces
NAMED_BY_QUERY = 2000  # results named by a query; more, and every id and title is loaded once
K1, B, TITLE_WEIGHT = 1.2, 0.75, 2.0
TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE,
    path TEXT, key TEXT, title TEXT, info TEXT, body TEXT, length INTEGER);
CREATE TABLE IF NOT EXISTS postings(doc INTEGER PRIMARY KEY, terms TEXT, ends BLOB, spans BLOB);
CREATE TABLE IF NOT EXISTS lists(term TEXT, seg INTEGER, docs BLOB, tfs BLOB, titled BLOB,
    PRIMARY KEY(term, seg)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS problems(path TEXT PRIMARY KEY, key TEXT, reason TEXT, fatal INTEGER);
CREATE TABLE IF NOT EXISTS lengths(chunk INTEGER PRIMARY KEY, data BLOB);
"""


class Hit:
    """One match in an article body; its context line is made when asked for."""

    __slots__ = ("start", "end", "text", "_body")

    def __init__(self, start: int, end: int, text: str, body: str = "") -> None:
        self.start, self.end, self.text, self._body = start, end, text, body

    @property
    def context(self) -> str:
        return context(self._body, self.start, self.end)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "context": self.context}

    def __repr__(self) -> str:
        return f"Hit({self.start}, {self.end}, {self.text!r})"


class Result:
    """One matching article; ``count`` is its number of hits even when they were not built."""

    __slots__ = ("article", "title", "score", "hits", "count")

    def __init__(
        self, article: str, title: str, score: float, hits: list[Hit] | None = None, count: int = 0
    ) -> None:
        self.article, self.title, self.score = article, title, score
        self.hits: list[Hit] = hits if hits is not None else []
        self.count = count

    def __repr__(self) -> str:
        return f"Result({self.article!r}, score={self.score:.3f}, count={self.count})"


class SearchResult:
    """Ranked matches. ``ids`` and ``counts`` (hits per article) cover every match; the
    ``results`` objects, with hits for the first ones, are made when first asked for. A
    search of the whole index keeps its matches as rowids (``order``) beside arrays by rowid,
    and makes these lists from them when first asked for: the app's list of a hundred
    thousand articles wants its first page at once, not every id."""

    def __init__(
        self,
        query: str,
        terms: list[str],
        groups: list[list[str]] | None = None,
        ids: list[str] | None = None,
        counts: dict[str, int] | None = None,
        scores: list[float] | None = None,
        titles: list[str] | None = None,
        hits: dict[str, list[Hit]] | None = None,
    ) -> None:
        self.query, self.terms, self.groups = query, terms, groups or []
        self._ids: list[str] | None = ids or []
        self._counts: dict[str, int] | None = counts or {}
        self._scores: list[float] | None = scores or []
        self._titles: list[str] | None = titles or []
        self.hits: dict[str, list[Hit]] = hits or {}  # of the articles whose hits were built
        self._first = list(self.hits)  # those built with the search: the best, in order
        self.matched = len(ids or [])  # articles that match, those beyond a limit included
        self._rows: dict[str, int] | None = {}  # article id -> the index's rowid
        self.order = np.zeros(0, dtype=np.int64)  # the rowids, best first
        self._by_row: tuple[np.ndarray, ...] = ()  # ids, titles, counts and scores by rowid
        self._results: list[Result] | None = None

    def keep_rows(self, order: np.ndarray, *by_row: np.ndarray) -> None:
        """The matches as rowids, best first, beside their ids, titles, hit counts and scores
        by rowid; the lists are made from them on first use (the ids and titles as the index
        has them then: a rowid is reused only by an article stored after the newest was removed)."""
        self.order, self._by_row = order, by_row
        self._ids = self._counts = self._scores = self._titles = self._rows = None

    def _of_rows(self, i: int) -> list:
        return self._by_row[i][self.order].tolist()

    @property
    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = self._of_rows(0)
        return self._ids

    @property
    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = dict(zip(self.ids, self._of_rows(2), strict=True))
        return self._counts

    def counts_at(self, rows: np.ndarray) -> list[int]:
        """The hit counts of some of the matches, given by rowid."""
        if self._by_row:
            return self._by_row[2][rows].tolist()
        by_row = {r: i for i, r in self.rows.items()}
        return [self.counts.get(by_row.get(r, ""), 0) for r in rows.tolist()]

    @property
    def rows(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = dict(zip(self.ids, self.order.tolist(), strict=True))
        return self._rows

    @rows.setter
    def rows(self, rows: dict[str, int]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        """How many matches the result holds (all, or as many as the limit)."""
        return len(self.order) if self._ids is None else len(self._ids)

    def place(self, article_id: str) -> int | None:
        """Where an article stands in the ranking (0 for the best); None if not matched."""
        if article_id in self._first:  # the best ones, whose hits were built with the search
            return self._first.index(article_id)
        if self._ids is None:  # compared in numpy rather than making the list of ids
            at = np.flatnonzero(self._by_row[0][self.order] == article_id)
            return int(at[0]) if len(at) else None
        return self._ids.index(article_id) if article_id in self._ids else None

    @property
    def scores(self) -> list[float]:
        if self._scores is None:
            self._scores = self._of_rows(3)
        return self._scores

    @property
    def titles(self) -> list[str]:
        if self._titles is None:
            self._titles = self._of_rows(1)
        return self._titles

    @property
    def results(self) -> list[Result]:
        if self._results is None:
            hits, counts = self.hits, self.counts
            self._results = [
                Result(a, t, s, hits.get(a), counts[a])
                for a, t, s in zip(self.ids, self.titles, self.scores, strict=True)
            ]
        return self._results

    @property
    def ranked(self) -> list[tuple[str, str, float]]:
        """(article, title, score) of every match, best first."""
        return list(zip(self.ids, self.titles, self.scores, strict=True))

    @property
    def total(self) -> int:
        """Hits in all matching articles."""
        if self._by_row:
            return int(self._by_row[2][self.order].sum())
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "terms": self.terms,
            "results": [
                {
                    "article": r.article,
                    "title": r.title,
                    "score": round(r.score, 4),
                    "hits": [h.to_dict() for h in r.hits],
                }
                for r in self.results
            ],
        }


@dataclass
class DocRecord:
    """One article ready for the index: made in a worker, stored by the parent."""

    id: str
    title: str
    body: str
    path: str = ""
    key: str = ""
    info: dict = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # sorted
    tfs: list[int] = field(default_factory=list)  # spans of each term
    ends: bytes = b""  # uint32: where each term's numbers end in spans
    spans: bytes = b""  # uint32 start, end pairs: every term's spans, term after term
    titles: list[str] = field(default_factory=list)
    length: int = 1


def make_record(
    article_id: str,
    title: str,
    body: str,
    found: dict[str, list[tuple[int, int]]] | None = None,
    **extra: object,
) -> DocRecord:
    """Segment title and body (jieba) into what the index stores: one row of a document's
    terms and their spans (a row per term made storing a large build the slow part). found:
    the body's index_text, when it was made elsewhere (in pieces, by spread)."""
    found = index_text(fold(body)) if found is None else found
    terms = sorted(found)
    flat, ends = array("I"), array("I")
    for term in terms:
        flat.extend(chain.from_iterable(found[term]))
        ends.append(len(flat))
    tfs = [len(found[t]) for t in terms]
    return DocRecord(
        article_id,
        title,
        body,
        terms=terms,
        tfs=tfs,
        ends=ends.tobytes(),
        spans=flat.tobytes(),
        titles=list(index_text(fold(title))),
        length=sum(tfs) or 1,
        **extra,  # type: ignore[arg-type]
    )


def term_spans(
    terms: str, ends: bytes, spans: bytes, wanted: Iterable[str]
) -> dict[str, list[tuple[int, int]]]:
    """The spans of the wanted terms in one stored document row (its terms joined by NUL)."""
    padded = f"\0{terms}\0"
    stops = memoryview(ends).cast("I")
    flat = memoryview(spans).cast("I")
    out = {}
    for term in wanted:
        at = padded.find(f"\0{term}\0")
        if at < 0 or not term:
            continue
        i = padded.count("\0", 0, at)  # the separators before it: its place in the list
        part = flat[stops[i - 1] if i else 0 : stops[i]]
        out[term] = list(zip(part[::2], part[1::2], strict=True))
    return out


class SearchIndex:
    """BM25 over jieba terms. ``path`` None keeps it in memory; a corrupt or old file is rebuilt.

    Each term's documents and frequencies are kept packed (``lists``), one row per commit that
    added some, so a query reads a few blobs instead of a row per document. Rowids are never
    reused: entries of removed documents are skipped when read and dropped when a list is
    rewritten. ``postings`` keeps each term's spans per document, for hits and phrases.

    A process holds only each document's length, by rowid (``lengths``, stored in pieces):
    what BM25 needs. Ids and titles are read for the results a query returns, so opening the
    index and answering a query cost the same at a hundred articles as at a hundred thousand.
    A process that asks for many results (the app's list) loads every id and title once
    (``load_names``) and keeps them up to date.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.lock = threading.RLock()
        # One writer at a time across processes: held by whoever builds or rebuilds this index.
        self.build_lock = FileLock(f"{path}.lock") if path is not None else None
        self.db = self._open(path)
        self._pending: dict[str, tuple[array, array, array]] = {}  # docs, tfs, titled
        self._names: tuple[np.ndarray, np.ndarray] | None = None  # ids, titles by rowid
        self._by_id: np.ndarray | None = None  # the rowids in id order, once asked for
        self.names_version = 0  # counts the changes to the ids by rowid
        self.reload()

    def version(self) -> int:
        """Changes when another process commits to this index (SQLite's data_version)."""
        with self.lock:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def reload(self) -> None:
        """Take in what other processes wrote since this one last looked."""
        with self.lock:
            self._version = self.version()
            row = self.db.execute("SELECT value FROM meta WHERE key='seg'").fetchone()
            self._seg = int(row[0]) if row else 1
            pieces = self.db.execute("SELECT chunk, data FROM lengths").fetchall()
        size = (max((c for c, _ in pieces), default=-1) + 1) * CHUNK
        lengths = np.zeros(size, dtype=np.float32)
        for chunk, data in pieces:
            piece = np.frombuffer(data, dtype=np.float32)
            lengths[chunk * CHUNK : chunk * CHUNK + len(piece)] = piece
        self._lengths = lengths
        self._dirty: set[int] = set()
        self._stats()
        if self._names is not None:
            self.load_names()

    def load_names(self) -> None:
        """Every article's id and title by rowid, kept from now on (ranking many results)."""
        ids = np.full(len(self._lengths), "", dtype=object)
        titles = np.full(len(self._lengths), "", dtype=object)
        with self.lock:
            for row, aid, title in self.db.execute("SELECT rowid, id, title FROM docs"):
                if row < len(ids):
                    ids[row], titles[row] = aid, title
        self._names = ids, titles
        self._names_changed()

    def _names_changed(self) -> None:
        self._by_id = None
        self.names_version += 1

    def prepare_ranking(self) -> None:
        """Work out now what ranking many results needs (a worker calls this, not the app)."""
        if self._names is not None:
            self._rows_by_id()

    def row_ids(self) -> np.ndarray | None:
        """The id of each rowid ("" for none), where ``load_names`` has been called."""
        return self._names[0] if self._names is not None else None

    def refresh(self) -> bool:
        """Reload if another process has committed since; True if it had. A writer calls this
        first, so that what it stores is made against what is there."""
        if self.version() == self._version:
            return False
        self.reload()
        return True

    # -- storage ----------------------------------------------------------------------------
    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            return self._init(sqlite3.connect(":memory:", check_same_thread=False))
        db = self._usable(path)
        if db is not None:
            return db
        assert self.build_lock is not None
        with self.build_lock:  # another process may be making it: look again once it is done
            db = self._usable(path)
            if db is not None:
                return db
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            return self._init(_connect(path))

    @staticmethod
    def _usable(path: Path) -> sqlite3.Connection | None:
        """The index at path if it is one of this schema; None if missing, old or damaged."""
        try:
            db = _connect(path)
        except sqlite3.DatabaseError:
            return None  # cannot be opened: rebuilt, where that fails the caller is told
        try:
            version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if version and version[0] == SCHEMA:
                db.execute("SELECT count(*) FROM docs").fetchone()
                return _tune(db)
        except sqlite3.DatabaseError:
            pass  # no tables yet, not a database, or damaged
        db.close()
        return None

    @staticmethod
    def _init(db: sqlite3.Connection) -> sqlite3.Connection:
        _tune(db).executescript(TABLES)
        db.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (SCHEMA,))
        db.commit()
        return db

    def _stats(self) -> None:
        """The arrays a query ranks on, from the lengths (a removed document's is 0)."""
        lengths = self._lengths
        self._live = lengths > 0
        self._count = int(np.count_nonzero(self._live))
        avg = float(lengths.sum()) / self._count if self._count else 1.0
        self._norm = K1 * (1 - B + B * lengths / avg)
        self._size = len(lengths)

    def _set_length(self, row: int, length: float) -> None:
        if row >= len(self._lengths):
            grown = np.zeros((row // CHUNK + 1) * CHUNK, dtype=np.float32)
            grown[: len(self._lengths)] = self._lengths
            self._lengths = grown
        self._lengths[row] = length
        self._dirty.add(row // CHUNK)
        if self._names is not None and len(self._names[0]) < len(self._lengths):
            size = len(self._lengths)
            ids, titles = (np.full(size, "", dtype=object) for _ in range(2))
            ids[: len(self._names[0])], titles[: len(self._names[1])] = self._names
            self._names = ids, titles
            self._names_changed()

    def _write_lengths(self) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO lengths VALUES(?, ?)",
            ((c, self._lengths[c * CHUNK : (c + 1) * CHUNK].tobytes()) for c in sorted(self._dirty)),
        )
        self._dirty.clear()

    def __len__(self) -> int:
        return self._count

    def rowids(self, article_ids: Iterable[str]) -> dict[str, int]:
        """Article id -> rowid, for the given ids that are stored."""
        with self.lock:
            return dict(
                self.db.execute(
                    "SELECT id, rowid FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(list(article_ids), ensure_ascii=False),),
                )
            )

    def _named(self, rows: list[int]) -> dict[int, tuple[str, str]]:
        """rowid -> (id, title) of the given rows."""
        with self.lock:
            return {
                r: (i, t)
                for r, i, t in self.db.execute(
                    "SELECT rowid, id, title FROM docs WHERE rowid IN (SELECT value FROM json_each(?))",
                    (json.dumps(rows),),
                )
            }

    def keys(self) -> dict[str, str]:
        """Article id -> the file key (size and mtime) it was indexed from."""
        with self.lock:
            return dict(self.db.execute("SELECT id, key FROM docs"))

    def put(self, rec: DocRecord, commit: bool = True) -> None:
        """Store one article, replacing an older version of it."""
        with self.lock:
            self._delete(rec.id)
            cur = self.db.execute(
                "INSERT INTO docs(id, path, key, title, info, body, length) VALUES(?,?,?,?,?,?,?)",
                (
                    rec.id,
                    rec.path,
                    rec.key,
                    rec.title,
                    json.dumps(rec.info, ensure_ascii=False),
                    rec.body,
                    rec.length,
                ),
            )
            row = cur.lastrowid
            assert row is not None
            self._set_length(row, rec.length)
            if self._names is not None:
                self._names[0][row], self._names[1][row] = rec.id, rec.title
                self._names_changed()
            self.db.execute(
                "INSERT INTO postings VALUES(?,?,?,?)", (row, "\0".join(rec.terms), rec.ends, rec.spans)
            )
            pending = self._pending
            for term, tf in zip(rec.terms, rec.tfs, strict=True):
                packed = pending.get(term)
                if packed is None:
                    pending[term] = (array("I", [row]), array("I", [tf]), array("I"))
                else:
                    packed[0].append(row)
                    packed[1].append(tf)
            for term in rec.titles:
                packed = pending.get(term)
                if packed is None:
                    pending[term] = (array("I"), array("I"), array("I", [row]))
                else:
                    packed[2].append(row)
            if commit:
                self.commit()

    def add(self, article_id: str, title: str, body: str) -> None:
        """Index one article in this thread."""
        self.put(make_record(article_id, title, body))

    def remove(self, article_id: str, commit: bool = True) -> None:
        with self.lock:
            self._delete(article_id)
            if commit:
                self.commit()

    def _delete(self, article_id: str) -> None:
        row = self.db.execute("SELECT rowid FROM docs WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return
        (doc,) = row
        self._set_length(doc, 0)
        self.db.execute("DELETE FROM postings WHERE doc=?", (doc,))
        self.db.execute("DELETE FROM docs WHERE rowid=?", (doc,))

    def commit(self) -> None:
        with self.lock:
            if self._pending:
                self._flush()
            if self._dirty:
                self._write_lengths()
            self.db.commit()
            self._stats()

    def _flush(self) -> None:
        """Write the pending lists as one new piece per term; rewrite lists grown too long."""
        seg, self._seg = self._seg, self._seg + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('seg', ?)", (str(self._seg),))
        self.db.executemany(
            "INSERT INTO lists VALUES(?,?,?,?,?)",
            ((t, seg, d.tobytes(), f.tobytes(), h.tobytes()) for t, (d, f, h) in self._pending.items()),
        )
        self._pending = {}
        if seg % MAX_SEGMENTS == 0:
            self._compact()

    def _compact(self) -> None:
        """Rewrite each list of many pieces as one, without the entries of removed docs."""
        live = self._lengths > 0
        long = [
            t
            for (t,) in self.db.execute(
                "SELECT term FROM lists GROUP BY term HAVING count(*) > ?", (MAX_SEGMENTS // 4,)
            )
        ]
        for term in long:
            rows = self.db.execute("SELECT docs, tfs, titled FROM lists WHERE term=?", (term,)).fetchall()
            docs, tfs, titled = (
                np.concatenate([np.frombuffer(r[i], dtype=np.uint32) for r in rows]) for i in range(3)
            )
            keep = (docs < len(live)) & live[np.minimum(docs, len(live) - 1)]
            titled = titled[(titled < len(live)) & live[np.minimum(titled, len(live) - 1)]]
            self.db.execute("DELETE FROM lists WHERE term=?", (term,))
            self.db.execute(
                "INSERT INTO lists VALUES(?,?,?,?,?)",
                (term, self._seg - 1, docs[keep].tobytes(), tfs[keep].tobytes(), titled.tobytes()),
            )

    def body(self, article_id: str) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT body FROM docs WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def infos(self) -> Iterator[tuple[str, str, str, dict]]:
        """(id, path, title, info) of every stored article, in id order, read a batch at a
        time: a hundred thousand rows are never all in memory at once beside what is made of
        them."""
        with self.lock:
            cursor = self.db.execute("SELECT id, path, title, info FROM docs ORDER BY id")
            rows = cursor.fetchmany(1000)
        while rows:
            for i, p, t, info in rows:
                yield i, p, t, json.loads(info or "{}")
            with self.lock:
                rows = cursor.fetchmany(1000)

    def update_infos(self, infos: list[tuple[str, dict]]) -> None:
        """Merge into the stored info of articles (summaries computed later)."""
        with self.lock:
            for article_id, extra in infos:
                row = self.db.execute("SELECT info FROM docs WHERE id=?", (article_id,)).fetchone()
                if row:
                    info = {**json.loads(row[0] or "{}"), **extra}
                    self.db.execute(
                        "UPDATE docs SET info=? WHERE id=?",
                        (json.dumps(info, ensure_ascii=False), article_id),
                    )
            self.db.commit()

    def meta(self, key: str) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Stored with the next commit."""
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (key, value))

    def set_problems(self, problems: list[tuple[str, str, str, bool]]) -> None:
        with self.lock:
            self.db.execute("DELETE FROM problems")
            self.db.executemany("INSERT OR REPLACE INTO problems VALUES(?,?,?,?)", problems)

    def problems(self) -> list[tuple[str, str, str, bool]]:
        with self.lock:
            return [(p, k, r, bool(f)) for p, k, r, f in self.db.execute("SELECT * FROM problems")]

    # -- searching --------------------------------------------------------------------------
    def _known(self, term: str) -> bool:
        return self.db.execute("SELECT 1 FROM lists WHERE term=? LIMIT 1", (term,)).fetchone() is not None

    def search(
        self, query: str, expand: bool = True, limit: int | None = None, hit_limit: int | None = None
    ) -> SearchResult:
        """Ranked results; hits are built for the first ``hit_limit`` results (all by default).
        Never raises on odd input: an unsearchable query gives an empty result."""
        groups = parse_query(query, expand)
        terms = [t for g in groups for t in g]
        if not groups or not self._count:
            return SearchResult(query, terms, groups)
        with self.lock:
            matches = [self._match_group(g) for g in groups]
        found = [(m.tf > 0) | m.titles for m in matches]
        docs = np.logical_and.reduce(found)
        n = self._count
        scores = np.zeros(self._size)
        counts = np.zeros(self._size, dtype=np.int64)
        for m, where in zip(matches, found, strict=True):
            df = int(np.count_nonzero(where))
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            scores += idf * (K1 + 1) * m.tf / (m.tf + self._norm) + idf * TITLE_WEIGHT * m.titles
            counts += m.tf
        rows = np.flatnonzero(docs)
        if self._names is None and len(rows) > NAMED_BY_QUERY and limit is None:
            self.load_names()
        if self._names is not None:  # every id and title at hand: the lists wait for their use
            order = self._ranked(docs, scores, limit)
            ids = self._names[0][order[:hit_limit]].tolist() if hit_limit != 0 else []
        else:
            order, ids, titles = self._rank(rows, scores, limit)
        shown = order[:hit_limit].tolist() if hit_limit != 0 else []
        built = self._hits_of(shown, matches) if shown else {}
        hits = {ids[i]: built.get(row, []) for i, row in enumerate(shown)}
        for row in shown:  # a phrase's hits are fewer than its words'
            counts[row] = len(built.get(row, []))
        if self._names is not None:
            result = SearchResult(query, terms, groups, hits=hits)
            result.keep_rows(order, *self._names, counts, scores)  # not copied: 100,000 references
        else:
            by_id = dict(zip(ids, counts[order].tolist(), strict=True))
            result = SearchResult(query, terms, groups, ids, by_id, scores[order].tolist(), titles, hits)
            result.rows = dict(zip(ids, order.tolist(), strict=True))
            result.order = order
        result.matched = len(rows)
        return result

    def _rank(
        self, rows: np.ndarray, scores: np.ndarray, limit: int | None
    ) -> tuple[np.ndarray, list[str], list[str]]:
        """The rows best first, ties in id order, cut to limit; with their ids and titles."""
        ranked = rows[np.argsort(-scores[rows], kind="stable")]
        if limit and limit < len(ranked):  # and every row tied with the last one kept
            ranked = ranked[: np.searchsorted(-scores[ranked], -scores[ranked[limit - 1]], side="right")]
        named = self._named(ranked.tolist())
        best = sorted((-scores[row], *named[row], row) for row in ranked.tolist() if row in named)[:limit]
        return np.array([b[3] for b in best], dtype=np.int64), [b[1] for b in best], [b[2] for b in best]

    def _ranked(self, docs: np.ndarray, scores: np.ndarray, limit: int | None) -> np.ndarray:
        """The matching rows (docs: a mask by rowid) best first, ties in id order, cut to
        limit (every id at hand): the matches taken in id order, then one stable sort."""
        by_id = self._rows_by_id()
        rows = by_id[docs[by_id]]
        return rows[np.argsort(-scores[rows], kind="stable")][:limit]

    def _rows_by_id(self) -> np.ndarray:
        """The rowids in the order of their ids, worked out once for the ids at hand."""
        if self._by_id is None:
            assert self._names is not None
            self._by_id = np.argsort(self._names[0], kind="stable")
        return self._by_id

    def results(self, result: SearchResult, batch: int = 200) -> Iterator[Result]:
        """Every result of a search with its hits, built a batch at a time: memory stays
        bounded however many articles match."""
        with self.lock:
            matches = [self._match_group(g) for g in result.groups]
        every = result.ranked
        for start in range(0, len(every), batch):
            ranked = every[start : start + batch]
            rows = result.rows
            docs = [rows[a] for a, _, _ in ranked if a not in result.hits and a in rows]
            built = self._hits_of(docs, matches) if docs else {}
            for aid, title, score in ranked:
                hits = result.hits.get(aid)
                if hits is None:
                    hits = built.get(rows.get(aid, -1), [])
                yield Result(aid, title, score, hits, len(hits) or result.counts.get(aid, 0))

    def hits(self, article_id: str, groups: list[list[str]]) -> list[Hit]:
        """The hits of one article for parsed query groups (for results built without hits)."""
        doc = self.rowids([article_id]).get(article_id)
        if doc is None or doc >= self._size:
            return []
        with self.lock:
            matches = [self._match_group(g, only=doc) for g in groups]
        if not all(m.tf[doc] or m.titles[doc] for m in matches):
            return []
        return self._hits_of([doc], matches).get(doc, [])

    def _match_group(self, alts: list[str], only: int | None = None) -> _Match:
        """Docs matching any alternative of a group.

        The first alternative is the user's own word; the others come from the glossary and
        are looked up whole (they are in jieba's dictionary), never segmented.
        """
        match = _Match(np.zeros(self._size, dtype=np.int64), np.zeros(self._size, dtype=bool))
        for i, alt in enumerate(alts):
            if i and not alt.isascii() and not self._known(alt):
                continue
            parts = segment_term(alt, self._known)
            if len(parts) == 1:
                match.terms.append(parts[0])
                continue
            for doc, spans in self._match_phrase(parts, only).items():
                if doc < self._size:
                    match.tf[doc] += len(spans)
                    match.spans.setdefault(doc, []).extend(spans)
        if match.terms:
            self._match_terms(match, only)
        match.tf *= self._live  # entries of removed documents stay in the lists until rewritten
        match.titles &= self._live
        return match

    def _match_terms(self, match: _Match, only: int | None) -> None:
        """Whole terms: frequencies and title hits added up from the packed lists."""
        marks = ",".join("?" * len(match.terms))
        tf, titles, size = match.tf, match.titles, self._size
        for blob_docs, blob_tfs, blob_titled in self.db.execute(
            f"SELECT docs, tfs, titled FROM lists WHERE term IN ({marks})", match.terms
        ):
            docs = np.frombuffer(blob_docs, dtype=np.uint32)
            tfs = np.frombuffer(blob_tfs, dtype=np.uint32)
            titled = np.frombuffer(blob_titled, dtype=np.uint32)
            if only is not None:
                tfs, docs, titled = tfs[docs == only], docs[docs == only], titled[titled == only]
            keep = docs < size  # rows added since the arrays were made wait for the commit
            tf[docs[keep]] += tfs[keep]  # a doc is in a term's list once
            titles[titled[titled < size]] = True

    def _match_phrase(self, parts: list[str], only: int | None) -> dict[int, list]:
        """Docs where the parts stand one after another (a space between is allowed), found
        from the positions of the docs that hold every part: no body is read."""
        if only is not None:
            candidates = [only]
        else:
            holders = []
            for part in parts:
                probe = _Match(np.zeros(self._size, dtype=np.int64), np.zeros(self._size, dtype=bool), [part])
                self._match_terms(probe, None)
                holders.append(probe.tf > 0)
            candidates = np.flatnonzero(np.logical_and.reduce(holders)).tolist()
        if not candidates:
            return {}
        tables: dict[int, dict[str, list[tuple[int, int]]]] = {}
        for doc, terms, ends, spans in self.db.execute(
            "SELECT doc, terms, ends, spans FROM postings WHERE doc IN (SELECT value FROM json_each(?))",
            (json.dumps(candidates),),
        ):
            tables[doc] = term_spans(terms, ends, spans, set(parts))
        found = {}
        for doc, table in tables.items():
            if len(table) < len(set(parts)):
                continue
            first = table[parts[0]]
            rest = [dict(table[part]) for part in parts[1:]]
            spans = []
            for start, end in first:
                for following in rest:
                    nxt = following.get(end) or following.get(end + 1)
                    if nxt is None:
                        break
                    end = nxt
                else:
                    spans.append((start, end))
            if spans:
                found[doc] = spans
        return found

    def _hits_of(self, docs: list[int], matches: list[_Match]) -> dict[int, list[Hit]]:
        """Hits of several documents: their spans and bodies read in one query each."""
        terms = list(dict.fromkeys(t for m in matches for t in m.terms))
        wanted = json.dumps(docs)
        spans: dict[int, list[tuple[int, int]]] = {d: [] for d in docs}
        for m in matches:
            for d in docs:
                spans[d].extend(m.spans.get(d, ()))
        with self.lock:
            if terms:
                for d, names, ends, blob in self.db.execute(
                    "SELECT doc, terms, ends, spans FROM postings WHERE doc IN "
                    "(SELECT value FROM json_each(?))",
                    (wanted,),
                ):
                    for found in term_spans(names, ends, blob, terms).values():
                        spans[d].extend(found)
            bodies = dict(
                self.db.execute(
                    "SELECT rowid, body FROM docs WHERE rowid IN (SELECT value FROM json_each(?))", (wanted,)
                )
            )
        return {d: _hits(bodies[d], spans[d]) for d in docs if spans[d] and d in bodies}


def _hits(body: str, spans: list[tuple[int, int]]) -> list[Hit]:
    """Hits for spans of body, in order, overlaps dropped (the longer one kept)."""
    hits, last_end = [], -1
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if start < last_end:
            continue
        hits.append(Hit(start, end, body[start:end], body))
        last_end = end
    return hits


BUSY_TIMEOUT = 60.0  # seconds a process waits for another's write to end


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)


def _tune(db: sqlite3.Connection) -> sqlite3.Connection:
    """Write-ahead logging: readers in other processes never wait for a writer, and a process
    killed mid-build leaves every committed batch whole. A larger page cache for queries."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # no sync per commit; a crash loses no commit
    db.execute("PRAGMA cache_size=-32000")
    return db


@dataclass
class _Match:
    """What one query group matched, per rowid: term frequency and title hits; the whole
    terms (their spans read from the postings on demand) and phrase spans per doc."""

    tf: np.ndarray
    titles: np.ndarray
    terms: list[str] = field(default_factory=list)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def context(body: str, start: int, end: int, width: int = 30) -> str:
    """A one-line excerpt around body[start:end]."""
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    text = " ".join(body[lo:hi].split())
    return ("…" if lo else "") + text + ("…" if hi < len(body) else "")
