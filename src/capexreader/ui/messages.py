"""What the workers tell the screen: posted from their threads, handled on the app's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from capexreader.corpus import Article, Corpus, LoadProblem
    from capexreader.figures import Figure
    from capexreader.listing import Listing
    from capexreader.search import SearchIndex
    from capexreader.session import Prepared
    from capexreader.stance import Stance


@dataclass
class CorpusLoaded(Message):
    """The titles (from the cache, or a few files read now): the list can show them."""

    corpus: Corpus
    warning: str | None = None


@dataclass
class ListingMade(Message):
    """The corpus as arrays, for the list's filters and searches (made in the loader)."""

    listing: Listing


@dataclass
class FolderUnreadable(Message):
    reason: str


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class ArticlesAdded(Message):
    """Articles indexed by a large first build, a batch at a time."""

    articles: list[Article]


@dataclass
class IndexBusy(Message):
    """Another process is building this folder's index: the list shows what is there."""


@dataclass
class IndexReady(Message):
    index: SearchIndex
    problems: list[LoadProblem]


@dataclass
class IndexChanged(Message):
    """Another process wrote to the index: every article it now holds."""

    version: int
    articles: list[Article]


@dataclass
class SummariesFound(Message):
    """Stance and figure counts of articles indexed without them (by the command line)."""

    summaries: list[tuple[str, dict]]


@dataclass
class BodyRead(Message):
    """A long article's body, read from the cache."""

    article: Article
    body: str


@dataclass
class ArticlePrepared(Message):
    """A long article's figures, stance and paragraph marks, and the sidebar's groups."""

    article: Article
    figures: list[Figure]
    stance: Stance
    prepared: Prepared
    groups: list


class MarksMoved(Message):
    """Read state of files that moved was given to them again: the list's marks changed."""
