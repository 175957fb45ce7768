"""The reader at scale: a warm start on a large corpus, then opening articles, changing the
stance filter, searching and scrolling the list, each timed as one key press through Textual's
Pilot, beside a bare Textual app's key press through the same Pilot in the same run (the
Pilot's own wait is in both); and the peak memory of the process.

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


async def bare_keypress(n: int = 20) -> float:
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
        for _ in range(n):
            start = time.perf_counter()
            await pilot.press("x")
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def reader(corpus: Path) -> dict:
    from capexreader.app import CapexReaderApp

    app = CapexReaderApp(corpus)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        start = time.perf_counter()
        while app.corpus is None or not app.corpus.articles:
            await pilot.pause(0.01)
        out["titles_after_start_ms"] = (time.perf_counter() - start) * 1000
        while not app.ready:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()  # summaries filled in, if any were missing
        await pilot.pause()

        async def timed(*keys: str) -> float:
            t = time.perf_counter()
            await pilot.press(*keys)
            return (time.perf_counter() - t) * 1000

        listing = app.query_one("#articles")
        opens = []
        for _ in range(6):
            app.set_focus(listing)
            await pilot.press("j")
            opens.append(await timed("enter"))
        out["open_article_ms"] = statistics.median(opens)
        out["stance_filter_ms"] = statistics.median([await timed("s") for _ in range(4)])
        search = []
        for q in ("泡沫", "Jevons", "資本支出", "微软", "AI 泡沫"):
            app.set_focus(listing)
            await pilot.press("slash", *q)
            search.append(await timed("enter"))  # the search itself, the list and the reader
            await pilot.press("escape")
        out["search_ms"] = statistics.median(search)
        app.set_focus(listing)
        out["scroll_page_ms"] = statistics.median([await timed("pagedown") for _ in range(20)])
        out["articles"] = len(app.corpus.articles)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    if args.cache:
        os.environ["CAPEXREADER_CACHE_DIR"] = str(args.cache)
    result = {"bare_keypress_ms": asyncio.run(bare_keypress())}
    result.update(asyncio.run(reader(args.corpus)))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()},
                     indent=2))


if __name__ == "__main__":
    main()
