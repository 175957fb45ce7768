"""Pilot tests of reading a Markdown article: what the reader draws, links, maximising."""

import shutil
from contextlib import asynccontextmanager
from pathlib import Path

from rich.cells import cell_len

from capexreader.ui.app import CapexReaderApp
from capexreader.ui.screens.links import LinksScreen
from capexreader.ui.widgets.article_header import ArticleHeader
from capexreader.ui.widgets.article_view import ArticleView

from .conftest import wait_ready

MARKDOWN = Path(__file__).parent / "fixtures" / "markdown"


def folder(tmp_path, name="rendered.md"):
    shutil.copy(MARKDOWN / name, tmp_path / name)
    return tmp_path


@asynccontextmanager
async def opened(tmp_path, *keys, size=(120, 36)):
    """The reader on the Markdown fixture, ready, after keys."""
    app = CapexReaderApp(folder(tmp_path))
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        yield app, pilot


def shown(view: ArticleView) -> list[str]:
    return [view.drawn(i) for i in range(view.line_count)]


async def test_the_reader_draws_markdown_not_its_markup(tmp_path):
    app = CapexReaderApp(folder(tmp_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        view = app.query_one(ArticleView)
        lines = shown(view)
        assert "一、本周要点" in lines
        text = "\n".join(lines)
        for markup in ("**", "## ", "](", "```", "|:---"):
            assert markup not in text
        assert any(line.startswith("• 亚马逊") for line in lines)
        assert any(line.startswith("┌") for line in lines)
        # a figure's text is on one line and its mark drawn on it
        body = app.session.current.body
        at = body.index("1250亿美元")
        line = view.line_of_offset(at)
        assert "1250亿美元" in view.drawn(line)


def current_hit(view: ArticleView, word: str) -> list:
    """The segments drawn for the current hit, which must be word."""
    start, end = view.marks.current
    assert view.text[start:end] == word
    strip = view.render_line(view.line_of_offset(start) - int(view.scroll_y))
    lit = [seg for seg in strip if seg.text and seg.text in word and seg.style.bold]
    assert "".join(seg.text for seg in lit) == word
    return lit


async def test_a_search_hit_inside_a_link_or_a_table_cell_is_highlighted_there(tmp_path):
    app = CapexReaderApp(folder(tmp_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        await pilot.press("slash", *"公告", "enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        lit = current_hit(view, "公告")
        assert all(seg.style.link == "https://example.com/msft-capex" for seg in lit)
        await pilot.press("slash", "backspace", "backspace", *'"Amazon"', "enter")
        await pilot.pause()
        line = view.drawn(view.line_of_offset(view.marks.current[0]))
        assert line.startswith("│ 亚马逊 Amazon")
        current_hit(view, "Amazon")


async def test_the_links_dialog_lists_links_and_shows_one_in_the_article(tmp_path):
    async with opened(tmp_path, "enter", "L") as (app, pilot):
        assert isinstance(app.screen, LinksScreen)
        assert [url for _, _, url in app.screen.links] == ["https://example.com/msft-capex", "chart.png"]
        await pilot.press("j", "c")
        assert app.clipboard == "chart.png"
        await pilot.press("o")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert app.focused is view
        assert "资本开支对比图" in "".join(view.drawn(i) for i in range(int(view.scroll_y), view.line_count))


async def test_an_article_without_links_says_so(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: 无链接\n---\n正文。", "utf-8")
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        assert any("no links" in str(n.message) for n in app._notifications)


async def test_maximising_the_reader_keeps_the_title(tmp_path):
    async with opened(tmp_path, "enter", "z") as (app, pilot):
        assert app.screen.maximized is app.query_one("#reader")
        header = app.query_one(ArticleHeader)
        assert header.region.height > 0 and header.region.width > 100
        view = app.query_one(ArticleView)
        assert view.wrap_width > 90  # laid out again for the whole screen
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None


async def test_raw_web_text_keeps_its_lines_as_paragraphs(tmp_path):
    app = CapexReaderApp(folder(tmp_path, "raw-web.txt"))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        view = app.query_one(ArticleView)
        source = [line for line in app.session.current.body.split("\n") if line]
        paragraphs: dict[int, str] = {}
        for i in range(view.line_count):
            block = view.flow.block[i]
            if block >= 0:
                paragraphs[block] = paragraphs.get(block, "") + view.drawn(i)
        assert list(paragraphs.values()) == source


async def test_every_drawn_line_fits_the_reader_at_each_size(tmp_path):
    app = CapexReaderApp(folder(tmp_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        for size in ((80, 24), (60, 20), (200, 50), (40, 15)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            view = app.query_one(ArticleView)
            room = view.scrollable_content_region.width - 2  # the gutter
            assert all(cell_len(view.drawn(i)) <= max(room, view.flow.widest) for i in range(view.line_count))
            assert view.wrap_width <= max(8, room)
