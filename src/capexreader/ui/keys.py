"""The reader's keys: each binding has an id, which a keymap in the config can rebind."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_KEYS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit capexreader"),
    Binding(
        "question_mark,f1", "help", "Help", id="app.help", tooltip="Show the help: what this is and every key"
    ),
]

# The main screen's own: dialogs on top of it switch them off.
READER_KEYS: list[BindingType] = [
    Binding(
        "slash", "search", "Search", id="app.search", tooltip="Search all articles (Chinese and English)"
    ),
    Binding(
        "n",
        "step_hit(1)",
        "Next hit",
        show=False,
        id="app.next_hit",
        tooltip="Go to the next search hit, on to the next article",
    ),
    Binding(
        "N",
        "step_hit(-1)",
        "Prev hit",
        show=False,
        id="app.previous_hit",
        tooltip="Go to the previous search hit",
    ),
    Binding(
        "s",
        "cycle_stance",
        "Stance",
        show=False,
        id="app.stance",
        tooltip="Filter by stance: all, bullish, bearish, mixed, neutral",
    ),
    Binding(
        "f",
        "focus_figures",
        "Figures",
        show=False,
        id="app.figures",
        tooltip="Focus the figures of the open article",
    ),
    Binding(
        "F",
        "corpus_figures",
        "All figures",
        show=False,
        id="app.corpus_figures",
        tooltip="Every figure in the corpus: table, reconciliation, capex chart",
    ),
    Binding(
        "T",
        "tracker",
        "Tracker",
        show=False,
        id="app.tracker",
        tooltip="Each company's figures across articles and time",
    ),
    Binding(
        "e",
        "evidence",
        "Why",
        show=False,
        id="app.evidence",
        tooltip="Why this stance: the sentences and cues that moved the score",
    ),
    Binding(
        "L",
        "links",
        "Links",
        show=False,
        id="app.links",
        tooltip="The article's links: their text and address, to open or copy",
    ),
    Binding(
        "z",
        "toggle_maximize",
        "Maximise",
        show=False,
        id="app.maximize",
        tooltip="Fill the screen with the focused pane (the reader keeps its title); z or Esc restores",
    ),
    Binding(
        "ctrl+b",
        "toggle_sidebar",
        "Sidebar",
        show=False,
        id="app.sidebar",
        tooltip="Show or hide the figures sidebar",
    ),
    Binding("escape", "clear_search", "Clear", show=False, id="app.clear", tooltip="Clear the search"),
    Binding(
        "r", "toggle_read", "Read", show=False, id="app.read", tooltip="Mark the open article read or unread"
    ),
    Binding(
        "asterisk", "toggle_star", "Star", show=False, id="app.star", tooltip="Star the open article, or not"
    ),
    Binding(
        "number_sign",
        "tag",
        "Tags",
        show=False,
        id="app.tag",
        tooltip="Tags of your own for the open article",
    ),
    Binding(
        "u",
        "cycle_read_filter",
        "Unread",
        show=False,
        id="app.read_filter",
        tooltip="Show all, unread, starred",
    ),
    Binding(
        "o", "open_source", "Open", show=False, id="app.open_source", tooltip="Open the source in the browser"
    ),
    Binding(
        "y",
        "copy_figure",
        "Copy",
        show=False,
        id="app.copy_figure",
        tooltip="Copy the figure with its citation",
    ),
    Binding(
        "Y", "copy_source", "Copy URL", show=False, id="app.copy_source", tooltip="Copy the source's address"
    ),
]
