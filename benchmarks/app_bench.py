"""The reader at scale: a warm start on a large corpus, then opening articles, changing the
stance filter, searching and scrolling the list, each timed as one key press through Textual's
Pilot, beside a bare Textual app's key press through the same Pilot in the same run; and the
peak memory of the process.

Three clocks per key: ``*_ms`` is the whole Pilot press (it sleeps in 20 ms steps until the
process is idle, so it is never under about 60 ms even for the bare app); ``*_paint_ms`` is
from the key being sent to the first screen update after it (the compositor's output handed to
the driver: the key's handler has run and its result is drawn); ``*_settled_ms`` is to the last
update the key caused (what follows the first is the figures sidebar, the focus moving, the
scrollbar thumbs and the footer's dimmed keys, drawn a frame or two later).
``search_article_shown_ms`` is to the first update drawn with the first result in the reader.

python benchmarks/app_bench.py --corpus DIR [--cache DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import time
from pathlib import Path

SIZE = (160, 45)


class Clock:
    """Timestamps of the screen updates an app hands to its driver."""

    def __init__(self, app) -> None:
        self.stamps: list[float] = []
        self.shown: list[object] = []  # what `probe` said at each update
        self.probe = lambda: None
        display = app._display

        def spy(screen, renderable) -> None:
            if renderable is not None:
                self.stamps.append(time.perf_counter())
                self.shown.append(self.probe())
            display(screen, renderable)

        app._display = spy

    async def press(self, pilot, *keys: str) -> tuple[float, float, float]:
        """(whole press, key to first screen update, key to last screen update) in ms."""
        self.stamps.clear()
        self.shown.clear()
        self.start = start = time.perf_counter()
        await pilot.press(*keys)
        end = time.perf_counter()
        first = self.stamps[0] if self.stamps else end
        last = self.stamps[-1] if self.stamps else end
        return (end - start) * 1000, (first - start) * 1000, (last - start) * 1000

    def first_showing(self, value: object) -> float:
        """ms from the last press to the first update drawn while probe() gave value."""
        for stamp, shown in zip(self.stamps, self.shown, strict=True):
            if shown == value:
                return (stamp - self.start) * 1000
        return float("nan")


async def bare_keypress(n: int = 20) -> tuple[float, float, float]:
    """ms for a bare app to handle a key that updates a Static, and refresh."""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("0", id="s")
            yield Footer()

        def on_key(self) -> None:
            s = self.query_one("#s", Static)
            s.update(str(int(str(s.render())) + 1))

    times = []
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        clock = Clock(app)
        for _ in range(n):
            times.append(await clock.press(pilot, "x"))
    return tuple(statistics.median(t[i] for t in times) for i in range(3))  # type: ignore


async def reader(corpus: Path) -> dict:
    from capexreader.ui.app import CapexReaderApp

    app = CapexReaderApp(corpus)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        start = time.perf_counter()
        while app.session.corpus is None or not app.session.corpus.articles:
            await pilot.pause(0.01)
        out["titles_after_start_ms"] = (time.perf_counter() - start) * 1000
        while not app.session.ready:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()  # summaries filled in, if any were missing
        await pilot.pause()

        clock = Clock(app)

        def record(name: str, times: list[tuple[float, float, float]]) -> None:
            out[f"{name}_ms"] = statistics.median(t[0] for t in times)
            out[f"{name}_paint_ms"] = statistics.median(t[1] for t in times)
            out[f"{name}_paint_worst_ms"] = max(t[1] for t in times)
            out[f"{name}_settled_ms"] = statistics.median(t[2] for t in times)

        listing = app.query_one("#articles")
        opens = []
        for _ in range(6):
            app.set_focus(listing)
            await pilot.press("j")
            opens.append(await clock.press(pilot, "enter"))
        record("open_article", opens)
        from capexreader.session import STANCE_FILTERS

        # round the cycle of filters, back to all
        record("stance_filter", [await clock.press(pilot, "s") for _ in STANCE_FILTERS])
        search, article = [], []
        view = app.query_one("#article-view")
        clock.probe = lambda: (app.session.current and app.session.current.id, view.text[:80])
        for q in ("泡沫", "Jevons", "資本支出", "微软", "AI 泡沫"):
            app.set_focus(listing)
            await pilot.press("slash", *q)
            search.append(await clock.press(pilot, "enter"))  # search, list and reader
            first = app.session.corpus.get(app.session.result.ids[0])
            article.append(clock.first_showing((first.id, first.body[:80])))
            await pilot.press("escape")
        clock.probe = lambda: None
        record("search", search)
        out["search_article_shown_ms"] = statistics.median(article)
        app.set_focus(listing)
        record("scroll_page", [await clock.press(pilot, "pagedown") for _ in range(20)])
        out["articles"] = len(app.session.corpus.articles)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    if args.cache:
        os.environ["CAPEXREADER_CACHE_DIR"] = str(args.cache)
    press, paint, settled = asyncio.run(bare_keypress())
    result = {"bare_keypress_ms": press, "bare_keypress_paint_ms": paint, "bare_keypress_settled_ms": settled}
    result.update(asyncio.run(reader(args.corpus)))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}, indent=2))


if __name__ == "__main__":
    main()
