"""Hostile shapes for the figure engine, generated: one long line, a table of many rows, text
dense with figures, runs of company names. Whatever the shape, every figure points into the
text, its quoted sentence stays short, and repeating a block repeats its figures exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from capexreader.attribution import LONG_SENTENCE
from capexreader.figures import extract_figures

ATOMS = [
    "800亿美元",
    "$60-65 billion",
    "30%",
    "0.7 个百分点",
    "三成",
    "120亿、85亿和60亿美元",
    "-8.50%",
    "$2trn",
    "千亿元",
    "微软",
    "Meta",
    "亚马逊",
    "OpenAI",
    "资本支出",
    "capex",
    "2025年",
    "今年",
    "其",
    "the company",
    "合计",
    "投资",
    "revenue",
    "增长",
    "from $8bn to $9bn",
    "2,048",
]
SEPARATORS = [" ", "，", "、", " and ", " | ", "；", "。", ". ", "\n", " - "]
SHAPES = st.sampled_from(["line", "table", "paragraphs"])


def build(atoms, separators, shape):
    parts = []
    for i, atom in enumerate(atoms):
        parts.append(atom)
        sep = separators[i % len(separators)]
        if shape == "line":
            sep = sep.replace("\n", " ").replace("。", "，").replace(". ", ", ")
        elif shape == "table":
            sep = " | " if i % 4 else " |\n| "
        parts.append(sep)
    return "".join(parts)


BLOCKS = st.builds(
    build,
    st.lists(st.sampled_from(ATOMS), min_size=1, max_size=40),
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=5),
    SHAPES,
)


@settings(max_examples=120, deadline=None)
@given(BLOCKS, st.integers(1, 60))
def test_figures_point_into_the_text_and_quote_little(block, repeat):
    text = block * repeat
    for fig in extract_figures(text, year=2025):
        assert text[fig.start : fig.end] == fig.text
        assert len(fig.sentence) <= LONG_SENTENCE + len(fig.text)
        assert fig.value == fig.value and abs(fig.value) < 1e16


@settings(max_examples=80, deadline=None)
@given(BLOCKS, st.integers(2, 30))
def test_a_repeated_block_repeats_its_figures(block, repeat):
    block += "\n\n"  # a paragraph of its own: nothing runs on into the next copy
    one = [(f.start, f.end, f.value, f.value_high, f.unit) for f in extract_figures(block, year=2025)]
    many = [
        (f.start, f.end, f.value, f.value_high, f.unit) for f in extract_figures(block * repeat, year=2025)
    ]
    step = len(block)
    assert many == [(s + k * step, e + k * step, v, h, u) for k in range(repeat) for s, e, v, h, u in one]
