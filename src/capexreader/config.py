"""Settings: a TOML file in the user's config folder. A bad file or key is said in one line
(file, line, key, what is wrong) and the defaults are used for what it got wrong."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic

EXAMPLE = """\
# capexreader settings (every key is optional)
# content = "~/news"          # the folder opened with no --content ("bundled" for the bundled one)
# theme = "textual-dark"      # a theme picked in the palette is saved here
# glossary = true             # search also finds the other language's terms
# reading_width = 100         # the reader's widest line, in cells
# sidebar = true              # the figures sidebar shown where there is room
#
# [keymap]                    # binding id = keys; help (?) lists every id
# "app.search" = "slash,ctrl+f"
"""


@dataclass
class Config:
    content: str | None = None
    theme: str | None = None
    glossary: bool = True
    reading_width: int = 100
    sidebar: bool = True
    keymap: dict[str, str] = field(default_factory=dict)


TYPES: dict[str, type | tuple[type, ...]] = {
    "content": str,
    "theme": str,
    "glossary": bool,
    "reading_width": int,
    "sidebar": bool,
    "keymap": dict,
}


SAID: dict[object, str] = {
    str: "text in quotes",
    bool: "true or false",
    int: "a whole number",
    dict: "a table",
}


def config_path() -> Path:
    env = os.environ.get("CAPEXREADER_CONFIG_DIR")
    if env:
        return Path(env) / "config.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("capexreader", appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings and what was wrong with the file (each a line naming file, line and key)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the same parser, released apart
        import tomli as tomllib

    path = path or config_path()
    config = Config()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return config, []
    except (OSError, UnicodeDecodeError) as exc:
        return config, [f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); defaults used"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return config, [f"{path}: {exc}; defaults used"]
    problems = []
    for key, value in data.items():
        where = f"{path}:{_line_of(text, key)}: {key}"
        wanted = TYPES.get(key)
        if wanted is None:
            problems.append(f"{where}: no such setting (known: {', '.join(TYPES)})")
        elif not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            problems.append(f"{where}: should be {SAID[wanted]}, not {value!r}")
        elif isinstance(value, int) and key == "reading_width" and not 20 <= value <= 1000:
            problems.append(f"{where}: should be between 20 and 1000 cells, not {value}")
        elif isinstance(value, dict):
            for binding, keys in value.items():
                if not isinstance(keys, str) or not keys.strip():
                    line = _line_of(text, binding)
                    problems.append(f'{path}:{line}: keymap.{binding}: should be keys such as "ctrl+f"')
                else:
                    config.keymap[binding] = keys
        else:
            setattr(config, key, value)
    return config, problems


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one top-level string setting, keeping the rest of the file (comments included)."""
    path = path or config_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = EXAMPLE
    line = f"{key} = {_quote(value)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.M)
    head, table, tail = text.partition("\n[")  # top-level keys come before the first table
    if pattern.search(head):
        head = pattern.sub(lambda _: line, head, count=1)
    else:
        head = head.rstrip("\n") + "\n" + line + "\n"
    write_atomic(path, head + table + tail)
    return path


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_of(text: str, key: str) -> int:
    """The line where key is set (1 if it cannot be told)."""
    match = re.search(rf'^\s*"?{re.escape(key)}"?\s*=', text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1
