"""Line breaking: no break inside a word, a number, or a number and its unit; no closing
punctuation at a line's start, no opening one at its end; never wider than the width."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from capexreader.wrap import wrap_lines


def lines(text, width):
    return [text[s:e] for s, e in wrap_lines(text, width)]


@pytest.mark.parametrize("width", range(10, 30))  # from the word's own width
def test_a_latin_word_inside_chinese_is_never_cut(width):
    text = "该公司与Anthropic签署了新的合作协议，并向Anthropic追加投资。"
    assert all("Anthrop" not in line or "Anthropic" in line for line in lines(text, width))


@pytest.mark.parametrize("width", range(12, 30))  # from the widest amount and its comma
def test_a_number_and_its_unit_stay_together(width):
    text = "市场预计科技巨头今年合计投入7000亿美元，较去年增长30%，其中微软投入800亿美元。"
    got = lines(text, width)
    for amount in ("7000亿美元", "30%", "800亿美元"):
        assert any(amount in line for line in got), (amount, got)


@pytest.mark.parametrize("width", range(6, 24))
def test_no_closing_punctuation_starts_a_line_nor_opening_one_ends_it(width):
    text = "他说：「这是泡沫。」分析师（多数）认为，风险可控；但也有人担心《报告》所说的情况。"
    got = lines(text, width)
    assert not any(line[:1] in "，。、；：！？）」』》" for line in got[1:]), got
    assert not any(line[-1:] in "（「『《" for line in got), got


def test_english_breaks_at_spaces():
    assert lines("Microsoft will spend $80 billion on AI data centers.", 20) == [
        "Microsoft will spend",
        "$80 billion on AI ",
        "data centers.",
    ]


@given(
    st.text(alphabet="泡沫资本支出。，「」（）亿美元 AIcapex0123456789%", max_size=200), st.integers(4, 60)
)
def test_lines_cover_the_text_in_order_and_fit(text, width):
    got = wrap_lines(text, width)
    pos = 0
    for start, end in got:
        assert start >= pos and end >= start
        assert text[pos:start].strip(" \n") == ""  # only spaces or a line end skipped
        assert cell_len(text[start:end].rstrip(" ")) <= width or end - start == 1
        pos = end
    assert text[pos:].strip(" \n") == ""
