"""A one-line question: a modal with an input, answering its text (None if cancelled)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    AskScreen { align: center middle; }
    AskScreen > Vertical { width: 70; max-width: 90%; height: auto; border: round $primary;
        background: $panel; padding: 0 1; }
    AskScreen #ask-help { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel", tooltip="Close without a change")]

    def __init__(self, question: str, value: str = "", help: str = "Enter keeps it, Esc cancels") -> None:
        super().__init__()
        self.question, self.value, self.help = question, value, help

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(self.value, id="ask-input")
            yield Static(self.help, id="ask-help", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
