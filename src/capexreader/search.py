"""Search: jieba segmentation, script folding, glossary expansion, BM25, exact hit offsets."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .fold import fold
from .resources import load_data
from .segment import cut, tokens

MAX_QUERY = 1000
MAX_WORDS = 16
K1, B, TITLE_WEIGHT = 1.2, 0.75, 2.0
_WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z0-9]")


@dataclass
class Hit:
    start: int
    end: int
    text: str
    context: str


@dataclass
class Result:
    article: str
    title: str
    score: float
    hits: list[Hit] = field(default_factory=list)


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


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, list[str]], frozenset[str]]:
    data = load_data("glossary")
    groups: dict[str, list[str]] = {}
    for group in data["groups"]:
        folded = list(dict.fromkeys(fold(str(t)) for t in group))
        for term in folded:
            groups.setdefault(term, folded)
    return groups, frozenset(fold(str(w)) for w in data["stop_words"])


def normalise(term: str) -> str:
    """Index form of a token: English plurals folded (bubbles -> bubble)."""
    if len(term) > 4 and term.isascii() and term.isalpha() and term.endswith("s"):
        if not term.endswith("ss"):
            return term[:-1]
    return term


def parse_query(query: str, expand: bool = True) -> list[list[str]]:
    """Query -> groups of alternatives; every group must match (AND), any member will do (OR)."""
    query = query[:MAX_QUERY]
    words = []
    for quoted, curly, plain in re.findall(r'"([^"]*)"|“([^”]*)”|(\S+)', query):
        word = (quoted or curly or plain).strip()
        if word:
            words.append(word)
    groups_map, stop = _glossary()
    groups: list[list[str]] = []
    for word in words[:MAX_WORDS]:
        folded = " ".join(_terms_of(fold(word)))
        if not folded or folded in stop:
            continue
        alts = groups_map.get(folded, [folded]) if expand else [folded]
        if folded not in alts:
            alts = [folded, *alts]
        groups.append(alts)
    return groups


def _terms_of(text: str) -> list[str]:
    """The searchable words in text: punctuation, symbols and emoji dropped."""
    return [w for w in re.split(r"[^\w\u3400-\u9fff]+", text) if w and w != "_"]


class SearchIndex:
    """An inverted index of articles (id, title, body) with positions in the bodies."""

    def __init__(self) -> None:
        self.postings: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(dict)
        self.title_terms: dict[str, dict[str, int]] = {}
        self.lengths: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.bodies: dict[str, str] = {}
        self._folded: dict[str, str] = {}

    def add(self, article_id: str, title: str, body: str) -> None:
        """Index one article (replacing an older version of it)."""
        folded = fold(body)
        self.add_tokens(article_id, title, body, folded, index_text(folded), index_text(fold(title)))

    def add_tokens(
        self, article_id: str, title: str, body: str, folded: str,
        body_terms: dict[str, list[tuple[int, int]]], title_terms: dict[str, list[tuple[int, int]]],
    ) -> None:
        self.remove(article_id)
        for term, spans in body_terms.items():
            self.postings[term][article_id] = spans
        self.lengths[article_id] = sum(len(s) for s in body_terms.values()) or 1
        self.title_terms[article_id] = {t: len(s) for t, s in title_terms.items()}
        self.titles[article_id] = title
        self.bodies[article_id] = body
        self._folded[article_id] = folded

    def remove(self, article_id: str) -> None:
        if article_id not in self.lengths:
            return
        for docs in self.postings.values():
            docs.pop(article_id, None)
        for table in (self.lengths, self.title_terms, self.titles, self.bodies, self._folded):
            table.pop(article_id, None)

    def __len__(self) -> int:
        return len(self.lengths)

    def search(self, query: str, expand: bool = True, limit: int | None = None) -> SearchResult:
        """Ranked results for query; never raises on odd input, gives an empty result instead."""
        groups = parse_query(query, expand)
        terms = [t for g in groups for t in g]
        if not groups or not self.lengths:
            return SearchResult(query, terms, [], groups)
        per_group = [self._match_group(g) for g in groups]
        docs = set(per_group[0])
        for matches in per_group[1:]:
            docs &= set(matches)
        avg = sum(self.lengths.values()) / len(self.lengths)
        results = []
        for doc in docs:
            score, spans = 0.0, []
            for group, matches in zip(groups, per_group, strict=True):
                doc_spans = matches[doc]
                spans.extend(doc_spans)
                score += self._bm25(len(doc_spans), len(matches), group, doc, avg)
            results.append(Result(doc, self.titles[doc], score, self._hits(doc, spans)))
        results.sort(key=lambda r: (-r.score, r.article))
        return SearchResult(query, terms, results[:limit] if limit else results, groups)

    def _match_group(self, alts: list[str]) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for alt in alts:
            for doc, spans in self._match_term(alt).items():
                found[doc].extend(spans)
        for doc in list(found):
            if not found[doc] and not self._title_has(doc, alts):
                del found[doc]
        return found

    def _match_term(self, term: str) -> dict[str, list[tuple[int, int]]]:
        parts = [normalise(t) for t in _segment(term)]
        if len(parts) == 1:
            docs = dict(self.postings.get(parts[0], {}))
            for doc in self.title_terms:
                if parts[0] in self.title_terms[doc]:
                    docs.setdefault(doc, [])
            return docs
        return self._match_phrase(term, parts)

    def _match_phrase(self, phrase: str, parts: list[str]) -> dict[str, list[tuple[int, int]]]:
        candidates = None
        for part in parts:
            docs = set(self.postings.get(part, {}))
            candidates = docs if candidates is None else candidates & docs
        pattern = _phrase_pattern(phrase)
        found = {}
        for doc in candidates or ():
            spans = [m.span() for m in pattern.finditer(self._folded[doc])]
            if spans:
                found[doc] = spans
        return found

    def _title_has(self, doc: str, alts: list[str]) -> bool:
        return any(normalise(a) in self.title_terms.get(doc, {}) for a in alts)

    def _bm25(self, tf: int, df: int, group: list[str], doc: str, avg: float) -> float:
        n = len(self.lengths)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[doc] / avg)) if tf else 0.0
        title = TITLE_WEIGHT if self._title_has(doc, group) else 0.0
        return idf * (norm + title)

    def _hits(self, doc: str, spans: list[tuple[int, int]]) -> list[Hit]:
        body = self.bodies[doc]
        hits, last_end = [], -1
        for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
            if start < last_end:
                continue
            hits.append(Hit(start, end, body[start:end], context(body, start, end)))
            last_end = end
        return hits


def context(body: str, start: int, end: int, width: int = 30) -> str:
    """A one-line excerpt around body[start:end]."""
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    text = " ".join(body[lo:hi].split())
    return ("…" if lo else "") + text + ("…" if hi < len(body) else "")


def index_text(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Term -> spans for folded text (search-mode segmentation; stop words dropped)."""
    _, stop = _glossary()
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for word, start, end in tokens(folded):
        if word in stop or not _WORD_CHAR.search(word):
            continue
        out[normalise(word)].append((start, end))
    return dict(out)


def _segment(term: str) -> list[str]:
    """A query term as index terms: English words split on spaces, Chinese cut by jieba."""
    parts: list[str] = []
    for chunk in term.split():
        if chunk.isascii():
            parts.append(chunk)
        else:
            parts.extend(w for w in cut(chunk) if _WORD_CHAR.search(w))
    return parts or [term]


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> re.Pattern:
    words = phrase.split()
    body = r"\s+".join(re.escape(w) for w in words)
    lead = r"(?<![a-z0-9])" if _LATIN.match(phrase[0]) else ""
    tail = r"(?![a-z0-9])" if _LATIN.match(phrase[-1]) else ""
    return re.compile(lead + body + tail)
