"""The article list: title, date, language, stance badge, figures and search hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ..corpus import Article


BADGES = {
    "bullish": ("▲ bullish", "green"),
    "bearish": ("▼ bearish", "red"),
    "mixed": ("◆ mixed", "yellow"),
    "neutral": ("○ neutral", "dim"),
}


def stance_badge(label: str) -> Text:
    text, style = BADGES.get(label, (label, ""))
    return Text(text, style=style)


def article_prompt(article: Article, hits: int | None = None) -> Text:
    """Two lines: the title, then date · language · stance · figures (· hits)."""
    title = Text(article.title, style="bold", no_wrap=True, overflow="ellipsis")
    meta = Text(no_wrap=True, overflow="ellipsis", style="dim")
    meta.append(article.date or "no date")
    meta.append(f" · {article.language} · ")
    label, count = article.stance_label, article.figure_count
    meta.append_text(stance_badge(label) if label else Text("… stance", style="dim"))
    meta.append(f" · {'…' if count is None else count} fig")
    if hits is not None:
        meta.append(f" · {hits} hit{'' if hits == 1 else 's'}", style="bold")
    return Text("\n", no_wrap=True, overflow="ellipsis").join([title, meta])


class ArticleList(OptionList):
    """Articles as options whose ids are the article ids."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down",
                tooltip="Next article"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up",
                tooltip="Previous article"),
        Binding("g", "first", "Top", show=False, id="list.top", tooltip="First article"),
        Binding("G", "last", "Bottom", show=False, id="list.bottom", tooltip="Last article"),
    ]

    def show_articles(self, articles: list[Article], hits: dict[str, int] | None = None) -> None:
        """Replace the options, keeping the highlighted article where it is still listed."""
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        self.set_options(
            Option(article_prompt(a, None if hits is None else hits.get(a.id, 0)), id=a.id)
            for a in articles
        )
        if not articles:
            return
        ids = [a.id for a in articles]
        self.highlighted = ids.index(current) if current in ids else 0

    @property
    def article_ids(self) -> list[str]:
        return [self.get_option_at_index(i).id or "" for i in range(self.option_count)]
