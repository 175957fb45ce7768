"""Pilot tests: drive the reader by its keys as a person would."""

import pytest

from capexreader.session import STANCE_FILTERS
from capexreader.ui.app import CapexReaderApp
from capexreader.ui.screens.help import HelpScreen
from capexreader.ui.screens.problems import ProblemsScreen
from capexreader.ui.widgets.article_list import ArticleList
from capexreader.ui.widgets.article_view import ArticleView
from capexreader.ui.widgets.figure_list import FigureList
from capexreader.ui.widgets.search_bar import SearchBar

from .conftest import wait_ready

SIZE = (160, 45)


async def ready(pilot):
    await wait_ready(pilot)


async def palette(pilot, command):
    """Run a command palette command by typing it."""
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def listed(app):
    return app.query_one(ArticleList).article_ids


async def test_starts_with_the_bundled_articles_and_opens_the_first():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert len(listed(app)) == 5
        assert app.session.current is not None and app.session.current.id == listed(app)[0]
        assert app.query_one(ArticleView).line_count > 10
        assert app.focused is app.query_one(ArticleList)


async def test_move_and_open_with_keys():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "enter")
        assert app.session.current.id == listed(app)[2]
        assert app.focused is app.query_one(ArticleList)  # opened beside the list
        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleView)  # and again: into the article
        await pilot.press("G")
        view = app.query_one(ArticleView)
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_offset.y == 0
        await pilot.press("shift+tab")
        await pilot.press("G", "k", "enter")
        assert app.session.current.id == listed(app)[3]


async def test_search_jevons_narrows_the_list_and_highlights_the_word():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Jevons", "enter")
        assert len(listed(app)) == 1
        view = app.query_one(ArticleView)
        start, end = view.marks.current
        assert app.session.current.body[start:end].startswith("Jevons")
        assert view.marks.hits
        assert "hit 1/1" in app.query_one("#reader").border_subtitle
        assert str(app.query_one("#search-info").render()).startswith("1 article, 1 hit ·")


async def test_n_and_N_step_through_hits_and_across_articles():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"泡沫", "enter")
        results = listed(app)
        assert len(results) >= 3
        first = app.session.current.id
        hits = len(app.session.hits(first))
        assert hits > 2
        await pilot.press("n")
        assert app.session.hit_index == 1
        assert app.query_one(ArticleView).marks.current == app.session.hits(first)[1]
        await pilot.press("N")
        assert app.session.hit_index == 0
        await pilot.press(*["n"] * hits)
        assert app.session.current.id == results[1] and app.session.hit_index == 0
        await pilot.press("N")
        assert app.session.current.id == first and app.session.hit_index == hits - 1


async def test_escape_clears_the_search():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Jevons", "enter")
        assert len(listed(app)) == 1
        await pilot.press("escape")
        assert len(listed(app)) == 5
        assert app.session.result is None and not app.query_one(ArticleView).marks.hits
        assert not app.query_one("#search-bar").display


async def test_search_history_and_empty_queries():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Jevons", "enter", "slash")
        await pilot.press("ctrl+u", *"!!!", "enter")
        assert listed(app) == [] and app.session.result is not None
        await pilot.press("slash", "up", "up")
        assert app.query_one("#search-input").value == "Jevons"


async def test_stance_filter_cycles():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = {}
        for _ in STANCE_FILTERS:
            await pilot.press("s")
            labels = {app.session.corpus.get(i).stance.label for i in listed(app)}
            seen[app.session.stance_filter] = labels
        assert seen["bullish"] == {"bullish"} and seen["bearish"] == {"bearish"}
        assert app.session.stance_filter == "all" and len(listed(app)) == 5


async def test_figures_sidebar_scrolls_the_reader_to_a_figure():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        figures = app.query_one(FigureList)
        assert app.focused is figures
        await pilot.press("G")
        view = app.query_one(ArticleView)
        fig = app.session.current.figures[int(figures.highlighted_option.id[4:])]
        assert view.marks.current == (fig.start, fig.end)
        assert view.scroll_offset.y > 0
        await pilot.press("ctrl+b")
        assert not figures.display


async def test_help_opens_and_closes():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_filters_by_stance():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await palette(pilot, "Filter: bearish")
        assert app.session.stance_filter == "bearish"


async def test_command_palette_opens_an_article():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        target = app.session.corpus.articles[-1]
        await palette(pilot, "Open: 谁也不敢")
        assert app.session.current is target


async def test_quit_with_q():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_load_problems_are_listed(tmp_path):
    (tmp_path / "ok.md").write_text("---\ntitle: Fine\n---\nText")
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff" * 40)
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert listed(app) == ["ok"]
        app.reader.action_show_problems()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)


