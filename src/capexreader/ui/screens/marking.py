"""The reader's keys for one's own marks (read, starred, tags, a note), the source and the
article's links, the clipboard, maximising a pane and the load problems: a part of
ReaderScreen, kept apart to keep each module small."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

from .. import messages
from ..widgets.article_list import ArticleList
from ..widgets.figure_list import FigureList
from .ask import AskScreen

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from capexreader.corpus import Article
    from capexreader.session import ReaderSession
    from capexreader.state import Mark


class Marking(Screen[None]):
    """The part of the reader's screen that keeps one's marks; the reader is the rest."""

    session: ReaderSession

    def refresh_list(self, keep: bool = True) -> Sequence[Article]:
        raise NotImplementedError  # the reader's own

    def open_marks(self) -> None:
        """The folder's read state, opened after the first frame and before the titles come."""
        from ..settings import open_state

        self.session.state = open_state(self.app, self.session.root)

    def adopt_moved_marks(self) -> None:
        """In a worker: the marks of files that moved are found again (their text is read)."""
        from functools import partial

        from .. import workers

        state, corpus = self.session.state, self.session.corpus
        if state is not None and corpus is not None:
            work = partial(workers.adopt_marks, state, list(corpus.articles), self.post_message)
            self.app.run_worker(work, thread=True, group="marks", description="Finding moved files' marks")

    @on(messages.MarksMoved)
    def _marks_moved(self) -> None:
        self.refresh_list()

    def _marked(self) -> Article | None:
        """The article a mark key is about: the open one (said when there is none or no state)."""
        article = self.session.current
        if article is None:
            self.notify("No article is open.", severity="warning")
        elif self.session.state is None:
            self.notify("Read state cannot be kept here (see the log).", severity="warning")
            return None
        return article

    def _changed(self, said: str) -> None:
        self.refresh_list()
        self.query_one(ArticleList).refresh_rows()
        self.notify(said, timeout=2)

    def action_toggle_read(self) -> None:
        self._toggle("read", "Marked read.", "Marked unread.")

    def action_toggle_star(self) -> None:
        self._toggle("starred", "Starred.", "Star taken off.")

    def _toggle(self, name: str, on: str, off: str) -> None:
        article = self._marked()
        if article is not None:
            self._changed(on if self.session.toggle_mark(article, name) else off)

    def action_cycle_read_filter(self) -> None:
        if self.session.state is None:
            self.notify("Read state cannot be kept here (see the log).", severity="warning")
            return
        self.session.cycle_read_filter()
        self.refresh_list()

    def set_tag_filter(self, tag: str | None) -> None:
        self.session.tag_filter = tag
        self.refresh_list()

    def action_tag(self) -> None:
        def tags(text: str) -> dict:
            found = dict.fromkeys(t.strip().lstrip("#") for t in text.replace("，", ",").split(","))
            return {"tags": [t for t in found if t]}

        self._ask("Tags of “{}” (comma-separated)", lambda m: ", ".join(m.tags), tags, "Tags kept.")

    def action_note(self) -> None:
        self._ask(
            "A note on “{}”", lambda m: m.note, lambda text: {"note": " ".join(text.split())}, "Note kept."
        )

    def _ask(
        self, question: str, shown: Callable[[Mark], str], changes: Callable[[str], dict], said: str
    ) -> None:
        """Ask for a mark's new text in a dialog, then keep it."""
        article = self._marked()
        state = self.session.state
        if article is None or state is None:
            return

        def answered(text: str | None) -> None:
            if text is not None:
                self.session.set_mark(article, **changes(text))
                self._changed(said)

        value = shown(state.get(article.id))
        self.app.push_screen(AskScreen(question.format(article.title[:50]), value), answered)

    def action_open_source(self) -> None:
        article = self.session.current
        url = article.source if article is not None else ""
        if not url.startswith(("http://", "https://")):
            self.notify("This article names no web address to open.", severity="warning")
            return
        self.app.open_url(url)
        self.notify(url, title="Opened in the browser", timeout=3, markup=False)

    def action_copy_source(self) -> None:
        article = self.session.current
        url = article.source if article is not None else ""
        if not url:
            self.notify("This article names no source.", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(url, title="Copied", timeout=3, markup=False)

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_links(self) -> None:
        from ..widgets.article_view import ArticleView
        from .links import LinksScreen

        view = self.query_one(ArticleView)
        if not view.doc.links:
            self.notify("This article has no links.", timeout=3)
            return

        def show(offset: int | None) -> None:
            if offset is not None:
                view.scroll_to_offset(offset)
                view.focus()

        self.app.push_screen(LinksScreen(view.text, view.doc.links), show)

    def action_copy_figure(self) -> None:
        article = self.session.current
        figure = self.query_one(FigureList).highlighted_figure()
        if article is None or figure is None:
            self.notify("Highlight a figure first (f, then j/k).", severity="warning")
            return
        citation = " · ".join(p for p in (article.title, article.source, article.date or "") if p)
        text = f"{figure.label()}\n“{' '.join(figure.sentence.split())}”\n{citation}"
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Copied", timeout=4, markup=False)

    def action_show_problems(self) -> None:
        corpus = self.session.corpus
        if not corpus or not corpus.problems:
            self.notify("Every file loaded without problems.", timeout=3)
            return
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(corpus.problems, self.session.root))
