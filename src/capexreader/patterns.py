"""Fast regexes for long word lists: a trie, so the engine does not try each word in turn."""

from __future__ import annotations

import re
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
