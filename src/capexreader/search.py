"""Search: an inverted index in SQLite (in memory, or a file in the cache folder), BM25 ranking,
hits with exact offsets into the article bodies."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from .fold import fold
from .query import index_text, parse_query, segment_term

SCHEMA = "4"
K1, B, TITLE_WEIGHT = 1.2, 0.75, 2.0
TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, path TEXT, key TEXT,
    title TEXT, info TEXT, body TEXT, length INTEGER, terms TEXT);
CREATE TABLE IF NOT EXISTS postings(term TEXT, doc INTEGER, tf INTEGER, spans BLOB,
    PRIMARY KEY(term, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS titles(term TEXT, doc INTEGER, PRIMARY KEY(term, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS problems(path TEXT PRIMARY KEY, key TEXT, reason TEXT, fatal INTEGER);
"""


@dataclass
class Hit:
    start: int
    end: int
    text: str
    context: str


class Result:
    """One matching article; ``count`` is its number of hits even when they were not built."""

    __slots__ = ("article", "title", "score", "hits", "count")

    def __init__(self, article: str, title: str, score: float, hits: list[Hit] | None = None,
                 count: int = 0) -> None:
        self.article, self.title, self.score = article, title, score
        self.hits: list[Hit] = hits if hits is not None else []
        self.count = count

    def __repr__(self) -> str:
        return f"Result({self.article!r}, score={self.score:.3f}, count={self.count})"


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    results: list[Result]
    groups: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "terms": self.terms,
            "results": [
                {"article": r.article, "title": r.title, "score": round(r.score, 4),
                 "hits": [vars(h) for h in r.hits]}
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
    postings: list[tuple[str, int, bytes]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    length: int = 1


def make_record(article_id: str, title: str, body: str, **extra: object) -> DocRecord:
    """Segment title and body (jieba) into index rows."""
    terms = index_text(fold(body))
    postings = [(t, len(spans), array("I", [x for s in spans for x in s]).tobytes())
                for t, spans in terms.items()]
    length = sum(len(s) for s in terms.values()) or 1
    titles = list(index_text(fold(title)))
    return DocRecord(article_id, title, body, postings=postings, titles=titles, length=length,
                     **extra)  # type: ignore[arg-type]


class SearchIndex:
    """BM25 over jieba terms. ``path`` None keeps it in memory; a corrupt or old file is rebuilt."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.db = self._open(path)
        self._load_docs()

    # -- storage ----------------------------------------------------------------------------
    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            return self._init(sqlite3.connect(":memory:", check_same_thread=False))
        try:
            db = sqlite3.connect(path, check_same_thread=False)
            version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if version and version[0] == SCHEMA:
                db.execute("SELECT count(*) FROM docs").fetchone()
                return db
            db.close()
        except sqlite3.DatabaseError:
            pass  # no tables yet, not a database, or damaged: rebuild
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return self._init(sqlite3.connect(path, check_same_thread=False))

    @staticmethod
    def _init(db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=OFF")
        db.executescript(TABLES)
        db.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (SCHEMA,))
        db.commit()
        return db

    def _load_docs(self) -> None:
        with self.lock:
            rows = self.db.execute("SELECT rowid, id, title, length FROM docs").fetchall()
        self._ids = {r[0]: r[1] for r in rows}
        self._rows = {r[1]: r[0] for r in rows}
        self._titles = {r[0]: r[2] for r in rows}
        self._lengths = {r[0]: r[3] for r in rows}
        self._avg = (sum(self._lengths.values()) / len(self._lengths)) if self._lengths else 1.0
        self._norms = {d: K1 * (1 - B + B * n / self._avg) for d, n in self._lengths.items()}

    def __len__(self) -> int:
        return len(self._ids)

    def keys(self) -> dict[str, str]:
        """Article id -> the file key (size and mtime) it was indexed from."""
        with self.lock:
            return dict(self.db.execute("SELECT id, key FROM docs"))

    def put(self, rec: DocRecord, commit: bool = True) -> None:
        """Store one article, replacing an older version of it."""
        with self.lock:
            self._delete(rec.id)
            cur = self.db.execute(
                "INSERT INTO docs(id, path, key, title, info, body, length, terms) "
                "VALUES(?,?,?,?,?,?,?,?)",
                (rec.id, rec.path, rec.key, rec.title, json.dumps(rec.info, ensure_ascii=False),
                 rec.body, rec.length, "\n".join(t for t, _, _ in rec.postings)))
            row = cur.lastrowid
            self.db.executemany("INSERT INTO postings VALUES(?,?,?,?)",
                                ((t, row, tf, spans) for t, tf, spans in rec.postings))
            self.db.executemany("INSERT OR IGNORE INTO titles VALUES(?,?)",
                                ((t, row) for t in rec.titles))
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
        row = self.db.execute("SELECT rowid, terms FROM docs WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return
        doc, terms = row
        # The doc's own term list finds its postings by primary key: no full scan.
        self.db.executemany("DELETE FROM postings WHERE term=? AND doc=?",
                            ((t, doc) for t in (terms or "").split("\n") if t))
        self.db.execute("DELETE FROM titles WHERE doc=?", (doc,))
        self.db.execute("DELETE FROM docs WHERE rowid=?", (doc,))

    def commit(self) -> None:
        with self.lock:
            self.db.commit()
        self._load_docs()

    def body(self, article_id: str) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT body FROM docs WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def infos(self) -> list[tuple[str, str, str, dict]]:
        """(id, path, title, info) of every stored article, in id order."""
        with self.lock:
            rows = self.db.execute("SELECT id, path, title, info FROM docs ORDER BY id").fetchall()
        return [(i, p, t, json.loads(info or "{}")) for i, p, t, info in rows]

    def update_infos(self, infos: list[tuple[str, dict]]) -> None:
        """Merge into the stored info of articles (summaries computed later)."""
        with self.lock:
            for article_id, extra in infos:
                row = self.db.execute("SELECT info FROM docs WHERE id=?", (article_id,)).fetchone()
                if row:
                    info = {**json.loads(row[0] or "{}"), **extra}
                    self.db.execute("UPDATE docs SET info=? WHERE id=?",
                                    (json.dumps(info, ensure_ascii=False), article_id))
            self.db.commit()

    def set_problems(self, problems: list[tuple[str, str, str, bool]]) -> None:
        with self.lock:
            self.db.execute("DELETE FROM problems")
            self.db.executemany("INSERT OR REPLACE INTO problems VALUES(?,?,?,?)", problems)

    def problems(self) -> list[tuple[str, str, str, bool]]:
        with self.lock:
            return [(p, k, r, bool(f)) for p, k, r, f in self.db.execute("SELECT * FROM problems")]

    # -- searching --------------------------------------------------------------------------
    def _known(self, term: str) -> bool:
        return self.db.execute("SELECT 1 FROM postings WHERE term=? LIMIT 1",
                               (term,)).fetchone() is not None

    def search(self, query: str, expand: bool = True, limit: int | None = None,
               hit_limit: int | None = None) -> SearchResult:
        """Ranked results; hits are built for the first ``hit_limit`` results (all by default).
        Never raises on odd input: an unsearchable query gives an empty result."""
        groups = parse_query(query, expand)
        terms = [t for g in groups for t in g]
        if not groups or not self._ids:
            return SearchResult(query, terms, [], groups)
        with self.lock:
            matches = [self._match_group(groups[0])]
            docs = matches[0].tf.keys() | matches[0].titles
            for group in groups[1:]:  # later groups only need looking up among earlier docs
                matches.append(self._match_group(group, among=docs))
                docs &= matches[-1].tf.keys() | matches[-1].titles
        n, norms = len(self._ids), self._norms
        scores: dict[int, float] = {}
        counts: dict[int, int] = {}
        for m in matches:
            df = len(m.tf.keys() | m.titles)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            weight, boost = idf * (K1 + 1), idf * TITLE_WEIGHT
            tfs = m.tf
            if len(docs) < len(tfs):
                part = {d: weight * tfs[d] / (tfs[d] + norms[d]) for d in docs if d in tfs}
            else:
                part = {d: weight * tf / (tf + norms[d]) for d, tf in tfs.items() if d in docs}
            for d in m.titles & docs:
                part[d] = part.get(d, 0.0) + boost
            if not scores:
                scores, counts = part, {d: tfs.get(d, 0) for d in docs}
            else:
                for d, v in part.items():
                    scores[d] = scores.get(d, 0.0) + v
                for d in docs:
                    counts[d] += tfs.get(d, 0)
        for d in docs:
            scores.setdefault(d, 0.0)
        ids, titles_by_doc = self._ids, self._titles
        ranked = sorted(sorted(docs, key=ids.__getitem__), key=scores.__getitem__, reverse=True)
        if limit:
            ranked = ranked[:limit]
        results = [Result(ids[d], titles_by_doc[d], scores[d], None, counts[d]) for d in ranked]
        for i, (result, doc) in enumerate(zip(results, ranked, strict=True)):
            if hit_limit is not None and i >= hit_limit:
                break
            result.hits = self._hits(doc, matches)
            result.count = len(result.hits)
        return SearchResult(query, terms, results, groups)

    def hits(self, article_id: str, groups: list[list[str]]) -> list[Hit]:
        """The hits of one article for parsed query groups (for results built without hits)."""
        doc = self._rows.get(article_id)
        if doc is None:
            return []
        with self.lock:
            matches = [self._match_group(g, only=doc) for g in groups]
        if not all(doc in m.tf or doc in m.titles for m in matches):
            return []
        return self._hits(doc, matches)

    def _match_group(self, alts: list[str], only: int | None = None,
                     among: set[int] | None = None) -> _Match:
        """Docs matching any alternative of a group.

        The first alternative is the user's own word; the others come from the glossary and
        are looked up whole (they are in jieba's dictionary), never segmented.
        """
        match = _Match()
        for i, alt in enumerate(alts):
            if i and not alt.isascii() and not self._known(alt):
                continue
            parts = segment_term(alt, self._known)
            if len(parts) == 1:
                match.terms.append(parts[0])
            else:
                for doc, spans in self._match_phrase(parts, only).items():
                    match.tf[doc] = match.tf.get(doc, 0) + len(spans)
                    match.spans.setdefault(doc, []).extend(spans)
        if match.terms:
            self._match_terms(match, only, among)
        return match

    def _match_terms(self, match: _Match, only: int | None, among: set[int] | None) -> None:
        """Whole terms in one query each for bodies and titles (SQLite sums, not Python)."""
        marks = ",".join("?" * len(match.terms))
        args: tuple = tuple(match.terms)
        where = f"term IN ({marks})"
        if only is not None:
            where, args = where + " AND doc=?", (*args, only)
        elif among is not None and len(among) < len(self._ids) // 2:
            where += " AND doc IN (SELECT value FROM json_each(?))"
            args = (*args, json.dumps(sorted(among)))
        rows = dict(self.db.execute(f"SELECT doc, sum(tf) FROM postings WHERE {where} "
                                    "GROUP BY doc", args))
        if match.tf:
            for doc, n in rows.items():
                match.tf[doc] = match.tf.get(doc, 0) + n
        else:
            match.tf = rows
        match.titles = {d for (d,) in self.db.execute(f"SELECT doc FROM titles WHERE {where}",
                                                      args)}

    def _match_phrase(self, parts: list[str], only: int | None) -> dict[int, list]:
        """Docs where the parts stand one after another (a space between is allowed),
        found from the postings' positions: no body is read."""
        tables = []
        for part in parts:
            sql, args = "SELECT doc, spans FROM postings WHERE term=?", (part,)
            if only is not None:
                sql, args = sql + " AND doc=?", (part, only)
            tables.append(dict(self.db.execute(sql, args)))
        candidates = set(tables[0])
        for table in tables[1:]:
            candidates &= set(table)
        found = {}
        for doc in candidates:
            first = _pairs(tables[0][doc])
            rest = [dict(_pairs(t[doc])) for t in tables[1:]]
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

    def _hits(self, doc: int, matches: list[_Match]) -> list[Hit]:
        spans: list[tuple[int, int]] = []
        with self.lock:
            for m in matches:
                spans.extend(m.spans.get(doc, ()))
                for term in m.terms:
                    row = self.db.execute("SELECT spans FROM postings WHERE term=? AND doc=?",
                                          (term, doc)).fetchone()
                    if row:
                        spans.extend(_pairs(row[0]))
            if not spans:
                return []
            (body,) = self.db.execute("SELECT body FROM docs WHERE rowid=?", (doc,)).fetchone()
        hits, last_end = [], -1
        for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
            if start < last_end:
                continue
            hits.append(Hit(start, end, body[start:end], context(body, start, end)))
            last_end = end
        return hits


@dataclass
class _Match:
    """What one query group matched: term frequency per doc, docs matched in the title,
    the whole terms (spans read from the postings on demand), phrase spans per doc."""

    tf: dict[int, int] = field(default_factory=dict)
    titles: set[int] = field(default_factory=set)
    terms: list[str] = field(default_factory=list)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def _pairs(blob: bytes) -> list[tuple[int, int]]:
    flat = array("I")
    flat.frombytes(blob)
    return list(zip(flat[::2], flat[1::2], strict=True))


def context(body: str, start: int, end: int, width: int = 30) -> str:
    """A one-line excerpt around body[start:end]."""
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    text = " ".join(body[lo:hi].split())
    return ("…" if lo else "") + text + ("…" if hi < len(body) else "")
