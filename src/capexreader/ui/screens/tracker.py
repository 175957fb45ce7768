"""The Tracker screen: each company's figures line by line, the statements of the highlighted
line in date order, and the company's path over the years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from capexreader.fold import fold
from capexreader.tracker import ARROW, Line, entity_names, track

from .exporting import export_rows

if TYPE_CHECKING:
    from capexreader.corpus import Corpus

NARROW = 120  # columns below which the tables stack instead of standing side by side
CHANGE_STYLE = {"first": "", "raised": "green", "lowered": "red", "reiterated": "dim"}


def path_text(lines: list[Line], width: int = 80) -> Text:
    """One company's lines, years in order ("year not stated" last): a bar a statement, as
    long as fits in width beside the date, the amount and the change."""
    if not lines:
        return Text("No line to chart.", style="dim")
    own = [s for ln in lines for s in ln.own]
    top = max((s.value_high or s.value for s in own), default=0) or 1
    bar_width = max(4, width - 45)
    out = Text()
    for line in sorted(lines, key=lambda ln: (ln.kind, ln.unit, ln.year is None, ln.year or 0)):
        out.append(f"{line.entity} · {line.kind} · {line.year or 'year not stated'}\n", style="bold")
        for s in line.statements:
            value = s.value_high or s.value
            cells = max(1, round(bar_width * value / top)) if not s.expectation else 0
            out.append(f"  {s.article.date or 'undated':<10} ")
            out.append("█" * cells, style=CHANGE_STYLE[s.change] or "cyan")
            out.append("┊ expected " if s.expectation else " ")
            out.append(s.figure.amount(), style="bold")
            out.append(f" {ARROW[s.change]} {s.change} {s.moved()}\n", style=CHANGE_STYLE[s.change])
        out.append("\n")
    return out


class TrackerScreen(Screen[tuple[str, int, int] | None]):
    """Dismisses with (article id, start, end) of the statement to open, or None."""

    DEFAULT_CSS = """
    TrackerScreen #tracker-filter { border: none; height: 1; margin: 0 1; background: $boost; }
    TrackerScreen #lines { width: 2fr; height: 1fr; }
    TrackerScreen #right { width: 3fr; }
    TrackerScreen #statements { height: 1fr; }
    TrackerScreen #path-scroll { height: 1fr; border-top: solid $primary-darken-2; }
    TrackerScreen #path { padding: 0 1; }
    TrackerScreen #tracker-info { color: $text-muted; padding: 0 1; height: 1; }
    TrackerScreen.narrow #columns { layout: vertical; }
    TrackerScreen.narrow #lines { width: 1fr; height: 7; }
    TrackerScreen.narrow #right { width: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="tracker.close", tooltip="Back"),
        Binding(
            "slash", "filter", "Filter", id="tracker.filter", tooltip="Company (any alias), kind or year"
        ),
        Binding("tab", "switch", "Lines/statements", id="tracker.switch", tooltip="Move between the tables"),
        Binding(
            "x", "export('.csv')", "CSV", id="tracker.export_csv", tooltip="Export the lines shown as CSV"
        ),
        Binding("X", "export('.xlsx')", "XLSX", id="tracker.export_xlsx", tooltip="Export as a spreadsheet"),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.lines: list[Line] = []
        self.shown: list[Line] = []
        self.ready = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ filter: e.g. 微軟 capex 2025", id="tracker-filter")
        yield Static(id="tracker-info")
        with Horizontal(id="columns"):
            yield DataTable(id="lines", cursor_type="row", zebra_stripes=True)
            with Vertical(id="right"):
                yield DataTable(id="statements", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="path-scroll"):
                    yield Static(id="path")
        yield Footer()

    def on_mount(self) -> None:
        lines = self.query_one("#lines", DataTable)
        for key, label in (
            ("entity", "Entity"),
            ("kind", "Kind"),
            ("year", "Year"),
            ("latest", "Latest"),
            ("n", "Said"),
            ("last", "Last"),
        ):
            lines.add_column(label, key=key)
        statements = self.query_one("#statements", DataTable)
        for key, label in (
            ("date", "Date"),
            ("change", "Change"),
            ("amount", "Amount"),
            ("by", "By"),
            ("article", "Article"),
            ("sentence", "Sentence"),
        ):
            statements.add_column(label, key=key)
        lines.focus()
        self.query_one("#tracker-info", Static).update(
            Text(f"Working out the lines of {len(self.corpus.articles)} articles…")
        )
        self._track()

    @work(thread=True, exit_on_error=False, group="tracker")
    def _track(self) -> None:
        """Every article's figures are worked out: a large corpus takes a while, the screen
        keeps drawing meanwhile."""
        from capexreader.corpus import Corpus

        # on copies: the screen's articles are only changed on its own thread
        copies = Corpus(self.corpus.root, [a.detached() for a in list(self.corpus.articles)])
        self.app.call_from_thread(self._tracked, track(copies))

    def _tracked(self, lines: list[Line]) -> None:
        self.lines, self.ready = lines, True
        self._fill_lines(self.query_one("#tracker-filter", Input).value)

    def _fill_lines(self, query: str) -> None:
        table = self.query_one("#lines", DataTable)
        table.clear()
        self.shown = [ln for ln in self.lines if _matches(ln, query)]
        for i, line in enumerate(self.shown):
            latest = line.latest
            last = line.own[-1].change if line.own else "expected"
            table.add_row(
                Text(line.entity),
                Text(line.kind),
                line.year or "—",
                Text(latest.figure.amount() if latest else "—", justify="right"),
                len(line.statements),
                Text(f"{ARROW.get(last, '')} {last}", style=CHANGE_STYLE.get(last, "dim")),
                key=str(i),
            )
        said = f"{len(self.shown)} of {len(self.lines)} lines"
        if not self.lines:
            said = "No figure names a company and what it measures."
        elif not self.shown:
            said = f"No line matches “{query}” ({len(self.lines)} lines in all)."
        self.query_one("#tracker-info", Static).update(Text(said))
        self._show_line(0 if self.shown else None)

    def _show_line(self, i: int | None) -> None:
        table = self.query_one("#statements", DataTable)
        table.clear()
        path = self.query_one("#path", Static)
        if i is None or i >= len(self.shown):
            path.update("")
            return
        line = self.shown[i]
        for n, s in enumerate(line.statements):
            change = s.change + (" (expected)" if s.expectation else "")
            article = s.article.id + (f" +{len(s.copies)}" if s.copies else "")
            table.add_row(
                s.article.date or "undated",
                Text(f"{ARROW[s.change]} {change}", style=CHANGE_STYLE[s.change]),
                Text(s.figure.amount(), justify="right"),
                Text(s.moved(), style=CHANGE_STYLE[s.change]),
                Text(article),
                Text(" ".join(s.figure.sentence.split())[:120]),
                key=str(n),
            )
        self._line = line
        self._draw_path()

    def _draw_path(self, again: bool = True) -> None:
        line = getattr(self, "_line", None)
        if line is not None:
            width = self.query_one("#path-scroll").size.width
            if not width and again:  # not laid out yet (the lines came first): once it is
                self.call_after_refresh(self._draw_path, False)
                return
            width = width or self.size.width
            mine = [ln for ln in self.lines if ln.entity == line.entity]
            self.query_one("#path", Static).update(path_text(mine, width - 2))

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")
        self.call_after_refresh(self._draw_path)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "lines" and event.row_key.value is not None:
            self._show_line(int(event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "lines":
            self.query_one("#statements", DataTable).focus()
            return
        lines = self.query_one("#lines", DataTable)
        line = self.shown[lines.cursor_row] if self.shown else None
        if line is None or event.row_key.value is None:
            return
        s = line.statements[int(event.row_key.value)]
        self.dismiss((s.article.id, s.figure.start, s.figure.end))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill_lines(event.value)

    def on_input_submitted(self) -> None:
        self.query_one("#lines", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#tracker-filter", Input).focus()

    def action_switch(self) -> None:
        lines, statements = self.query_one("#lines", DataTable), self.query_one("#statements", DataTable)
        (statements if self.focused is lines else lines).focus()

    def action_export(self, suffix: str) -> None:
        from capexreader.export import TRACK_COLUMNS, tracker_records

        export_rows(self.app, "tracker", tracker_records(self.shown), TRACK_COLUMNS, suffix)

    def action_close(self) -> None:
        field = self.query_one("#tracker-filter", Input)
        if self.focused is field and field.value:
            field.value = ""
            return
        self.dismiss(None)


def _matches(line: Line, query: str) -> bool:
    """Every word names the line's company (any alias, either script), kind or year."""
    for word in query.split():
        folded = fold(word).lower()
        if line.entity in entity_names(word) or folded in line.kind.lower() or folded == str(line.year):
            continue
        return False
    return True
