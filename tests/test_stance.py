"""Stance scoring on passages of our own (both languages, both scripts) and on the raw seeds."""

import pytest

from capexreader.corpus import load_corpus
from capexreader.stance import paragraph_leanings, score_stance

from .conftest import SEEDS, needs_seeds

BEAR_ZH = (
    "美国AI投资正处在巨大的泡沫当中，一旦泡沫破裂，经济将面临崩溃。"
    "这些合作存在资金回流的闭环，像一场庞氏骗局。投资者忧心忡忡。"
)
BULL_EN = (
    "This is a golden opportunity. Citing the Jevons paradox, he argues efficiency will "
    "spark an unprecedented surge in demand. Leaders are optimistic and confident."
)


def test_bearish_simplified():
    assert score_stance(BEAR_ZH).label == "bearish"


def test_bearish_traditional_matches_through_folding():
    trad = "美國AI投資正處在巨大的泡沫當中，一旦泡沫破裂，經濟將面臨崩潰。這像一場龐氏騙局。投資者憂心忡忡。"
    stance = score_stance(trad)
    assert stance.label == "bearish" and stance.score < 0


def test_bullish_english_with_evidence():
    stance = score_stance(BULL_EN)
    assert stance.label == "bullish" and stance.score > 0
    # Jevons names an argument, not a side: the words around it decide
    assert not any("Jevons" in e.cues for e in stance.evidence)
    assert all(BULL_EN[e.start : e.end].strip() for e in stance.evidence)


def test_mixed_needs_weight_on_both_sides():
    assert score_stance(BEAR_ZH + BULL_EN).label == "mixed"
    assert score_stance("The company reported results on Tuesday.").label == "neutral"


@pytest.mark.parametrize(
    "text", ["This is not a bubble.", "当前的AI投资并非泡沫。", "現在的AI投資不是泡沫。"]
)
def test_negation_turns_a_bearish_cue(text):
    assert score_stance(text).score > 0


@pytest.mark.parametrize("text", ["Are we in a bubble?", "AI投资是否存在泡沫？"])
def test_questions_count_for_little(text):
    assert abs(score_stance(text).bearish) < 1.5


def test_rebutted_fears_lean_bullish():
    text = "Analyst Dan Ives dismisses such concerns about a bubble, insisting it is just beginning."
    assert score_stance(text).score > 0


def test_one_mention_is_not_a_sustained_argument():
    one = score_stance("Some worry about a bubble. " + "Revenue was reported. " * 10)
    many = score_stance(BEAR_ZH * 3)
    assert abs(one.score) < abs(many.score)


def test_editorial_override_keeps_the_computed_score():
    stance = score_stance(BEAR_ZH, override="bullish")
    assert stance.label == "bullish" and stance.computed_label == "bearish" and stance.score < 0


def test_paragraph_leanings():
    text = BEAR_ZH + "\n" + "天气不错。" + "\n" + BULL_EN
    signs = [sign for _, _, sign in paragraph_leanings(text)]
    assert signs == [-1, 1]


@needs_seeds
def test_five_of_five_on_the_raw_seeds():
    labels = {a.id[:3]: a.stance.label for a in load_corpus(SEEDS).articles}
    assert labels["000"] == labels["001"] == labels["004"] == "bullish"
    assert labels["002"] == "bearish"
    assert labels["003"] in ("bearish", "mixed")


def test_failing_to_keep_a_lead_is_not_bullish():
    assert score_stance("徹底的技術封鎖根本無助于保持美國領先地位。").score < 0
    assert score_stance("The firm failed to sustain its growth.").score < 0


def test_chinese_rebuttal_of_bubble_fears():
    stance = score_stance("尽管有人担心泡沫，但微软认为需求依然强劲，这是黄金机遇。")
    assert stance.label == "bullish"


def test_traditional_bullish_passage():
    text = "微軟認為這是美國的黃金機遇，人工智能將推動經濟增長。我們對此充滿信心，保持樂觀。"
    assert score_stance(text).label == "bullish"


# Discourse: claims and answers, concessions, the title, how sure ---------------------------


def test_a_view_given_to_others_and_then_answered_counts_for_the_answer():
    text = (
        "Bulls argue that demand will be limitless and the boom will last for years. "
        "But they are wrong: the returns are not there and the spending is a gamble."
    )
    stance = score_stance(text)
    assert stance.label == "bearish"
    answer = next(e for e in stance.evidence if e.role == "answer")
    assert answer.claim.startswith("Bulls argue") and answer.sentence.startswith("But they are wrong")


def test_a_chinese_claim_answered():
    text = "有观点认为，AI需求将持续强劲，前景十分乐观。然而，这种看法忽视了巨大的泡沫风险。"
    assert score_stance(text).label == "bearish"
    trad = "有觀點認為，AI需求將持續強勁，前景十分樂觀。然而，這種看法忽視了巨大的泡沫風險。"
    assert score_stance(trad).label == "bearish"


def test_an_unanswered_view_of_others_counts_little():
    mine = score_stance("This is a golden opportunity for the industry.")
    theirs = score_stance("Bulls say this is a golden opportunity for the industry.")
    assert 0 < theirs.bullish < mine.bullish


