"""The guidance tracker: how each company's figures (capex, revenue, investment, ...) move from
one article to the next.

A line is one entity, kind, year and unit. Its statements are the articles' figures in the
date order of the articles (undated ones last), one per article: the value it gives most often,
the later one on a tie (a revision reads "from X to Y"). Each is marked against the one before:
``first``, ``raised``, ``lowered`` or ``reiterated`` (a range that contains the previous value
reiterates it). Analysts' expectations are statements of their own chain, kept out of the
company's. A figure with no year is in a line of its own, never set against a year's, and its
statements are not set against each other either (a quarter's guidance and a trailing year's
total are different periods): each is ``first``. A figure with no entity (a total of several
companies) is in no line. Money only: amounts are what guidance is given in. Copies of one story
count once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .copies import fold_copies
from .fold import fold

if TYPE_CHECKING:
    from .corpus import Article, Corpus
    from .figures import Figure

TOLERANCE = 0.005  # values within 0.5 % are the same number
CHANGES = ("first", "raised", "lowered", "reiterated")
ARROW = {"first": "•", "raised": "▲", "lowered": "▼", "reiterated": "="}


@dataclass
class Statement:
    article: Article
    figure: Figure
    copies: list[str] = field(default_factory=list)
    change: str = "first"
    difference: float | None = None  # against the previous statement, midpoint to midpoint

    @property
    def value(self) -> float:
        return self.figure.value

    @property
    def value_high(self) -> float | None:
        return self.figure.value_high

    @property
    def expectation(self) -> bool:
        return self.figure.expectation

    def moved(self) -> str:
        """The difference in short form: +$8B, -$3B; empty for a first or an unchanged one."""
        if not self.difference:
            return ""
        from .figures import short_amount

        sign = "+" if self.difference > 0 else "-"
        return sign + short_amount(abs(self.difference), self.figure.unit)

    def to_dict(self) -> dict:
        a, f = self.article, self.figure
        return {
            "article": a.id,
            "date": a.date,
            "value": f.value,
            "value_high": f.value_high,
            "unit": f.unit,
            "amount": f.amount(),
            "change": self.change,
            "difference": self.difference,
            "expectation": f.expectation,
            "copies": self.copies,
            "title": a.title,
            "source": a.source,
            "sentence": f.sentence,
            "start": f.start,
            "end": f.end,
        }


@dataclass
class Line:
    entity: str
    kind: str
    year: int | None
    unit: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def own(self) -> list[Statement]:
        """The company's own statements (not analysts' expectations)."""
        return [s for s in self.statements if not s.expectation]

    @property
    def latest(self) -> Statement | None:
        own = self.own
        return own[-1] if own else None

    @property
    def spread(self) -> tuple[float, float] | None:
        """Lowest and highest value the company's statements give."""
        own = self.own
        if not own:
            return None
        return min(s.value for s in own), max(s.value_high or s.value for s in own)

    def label(self) -> str:
        return " · ".join(p for p in (self.entity, self.kind, str(self.year or "no year")) if p)

    def to_dict(self) -> dict:
        latest = self.latest
        return {
            "entity": self.entity,
            "kind": self.kind,
            "year": self.year,
            "unit": self.unit,
            "latest": None
            if latest is None
            else {"value": latest.value, "value_high": latest.value_high, "amount": latest.figure.amount()},
            "spread": None if self.spread is None else list(self.spread),
            "statements": [s.to_dict() for s in self.statements],
        }


def track(
    corpus: Corpus,
    entity: str | None = None,
    kind: str | None = None,
    year: int | None = None,
) -> list[Line]:
    """Every line, or those of an entity (any alias, either script), kind and year; the lines
    with most statements first."""
    articles = list(corpus.articles)
    copies = fold_copies([a for a in articles if _tracked(a.figures)])
    hidden = {c for cs in copies.values() for c in cs}
    wanted = entity_names(entity) if entity else None
    lines: dict[tuple, Line] = {}
    picks: dict[tuple, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for article in sorted(articles, key=_in_date_order):
        if article.id in hidden:
            continue
        for fig in _tracked(article.figures):
            assert fig.entity and fig.kind
            if wanted is not None and fig.entity not in wanted:
                continue
            if (kind and fig.kind != kind) or (year and fig.year != year):
                continue
            key = (fig.entity, fig.kind, fig.year, fig.unit)
            if key not in lines:
                lines[key] = Line(*key)
            picks[key][article.id].append(fig)
    by_id = {a.id: a for a in articles}
    for key, line in lines.items():
        for aid, figures in picks[key].items():  # in date order: dicts keep insertion order
            for expectation in (False, True):
                chosen = _choose([f for f in figures if f.expectation is expectation])
                if chosen is not None:
                    line.statements.append(Statement(by_id[aid], chosen, copies.get(aid, [])))
        for expectation in (False, True):
            if line.year is not None:
                _mark([s for s in line.statements if s.expectation is expectation])
    return sorted(
        lines.values(), key=lambda ln: (-len(ln.statements), ln.entity, ln.kind, ln.year or 0, ln.unit)
    )


def entity_names(query: str) -> set[str]:
    """The entities a filter word names: an alias in either script, or part of a name."""
    from .attribution import cues

    folded = fold(query).strip().lower()
    alias = cues()["alias"]
    names = {name for a, name in alias.items() if folded and (a == folded or folded in name.lower())}
    return names or {query}


def _tracked(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.entity and f.kind and f.category == "money"]


def _in_date_order(article: Article) -> tuple:
    return (article.date is None, article.date or "", article.id)


def _choose(figures: list[Figure]) -> Figure | None:
    """The value an article gives most often; the later one on a tie."""
    if not figures:
        return None
    counts = Counter((f.value, f.value_high) for f in figures)
    top = max(counts.values())
    return [f for f in figures if counts[(f.value, f.value_high)] == top][-1]


def _mark(chain: list[Statement]) -> None:
    for before, now in zip([None, *chain], chain, strict=False):
        if before is None:
            now.change, now.difference = "first", None
        else:
            now.change, now.difference = compare(before.figure, now.figure)


def compare(before: Figure, now: Figure) -> tuple[str, float]:
    """How now stands to before: (change, difference of the midpoints)."""
    lo, hi = before.value, before.value_high or before.value
    new_lo, new_hi = now.value, now.value_high or now.value
    difference = (new_lo + new_hi) / 2 - (lo + hi) / 2
    slack = TOLERANCE * max(abs(lo), abs(hi), abs(new_lo), abs(new_hi), 1e-12)
    if abs(new_lo - lo) <= slack and abs(new_hi - hi) <= slack:
        return "reiterated", 0.0
    if new_lo - slack <= lo and hi <= new_hi + slack:  # the new range holds the old value
        return "reiterated", difference
    if lo - slack <= new_lo and new_hi <= hi + slack:  # narrowed within the old range
        return "reiterated", difference
    return ("raised" if difference > 0 else "lowered"), difference
