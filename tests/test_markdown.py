"""The reader's Markdown: what each line draws, and that every drawn piece is the body's text
at its offset (hits, figures and evidence are offsets into the body)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from capexreader import document as md
from capexreader.document import lines_are_paragraphs, parse
from capexreader.layout import lay_out, layout_text, pieces


def drawn(text: str, width: int = 60) -> list[str]:
    doc, layout = layout_text(text, width)
    return ["".join(p[0] for p in pieces(doc, text, layout, i)) for i in range(len(layout))]


def all_pieces(text: str, width: int = 60) -> list[list[tuple[str, int, int]]]:
    doc, layout = layout_text(text, width)
    return [pieces(doc, text, layout, i) for i in range(len(layout))]


def assert_faithful(text: str, width: int) -> None:
    """Each piece from the body is the body at its offset; pieces come in body order."""
    last = -1
    for line in all_pieces(text, width):
        for shown, at, style in line:
            if at < 0:
                continue
            if style & md.SOFT:
                assert text[at] == "\n" and shown == " "
            else:
                assert text[at : at + len(shown)] == shown
            assert at >= last
            last = at + len(shown)


def test_headings_emphasis_and_code_drop_their_markup():
    text = "## 二、资本开支\n\n公司计划投入**八百亿美元**，*同比*增长，见 `capex` 一栏。\n"
    lines = drawn(text)
    assert lines == ["二、资本开支", "", "公司计划投入八百亿美元，同比增长，见 capex 一栏。"]
    heading = all_pieces(text)[0]
    assert all(style & md.HEAD for _, _, style in heading)
    body = all_pieces(text)[2]
    assert ("八百亿美元", text.index("八百亿美元"), md.BOLD) in body
    assert any(shown == "capex" and style & md.MONO for shown, _, style in body)
    assert_faithful(text, 30)


def test_a_soft_break_joins_chinese_without_a_space_and_english_with_one():
    text = "谷歌表示将继续加大\n投入。The firm expects\nhigher spending.\n\n下一段。\n"
    assert drawn(text)[:1] == ["谷歌表示将继续加大投入。The firm expects higher spending."]
    assert drawn(text)[2] == "下一段。"
    assert_faithful(text, 12)


def test_raw_web_text_keeps_every_line_a_paragraph():
    lines = [f"第{n}段：亚马逊今年的资本支出约为一千亿美元。" for n in range(6)]
    text = "\n".join(lines)
    assert lines_are_paragraphs(text)
    assert drawn(text, 80) == [shown for line in lines for shown in ("", line)][1:]  # a blank between
    assert len(parse(text)) == len(lines)  # each a paragraph: marked, and leaning, on its own
    wrapped_markdown = "第一行的一半\n第一行的另一半\n\n第二段\n\n第三段\n\n第四段\n"
    assert not lines_are_paragraphs(wrapped_markdown)
    assert drawn(wrapped_markdown, 80)[0] == "第一行的一半第一行的另一半"


def test_lists_quotes_and_rules_draw_their_marks():
    text = (
        "前言。\n\n- 微软 800亿美元\n- Meta 650亿美元\n  1. 数据中心\n  2. 芯片\n\n"
        "> 泡沫还是机会？\n> 分析师各执一词。\n\n---\n\n3. third\n4. fourth\n"
    )
    lines = drawn(text, 40)
    assert lines[:7] == [
        "前言。",
        "",
        "• 微软 800亿美元",
        "• Meta 650亿美元",
        "  1. 数据中心",
        "  2. 芯片",
        "",
    ]
    assert lines[7] == "│ 泡沫还是机会？分析师各执一词。"
    assert set(lines[9]) == {"─"}
    assert lines[11:] == ["3. third", "4. fourth"]
    assert_faithful(text, 12)


def test_a_long_item_wraps_under_its_text_not_its_bullet():
    text = "- " + "capital spending rises " * 6 + "\n"
    lines = drawn(text, 30)
    assert lines[0].startswith("• ") and all(line.startswith("  ") for line in lines[1:])
    assert all(cell_len(line) <= 30 for line in lines)


def test_code_keeps_its_lines_and_drops_its_fences():
    text = "看代码：\n\n```python\nx = 1\n\ny = 2\n```\n\n完。\n"
    assert drawn(text) == ["看代码：", "", "x = 1", "", "y = 2", "", "完。"]
    assert_faithful(text, 20)


def test_links_show_their_text_and_keep_their_address():
    text = (
        "详见[微软博客](https://blogs.example/ai(2025)) 与 <https://example.org/x>，"
        "以及 ![一张图表](chart.png)。\n"
    )
    line = drawn(text)[0]
    assert line == "详见微软博客 与 https://example.org/x，以及 一张图表。"
    doc = parse(text)
    assert doc.link_at(text.index("微软博客")) == "https://blogs.example/ai(2025)"
    assert doc.link_at(text.index("example.org")) == "https://example.org/x"
    assert doc.link_at(text.index("一张图表")) == "chart.png"
    assert doc.link_at(text.index("与")) is None
    assert_faithful(text, 14)


def test_escapes_and_entities_show_what_they_stand_for_where_they_can():
    text = "Escaped \\*not bold\\* and 5 \\> 3.\n"
    assert drawn(text) == ["Escaped *not bold* and 5 > 3."]
    assert_faithful(text, 10)


TABLE = (
    "| 公司 | 资本开支 | 同比 |\n"
    "|:---|---:|:-:|\n"
    "| 微软 Microsoft | 800亿美元 | +80% |\n"
    "| Meta | 600–650亿美元 | -8.50% |\n"
)


def test_a_table_is_aligned_by_cell_width_with_cjk_counted_double():
    lines = drawn(TABLE, 80)
    assert lines[0].startswith("┌") and lines[2].startswith("├") and lines[-1].startswith("└")
    assert len({cell_len(line) for line in lines}) == 1  # every row as wide as the borders
    assert lines[1].split("│")[2].endswith("资本开支 ")  # right-aligned column
    assert lines[3].split("│")[1] == " 微软 Microsoft "
    assert_faithful(TABLE, 80)


def test_a_table_too_wide_wraps_its_cells_and_loses_no_text():
    text = "| 项目 | 说明 |\n|---|---|\n| 资本开支 | " + "亚马逊计划投入一千亿美元用于数据中心，" * 4 + " |\n"
    doc, layout = layout_text(text, 30)
    lines = [pieces(doc, text, layout, i) for i in range(len(layout))]
    assert all(cell_len("".join(p[0] for p in line)) <= 30 for line in lines)
    shown = "".join(p[0] for line in lines for p in line if p[1] >= 0)
    assert shown.replace(" ", "") == ("项目说明资本开支" + "亚马逊计划投入一千亿美元用于数据中心，" * 4)
    assert_faithful(text, 30)


def test_an_offset_in_a_table_cell_is_drawn_on_the_line_it_maps_to():
    doc, layout = layout_text(TABLE, 80)
    at = TABLE.index("600")
    line = max(i for i in range(len(layout)) if layout.starts[i] <= at)
    assert any(p[1] <= at < p[1] + len(p[0]) for p in pieces(doc, TABLE, layout, line) if p[1] >= 0)


def test_a_long_body_is_parsed_in_chunks_that_agree_with_the_whole(monkeypatch):
    text = "".join(
        f"## 第{n}节\n\n微软**计划**投入{n}亿美元，\n用于AI。\n\n- 甲\n- 乙\n\n" for n in range(400)
    )
    whole = drawn(text)
    monkeypatch.setattr(md, "CHUNK", 500)
    assert len(md._chunks(text)) > 10
    assert drawn(text) == whole


def test_a_chunk_never_ends_inside_a_code_fence(monkeypatch):
    monkeypatch.setattr(md, "CHUNK", 40)
    text = "前言。\n\n```\n" + "line\n\n" * 30 + "```\n\n后记。\n"
    for lo, hi in md._chunks(text):
        assert text[lo:hi].count("```") % 2 == 0
    assert drawn(text)[-1] == "后记。"


def test_a_new_width_lays_out_the_same_document_again():
    text = "## 标题\n\n" + "资本支出增长。" * 40 + "\n"
    doc = parse(text)
    narrow, wide = lay_out(doc, text, 20), lay_out(doc, text, 60)
    assert len(narrow) > len(wide)
    assert narrow.widest == 20


markdownish = st.lists(
    st.sampled_from(
        [
            "# ",
            "## ",
            "- ",
            "1. ",
            "> ",
            "**",
            "*",
            "`",
            "[",
            "](u)",
            "![",
            "|",
            "---",
            "\n",
            "\n\n",
            " ",
            "\\",
        ]
        + ["微软", "800亿美元", "capex", "。", "，", "AI", "泡沫", "x"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(markdownish, st.integers(min_value=8, max_value=50))
def test_any_text_lays_out_faithfully_within_its_width(text, width):
    doc, layout = layout_text(text, width)
    assert list(layout.starts) == sorted(layout.starts)
    for i in range(len(layout)):
        line = pieces(doc, text, layout, i)
        assert cell_len("".join(p[0] for p in line)) <= layout.widest
    if md.TABLE not in doc.kind and all(len(first) <= 4 for first, _ in doc.prefixes):
        assert layout.widest == max(8, width)
    assert_faithful(text, width)
