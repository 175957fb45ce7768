"""What the reader has open: the corpus, the index, the filters, the search result, the hit
cursor and the open article. No Textual here: the screens show it, tests drive it directly."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .listing import Listing, find
from .marks import Marks

if TYPE_CHECKING:
    from .corpus import Article, Corpus, LoadProblem
    from .search import SearchIndex, SearchResult
    from .state import ReadState

STANCE_FILTERS = ("all", "bullish", "bearish", "mixed", "neutral")
READ_FILTERS = ("all", "unread", "starred")
HIT_LIMIT = 30  # results whose hits are built with the search; the rest when opened
KEPT = 8  # long articles whose paragraph marks are kept after they are closed

Span = tuple[int, int]


LANGUAGE_LABELS = {"mixed": "zh+en"}  # "mixed" beside a mixed stance read as one word twice


def language_label(language: str) -> str:
    return LANGUAGE_LABELS.get(language, language)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass
class Prepared:
    """What a long article's reading found, beside the article itself: its figures' spans and
    its paragraphs' leanings."""

    spans: list[Span]
    leanings: list[tuple[int, int, int]]


@dataclass
class HitStep:
    """Where stepping through the hits went: an article (opened if ``moved``) and a hit in it."""

    article: Article
    span: Span | None
    moved: bool


