"""The forms real articles use, each on sentences of our own: what is a figure, its value and
unit, and what is not a figure at all."""

import pytest

from capexreader.figures import extract_figures


def found(text, **context):
    return [(f.text, f.value, f.value_high, f.unit) for f in extract_figures(text, **context)]


def approx(rows):
    return [(t, pytest.approx(v), None if h is None else pytest.approx(h), u) for t, v, h, u in rows]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # suffixes: trn, T and B after a space, mn
        ("Forecasts run from $2trn-$4trn by 2030.", [("$2trn-$4trn", 2e12, 4e12, "USD")]),
        ("a plan worth $ 5-6T in all", [("$ 5-6T", 5e12, 6e12, "USD")]),
        ("Oracle guided to $ 25B of capex", [("$ 25B", 25e9, None, "USD")]),
        ("Capex was $750mn in the quarter", [("$750mn", 750e6, None, "USD")]),
        ("a €3trn market", [("€3trn", 3e12, None, "EUR")]),
        ("capex of 1.2trn over the decade", [("1.2trn", 1.2e12, None, "USD")]),
        # negative changes in tables
        ("| Intel | -8.50% | +3.2% |", [("-8.50%", -8.5, None, "percent"), ("3.2%", 3.2, None, "percent")]),
        ("毛利率同比 −1.5%", [("−1.5%", -1.5, None, "percent")]),
        ("rose 5-10% on the day", [("5-10%", 5, 10, "percent")]),
        # one unit for a list
        (
            "三家分别投入120亿、85亿和60亿美元",
            [("120亿", 12e9, None, "USD"), ("85亿", 8.5e9, None, "USD"), ("60亿美元", 6e9, None, "USD")],
        ),
        ("两季营收为512、688億美元", [("512", 51.2e9, None, "USD"), ("688億美元", 68.8e9, None, "USD")]),
        (
            "增速依次为41.2%、63.5%和70%",
            [
                ("41.2%", 41.2, None, "percent"),
                ("63.5%", 63.5, None, "percent"),
                ("70%", 70, None, "percent"),
            ],
        ),
        (
            "占比为12、18和25%",
            [("12", 12, None, "percent"), ("18", 18, None, "percent"), ("25%", 25, None, "percent")],
        ),
        # Chinese numerals
        ("计划三年投入千亿元", [("千亿元", 1e11, None, "CNY")]),
        ("拿下逾百億美元訂單", [("百億美元", 1e10, None, "USD")]),
        ("全年資本支出三二〇至三八〇億美元", [("三二〇至三八〇億美元", 32e9, 38e9, "USD")]),
        ("季度營收六〇五億美元", [("六〇五億美元", 60.5e9, None, "USD")]),
        ("豪掷两千亿美元", [("两千亿美元", 2e11, None, "USD")]),
        ("毛利率七十二％", [("七十二％", 72, None, "percent")]),
        ("年增三十五至四十％", [("三十五至四十％", 35, 40, "percent")]),
        ("營收三成來自雲端，七成來自伺服器", [("三成", 30, None, "percent"), ("七成", 70, None, "percent")]),
        ("約8成訂單來自AI", [("8成", 80, None, "percent")]),
        # full-width digits and marks
        ("營收４５６﹒７億元", [("４５６﹒７億元", 45.67e9, None, "CNY")]),
        ("年增４０％", [("４０％", 40, None, "percent")]),
        ("毛利率３～５％", [("３～５％", 3, 5, "percent")]),
        ("投入１２０億美元", [("１２０億美元", 12e9, None, "USD")]),
        ("a 3-percentage-point rise", [("3-percentage-point", 3, None, "pp")]),
        ("a 25-basis-point cut", [("25-basis-point", 0.25, None, "pp")]),
        # not ranges
        ("营收增长12%至980亿元", [("12%", 12, None, "percent"), ("980亿元", 98e9, None, "CNY")]),
        (
            "Capex was revised from $800bn to $1.2tn.",
            [("$800bn", 800e9, None, "USD"), ("$1.2tn", 1.2e12, None, "USD")],
        ),
        ("预算由300亿至400亿美元", [("300亿", 30e9, None, "USD"), ("400亿美元", 40e9, None, "USD")]),
        ("growth picked up from 5% to 8%", [("5%", 5, None, "percent"), ("8%", 8, None, "percent")]),
    ],
)
def test_forms(text, want):
    got = found(text)
    assert got == approx(want)
    for fig in extract_figures(text):
        assert text[fig.start : fig.end] == fig.text


@pytest.mark.parametrize(
    "text",
    [
        "成本上升，成为焦点，完成交付，成长迅速，一成不变",
        "中海油（００８８３）股價走高",
        "Sony (6758.T) and Toyota (7203.T)",
        "公司114年度財報",
        "用電 5 GW，裝置容量 30 萬瓩，另有 2 万千瓦",
        "客服电话 400-820-8820，或 +86 10 6552 1234",
        "评级 Aa3，展望 BBB+",
        "恒指报 18000点，纳指 15000 点",
        "前五大客户，十大股东",
        "数千亿的投入",
    ],
)
def test_not_figures(text):
    assert [f for f in extract_figures(text) if f.category != "count"] == []


def test_counts_stay_counts():
    units = {f.text: f.unit for f in extract_figures("出货 500 万颗芯片，用户 3 亿，裁员 1.2 万人")}
    assert set(units.values()) == {"count"}


@pytest.mark.parametrize(
    ("text", "context", "unit"),
    [
        # explicit conventions first
        (
            "淨利80億元（人民幣，下同），營收500億元",
            {"language": "zh-Hant", "source": "https://money.udn.com/a"},
            ["CNY", "CNY"],
        ),
        ("營收10億美元（下同），淨利2億元", {"language": "zh-Hant"}, ["USD", "USD"]),
        ("市值港幣 2.1 萬億元", {}, ["HKD"]),
        ("營收3000億新台幣", {}, ["TWD"]),
        # then where the article comes from
        (
            "台積電全年營收3兆元，每股盈餘40元",
            {"language": "zh-Hant", "source": "https://money.udn.com/a"},
            ["TWD", "TWD"],
        ),
        ("營收1.2兆元", {"language": "zh-Hant", "source": "https://www.example.com.tw/a"}, ["TWD"]),
        (
            "騰訊股價收報420元；季度收入1,800億元人民幣",
            {"language": "zh-Hant", "source": "https://www.hk01.com/a"},
            ["HKD", "CNY"],
        ),
        ("港股全日成交1,200億元", {"language": "zh-Hant", "source": "https://www.hk01.com/a"}, ["HKD"]),
        ("股價報420元，恒指升1%，香港港股", {"language": "zh-Hant"}, ["HKD", "percent"]),
        ("SoftBank raised ¥1.5 trillion", {"language": "en"}, ["JPY"]),  # ¥ in English is yen
        ("营收¥300亿", {"language": "zh"}, ["CNY"]),
        ("美金300億元", {}, ["USD"]),
        # Simplified Chinese keeps yuan, wherever it is published
        ("营收1800亿元", {"language": "zh", "source": "https://money.udn.com/a"}, ["CNY"]),
        ("营收1800亿元", {}, ["CNY"]),
    ],
)
def test_currency_of_a_bare_yuan(text, context, unit):
    assert [f.unit for f in extract_figures(text, **context)] == unit
