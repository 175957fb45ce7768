"""Attribution as a careful reader gives it, on sentences of our own: who, what, which year."""

import pytest

from capexreader.figures import extract_figures


def attrs(text, **context):
    return [
        (f.text, f.entity, f.kind, f.year) for f in extract_figures(text, **context) if f.category == "money"
    ]


def entities(text, **context):
    return [f.entity for f in extract_figures(text, **context)]


# The subject carries across sentences -----------------------------------------------------


def test_a_company_named_once_owns_the_figures_that_follow():
    text = (
        "Oracle reported its quarter on Tuesday. Revenue rose 8% to $15 billion. "
        "Net income reached $3.1 billion and the margin was 21%."
    )
    assert entities(text) == ["Oracle", "Oracle", "Oracle", "Oracle"]


def test_pronouns_refer_back_to_the_last_company_named():
    assert entities("台积电昨日公布财报。该公司营收达到200亿美元。") == ["TSMC"]
    assert entities("甲骨文公布季报。其云业务收入增长28%。") == ["Oracle"]
    assert entities("Broadcom beat estimates. The company said AI revenue hit $4 billion.") == ["Broadcom"]
    assert entities("Nvidia stunned Wall Street. Its data center sales were $30 billion.") == ["Nvidia"]


def test_a_company_in_a_modifier_is_not_what_the_company_refers_to():
    text = "Anthropic 的估值快速上升。2025年初，亚马逊领投的一轮融资之后，公司估值达到600亿美元。"
    assert entities(text) == ["Anthropic"]


def test_the_subject_does_not_cross_a_blank_line():
    text = "Intel and AMD reported too.\n\nOracle grew fast.\n\nRevenue was $10 billion."
    assert entities(text) == [None]
    assert entities("Intel and AMD reported too.\n\nOracle grew fast. Revenue was $10 billion.") == ["Oracle"]


def test_the_main_company_of_a_results_article_owns_unclaimed_figures():
    body = "Revenue came in at $35 billion.\n\nGross margin was 75%."
    assert entities(body, title="Nvidia's record quarter") == ["Nvidia", "Nvidia"]
    assert entities(body, title="Chip stocks slide") == [None, None]


def test_a_total_of_several_companies_belongs_to_none():
    assert entities("The four companies will spend $400 billion combined.") == [None]
    assert entities("四大科技巨头合计投入4000亿美元。") == [None]
    assert entities("微软、谷歌和Meta今年将投入3000亿美元。") == [None]
    # and the sentence after a list does not give the total to one of them
    assert entities("Google, Meta and Amazon raised guidance. Together they plan $300 billion.") == [None]


def test_an_investor_owns_the_money_it_puts_into_another_company():
    assert attrs("英伟达宣布向 Anthropic 投资 100亿美元") == [("100亿美元", "Nvidia", "investment", None)]
    assert attrs("微软还对数据公司 CoreWeave 投资了 20亿美元")[0][1:3] == ("Microsoft", "investment")
    assert attrs("Anthropic获谷歌20亿美元投资")[0][1:3] == ("Alphabet", "investment")


def test_respectively_with_qualifiers_between_the_figures():
    figs = attrs("谷歌、Meta分别投入约490亿美元与近310亿美元")
    assert [(e, k) for _, e, k, _ in figs] == [("Alphabet", "capex"), ("Meta", "capex")]


def test_a_figure_for_a_company_named_after_it():
    figs = attrs("The deals left a $150 billion backlog for Oracle and $90 billion for CoreWeave.")
    assert [e for _, e, _, _ in figs] == ["Oracle", "CoreWeave"]
    assert entities("微软的合同中，有 40% 来自 OpenAI") == ["OpenAI"]


@pytest.mark.parametrize(
    "text",
    [
        "Brokers forecast $2 trillion of chip demand, and Intel expects a slower year than AMD.",
        "Brokers forecast $2 trillion of chip demand, but Intel expects a slower year than AMD.",
        "券商预计芯片需求达2万亿美元，而英特尔预计今年比AMD放缓。",
    ],
)
def test_a_company_that_opens_a_new_clause_after_a_figure_is_not_its_subject(text):
    # (two companies named: no main company of the text to fall back on)
    assert entities(text)[0] is None