@pytest.mark.parametrize("size", [(60, 20), (40, 12)])
async def test_small_terminals(size):
    app = CapexReaderApp()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        articles, reader = app.query_one(ArticleList).region, app.query_one("#reader").region
        assert articles.right <= reader.x and reader.right <= size[0]  # side by side, whole
        await pilot.press("slash", *"泡沫", "enter", "n", "n")
        await pilot.resize_terminal(160, 45)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.session.current is not None


async def test_empty_and_missing_folders(tmp_path):
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"x", "enter", "n", "s", "f", "enter")
        assert listed(app) == []
    app = CapexReaderApp(tmp_path / "missing")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.session.corpus is None


async def test_evidence_panel_jumps_to_the_sentence():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("G", "enter", "e")  # the last article, then "why"
        from capexreader.ui.screens.evidence import EvidenceScreen

        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("down", "down", "enter")
        assert not isinstance(app.screen, EvidenceScreen)
        evidence = app.session.current.stance.evidence[2]
        view = app.query_one(ArticleView)
        assert view.marks.current == (evidence.start, evidence.end)
        assert app.focused is view


async def test_corpus_figures_screen_filter_sort_and_open():
    from capexreader.ui.screens.figures import FiguresScreen

    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("F")
        assert isinstance(app.screen, FiguresScreen)
        table = app.screen.query_one("#table")
        total = table.row_count
        await pilot.press("s", "n")  # reader keys do nothing here
        assert app.session.stance_filter == "all" and isinstance(app.screen, FiguresScreen)
        await pilot.press("slash", *"microsoft capex 2025")
        assert 0 < table.row_count < total
        await pilot.press("enter", "enter")
        assert not isinstance(app.screen, FiguresScreen)
        start, end = app.query_one(ArticleView).marks.current
        fig = next(f for f in app.session.current.figures if f.start == start)
        assert (fig.entity, fig.kind, fig.year) == ("Microsoft", "capex", 2025)
        sidebar = app.query_one(FigureList)  # the sidebar lists this article, at that figure
        assert sidebar.listed is app.session.current
        assert sidebar.highlighted_option.id == f"fig-{app.session.current.figures.index(fig)}"
        await pilot.press("F", "2", "enter")  # the most reported group
        assert not isinstance(app.screen, FiguresScreen)


async def test_corpus_figures_sorting_by_header_click():
    from capexreader.ui.screens.figures import FiguresScreen

    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("F")
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        table = screen.query_one("#table")
        await pilot.click("#table", offset=(40, 0))  # the Amount/Unit header region
        await pilot.pause()
        assert screen.sorted_by is not None
        column = screen.sorted_by[0]
        values = [table.get_cell_at((r, list(table.columns).index(column))) for r in range(table.row_count)]
        keys = [
            (0, v, "") if isinstance(v, int) else (1, 0, str(getattr(v, "plain", v)).lower()) for v in values
        ]
        assert keys == sorted(keys)


async def test_a_large_cold_folder_is_indexed_by_worker_processes(tmp_path, monkeypatch):
    """The process pool starts under the app, where sys.stderr has no file descriptor."""
    from capexreader import indexer

    monkeypatch.setattr(indexer, "PARALLEL_FROM", 3)
    for n in range(6):
        (tmp_path / f"{n}.md").write_text(f"---\ntitle: 第{n}篇\n---\n资本支出与泡沫，第{n}篇。", "utf-8")
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot, timeout=60)
        assert sorted(listed(app)) == [str(n) for n in range(6)]
        await pilot.press("slash", *"泡沫", "enter")
        assert len(listed(app)) == 6


async def test_a_long_title_takes_two_lines_and_ends_with_an_ellipsis(tmp_path):
    from capexreader.ui.widgets.article_header import ArticleHeader

    title = "资本支出" * 60
    (tmp_path / "long.md").write_text(f"---\ntitle: {title}\n---\n正文。", "utf-8")
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lines = app.query_one(ArticleHeader).render().plain.split("\n")
        assert len(lines) == 3 and lines[1].endswith("…") and lines[0] in title
        assert "no date" in lines[2]


async def test_collection_is_paused_only_until_the_first_frame():
    import gc

    class Watched(CapexReaderApp):
        def compose(self):
            seen.append(gc.isenabled())  # while the first frame is made
            yield from super().compose()

    seen = []
    before = gc.get_threshold()
    app = Watched()
    assert gc.isenabled()  # made, not yet running
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert seen == [False] and gc.isenabled()  # on again once the frame is out
        assert gc.get_threshold()[2] > 10**6  # full collections left to the app's timer
    assert gc.isenabled() and gc.get_threshold() == before


