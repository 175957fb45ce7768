"""What the reader marks in a body: figures, search hits, the current one, paragraph leanings."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Marks:
    """Spans to mark in the body. Each list is sorted by start, so a line finds its marks by
    bisection."""

    figures: list[tuple[int, int]] = field(default_factory=list)
    hits: list[tuple[int, int]] = field(default_factory=list)
    current: tuple[int, int] | None = None
    leanings: list[tuple[int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.figures = sorted(self.figures)
        self.hits = sorted(self.hits)
        self._figure_starts = [s for s, _ in self.figures]
        self._hit_starts = [s for s, _ in self.hits]
        self._lean_starts = [s for s, _, _ in self.leanings]

    def figures_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return _overlapping(self.figures, self._figure_starts, start, end)

    def hits_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return _overlapping(self.hits, self._hit_starts, start, end)

    def leaning_in(self, start: int, end: int) -> int:
        """The way the paragraphs within [start, end] lean on balance (-1, 0 or 1)."""
        i = max(0, bisect.bisect_right(self._lean_starts, start) - 1)
        total = 0
        while i < len(self.leanings) and self.leanings[i][0] <= end:
            lo, hi, sign = self.leanings[i]
            if hi >= start:
                total += sign
            i += 1
        return (total > 0) - (total < 0)


def _overlapping(
    spans: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> list[tuple[int, int]]:
    """Spans (sorted, not nested) that overlap [start, end)."""
    i = max(0, bisect.bisect_right(starts, start) - 1)
    out = []
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > start:
            out.append(spans[i])
        i += 1
    return out
