"""The guidance tracker on a corpus of our own: every line exactly right."""

import pytest

from capexreader.copies import fold_copies, signature
from capexreader.corpus import Article, load_corpus
from capexreader.figures import Figure
from capexreader.tracker import compare, entity_names, track

from .tracker_corpus import write_corpus

B = 1e9


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return load_corpus(write_corpus(tmp_path_factory.mktemp("tracked")))


def chain(line):
    return [
        (s.article.id, s.value, s.value_high, s.change, s.difference, s.expectation, s.copies)
        for s in line.statements
    ]


def test_the_lines_are_exactly_right(corpus):
    lines = {(ln.entity, ln.kind, ln.year, ln.unit): ln for ln in track(corpus)}
    assert set(lines) == {("Microsoft", "capex", 2025, "USD"), ("Meta", "capex", 2025, "USD")}
    ms = lines[("Microsoft", "capex", 2025, "USD")]
    assert chain(ms) == [
        ("ms-jan", 80 * B, None, "first", None, False, []),
        ("ms-apr", 88 * B, None, "raised", 8 * B, False, ["ms-apr-copy"]),
        ("ms-jul", 88 * B, None, "reiterated", 0.0, False, []),
        ("ms-jul", 90 * B, None, "first", None, True, []),  # the analysts' own chain
        ("ms-oct", 85 * B, None, "lowered", -3 * B, False, []),
    ]
    assert ms.latest.value == 85 * B and ms.spread == (80 * B, 88 * B)
    meta = lines[("Meta", "capex", 2025, "USD")]
    assert chain(meta) == [
        ("meta-feb", 60 * B, 65 * B, "first", None, False, []),
        ("meta-may", 64 * B, 72 * B, "raised", 5.5 * B, False, []),
        ("meta-aug", 66 * B, None, "reiterated", -2 * B, False, []),  # within the range
    ]
    assert meta.spread == (60 * B, 72 * B)


def test_filters_fold_scripts_and_aliases(corpus):
    assert [ln.entity for ln in track(corpus, entity="微軟")] == ["Microsoft"]
    assert [ln.entity for ln in track(corpus, entity="zuckerberg")] == ["Meta"]
    assert track(corpus, kind="revenue") == [] and track(corpus, year=2024) == []
    assert entity_names("msft") == {"Microsoft"}


def test_json_shape(corpus):
    data = [ln.to_dict() for ln in track(corpus, entity="Meta")]
    assert list(data[0]) == ["entity", "kind", "year", "unit", "latest", "spread", "statements"]
    first = data[0]["statements"][0]
    for name in ("article", "date", "value", "value_high", "unit", "change", "expectation", "copies"):
        assert name in first
    assert first["source"] == "https://example.com/meta-feb" and "60-65" in first["sentence"]


def fig(value, high=None, year=2025):
    return Figure("x", 0, 1, value, high, "USD", "capex", "Microsoft", year)


@pytest.mark.parametrize(
    ("before", "now", "change"),
    [
        (fig(80), fig(80.2), "reiterated"),  # within half a per cent
        (fig(80), fig(88), "raised"),
        (fig(88), fig(85), "lowered"),
        (fig(62), fig(60, 65), "reiterated"),  # the new range holds the old value
        (fig(55), fig(60, 65), "raised"),  # a range above it
        (fig(60, 65), fig(70, 75), "raised"),
        (fig(60, 65), fig(50, 55), "lowered"),
        (fig(64, 72), fig(66, 70), "reiterated"),  # narrowed within
    ],
)
def test_compare(before, now, change):
    assert compare(before, now)[0] == change


def test_a_statement_without_a_year_is_never_set_against_a_years():
    a = Article(
        "a", "a.md", "t", "Microsoft will spend $80 billion on capex in fiscal 2025.", date="2025-01-01"
    )
    b = Article("b", "b.md", "t", "Microsoft said capex will be $30 billion next quarter.", date="2025-02-01")
    c = Article(
        "c", "c.md", "t", "Microsoft spent $64.5 billion on capex over twelve months.", date="2025-03-01"
    )

    class C:
        articles = [a, b, c]

    lines = {ln.year: ln for ln in track(C())}
    assert set(lines) == {2025, None}
    assert [(s.article.id, s.change) for s in lines[None].statements] == [("b", "first"), ("c", "first")]


def test_near_duplicates_fold_and_different_stories_do_not():
    text = "微软表示，2025财年资本开支将提高至880亿美元，主要用于数据中心，需求仍然强劲。" * 3
    one = Article("one", "1", "t", text, date="2025-02-02")
    two = Article("two", "2", "t", "转载：" + text + "（来源：另一网站）", date="2025-02-01")
    other = Article("other", "3", "t", "亚马逊称今年资本支出约为1000亿美元，大部分投向云计算和芯片。" * 3)
    assert fold_copies([one, two, other]) == {"two": ["one"]}  # the earlier one is the original
    assert signature("短") is None
