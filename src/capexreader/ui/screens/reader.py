"""The reader: article list, article, figures sidebar and search bar, over a ReaderSession."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Footer, Header

from capexreader.config import Config

from .. import messages, workers
from ..collector import settle
from ..keys import READER_KEYS
from ..widgets.article_header import ArticleHeader
from ..widgets.article_list import ArticleList
from ..widgets.article_view import ArticleView
from ..widgets.figure_list import FigureList
from ..widgets.search_bar import SearchBar
from .marking import Marking

if TYPE_CHECKING:
    from capexreader.corpus import Article
    from capexreader.session import ReaderSession, Span

NARROW = 120  # columns: below this the sidebar hides and the list narrows (the reader keeps 40 or more)
BUSY = (
    "Another capexreader is indexing this folder: the list shows what is indexed so far and "
    "fills in when it is done."
)
WATCH_EVERY = 3.0  # seconds between looks at what other processes wrote to the index
# After a search the focus moves to the reader once the results are drawn (call_after_refresh
# may run before the frame is: the widgets tell the screen what changed in messages of their own).
FIRST_FRAME = 0.05


def _work(app: App, work: Callable[[], None], group: str, description: str) -> None:
    """A thread worker, the last of its group; on the app, whose one handler reports errors."""
    app.run_worker(
        work, thread=True, exclusive=True, group=group, description=description, exit_on_error=False
    )


class ReaderPane(Vertical):
    """The article's title over its text: maximised together."""

    ALLOW_MAXIMIZE = True


