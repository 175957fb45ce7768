"""Long articles: the longest stall of the UI thread while a 16 MB article and a 2.5 MB
single-line article are opened and scrolled, beside the same measure for the bundled corpus
in the same run.

python benchmarks/big_article.py [--mb 16]

A timer ticks every 10 ms on the app's event loop; the largest gap between ticks is the
longest single step the UI thread took. Measured twice: while the folder loads and is indexed
with a cold cache, then while the keys open and scroll the articles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 45)


def make_folder(megabytes: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="cxr-big-"))
    texts = [
        p.read_text("utf-8").split("---", 2)[2] for p in sorted((ROOT / "content" / "articles").glob("*.md"))
    ]
    unit = "\n".join(texts)
    repeat = max(1, megabytes * 1024 * 1024 // len(unit.encode("utf-8")))
    (folder / "a-16mb.md").write_text("---\ntitle: Sixteen megabytes\n---\n" + unit * repeat, "utf-8")
    line = "资本支出增长30%，微软投入800亿美元。" * (2_500_000 // 60)
    (folder / "b-line.txt").write_text("A single 2.5 MB line\n" + line, "utf-8")
    return folder


async def longest_stall(folder: Path | None, keys: list[list[str]]) -> tuple[float, float]:
    """The longest UI-thread step while the folder loads (cold cache), and while the keys are
    pressed after that."""
    from capexreader.ui.app import CapexReaderApp

    app = CapexReaderApp(folder)
    gaps: dict[str, list[float]] = {"load": [], "keys": []}
    phase = "load"
    async with app.run_test(size=SIZE) as pilot:
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps[phase].append(now - last)
            last = now

        app.set_interval(0.01, tick)
        while not app.session.ready:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        phase = "keys"
        for group in keys:
            await pilot.press(*group)
            await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
    return tuple(max(gaps[k], default=0.0) * 1000 for k in ("load", "keys"))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=16)
    args = parser.parse_args()
    folder = make_folder(args.mb)
    keys = [
        ["enter"],
        ["enter"],
        ["pagedown"] * 5,
        ["G"],
        ["g"],
        ["tab", "tab"],
        ["j", "enter"],
        ["enter"],
        ["pagedown"] * 5,
        ["G"],
    ]
    os.environ["CAPEXREADER_CACHE_DIR"] = tempfile.mkdtemp(prefix="cxr-cache-")  # cold
    small_load, small = asyncio.run(longest_stall(None, keys))
    big_load, big = asyncio.run(longest_stall(folder, keys))
    print(
        json.dumps(
            {
                "article_mb": args.mb,
                "longest_ui_stall_ms": round(big, 1),
                "bundled_corpus_longest_ui_stall_ms": round(small, 1),
                "ratio": round(big / small, 2) if small else None,
                "load_longest_ui_stall_ms": round(big_load, 1),
                "bundled_corpus_load_longest_ui_stall_ms": round(small_load, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
