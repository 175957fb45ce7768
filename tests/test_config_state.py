"""Settings from a TOML file, and read state kept apart from the content folder."""

from capexreader.config import Config, load_config, save_setting
from capexreader.state import ReadState


def test_a_good_file_is_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'content = "~/news"\ntheme = "nord"\nglossary = false\nreading_width = 90\nsidebar = false\n'
        '[keymap]\n"app.search" = "slash,ctrl+f"\n',
        "utf-8",
    )
    config, problems = load_config(path)
    assert problems == []
    assert config == Config("~/news", "nord", False, 90, False, {"app.search": "slash,ctrl+f"})


def test_a_missing_file_is_the_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == (Config(), [])


def test_each_bad_key_is_one_line_naming_file_line_and_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nreading_width = "wide"\ncolour = 1\nsidebar = 3\n', "utf-8")
    config, problems = load_config(path)
    assert config.theme == "nord" and config.reading_width == 100 and config.sidebar is True
    assert problems == [
        f"{path}:2: reading_width: should be a whole number, not 'wide'",
        f"{path}:3: colour: no such setting "
        "(known: content, theme, glossary, reading_width, sidebar, keymap)",
        f"{path}:4: sidebar: should be true or false, not 3",
    ]


def test_a_file_that_is_not_toml_is_one_line_and_the_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", "utf-8")
    config, problems = load_config(path)
    assert config == Config() and len(problems) == 1 and problems[0].startswith(f"{path}: ")
    assert "line 1" in problems[0]


def test_saving_a_setting_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\nsidebar = false\n\n[keymap]\n"app.search" = "ctrl+f"\n', "utf-8")
    save_setting("theme", "dracula", path)
    text = path.read_text("utf-8")
    assert text.startswith('# mine\ntheme = "dracula"\n') and '"app.search" = "ctrl+f"' in text
    config, problems = load_config(path)
    assert problems == [] and config.theme == "dracula" and config.sidebar is False
    fresh = tmp_path / "new" / "config.toml"
    save_setting("theme", 'odd "name"', fresh)
    assert load_config(fresh)[0].theme == 'odd "name"'


def test_read_state_is_kept_across_processes_and_follows_a_moved_file(tmp_path):
    store = tmp_path / "state.sqlite"
    folder = tmp_path / "articles"
    folder.mkdir()
    one = ReadState(folder, store)
    one.update("a", body="泡沫来了。", read=True, starred=True, tags=["watch"], note="see Q3")
    one.close()
    two = ReadState(folder, store)
    mark = two.get("a")
    assert (mark.read, mark.starred, mark.tags, mark.note) == (True, True, ["watch"], "see Q3")
    assert not two.get("b").read and two.tags() == ["watch"]
    assert two.adopt_moved(["renamed"], {"renamed": "泡沫来了。"}.get) == 1  # a moved file
    assert two.get("renamed").starred and not two.get("a").starred
    other = ReadState(tmp_path / "elsewhere", store)  # another content folder: its own marks
    assert not other.get("renamed").read