def test_the_main_clause_of_a_concession_counts():
    assert (
        score_stance(
            "Although some fear a bubble, demand is strong and the opportunity is "
            "enormous, a golden opportunity."
        ).label
        == "bullish"
    )
    assert score_stance("虽然需求强劲，但泡沫风险正在累积，回报周期过长，投资者忧心忡忡。").label == "bearish"


def test_jevons_is_an_argument_not_a_cue():
    assert score_stance("In 1865 William Stanley Jevons wrote about the price of coal.").label == "neutral"
    assert score_stance("The Jevons paradox provides less comfort than they imagine.").score < 0
    assert score_stance("Jevons paradox strikes again: we will see demand skyrocket.").score > 0


def test_the_title_weighs_more_than_a_sentence_of_the_body():
    body = "Demand is strong. Some investors see a bubble. " * 2
    assert score_stance(body, title="A bubble waiting to burst").score < score_stance(body).score
    assert score_stance(body, title="A golden opportunity").score > score_stance(body).score


def test_a_short_article_with_a_clear_lean_is_not_neutral():
    stance = score_stance(
        "Microsoft raised its capex guidance, citing strong demand and a golden opportunity in AI."
    )
    assert stance.label == "bullish"


def test_confidence_grows_with_a_one_sided_case():
    one_sided = score_stance(BEAR_ZH * 3)
    balanced = score_stance(BEAR_ZH + BULL_EN + BULL_EN)
    assert 0 <= balanced.confidence <= 1 and 0 <= one_sided.confidence <= 1
    assert one_sided.label == "bearish" and one_sided.confidence > 0.8
    little = score_stance("Revenue was reported. Some see growth.")
    assert little.label == "neutral" and little.confidence < 1


def test_rebuttal_words_turn_the_fear_they_dismiss():
    assert score_stance("分析师驳斥了泡沫论，认为需求依然强劲。").score > 0


# Whole passages of our own, labelled by hand: the kinds of article the reader meets ---------

PASSAGES = [
    (
        "台積電Q3獲利創新高 AI需求強勁",
        "台積電今日公布第三季財報，合併營收達新台幣9,899億元，年增40.8%，稅後純益4,523億元，創歷史新高。"
        "公司表示，AI相關需求持續強勁，預估第四季營收將再成長，並上調全年資本支出。",
        {"bullish"},
    ),
    (
        "騰訊第三季收入增15%",
        "騰訊公布第三季業績，收入按年增長15%至1,928億元，盈利631億元，高於市場預期。集團表示會繼續加大AI投入，"
        "但資本開支增長將放緩。股價收報650元。",
        {"bullish", "mixed"},
    ),
    (
        "The AI capex boom is running on borrowed money",
        "Oracle has issued $18 billion of bonds and its free cash flow has turned negative. Credit spreads "
        "on its debt have widened, and analysts warn that the hyperscalers are spending faster than AI "
        "revenue can grow. Investors are starting to ask when the returns will arrive.",
        {"bearish"},
    ),
    (
        "Nvidia smashes estimates again",
        "Nvidia reported record revenue of $57 billion, well above estimates, and guided higher. The chief "
        "executive said demand is off the charts and cloud GPUs are sold out. The results eased fears of "
        "an AI slowdown.",
        {"bullish"},
    ),
    (
        "微软发布季度财报",
        "微软周二发布第一财季财报，营收为777亿美元，资本支出为349亿美元。公司将于下月召开股东大会。",
        {"neutral"},
    ),
    (
        "AI算力投资回报存疑",
        "多家机构指出，科技巨头的算力投入与收入增长严重不匹配，折旧压力将在未来两年集中释放，利润率承压。"
        "一旦需求不及预期，巨额投资可能难以收回。",
        {"bearish"},
    ),
    (
        "Is the AI boom a bubble?",
        "Supporters argue that AI will transform every industry and that demand is limitless. However, "
        "revenue remains a fraction of the spending, and the circular deals between chip makers and their "
        "customers look like a bubble.",
        {"bearish"},
    ),
    (
        "巨头加码AI：机遇与风险并存",
        "微软、谷歌加码投资，管理层对AI前景充满信心，认为这是千载难逢的机遇。与此同时，投资者担忧回报周期过长，"
        "产能过剩的风险也在上升，部分资金开始撤离。",
        {"mixed"},
    ),
]


@pytest.mark.parametrize(("title", "body", "labels"), PASSAGES, ids=[p[0][:20] for p in PASSAGES])
def test_hand_labelled_passages(title, body, labels):
    assert score_stance(body, title=title).label in labels


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Gross margins fell sharply in the quarter.", -1),
        ("Azure revenue rose again.", 1),
        ("Depreciation costs rose as the new data centres came online.", -1),
        ("营收增长30%，利润率提升。", 1),
        ("公司成本下降，债务减少。", 1),  # good news, though 成本 and 债务 alone lean bearish
        ("毛利率下滑，股价走低。", -1),
    ],
)
def test_figures_as_cues_say_which_way(text, sign):
    assert score_stance(text).score * sign > 0