async def test_full_collections_run_on_the_apps_timer(monkeypatch):
    import gc

    from capexreader.ui import collector

    monkeypatch.setattr(collector, "FULL_EVERY", 0.05)
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):
            gc.collect(1)  # young passes, as a busy session makes them
        await pilot.pause(0.3)
        assert app.is_running and gc.get_count()[2] == 0  # a full pass ran meanwhile


async def test_collection_resumes_when_the_app_stops_before_its_first_frame():
    import gc

    class Failing(CapexReaderApp):
        def compose(self):
            raise RuntimeError("no layout")

    app = Failing()
    await app.run_async(headless=True, size=SIZE)  # Textual reports the error and stops
    assert app.return_code == 1
    assert gc.isenabled()


async def test_a_failing_worker_is_reported_not_a_crash(monkeypatch):
    from capexreader.ui import workers

    def broken(*args):
        raise OSError("disk on fire")

    monkeypatch.setattr(workers, "prepare", broken)
    monkeypatch.setattr("capexreader.corpus.LONG", 10)  # every article is long here
    app = CapexReaderApp()
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=SIZE) as pilot:
        # Polled, not awaited: waiting on the workers re-raises the failed one's error.
        for _ in range(200):
            await pilot.pause(0.05)
            if app.session.ready and any("disk on fire" in m for m in said):
                break
        assert app.is_running
        assert any("disk on fire" in m and "OSError" in m for m in said)


async def test_a_search_changes_the_info_line_not_the_layout():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        info = app.query_one("#search-info")
        assert "Enter searches" in str(info.render())  # a hint while nothing is searched
        before = app.query_one(ArticleList).region
        await pilot.press(*"泡沫", "enter")
        await pilot.pause()
        assert "articles," in str(info.render()) and info.region.height == 1
        assert app.query_one(ArticleList).region == before


async def test_a_long_list_scrolls_down_only(tmp_path):
    for n in range(60):
        (tmp_path / f"{n:02}.md").write_text(f"---\ntitle: 第{n}篇\n---\n正文。", "utf-8")
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)
        assert listing.show_vertical_scrollbar and not listing.show_horizontal_scrollbar


async def test_list_rows_are_cut_to_the_width_with_an_ellipsis(tmp_path):
    from rich.cells import cell_len

    (tmp_path / "a.md").write_text("---\ntitle: " + "资本支出泡沫" * 30 + "\n---\n正文。", "utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Short\n---\nBody.", "utf-8")
    app = CapexReaderApp(tmp_path)
    async with app.run_test(size=(90, 24)) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)
        width = listing.scrollable_content_region.width
        rows = [listing.render_line(y) for y in range(4)]
        assert all(row.cell_length == width for row in rows)
        texts = ["".join(seg.text for seg in row) for row in rows]
        assert texts[0].rstrip().endswith("…") and cell_len(texts[0]) == width
        assert texts[2].strip() == "●  Short"  # not opened yet: unread


async def test_a_search_highlights_the_result_it_opens():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)
        await pilot.press("slash", *"泡沫", "enter")
        assert len(listed(app)) > 1
        app.set_focus(listing)
        await pilot.press("j")  # the highlight on a result that is not the first
        await pilot.press("slash", "enter")  # the same search again
        assert listing.highlighted == 0 and app.session.current.id == listed(app)[0]


async def test_a_search_shows_the_first_result_with_its_figures_and_focuses_the_reader():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Jevons")
        await pilot.pause()
        view, figures = app.query_one(ArticleView), app.query_one(FigureList)
        first = app.session.index.search("Jevons").ids[0]
        app.reader.open_article(next(a for a in listed(app) if a != first), focus=False)
        await pilot.pause()
        app.set_focus(app.query_one(SearchBar).input)
        await pilot.pause()
        app.reader.run_search("Jevons")  # as Enter does
        await pilot.pause()
        assert listed(app)[0] == first
        assert app.session.current.id == first and "Jevons" in view.text
        for _ in range(40):  # the focus moves once the results are drawn
            if app.focused is view:
                break
            await pilot.pause(0.05)
        assert app.focused is view and figures.listed is app.session.current
        assert figures.border_subtitle == f"{len(app.session.current.figures)} figures"


async def test_a_figure_chosen_from_the_last_article_is_ignored():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view, figures = app.query_one(ArticleView), app.query_one(FigureList)
        before = app.session.current
        app.reader.open_article(listed(app)[1])
        figures.post_message(FigureList.Chosen(before, 0))  # sent before the sidebar changed
        await pilot.pause()
        assert view.marks.current is None
        figures.post_message(FigureList.Chosen(app.session.current, 0))
        await pilot.pause()
        fig = app.session.current.figures[0]
        assert view.marks.current == (fig.start, fig.end)


