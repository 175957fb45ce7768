"""The block above the article body: title (two lines at most), then source, date, language,
stance. Its height never changes, so opening an article does not reflow the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from capexreader.session import language_label
from capexreader.wrap import wrap_lines

from .article_list import stance_badge

if TYPE_CHECKING:
    from capexreader.corpus import Article


TITLE_LINES = 2


def header_lines(article: Article) -> tuple[Text, Text]:
    """The title and the meta line. Plain Text objects only: markup in titles is shown, never
    run."""
    computed = "stance" in article.__dict__ or not article.is_long
    stance = article.stance if computed else None
    title = Text(" ".join(article.title.split()), style="bold")
    fields = [
        x
        for x in (article.source, article.author, article.date or "no date", language_label(article.language))
        if x
    ]
    meta = Text(style="bold")  # as the header has always been drawn: dim over bold
    meta.append(" · ".join(fields), style="dim")
    meta.append(" · ")
    if stance is None:  # a long article still being read: the cached summary, if any
        label, score = article.stance_label, article.stance_score
        meta.append_text(stance_badge(label) if label else Text("… stance", style="dim"))
        if article.stance_confidence is not None:
            meta.append(f" {article.stance_confidence:.0%} sure", style="dim")
        if score is not None:
            meta.append(f" · {score:+.2f}", style="dim")
        return title, meta
    meta.append_text(stance_badge(stance.label))
    meta.append(f" {stance.confidence:.0%} sure · {stance.score:+.2f}", style="dim")
    if stance.overridden:
        meta.append(f" (editorial; computed {stance.computed_label})", style="dim italic")
    return title, meta


class ArticleHeader(Widget):
    """A fixed height (see the stylesheet): redrawn, never laid out again."""

    article: reactive[Article | None] = reactive(None, always_update=True, layout=False)

    def render(self) -> RenderableType:
        article = self.article
        meta: Text | None
        title, meta = header_lines(article) if article else (Text("No article open", style="dim"), None)
        width = max(1, self.content_region.width)
        # Broken as the body is (never inside a number or between it and its unit).
        lines = [title[start:end] for start, end in wrap_lines(title.plain, width)]
        if len(lines) > TITLE_LINES:
            lines = lines[:TITLE_LINES]
            lines[-1].truncate(max(1, width - 1))
            lines[-1].append("…")
        if meta is not None:
            meta = meta.copy()  # cut to this width, not for good
            meta.truncate(width, overflow="ellipsis")
            lines.append(meta)
        return Text("\n").join(lines)
