"""Reconciliation across articles, and across the two languages of one article."""

from capexreader.corpus import load_corpus
from capexreader.reconcile import capex_by_company, reconcile

from .conftest import CONTENT


def test_microsoft_capex_2025_agrees_in_four_places():
    # 001 in both languages; 004 twice (计划投入…用于AI基础设施, and 计划投资…建设数据中心: money
    # spent on its own data centres is capex, not an investment in another company).
    groups = {(g.entity, g.kind, g.year): g for g in reconcile(load_corpus(CONTENT))}
    group = groups[("Microsoft", "capex", 2025)]
    assert group.agree and group.values == [(80e9, None)]
    assert len(group.mentions) == 4 and len(group.articles) == 2


def test_chinese_and_english_halves_of_001_reconcile():
    corpus = load_corpus(CONTENT)
    article = next(a for a in corpus.articles if a.seed.startswith("001"))
    split = article.body.index("Tech giants")
    zh = {
        (f.entity, f.kind, f.year, f.value, f.value_high)
        for f in article.figures
        if f.start < split and f.unit == "USD" and f.entity
    }
    en = {
        (f.entity, f.kind, f.year, f.value, f.value_high)
        for f in article.figures
        if f.start >= split and f.unit == "USD" and f.entity
    }
    assert len(zh) >= 5 and zh <= en  # every attributed Chinese figure has its English twin
    # In the corpus view each group holds the Chinese and the English mention of a value alike.
    for group in reconcile(corpus):
        mine = [m.figure for m in group.mentions if m.article is article]
        zh_values = sorted((f.value, f.value_high or 0) for f in mine if f.start < split)
        en_values = sorted((f.value, f.value_high or 0) for f in mine if f.start >= split)
        if zh_values:
            assert set(zh_values) <= set(en_values), (group.entity, group.kind, group.year)


def test_disagreement_is_marked():
    class Fake:
        def __init__(self, articles):
            self.articles = articles

    from pathlib import Path

    from capexreader.corpus import Article

    a = Article("a", Path("a"), "A", "Microsoft will spend $80 billion on capex in 2025.")
    b = Article("b", Path("b"), "B", "微软2025年资本支出为900亿美元。")
    groups = reconcile(Fake([a, b]))
    assert len(groups) == 1 and not groups[0].agree
    assert groups[0].amounts() == ["$80B", "$90B"] or groups[0].amounts() == ["$90B", "$80B"]


def test_capex_chart_data():
    years = capex_by_company(load_corpus(CONTENT))
    order = list(years)
    assert order == sorted(y for y in order if y is not None) + ([None] if None in years else [])
    bars = years[2025]
    assert [b.entity for b in bars][:2] == ["Amazon", "Microsoft"]
