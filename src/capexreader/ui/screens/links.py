"""A dialog of the open article's links: each one's text and address; Enter opens it in the
browser, c copies the address, g jumps to it in the article."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .pane_keys import PANE_KEYS, move_pane


class LinksScreen(ModalScreen[int | None]):
    """Answers the body offset of the link to show, or None."""

    DEFAULT_CSS = """
    LinksScreen { align: center middle; }
    LinksScreen > Vertical {
        width: 90%; max-width: 120; height: 80%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    LinksScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="links.close", tooltip="Close this list"),
        Binding("c", "copy", "Copy address", id="links.copy", tooltip="Copy the link's address"),
        Binding("o", "show", "Show in article", id="links.show", tooltip="Show the link in the article"),
        *PANE_KEYS,
    ]

    def __init__(self, text: str, links: list[tuple[int, int, str]]) -> None:
        super().__init__()
        self.links = links
        self.labels = [" ".join(text[lo:hi].split()) for lo, hi, _ in links]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]{len(self.links)} {'link' if len(self.links) == 1 else 'links'}[/b]"
                " · Enter opens in the browser · c copies · o shows it in the article · Esc closes"
            )
            options = []
            for label, (_, _, url) in zip(self.labels, self.links, strict=True):
                line = Text(label or "(no text)", style="bold")
                line.append("\n  " + url, style="underline")
                options.append(Option(line))
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_pane(self, how: str) -> None:
        move_pane(self.query_one(OptionList), how)

    def _url(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        return self.links[index][2] if index is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        url = self.links[event.option_index][2]
        if url.startswith(("http://", "https://")):
            self.app.open_url(url)
            self.notify(url, title="Opened in the browser", timeout=3, markup=False)
        else:
            self.app.copy_to_clipboard(url)
            self.notify(url, title="Not a web address: copied", timeout=3, markup=False)

    def action_copy(self) -> None:
        url = self._url()
        if url:
            self.app.copy_to_clipboard(url)
            self.notify(url, title="Copied", timeout=3, markup=False)

    def action_show(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.links[index][0] if index is not None else None)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
