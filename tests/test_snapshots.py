"""Snapshot tests: every screen at a fixed size (update with --snapshot-update)."""

import shutil
from pathlib import Path

from capexreader.ui.app import CapexReaderApp

from .conftest import wait_ready

SIZE = (120, 36)


async def settle(pilot):
    await wait_ready(pilot)


async def tables_measured(pilot):
    """A table measures its new rows' widths when its queue is idle: wait for that (a busy
    machine once drew the tracker's columns at their headers' width)."""
    from textual.widgets import DataTable

    for _ in range(100):
        await pilot.pause(0.05)
        if not any(t._require_update_dimensions for t in pilot.app.screen.query(DataTable)):
            break
    # then drawn whole: a busy machine caught the header from the table's cache, at its widths
    # before the rows were measured (Textual's DataTable); its caches are cleared to draw anew
    for table in pilot.app.screen.query(DataTable):
        table._clear_caches()
        table.refresh()
    await pilot.pause(0.1)


def keys_then(*keys, then=()):
    """A run_before that waits for the index, then presses keys (and for a screen that works
    its content out in a worker, for that)."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press(*keys)
        for _ in range(200):
            if getattr(pilot.app.screen, "ready", True):
                break
            await pilot.pause(0.05)
        await tables_measured(pilot)
        await pilot.press(*then)
        await tables_measured(pilot)

    return run_before


def shot(snap_compare, *keys):
    return snap_compare(CapexReaderApp(), terminal_size=SIZE, run_before=keys_then(*keys))


def test_main_screen(snap_compare):
    assert snap_compare(CapexReaderApp(), terminal_size=SIZE, run_before=settle)


def test_search_jevons(snap_compare):
    assert shot(snap_compare, "slash", *"Jevons", "enter")


def test_search_traditional(snap_compare):
    assert shot(snap_compare, "slash", *"泡沫", "enter", "n")


def test_figures_sidebar_selection(snap_compare):
    assert shot(snap_compare, "f", "down", "down", "down")


def test_help_screen(snap_compare):
    assert shot(snap_compare, "question_mark")


def test_problems_screen(snap_compare, tmp_path):
    tmp_path = tmp_path / "corpus"
    tmp_path.mkdir()
    (tmp_path / "ok.md").write_text("---\ntitle: Fine\n---\nText")
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff" * 40)

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.clear_notifications()
        pilot.app.reader.action_show_problems()
        await pilot.pause()

    app = CapexReaderApp(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal(snap_compare):
    assert snap_compare(CapexReaderApp(), terminal_size=(60, 20), run_before=settle)


def test_evidence_screen(snap_compare):
    assert shot(snap_compare, "j", "j", "enter", "e")


def test_corpus_figures_table(snap_compare):
    assert shot(snap_compare, "F")


def test_corpus_figures_reconcile(snap_compare):
    assert shot(snap_compare, "F", "2")


def test_corpus_figures_chart(snap_compare):
    assert shot(snap_compare, "F", "3")


def _tracked(tmp_path):
    from .tracker_corpus import write_corpus

    return CapexReaderApp(write_corpus(tmp_path / "tracked"))


def test_tracker_screen(snap_compare, tmp_path):
    assert snap_compare(_tracked(tmp_path), terminal_size=(160, 45), run_before=keys_then("T"))


def test_tracker_screen_narrow_on_a_line_of_ranges(snap_compare, tmp_path):
    assert snap_compare(_tracked(tmp_path), terminal_size=(80, 24), run_before=keys_then("T", then=("down",)))


def test_corpus_figures_sorted_by_amount(snap_compare, tmp_path):
    assert snap_compare(
        _tracked(tmp_path), terminal_size=SIZE, run_before=keys_then("F", "o", "o", "o", "o", "o", "o", "o")
    )


MARKDOWN = Path(__file__).parent / "fixtures" / "markdown"


def _folder(tmp_path, *names):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names:
        shutil.copy(MARKDOWN / name, folder / name)
    return folder


def test_markdown_article_wide(snap_compare, tmp_path):
    app = CapexReaderApp(_folder(tmp_path, "rendered.md"))
    assert snap_compare(app, terminal_size=(160, 45), run_before=keys_then("enter"))


def test_markdown_article_narrow_at_its_table(snap_compare, tmp_path):
    app = CapexReaderApp(_folder(tmp_path, "rendered.md"))
    assert snap_compare(app, terminal_size=(60, 20), run_before=keys_then("enter", "space"))


def test_raw_web_text_keeps_its_paragraphs(snap_compare, tmp_path):
    app = CapexReaderApp(_folder(tmp_path, "raw-web.txt"))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then("enter"))


def test_markdown_article_after_a_resize_sequence(snap_compare, tmp_path):
    async def run_before(pilot):
        await keys_then("enter")(pilot)
        for size in ((80, 24), (200, 50), (60, 20), (160, 45), SIZE):
            await pilot.resize_terminal(*size)
            await pilot.pause()

    app = CapexReaderApp(_folder(tmp_path, "rendered.md"))
    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)


def test_markdown_article_in_a_light_theme(snap_compare, tmp_path):
    async def run_before(pilot):
        pilot.app.theme = "textual-light"
        await keys_then("enter")(pilot)

    app = CapexReaderApp(_folder(tmp_path, "rendered.md"))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
