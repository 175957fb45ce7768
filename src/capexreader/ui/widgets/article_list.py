"""The article list: a virtual list (Textual's line API) that draws only the rows on screen,
so ten thousand articles cost no more than ten. Two lines an article: the title, then date ·
language · stance · figures (· hits)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from capexreader.listing import find
from capexreader.session import language_label

from .base_style import BaseStyle

if TYPE_CHECKING:
    from capexreader.corpus import Article
    from capexreader.session import ReaderSession
    from capexreader.state import Mark, ReadState

ROWS = 2  # lines an article
CACHED_ROWS = 160  # drawn lines kept (each Strip holds caches of its own: ~40 objects)
BADGES = {
    "bullish": ("▲ bullish", "green"),
    "bearish": ("▼ bearish", "red"),
    "mixed": ("◆ mixed", "yellow"),
    "neutral": ("○ neutral", "dim"),
}


def stance_badge(label: str) -> Text:
    text, style = BADGES.get(label, (label, ""))
    return Text(text, style=style)


BOLD, DIM = Style(bold=True), Style(dim=True)
SURE = 0.8  # stance confidence from which the list shows the label alone
BADGE_STYLES = {label: Style.parse(style) if style else Style() for label, (_, style) in BADGES.items()}


UNREAD, STAR = Style(color="cyan", bold=True), Style(color="yellow")


def article_lines(
    article: Article, hits: int | None = None, mark: Mark | None = None
) -> tuple[list[Segment], list[Segment]]:
    """The title line and the meta line of one article, as segments (text is never markup).
    With read state, ● marks an unread article and ★ a starred one."""
    title = [
        Segment(" " + " ".join(article.title.split()), BOLD if mark is None or not mark.read else Style())
    ]
    if mark is not None:
        title.insert(0, Segment("★" if mark.starred else " ", STAR))
        title.insert(0, Segment("●" if not mark.read else " ", UNREAD))
    label, count = article.stance_label, article.figure_count
    meta = [Segment(f" {article.date or 'no date'} · {language_label(article.language)} · ", DIM)]
    if label:
        meta.append(Segment(BADGES.get(label, (label, ""))[0], BADGE_STYLES.get(label, DIM)))
        sure = article.stance_confidence
        if sure is not None and sure < SURE:  # only a doubtful label says how sure it is
            meta.append(Segment(f" {sure:.0%}?", DIM))
    else:
        meta.append(Segment("… stance", DIM))
    meta.append(Segment(f" · {'…' if count is None else count} fig", DIM))
    if hits is not None:
        meta.append(Segment(f" · {hits} hit{'' if hits == 1 else 's'}", DIM + BOLD))
    return title, meta


class ArticleList(BaseStyle, ScrollView, can_focus=True):
    """Articles; ``highlighted`` is an index into ``article_ids``."""

    COMPONENT_CLASSES = {"article-list--highlight"}
    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    ArticleList > .article-list--highlight { background: $boost; }
    ArticleList:focus > .article-list--highlight { background: $primary 60%; }
    """
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="list.down", tooltip="Next article"),
        Binding("k,up", "move(-1)", "Up", show=False, id="list.up", tooltip="Previous article"),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            id="list.page_down",
            tooltip="One page of articles down",
        ),
        Binding(
            "pageup", "page(-1)", "Page up", show=False, id="list.page_up", tooltip="One page of articles up"
        ),
        Binding("g,home", "first", "Top", show=False, id="list.top", tooltip="First article"),
        Binding("G,end", "last", "Bottom", show=False, id="list.bottom", tooltip="Last article"),
        Binding(
            "enter",
            "select",
            "Open",
            show=False,
            id="list.open",
            tooltip="Open the highlighted article; again to move into it",
        ),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Selected(Message):
        """An article was chosen (Enter or a click)."""

        def __init__(self, article_id: str) -> None:
            self.article_id = article_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._articles: Sequence[Article] = []
        self._hits: list[int] | None = None  # with a search on: each listed article's hits
        self._state: ReadState | None = None
        self._empty = ""  # why no article is listed
        self._cache: dict[tuple[int, int, bool], Strip] = {}

    # -- content -----------------------------------------------------------------------------
    def show_articles(
        self, articles: Sequence[Article], hits: list[int] | None = None, keep: bool = True
    ) -> None:
        """Replace the list (hits: each article's hits, with a search on), keeping the
        highlighted article where it is still listed (with keep; else the first is highlighted)."""
        i = self.highlighted
        current = self._articles[i] if keep and i is not None and 0 <= i < len(self._articles) else None
        self._articles = articles  # not copied: a session's list is made anew for each change
        self._hits = hits
        self._cache.clear()
        self._size_rows()
        if not self._articles:
            self.highlighted = None
        else:
            self.highlighted = self._place(current) if current is not None else 0
        self.refresh()

    def show_session(self, session: ReaderSession, keep: bool = True) -> Sequence[Article]:
        """The session's visible articles, with the filters in the title; returns them."""
        self._state = session.state
        articles, hits = session.listed()
        self._empty = "" if articles else session.empty_reason()
        self.show_articles(articles, hits, keep=keep)
        parts, self.border_subtitle = session.list_title(len(articles))
        self.border_title = " · ".join(escape(p) for p in parts)  # titles take markup
        return articles

    def _place(self, article: Article) -> int:
        """Where an article is listed (0 if it is not)."""
        return find(self._articles, article.id) or 0

    def styles_changed(self) -> None:
        self._cache.clear()  # rows drawn in the old theme's colours

    def refresh_rows(self) -> None:
        """Redraw after summaries (stance, figures) changed."""
        self._cache.clear()
        self.refresh()

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self._articles]

    @property
    def highlighted_id(self) -> str | None:
        i = self.highlighted
        return self._articles[i].id if i is not None and 0 <= i < len(self._articles) else None

    def highlight_id(self, article_id: str) -> None:
        """Highlight an article, if it is listed."""
        index = find(self._articles, article_id)
        if index is not None:
            self.highlighted = index

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self._articles:
            return None
        return max(0, min(len(self._articles) - 1, value))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._cache.clear()
        if new is not None:
            self._scroll_into_view(new)
        self.refresh()

    def _scroll_into_view(self, index: int) -> None:
        """Scroll the least that shows the article, to a whole article's row: the top line is a
        title, never a meta line cut from its title (a pane of an odd height)."""
        self._size_rows()  # for the pane's height now
        top, height, y = self.scroll_offset.y, self.scrollable_content_region.height, index * ROWS
        if y < top:
            target = y
        elif y + ROWS > top + height:
            target = min(y, -(-(y + ROWS - height) // ROWS) * ROWS)  # up to a whole article
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=False)

    # -- keys and mouse ----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self._articles:
            self.highlighted = (self.highlighted or 0) + step if self.highlighted is not None else 0

    def action_page(self, step: int) -> None:
        rows = max(1, self.scrollable_content_region.height // ROWS - 1)
        self.action_move(step * rows)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._articles) - 1

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Selected(self.highlighted_id))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // ROWS
        if 0 <= index < len(self._articles):
            self.highlighted = index
            self.action_select()

    # -- drawing -----------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._cache.clear()
        self._size_rows()

    def _size_rows(self) -> None:
        """Two lines an article, and a blank one below the last in a pane of odd height: the
        list scrolled to its end still has a title on its top line."""
        rows = len(self._articles) * ROWS
        pad = self.scrollable_content_region.height % ROWS if rows else 0
        self.virtual_size = Size(self.size.width, rows + pad) if rows else Size()
        top = self.scroll_offset.y
        if top % ROWS:  # scrolled while the pane had another height
            self.scroll_to(y=top + ROWS - top % ROWS, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        index, row = divmod(line, ROWS)
        if not self._articles and line == 0 and self._empty and width > 2:
            said = Segment.adjust_line_length([Segment(" " + self._empty, self.base_style + DIM)], width)
            return Strip(said, width)
        if index >= len(self._articles) or width <= 0:
            return Strip.blank(width, self.base_style)
        key = (line, width, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(index, row, width)
            if len(self._cache) > CACHED_ROWS:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _render_row(self, index: int, row: int, width: int) -> Strip:
        article = self._articles[index]
        hits = None if self._hits is None else self._hits[index]
        mark = self._state.get(article.id) if self._state is not None else None
        segments = article_lines(article, hits, mark)[row]
        base = self.base_style
        if index == self.highlighted:
            base = base + self.get_component_rich_style("article-list--highlight")
        line = list(Segment.apply_style(segments, base))
        if Segment.get_line_length(line) > width - 1:  # cut, and say so
            line = Segment.adjust_line_length(line, width - 2, base, pad=False)
            line.append(Segment("…", base + DIM))
        return Strip(Segment.adjust_line_length(line, width, base), width)  # one Strip a row
