"""Lining up what different articles say about the same number."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Article, Corpus
    from .figures import Figure

TOLERANCE = 0.005  # values within 0.5 % are the same number


@dataclass
class Mention:
    article: Article
    figure: Figure


@dataclass
class Group:
    """Every mention of one entity's kind of figure for one year, in one unit."""

    entity: str
    kind: str
    year: int | None
    unit: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article.id for m in self.mentions))

    @property
    def values(self) -> list[tuple[float, float | None]]:
        """Distinct values (low, high), most mentioned first."""
        counts: Counter[tuple[float, float | None]] = Counter()
        for m in self.mentions:
            counts[_key(m.figure)] += 1
        return [v for v, _ in counts.most_common()]

    @property
    def agree(self) -> bool:
        return len(self.values) == 1

    def amounts(self) -> list[str]:
        seen: dict[tuple[float, float | None], str] = {}
        for m in self.mentions:
            seen.setdefault(_key(m.figure), m.figure.amount())
        return [seen[v] for v in self.values]


def _key(fig: Figure) -> tuple[float, float | None]:
    def r(v: float | None) -> float | None:
        return None if v is None else float(f"{v:.3g}")

    return r(fig.value) or 0.0, r(fig.value_high)


def reconcile(corpus: Corpus, category: str = "money") -> list[Group]:
    """Groups with a known entity and kind, most widely reported first."""
    groups: dict[tuple, Group] = {}
    for article in corpus.articles:
        for fig in article.figures:
            if fig.category != category or not fig.entity or not fig.kind:
                continue
            key = (fig.entity, fig.kind, fig.year, fig.unit)
            group = groups.get(key) or groups.setdefault(key, Group(*key))
            group.mentions.append(Mention(article, fig))
    return sorted(
        groups.values(), key=lambda g: (-len(g.articles), -len(g.mentions), g.entity, g.kind, g.year or 0)
    )


@dataclass
class Bar:
    entity: str
    year: int | None
    value: float
    amount: str
    sources: int


def capex_by_company(corpus: Corpus, unit: str = "USD") -> dict[int | None, list[Bar]]:
    """Capex per company per year (the most cited value), years in order, no year last."""
    years: dict[int | None, list[Bar]] = defaultdict(list)
    for group in reconcile(corpus):
        if group.kind != "capex" or group.unit != unit:
            continue
        low, high = group.values[0]
        years[group.year].append(
            Bar(group.entity, group.year, high or low, group.amounts()[0], len(group.articles))
        )
    ordered = sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))  # years in order
    return {year: sorted(bars, key=lambda b: -b.value) for year, bars in ordered}


def article_figures(articles: list[Article]) -> list[Mention]:
    return [Mention(a, f) for a in articles for f in a.figures]
