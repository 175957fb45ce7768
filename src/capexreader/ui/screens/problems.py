"""A dialog listing the files that could not be read, each with its reason."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from capexreader.corpus import LoadProblem

from .pane_keys import PANE_KEYS, move_pane


class ProblemsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 90%; height: 80%; border: thick $error; background: $surface; padding: 0 1;
    }
    ProblemsScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="problems.close", tooltip="Close this list"),
        *PANE_KEYS,
    ]

    def action_pane(self, how: str) -> None:
        move_pane(self.query_one(DataTable), how)

    def __init__(self, problems: list[LoadProblem], root: Path) -> None:
        super().__init__()
        self.problems = problems
        self.root = root

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{len(self.problems)} files with problems[/b] (Esc closes)")
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("file", "problem")
        for p in self.problems:
            try:
                name = p.path.relative_to(self.root).as_posix()
            except ValueError:
                name = str(p.path)
            table.add_row(Text(name), Text(p.reason))  # file names are shown, never run
        table.focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