def test_a_company_named_after_a_figure_by_a_reporting_clause_is_its_subject():
    assert entities("Capital spending will reach $40 billion, Intel said.") == ["Intel"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Nebius signed a $3 billion deal with Meta and a $17 billion one with Microsoft.",
            ["Nebius", "Nebius"],
        ),
        ("Oracle, in partnership with OpenAI, will spend $40 billion.", ["Oracle"]),
        ("Together with SoftBank, Oracle will spend $40 billion.", ["Oracle"]),
    ],
)
def test_a_company_named_as_a_partner_is_not_the_subject(text, want):
    assert entities(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("魏哲家表示，明年資本支出約500億美元。", "TSMC"),
        ("Lisa Su said AI revenue would top $10 billion.", "AMD"),
        ("林百里指出，今年營收將達2兆元。", "Quanta"),
    ],
)
def test_a_chief_executive_stands_for_the_company(text, want):
    assert entities(text) == [want]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("英特爾營收季增7%", "growth"), ("英特爾營收月增12%", "growth"), ("英特爾營收月減4%", "decline")],
)
def test_month_and_quarter_changes(text, kind):
    assert [f.kind for f in extract_figures(text)] == [kind]


def test_apple_by_its_short_chinese_name():
    assert entities("苹果宣布未来四年投入5000亿美元") == ["Apple"]


def test_last_friday_is_not_a_group_of_five():
    assert entities("亚马逊股价上周五大跌5%") == ["Amazon"]


# Kind -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Meta raised its capex guidance to $72 billion.", "capex"),
        ("阿里巴巴三年资本开支3800亿元", "capex"),
        ("台積電資本支出400億美元", "capex"),
        ("Amazon is spending $30 billion on data centers this quarter.", "capex"),
        ("微软计划投资800亿美元建设数据中心", "capex"),  # its own build-out
        ("Microsoft spent $21 billion in the quarter.", "capex"),
        ("SoftBank pledged $30 billion to the venture.", "investment"),
        ("Microsoft's $10 billion OpenAI investment", "investment"),
        ("计划向多国投资 300 亿美元", "investment"),
        ("Alphabet's revenue was $96 billion.", "revenue"),
        ("OpenAI的年亏损达到50亿美元", "loss"),
        ("英伟达市值突破5兆美元", "market_cap"),
        ("Oracle sold $18 billion of bonds.", "debt"),
    ],
)
def test_kinds(text, kind):
    assert attrs(text)[0][2] == kind


def test_the_topic_carries_across_a_list_of_companies():
    figs = attrs("Capex in the quarter: Microsoft $35 billion, Amazon $34 billion and Google $24 billion.")
    assert [(e, k) for _, e, k, _ in figs] == [
        ("Microsoft", "capex"),
        ("Amazon", "capex"),
        ("Alphabet", "capex"),
    ]


def test_the_topic_carries_to_the_next_sentence():
    figs = attrs("五家公司2026年的资本支出合计将达7000亿美元。其中，亚马逊以2000亿美元居首。")
    assert figs[1][1:] == ("Amazon", "capex", 2026)


def test_a_repeated_amount_keeps_what_was_said_of_it():
    text = "今年的AI资本支出将达到6000亿美元。\n\n问题在于，6000亿美元能否换来回报？"
    assert [k for _, _, k, _ in attrs(text)] == ["capex", "capex"]


def test_an_analysts_expectation_is_marked():
    figs = extract_figures("Analysts expect Meta to spend $75 billion next year. Meta said $70 billion.")
    assert [f.expectation for f in figs] == [True, False]
    assert extract_figures("市场预期微软资本支出达到900亿美元")[0].expectation


# Year -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "want"),
    [
        ("Microsoft expects FY2026 capex of $120 billion", None, 2026),
        ("微软2026财年资本支出将达1200亿美元", None, 2026),
        ("Microsoft will spend $80 billion in fiscal 2025.", None, 2025),
        ("Capex for FY26 is $100 billion.", None, 2026),
        ("Amazon's capex for the year will be $125 billion.", 2025, 2025),
        ("谷歌预计全年资本支出在910亿至930亿美元之间，约为2024年的两倍", 2025, 2025),
        ("亚马逊今年将投入1000亿美元", 2025, 2025),
        ("甲骨文去年投入210亿美元", 2025, 2024),
        ("Meta will spend more next year: about $100 billion.", 2025, 2026),
        ("台積電114年度資本支出400億美元", None, 2025),
    ],
)
def test_years(text, year, want):
    assert attrs(text, year=year)[0][3] == want


