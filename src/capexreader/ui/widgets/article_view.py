"""The article body rendered from its Markdown, wrapped by cell width, drawn line by line (the
Line API) with marks and highlights at their offsets in the body."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from capexreader import document as md
from capexreader.document import Document
from capexreader.layout import Layout, Piece, layout_text, pieces
from capexreader.limits import LONG
from capexreader.marks import Marks
from capexreader.wrap import char_width

from .base_style import BaseStyle

GUTTER = 2
HEAD = 8_000  # characters of a longer text wrapped at once; the rest in a worker


class ArticleView(BaseStyle, ScrollView, can_focus=True):
    """Draws only the lines on screen (Textual's line API), so long articles stay fast."""

    COMPONENT_CLASSES = {
        "article-view--figure",
        "article-view--hit",
        "article-view--current",
        "article-view--heading",
        "article-view--bullish",
        "article-view--bearish",
        "article-view--link",
        "article-view--code",
        "article-view--mark",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; }
    ArticleView > .article-view--figure { text-style: underline; color: $text-accent; }
    ArticleView > .article-view--hit { background: $warning 45%; }
    ArticleView > .article-view--current { background: $warning; color: $background; text-style: bold; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--bullish { color: $success; }
    ArticleView > .article-view--bearish { color: $error; }
    ArticleView > .article-view--link { color: $text-accent; text-style: underline; }
    ArticleView > .article-view--code { color: $text-secondary; background: $boost; }
    ArticleView > .article-view--mark { color: $text-muted; }
    """
    BINDINGS = [
        Binding(
            "j,down", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll the article down"
        ),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll the article up"),
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            show=False,
            id="reader.page_down",
            tooltip="Scroll one page down",
        ),
        Binding(
            "b,pageup", "page_up", "Page up", show=False, id="reader.page_up", tooltip="Scroll one page up"
        ),
        Binding(
            "g,home",
            "scroll_home",
            "Top",
            show=False,
            id="reader.top",
            tooltip="Go to the top of the article",
        ),
        Binding(
            "G,end",
            "scroll_end",
            "Bottom",
            show=False,
            id="reader.bottom",
            tooltip="Go to the bottom of the article",
        ),
    ]

    text: reactive[str] = reactive("", layout=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = Marks()
        self.doc = Document()
        self.flow = Layout(-1)
        self._wrapped_for = -1
        self._styles: dict[int, Style] = {}
        self._leanings: dict[int, int] = {}  # by block, for the marks shown

    # -- content -------------------------------------------------------------------------
    def show(self, text: str, marks: Marks | None = None) -> None:
        """Show a new text from the top."""
        self.marks = marks or Marks()
        self._leanings.clear()
        self._wrapped_for = -1
        self.text = text
        self.scroll_to(0, 0, animate=False)

    def set_marks(self, marks: Marks) -> None:
        self.marks = marks
        self._leanings.clear()
        self.refresh()

    def watch_text(self) -> None:
        self._rewrap()

    def on_resize(self) -> None:
        # a new width (the window, the sidebar shown or hidden): the same text stays in view
        top = int(self.scroll_y)
        starts = self.flow.starts
        offset = starts[top] if 0 < top < len(starts) else None
        self._rewrap()
        if offset is not None and len(self.flow) and offset < self.flow.ends[-1]:
            self.scroll_to(y=self.line_of_offset(offset), animate=False, immediate=True)

    def styles_changed(self) -> None:
        self._styles.clear()

    # Page keys move at once: a page's scroll animated takes most of a second.
    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    measure: int | None = None  # the widest line, in cells (the settings' reading_width)

    def set_measure(self, cells: int | None) -> None:
        self.measure = cells
        self._rewrap()

    def _text_width(self) -> int:
        width = max(8, self.scrollable_content_region.width - GUTTER - 1)
        return min(width, self.measure) if self.measure else width

    def _rewrap(self) -> None:
        if self.scrollable_content_region.width <= GUTTER + 1 and len(self.text) > LONG:
            return  # not laid out yet: a long text waits for its real width (on_resize)
        width = self._text_width()
        if width == self._wrapped_for and len(self.flow):
            return
        self._wrapped_for = width
        text = self.text
        if len(text) > 2 * HEAD:
            # Lay out the start now, the rest in a worker: a long article never blocks a frame.
            head = text.rfind("\n", 0, HEAD)
            self._set_lines(*layout_text(text[: head if head > 0 else HEAD], width))
            self._wrap_rest(text, width)
            return
        self._set_lines(*(layout_text(text, width) if text else (Document(), Layout(width))))

    def _wrap_rest(self, text: str, width: int) -> None:
        # On the app, whose one handler reports any worker's error.
        self.app.run_worker(
            partial(self._wrap_apart, text, width),
            thread=True,
            exclusive=True,
            group="wrap",
            description="Wrapping a long article",
            exit_on_error=False,
        )

    def _wrap_apart(self, text: str, width: int) -> None:
        """A long text in the helper process (wrapping megabytes takes seconds); a medium one,
        or any when no helper process can run here, in this thread."""
        from capexreader import offload

        from ..workers import helper

        worker = get_current_worker()
        laid: tuple[Document, Layout] | None = None
        if len(text) > LONG:
            try:
                packed = helper.run(offload.lay_out, text, width, cancelled=lambda: worker.is_cancelled)
            except offload.Failed:
                pass
            else:
                if packed is None:  # cancelled
                    return
                laid = offload.unpack_layout(packed)
        if laid is None:
            laid = layout_text(text, width)
        if not worker.is_cancelled:
            self.post_message(self.Wrapped(text, width, *laid))

    @dataclass
    class Wrapped(Message):
        """The whole of a long text, laid out in a worker."""

        text: str
        width: int
        document: Document
        layout: Layout

    def on_article_view_wrapped(self, message: Wrapped) -> None:
        message.stop()
        if message.text is self.text and message.width == self._wrapped_for:
            self._set_lines(message.document, message.layout)

    def _set_lines(self, document: Document, layout: Layout) -> None:
        self.doc, self.flow = document, layout
        self._leanings.clear()
        # Nothing to show, nothing to lay out (a new width alone would ask for a new layout).
        width = max(self._wrapped_for, layout.widest) + GUTTER
        self.virtual_size = Size(width, len(layout)) if len(layout) else Size()
        self.refresh()

    @property
    def wrap_width(self) -> int:
        """The width the text is wrapped to (-1 before it is)."""
        return self._wrapped_for

    def lines(self) -> list[tuple[int, int]]:
        """Where each display line starts and ends in the text."""
        return list(zip(self.flow.starts, self.flow.ends, strict=True))

    def drawn(self, index: int) -> str:
        """The text display line index shows (without the gutter)."""
        return "".join(p[0] for p in pieces(self.doc, self.text, self.flow, index))

    @property
    def line_count(self) -> int:
        return len(self.flow)

    def line_of_offset(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.flow.starts, offset) - 1)

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
        base = self.base_style
        layout = self.flow
        if index >= len(layout):
            return Strip.blank(width, base)
        segments = [self._gutter(index, base)]
        for piece in pieces(self.doc, self.text, layout, index):
            segments.extend(self._segments(piece, base))
        strip = Strip(segments)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _gutter(self, index: int, base: Style) -> Segment:
        # A paragraph's lines are marked alike: its source lines may lean apart.
        block = self.flow.block[index]
        sign = self._leanings.get(block)
        if sign is None:
            sign = self._leanings[block] = (
                self.marks.leaning_in(self.doc.lo[block], self.doc.hi[block]) if block >= 0 else 0
            )
        if sign:
            name = "article-view--bullish" if sign > 0 else "article-view--bearish"
            return Segment("▎ ", base + self.get_component_rich_style(name))
        return Segment(" " * GUTTER, base)

    def _style(self, bits: int, base: Style) -> Style:
        """The style of a run's markup (bold, a link, a heading...), made once per theme."""
        style = self._styles.get(bits)
        if style is None:
            style = base
            for bit, name in _COMPONENTS:
                if bits & bit:
                    style = style + self.get_component_rich_style(name, partial=True)
            style += Style(
                bold=True if bits & md.BOLD else None,
                italic=True if bits & (md.ITALIC | md.IMAGE) else None,
                strike=True if bits & md.STRIKE else None,
            )
            self._styles[bits] = style
        return style

    def _segments(self, piece: Piece, base: Style) -> list[Segment]:
        text, start, bits = piece
        if not text:
            return []
        line_style = self._style(bits, base)
        if bits & md.LINK:
            url = self.doc.link_at(start)
            if url:
                line_style += Style(link=url)
        if start < 0:
            return [Segment(text, line_style)]
        end = start + len(text)
        styles = [line_style] * len(text)
        current = self.marks.current
        layers = (
            (self.marks.figures_in(start, end), "article-view--figure"),
            (self.marks.hits_in(start, end), "article-view--hit"),
            (
                [current] if current and current[0] < end and current[1] > start else [],
                "article-view--current",
            ),
        )
        for spans, name in layers:
            if not spans:
                continue
            style = self.get_component_rich_style(name, partial=True)
            for lo, hi in spans:
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


_COMPONENTS = (
    (md.HEAD, "article-view--heading"),
    (md.LINK, "article-view--link"),
    (md.MONO, "article-view--code"),
    (md.MARK, "article-view--mark"),
)


def _printable(text: str) -> str:
    """Tabs and other zero-width or control characters drawn as a space."""
    return "".join(ch if ch >= " " and char_width(ch) > 0 else " " for ch in text)
