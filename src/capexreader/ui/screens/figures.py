"""The corpus Figures screen: every figure in a table, the reconciliation and a capex chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane

from capexreader.fold import fold
from capexreader.reconcile import Group, Mention, article_figures, capex_by_company, reconcile
from capexreader.tracker import entity_names

from .exporting import export_rows

if TYPE_CHECKING:
    from capexreader.corpus import Corpus

COLUMNS = (
    ("entity", "Entity"),
    ("kind", "Kind"),
    ("year", "Year"),
    ("amount", "Amount"),
    ("unit", "Unit"),
    ("article", "Article"),
    ("text", "Text"),
)
BAR_WIDTH = 40


class Amount(Text):
    """An amount's cell: sorted by its unit, then its value (not as text)."""

    def __init__(self, text: str, unit: str, value: float) -> None:
        super().__init__(text, justify="right")
        self.order = (unit, value)


def mention_row(m: Mention) -> tuple:
    f = m.figure
    return (
        Text(f.entity or ""),
        Text(f.kind or ""),
        f.year or "",
        Amount(f.amount(), f.unit, f.value),
        Text(f.unit),
        Text(m.article.id),
        Text(" ".join(f.text.split())),
    )


def _sort_key(value: object) -> tuple:
    if isinstance(value, Amount):
        return (0, *value.order)
    if isinstance(value, Text):
        value = value.plain
    if isinstance(value, int | float):
        return (0, value, "")
    return (1, 0, str(value).lower())


def chart_text(corpus: Corpus) -> Text:
    """Bars of capex by company, one block per year."""
    years = capex_by_company(corpus)
    if not years:
        return Text("No capex figures with a company attached.", style="dim")
    top = max(bar.value for bars in years.values() for bar in bars)
    out = Text()
    for year, bars in years.items():
        out.append(f"Capex {year or 'year not stated'}\n", style="bold underline")
        width = max(len(b.entity) for b in bars)
        for bar in bars:
            cells = max(1, round(BAR_WIDTH * bar.value / top))
            out.append(f"  {bar.entity:<{width}} ")
            out.append("█" * cells, style="green")
            out.append(f" {bar.amount}", style="bold")
            sources = "source" if bar.sources == 1 else "sources"
            out.append(f"  ({bar.sources} {sources})\n", style="dim")
        out.append("\n")
    return out


def _mark(group: Group) -> Text:
    """✓ agree, ✗ differ; — where there is nothing to compare (one source, or no year: a
    quarter's guidance and a trailing year's total are not the same number)."""
    if len(group.articles) < 2 or group.year is None:
        return Text("—", style="dim")
    return Text("✓", style="green") if group.agree else Text("✗", style="bold red")


