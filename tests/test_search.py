"""Search on the bundled corpus and on articles of our own in both scripts."""

import pytest

from capexreader.corpus import load_corpus
from capexreader.search import SearchIndex, make_record

from .conftest import CONTENT


@pytest.fixture(scope="module")
def bundled():
    corpus = load_corpus(CONTENT)
    index = SearchIndex()
    for a in corpus.articles:
        index.add(a.id, a.title, a.body)
    return corpus, index


@pytest.fixture(scope="module")
def own():
    index = SearchIndex()
    index.add("s", "简体", "微软的资本支出增长，市场担心泡沫化。")
    index.add("t", "繁體", "微軟的資本支出增長，市場擔心泡沫。")
    index.add("e", "English", "Microsoft capex grew; the Jevons paradox explains the bubble talk.")
    index.add("o", "Other", "天气很好，我们去公园散步。")
    return index


def ids(result):
    return [r.article for r in result.results]


def langs(corpus, result):
    return {corpus.get(i).language for i in ids(result)}


def test_bubble_finds_the_traditional_article_too(bundled):
    corpus, index = bundled
    result = index.search("泡沫", expand=False)
    assert "zh-Hant" in langs(corpus, result) and "zh" in langs(corpus, result)
    assert corpus.get(ids(result)[0]).language == "zh-Hant"  # most hits first


def test_jevons_finds_only_the_english_article(bundled):
    corpus, index = bundled
    result = index.search("Jevons", expand=False)
    assert len(result.results) == 1
    hit = result.results[0].hits[0]
    assert corpus.get(ids(result)[0]).body[hit.start : hit.end] == "Jevons"
    assert ids(index.search("Jevons")) == ids(result)  # the glossary adds 杰文斯, not found here


def test_hits_are_exact_offsets_in_the_body(bundled):
    corpus, index = bundled
    for query in ["泡沫", "資本支出", "微软", "AI 泡沫", '"Jevons paradox"', "microsoft"]:
        for r in index.search(query).results:
            body = corpus.get(r.article).body
            for h in r.hits:
                assert body[h.start : h.end] == h.text
                assert h.context


def test_script_folding_both_ways(own):
    assert set(ids(own.search("資本支出", expand=False))) == {"s", "t"}
    assert set(ids(own.search("资本支出", expand=False))) == {"s", "t"}
    assert set(ids(own.search("微軟", expand=False))) == {"s", "t"}
    hit = own.search("微软", expand=False).results
    assert {h.text for r in hit for h in r.hits} == {"微软", "微軟"}


def test_word_inside_a_longer_word(own):
    assert "s" in ids(own.search("泡沫", expand=False))  # 泡沫 in 泡沫化


def test_expansion_crosses_languages_and_can_be_switched_off(own):
    assert set(ids(own.search("bubble"))) == {"s", "t", "e"}
    assert ids(own.search("bubble", expand=False)) == ["e"]
    assert set(ids(own.search("微软"))) == {"s", "t", "e"}


def test_several_words_mean_and(own):
    assert ids(own.search("Microsoft Jevons")) == ["e"]
    assert ids(own.search("微软 天气")) == []


def test_quoted_phrase(own):
    assert ids(own.search('"jevons paradox"', expand=False)) == ["e"]
    assert ids(own.search('"paradox jevons"', expand=False)) == []


def test_case_insensitive_english(own):
    assert ids(own.search("JEVONS")) == ids(own.search("jevons")) == ["e"]


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "？。，", ".*[(", "😀🚀", "x" * 10000, "a" * 5000 + " 泡沫"]
)
def test_odd_queries_give_a_clear_empty_result(own, query):
    result = own.search(query)
    assert result.results == [] or all(r.hits for r in result.results)


def test_title_hits_weigh_more():
    index = SearchIndex()
    index.add("a", "Capex boom", "Other words here and more words. " * 5 + "capex once")
    index.add("b", "Nothing", "Other words here and more words. " * 5 + "capex once")
    assert ids(index.search("capex", expand=False))[0] == "a"


def _scores(index, query):
    return [(r.article, round(r.score, 6), r.count) for r in index.search(query).results]


def test_replaced_and_removed_articles_leave_no_trace_in_the_lists():
    index = SearchIndex()
    index.add("a", "A", "泡沫 泡沫 泡沫")
    index.add("b", "B", "泡沫 bubble")
    index.add("a", "A", "泡沫 once, then something else")  # replaced: counted once, not four times
    index.remove("b")
    fresh = SearchIndex()
    fresh.add("a", "A", "泡沫 once, then something else")
    assert _scores(index, "泡沫") == _scores(fresh, "泡沫") == [("a", _scores(fresh, "泡沫")[0][1], 1)]
    assert index.hits("b", [["泡沫"]]) == []


def test_lists_of_many_pieces_are_rewritten_without_removed_articles(monkeypatch):
    import capexreader.search as search

    monkeypatch.setattr(search, "MAX_SEGMENTS", 4)  # rewrite every 4th commit, lists of 2+
    index, fresh = SearchIndex(), SearchIndex()
    for i in range(30):
        index.add(f"d{i:02}", f"标题 {i}", f"泡沫 {'微软 ' * (i % 5)}第{i}篇")
        if i % 3 == 0:
            index.remove(f"d{i:02}")
        else:
            fresh.add(f"d{i:02}", f"标题 {i}", f"泡沫 {'微软 ' * (i % 5)}第{i}篇")
    pieces = dict(index.db.execute("SELECT term, count(*) FROM lists GROUP BY term"))
    assert max(pieces.values()) <= 4
    for query in ["泡沫", "微软", "标题", "泡沫 微软"]:
        assert _scores(index, query) == _scores(fresh, query)