def test_up_from_earlier_this_year_keeps_this_year():
    figs = attrs("Alphabet lifted capex to $93 billion, up from $85 billion earlier this year.", year=2025)
    assert [y for _, _, _, y in figs] == [None, 2025]  # the new guidance's year is not stated


def test_a_year_after_a_comparison_is_not_the_figures():
    figs = attrs("今年资本支出将达2000亿美元，较2025年增长60%", year=2026)
    assert figs[0][3] == 2026


def test_a_lists_year_applies_to_each_item():
    figs = attrs("In 2026 Microsoft plans $140 billion, Google $180 billion and Meta $120 billion of capex.")
    assert [y for _, _, _, y in figs] == [2026, 2026, 2026]


@pytest.mark.parametrize(
    "text",
    [
        "Intel, AMD and Arm Holdings will put $20 billion, $15 billion and $5 billion into fabs in 2027.",
        "英特尔、AMD和高通将分别投入200亿、150亿和50亿美元用于2027年的扩产。",
    ],
)
def test_a_year_after_a_list_applies_to_each_item(text):
    assert [y for _, _, _, y in attrs(text)] == [2027, 2027, 2027]


@pytest.mark.parametrize(
    "text",
    [
        "英特尔2027年营收600亿美元，增长8%；资本开支250亿美元。",
        "Intel's 2027 revenue was $60 billion, up 8%; capex was $25 billion.",
    ],
)
def test_clauses_joined_by_a_semicolon_share_the_year(text):
    assert [y for _, _, _, y in attrs(text)] == [2027, 2027]


def test_a_year_that_trails_a_figure_does_not_cross_a_semicolon():
    figs = attrs("Having spent $50 billion on capex in 2027, Intel is busy; its revenue is $9 billion.")
    assert [y for _, _, _, y in figs] == [2027, None]


def test_items_of_a_list_with_years_of_their_own_keep_them():
    figs = attrs("Capex was $30 billion in 2024 and $45 billion in 2025.")
    assert [y for _, _, _, y in figs] == [2024, 2025]


def test_a_year_inside_an_amount_is_not_a_year():
    assert attrs("其中亚马逊以2000亿美元领跑")[0][3] is None


# Results summaries --------------------------------------------------------------------------


def test_a_taiwan_results_summary():
    text = (
        "台積電今日公布第三季財報，合併營收達新台幣9,899億元，年增40.8%；稅後純益4,523億元，"
        "每股盈餘17.44元。毛利率59.5%，較上季提升0.7個百分點。"
    )
    figs = extract_figures(text, language="zh-Hant", source="https://money.udn.com/a", year=2025)
    assert [(f.unit, f.entity, f.kind) for f in figs] == [
        ("TWD", "TSMC", "revenue"),
        ("percent", "TSMC", "growth"),
        ("TWD", "TSMC", "profit"),
        ("TWD", "TSMC", "profit"),
        ("percent", "TSMC", "margin"),
        ("pp", "TSMC", "growth"),
    ]


def test_a_hong_kong_results_summary():
    text = "騰訊公布第三季業績，收入按年增長15%至1,928億元（人民幣，下同），盈利631億元。股價收報650元。"
    figs = extract_figures(text, language="zh-Hant", source="https://www.hk01.com/a", year=2025)
    assert [(f.unit, f.entity, f.kind) for f in figs] == [
        ("percent", "Tencent", "growth"),
        ("CNY", "Tencent", "revenue"),
        ("CNY", "Tencent", "profit"),
        ("HKD", "Tencent", "share_price"),
    ]


def test_a_year_in_a_later_clause_is_not_the_figures():
    figs = attrs("Capex was $34.9 billion in the quarter, and growth will accelerate in fiscal 2026.")
    assert figs[0][3] is None


def test_the_companys_own_guidance_is_no_expectation():
    figs = extract_figures(
        "Meta将2025年全年资本支出预期的最低水平提升40亿美元。Analysts polled by LSEG "
        "had expected $30 billion."
    )
    assert [f.expectation for f in figs] == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        "亚马逊表示，2026年资本开支将达到1250亿美元。",
        "亞馬遜表示，2026財年資本支出將達1250億美元。",
        "Amazon said, 2026 capex will reach $125 billion.",
    ],
)
def test_a_year_just_after_a_comma_is_the_figures_year(text):
    assert attrs(text)[0][1:] == ("Amazon", "capex", 2026)


def test_a_number_grouped_with_commas_is_not_a_year():
    assert [f.year for f in extract_figures("Revenue was $1,2025 million in the quarter.")] == [None]
