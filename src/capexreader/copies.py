"""Near-duplicate articles (one story copied by several sites): MinHash signatures of each
body's character shingles, banded so that only likely pairs are compared. Linear in the
total text: no pair of articles is looked at unless they share a band."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from .fold import fold

if TYPE_CHECKING:
    from .corpus import Article

SHINGLE = 5  # characters: long enough to be rare, short enough for Chinese
HASHES, BANDS = 64, 16  # 16 bands of 4: pairs above ~0.7 similar are nearly always compared
SAME = 0.8  # estimated Jaccard similarity from which two bodies are one story
_SKIP = re.compile(r"[\W_]+")  # spaces, punctuation and markup differ between copies
_RNG = np.random.default_rng(20251)
_A = _RNG.integers(1, 2**63, HASHES, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, 2**63, HASHES, dtype=np.uint64)


def signature(body: str) -> np.ndarray | None:
    """HASHES minima of multiply-shift hashes of the body's shingles; None if too short."""
    text = _SKIP.sub("", fold(body))
    if len(text) < SHINGLE * 4:
        return None
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    with np.errstate(over="ignore"):  # both hashes are defined modulo 2**64
        shingles = np.zeros(count, dtype=np.uint64)
        for i in range(SHINGLE):  # a polynomial hash of each window, the same in every run
            shingles = shingles * np.uint64(1_000_003) + codes[i : i + count]
        values = np.unique(shingles)
        mixed = values[None, :] * _A[:, None] + _B[:, None]
    return (mixed >> np.uint64(32)).min(axis=1)


def fold_copies(articles: list[Article]) -> dict[str, list[str]]:
    """Article id -> ids of its copies, for the original of each set of near-duplicates (the
    earliest dated, then the first id); articles with no copy are left out."""
    signatures = {a.id: s for a in articles if (s := signature(a.body)) is not None}
    rows = HASHES // BANDS
    parent = {aid: aid for aid in signatures}

    def root(aid: str) -> str:
        while parent[aid] != aid:
            parent[aid] = parent[parent[aid]]
            aid = parent[aid]
        return aid

    for band in range(BANDS):
        buckets: dict[bytes, list[str]] = defaultdict(list)
        for aid, sig in signatures.items():
            buckets[sig[band * rows : (band + 1) * rows].tobytes()].append(aid)
        for members in buckets.values():
            first = members[0]
            for other in members[1:]:
                if root(first) != root(other) and _similar(signatures[first], signatures[other]):
                    parent[root(other)] = root(first)
    groups: dict[str, list[Article]] = defaultdict(list)
    by_id = {a.id: a for a in articles}
    for aid in signatures:
        groups[root(aid)].append(by_id[aid])
    out = {}
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda a: (a.date is None, a.date or "", a.id))
            out[group[0].id] = [a.id for a in group[1:]]
    return out


def _similar(one: np.ndarray, two: np.ndarray) -> bool:
    return float(np.mean(one == two)) >= SAME
