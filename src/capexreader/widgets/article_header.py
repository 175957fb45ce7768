"""The block above the article body: title, source, date, language, stance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from .article_list import stance_badge

if TYPE_CHECKING:
    from ..corpus import Article


def header_text(article: Article) -> Text:
    """Plain Text objects only: markup in titles is shown, never run."""
    computed = "stance" in article.__dict__ or len(article.body) <= 200_000
    stance = article.stance if computed else None
    out = Text(article.title, style="bold")
    out.append("\n")
    meta = [x for x in (article.source, article.author, article.date or "no date",
                        article.language) if x]
    out.append(" · ".join(meta), style="dim")
    out.append(" · ")
    if stance is None:  # a long article still being read: the cached summary, if any
        label, score = article.stance_label, article.stance_score
        out.append_text(stance_badge(label) if label else Text("… stance", style="dim"))
        if score is not None:
            out.append(f" {score:+.2f}", style="dim")
        return out
    out.append_text(stance_badge(stance.label))
    out.append(f" {stance.score:+.2f}", style="dim")
    if stance.overridden:
        out.append(f" (editorial; computed {stance.computed_label})", style="dim italic")
    return out


class ArticleHeader(Static):
    def show(self, article: Article | None) -> None:
        self.update(header_text(article) if article else Text("No article open", style="dim"))
