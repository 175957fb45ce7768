"""The corpus as arrays, for the reader's list: each article's stance as a code and each index
row's article, so that a filter or a search over a hundred thousand articles picks its rows with
numpy rather than a Python loop over every article (the list is made again on every key)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

    def filtered(self, label: str) -> list[Article]:
        """The articles of one stance label ("all": every one), in list order."""
        if label == "all":
            return self.articles.tolist()
        return self.articles[self.labels == CODES[label]].tolist()

    def of_rows(self, rows: np.ndarray, label: str) -> np.ndarray:
        """The rows (in their order) whose article is listed and has the label."""
        rows = rows[rows < len(self.by_row)]
        at = self.by_row[rows]
        keep = at >= 0
        if label != "all":
            keep &= self.labels[np.where(keep, at, 0)] == CODES[label]
        return rows[keep]

    def at_rows(self, rows: np.ndarray) -> list[Article]:
        """The articles of rows that ``of_rows`` kept."""
        return self.articles[self.by_row[rows]].tolist()
