"""The corpus as arrays, for the reader's list: each article's stance as a code and each index
row's article, so that a filter or a search over a hundred thousand articles picks its rows with
numpy rather than a Python loop over every article (the list is made again on every key)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

import numpy as np

if TYPE_CHECKING:
    from .corpus import Article

CODES = {"bullish": 1, "bearish": 2, "mixed": 3, "neutral": 4}  # 0: not known yet


class Listing:
    """Arrays over one list of articles (in the corpus's order). ``relabel`` takes in new
    stance labels; ``place_rows`` the index's rowids whenever they change."""

    def __init__(self, articles: list[Article]) -> None:
        self.source, self.size = articles, len(articles)  # what it was made of, held
        self.articles = np.empty(len(articles), dtype=object)
        self.articles[:] = articles
        self.position = {a.id: i for i, a in enumerate(articles)}
        self.labels = np.array([CODES.get(a.stance_label or "", 0) for a in articles], dtype=np.int8)
        self.by_row = np.zeros(0, dtype=np.int64)  # index rowid -> position, -1 for none
        self.rows_version: object = None

    def made_of(self, articles: list[Article]) -> bool:
        return self.source is articles and self.size == len(articles)

    def relabel(self, articles: list[Article]) -> None:
        """The stance labels of these articles, known now."""
        for article in articles:
            i = self.position.get(article.id)
            if i is not None:
                self.labels[i] = CODES.get(article.stance_label or "", 0)

    def place_rows(self, row_ids: np.ndarray, version: object) -> None:
        """Where each index row's article stands in the list (row_ids: the id of each rowid)."""
        get = self.position.get
        self.by_row = np.fromiter((get(i, -1) for i in row_ids.tolist()), dtype=np.int64, count=len(row_ids))
        self.rows_version = version

    def filtered(self, label: str) -> Picked:
        """The articles of one stance label ("all": every one), in list order."""
        if label == "all":
            return Picked(self, np.arange(len(self.articles)))
        return Picked(self, np.flatnonzero(self.labels == CODES[label]))

    def of_rows(self, rows: np.ndarray, label: str) -> np.ndarray:
        """The rows (in their order) whose article is listed and has the label."""
        rows = rows[rows < len(self.by_row)]
        at = self.by_row[rows]
        keep = at >= 0
        if label != "all":
            keep &= self.labels[np.where(keep, at, 0)] == CODES[label]
        return rows[keep]

    def at_rows(self, rows: np.ndarray) -> Picked:
        """The articles of rows that ``of_rows`` kept."""
        return Picked(self, self.by_row[rows])


class Picked(Sequence["Article"]):
    """Some of a listing's articles, by their positions: made without touching each article
    (a list of a hundred thousand references costs a cache miss an article to copy)."""

    def __init__(self, listing: Listing, at: np.ndarray) -> None:
        self.listing, self.at = listing, at

    def __len__(self) -> int:
        return len(self.at)

    @overload
    def __getitem__(self, i: int) -> Article: ...
    @overload
    def __getitem__(self, i: slice) -> list[Article]: ...
    def __getitem__(self, i: int | slice) -> Article | list[Article]:
        if isinstance(i, slice):
            return self.listing.articles[self.at[i]].tolist()
        return self.listing.articles[self.at[i]]

    def __iter__(self) -> Iterator[Article]:
        return iter(self.listing.articles[self.at].tolist())

    def __contains__(self, article: object) -> bool:
        return self.find(getattr(article, "id", None)) is not None

    def find(self, article_id: str | None) -> int | None:
        """Where the article of this id is picked; None if not."""
        pos = self.listing.position.get(article_id) if article_id is not None else None
        if pos is None:
            return None
        found = np.flatnonzero(self.at == pos)
        return int(found[0]) if len(found) else None


def find(articles: Sequence[Article], article_id: str) -> int | None:
    """Where an article of this id is in a sequence of articles; None if not."""
    if isinstance(articles, Picked):
        return articles.find(article_id)
    return next((i for i, a in enumerate(articles) if a.id == article_id), None)
