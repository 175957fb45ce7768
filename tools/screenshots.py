"""Remake the SVG screenshots that the README shows: python tools/screenshots.py"""

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

# Marks, exports and settings of the shots' own, never the user's.
for name in ("CAPEXREADER_DATA_DIR", "CAPEXREADER_CONFIG_DIR"):
    os.environ[name] = tempfile.mkdtemp(prefix="cxr-shots-")

from capexreader.ui.app import CapexReaderApp  # noqa: E402 - after the folders are set

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (140, 40)


ROOT = Path(__file__).resolve().parent.parent


async def shoot(name: str, keys: list[str], then: tuple[str, ...] = (), folder: Path | None = None) -> None:
    app = CapexReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        while not app.session.ready:
            await pilot.pause(0.05)
        await pilot.press(*keys)
        while not getattr(app.screen, "ready", True):  # a screen that works its content out
            await pilot.pause(0.05)
        await pilot.press(*then)
        await pilot.pause(0.2)
        app.save_screenshot(str(OUT / f"{name}.svg"))
    print(OUT / f"{name}.svg")


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    await shoot("main", [])
    await shoot("search", ["slash", *"泡沫", "enter", "n"])
    await shoot("figures", ["f", "down", "down", "down", "down"])
    await shoot("help", ["question_mark"])
    # a Markdown article of one's own: headings, emphasis, a quote, lists, a table, a link
    own = Path(tempfile.mkdtemp(prefix="cxr-shots-")) / "articles"
    own.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "markdown" / "rendered.md", own)
    await shoot("article", ["enter"], folder=own)
    await shoot("tracker", ["T"], then=("down", "down"))
    # read marks: the first article opened (read) and starred, the third opened and tagged
    await shoot("marks", ["asterisk", "j", "j", "enter", "number_sign", *"watch", "enter", "k", "k"])


if __name__ == "__main__":
    asyncio.run(main())
