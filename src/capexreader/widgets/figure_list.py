"""The figures of the open article, grouped: money, percentages, counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ..figures import Figure


PER_GROUP = 50  # a sidebar of a thousand figures helps nobody and costs a frame
GROUPS = (("money", "Money"), ("percent", "Percentages"), ("count", "Counts"), ("other", "Other"))


def figure_prompt(fig: Figure) -> Text:
    label = Text(fig.label(), style="bold", no_wrap=True, overflow="ellipsis")
    source = Text("  " + " ".join(fig.text.split()), style="dim", no_wrap=True, overflow="ellipsis")
    return Text("\n").join([label, source])


class FigureList(OptionList):
    """Options have ids "fig-N" where N indexes the article's figure list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="figures.down",
                tooltip="Next figure"),
        Binding("k", "cursor_up", "Up", show=False, id="figures.up",
                tooltip="Previous figure"),
        Binding("g", "first", "Top", show=False, id="figures.top", tooltip="First figure"),
        Binding("G", "last", "Bottom", show=False, id="figures.bottom", tooltip="Last figure"),
    ]

    class Chosen(Message):
        """A figure was highlighted or selected: the reader should show it."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    article_id: str | None = None  # whose figures are listed (None: none, or still waiting)

    def show_figures(self, figures: list[Figure], groups: list | None = None,
                     article_id: str | None = None) -> None:
        """Show figures grouped; pass ``groups`` (figures.group_figures) made off the UI thread
        for a long article."""
        self.article_id = article_id
        from ..figures import group_figures

        names = dict(GROUPS)
        options: list[Option] = []
        for key, count, members in groups if groups is not None else group_figures(figures,
                                                                                  PER_GROUP):
            header = Text(f"{names[key]} ({count})", style="bold reverse")
            options.append(Option(header, disabled=True))
            options.extend(Option(figure_prompt(f), id=f"fig-{i}") for i, f in members)
            if count > len(members):
                more = Text(f"… {count - len(members)} more: F shows every figure", "dim")
                options.append(Option(more, disabled=True))
        if not options:
            options.append(Option(Text("No figures in this article", style="dim"), disabled=True))
        self.set_options(options)
        self.border_subtitle = f"{len(figures)} figures"

    def show_waiting(self) -> None:
        self.article_id = None
        self.set_options([Option(Text("Finding the figures of this long article…", style="dim"),
                                 disabled=True)])
        self.border_subtitle = "…"

    def _chosen(self, option: Option) -> None:
        if option.id and option.id.startswith("fig-"):
            self.post_message(self.Chosen(int(option.id[4:])))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._chosen(event.option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option)
