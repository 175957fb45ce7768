"""The figures of the open article, grouped: money, percentages, counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from capexreader.session import count as counted

if TYPE_CHECKING:
    from capexreader.corpus import Article
    from capexreader.figures import Figure


PER_GROUP = 50  # a sidebar of a thousand figures helps nobody and costs a frame
GROUPS = (("money", "Money"), ("percent", "Percentages"), ("count", "Counts"), ("other", "Other"))


def figure_prompt(fig: Figure) -> Text:
    label = Text(fig.label(), style="bold", no_wrap=True, overflow="ellipsis")
    source = Text("  " + " ".join(fig.text.split()), style="dim", no_wrap=True, overflow="ellipsis")
    return Text("\n").join([label, source])


class FigureList(OptionList):
    """Options have ids "fig-N" where N indexes the article's figure list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="figures.down", tooltip="Next figure"),
        Binding("k", "cursor_up", "Up", show=False, id="figures.up", tooltip="Previous figure"),
        Binding("g", "first", "Top", show=False, id="figures.top", tooltip="First figure"),
        Binding("G", "last", "Bottom", show=False, id="figures.bottom", tooltip="Last figure"),
    ]

    class Chosen(Message):
        """A figure of ``article`` was highlighted or selected: the reader should show it."""

        def __init__(self, article: Article, index: int) -> None:
            self.article = article
            self.index = index
            super().__init__()

    article: reactive[Article | None] = reactive(None, always_update=True, repaint=False)
    listed: Article | None = None  # whose figures are listed (None: none, or still waiting)

    def watch_article(self, article: Article | None) -> None:
        # Listed a frame later: the article is drawn first and its figures next, two light
        # frames instead of one heavy one (app_bench.py's open and search show the gain).
        self.call_after_refresh(self._list, article)

    def _list(self, article: Article | None) -> None:
        """The open article's figures, once they are known (a long article's come later)."""
        if article is not self.article:
            return  # another article was opened meanwhile
        if article is None:
            self.listed = None
            self.clear_options()
            self.border_subtitle = ""
        elif article.has_figures or not article.is_long:
            self.show_figures(article.figures)
            self.listed = article
        else:
            self.show_waiting()

    def highlight_figure(self, start: int) -> None:
        """Highlight the figure that starts at offset start, once the sidebar lists it."""
        self.call_after_refresh(self._highlight, start)

    def _highlight(self, start: int) -> None:
        figures = self.listed.figures if self.listed else []
        index = next((i for i, f in enumerate(figures) if f.start == start), None)
        if index is None:
            return
        try:
            self.highlighted = self.get_option_index(f"fig-{index}")
        except OptionDoesNotExist:  # beyond the ones the sidebar lists
            pass

    def show_figures(self, figures: list[Figure]) -> None:
        """Show figures grouped: money, percentages, counts."""
        from capexreader.figures import group_figures

        names = dict(GROUPS)
        options: list[Option] = []
        for key, count, members in group_figures(figures, PER_GROUP):
            header = Text(f"{names[key]} ({count})", style="bold reverse")
            options.append(Option(header, disabled=True))
            options.extend(Option(figure_prompt(f), id=f"fig-{i}") for i, f in members)
            if count > len(members):
                more = Text(f"… {count - len(members)} more: F shows every figure", "dim")
                options.append(Option(more, disabled=True))
        if not options:
            options.append(Option(Text("No figures in this article", style="dim"), disabled=True))
        self.set_options(options)
        self.border_subtitle = counted(len(figures), "figure")

    def show_waiting(self) -> None:
        self.listed = None
        self.set_options(
            [Option(Text("Finding the figures of this long article…", style="dim"), disabled=True)]
        )
        self.border_subtitle = "…"

    def set_shown(self, shown: bool) -> None:
        """Shown or hidden; hidden while focused, the focus goes to the pane before it (the
        reader), so that the keys still go somewhere."""
        if not shown and self.has_focus:
            self.screen.focus_previous()
        self.display = shown

    def take_focus(self) -> None:
        """Shown (even on a narrow screen, when asked for) and focused, a figure highlighted:
        Enter and y act on one at once."""
        self.display = True
        self.focus()
        if self.highlighted is None:
            self.action_first()

    def highlighted_figure(self) -> Figure | None:
        """The figure under the cursor, if any."""
        if self.highlighted is None or self.listed is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if not (option.id and option.id.startswith("fig-")):
            return None
        return self.listed.figures[int(option.id[4:])]

    def _chosen(self, option: Option) -> None:
        if option.id and option.id.startswith("fig-") and self.listed is not None:
            self.post_message(self.Chosen(self.listed, int(option.id[4:])))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._chosen(event.option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option)
