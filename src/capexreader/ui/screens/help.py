"""The help dialog: what the reader is and every key, taken from the bindings themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from .pane_keys import PANE_KEYS, move_pane

INTRO = """\
# capexreader

Read the news about big tech's AI capital expenditure in Chinese and English.
The list shows each article's date, language, **stance** (▲ bullish, ▼ bearish, ◆ mixed)
and number of figures. The sidebar lists the figures of the open article, normalised
(800亿美元 = $80B) and attributed; choosing one scrolls the article to it.

Search with `/`: several words must all match, "quoted words" are a phrase, Chinese is
segmented by jieba and Traditional and Simplified script match each other. The glossary
adds the other language's terms (bubble ↔ 泡沫); switch that off from the command palette.

## Keys
"""


PANES = [  # Textual's own focus keys, listed with ours
    Binding("tab", "focus_next", "Next pane", tooltip="Next pane (list, reader, figures)"),
    Binding("shift+tab", "focus_previous", "Previous pane", tooltip="Previous pane"),
]


def key_groups() -> list[tuple[str, list[Binding]]]:
    """Every key of every screen, in groups, from the bindings themselves."""
    from ..keys import APP_KEYS
    from ..widgets.article_list import ArticleList
    from ..widgets.article_view import ArticleView
    from ..widgets.figure_list import FigureList
    from ..widgets.search_bar import SearchBar, SearchInput
    from .evidence import EvidenceScreen
    from .figures import FiguresScreen
    from .links import LinksScreen
    from .reader import ReaderScreen
    from .tracker import TrackerScreen

    def only(bindings: Iterable[object]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    quit_key, help_key = only(APP_KEYS)
    return [
        ("Everywhere", [quit_key, *only(ReaderScreen.BINDINGS), help_key, *PANES]),
        ("Article list (Enter opens)", only(ArticleList.BINDINGS)),
        ("Reader", only(ArticleView.BINDINGS)),
        ("Figures (Enter scrolls the reader to the figure)", only(FigureList.BINDINGS)),
        ("Search bar", only(SearchBar.BINDINGS) + only(SearchInput.BINDINGS)),
        ("Figures screen (F)", only(FiguresScreen.BINDINGS)),
        ("Tracker (T; Enter on a statement opens it)", only(TrackerScreen.BINDINGS)),
        ("Why this stance (e; Enter jumps to the sentence)", only(EvidenceScreen.BINDINGS)),
        ("Links (L; Enter opens in the browser)", only(LinksScreen.BINDINGS)),
        ("Help, load problems and the other dialogs", only(PANE_KEYS)),
    ]


def _key_rows(groups: list[tuple[str, list[Binding]]], display: Callable[[Binding], str]) -> str:
    lines = []
    for name, bindings in groups:
        lines.append(f"\n**{name}**\n\n| key | does | id (config keymap) |\n|---|---|---|")
        for b in bindings:
            keys = [display(Binding(k.strip(), b.action)) for k in b.key.split(",")]
            shown = " / ".join(k.replace("|", "\\|") for k in keys)
            lines.append(f"| `{shown}` | {b.tooltip or b.description} | {b.id or ''} |")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 95%; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close", tooltip="Close the help"),
        *PANE_KEYS,
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            keys = _key_rows(self.groups, self.app.get_key_display)
            yield Markdown(
                INTRO + keys + "\n\nctrl+p opens the command palette: open an "
                "article, filter, search, themes."
            )

    def action_pane(self, how: str) -> None:
        move_pane(self.query_one(VerticalScroll), how)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
