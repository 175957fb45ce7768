"""The Textual app: article list, reader, figures sidebar, search bar."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from threading import Thread
from time import monotonic
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from .memory import (
    collect_if_due,
    defer_full_collections,
    hold,
    no_collection,
    release,
    restore_collections,
    settle,
)
from .paths import bundled_content
from .widgets.article_header import ArticleHeader
from .widgets.article_list import ArticleList
from .widgets.article_view import ArticleView, Marks
from .widgets.figure_list import FigureList
from .widgets.footer import Footer
from .widgets.search_bar import SearchBar, SearchInput

if TYPE_CHECKING:
    from .corpus import Article, Corpus
    from .search import SearchIndex, SearchResult

# The model, dialogs and palette are imported when first needed: the first frame waits
# for none of them.


def _article_commands():  # noqa: ANN202 - a lazy command palette provider
    from .widgets.commands import ArticleCommands

    return ArticleCommands

STANCE_FILTERS = ("all", "bullish", "bearish", "mixed")
NARROW = 100
IDLE = 3.0  # seconds without a key or click: time for a full garbage collection
HIT_LIMIT = 30  # results whose hits are built with the search; the rest when opened
READER_ACTIONS = {"search", "next_hit", "previous_hit", "cycle_stance", "focus_figures",
                  "toggle_sidebar", "clear_search", "evidence", "corpus_figures"}


def _load_query_tools() -> None:
    from .query import glossary
    from .segment import tokenizer

    try:
        glossary()
        tokenizer()
    except Exception:  # noqa: BLE001 - never print over the app; a search loads them again
        pass


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class CapexReaderApp(App[None]):
    """capexreader: read the AI-capex news in panes, with figures, stance and search."""

    CSS_PATH = Path(__file__).parent / "capexreader.tcss"
    TITLE = "capexreader"
    COMMANDS = App.COMMANDS | {_article_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit capexreader"),
        Binding("slash", "search", "Search", id="app.search",
                tooltip="Search all articles (Chinese and English)"),
        Binding("n", "next_hit", "Next hit", show=False, id="app.next_hit",
                tooltip="Go to the next search hit, on to the next article"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="app.previous_hit",
                tooltip="Go to the previous search hit"),
        Binding("s", "cycle_stance", "Stance", show=False, id="app.stance",
                tooltip="Filter by stance: all, bullish, bearish, mixed"),
        Binding("f", "focus_figures", "Figures", show=False, id="app.figures",
                tooltip="Focus the figures of the open article"),
        Binding("F", "corpus_figures", "All figures", show=False, id="app.corpus_figures",
                tooltip="Every figure in the corpus: table, reconciliation, capex chart"),
        Binding("e", "evidence", "Why", show=False, id="app.evidence",
                tooltip="Why this stance: the sentences and cues that moved the score"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", show=False, id="app.sidebar",
                tooltip="Show or hide the figures sidebar"),
        Binding("escape", "clear_search", "Clear", show=False, id="app.clear",
                tooltip="Clear the search"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Show the help: what this is and every key"),
    ]

    def __init__(self, content_dir: Path | str | None = None) -> None:
        super().__init__()
        # Plain attributes, not reactives: an app reactive repaints the whole screen.
        self.stance_filter = "all"
        self.expand = True
        self.content_dir = Path(content_dir) if content_dir else bundled_content()
        self.corpus: Corpus | None = None
        self.current: Article | None = None
        self.index: SearchIndex | None = None
        self.result: SearchResult | None = None
        self.hits: dict[str, list[tuple[int, int]]] = {}
        self.hit_index = 0
        self._warm = False
        self._pending_query: str | None = None
        self._leanings: dict[str, list[tuple[int, int, int]]] = {}
        self._figure_spans: dict[str, list[tuple[int, int]]] = {}  # of long articles
        self._sidebar_wanted = True
        self.ready = False  # the corpus is loaded and indexed, or could not be loaded
        self._holding = False
        self._thresholds: tuple[int, int, int] | None = None
        self._last_input = 0.0

    @property
    def main(self) -> Screen:
        """The reader's own screen, under any dialog or other screen."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader keys do nothing while another screen is on top."""
        if action in READER_ACTIONS and len(self.screen_stack) > 1:
            return False
        return True

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
            with Vertical(id="reader"):
                yield ArticleHeader(id="article-header")
                yield ArticleView(id="article-view")
            yield FigureList(id="figures")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.content_dir.name
        self.main.query_one(ArticleList).border_title = "Articles"
        self.main.query_one("#reader").border_title = "Reader"
        self.main.query_one(FigureList).border_title = "Figures"
        self.main.query_one(ArticleList).focus()
        self.call_after_refresh(self._first_frame_out)
        self._thresholds = defer_full_collections()
        self.set_interval(IDLE, self._collect_when_idle)
        # Start loading once the first frame is out: the worker thread would compete for the GIL.
        self.set_timer(0.1, self.load_content)

    async def run_async(self, **kwargs: object) -> object:  # type: ignore[override]
        """Run the app, with no garbage collection until the first frame is out: the
        collector would walk every object the imports made, more than once (a full pass took
        35 ms of the first frame's time). Returns what the app exits with."""
        hold()
        self._holding = True
        try:
            return await super().run_async(**kwargs)  # type: ignore[arg-type]
        finally:
            self._first_frame_out()

    def on_unmount(self) -> None:
        if self._thresholds is not None:
            restore_collections(self._thresholds)
            self._thresholds = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp)):
            self._last_input = monotonic()
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        """Full garbage collections run here, between the user's keys, not during them."""
        collect_if_due(idle=monotonic() - self._last_input >= IDLE)

    def _first_frame_out(self) -> None:
        if self._holding:
            self._holding = False
            release()

    def on_resize(self) -> None:
        self._apply_width()

    def _apply_width(self) -> None:
        narrow = self.size.width < NARROW
        self.main.set_class(narrow, "narrow")
        self.main.query_one(FigureList).display = self._sidebar_wanted and not narrow

    # -- loading -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", description="load and index")
    def load_content(self) -> None:
        """Titles from the cache (or the files), then the index brought up to date: a thread
        worker, while a pool of processes does the segmenting of a large first build."""
        from . import segment
        from .corpus import Corpus
        from .indexer import (
            PARALLEL_FROM,
            as_load_problems,
            corpus_from_index,
            kept_problems,
            make_plan,
            open_index,
        )

        segment.gentle = True  # jieba's dictionary in small steps: the app keeps drawing
        root = self.content_dir
        worker = get_current_worker()
        if not root.is_dir():
            self.call_from_thread(self.notify, f"{root}: not a readable folder",
                                  title="Cannot open folder", severity="error", timeout=10,
                                  markup=False)
            self.ready = True
            return
        index, warning = open_index(root)
        plan = make_plan(root, index)
        stale = set(plan.removed) | {aid for aid, _, _ in plan.todo}
        cached = corpus_from_index(root, index)
        corpus = Corpus(root, [a for a in cached.articles if a.id not in stale],
                        as_load_problems(kept_problems(index, plan)))
        if len(plan.todo) < PARALLEL_FROM:
            corpus.add(self._read_now(plan, corpus))
        first = corpus.articles[0] if corpus.articles else None
        if first is not None and not first.is_long:  # it opens at once: work here
            first.figures, first.stance  # noqa: B018
        self.call_from_thread(self._loaded, corpus, warning)
        self._sync(index, plan, corpus, worker, large=len(plan.todo) >= PARALLEL_FROM)

    @staticmethod
    def _read_now(plan, corpus: Corpus) -> list[Article]:  # noqa: ANN001
        """A few new or changed files: read them here, so their titles show at once."""
        from .indexer import read_one

        fresh = []
        for aid, path, _ in plan.todo:
            article = read_one(Path(path), aid, corpus.problems)
            if article is None:
                continue
            if not article.is_long:  # a long one is summarised by the indexer
                article.summarise()
            fresh.append(article)
        return fresh

    def _sync(self, index: SearchIndex, plan, corpus: Corpus, worker, large: bool) -> None:  # noqa: ANN001
        from .indexer import article_from_index, sync

        total = len(plan.todo)

        def progress(done: int, _total: int) -> None:
            if done == total or done % max(1, total // 100) == 0:
                self.call_from_thread(self._progress, done, total)

        def added(batch: list) -> None:
            if large:
                arts = [article_from_index(index, r.id, r.path, r.title, r.info) for r in batch]
                self.call_from_thread(self._add_articles, arts)

        if total:
            self.call_from_thread(self._progress, 0, total)
            sync(plan.root, index, plan, progress=progress, added=added,
                 cancelled=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        self.call_from_thread(self._indexed, index)
        self._fill_summaries(index, corpus, worker)

    def _fill_summaries(self, index: SearchIndex, corpus: Corpus, worker) -> None:  # noqa: ANN001
        """Stance and figure counts for articles indexed without them (by the command line)."""
        missing = [a for a in list(corpus.articles) if a.stance_label is None]
        for start in range(0, len(missing), 200):
            if worker.is_cancelled:
                return
            batch = missing[start : start + 200]
            index.update_infos([(a.id, a.summarise()) for a in batch])
            for article in batch:
                if article is not self.current:
                    article.release()
            self.call_from_thread(self.main.query_one(ArticleList).refresh_rows)

    def _progress(self, done: int, total: int) -> None:
        from textual.widgets import ProgressBar  # imported when first needed, as it is mounted

        bars = self.main.query("#index-progress")
        if not bars and done >= total:
            return
        if not bars:  # mounted when first needed: the first frame has less to draw
            self.main.query_one("#left").mount(ProgressBar(id="index-progress", show_eta=False))
        bar = self.main.query_one("#index-progress", ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)

    def _add_articles(self, articles: list[Article]) -> None:
        if self.corpus is None:
            return
        first = not self.corpus.articles
        self.corpus.add(articles)
        self.refresh_list()
        if first and self.corpus.articles:
            self.open_article(self.corpus.articles[0].id, focus=False)

    def _loaded(self, corpus: Corpus, warning: str | None = None) -> None:
        self.corpus = corpus
        self.refresh_list()
        if corpus.articles:
            self.open_article(corpus.articles[0].id, focus=False)
        if warning:
            self.notify(warning, title="No cache", severity="warning", markup=False)
        self._report_problems()

    def _report_problems(self) -> None:
        problems = self.corpus.problems if self.corpus else []
        fatal = [p for p in problems if p.fatal]
        if problems:
            first = "; ".join(str(p.path.name) + ": " + p.reason for p in problems[:3])
            self.notify(f"{len(fatal)} unreadable, {len(problems) - len(fatal)} warnings. "
                        f"{first} (command palette: Load problems)", title="Load problems",
                        severity="warning", markup=False)

    def _indexed(self, index: SearchIndex) -> None:
        self.index = index
        self.ready = True
        settle()
        if self.corpus is not None and not self.corpus.articles and len(index):
            from .indexer import corpus_from_index

            self._add_articles(corpus_from_index(self.content_dir, index).articles)
        if self.corpus is not None:
            known = {(str(p.path), p.reason) for p in self.corpus.problems}
            from .indexer import as_load_problems

            new = [p for p in as_load_problems(index.problems())
                   if (str(p.path), p.reason) not in known]
            if new:
                self.corpus.problems.extend(new)
                self._report_problems()
        if not self.corpus or not self.corpus.articles:
            self.notify("No articles in this folder (.md, .markdown, .txt).",
                        severity="warning")
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.run_search(query)

    # -- list and reader ---------------------------------------------------------------------
    def visible_articles(self) -> list[Article]:
        if self.corpus is None:
            return []
        wanted = self.stance_filter
        if self.result is not None:  # in rank order
            found = map(self.corpus.by_id.get, self.result.ids)
            if wanted == "all":
                return [a for a in found if a is not None]
            return [a for a in found if a is not None and a.stance_label == wanted]
        if wanted == "all":
            return self.corpus.articles
        return [a for a in self.corpus.articles if a.stance_label == wanted]

    def refresh_list(self, keep: bool = True) -> list[Article]:
        """Show the articles that pass the filters; returns them. keep: the highlight stays on
        the same article where it is still listed (else it goes to the first)."""
        articles = self.visible_articles()
        listing = self.main.query_one(ArticleList)
        hits = self.result.counts if self.result else None
        listing.show_articles(articles, hits, keep=keep)
        total = len(self.corpus.articles) if self.corpus else 0
        parts = ["Articles"]
        if self.stance_filter != "all":
            parts.append(self.stance_filter)
        if self.result is not None:
            parts.append(escape(f"“{self.result.query[:20]}”"))  # titles take markup
        listing.border_title = " · ".join(parts)
        listing.border_subtitle = f"{len(articles)} of {total}"
        return articles

    def open_article(self, article_id: str, focus: bool = True) -> None:
        article = self.corpus.get(article_id) if self.corpus else None
        if article is None:
            return
        self.current = article
        if self.result is not None and self.index is not None and article.id not in self.hits:
            found = self.index.hits(article.id, self.result.groups)  # beyond the first results
            if found:
                self.hits[article.id] = [(h.start, h.end) for h in found]
        self.main.query_one(ArticleHeader).show(article)
        view = self.main.query_one(ArticleView)
        if self._prepared_already(article):
            self._show_body(article)
            self.call_after_refresh(self._show_figures, article)  # a frame later: two light frames
        else:  # a long article: body, figures, stance and paragraph marks come from a worker
            self.main.query_one(FigureList).show_waiting()
            self.prepare_article(article)
            if article.loaded:
                self._show_body(article)
            else:
                view.show("")
                view.loading = True
                self._update_counter()
        if focus:
            view.focus()

    def _show_figures(self, article: Article) -> None:
        if self.current is article:
            self.main.query_one(FigureList).show_figures(article.figures, article_id=article.id)

    @property
    def _sidebar_for(self) -> str | None:
        """The article whose figures the sidebar lists."""
        return self.main.query_one(FigureList).article_id

    def _show_body(self, article: Article) -> None:
        view = self.main.query_one(ArticleView)
        view.loading = False
        view.show(article.body, self._marks(article))
        self.hit_index = 0
        if self.hits.get(article.id):
            self._go_to_hit()
        self._update_counter()

    def _prepared_already(self, article: Article) -> bool:
        """Figures, stance and paragraph marks known, or cheap enough to find right here."""
        done = "figures" in article.__dict__ and article.id in self._leanings
        return done or not article.is_long

    @work(thread=True, exclusive=True, group="article", description="prepare a long article")
    def prepare_article(self, article: Article) -> None:
        """The body (read from the cache), then figures, stance, paragraph marks and the
        sidebar's groups of a long article: worked out in a helper process when possible."""
        import pickle

        from .figures import group_figures
        from .offload import Failed, run_apart, study, unpieces
        from .stance import paragraph_leanings
        from .widgets.figure_list import PER_GROUP

        worker = get_current_worker()
        if not article.loaded:
            article.body  # noqa: B018
            if worker.is_cancelled:
                return
            self.call_from_thread(self._body_read, article)
        try:
            found = run_apart(study, article.body, article.title, article.editorial_stance,
                              article.year, article.language, article.source,
                              cancelled=lambda: worker.is_cancelled)
        except Failed:  # no helper process here: do the work in this thread
            found = {}
        if found is None:  # cancelled
            return
        with no_collection():  # many new objects, kept for as long as the article is open
            if found:
                article.adopt(unpieces(found["figures"]), pickle.loads(found["stance"]))
                leanings = unpieces(found["leanings"])
            else:
                article.stance  # noqa: B018
                leanings = paragraph_leanings(article.body)
            spans = [(f.start, f.end) for f in article.figures]
            groups = group_figures(article.figures, PER_GROUP)
        if not worker.is_cancelled:
            self.call_from_thread(self._prepared, article, spans, groups, leanings)

    def _body_read(self, article: Article) -> None:
        if self.current is article:
            self._show_body(article)

    def _prepared(self, article: Article, spans: list, groups: list, leanings: list) -> None:
        self._leanings[article.id] = leanings
        self._figure_spans[article.id] = spans
        settle()
        if self.current is not article:
            return
        self.main.query_one(ArticleHeader).show(article)
        self.main.query_one(FigureList).show_figures(article.figures, groups, article.id)
        view = self.main.query_one(ArticleView)
        view.set_marks(self._marks(article, view.marks.current))

    def _marks(self, article: Article, current: tuple[int, int] | None = None) -> Marks:
        if article.id not in self._leanings and self._prepared_already(article):
            from .stance import paragraph_leanings

            self._leanings[article.id] = paragraph_leanings(article.body)
        spans = self._figure_spans.get(article.id)
        if spans is None and self._prepared_already(article):
            spans = [(f.start, f.end) for f in article.figures]
        return Marks(
            figures=spans or [],
            hits=self.hits.get(article.id, []),
            current=current,
            leanings=self._leanings.get(article.id, []),
        )

    def _update_counter(self) -> None:
        reader = self.main.query_one("#reader")
        hits = self.hits.get(self.current.id, []) if self.current else []
        if self.result is None or not self.current:
            reader.border_subtitle = ""
        elif not hits:
            reader.border_subtitle = "no hits in this article"
        else:
            ids = self.result.ids
            pos = ids.index(self.current.id) + 1 if self.current.id in ids else 0
            reader.border_subtitle = (f"hit {self.hit_index + 1}/{len(hits)} · "
                                      f"article {pos}/{len(ids)}")

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        """Enter opens the article beside the list; Enter on the open one moves into it."""
        if self.current is not None and self.current.id == event.article_id:
            self.main.query_one(ArticleView).focus()
        else:
            self.open_article(event.article_id, focus=False)

    @on(FigureList.Chosen)
    def _figure_chosen(self, event: FigureList.Chosen) -> None:
        current = self.current
        if current is None or current.id != self._sidebar_for or event.index >= len(
                current.figures):
            return  # the sidebar still lists the article before
        fig = current.figures[event.index]
        view = self.main.query_one(ArticleView)
        view.set_marks(self._marks(current, (fig.start, fig.end)))
        view.scroll_to_offset(fig.start)

    # -- search ------------------------------------------------------------------------------
    @property
    def search_bar(self) -> SearchBar:
        """The search bar (mounted by the first search)."""
        return self.main.query_one(SearchBar)

    async def action_search(self) -> None:
        if not self.main.query(SearchBar):  # mounted when first wanted: a lighter first frame
            await self.main.mount(SearchBar(id="search-bar"), before=self.main.query_one(Footer))
            self.warm_search()
        self.search_bar.open()

    def warm_search(self) -> None:
        """Load the glossary and jieba in a thread, once: a query word the index does not know
        whole is cut by jieba, whose first load takes a second or two. A daemon thread, not a
        worker: worker threads are joined when the interpreter exits, and jieba's load cannot
        be stopped, so quitting soon after opening the search bar would wait for it."""
        if not self._warm:
            self._warm = True
            Thread(target=_load_query_tools, name="capexreader-query-tools", daemon=True).start()

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if not event.query.strip():
            self.action_clear_search()
            return
        if self.index is None:
            self._pending_query = event.query
            self.search_bar.set_info("Indexing… the search runs when it is ready.")
            return
        self.run_search(event.query)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.action_clear_search()

    def run_search(self, query: str) -> None:
        assert self.index is not None
        self.result = self.index.search(query, expand=self.expand, hit_limit=HIT_LIMIT)
        self.hits = {a: [(h.start, h.end) for h in found]
                     for a, found in self.result.hits.items() if found}
        self.search_bar.set_info(Text(self._search_info(self.result)))
        first = self.refresh_list(keep=False)  # the first result opens
        if self.result.ids:
            if first:  # the reader takes the focus a frame later, with the figures
                self.open_article(first[0].id, focus=False)
                self.call_after_refresh(self._focus_reader, self.result)
                return
        elif self.current is not None:
            self.open_article(self.current.id, focus=False)
        self.search_bar.input.focus()

    def _focus_reader(self, result: SearchResult) -> None:
        """After a search: n and N step through the hits from the reader. (Moving the focus
        repaints the whole screen, so it waits until the results are drawn.)"""
        if self.result is result:  # not cleared or replaced meanwhile
            self.main.query_one(ArticleView).focus()

    def _search_info(self, result: SearchResult) -> str:
        total = result.total
        if not result.groups:
            return "Nothing to search for in that query."
        groups = " AND ".join("(" + " | ".join(g) + ")" if len(g) > 1 else g[0]
                              for g in result.groups)
        expand = "glossary on" if self.expand else "glossary off"
        return (f"{_count(len(result.ids), 'article')}, {_count(total, 'hit')} · terms: {groups}"
                f" · {expand}"
                " · n/N step, Esc clears")

    def action_clear_search(self) -> None:
        bars = self.main.query(SearchBar)
        if not bars:
            return
        bar = bars.first()
        had_search = self.result is not None or bar.display
        self.result = None
        self.hits = {}
        bar.display = False
        bar.input.value = ""
        bar.set_info("")
        if not had_search:
            return
        self.refresh_list()
        if self.current is not None:
            view = self.main.query_one(ArticleView)
            view.set_marks(self._marks(self.current))
            self._update_counter()
            view.focus()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if self.result is None or not self.result.ids:
            self.notify("No search hits. Press / to search.", timeout=3)
            return
        hits = self.hits.get(self.current.id, []) if self.current else []
        target = self.hit_index + step
        if hits and 0 <= target < len(hits):
            self.hit_index = target
            self._go_to_hit()
            self._update_counter()
            return
        ids = [a.id for a in self.visible_articles()]
        if not ids:
            return
        pos = ids.index(self.current.id) if self.current and self.current.id in ids else -1
        next_id = ids[(pos + step) % len(ids)]
        self.open_article(next_id)
        if step < 0 and self.hits.get(next_id):
            self.hit_index = len(self.hits[next_id]) - 1
            self._go_to_hit()
            self._update_counter()
        listing = self.main.query_one(ArticleList)
        listing.highlighted = ids.index(next_id)

    def _go_to_hit(self) -> None:
        if self.current is None:
            return
        hits = self.hits.get(self.current.id, [])
        if not hits:
            return
        span = hits[self.hit_index]
        view = self.main.query_one(ArticleView)
        view.set_marks(self._marks(self.current, span))
        view.scroll_to_offset(span[0])

    def set_expand(self, value: bool) -> None:
        self.expand = value
        self.notify(f"Glossary expansion {'on' if value else 'off'}", timeout=3)
        if self.result is not None and self.index is not None:
            self.run_search(self.result.query)

    # -- filters, panes, dialogs -------------------------------------------------------------
    def action_cycle_stance(self) -> None:
        i = STANCE_FILTERS.index(self.stance_filter)
        self.set_stance_filter(STANCE_FILTERS[(i + 1) % len(STANCE_FILTERS)])

    def set_stance_filter(self, label: str) -> None:
        self.stance_filter = label  # the list's title shows it
        self.refresh_list()

    def action_focus_figures(self) -> None:
        figures = self.main.query_one(FigureList)
        if not figures.display:
            self._sidebar_wanted = True
            figures.display = True
        figures.focus()

    def action_toggle_sidebar(self) -> None:
        self._sidebar_wanted = not self.main.query_one(FigureList).display
        self.main.query_one(FigureList).display = self._sidebar_wanted

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.binding_groups()))

    def action_corpus_figures(self) -> None:
        if self.corpus is None:
            return
        from .screens.figures import FiguresScreen

        def chosen(target: tuple[str, int, int] | None) -> None:
            if target is not None:
                self.show_figure(*target)

        self.push_screen(FiguresScreen(self.corpus), chosen)

    def show_figure(self, article_id: str, start: int, end: int) -> None:
        """Open an article with the reader at one of its figures."""
        self.open_article(article_id)
        if self.current is None or self.current.id != article_id:
            return
        view = self.main.query_one(ArticleView)
        view.set_marks(self._marks(self.current, (start, end)))
        view.scroll_to_offset(start)
        index = next((i for i, f in enumerate(self.current.figures) if f.start == start), None)
        if index is not None:  # once the sidebar lists this article (a frame later)
            self.call_after_refresh(self._highlight_figure, self.current, index)
        listing = self.main.query_one(ArticleList)
        if article_id in listing.article_ids:
            listing.highlighted = listing.article_ids.index(article_id)

    def _highlight_figure(self, article: Article, index: int) -> None:
        if self.current is not article or self._sidebar_for != article.id:
            return  # another article, or a long one whose figures are still being found
        from textual.widgets.option_list import OptionDoesNotExist

        figures = self.main.query_one(FigureList)
        try:
            figures.highlighted = figures.get_option_index(f"fig-{index}")
        except OptionDoesNotExist:  # a figure beyond the ones the sidebar lists
            pass

    def action_evidence(self) -> None:
        if self.current is None:
            return
        if not self._prepared_already(self.current):
            self.notify("Still reading this long article; try again in a moment.", timeout=3)
            return
        from .screens.evidence import EvidenceScreen

        article = self.current

        def jump(offset: int | None) -> None:
            if offset is None or self.current is not article:
                return
            span = next(((e.start, e.end) for e in article.stance.evidence if e.start == offset),
                        None)
            view = self.main.query_one(ArticleView)
            view.set_marks(self._marks(article, span))
            view.scroll_to_offset(offset)
            view.focus()

        self.push_screen(EvidenceScreen(article), jump)

    def action_show_problems(self) -> None:
        problems = self.corpus.problems if self.corpus else []
        if not problems:
            self.notify("Every file loaded without problems.", timeout=3)
            return
        from .screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems, self.content_dir))

    @staticmethod
    def binding_groups() -> list[tuple[str, list[Binding]]]:
        def only(bindings: Iterable[object]) -> list[Binding]:
            return [b for b in bindings if isinstance(b, Binding)]

        return [
            ("Everywhere", only(CapexReaderApp.BINDINGS)),
            ("Article list (Enter opens)", only(ArticleList.BINDINGS)),
            ("Reader", only(ArticleView.BINDINGS)),
            ("Figures (Enter scrolls the reader to the figure)", only(FigureList.BINDINGS)),
            ("Search bar", only(SearchBar.BINDINGS) + only(SearchInput.BINDINGS)),
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Search all articles", self.action_search)
        yield SystemCommand("Clear search", "Show every article again", self.action_clear_search)
        for label in STANCE_FILTERS:
            yield SystemCommand(f"Filter: {label}", f"Show {label} articles",
                                partial(self.set_stance_filter, label))
        yield SystemCommand("Toggle figures sidebar", "Show or hide the figures",
                            self.action_toggle_sidebar)
        yield SystemCommand("Glossary expansion: " + ("off" if self.expand else "on"),
                            "Search also finds the other language's terms (bubble ↔ 泡沫)",
                            partial(self.set_expand, not self.expand))
        yield SystemCommand("All figures", "Every figure in the corpus, reconciled and charted",
                            self.action_corpus_figures)
        yield SystemCommand("Why this stance", "The evidence for the open article's stance",
                            self.action_evidence)
        yield SystemCommand("Load problems", "Files that could not be read",
                            self.action_show_problems)
        yield SystemCommand("Help", "What this is and every key", self.action_help)
