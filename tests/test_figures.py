"""Figure extraction: every supported pattern on sentences of our own, then the seeds' gold."""

import json
import subprocess
import sys

import pytest

from capexreader import figures
from capexreader.figures import extract_figures

from .conftest import GOLD, ROOT, SCORER, SEEDS, needs_seeds


def one(text, year=None):
    figures = [f for f in extract_figures(text, year=year)]
    assert len(figures) == 1, [(f.text, f.unit) for f in figures]
    return figures[0]


def values(text):
    return [(f.value, f.value_high, f.unit) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("Oracle will spend $80 billion.", 80e9, None, "USD"),
        ("a $80B budget", 80e9, None, "USD"),
        ("It raised US$1.2 trillion.", 1.2e12, None, "USD"),
        ("between $60-65 billion this year", 60e9, 65e9, "USD"),
        ("guidance of $91–93 billion", 91e9, 93e9, "USD"),
        ("capex of 35bn next year", 35e9, None, "USD"),
        ("nearly $35 billion in chips", 35e9, None, "USD"),
        ("a $2.5 million grant", 2.5e6, None, "USD"),
        ("€5bn for data centres", 5e9, None, "EUR"),
        ("£3.5 billion in Britain", 3.5e9, None, "GBP"),
        ("spent 40 billion dollars", 40e9, None, "USD"),
        ("HK$10 billion", 10e9, None, "HKD"),
        ("计划投入800亿美元", 80e9, None, "USD"),
        ("砸下7000亿美金", 700e9, None, "USD"),
        ("高达 500 亿美元 利润", 50e9, None, "USD"),
        ("投資6,700億美元", 670e9, None, "USD"),
        ("規模達4 兆美元", 4e12, None, "USD"),
        ("达到4.58 万亿元人民币", 4.58e12, None, "CNY"),
        ("人民币4.58万亿元", 4.58e12, None, "CNY"),
        ("投入600-650亿美元", 60e9, 65e9, "USD"),
        ("投入700亿至720亿美元", 70e9, 72e9, "USD"),
        ("营收1200亿元", 120e9, None, "CNY"),
        ("估值3000億新台幣", 300e9, None, "TWD"),
        ("增长30%", 30, None, "percent"),
        ("上调 5% 至 10%", 5, 10, "percent"),
        ("grew 3 percent", 3, None, "percent"),
        ("rose 5-10%", 5, 10, "percent"),
        ("提升百分之三十", 30, None, "percent"),
        ("adds 0.7 percentage points to growth", 0.7, None, "pp"),
        ("拉动0.7 个百分点", 0.7, None, "pp"),
        ("拉動0.7個百分點", 0.7, None, "pp"),
        ("cut by 50 basis points", 0.5, None, "pp"),
        ("缺口将达 50 万人", 5e5, None, "count"),
        ("reached 1 billion users", 1e9, None, "count"),
        ("日活突破 1 亿", 1e8, None, "count"),
    ],
)
def test_patterns(text, value, high, unit):
    fig = one(text)
    assert (fig.value, fig.value_high, fig.unit) == pytest.approx((value, high, unit))
    assert text[fig.start : fig.end] == fig.text


def test_number_split_by_a_line_break():
    text = "计划投资约 800\n亿美元，建设数据中心"
    fig = one(text)
    assert fig.value == 80e9 and fig.text == "800\n亿美元"


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 and 2026年 and FY2026",
        "as reported [5][9][12] and [3]",
        "全文6,000 字，阅读约需16分钟",
        "see https://example.com/a?mid=2247495167&idx=1 and mail 441953276@qq.com",
        "1. First point\n2、第二点",
        "这十分重要，万分感谢",
        "H200 chips, G42 and 5G, 4-H clubs",
        "1月3日发布，12个月",
    ],
)
def test_not_figures(text):
    assert values(text) == []


def test_traditional_and_simplified_agree():
    assert values("微軟投資800億美元") == values("微软投资800亿美元")


def test_entity_kind_and_year():
    fig = one("微软计划在2025财年投入800亿美元用于AI基础设施建设")
    assert (fig.entity, fig.kind, fig.year) == ("Microsoft", "capex", 2025)
    fig = one("Nadella said Azure revenue hit $13 billion")
    assert (fig.entity, fig.kind) == ("Microsoft", "revenue")
    fig = one("OpenAI的亏损或许会超过1000亿美元")
    assert (fig.entity, fig.kind) == ("OpenAI", "loss")
    fig = one("輝達市值達4 兆美元")
    assert (fig.entity, fig.kind) == ("Nvidia", "market_cap")


def test_relative_years_resolve_against_the_article_date():
    assert one("亚马逊去年投入770亿美元", year=2025).year == 2024
    assert one("Meta will spend $65 billion next year", year=2025).year == 2026
    assert one("今年甲骨文将投入500亿美元", year=2026).year == 2026
    assert one("今年甲骨文将投入500亿美元").year is None


def test_lists_of_companies_get_no_single_entity():
    fig = one("亚马逊、谷歌和微软的市值合计蒸发9000亿美元")
    assert fig.entity is None


def test_respectively_maps_figures_to_entities_in_order():
    figs = extract_figures("谷歌和Meta分别投入490亿美元和310亿美元")
    assert [f.entity for f in figs] == ["Alphabet", "Meta"]
    figs = extract_figures("Amazon and Google fell 5% and 8% respectively.")
    assert [f.entity for f in figs] == ["Amazon", "Alphabet"]


def test_labels():
    fig = one("微软2025年投入800亿美元资本支出")
    assert fig.label() == "Microsoft · capex · 2025 · $80B"
    assert one("rose 5-10%").amount() == "5%–10%"


@needs_seeds
def test_f1_on_the_seeds_with_the_shared_scorer(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "capexreader", "figures", "--content", str(SEEDS), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    path = tmp_path / "figures.json"
    path.write_text(out.stdout)
    assert json.loads(out.stdout)
    score = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(path), "--min-f1", "0.98"],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout


def test_a_long_stretch_of_figures_is_cut_without_losing_or_changing_any():
    # One line with no gap between figures: its searches are cut into pieces.
    unit = "资本支出增长30%，微软投入800亿美元；Meta spends $60-65 billion. "
    line = unit * 600
    assert len(line) > 10 * figures.WINDOW
    found = extract_figures(line)
    alone = extract_figures(unit)
    assert len(found) == len(alone) * 600
    step = len(unit)
    for i, fig in enumerate(found):
        model = alone[i % len(alone)]
        shift = (i // len(alone)) * step
        assert (fig.start - shift, fig.end - shift, fig.value, fig.value_high, fig.unit) == (
            model.start,
            model.end,
            model.value,
            model.value_high,
            model.unit,
        )
        assert line[fig.start : fig.end] == fig.text
    spans = figures._windows(line)
    assert max(hi - lo for lo, hi, _, _ in spans) <= figures.WINDOW + 2 * figures.MARGIN
