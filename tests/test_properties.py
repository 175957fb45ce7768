"""Property tests: no input makes the loader, cleaner, figures, wrapping or search raise, and
offsets always point inside the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capexreader.clean import clean_text
from capexreader.corpus import load_corpus
from capexreader.figures import extract_figures
from capexreader.fold import fold, fold_char
from capexreader.search import SearchIndex
from capexreader.stance import score_stance
from capexreader.wrap import wrap_lines

ALPHABET = st.sampled_from(
    list(
        "0123456789$%.,-–~ \n亿万兆美元人民币百分之个点億萬微软軟泡沫AIbn"
        "capex billion percent [](){}\\#*\x1b\x07\u200b😀"
    )
)
TEXTS = st.one_of(st.text(), st.text(ALPHABET, max_size=300))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(TEXTS)
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@SETTINGS
@given(TEXTS)
def test_fold_is_each_character_folded(text):
    assert fold(text) == "".join(fold_char(ch) for ch in text)


@SETTINGS
@given(TEXTS)
def test_clean_never_raises(text):
    cleaned = clean_text(text)
    assert isinstance(cleaned.text, str) and "\x1b" not in cleaned.text


@SETTINGS
@given(TEXTS, st.one_of(st.none(), st.integers(1990, 2040)))
def test_figures_point_inside_the_text(text, year):
    for fig in extract_figures(text, year=year):
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        assert fig.value == fig.value  # not NaN


@SETTINGS
@given(TEXTS)
def test_stance_never_raises(text):
    stance = score_stance(text)
    assert -1 <= stance.score <= 1
    for e in stance.evidence:
        assert 0 <= e.start <= e.end <= len(text)


@SETTINGS
@given(TEXTS, st.integers(1, 120))
def test_wrapping_covers_the_text(text, width):
    lines = wrap_lines(text, width)
    assert lines
    for start, end in lines:
        assert 0 <= start <= end <= len(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_loader_never_raises(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("p")
    (root / "x.txt").write_bytes(data)
    (root / "y.md").write_bytes(b"---\n" + data + b"\n---\nbody")
    corpus = load_corpus(root)
    assert len(corpus.articles) + len([p for p in corpus.problems if p.fatal]) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=3), TEXTS)
def test_search_hits_point_inside_bodies(bodies, query):
    index = SearchIndex()
    for i, body in enumerate(bodies):
        index.add(str(i), f"t{i}", body)
    for result in index.search(query).results:
        body = bodies[int(result.article)]
        for hit in result.hits:
            assert 0 <= hit.start < hit.end <= len(body)
            assert body[hit.start : hit.end] == hit.text
