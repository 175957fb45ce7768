"""The Tracker and Figures screens through the app: keys, filters, opening, exports."""

import csv

from capexreader.ui.app import CapexReaderApp
from capexreader.ui.screens.figures import FiguresScreen
from capexreader.ui.screens.tracker import TrackerScreen

from .conftest import wait_ready
from .tracker_corpus import write_corpus

SIZE = (160, 45)


async def tracker(pilot, *keys):
    """Open the tracker and wait for its lines."""
    await pilot.press("T")
    for _ in range(200):
        if getattr(pilot.app.screen, "ready", False):
            break
        await pilot.pause(0.05)
    await pilot.press(*keys)
    return pilot.app.screen


async def test_tracker_lines_filter_and_open_a_statement(tmp_path):
    app = CapexReaderApp(write_corpus(tmp_path / "c"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = await tracker(pilot)
        assert isinstance(screen, TrackerScreen)
        assert [ln.entity for ln in screen.shown] == ["Microsoft", "Meta"]
        await pilot.press("slash", *"微軟", "enter")
        assert [ln.entity for ln in screen.shown] == ["Microsoft"]
        await pilot.press("tab", "down", "enter")  # the second statement: the April raise
        await pilot.pause()
        assert not isinstance(app.screen, TrackerScreen)
        assert app.session.current.id == "ms-apr"


async def test_tracker_and_figures_export_what_is_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXREADER_DATA_DIR", str(tmp_path / "data"))
    app = CapexReaderApp(write_corpus(tmp_path / "c"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await tracker(pilot, "slash", *"meta", "enter", "x")
        await pilot.pause()
        (tracker_csv,) = (tmp_path / "data" / "exports").glob("tracker-*.csv")
        rows = list(csv.DictReader(tracker_csv.open(encoding="utf-8")))
        assert [(r["article"], r["change"]) for r in rows] == [
            ("meta-feb", "first"),
            ("meta-may", "raised"),
            ("meta-aug", "reiterated"),
        ]
        assert rows[0]["source"] == "https://example.com/meta-feb" and rows[0]["start"].isdigit()
        await pilot.press("escape", "escape", "F", "slash", *"微軟", "enter", "X")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        assert {m.figure.entity for m in screen.shown} == {"Microsoft"} and len(screen.shown) == 6
        (figures_xlsx,) = (tmp_path / "data" / "exports").glob("figures-*.xlsx")
        import openpyxl

        sheet = openpyxl.load_workbook(figures_xlsx).active
        values = list(sheet.values)
        assert values[0][:4] == ("article", "title", "source", "date") and len(values) == 7


async def test_figures_screen_sorts_amounts_by_value_and_marks_what_cannot_be_compared(tmp_path):
    folder = write_corpus(tmp_path / "c")
    (folder / "q.md").write_text(
        "---\ntitle: quarter\ndate: 2025-03-01\n---\n\n"
        "Microsoft said capex will be $13 billion next quarter. "
        "Microsoft spent $120 billion on capex over the trailing twelve months.\n",
        "utf-8",
    )
    app = CapexReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("F", "o", "o", "o", "o", "o", "o", "o")  # to the amount, ascending
        screen = app.screen
        assert screen.sorted_by == ("amount", False)
        table = screen.query_one("#table")
        amounts = [table.get_row_at(i)[3].plain for i in range(table.row_count)]
        usd = [a for a in amounts if a.startswith("$")]
        assert usd.index("$13B") < usd.index("$80B") < usd.index("$120B")  # by value, not as text
        assert str(table.columns["amount"].label).endswith("▲")
        marks = {
            (g.entity, g.year): screen.query_one("#groups").get_row_at(i)[0].plain
            for i, g in enumerate(screen.groups)
        }
        assert marks[("Microsoft", 2025)] == "✗"  # several sources that differ
        undated = [mark for (_, year), mark in marks.items() if year is None]
        assert undated and set(undated) == {"—"}  # a quarter's guidance beside a trailing year's