class ReaderScreen(Marking):
    """The main screen; its keys are the reader's, so dialogs on top switch them off."""

    BINDINGS = READER_KEYS

    current: var[Article | None] = var(None, always_update=True)
    sidebar: var[bool] = var(True)  # wanted; shown when the screen is wide enough
    narrow: var[bool] = var(False)

    def __init__(self, session: ReaderSession, settings: Config | None = None) -> None:
        super().__init__()
        self.session, self.settings = session, settings or Config()
        self._index_version = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
            with ReaderPane(id="reader"):
                yield ArticleHeader(id="article-header").data_bind(article=ReaderScreen.current)
                yield ArticleView(id="article-view")
            yield FigureList(id="figures").data_bind(article=ReaderScreen.current)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).border_title = "Articles"
        self.query_one("#reader").border_title = "Reader"
        self.query_one(FigureList).border_title = "Figures"
        self.query_one(ArticleView).set_measure(self.settings.reading_width)
        self.sidebar = self.settings.sidebar
        self.query_one(ArticleList).focus()
        # Loading starts once the first frame is out: its thread would compete for the GIL.
        self.set_timer(0.1, self.load)

    def load(self) -> None:
        self.open_marks()
        _work(
            self.app,
            partial(workers.load, self.session.root, self.post_message),
            "load",
            "Loading the folder",
        )

    def on_resize(self) -> None:
        self.narrow = self.size.width < NARROW

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")
        self.watch_sidebar(self.sidebar)

    def watch_sidebar(self, wanted: bool) -> None:
        self.query_one(FigureList).set_shown(wanted and not self.narrow)

    # -- what the workers report -------------------------------------------------------------
    @on(messages.CorpusLoaded)
    def _corpus_loaded(self, message: messages.CorpusLoaded) -> None:
        self.session.corpus = message.corpus
        self.adopt_moved_marks()
        self.refresh_list()
        if message.corpus.articles:
            self.open_article(message.corpus.articles[0].id, focus=False)
        if message.warning:
            self.notify(message.warning, title="No cache", severity="warning", markup=False)
        self.report_problems()

    @on(messages.ListingMade)
    def _listing_made(self, message: messages.ListingMade) -> None:
        self.session.take_listing(message.listing)

    @on(messages.FolderUnreadable)
    def _folder_unreadable(self, message: messages.FolderUnreadable) -> None:
        self.session.error = message.reason
        self.notify(message.reason, title="Cannot open folder", severity="error", timeout=10, markup=False)

    @on(messages.IndexProgress)
    def _index_progress(self, message: messages.IndexProgress) -> None:
        from ..widgets.index_progress import IndexProgress

        IndexProgress.report(self.query_one("#left", Vertical), message.done, message.total)

    @on(messages.IndexBusy)
    def _index_busy(self) -> None:
        self.notify(BUSY, title="Index busy", timeout=8)

    @on(messages.ArticlesAdded)
    def _articles_added(self, message: messages.ArticlesAdded) -> None:
        first = self.session.add_articles(message.articles)
        self.refresh_list()
        if first is not None:
            self.open_article(first.id, focus=False)

    @on(messages.IndexReady)
    def _index_ready(self, message: messages.IndexReady) -> None:
        session = self.session
        session.index = message.index
        self._index_version = message.index.version()
        self.set_interval(WATCH_EVERY, self._watch_index)
        settle()
        if session.add_problems(message.problems):
            self.report_problems()
        if session.corpus is None or not session.corpus.articles:
            self.notify("No articles in this folder (.md, .markdown, .txt).", severity="warning")
        if session.pending_query is not None:
            query, session.pending_query = session.pending_query, None
            self.run_search(query)

    def _watch_index(self) -> None:
        index = self.session.index
        busy = any(w.group in ("load", "watch") and not w.is_finished for w in self.app.workers)
        if index is not None and not busy:
            changes = partial(workers.look_for_changes, index, self._index_version, self.post_message)
            _work(self.app, changes, "watch", "Looking for changes to the index")

    @on(messages.IndexChanged)
    def _index_changed(self, message: messages.IndexChanged) -> None:
        self._index_version = message.version
        added, dropped = self.session.take_index(message.articles)
        if added or dropped:
            self.refresh_list()
            self.notify(
                f"Another capexreader changed this folder's index: {added} added, {dropped} gone.", timeout=5
            )

    @on(messages.SummariesFound)
    def _summaries_found(self, message: messages.SummariesFound) -> None:
        self.session.add_summaries(message.summaries)
        self.query_one(ArticleList).refresh_rows()

    @on(messages.BodyRead)
    def _body_read(self, message: messages.BodyRead) -> None:
        message.article.keep_body(message.body)
        if self.session.current is message.article:
            self._show_body(message.article)

    @on(messages.ArticlePrepared)
    def _article_prepared(self, message: messages.ArticlePrepared) -> None:
        article = message.article
        article.adopt(message.figures, message.stance)
        self.session.keep_prepared(article, message.prepared)
        settle()
        if self.session.current is article:
            self.mutate_reactive(ReaderScreen.current)  # the header and sidebar redraw
            view = self.query_one(ArticleView)
            view.set_marks(self.session.marks(article, view.marks.current))

    def report_problems(self) -> None:
        if summary := self.session.problems_summary():
            self.notify(summary, title="Load problems", severity="warning", markup=False)

    # -- list and reader ---------------------------------------------------------------------
    def refresh_list(self, keep: bool = True) -> Sequence[Article]:
        """Show the articles that pass the filters; returns them. keep: the highlight stays on
        the same article where it is still listed (else it goes to the first)."""
        return self.query_one(ArticleList).show_session(self.session, keep)

    def open_article(self, article_id: str, focus: bool = True) -> None:
        article = self.session.open(article_id)
        if article is not None:
            self._show_article(article, focus)

    def _show_article(self, article: Article, focus: bool) -> None:
        """Show the session's open article: header, body, marks, sidebar."""
        self.current = article
        view = self.query_one(ArticleView)
        if not self.session.is_prepared(article):  # a long one: the work is done apart
            _work(
                self.app,
                partial(workers.prepare, article, self.post_message),
                "article",
                "Reading a long article",
            )
        if article.loaded or not article.is_long:  # a short body is read from the cache at once
            self._show_body(article)
        else:
            view.show("")
            view.loading = True
            self._update_counter()
        if focus:
            view.focus()

    def _show_body(self, article: Article) -> None:
        view = self.query_one(ArticleView)
        view.loading = False
        hit = self.session.current_hit()
        view.show(article.body, self.session.marks(article, hit))
        if hit is not None:
            view.scroll_to_offset(hit[0])
        self._update_counter()

    def mark(self, span: Span | None, focus: bool = False) -> None:
        """Stand out span in the open article and scroll to it."""
        article = self.session.current
        if article is None:
            return
        view = self.query_one(ArticleView)
        view.set_marks(self.session.marks(article, span))
        if span is not None:
            view.scroll_to_offset(span[0])
        if focus:
            view.focus()
        self._update_counter()

    def _update_counter(self) -> None:
        self.query_one("#reader").border_subtitle = self.session.counter()

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        """Enter opens the article beside the list; Enter on the open one moves into it."""
        current = self.session.current
        if current is not None and current.id == event.article_id:
            self.query_one(ArticleView).focus()
        else:
            self.open_article(event.article_id, focus=False)

    @on(FigureList.Chosen)
    def _figure_chosen(self, event: FigureList.Chosen) -> None:
        span = self.session.figure_span(event.index)
        if span is not None and event.article is self.session.current:
            self.mark(span)

    # -- search ------------------------------------------------------------------------------
    async def action_search(self) -> None:
        if not self.query(SearchBar):  # mounted when first wanted: a lighter first frame
            await self.mount(SearchBar(id="search-bar"), before=self.query_one(Footer))
        self.query_one(SearchBar).open()

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if not event.query.strip():
            self.action_clear_search()
        elif self.session.index is None:
            self.session.search(event.query)  # kept: it runs when the index is ready
            self.query_one(SearchBar).set_info("Indexing… the search runs when it is ready.")
        else:
            self.run_search(event.query)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.action_clear_search()

    def run_search(self, query: str) -> None:
        result = self.session.search(query)
        bar = self.query_one(SearchBar)
        bar.set_info(Text(self.session.search_info()))
        first = self.refresh_list(keep=False)  # the first result opens
        if result is not None and len(result) and first:
            self.open_article(first[0].id, focus=False)
            self.set_timer(FIRST_FRAME, partial(self._focus_reader, result))
            return
        if self.session.current is not None:
            self.open_article(self.session.current.id, focus=False)
        bar.input.focus()

    def _focus_reader(self, result: object) -> None:
        """n and N step through the hits from the reader, once the results are drawn: moving
        into the reader restyles its pane (:focus-within): app_bench.py's search_paint_ms."""
        if self.session.result is result:  # not cleared or replaced meanwhile
            self.query_one(ArticleView).focus()

    def action_clear_search(self) -> None:
        bars = self.query(SearchBar)
        if not bars:
            return
        bar = bars.first()
        had_search = self.session.clear_search() or bar.display
        bar.close()
        if had_search:
            self.refresh_list()
            self.mark(None, focus=True)

    def action_step_hit(self, step: int) -> None:
        """The next (1) or previous (-1) search hit, on to the next article after the last."""
        where = self.session.step_hit(step)
        if where is None:
            self.notify("No search hits. Press / to search.", timeout=3)
        elif where.moved:
            self._show_article(where.article, focus=True)
            self.query_one(ArticleList).highlight_id(where.article.id)
        else:
            self.mark(where.span)

    def set_expand(self, value: bool) -> None:
        self.session.expand = value
        self.notify(f"Glossary expansion {'on' if value else 'off'}", timeout=3)
        if self.session.result is not None and self.session.index is not None:
            self.run_search(self.session.result.query)

    # -- filters, panes, dialogs -------------------------------------------------------------
    def action_cycle_stance(self) -> None:
        self.session.cycle_stance()
        self.refresh_list()  # the list's title shows the filter

    def set_stance_filter(self, label: str) -> None:
        self.session.set_stance_filter(label)
        self.refresh_list()

    def action_focus_figures(self) -> None:
        self.sidebar = True
        self.query_one(FigureList).take_focus()

    def action_toggle_sidebar(self) -> None:
        self.sidebar = not self.query_one(FigureList).display

    def action_corpus_figures(self) -> None:
        from .figures import FiguresScreen

        if self.session.corpus is not None:
            self.app.push_screen(FiguresScreen(self.session.corpus), self.show_figure)

    def action_tracker(self) -> None:
        from .tracker import TrackerScreen

        if self.session.corpus is not None:
            self.app.push_screen(TrackerScreen(self.session.corpus), self.show_figure)

    def show_figure(self, target: tuple[str, int, int] | None) -> None:
        """Open an article with the reader at one of its figures (a screen's answer)."""
        if target is None:
            return
        article_id, start, end = target
        self.open_article(article_id)
        current = self.session.current
        if current is None or current.id != article_id:
            return
        self.mark((start, end))
        self.query_one(FigureList).highlight_figure(start)
        self.query_one(ArticleList).highlight_id(article_id)

    def action_evidence(self) -> None:
        article = self.session.current
        if article is None:
            return
        if not self.session.is_prepared(article):
            self.notify("Still reading this long article; try again in a moment.", timeout=3)
            return
        from .evidence import EvidenceScreen

        def jump(offset: int | None) -> None:
            if offset is None or self.session.current is not article:
                return
            span = next(((e.start, e.end) for e in article.stance.evidence if e.start == offset), None)
            self.mark(span or (offset, offset), focus=True)

        self.app.push_screen(EvidenceScreen(article), jump)