def test_a_documents_stored_row_gives_back_every_terms_spans():
    from capexreader.fold import fold
    from capexreader.query import index_text
    from capexreader.search import make_record, term_spans

    body = "微软资本支出增长，capex bubble 泡沫；微软 again。\n第二段：泡沫与 bubble。"
    rec = make_record("x", "Title", body)
    found = index_text(fold(body))
    back = term_spans("\0".join(rec.terms), rec.ends, rec.spans, list(found) + ["absent", ""])
    assert back == found and rec.terms == sorted(found) and rec.tfs == [len(found[t]) for t in rec.terms]
    assert term_spans("", b"", b"", ["x"]) == {}


def test_the_gentle_dictionary_build_segments_like_jiebas_own(tmp_path):
    import jieba

    from capexreader.segment import _build_dictionary

    own, gentle = jieba.Tokenizer(), jieba.Tokenizer()
    own.tmp_dir = gentle.tmp_dir = str(tmp_path)
    own.initialize()
    _build_dictionary(gentle)
    assert gentle.initialized and (gentle.total, len(gentle.FREQ)) == (own.total, len(own.FREQ))
    text = "微软资本支出增长，杰文斯悖论与人工智能泡沫"
    assert gentle.lcut_for_search(text) == own.lcut_for_search(text)


def test_ties_are_in_id_order_and_a_limit_keeps_the_smallest_ids():
    index = SearchIndex()
    for name in ("d", "b", "e", "a", "c"):  # the same text: the same score
        index.add(name, "同题", "市场担心AI泡沫。")
    index.add("z", "泡沫", "市场担心AI泡沫，泡沫，泡沫。")  # the best, whatever its id
    assert index.search("泡沫").ids == ["z", "a", "b", "c", "d", "e"]
    limited = index.search("泡沫", limit=3)
    assert limited.ids == ["z", "a", "b"] and limited.matched == 6
    assert index.search("泡沫", limit=3, hit_limit=1).hits.keys() == {"z"}


def test_a_reopened_index_knows_its_articles_without_reading_them_all(tmp_path):
    path = tmp_path / "index.sqlite"
    index = SearchIndex(path)
    for n in range(5000):  # more than one stored piece of the length table
        body = f"第{n}篇说泡沫。" if n % 2 else "天气很好。"
        index.put(make_record(f"a{n:04}", f"第{n}篇", body), commit=False)
    index.commit()
    index.remove("a0001")
    again = SearchIndex(path)
    assert len(again) == 4999
    result = again.search("泡沫", limit=2)
    assert result.ids == ["a0003", "a0005"] and result.matched == 2499
    assert [r.article for r in again.results(result)] == ["a0003", "a0005"]
    assert again.hits("a0003", result.groups)[0].text == "泡沫"


def test_another_processes_commit_is_seen_after_refresh(tmp_path):
    path = tmp_path / "index.sqlite"
    one, two = SearchIndex(path), SearchIndex(path)
    one.add("x", "泡沫", "泡沫来了。")
    assert two.search("泡沫").ids == [] and two.refresh()
    assert two.search("泡沫").ids == ["x"] and not two.refresh()


def test_ranking_on_loaded_names_is_the_same_and_follows_new_articles(tmp_path):
    by_query = SearchIndex(tmp_path / "index.sqlite")
    for n, name in enumerate(("d", "b", "e", "a", "c")):
        by_query.add(name, "同题", "市场担心AI泡沫。" + "其他内容。" * (n % 2))
    in_memory = SearchIndex(tmp_path / "index.sqlite")
    in_memory.load_names()
    for limit in (None, 1, 2, 4):
        one, two = by_query.search("泡沫", limit=limit), in_memory.search("泡沫", limit=limit)
        assert (one.ids, one.ranked, one.counts) == (two.ids, two.ranked, two.counts)
    in_memory.add("f", "泡沫", "泡沫，泡沫。")
    assert in_memory.search("泡沫").ids[0] == "f"
    in_memory.remove("f")
    assert "f" not in in_memory.search("泡沫").ids
    empty = SearchIndex()
    empty.load_names()  # before any article: the names grow with the table
    empty.add("x", "题", "泡沫。")
    assert [(r.article, r.title) for r in empty.search("泡沫").results] == [("x", "题")]


@pytest.fixture(scope="module")
def english():
    index = SearchIndex()
    index.add("centres", "UK", "The firm is building new data centres near London.")
    index.add("centers", "US", "Hyperscalers opened three data centers in Ohio this year.")
    index.add("center", "One", "A data center for training models.")
    index.add("spread", "Apart", "The data we hold sits in a center of town.")
    index.add("spending", "Spend", "Spending on chips rose; they spend more each quarter.")
    index.add("bubble", "泡沫", "市场担心泡沫。")
    index.add("bubbles", "Bubbles", "Talk of bubbles everywhere.")
    return index


@pytest.mark.parametrize("query", ["data center", "data centers", "data centres", '"data centre"'])
def test_english_words_match_their_inflections_and_spellings(english, query):
    assert set(english.search(query).ids) >= {"centres", "centers", "center"}


def test_a_phrase_needs_its_words_together(english):
    assert "spread" in english.search("data center").ids  # two words: both anywhere
    assert "spread" not in english.search('"data center"').ids  # a phrase: side by side


def test_a_word_and_its_forms_are_highlighted_as_written(english):
    result = english.search("spend")
    assert [h.text for h in result.hits["spending"]] == ["Spending", "spend"]


def test_a_quoted_word_has_no_glossary_alternatives(english):
    assert set(english.search("bubble").ids) == {"bubble", "bubbles"}  # 泡沫 through the glossary
    assert english.search('"bubble"').ids == ["bubbles"]  # itself (and its plural) only
    assert english.search('"bubble"', expand=True).terms == ["bubble"]