class ReaderSession:
    """The reader's state; every change goes through a method, which says what changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.corpus: Corpus | None = None
        self.index: SearchIndex | None = None
        self.error: str | None = None  # the folder could not be opened
        self.stance_filter = "all"
        self.read_filter = "all"  # or unread, starred
        self.tag_filter: str | None = None
        self.state: ReadState | None = None  # read, starred, tags, note; None where not kept
        self.expand = True  # the bilingual glossary adds terms to a search
        self.result: SearchResult | None = None
        self.current: Article | None = None
        self.hit_index = 0
        self.pending_query: str | None = None  # asked before the index was ready
        self._prepared: OrderedDict[str, Prepared] = OrderedDict()
        self._listing: Listing | None = None

    @property
    def ready(self) -> bool:
        """Loaded and indexed, or known not to load."""
        return self.index is not None or self.error is not None

    # -- what loading brings -----------------------------------------------------------------
    def add_articles(self, articles: list[Article]) -> Article | None:
        """Articles indexed after the first titles; the first article when there was none."""
        if self.corpus is None:
            return None
        first = not self.corpus.articles
        self.corpus.add(articles)
        return self.corpus.articles[0] if first and self.corpus.articles else None

    def take_index(self, articles: list[Article]) -> tuple[int, int]:
        """The articles another process left in the index: new ones added, gone ones dropped,
        the rest kept as they are (their figures and stance already known). How many of each."""
        if self.corpus is None:
            return 0, 0
        now = {a.id for a in articles}
        gone = [a for a in self.corpus.articles if a.id not in now and a is not self.current]
        known = self.corpus.by_id
        new = [a for a in articles if a.id not in known]
        if gone:
            dropped = {a.id for a in gone}
            self.corpus.articles = [a for a in self.corpus.articles if a.id not in dropped]
        self.corpus.add(new)
        return len(new), len(gone)

    def add_summaries(self, summaries: list[tuple[str, dict]]) -> None:
        """Figure counts and stance worked out for articles indexed without them."""
        for aid, summary in summaries:
            article = self.corpus.get(aid) if self.corpus else None
            if article is not None:
                article.summary = summary
                self.relabel(article)

    def add_problems(self, problems: list[LoadProblem]) -> bool:
        """Problems the index found; whether any was new."""
        if self.corpus is None:
            return False
        known = {(str(p.path), p.reason) for p in self.corpus.problems}
        new = [p for p in problems if (str(p.path), p.reason) not in known]
        self.corpus.problems.extend(new)
        return bool(new)

    def problems_summary(self) -> str | None:
        """One line on the files that could not be read (or were read with a warning)."""
        problems = self.corpus.problems if self.corpus else []
        if not problems:
            return None
        fatal = sum(p.fatal for p in problems)
        first = "; ".join(f"{p.path.name}: {p.reason}" for p in problems[:3])
        return (
            f"{fatal} unreadable, {len(problems) - fatal} warnings. {first} (command palette: Load problems)"
        )

    # -- the list ----------------------------------------------------------------------------
    def visible(self) -> Sequence[Article]:
        """The articles that pass the filters: in rank order while a search is on."""
        return self.listed()[0]

    def listed(self) -> tuple[Sequence[Article], list[int] | None]:
        """The visible articles, and with a search on, the hits of each."""
        if self.corpus is None:
            return [], None
        wanted, result = self.stance_filter, self.result
        if result is None and wanted == "all":  # as they are: no listing needed
            return self._by_marks(self.corpus.articles), None
        listing = self.listing()
        assert listing is not None  # there is a corpus
        if result is None:
            return self._by_marks(listing.filtered(wanted)), None
        found: Sequence[Article]
        if listing.rows_version is not None:  # the index's ids at hand: rows picked by numpy
            rows = listing.of_rows(result.order, wanted)
            found, counts = listing.at_rows(rows), result.counts_at(rows)
        else:  # ranked without the index's ids at hand
            by_id = listing.position
            found = [listing.articles[by_id[i]] for i in result.ids if i in by_id]
            if wanted != "all":
                found = [a for a in found if a.stance_label == wanted]
            counts = [result.counts.get(a.id, 0) for a in found]
        if self.state is None or (self.read_filter == "all" and self.tag_filter is None):
            return found, counts
        kept = {a.id for a in self._by_marks(found)}
        pairs = [(a, c) for a, c in zip(found, counts, strict=True) if a.id in kept]
        return [a for a, _ in pairs], [c for _, c in pairs]

    def listing(self) -> Listing | None:
        """The corpus as arrays (made again when its article list is replaced), with the
        index's rowids placed once its ids are at hand."""
        corpus = self.corpus
        if corpus is None:
            return None
        if self._listing is None or not self._listing.made_of(corpus.articles):
            self._listing = Listing(corpus.articles)
        index = self.index
        row_ids = index.row_ids() if index is not None else None
        if index is not None and row_ids is not None and self._listing.rows_version != index.names_version:
            self._listing.place_rows(row_ids, index.names_version)
        return self._listing

    def take_listing(self, listing: Listing) -> None:
        """A listing made elsewhere (the loader's thread), if it is of the corpus as it is;
        the labels it may have missed meanwhile (the articles opened) taken in."""
        if self.corpus is not None and listing.made_of(self.corpus.articles):
            self._listing = listing
            opened = [a for a in map(self.corpus.get, self._prepared) if a is not None]
            listing.relabel([*opened, *([self.current] if self.current else [])])

    def relabel(self, article: Article) -> None:
        """An article's stance became known (or changed): the listing takes it in."""
        if self._listing is not None:
            self._listing.relabel([article])

    def _by_marks(self, articles: Sequence[Article]) -> Sequence[Article]:
        state = self.state
        if state is None or (self.read_filter == "all" and self.tag_filter is None):
            return articles
        if self.read_filter == "unread":
            articles = [a for a in articles if not state.get(a.id).read]
        elif self.read_filter == "starred":
            articles = [a for a in articles if state.get(a.id).starred]
        if self.tag_filter is not None:
            articles = [a for a in articles if self.tag_filter in state.get(a.id).tags]
        return articles

    def cycle_read_filter(self) -> str:
        i = READ_FILTERS.index(self.read_filter)
        self.read_filter = READ_FILTERS[(i + 1) % len(READ_FILTERS)]
        return self.read_filter

    def toggle_mark(self, article: Article, name: str) -> bool:
        """Flip an article's read or starred mark; its new value."""
        if self.state is None:
            return False
        value = not getattr(self.state.get(article.id), name)
        self.set_mark(article, **{name: value})
        return value

    def set_mark(self, article: Article, **changes: object) -> None:
        """Change the read state of an article (nothing where no state is kept)."""
        if self.state is not None:
            self.state.update(article.id, body=article.body if article.loaded else None, **changes)

    def list_title(self, shown: int) -> tuple[list[str], str]:
        """The list's title (its parts: plain text) and subtitle, for ``shown`` articles."""
        parts = ["Articles"]
        if self.stance_filter != "all":
            parts.append(self.stance_filter)
        if self.read_filter != "all":
            parts.append(self.read_filter)
        if self.tag_filter is not None:
            parts.append(f"#{self.tag_filter}")
        if self.result is not None:
            parts.append(f"“{self.result.query[:20]}”")
        total = len(self.corpus.articles) if self.corpus else 0
        return parts, f"{shown} of {total}"

    def empty_reason(self) -> str:
        """Why the list is empty, said in the list."""
        if self.corpus is None:
            return "Loading…"
        if not self.corpus.articles:
            return "No articles in this folder (.md, .markdown, .txt, .html)."
        parts = [f"“{self.result.query}”"] if self.result is not None else []
        parts += [f for f in (self.stance_filter, self.read_filter) if f != "all"]
        parts += [f"#{self.tag_filter}"] if self.tag_filter else []
        return "No article matches " + " · ".join(parts) + "."

    def set_stance_filter(self, label: str) -> None:
        if label not in STANCE_FILTERS:
            raise ValueError(f"no stance filter {label!r}")
        self.stance_filter = label

    def cycle_stance(self) -> str:
        i = STANCE_FILTERS.index(self.stance_filter)
        self.stance_filter = STANCE_FILTERS[(i + 1) % len(STANCE_FILTERS)]
        return self.stance_filter

    # -- the open article --------------------------------------------------------------------
    def open(self, article_id: str) -> Article | None:
        """Make an article the open one (its search hits found if not yet); None if unknown."""
        article = self.corpus.get(article_id) if self.corpus else None
        if article is None:
            return None
        result = self.result
        if result is not None and self.index is not None and article.id not in result.hits:
            result.hits[article.id] = self.index.hits(article.id, result.groups)
        self.current = article
        self.hit_index = 0
        if self.state is not None and not self.state.get(article.id).read:
            self.set_mark(article, read=True)
        return article

    def is_prepared(self, article: Article) -> bool:
        """Figures, stance and paragraph marks known, or cheap enough to find at once."""
        return not article.is_long or article.id in self._prepared

    def keep_prepared(self, article: Article, prepared: Prepared) -> None:
        """An article's marks, kept for the last few opened; a long one dropped from here
        forgets its body and figures too (its summary stays), to be read again if opened."""
        self._prepared[article.id] = prepared
        self._prepared.move_to_end(article.id)
        self.relabel(article)
        while len(self._prepared) > KEPT:
            old_id, _ = self._prepared.popitem(last=False)
            old = self.corpus.get(old_id) if self.corpus else None
            if old is not None and old is not self.current and old.is_long:
                old.release()

    def marks(self, article: Article, current: Span | None = None) -> Marks:
        """What the reader marks in an article's body (current: the span to stand out).
        A long article has no figure or paragraph marks until it is prepared."""
        prepared = self._prepared.get(article.id)
        if prepared is None and not article.is_long:
            from .stance import paragraph_leanings

            prepared = Prepared([(f.start, f.end) for f in article.figures], paragraph_leanings(article.body))
            self.keep_prepared(article, prepared)
        elif prepared is not None:
            self._prepared.move_to_end(article.id)
        return Marks(
            figures=prepared.spans if prepared else [],
            hits=self.hits(article.id),
            current=current,
            leanings=prepared.leanings if prepared else [],
        )

    def figure_span(self, index: int) -> Span | None:
        """The span of the open article's figure number index."""
        current = self.current
        if current is None or not self.is_prepared(current) or not 0 <= index < len(current.figures):
            return None
        fig = current.figures[index]
        return fig.start, fig.end

    # -- search ------------------------------------------------------------------------------
    def search(self, query: str) -> SearchResult | None:
        """Run a search (None while the index is not ready: it runs once it is)."""
        if self.index is None:
            self.pending_query = query
            return None
        self.result = self.index.search(query, expand=self.expand, hit_limit=HIT_LIMIT)
        self.hit_index = 0
        return self.result

    def clear_search(self) -> bool:
        """Forget the search; whether there was one."""
        had = self.result is not None
        self.result = None
        self.pending_query = None
        self.hit_index = 0
        return had

    def hits(self, article_id: str) -> list[Span]:
        found = self.result.hits.get(article_id) if self.result else None
        return [(h.start, h.end) for h in found] if found else []

    def current_hit(self) -> Span | None:
        hits = self.hits(self.current.id) if self.current else []
        return hits[self.hit_index] if 0 <= self.hit_index < len(hits) else None

    def step_hit(self, step: int) -> HitStep | None:
        """The next (step 1) or previous (-1) hit, on to the next listed article when this one
        has no more; None with no search hits."""
        if self.result is None or not len(self.result):
            return None
        current = self.current
        hits = self.hits(current.id) if current else []
        target = self.hit_index + step
        if current is not None and hits and 0 <= target < len(hits):
            self.hit_index = target
            return HitStep(current, hits[target], moved=False)
        listed = self.visible()
        if not listed:
            return None
        at = find(listed, current.id) if current is not None else None
        pos = -1 if at is None else at
        article = self.open(listed[(pos + step) % len(listed)].id)
        assert article is not None  # listed, so known
        hits = self.hits(article.id)
        if step < 0 and hits:
            self.hit_index = len(hits) - 1
        return HitStep(article, self.current_hit(), moved=True)

    def counter(self) -> str:
        """Where the hit cursor is: hit 3/12 · article 2/5."""
        if self.result is None or self.current is None:
            return ""
        hits = self.hits(self.current.id)
        if not hits:
            return "no hits in this article"
        place = self.result.place(self.current.id)
        pos = 0 if place is None else place + 1
        return f"hit {self.hit_index + 1}/{len(hits)} · article {pos}/{len(self.result)}"

    def search_info(self) -> str:
        """How the query was understood, and what it found."""
        result = self.result
        if result is None:
            return ""
        if not result.groups:
            return "Nothing to search for in that query."
        groups = " AND ".join("(" + " | ".join(g) + ")" if len(g) > 1 else g[0] for g in result.groups)
        glossary = "glossary on" if self.expand else "glossary off"
        return (
            f"{count(len(result), 'article')}, {count(result.total, 'hit')} · "
            f"terms: {groups} · {glossary} · n/N step, Esc clears"
        )
