"""The reader's state without Textual: filters, search, the hit cursor, marks, what loading
brings."""

from pathlib import Path

import pytest

from capexreader.corpus import Article, Corpus, LoadProblem
from capexreader.search import SearchIndex
from capexreader.session import KEPT, STANCE_FILTERS, Prepared, ReaderSession

BODIES = {
    "a": "Capex bubble fears grow. The bubble may burst, a bubble of debt.",
    "b": "微软将投入800亿美元。泡沫？市场担忧泡沫。",
    "c": "Nothing to see here about spending.",
}


def session_with(bodies=BODIES, labels=None) -> ReaderSession:
    session = ReaderSession(Path("somewhere"))
    labels = labels or {}
    articles = []
    for aid, body in bodies.items():
        article = Article(aid, f"{aid}.md", f"Title {aid}", body, date="2025-01-02")
        if aid in labels:
            article.summary = {"stance_label": labels[aid]}
        articles.append(article)
    session.corpus = Corpus(Path("somewhere"), articles)
    index = SearchIndex()
    for article in articles:
        index.add(article.id, article.title, article.body)
    session.index = index
    return session


def test_not_ready_until_indexed_or_known_unreadable():
    session = ReaderSession(Path("x"))
    assert not session.ready and session.visible() == []
    session.error = "x: not a readable folder"
    assert session.ready


def test_the_stance_filter_cycles_and_filters():
    session = session_with()
    session.corpus.articles[0].stance  # computed: its label is the computed one  # noqa: B018
    labels = {a.id: a.stance_label for a in session.corpus.articles}
    seen = [session.stance_filter]
    for _ in STANCE_FILTERS:
        seen.append(session.cycle_stance())
    assert seen == [*STANCE_FILTERS, "all"]
    session.set_stance_filter("bearish")
    assert [a.id for a in session.visible()] == [a for a, lab in labels.items() if lab == "bearish"]
    parts, subtitle = session.list_title(len(session.visible()))
    assert parts == ["Articles", "bearish"] and subtitle.endswith(" of 3")
    with pytest.raises(ValueError):
        session.set_stance_filter("sideways")


def test_a_search_lists_in_rank_order_and_says_what_it_found():
    session = session_with()
    result = session.search("bubble")
    assert result is not None and [a.id for a in session.visible()] == result.ids == ["a", "b"]
    assert session.list_title(2)[0] == ["Articles", "“bubble”"]
    info = session.search_info()
    assert info.startswith("2 articles, ") and "泡沫" in info and "glossary on" in info
    session.expand = False
    session.search("bubble")
    assert [a.id for a in session.visible()] == ["a"] and "glossary off" in session.search_info()
    assert session.clear_search() and not session.clear_search()
    assert len(session.visible()) == 3 and session.counter() == ""


def test_a_query_before_the_index_is_kept_for_later():
    session = session_with()
    index, session.index = session.index, None
    assert session.search("bubble") is None and session.pending_query == "bubble"
    session.index = index
    assert session.search(session.pending_query).ids == ["a", "b"]


def test_hits_step_through_an_article_then_on_to_the_next_and_back():
    session = session_with()
    session.search("bubble")
    first = session.open("a")
    hits = session.hits("a")
    assert first is not None and len(hits) == 3
    assert session.current_hit() == hits[0] and session.counter() == "hit 1/3 · article 1/2"
    step = session.step_hit(1)
    assert (step.article.id, step.span, step.moved) == ("a", hits[1], False)
    session.step_hit(1)
    step = session.step_hit(1)  # past the last: the next article, its first hit
    assert step.moved and step.article.id == "b" and session.hit_index == 0
    assert session.counter().endswith("article 2/2")
    step = session.step_hit(-1)  # back: the last hit of the article before
    assert step.article.id == "a" and step.span == hits[-1] and session.hit_index == 2
    step = session.step_hit(-1)
    assert not step.moved and session.hit_index == 1


def test_stepping_without_hits_says_so():
    session = session_with()
    assert session.step_hit(1) is None
    session.search("nowhere-to-be-found")
    assert session.step_hit(1) is None
    session.open("c")
    assert session.counter() == "no hits in this article"


