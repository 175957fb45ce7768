"""The reader's thread workers: loading and indexing the folder, preparing a long article.

Each runs in a Textual thread worker and reports by posting messages (`messages.py`); none
touches the DOM or an article the screen is drawing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from capexreader.offload import Failed, Helper

from . import messages

if TYPE_CHECKING:
    from capexreader.corpus import Article, Corpus
    from capexreader.indexer import Plan
    from capexreader.search import SearchIndex
    from capexreader.state import ReadState

Post = Callable[[Message], object]
SUMMARY_BATCH = 200  # articles summarised between two redraws of the list
helper = Helper()  # long-article work; started when first needed, stopped with the app


def _cancelled() -> bool:
    return get_current_worker().is_cancelled


def load(root: Path, post: Post) -> None:
    """Titles from the cache (or the files), then the index brought up to date; a pool of
    processes segments a large first build."""
    from capexreader import document, segment
    from capexreader.corpus import Corpus
    from capexreader.indexer import (
        PARALLEL_FROM,
        as_load_problems,
        corpus_from_index,
        kept_problems,
        make_plan,
        open_index,
    )
    from capexreader.listing import Listing

    segment.gentle = True  # jieba's dictionary in small steps: the app keeps drawing
    if not root.is_dir():
        post(messages.FolderUnreadable(f"{root}: not a readable folder"))
        return
    index, warning = open_index(root)
    plan = make_plan(root, index)
    stale = set(plan.removed) | {aid for aid, _, _ in plan.todo}
    cached = corpus_from_index(root, index)
    corpus = Corpus(
        root, [a for a in cached.articles if a.id not in stale], as_load_problems(kept_problems(index, plan))
    )
    large = len(plan.todo) >= PARALLEL_FROM
    if not large:
        corpus.add(_read_now(plan, corpus))
    first = corpus.articles[0] if corpus.articles else None
    if first is not None and not first.is_long:  # it opens at once: its work done here
        first.summarise()
    document.warm()
    post(messages.CorpusLoaded(corpus, warning))
    listing = Listing(corpus.articles)  # what filters and searches pick from: made here
    index.load_names()  # the list ranks every result of a search
    index.prepare_ranking()
    if (row_ids := index.row_ids()) is not None:
        listing.place_rows(row_ids, index.names_version)
    post(messages.ListingMade(listing))
    _sync(index, plan, post, large)
    if _cancelled():
        return
    post(messages.IndexReady(index, as_load_problems(index.problems())))
    _fill_summaries(index, corpus, post)


def _read_now(plan: Plan, corpus: Corpus) -> list[Article]:
    """A few new or changed files: read them here, so their titles show at once."""
    from capexreader.indexer import read_one

    fresh = []
    for aid, path, _ in plan.todo:
        article = read_one(Path(path), aid, corpus.problems)
        if article is None:
            continue
        if not article.is_long:  # a long one is summarised by the indexer
            article.summarise()
        fresh.append(article)
    return fresh


def _sync(index: SearchIndex, plan: Plan, post: Post, large: bool) -> None:
    from capexreader.indexer import article_from_index, sync

    total = len(plan.todo)
    if not total and not plan.removed:
        return

    def progress(done: int, of: int) -> None:
        if done == of or done % max(1, of // 100) == 0:
            post(messages.IndexProgress(done, of))

    def added(batch: list) -> None:
        if large:
            post(
                messages.ArticlesAdded(
                    [article_from_index(index, r.id, r.path, r.title, r.info) for r in batch]
                )
            )

    if total:
        post(messages.IndexProgress(0, total))
    done = sync(
        plan.root,
        index,
        plan,
        progress=progress,
        added=added,
        cancelled=_cancelled,
        waiting=lambda: post(messages.IndexBusy()),
    )
    if done is not None and done is not plan:  # another process indexed some of the files
        post(messages.IndexProgress(1, 1))
        left = {aid for aid, _, _ in done.todo}
        elsewhere = {aid for aid, _, _ in plan.todo} - left
        post(
            messages.ArticlesAdded(
                [article_from_index(index, *row) for row in index.infos() if row[0] in elsewhere]
            )
        )


def _fill_summaries(index: SearchIndex, corpus: Corpus, post: Post) -> None:
    """Stance and figure counts for the articles listed without them: the index's where it has
    them, else worked out (by the helper process for a long article), always on copies: the
    screen's articles are only changed on its own thread."""
    from capexreader.offload import summarise

    missing = [a for a in list(corpus.articles) if a.figure_count is None]  # the stance may be known
    if not missing:
        return
    stored = {aid: info for aid, _, _, info in index.infos() if "figures" in info}
    post(messages.SummariesFound([(a.id, stored[a.id]) for a in missing if a.id in stored]))
    missing = [a for a in missing if a.id not in stored]
    for start in range(0, len(missing), SUMMARY_BATCH):
        found = []
        for article in missing[start : start + SUMMARY_BATCH]:
            if _cancelled():
                return
            work = article.detached()
            summary = None
            if article.is_long:
                with contextlib.suppress(Failed):  # else in this thread
                    summary = helper.run(summarise, work.alone(), cancelled=_cancelled)
            found.append((article.id, summary or work.summarise()))
        index.update_infos(found)
        post(messages.SummariesFound(found))


def look_for_changes(index: SearchIndex, seen: int, post: Post) -> None:
    """What another process indexed since ``seen`` (the index's version then): a script's
    import, a `list` run on a changed folder. Its articles are posted for the list."""
    from capexreader.indexer import article_from_index

    version = index.version()
    if version == seen:
        return
    index.reload()
    articles = [article_from_index(index, *row) for row in index.infos()]
    post(messages.IndexChanged(version, articles))


def prepare(article: Article, post: Post) -> None:
    """A long article's body (read from the cache), then its figures, stance, paragraph marks
    and the sidebar's groups, worked out in the helper process (here if none can start)."""
    import pickle

    from capexreader.figures import group_figures
    from capexreader.offload import study, unpieces
    from capexreader.session import Prepared
    from capexreader.stance import paragraph_leanings

    from .widgets.figure_list import PER_GROUP

    work = article.detached()
    if not article.loaded:
        body = work.body
        if _cancelled():
            return
        post(messages.BodyRead(article, body))
    try:
        found = helper.run(
            study,
            work.body,
            work.title,
            work.editorial_stance,
            work.year,
            work.language,
            work.source,
            cancelled=_cancelled,
        )
        if found is None:  # cancelled
            return
        work.adopt(unpieces(found["figures"]), pickle.loads(found["stance"]))
        leanings = unpieces(found["leanings"])
    except Failed:  # no helper process here: the work is done in this thread
        leanings = paragraph_leanings(work.body)
    spans = [(f.start, f.end) for f in work.figures]
    groups = group_figures(work.figures, PER_GROUP)
    if not _cancelled():
        post(messages.ArticlePrepared(article, work.figures, work.stance, Prepared(spans, leanings), groups))


def adopt_marks(state: ReadState, articles: list[Article], post: Post) -> None:
    """Marks whose file was moved or renamed, given back to the article with the same text."""
    by_id = {a.id: a for a in articles}
    if state.adopt_moved(list(by_id), lambda aid: by_id[aid].detached().body):
        post(messages.MarksMoved())
