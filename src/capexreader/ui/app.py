"""The Textual app: the stylesheet, the keys that work everywhere, the default screen, the
command palette's system commands and the errors of workers."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from capexreader.config import Config
from capexreader.paths import bundled_content
from capexreader.session import ReaderSession

from . import collector
from .collector import Collector
from .keys import APP_KEYS
from .screens.reader import ReaderScreen


def _article_commands():  # noqa: ANN202 - a command provider, imported when first needed
    from .widgets.commands import ArticleCommands

    return ArticleCommands


class CapexReaderApp(App[None]):
    """capexreader: read the AI-capex news in panes, with figures, stance and search."""

    CSS_PATH = Path(__file__).parent / "capexreader.tcss"
    TITLE = "capexreader"
    COMMANDS = App.COMMANDS | {_article_commands}
    BINDINGS = APP_KEYS

    def __init__(
        self,
        content_dir: Path | str | None = None,
        keymap: dict[str, str] | None = None,
        config: Config | None = None,
        content_name: str | None = None,
        config_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.session = ReaderSession(Path(content_dir) if content_dir else bundled_content())
        self.config = config or Config()
        self._keymap = {**self.config.keymap, **(keymap or {})}
        self._content_name, self._problems = content_name, config_problems or []
        self.collector = Collector()

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Screenshots go to the data folder's screenshots/ (made if need be): the platform's
        Downloads folder, Textual's choice, need not exist."""
        from capexreader.paths import data_dir

        folder = Path(path) if path else data_dir() / "screenshots"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.notify(f"{folder}: {exc.strerror or exc}", title="Screenshot not saved", severity="error")
            return None
        return super().deliver_screenshot(filename, str(folder), time_format)

    def get_default_screen(self) -> Screen:
        self.session.expand = self.config.glossary
        return ReaderScreen(self.session, self.config)

    @property
    def reader(self) -> ReaderScreen:
        """The reader's own screen, under any dialog or other screen."""
        screen = self.screen_stack[0] if self.screen_stack else self.screen
        assert isinstance(screen, ReaderScreen)
        return screen

    def on_load(self) -> None:
        self.collector.hold()

    def on_mount(self) -> None:
        from .settings import apply_settings

        self.sub_title = self._content_name or self.session.root.name
        self.set_keymap(self._keymap)
        apply_settings(self, self.config, self._problems)
        self.call_after_refresh(self._first_frame_out)

    def _first_frame_out(self) -> None:
        if self.collector.release():
            self.set_interval(collector.FULL_EVERY, self._collect)

    def _collect(self) -> None:
        gc.collect()

    def on_unmount(self) -> None:
        from . import workers

        workers.helper.stop()  # a long article's work is not waited for
        self.collector.restore()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """One place for every worker's error: said, never swallowed, never a crash."""
        error = event.worker.error
        if event.state is WorkerState.ERROR and error is not None:
            from capexreader.log import log_failure, one_line

            what = event.worker.description or event.worker.name
            log_failure(what, error)
            self.notify(
                one_line(what, error),
                title="Something went wrong",
                severity="error",
                timeout=10,
                markup=False,
            )

    def action_help(self) -> None:
        from .screens.help import HelpScreen, key_groups

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .palette import reader_commands

        yield from super().get_system_commands(screen)
        yield from reader_commands(self, self.reader)
