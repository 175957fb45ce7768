"""Stance: bullish, bearish, mixed or neutral, with the evidence that moved the score."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .fold import fold
from .patterns import word_union
from .resources import load_data

LABELS = ("bullish", "bearish", "mixed", "neutral")
MAX_EVIDENCE = 300


@dataclass(slots=True)
class Evidence:
    """One sentence that moved the score: its span, its cues and its weight (+ bullish)."""

    start: int
    end: int
    sentence: str
    cues: list[str]
    weight: float


@dataclass
class Stance:
    label: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    computed_label: str = ""
    bullish: float = 0.0
    bearish: float = 0.0
    sentences: int = 0  # that carry cues; ``evidence`` keeps the strongest MAX_EVIDENCE

    @property
    def overridden(self) -> bool:
        return self.label != self.computed_label


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_data("stance")

    def alternation(words: list[str]) -> re.Pattern:
        return re.compile(word_union(fold(str(w)) for w in words))

    weights: dict[str, float] = {}
    for sign, side in ((1, "bullish"), (-1, "bearish")):
        for weight, words in data[side].items():
            for word in words:
                weights[fold(str(word))] = sign * float(weight)
    return {
        "cue": alternation(list(weights)),
        "weights": weights,
        "negation": alternation(data["negations"]),
        "question": alternation(data["questions"]),
        "rebuttal": alternation(data["rebuttals"]),
    }


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at Chinese and Western sentence ends and line breaks."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        lo = line.start()
        for m in re.finditer(r"[。！？!?]+[”’\"」』]?|(?<=[^\d\s])\.(?=\s)", line.group(0)):
            spans.append((lo, line.start() + m.end()))
            lo = line.start() + m.end()
        if lo < line.end():
            spans.append((lo, line.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def score_sentence(folded: str) -> tuple[float, list[tuple[int, int]]]:
    """The weight of one folded sentence and the spans of the cues that made it."""
    cues = _cues()
    question = folded.rstrip().endswith(("?", "？")) or bool(cues["question"].search(folded))
    rebuttal = bool(cues["rebuttal"].search(folded))
    total, found = 0.0, []
    for m in cues["cue"].finditer(folded):
        weight = cues["weights"][m.group(0)]
        reach = 28 if m.group(0).isascii() else 12  # about four words either way
        window = folded[max(0, m.start() - reach) : m.start()]
        if cues["negation"].search(window):
            weight = -weight * 0.5
        elif weight < 0 and rebuttal:
            weight = -weight * 0.5
        if question:
            weight *= 0.3
        total += weight
        found.append(m.span())
    # One sentence cannot carry an article: cap it.
    return max(-4.0, min(4.0, total)), found


def score_stance(text: str, title: str = "", override: str | None = None) -> Stance:
    """Score a whole article. ``override`` (front matter ``stance:``) fixes the label only."""
    folded = fold(text)
    bull = bear = 0.0
    evidence: list[Evidence] = []
    spans = ([(-1, -1)] if title else []) + sentences(text)
    for start, end in spans:
        chunk = fold(title) if start < 0 else folded[start:end]
        weight, spans = score_sentence(chunk)
        if not spans:
            continue
        original = title if start < 0 else text[start:end]
        cues = [original[a:b] for a, b in spans]
        if start < 0:
            weight *= 1.5  # the headline states the thesis
        if weight > 0:
            bull += weight
        else:
            bear -= weight
        if weight and start >= 0:
            evidence.append(Evidence(start, end, "", cues, round(weight, 2)))
    total = bull + bear
    score = (bull - bear) / (total + 4.0) if total else 0.0
    computed = _label(bull, bear)
    evidence.sort(key=lambda e: -abs(e.weight))
    kept = evidence[:MAX_EVIDENCE]  # a long article has tens of thousands: keep the strongest
    for e in kept:
        e.sentence = " ".join(text[e.start:e.end].split())
    label = override if override in LABELS else computed
    return Stance(label, round(score, 3), kept, computed, round(bull, 2), round(bear, 2),
                  len(evidence))


def _label(bull: float, bear: float) -> str:
    if bull + bear < 3.0:
        return "neutral"
    small, large = sorted((bull, bear))
    if small >= 0.6 * large:
        return "mixed"
    return "bullish" if bull > bear else "bearish"


def paragraph_leanings(text: str, threshold: float = 2.0) -> list[tuple[int, int, int]]:
    """(start, end, sign) for each paragraph whose cues lean one way by at least threshold."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        weight = sum(score_sentence(fold(text[s:e]))[0] for s, e in
                     ((para.start() + a, para.start() + b) for a, b in sentences(para.group(0))))
        if abs(weight) >= threshold:
            out.append((para.start(), para.end(), 1 if weight > 0 else -1))
    return out
