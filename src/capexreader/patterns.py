"""Fast regexes for long word lists: a trie, so the engine does not try each word in turn."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable


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
    parts = [p for p in _by_script(words) if p]
    return "|".join(parts) if parts else r"(?!x)x"


def _by_script(words: Iterable[str]) -> tuple[str, str]:
    """Patterns for the Latin words (only between non-letters) and for the others ("" for none)."""
    words = {w for w in words if w}
    latin = sorted(w for w in words if w.isascii())
    other = sorted(w for w in words if not w.isascii())
    return (
        (r"(?<![a-z])" + _group(_trie_regex(latin)) + r"(?![a-z])") if latin else "",
        _group(_trie_regex(other)) if other else "",
    )


def _group(pattern: str) -> str:
    return "(?:" + pattern + ")"


class Words:
    """Finds any of many words, Latin ones only between non-letters, like word_union; but with
    one search per script, each run only where the text has letters of that script, since a
    single pattern holding both is several times slower (no first-character shortcut for
    Python's re)."""

    def __init__(self, words: Iterable[str], extra: str = "") -> None:
        latin, other = _by_script(words)
        other = "|".join(p for p in (other, extra) if p)
        self.latin = re.compile(latin) if latin else None
        self.other = re.compile(other) if other else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[re.Match[str]]:
        """The matches in text order (a list: most searches find few or none)."""
        part = text if pos == 0 and endpos >= len(text) else text[pos:endpos]
        first = (
            list(self.latin.finditer(text, pos, endpos))
            if self.latin is not None and _LATIN.search(part)
            else []
        )
        second = (
            list(self.other.finditer(text, pos, endpos))
            if self.other is not None and not part.isascii()
            else []
        )
        if not first or not second:
            return first or second
        return sorted(first + second, key=_start)


_LATIN = re.compile(r"[a-z]")


def _start(m: re.Match[str]) -> int:
    return m.start()
