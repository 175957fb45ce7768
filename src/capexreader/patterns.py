"""Fast regexes for long word lists: a trie, so the engine does not try each word in turn."""

from __future__ import annotations

import heapq
import re
import sys
from collections.abc import Iterable, Iterator


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(trie)


def _node(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:  # greedy: the longer word is tried first
        return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def word_union(words: Iterable[str]) -> str:
    """One pattern matching any of the words; ASCII words only between non-letters."""
    words = {w for w in words if w}
    latin = sorted(w for w in words if w.isascii())
    other = sorted(w for w in words if not w.isascii())
    parts = []
    if latin:
        parts.append(r"(?<![a-z])" + _group(_trie_regex(latin)) + r"(?![a-z])")
    if other:
        parts.append(_group(_trie_regex(other)))
    return "|".join(parts) if parts else r"(?!x)x"


def _group(pattern: str) -> str:
    return "(?:" + pattern + ")"


class Words:
    """Finds any of many words, Latin ones only between non-letters, like word_union; but with
    one search per script, since a single pattern holding both is several times slower (no
    first-character shortcut for Python's re)."""

    def __init__(self, words: Iterable[str], extra: str = "") -> None:
        words = {w for w in words if w}
        latin = sorted(w for w in words if w.isascii())
        other = "|".join(p for p in (_trie_regex(sorted(w for w in words if not w.isascii())), extra) if p)
        self.patterns = []
        if latin:
            self.patterns.append(re.compile(r"(?<![a-z])" + _group(_trie_regex(latin)) + r"(?![a-z])"))
        if other:
            self.patterns.append(re.compile(other))

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        found = [p.finditer(text, pos, endpos) for p in self.patterns]
        if len(found) == 1:
            return found[0]
        return heapq.merge(*found, key=lambda m: m.start())

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        hits = [m for p in self.patterns if (m := p.search(text, pos, endpos))]
        return min(hits, key=lambda m: m.start()) if hits else None