def test_an_article_beyond_the_first_results_finds_its_hits_when_opened():
    many = {f"{n:02}": "bubble " * (n + 1) for n in range(40)}  # more than HIT_LIMIT results
    session = session_with(many)
    result = session.search("bubble")
    last = result.ids[-1]
    assert last not in result.hits
    session.open(last)
    assert len(session.hits(last)) == result.counts[last] > 0


def test_marks_of_a_short_article_hold_figures_hits_and_leanings():
    session = session_with()
    session.search("泡沫")
    article = session.open("b")
    marks = session.marks(article, current=session.current_hit())
    assert [(s, e) for s, e in marks.figures] == [(f.start, f.end) for f in article.figures]
    assert marks.hits == session.hits("b") and marks.current == session.hits("b")[0]
    assert session.figure_span(0) == (article.figures[0].start, article.figures[0].end)
    assert session.figure_span(99) is None


def test_a_long_article_waits_for_its_preparation_and_is_forgotten_later():
    session = ReaderSession(Path("root"))
    long = [
        Article(f"long{n}", f"{n}.md", "Long", loader=lambda: "资本支出增长10%。", summary={"chars": 300_000})
        for n in range(KEPT + 2)
    ]  # long, by the cache
    session.corpus = Corpus(Path("root"), long)
    first = session.open("long0")
    assert first.is_long and not session.is_prepared(first)
    assert session.marks(first).figures == [] and session.figure_span(0) is None
    first.adopt(first.detached().figures, first.detached().stance)
    session.keep_prepared(first, Prepared(spans=[(0, 4)], leanings=[(0, 10, 1)]))
    assert session.is_prepared(first) and session.marks(first).figures == [(0, 4)]
    assert session.figure_span(0) == (first.figures[0].start, first.figures[0].end)
    for n in range(1, KEPT + 2):
        session.keep_prepared(session.open(f"long{n}"), Prepared([], []))
    assert not session.is_prepared(first) and not first.has_figures and not first.loaded
    assert session.is_prepared(session.current)  # never the open one


def test_what_loading_brings_is_merged():
    session = ReaderSession(Path("root"))
    assert session.add_articles([Article("z", "z.md", "Z", "body")]) is None  # no corpus yet
    session.corpus = Corpus(Path("root"))
    first = session.add_articles([Article("b", "b.md", "B", "body"), Article("a", "a.md", "A", "x")])
    assert first.id == "a" and session.add_articles([Article("c", "c.md", "C", "y")]) is None
    session.add_summaries([("b", {"stance_label": "bearish", "figures": 3}), ("gone", {})])
    assert session.corpus.get("b").stance_label == "bearish"
    assert session.problems_summary() is None
    bad = LoadProblem(Path("root/x.md"), "not UTF-8")
    assert session.add_problems([bad]) and not session.add_problems([bad])
    warn = LoadProblem(Path("root/y.md"), "bad date", fatal=False)
    assert session.add_problems([warn])
    assert session.problems_summary().startswith("1 unreadable, 1 warnings. x.md: not UTF-8")


def test_read_marks_filter_the_list_and_opening_reads(tmp_path):
    from capexreader.state import ReadState

    session = session_with()
    session.state = ReadState(tmp_path / "folder", tmp_path / "state.sqlite")
    ids = [a.id for a in session.visible()]
    session.open(ids[0])
    assert session.state.get(ids[0]).read  # opened: read
    session.cycle_read_filter()
    assert session.read_filter == "unread" and ids[0] not in [a.id for a in session.visible()]
    assert session.toggle_mark(session.current, "starred") is True
    session.cycle_read_filter()
    assert [a.id for a in session.visible()] == [ids[0]]
    assert session.list_title(1)[0] == ["Articles", "starred"]
    session.read_filter, session.tag_filter = "all", "watch"
    session.set_mark(session.corpus.get(ids[1]), tags=["watch"])
    assert [a.id for a in session.visible()] == [ids[1]] and "#watch" in session.list_title(1)[0]
    assert session.toggle_mark(session.current, "starred") is False
