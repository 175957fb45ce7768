"""The search input with history, and a line that says how the query was understood."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static


class SearchInput(Input):
    BINDINGS = [
        Binding("up", "history(-1)", "Older", show=False, id="search.older",
                tooltip="Previous search"),
        Binding("down", "history(1)", "Newer", show=False, id="search.newer",
                tooltip="Next search"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._pos = 0

    def remember(self, query: str) -> None:
        if query and (not self.history or self.history[-1] != query):
            self.history.append(query)
        self._pos = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else ""
        self.cursor_position = len(self.value)


HINT = "Enter searches every article · Esc closes · ↑↓ earlier searches"


class SearchBar(Vertical):
    """Hidden until `/`; Enter searches, Esc clears. The info line is always one row: a new
    search changes its text, never the layout of the panes above."""

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Cancelled(Message):
        pass

    BINDINGS = [
        Binding("escape", "cancel", "Clear", show=False, id="search.clear",
                tooltip="Clear the search and close this bar"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(HINT, id="search-info")
        yield SearchInput(placeholder="Search: words (all must match), \"a phrase\"",
                          id="search-input", max_length=10000)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def set_info(self, text: str | Text) -> None:
        """Plain text: a query's own brackets are shown, never read as markup. Empty: the
        hint."""
        if isinstance(text, str):
            text = Text(text or HINT)
        self.query_one("#search-info", Static).update(text, layout=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.input.remember(event.value)
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
