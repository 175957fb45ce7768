"""The article body: wrapped by cell width, drawn line by line, with marks and highlights."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..wrap import char_width, wrap_lines

GUTTER = 2


@dataclass
class Marks:
    """Spans to mark in the body: figures, search hits, the current one, paragraph leanings."""

    figures: list[tuple[int, int]] = field(default_factory=list)
    hits: list[tuple[int, int]] = field(default_factory=list)
    current: tuple[int, int] | None = None
    leanings: list[tuple[int, int, int]] = field(default_factory=list)


class ArticleView(ScrollView, can_focus=True):
    """Draws only the lines on screen (Textual's line API), so long articles stay fast."""

    COMPONENT_CLASSES = {
        "article-view--figure",
        "article-view--hit",
        "article-view--current",
        "article-view--heading",
        "article-view--bullish",
        "article-view--bearish",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; }
    ArticleView > .article-view--figure { text-style: underline; color: $text-accent; }
    ArticleView > .article-view--hit { background: $warning 45%; }
    ArticleView > .article-view--current { background: $warning; color: $background; text-style: bold; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--bullish { color: $success; }
    ArticleView > .article-view--bearish { color: $error; }
    """
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down",
                tooltip="Scroll the article down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up",
                tooltip="Scroll the article up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down",
                tooltip="Scroll one page down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up",
                tooltip="Scroll one page up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top",
                tooltip="Go to the top of the article"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom",
                tooltip="Go to the bottom of the article"),
    ]

    text: reactive[str] = reactive("", layout=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = Marks()
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrapped_for = -1
        self._heading_lines: set[int] = set()

    # -- content -------------------------------------------------------------------------
    def show(self, text: str, marks: Marks | None = None) -> None:
        """Show a new text from the top."""
        self.marks = marks or Marks()
        self._wrapped_for = -1
        self.text = text
        self.scroll_to(0, 0, animate=False)

    def set_marks(self, marks: Marks) -> None:
        self.marks = marks
        self.refresh()

    def watch_text(self) -> None:
        self._rewrap()

    def on_resize(self) -> None:
        self._rewrap()

    def _text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER - 1)

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrapped_for and self._lines:
            return
        self._wrapped_for = width
        self._lines = wrap_lines(self.text, width) if self.text else []
        self._starts = [s for s, _ in self._lines]
        self._heading_lines = set()
        para_is_heading = False
        for i, (start, _) in enumerate(self._lines):
            if start == 0 or self.text[start - 1] == "\n":
                para_is_heading = self.text.startswith("#", start)
            if para_is_heading:
                self._heading_lines.add(i)
        self.virtual_size = Size(width + GUTTER, len(self._lines))
        self.refresh()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of_offset(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def scroll_to_offset(self, offset: int, animate: bool = False) -> None:
        """Scroll so that the line holding offset stands a third of the way down."""
        self._rewrap()
        line = self.line_of_offset(offset)
        self.scroll_to(y=max(0, line - self.size.height // 3), animate=animate)

    # -- drawing ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        segments = [self._gutter(start, base)]
        segments.extend(self._segments(start, end, index, base))
        strip = Strip(segments)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _gutter(self, start: int, base: Style) -> Segment:
        for lo, hi, sign in self.marks.leanings:
            if lo <= start < hi or (start == hi and lo == hi):
                name = "article-view--bullish" if sign > 0 else "article-view--bearish"
                return Segment("▎ ", base + self.get_component_rich_style(name))
        return Segment(" " * GUTTER, base)

    def _segments(self, start: int, end: int, index: int, base: Style) -> list[Segment]:
        text = self.text[start:end]
        if not text:
            return []
        line_style = base
        if index in self._heading_lines:
            line_style = base + self.get_component_rich_style("article-view--heading")
        styles = [line_style] * len(text)
        layers = (
            (self.marks.figures, "article-view--figure"),
            (self.marks.hits, "article-view--hit"),
            ([self.marks.current] if self.marks.current else [], "article-view--current"),
        )
        for spans, name in layers:
            style = self.get_component_rich_style(name, partial=True)
            for lo, hi in _overlapping(spans, start, end):
                for i in range(max(lo, start) - start, min(hi, end) - start):
                    styles[i] = styles[i] + style
        segments: list[Segment] = []
        run_start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or styles[i] is not styles[run_start]:
                chunk = _printable(text[run_start:i])
                segments.append(Segment(chunk, styles[run_start]))
                run_start = i
        return segments


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(lo, hi) for lo, hi in spans if lo < end and hi > start]


def _printable(text: str) -> str:
    """Tabs and other zero-width or control characters drawn as a space."""
    return "".join(ch if ch >= " " and char_width(ch) > 0 else " " for ch in text)
