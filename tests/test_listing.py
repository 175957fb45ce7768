"""The list's arrays: what the session lists through them is what a plain filter over every
article gives, for each stance filter, with and without a search, as labels and the index
change."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from capexreader.corpus import Article, Corpus
from capexreader.listing import Listing, find
from capexreader.search import SearchIndex
from capexreader.session import STANCE_FILTERS, ReaderSession

LABELS = ("bullish", "bearish", "mixed", "neutral", None)
WORDS = ("泡沫", "bubble", "资本开支", "Jevons", "云")


def make(specs: list[tuple[str | None, str]], names: bool) -> ReaderSession:
    """A session over articles a000, a001, ... (label, body), its index with or without
    every id at hand (the app's way, or a script's)."""
    articles = []
    for n, (label, body) in enumerate(specs):
        article = Article(f"a{n:03}", f"a{n:03}.md", f"Title {n}", body)
        article.summary = {"stance_label": label} if label else {}
        articles.append(article)
    session = ReaderSession(Path("x"))
    session.corpus = Corpus(Path("x"), articles)
    index = SearchIndex()
    for article in reversed(articles):  # rowids in another order than the ids
        index.add(article.id, article.title, article.body)
    if names:
        index.load_names()
    session.index = index
    return session


def plain(session: ReaderSession) -> tuple[list[str], list[int] | None]:
    """The list by a loop over every article: what the arrays must give."""
    assert session.corpus is not None
    wanted = session.stance_filter
    result = session.result
    ids = result.ids if result is not None else [a.id for a in session.corpus.articles]
    by_id = session.corpus.by_id
    kept = [i for i in ids if i in by_id and (wanted == "all" or by_id[i].stance_label == wanted)]
    return kept, [result.counts[i] for i in kept] if result is not None else None


def listed(session: ReaderSession) -> tuple[list[str], list[int] | None]:
    articles, hits = session.listed()
    return [a.id for a in articles], hits


SPECS = st.lists(
    st.tuples(st.sampled_from(LABELS), st.lists(st.sampled_from(WORDS), max_size=4).map("，".join)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(SPECS, st.sampled_from(WORDS), st.booleans())
def test_the_arrays_list_what_a_plain_filter_lists(specs, query, names):
    session = make(specs, names)
    for label in STANCE_FILTERS:
        session.set_stance_filter(label)
        session.clear_search()
        assert listed(session) == plain(session)
        session.search(query)
        assert listed(session) == plain(session)


def test_new_labels_are_taken_in_and_a_new_article_list_is_listed_again():
    session = make([("bullish", "泡沫"), (None, "泡沫，泡沫"), ("bearish", "云")], names=True)
    session.set_stance_filter("bearish")
    assert listed(session)[0] == ["a002"]
    session.add_summaries([("a001", {"stance_label": "bearish"})])
    assert listed(session)[0] == ["a001", "a002"]
    session.search("泡沫")
    assert listed(session) == (["a001"], [2])
    extra = Article("a003", "a003.md", "Title 3", "泡沫泡沫泡沫", summary={"stance_label": "bearish"})
    session.add_articles([extra])  # the corpus's list replaced: the arrays are made again
    assert session.index is not None
    session.index.add(extra.id, extra.title, extra.body)  # a new rowid: placed again
    session.search("泡沫")
    assert listed(session) == (["a003", "a001"], [3, 2])


def test_the_counter_and_stepping_use_the_ranking_without_every_id():
    session = make([("bullish", "泡沫"), ("bearish", "泡沫，泡沫"), ("bearish", "云")], names=True)
    result = session.search("泡沫")
    assert result is not None and len(result) == 2 and result.place("a001") == 0
    session.open("a000")
    assert session.counter() == "hit 1/1 · article 2/2"
    step = session.step_hit(1)
    assert step is not None and step.article.id == "a001"


def test_a_listing_knows_what_it_was_made_of():
    articles = [Article("a", "a.md", "A", "x"), Article("b", "b.md", "B", "y")]
    listing = Listing(articles)
    assert listing.made_of(articles) and not listing.made_of(list(articles))
    articles.append(Article("c", "c.md", "C", "z"))
    assert not listing.made_of(articles)


def test_picked_articles_are_found_by_id_and_sliced():
    articles = [Article(i, f"{i}.md", i.upper(), "x") for i in ("a", "b", "c", "d")]
    for n, article in enumerate(articles):
        article.summary = {"stance_label": "bearish" if n % 2 else "bullish"}
    picked = Listing(articles).filtered("bearish")
    assert [a.id for a in picked] == ["b", "d"] and len(picked) == 2
    assert picked[1] is articles[3] and [a.id for a in picked[:1]] == ["b"]
    assert find(picked, "d") == 1 and find(picked, "a") is None and find(picked, "zz") is None
    assert articles[1] in picked and articles[0] not in picked
    assert find(articles, "c") == 2 and find(articles, "zz") is None


def test_a_listing_made_elsewhere_is_taken_only_for_the_corpus_as_it_is():
    session = make([("bullish", "泡沫"), (None, "云")], names=True)
    assert session.corpus is not None
    made = Listing(session.corpus.articles)  # as the loader makes it, on its own thread
    opened = session.open("a001")
    assert opened is not None
    opened.summary = {"stance_label": "bearish"}  # found meanwhile, before the listing came
    session.take_listing(made)
    session.set_stance_filter("bearish")
    assert listed(session)[0] == ["a001"]
    stale = Listing(list(session.corpus.articles))
    stale.labels[:] = 0
    session.take_listing(stale)  # of another list: not taken
    assert listed(session)[0] == ["a001"]