async def test_jieba_loads_in_a_thread_that_quitting_does_not_wait_for(monkeypatch):
    import threading

    import capexreader.ui.widgets.search_bar as search_bar

    loading = threading.Event()
    monkeypatch.setattr(search_bar, "_load_query_tools", loading.wait)  # as long as jieba's load
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        loaders = [t for t in threading.enumerate() if t.name == "capexreader-query-tools"]
        assert len(loaders) == 1 and loaders[0].daemon and loaders[0].is_alive()
    loading.set()


async def test_corpus_figures_tabs_switch_by_number_from_any_tab():
    from textual.widgets import TabbedContent

    from capexreader.ui.screens.figures import FiguresScreen

    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("F", "3")
        tabs = app.screen.query_one(TabbedContent)
        assert isinstance(app.screen, FiguresScreen) and tabs.active == "chart"
        await pilot.press("1")  # not typed into the hidden filter
        assert tabs.active == "all" and app.screen.query_one("#filter").value == ""
        await pilot.press("2", "3", "2")
        assert tabs.active == "reconcile"


async def test_the_palette_runs_a_search_that_folds_scripts():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"庞氏")
        await pilot.pause(0.5)
        await pilot.press("enter")  # the first hit: search for it
        for _ in range(40):
            if app.session.result is not None:
                break
            await pilot.pause(0.05)
        result = app.session.result
        assert result is not None and result.query == "庞氏"
        traditional = [a.id for a in app.session.corpus.articles if a.language == "zh-Hant"]
        assert set(traditional) <= set(result.ids)  # 龐氏 in the Traditional-script article
        assert listed(app) == result.ids


async def test_hiding_the_focused_sidebar_leaves_the_focus_on_the_reader():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f", "ctrl+b")
        await pilot.pause()
        assert app.focused is app.query_one("#article-view")


async def test_dialogs_scroll_with_the_pane_keys():
    app = CapexReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        scroll = app.screen.query_one("VerticalScroll")
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("space")
        assert scroll.scroll_y > 2
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("escape", "e", "j")
        options = app.screen.query_one("OptionList")
        assert options.highlighted == 1


async def test_a_light_theme_reaches_the_article_list():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)

        def background():
            return {seg.style.bgcolor for seg in listing.render_line(5) if seg.style and seg.style.bgcolor}

        dark = background()
        app.theme = "textual-light"
        await pilot.pause()
        light = background()
        assert light and light != dark
        assert all(c.get_truecolor().red > 180 for c in light)  # a light background


async def test_an_empty_list_says_why():
    app = CapexReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"泡沫", "enter", "escape")
        app.reader.set_stance_filter("bullish")
        app.session.search("泡沫")
        app.session.set_stance_filter("mixed")
        app.reader.refresh_list()
        await pilot.pause()
        line = "".join(seg.text for seg in app.query_one(ArticleList).render_line(0))
        assert line.strip() == "No article matches “泡沫” · mixed."


async def test_the_reading_position_stays_when_the_sidebar_is_toggled():
    app = CapexReaderApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        view = app.query_one("#article-view")
        app.set_focus(view)
        await pilot.press("space", "space")
        await pilot.pause()
        offset = view.lines()[int(view.scroll_y)][0]
        width = view.wrap_width
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert view.wrap_width != width  # re-wrapped for the new width
        start, end = view.lines()[int(view.scroll_y)]
        assert start <= offset <= end  # the same text at the top


def thirty_articles(folder):
    for n in range(30):
        (folder / f"a{n:02}.md").write_text(f"---\ntitle: Article {n}\n---\nText {n}.\n", "utf-8")
    return folder


@pytest.mark.parametrize("height", [20, 21])
async def test_the_list_scrolls_by_whole_articles_in_a_pane_of_any_height(tmp_path, height):
    app = CapexReaderApp(thirty_articles(tmp_path))
    async with app.run_test(size=(120, height)) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)
        app.set_focus(listing)
        pane = listing.scrollable_content_region.height
        for key in ["j"] * 29 + ["k"] * 29:
            await pilot.press(key)
            top = listing.scroll_offset.y
            assert top % 2 == 0  # a title on the top line, never a meta line cut from it
            assert top <= listing.highlighted * 2 and listing.highlighted * 2 + 2 <= top + pane + 1


async def test_the_list_keeps_whole_articles_on_top_when_its_pane_grows_by_a_line(tmp_path):
    app = CapexReaderApp(thirty_articles(tmp_path))
    async with app.run_test(size=(120, 20)) as pilot:
        await ready(pilot)
        listing = app.query_one(ArticleList)
        app.set_focus(listing)
        await pilot.press("G")  # scrolled to the end at one height
        for height in (21, 22, 21):
            await pilot.resize_terminal(120, height)
            await pilot.pause(0.1)
            top, pane = listing.scroll_offset.y, listing.scrollable_content_region.height
            assert top % 2 == 0 and top <= 29 * 2 < top + pane, (height, top, pane)  # its title shown
