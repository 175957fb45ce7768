"""The settings file applied to the app; a theme picked in the palette is saved back to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capexreader.config import config_path, save_setting

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App
    from textual.theme import Theme

    from capexreader.config import Config
    from capexreader.state import ReadState


def apply_settings(app: App, config: Config, problems: list[str]) -> None:
    """What the app takes from the settings (the reader's screen takes the rest)."""
    for line in problems:
        app.notify(line, title="Settings", severity="warning", timeout=12, markup=False)
    if config.theme and config.theme in app.available_themes:
        app.theme = config.theme
    elif config.theme:
        app.notify(
            f"{config_path()}: theme: no theme {config.theme!r} (ctrl+p, “theme”, lists them)",
            title="Settings",
            severity="warning",
            markup=False,
        )
    app.theme_changed_signal.subscribe(app, lambda theme: _save_theme(app, theme))


def _save_theme(app: App, theme: Theme) -> None:
    try:
        save_setting("theme", theme.name)
    except OSError as exc:
        app.notify(f"{config_path()}: {exc.strerror or exc}", title="Theme not saved", severity="warning")


def open_state(app: App, root: Path) -> ReadState | None:
    """The folder's read state; None, said once, where it cannot be kept."""
    import sqlite3

    from capexreader.state import ReadState

    try:
        return ReadState(root)
    except (OSError, sqlite3.Error) as exc:
        app.notify(
            f"Read state cannot be kept ({exc}): no marks this time.", severity="warning", markup=False
        )
        return None
