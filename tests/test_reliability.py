"""Hostile input, read-only content, small terminals: the reader never crashes, never writes
into the content folder, and never lets text act on the terminal or the app."""

import hashlib
import shutil
import threading

import pytest

from capexreader.corpus import load_corpus
from capexreader.layout import layout_text
from capexreader.ui.app import CapexReaderApp
from capexreader.ui.widgets.article_list import ArticleList
from capexreader.ui.widgets.article_view import ArticleView
from capexreader.ui.widgets.figure_list import FigureList

from .conftest import CONTENT, wait_ready

SIZE = (120, 36)
MARKUP = "[bold]b[/] [/] [link=http://x]l[/link] [@click=app.quit]q[/]"


def snapshot_folder(root):
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def screen_text(app) -> str:
    return app.export_screenshot()


async def test_nothing_is_ever_written_into_the_content_folder(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    before = snapshot_folder(root)
    app = CapexReaderApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("slash", *"泡沫", "enter", "n", "escape")
        app.set_focus(app.query_one(ArticleList))
        for _ in app.session.corpus.articles:
            await pilot.press("enter", "j")
        # marks, a tag, the filters, exports from both corpus screens: all kept elsewhere
        await pilot.press("r", "asterisk", "number_sign", *"mine", "enter", "u", "u", "u")
        await pilot.press("F", "x", "t", "X", "escape", "escape", "q")
    assert snapshot_folder(root) == before
    assert app.session.state is not None and app.session.state.tags() == ["mine"]


async def test_markup_in_titles_bodies_and_queries_is_shown_not_run(tmp_path):
    (tmp_path / "m.md").write_text(f"---\ntitle: '{MARKUP}'\n---\nBody {MARKUP} $80 billion.")
    (tmp_path / "[bold]x[@click=app.quit]q.txt").write_bytes(b"\x00\x01" * 20)  # hostile name
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        shot = screen_text(app)
        assert "@click=app.quit" in shot and "[bold]b[/]" in shot
        await pilot.click(ArticleView, offset=(10, 1))
        await pilot.press("slash", *MARKUP, "enter")
        assert app.is_running
        app.reader.action_show_problems()
        await pilot.pause()
        assert "@click=app.quit" in screen_text(app)
        await pilot.press("escape", "F")
        await pilot.pause()
        assert app.is_running


def test_escape_sequences_in_metadata_are_removed(tmp_path):
    (tmp_path / "e.md").write_text('---\ntitle: "\\e[31mRed\\e[0m\\a title\\e]0;pwned\\a"\n---\nx')
    article = load_corpus(tmp_path).articles[0]
    assert article.title == "Red title"


async def test_content_folder_removed_while_running(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    app = CapexReaderApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        shutil.rmtree(root)
        await pilot.press("j", "enter", "slash", *"Jevons", "enter", "n", "N", "escape")
        app.set_focus(app.query_one(ArticleList))
        await pilot.press("G", "enter")
        assert app.is_running and app.session.current.body


async def test_unusable_cache_runs_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(blocker / "cache"))
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        assert app.session.index is not None and app.session.index.path is None
        await pilot.press("slash", *"Jevons", "enter")
        assert len(app.query_one(ArticleList).article_ids) == 1


async def test_corrupt_cache_is_rebuilt_by_the_app(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(cache))
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
    for db in cache.glob("index-*.sqlite"):
        db.write_bytes(b"garbage" * 1000)
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        assert len(app.query_one(ArticleList).article_ids) == 5


async def test_rapid_resizes_and_tiny_terminals():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        for size in [(40, 12), (200, 60), (41, 13), (80, 24), (40, 12), (160, 45)] * 3:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("j", "enter", "f", "G")
        assert app.is_running


@pytest.mark.parametrize("query", ["", "!!!", ".*[(", "😀🚀", "x" * 10000, "[/]", "\\"])
async def test_odd_search_input(query):
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("slash")
        app.query_one("#search-input").value = query
        await pilot.press("enter")
        assert app.is_running


async def test_a_long_article_and_a_long_line_open_and_scroll(tmp_path):
    body = (CONTENT / "articles" / "ainews-big-tech-320b-ai-spend.md").read_text("utf-8")
    body = body.split("---", 2)[2]
    (tmp_path / "a-long.md").write_text("---\ntitle: Long\n---\n" + body * 60)  # > BIG_ARTICLE
    (tmp_path / "b-line.txt").write_text("One line\n" + "资本支出增长。" * 32000)  # one long line
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter", "enter", "pagedown", "pagedown", "G", "g")
        view = app.query_one(ArticleView)
        assert app.session.current.id == "a-long" and view.line_count > 0
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.line_count > 500
        assert view.lines() == laid_out(view.text, view.wrap_width)  # laid out apart, all of it
        assert app.query_one(FigureList).option_count > 100  # the figures arrived
        app.set_focus(app.query_one(ArticleList))
        await pilot.press("j", "enter", "enter", "G")
        await app.workers.wait_for_complete()
        assert app.session.current.id == "b-line" and view.line_count > 100


async def test_a_long_cached_article_is_read_off_the_ui_thread(tmp_path, monkeypatch):
    from capexreader.search import SearchIndex

    body = (CONTENT / "articles" / "ainews-big-tech-320b-ai-spend.md").read_text("utf-8")
    (tmp_path / "a-short.md").write_text("---\ntitle: Short\n---\n短文。", "utf-8")
    (tmp_path / "b-long.md").write_text("---\ntitle: Long\n---\n" + body.split("---", 2)[2] * 60)
    async with CapexReaderApp(tmp_path).run_test(size=SIZE) as pilot:  # builds the cache
        await wait_ready(pilot)
    readers = []
    read = SearchIndex.body

    def body_of(index, article_id):
        readers.append((article_id, threading.current_thread()))
        return read(index, article_id)

    monkeypatch.setattr(SearchIndex, "body", body_of)
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        article = app.session.corpus.get("b-long")
        assert app.session.current.id == "a-short" and not article.loaded
        app.set_focus(app.query_one(ArticleList))
        await pilot.press("j", "enter")
        assert app.session.current is article
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.text == article.body
        assert view.line_count > 500 and not view.loading
        assert app.query_one(FigureList).option_count > 100
        long_reads = [thread for aid, thread in readers if aid == "b-long"]
        assert long_reads and threading.main_thread() not in long_reads


async def test_a_long_article_opens_where_no_helper_process_can_start(tmp_path, monkeypatch):
    from capexreader import offload

    def refuse(*args, **kwargs):
        raise offload.Failed("no processes here")

    monkeypatch.setattr(offload.Helper, "run", refuse)
    body = (CONTENT / "articles" / "ainews-big-tech-320b-ai-spend.md").read_text("utf-8")
    (tmp_path / "a-long.md").write_text("---\ntitle: Long\n---\n" + body.split("---", 2)[2] * 60)
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        view = app.query_one(ArticleView)
        assert app.session.current.id == "a-long" and view.text == app.session.current.body
        assert view.lines() == laid_out(view.text, view.wrap_width)
        assert app.query_one(FigureList).option_count > 100


def laid_out(text: str, width: int) -> list[tuple[int, int]]:
    layout = layout_text(text, width)[1]
    return list(zip(layout.starts, layout.ends, strict=True))
