"""Stance scoring on passages of our own (both languages, both scripts) and on the raw seeds."""

import pytest

from capexreader.corpus import load_corpus
from capexreader.stance import paragraph_leanings, score_stance

from .conftest import SEEDS, needs_seeds

BEAR_ZH = ("美国AI投资正处在巨大的泡沫当中，一旦泡沫破裂，经济将面临崩溃。"
           "这些合作存在资金回流的闭环，像一场庞氏骗局。投资者忧心忡忡。")
BULL_EN = ("This is a golden opportunity. Citing the Jevons paradox, he argues efficiency will "
           "spark an unprecedented surge in demand. Leaders are optimistic and confident.")


def test_bearish_simplified():
    assert score_stance(BEAR_ZH).label == "bearish"


def test_bearish_traditional_matches_through_folding():
    trad = "美國AI投資正處在巨大的泡沫當中，一旦泡沫破裂，經濟將面臨崩潰。這像一場龐氏騙局。投資者憂心忡忡。"
    stance = score_stance(trad)
    assert stance.label == "bearish" and stance.score < 0


def test_bullish_english_with_evidence():
    stance = score_stance(BULL_EN)
    assert stance.label == "bullish" and stance.score > 0
    assert any("Jevons" in e.cues for e in stance.evidence)
    assert all(BULL_EN[e.start:e.end].strip() for e in stance.evidence)


def test_mixed_needs_weight_on_both_sides():
    assert score_stance(BEAR_ZH + BULL_EN).label == "mixed"
    assert score_stance("The company reported results on Tuesday.").label == "neutral"


@pytest.mark.parametrize("text", ["This is not a bubble.", "当前的AI投资并非泡沫。",
                                  "現在的AI投資不是泡沫。"])
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