class FiguresScreen(Screen[tuple[str, int, int] | None]):
    """Dismisses with (article id, start, end) of the figure to open, or None."""

    DEFAULT_CSS = """
    FiguresScreen #filter { border: none; height: 1; margin: 0 1; background: $boost; }
    FiguresScreen DataTable { height: 1fr; }
    FiguresScreen #reconcile-help, FiguresScreen #filter-info { color: $text-muted; padding: 0 1; }
    FiguresScreen #filter-info { height: 1; }
    FiguresScreen #chart { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="figures_screen.close", tooltip="Back to the reader"),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="figures_screen.filter",
            tooltip="Filter the table: every word must match a column",
        ),
        Binding("1", "tab('all')", "All", id="figures_screen.all", tooltip="Every figure"),
        Binding(
            "2",
            "tab('reconcile')",
            "Reconcile",
            id="figures_screen.reconcile",
            tooltip="The same entity, kind and year across articles",
        ),
        Binding("3", "tab('chart')", "Chart", id="figures_screen.chart", tooltip="Capex by company"),
        Binding(
            "o",
            "sort",
            "Sort",
            id="figures_screen.sort",
            tooltip="Sort by the next column (or click a header)",
        ),
        Binding(
            "t", "tracker", "Tracker", id="figures_screen.tracker", tooltip="Each company's figures over time"
        ),
        Binding(
            "x",
            "export('.csv')",
            "CSV",
            id="figures_screen.export_csv",
            tooltip="Export the rows shown as CSV",
        ),
        Binding(
            "X", "export('.xlsx')", "XLSX", id="figures_screen.export_xlsx", tooltip="Export as a spreadsheet"
        ),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.mentions = article_figures(corpus.articles)
        self.groups: list[Group] = reconcile(corpus)
        self.sorted_by: tuple[str, bool] | None = None
        self.shown: list[Mention] = []

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="all"):
            with TabPane(f"All figures ({len(self.mentions)})", id="all"):
                yield Input(placeholder="/ filter: e.g. 微軟 capex 2025", id="filter")
                yield Static(id="filter-info")
                yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            with TabPane(f"Reconcile ({len(self.groups)})", id="reconcile"):
                yield Static(
                    "Same entity, kind and year across articles: ✓ the sources agree, "
                    "✗ they differ, — one source or no year (nothing to set side by side). "
                    "Enter opens the first mention.",
                    id="reconcile-help",
                )
                yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            with TabPane("Capex chart", id="chart"), VerticalScroll(id="chart-scroll"):
                yield Static(chart_text(self.corpus), id="chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#table", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self._fill_table("")
        groups = self.query_one("#groups", DataTable)
        for key, label in (
            ("mark", ""),
            ("entity", "Entity"),
            ("kind", "Kind"),
            ("year", "Year"),
            ("values", "Values"),
            ("articles", "Articles"),
            ("mentions", "Mentions"),
        ):
            groups.add_column(label, key=key)
        for i, g in enumerate(self.groups):
            mark = _mark(g)
            groups.add_row(
                mark,
                Text(g.entity),
                Text(g.kind),
                g.year or "",
                Text(" / ".join(g.amounts())),
                len(g.articles),
                len(g.mentions),
                key=f"g{i}",
            )
        table.focus()

    def _fill_table(self, query: str) -> None:
        table = self.query_one("#table", DataTable)
        table.clear()
        words = [(fold(w).lower(), entity_names(w)) for w in query.split()]
        self.shown = []
        for i, m in enumerate(self.mentions):
            row = mention_row(m)
            haystack = fold(" ".join(str(c.plain if isinstance(c, Text) else c) for c in row)).lower()
            if all(w in haystack or m.figure.entity in names for w, names in words):
                table.add_row(*row, key=f"m{i}")
                self.shown.append(m)
        if self.sorted_by:
            column, reverse = self.sorted_by
            table.sort(column, key=_sort_key, reverse=reverse)
        info = f"{len(self.shown)} of {len(self.mentions)} figures"
        if query and not self.shown:
            info = f"No figure matches “{query}” ({len(self.mentions)} in all)."
        self.query_one("#filter-info", Static).update(Text(info))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill_table(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#table", DataTable).focus()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.data_table.id != "table":
            return
        column = str(event.column_key.value)
        self.sort(column, reverse=self.sorted_by == (column, False))

    def action_sort(self) -> None:
        """Sorted by the next column (ascending, then descending, then the next one)."""
        keys = [k for k, _ in COLUMNS]
        if self.sorted_by is None:
            self.sort(keys[0], False)
        elif not self.sorted_by[1]:
            self.sort(self.sorted_by[0], True)
        else:
            self.sort(keys[(keys.index(self.sorted_by[0]) + 1) % len(keys)], False)

    def sort(self, column: str, reverse: bool) -> None:
        self.sorted_by = (column, reverse)
        table = self.query_one("#table", DataTable)
        for key, label in COLUMNS:  # the arrow on the sorted column only
            arrow = (" ▼" if reverse else " ▲") if key == column else ""
            table.columns[key].label = Text(label + arrow)  # type: ignore[index]
        table.sort(column, key=_sort_key, reverse=reverse)
        table.refresh()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if key.startswith("m"):
            mention = self.mentions[int(key[1:])]
        else:
            mention = self.groups[int(key[1:])].mentions[0]
        self.dismiss((mention.article.id, mention.figure.start, mention.figure.end))

    def action_filter(self) -> None:
        self.query_one(TabbedContent).active = "all"
        self.query_one("#filter", Input).focus()

    def action_tracker(self) -> None:
        from .tracker import TrackerScreen

        def chosen(target: tuple[str, int, int] | None) -> None:
            if target is not None:
                self.dismiss(target)

        self.app.push_screen(TrackerScreen(self.corpus), chosen)

    def action_export(self, suffix: str) -> None:
        from capexreader.export import FIGURE_COLUMNS, figure_records

        export_rows(self.app, "figures", figure_records(self.shown), FIGURE_COLUMNS, suffix)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {"all": "#table", "reconcile": "#groups", "chart": "#chart-scroll"}[tab]
        self.query_one(focus).focus()  # never the filter of a hidden tab: 1, 2, 3 would type

    def action_close(self) -> None:
        field = self.query_one("#filter", Input)
        if self.focused is field and field.value:
            field.value = ""
            return
        self.dismiss(None)
