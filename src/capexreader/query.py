"""Queries: words, "phrases", glossary expansion; and the index terms of a text."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .fold import fold
from .resources import load_data

MAX_QUERY = 1000
MAX_WORDS = 16
WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")


@lru_cache(maxsize=1)
def glossary() -> tuple[dict[str, list[str]], frozenset[str]]:
    """Term -> its group of equivalent terms; and the stop words."""
    data = load_data("glossary")
    groups: dict[str, list[str]] = {}
    for group in data["groups"]:
        folded = list(dict.fromkeys(fold(str(t)) for t in group))
        for term in folded:
            groups.setdefault(term, folded)
    return groups, frozenset(fold(str(w)) for w in data["stop_words"])


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Spellings searched as one word: centre -> center."""
    return {fold(str(k)): fold(str(v)) for k, v in (load_data("glossary").get("variants") or {}).items()}


@lru_cache(maxsize=200_000)
def normalise(term: str) -> str:
    """Index form of a token: an English word's spelling variant and Snowball stem (data
    centres, data centers and data center all give "data center"); anything else as it is."""
    if " " in term:
        return " ".join(normalise(t) for t in term.split())
    if len(term) > 2 and term.isascii() and term.isalpha():
        return str(_stemmer().stemWord(variants().get(term, term)))
    return term


def parse_query(query: str, expand: bool = True) -> list[list[str]]:
    """Query -> groups of alternatives; every group must match (AND), any member will do (OR)."""
    words = []
    for quoted, curly, plain in re.findall(r'"([^"]*)"|“([^”]*)”|(\S+)', query[:MAX_QUERY]):
        word = (quoted or curly or plain).strip()
        if word:
            words.append((word, not plain))
    groups_map, stop = glossary()
    groups: list[list[str]] = []
    for word, quoted in words[:MAX_WORDS]:
        folded = " ".join(terms_of(fold(word)))
        if not folded or folded in stop:
            continue
        # a quoted phrase is only itself: no glossary alternatives inside quotes
        alts = groups_map.get(folded, [folded]) if expand and not quoted else [folded]
        if folded not in alts:
            alts = [folded, *alts]
        groups.append(alts)
    return groups


def terms_of(text: str) -> list[str]:
    """The searchable words in text: punctuation, symbols and emoji dropped."""
    return [w for w in re.split(r"[^\w\u3400-\u9fff]+", text) if w and w != "_"]


def segment_term(term: str, known: Callable[[str], bool]) -> list[str]:
    """A query term as index terms. A term the index knows whole needs no jieba."""
    if known(normalise(term)):
        return [normalise(term)]
    parts: list[str] = []
    for chunk in term.split():
        if chunk.isascii():
            parts.append(normalise(chunk))
        else:
            from .segment import cut

            parts.extend(normalise(w) for w in cut(chunk) if WORD_CHAR.search(w))
    return parts or [term]


_SKIP = ""


@lru_cache(maxsize=200_000)
def _index_form(word: str) -> str:
    """The index term of a jieba token, or "" for tokens not indexed (stop words, punctuation)."""
    _, stop = glossary()
    if word in stop or not WORD_CHAR.search(word):
        return _SKIP
    return normalise(word)


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern | None:
    """The glossary's multi-word terms (capital expenditure, data center, ...), in any of their
    spellings and plurals (data centres): the index keeps each under its normal form."""
    from .patterns import word_union

    words = {t for t in glossary()[0] if " " in t}
    others = [w for w in words if not w.isascii()]
    parts = [word_union(others)] if others else []
    for phrase in sorted(w for w in words if w.isascii()):
        parts.append(r"(?<![a-z])" + r"\s+".join(_forms(w) for w in phrase.split()) + r"(?![a-z])")
    pattern = "|".join(parts)
    return re.compile(pattern) if pattern else None


def _forms(word: str) -> str:
    """A pattern for a word, its plurals and the spellings that mean it."""
    spelled = {word, *(k for k, v in variants().items() if v == word)}
    return "(?:" + "|".join(sorted((re.escape(w) + "(?:e?s)?" for w in spelled), key=len, reverse=True)) + ")"


def index_text(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Term -> spans for folded text: jieba search-mode segmentation, stop words dropped, and
    the glossary's multi-word terms as terms of their own (so that they need no phrase match)."""
    return index_tokens(folded, into=index_phrases(folded))


def index_phrases(folded: str) -> dict[str, list[tuple[int, int]]]:
    """The glossary's multi-word terms in folded text, under their normal forms."""
    out: dict[str, list[tuple[int, int]]] = {}
    phrases = _phrases()
    if phrases is not None and " " in folded:
        for m in phrases.finditer(folded):
            out.setdefault(normalise(m.group(0)), []).append(m.span())
    return out


def index_tokens(
    folded: str, offset: int = 0, into: dict[str, list[tuple[int, int]]] | None = None
) -> dict[str, list[tuple[int, int]]]:
    """jieba's search-mode words of folded text (which starts at offset in its document),
    added to into. A piece of a document cut after a line break that line_chunks would cut
    at gives the words the whole document gives there."""
    from .segment import tokenizer

    out: dict[str, list[tuple[int, int]]] = {} if into is None else into
    tokenize = tokenizer().tokenize
    for at, chunk in line_chunks(folded):  # small pieces: jieba's C regex steps stay short
        at += offset
        for word, start, end in tokenize(chunk, mode="search"):
            term = _index_form(word)
            if term:
                span = (start + at, end + at)
                spans = out.get(term)
                if spans is None:
                    out[term] = [span]
                else:
                    spans.append(span)
    return out


def join_terms(into: dict[str, list[tuple[int, int]]], more: dict[str, list[tuple[int, int]]]) -> None:
    """Add to into the spans of more, after its own (more: from further on in the text)."""
    for term, spans in more.items():
        got = into.get(term)
        if got is None:
            into[term] = spans
        else:
            got.extend(spans)


def pieces_of(text: str, size: int) -> list[tuple[int, str]]:
    """(offset, piece) runs of line_chunks of about size characters each: index_tokens of the
    pieces, joined in order, are index_tokens of the text."""
    out: list[tuple[int, str]] = []
    start = 0
    for offset, chunk in line_chunks(text):
        if offset > start and offset + len(chunk) - start > size:
            out.append((start, text[start:offset]))
            start = offset
    out.append((start, text[start:]))
    return out


def line_chunks(text: str, size: int = 20_000) -> list[tuple[int, str]]:
    """(offset, piece) pieces of about size characters, cut after line breaks."""
    if len(text) <= size:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
