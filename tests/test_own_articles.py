"""Your own articles and your place kept: read state, settings, the default folder, links and
the clipboard, and the command line as a new user meets it."""

import json
import shutil

import pytest

from capexreader.cli import main
from capexreader.ui.app import CapexReaderApp
from capexreader.ui.screens.ask import AskScreen
from capexreader.ui.widgets.article_list import ArticleList
from capexreader.ui.widgets.figure_list import FigureList

from .conftest import wait_ready
from .tracker_corpus import write_corpus


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, folder, *flags):
    code, out, _ = run(capsys, "list", "--content", str(folder), "--format", "json", *flags)
    assert code == 0
    return [i["id"] for i in json.loads(out)]


def test_marks_from_the_command_line_survive_a_rebuilt_index_and_a_moved_file(tmp_path, capsys, monkeypatch):
    folder = write_corpus(tmp_path / "c")
    code, out, _ = run(
        capsys, "mark", "ms-jan", "--content", str(folder), "--star", "--tag", "watch", "--note", "see  Q3"
    )
    assert code == 0 and json.loads(out) == {
        "id": "ms-jan",
        "read": False,
        "starred": True,
        "tags": ["watch"],
        "note": "see Q3",
    }
    run(capsys, "mark", "meta-feb", "--content", str(folder), "--read")
    assert listed(capsys, folder, "--starred") == ["ms-jan"]
    assert listed(capsys, folder, "--tag", "watch") == ["ms-jan"]
    assert "meta-feb" not in listed(capsys, folder, "--unread") and "ms-jan" in listed(
        capsys, folder, "--unread"
    )
    cache = tmp_path / "fresh-cache"  # a rebuilt index: the marks are not in it
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(cache))
    assert listed(capsys, folder, "--starred") == ["ms-jan"]
    shutil.move(folder / "ms-jan.md", folder / "renamed.md")  # a moved file keeps its state
    assert listed(capsys, folder, "--starred") == ["renamed"]
    code, out, _ = run(capsys, "mark", "ms-apr", "--content", str(folder), "--untag", "none", "--unstar")
    assert code == 0 and json.loads(out)["starred"] is False
    assert run(capsys, "mark", "nope", "--content", str(folder))[0] == 1


def test_a_bad_settings_file_is_one_line_and_the_defaults(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("CAPEXREADER_CONFIG_DIR", str(config))
    config.mkdir()
    (config / "config.toml").write_text('sidebar = "yes"\n', "utf-8")
    code, out, err = run(capsys, "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 5
    assert (
        err.strip() == f"capexreader: {config / 'config.toml'}:1: sidebar: should be true or false, not 'yes'"
    )
    code, out, err = run(capsys, "config", "--show")
    assert code == 1 and json.loads(out)["sidebar"] is True
    code, out, _ = run(capsys, "config", "--path")
    assert code == 0 and out.strip() == str(config / "config.toml")


def test_the_library_is_the_default_folder_once_it_has_articles(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("CAPEXREADER_DATA_DIR", str(data))
    assert len(listed(capsys, "bundled")) == 5
    code, out, _ = run(capsys, "list", "--format", "json")
    assert len(json.loads(out)) == 5  # no library yet: the bundled articles
    write_corpus(data / "library")
    code, out, _ = run(capsys, "list", "--format", "json")
    assert {i["id"] for i in json.loads(out)} >= {"ms-jan", "meta-feb"}
    assert len(listed(capsys, "bundled")) == 5


def test_the_command_line_as_a_new_user_meets_it(tmp_path, capsys):
    code, _, err = run(capsys, "show", "ainews-big-tech-320b-ai-spend")
    assert code == 1 and "did you mean articles/ainews-big-tech-320b-ai-spend?" in err
    code, _, err = run(capsys, "search", "  ")
    assert code == 2 and "give words to search for" in err
    a_file = tmp_path / "notes.md"
    a_file.write_text("x", "utf-8")
    code, _, err = run(capsys, "list", "--content", str(a_file))
    assert code == 1 and "is a file; --content takes a folder" in err
    code, out, _ = run(capsys, "list")  # piped: tab-separated, ids whole
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][1] == "id" and "articles/huxiu-ai-investment-last-industrial-revolution" in [
        r[1] for r in rows
    ]


async def test_read_marks_star_tags_and_filters_in_the_reader(tmp_path):
    folder = write_corpus(tmp_path / "c")
    app = CapexReaderApp(folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        state = app.session.state
        first = app.session.current.id
        assert state.get(first).read  # opened: read
        await pilot.press("r")
        assert not state.get(first).read
        await pilot.press("r", "asterisk")
        assert state.get(first).read and state.get(first).starred
        await pilot.press("number_sign")
        assert isinstance(app.screen, AskScreen)
        await pilot.press(*"capex, 观察", "enter")
        assert state.get(first).tags == ["capex", "观察"]
        await pilot.press("u")  # unread only
        ids = app.query_one(ArticleList).article_ids
        assert first not in ids and len(ids) == 7
        await pilot.press("u")  # starred only
        assert app.query_one(ArticleList).article_ids == [first]
        assert "starred" in app.query_one(ArticleList).border_title
        await pilot.press("u")
    again = CapexReaderApp(folder)  # kept across restarts
    async with again.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        assert again.session.state.get(first).starred


async def test_open_the_source_and_copy_a_figure_with_its_citation(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "c")
    app = CapexReaderApp(folder)
    opened = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        current = app.session.current
        await pilot.press("o")
        assert opened == [current.source]
        await pilot.press("Y")
        assert app.clipboard == current.source
        await pilot.press("f", "y")
        figure = app.query_one(FigureList).highlighted_figure()
        assert app.clipboard.splitlines() == [
            figure.label(),
            f"“{figure.sentence}”",
            f"{current.title} · {current.source} · {current.date}",
        ]


async def test_settings_apply_and_a_theme_picked_is_saved(tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("CAPEXREADER_CONFIG_DIR", str(config))
    config.mkdir()
    (config / "config.toml").write_text(
        '# mine\ntheme = "nord"\nsidebar = false\nreading_width = 40\nglossary = false\nbogus = 1\n'
        '[keymap]\n"app.stance" = "z"\n',
        "utf-8",
    )
    from capexreader.config import load_config

    settings, problems = load_config()
    app = CapexReaderApp(config=settings, config_problems=problems)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_ready(pilot)
        assert app.theme == "nord" and not app.session.expand
        assert not app.query_one(FigureList).display
        assert app.query_one("#article-view").wrap_width == 40
        assert any("bogus: no such setting" in n.message for n in app._notifications)
        await pilot.press("z")
        assert app.session.stance_filter == "bullish"
        app.theme = "dracula"
        await pilot.pause()
    text = (config / "config.toml").read_text("utf-8")
    assert text.startswith('# mine\ntheme = "dracula"\n') and '"app.stance" = "z"' in text


@pytest.mark.parametrize("content", ["bundled"])
def test_the_reader_refuses_a_file_for_a_folder(tmp_path, capsys, content):
    a_file = tmp_path / "x.md"
    a_file.write_text("x", "utf-8")
    code, _, err = run(capsys, "--content", str(a_file))
    assert code == 1 and "is a file" in err
