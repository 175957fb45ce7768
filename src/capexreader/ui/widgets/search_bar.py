"""The search input with history, and a line that says how the query was understood."""

from __future__ import annotations

from threading import Thread

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static


class SearchInput(Input):
    BINDINGS = [
        Binding("up", "history(-1)", "Older", show=False, id="search.older", tooltip="Previous search"),
        Binding("down", "history(1)", "Newer", show=False, id="search.newer", tooltip="Next search"),
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


def _load_query_tools() -> None:
    from capexreader import segment
    from capexreader.query import glossary
    from capexreader.segment import tokenizer

    segment.gentle = True  # in small steps: the app keeps drawing
    try:
        glossary()
        tokenizer()
    except Exception:  # noqa: BLE001 - never print over the app; a search loads them again
        pass


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
        Binding(
            "escape",
            "cancel",
            "Clear",
            show=False,
            id="search.clear",
            tooltip="Clear the search and close this bar",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(HINT, id="search-info")
        yield SearchInput(
            placeholder='Search: words (all must match), "a phrase"', id="search-input", max_length=10000
        )

    def on_mount(self) -> None:
        """Load the glossary and jieba now, in a thread: a query word the index does not know
        whole is cut by jieba, whose first load takes a second or two. A daemon thread, not a
        worker: worker threads are joined when the app exits, and jieba's load cannot be
        stopped, so quitting soon after opening the search bar would wait for it."""
        Thread(target=_load_query_tools, name="capexreader-query-tools", daemon=True).start()

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def close(self) -> None:
        """Hide, empty: the next search starts afresh (its history stays)."""
        self.display = False
        self.input.value = ""
        self.set_info("")

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
