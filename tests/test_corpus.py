"""The loader: front matter, plain text, ids, encodings, odd files."""

import os

import pytest

from capexreader.corpus import Article, CorpusError, detect_language, load_corpus

from .conftest import CONTENT, SEEDS, needs_seeds


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_bundled_corpus_has_the_five_articles():
    corpus = load_corpus(CONTENT)
    assert len(corpus.articles) == 5 and not corpus.problems
    langs = {a.seed[:3]: a.language for a in corpus.articles}
    assert langs == {"000": "en", "001": "mixed", "002": "zh-Hant", "003": "zh", "004": "zh"}
    assert all(a.title and a.id.startswith("articles/") for a in corpus.articles)


def test_front_matter_and_ids(tmp_path):
    write(
        tmp_path / "a" / "b.md",
        "---\ntitle: T\ndate: 2025-02-12\nlanguage: en\nstance: bearish\ntags: [x, y]\n---\nBody text.\n",
    )
    write(tmp_path / "c.txt", "\n\nTitle line\nSecond line.\n")
    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id
    assert set(by_id) == {"a/b", "c"}
    b = by_id["a/b"]
    assert (b.title, b.date, b.language, b.editorial_stance, b.tags) == (
        "T",
        "2025-02-12",
        "en",
        "bearish",
        ["x", "y"],
    )
    assert b.body == "Body text."
    assert (by_id["c"].title, by_id["c"].body) == ("Title line", "Second line.")


def test_same_stem_files_keep_distinct_ids(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: one\n---\nx")
    write(tmp_path / "a.txt", "two\ny")
    ids = sorted(a.id for a in load_corpus(tmp_path).articles)
    assert ids == ["a.md", "a.txt"]


def test_yaml_tags_never_construct_objects(tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path / "evil.md", f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nbody")
    corpus = load_corpus(tmp_path)
    assert not marker.exists()
    assert [a.body for a in corpus.articles] == ["body"]
    assert any("front matter ignored" in p.reason for p in corpus.problems)


def test_broken_front_matter_still_loads_the_body(tmp_path):
    write(tmp_path / "x.md", "---\ntitle: [unclosed\n---\nThe body\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles[0].body == "The body"
    assert corpus.problems and not corpus.problems[0].fatal


def test_bad_metadata_values(tmp_path):
    write(
        tmp_path / "x.md",
        "---\ntitle: [a, b]\ndate: 2025-13-45\nstance: euphoric\nlanguage: klingon\n---\n正文内容",
    )
    corpus = load_corpus(tmp_path)
    a = corpus.articles[0]
    assert (a.title, a.date, a.editorial_stance, a.language) == ("a b", None, None, "zh")
    reasons = " ".join(p.reason for p in corpus.problems)
    assert "date ignored" in reasons and "stance ignored" in reasons


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    text = "標題\n資本支出達到八百億美元" if encoding == "big5" else "标题\n资本支出达到八百亿美元"
    write(tmp_path / "x.txt", text, encoding)
    corpus = load_corpus(tmp_path)
    assert not corpus.problems
    assert corpus.articles[0].body == text.split("\n")[1]


def test_crlf_binary_empty_hidden_and_images(tmp_path):
    write(tmp_path / "crlf.txt", "Title\r\nLine one\r\nLine two\r\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02\xff\xfe" * 100)
    write(tmp_path / "empty.md", "")
    write(tmp_path / ".hidden.md", "hidden")
    write(tmp_path / ".git" / "x.md", "hidden folder")
    write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n\x00")
    corpus = load_corpus(tmp_path)
    ids = sorted(a.id for a in corpus.articles)
    assert ids == ["crlf", "empty"]
    assert corpus.by_id["crlf"].body == "Line one\nLine two"
    assert [p.path.name for p in corpus.problems] == ["binary.txt"]


def test_symlink_loop_and_odd_names(tmp_path):
    write(tmp_path / "sub" / "name with spaces.md", "a")
    write(tmp_path / "sub" / "中文 名字.txt", "b")
    write(tmp_path / "-dash.md", "c")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    ids = sorted(a.id for a in load_corpus(tmp_path).articles)
    assert ids == ["-dash", "sub/name with spaces", "sub/中文 名字"]


def test_missing_folder_raises_corpus_error(tmp_path):
    with pytest.raises(CorpusError):
        load_corpus(tmp_path / "nope")


def test_detect_language():
    assert detect_language("The quick brown fox " * 20) == "en"
    assert detect_language("资本支出大幅增长" * 20) == "zh"
    assert detect_language("資本支出大幅增長，微軟與亞馬遜" * 20) == "zh-Hant"
    assert detect_language("资本支出大幅增长。" * 30 + " Tech giants spend more money " * 40) == "mixed"


@needs_seeds
def test_raw_seeds_load_with_dates_from_the_text():
    corpus = load_corpus(SEEDS)
    assert len(corpus.articles) == 5 and not corpus.problems
    dates = {a.id[:3]: a.date for a in corpus.articles}
    assert dates["000"] == "2025-08-03" and dates["004"] == "2025-01-04"


def test_a_cached_articles_size_is_known_without_reading_its_body():
    calls = []

    def loader():
        calls.append(1)
        return "x" * 300_000

    article = Article("a", "a.md", "A", loader=loader, summary={"chars": 300_000})
    assert (article.size, article.is_long, article.loaded) == (300_000, True, False)
    assert not calls
    unknown = Article("b", "b.md", "B", loader=loader)
    assert unknown.size is None and unknown.is_long  # not known: treated as long
    short = Article("c", "c.md", "C", body="短文。")
    assert (short.size, short.is_long, short.loaded) == (3, False, True)
    assert article.summarise()["chars"] == 300_000 and calls == [1]


def test_scan_lists_what_walk_lists_with_each_files_size_and_time(tmp_path):
    import os

    from capexreader.corpus import scan, walk

    for rel in ["b.md", "a.txt", "z/c.markdown", "z/y/d.md", "m/e.md", ".hidden/f.md", "g.pdf", ".h.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x" * len(rel), "utf-8")
    (tmp_path / "z" / "loop").symlink_to(tmp_path / "z")  # a loop is cut, not followed forever
    found = scan(tmp_path)
    assert [rel for rel, _ in found] == walk(tmp_path)
    for rel, key in found:
        st = os.stat(tmp_path / rel)
        assert key == f"{st.st_size}:{st.st_mtime_ns}"
