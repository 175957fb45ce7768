"""Stance: bullish, bearish, mixed or neutral, with the evidence that moved the score.

A sentence's cues are weighed (data/stance.yaml) with the discourse around them: a negation
turns the cue after it round; a question counts for little; in "although A, B" the concession A
counts for little and B for more; a view given to others ("bulls say", 有观点认为) counts for
little until the article answers it ("but", "wrong", 然而, 并非), and then it counts against
itself. The title and the lede weigh more. Every step looks at one sentence and the two before
it, so the work is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .fold import fold
from .patterns import Words
from .resources import load_data

LABELS = ("bullish", "bearish", "mixed", "neutral")
MAX_EVIDENCE = 300
TITLE_WEIGHT, LEDE_WEIGHT, LEDE = 2.0, 1.5, 2  # the headline and the first sentences state the thesis
CLAIM_WEIGHT = 0.3  # a view given to others, not (yet) answered
ANSWERED = -0.6  # a view the article answers counts this much the other way
CONCEDED, MAIN = 0.3, 1.2  # although A (conceded), B (the main clause)
QUESTION = 0.3
MOVE = 1.0  # a measure that moved: "revenue rose", "margins fell"
MOVE_REACH = 24  # characters between a measure and the way it moved
_CLAUSE = re.compile(r"[,，。;；.!?、]")
SENTENCE_CAP = 4.0  # one sentence cannot carry an article
NEUTRAL_BELOW = 2.5  # total weight under which the text says too little either way
MIXED_RATIO, MIXED_FLOOR = 0.5, 3.0  # each side at least this share of the other, and this much


@dataclass(slots=True)
class Evidence:
    """One sentence that moved the score: its span, its cues and its weight (+ bullish). For
    an answer, ``claim`` is the sentence it answers."""

    start: int
    end: int
    sentence: str
    cues: list[str]
    weight: float
    claim: str = ""
    role: str = ""  # "claim" (others' view), "answer", "conceded", or ""


@dataclass
class Stance:
    label: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    computed_label: str = ""
    bullish: float = 0.0
    bearish: float = 0.0
    sentences: int = 0  # that carry cues; ``evidence`` keeps the strongest MAX_EVIDENCE
    confidence: float = 0.0  # how sure the computed label is, 0 to 1

    @property
    def overridden(self) -> bool:
        return self.label != self.computed_label


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_data("stance")

    def alternation(words: list[str]) -> Words:
        return Words(fold(str(w)) for w in words)

    weights: dict[str, float] = {}
    for sign, side in ((1, "bullish"), (-1, "bearish")):
        for weight, words in data[side].items():
            for word in words:
                weights.setdefault(fold(str(word)), sign * float(weight))
    roles: dict[str, set[str]] = {}  # a word may play several parts: "but" answers and turns
    for role in ROLES:
        for word in data[role]:
            roles.setdefault(fold(str(word)), set()).add(role)
    moves = data["moves"]
    way = {fold(w): 1 for w in moves["up"]} | {fold(w): -1 for w in moves["down"]}
    measure = {fold(w): 1 for w in moves["good"]} | {fold(w): -1 for w in moves["bad"]}
    return {
        "cue": alternation(list(weights)),
        "weights": weights,
        "role": alternation(list(roles)),
        "roles": roles,
        "way": Words(way),
        "ways": way,
        "measure": Words(measure),
        "measures": measure,
    }


ROLES = ("negations", "questions", "claims", "answers", "concessions", "contrasts", "rebuttals")


_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』]?|(?<=[^\d\s])\.(?=\s)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at Chinese and Western sentence ends and line breaks."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        lo = line.start()
        for m in _SENTENCE_END.finditer(text, line.start(), line.end()):
            spans.append((lo, m.end()))
            lo = m.end()
        if lo < line.end():
            spans.append((lo, line.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass(slots=True)
class Reading:
    """One sentence weighed: its weight, the spans of its cues, and what it does."""

    weight: float
    spans: list[tuple[int, int]]
    claim: bool = False  # gives a view to others
    answer: bool = False  # answers what came before
    conceded: bool = False


def read_sentence(folded: str, answering: bool = False) -> Reading:
    """Weigh one folded sentence; answering: whether a view given before waits for an answer
    (else a sentence without cues needs no more reading)."""
    cues = _cues()
    moves = _moves(folded, cues)
    # a word inside a move is read with it: 成本下降 is good news, not 成本 and 下降
    covered = sorted(span for span, _ in moves)
    starts = [lo for lo, _ in covered]
    matches = [m for m in cues["cue"].finditer(folded) if not _inside(m.start(), starts, covered)]
    if not matches and not moves and not answering:
        return Reading(0.0, [])
    found_roles: dict[str, list[tuple[int, int]]] = {}
    for m in cues["role"].finditer(folded):  # one search for every discourse word
        for role in cues["roles"][m.group(0)]:
            found_roles.setdefault(role, []).append(m.span())
    negations = [end for _, end in found_roles.get("negations", ())]
    question = folded.rstrip().endswith(("?", "？")) or "questions" in found_roles
    rebuttal = "rebuttals" in found_roles
    # although A, B: cues before the contrast count little, after it for more
    concession = found_roles["concessions"][0] if "concessions" in found_roles else None
    turn = _turn(folded, concession, found_roles.get("contrasts", [])) if concession else None
    total, found = 0.0, []
    for m in matches:
        weight = cues["weights"][m.group(0)]
        reach = 28 if m.group(0).isascii() else 12  # about four words either way
        i = bisect_right(negations, m.start()) - 1
        if i >= 0 and negations[i] >= m.start() - reach:
            weight = -weight * 0.5
        elif weight < 0 and rebuttal:
            weight = -weight * 0.5
        if concession and concession[0] <= m.start():
            weight *= MAIN if turn and m.start() >= turn[1] else CONCEDED
        if question:
            weight *= QUESTION
        total += weight
        found.append(m.span())
    for span, sign in moves:  # margins fell, 营收增长: the figure says which way
        total += sign * MOVE * (QUESTION if question else 1.0)
        found.append(span)
    claim, answer = "claims" in found_roles, "answers" in found_roles
    return Reading(max(-SENTENCE_CAP, min(SENTENCE_CAP, total)), found, claim, answer, bool(concession))


def _inside(pos: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def _moves(folded: str, cues: dict) -> list[tuple[tuple[int, int], int]]:
    """(span, sign) of each measure that the sentence says moved: revenue rose (+), margins
    fell (-), costs rose (-). The measure stands within a few words before the way it moved."""
    out = []
    for way in cues["way"].finditer(folded):
        lo = max(0, way.start() - MOVE_REACH)
        gap = _CLAUSE.search(folded[lo : way.start()][::-1])  # the measure is in the same clause
        if gap:
            lo = way.start() - gap.start()
        measures = list(cues["measure"].finditer(folded, lo, way.start()))
        if measures:
            measure = measures[-1]  # the nearest before the way
            sign = cues["measures"][measure.group(0)] * cues["ways"][way.group(0)]
            out.append(((measure.start(), way.end()), sign))
    return out


def _turn(
    folded: str,
    concession: tuple[int, int],
    contrasts: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """Where the main clause after "although A" begins: a contrast word or the first comma."""
    after = concession[1]
    commas = [i for i in (folded.find(",", after), folded.find("，", after)) if i >= 0]
    spans = [span for span in contrasts if span[0] >= after][:1] + [(i, i + 1) for i in commas]
    return min(spans) if spans else None


def score_sentence(folded: str) -> tuple[float, list[tuple[int, int]]]:
    """The weight of one folded sentence and the spans of the cues that made it."""
    r = read_sentence(folded)
    return r.weight, r.spans


def score_stance(text: str, title: str = "", override: str | None = None) -> Stance:
    """Score a whole article. ``override`` (front matter ``stance:``) fixes the label only."""
    folded = fold(text)
    bull = bear = 0.0
    evidence: list[Evidence] = []
    spans = ([(-1, -1)] if title else []) + sentences(text)
    claims: list[tuple[int, Reading, int, int]] = []  # open claims: (index, reading, start, end)
    body_index = 0
    for i, (start, end) in enumerate(spans):
        claims = [c for c in claims if i - c[0] <= 2]  # an answer comes within two sentences
        r = read_sentence(fold(title) if start < 0 else folded[start:end], bool(claims))
        answered = None
        if r.answer and claims and not r.claim:
            answered = claims.pop()
        weight = r.weight
        if start < 0:
            weight *= TITLE_WEIGHT
        else:
            if body_index < LEDE:
                weight *= LEDE_WEIGHT
            body_index += 1
        role = "conceded" if r.conceded else ""
        if r.claim and r.spans:
            weight *= CLAIM_WEIGHT
            role = "claim"
            claims.append((i, r, start, end))
        if answered is not None:
            # the claim was counted at CLAIM_WEIGHT; now it counts the other way
            shift = answered[1].weight * (ANSWERED - CLAIM_WEIGHT)
            weight += shift
            role = "answer"
        if not r.spans and answered is None:
            continue
        if weight > 0:
            bull += weight
        else:
            bear -= weight
        if weight and start >= 0:
            original = text[start:end]
            claim_text = ""
            if answered and answered[2] >= 0:
                claim_text = " ".join(text[answered[2] : answered[3]].split())
            evidence.append(
                Evidence(
                    start, end, "", [original[a:b] for a, b in r.spans], round(weight, 2), claim_text, role
                )
            )
    total = bull + bear
    score = (bull - bear) / (total + 4.0) if total else 0.0
    computed, confidence = _label(bull, bear)
    evidence.sort(key=lambda e: -abs(e.weight))
    kept = evidence[:MAX_EVIDENCE]  # a long article has tens of thousands: keep the strongest
    for e in kept:
        e.sentence = " ".join(text[e.start : e.end].split())
    label = override if override in LABELS else computed
    return Stance(
        label, round(score, 3), kept, computed, round(bull, 2), round(bear, 2), len(evidence), confidence
    )


def _label(bull: float, bear: float) -> tuple[str, float]:
    """The label and how sure it is: neutral where little leans either way, mixed where both
    sides are strong, else the side that outweighs the other."""
    total = bull + bear
    small, large = sorted((bull, bear))
    if total < NEUTRAL_BELOW:
        return "neutral", round(1 - total / NEUTRAL_BELOW * 0.5, 2)
    if small >= MIXED_RATIO * large and small >= MIXED_FLOOR:
        return "mixed", round(min(1.0, 0.5 + (small / large - MIXED_RATIO) / (1 - MIXED_RATIO) * 0.5), 2)
    margin = (large - small) / (total + 4.0)  # 0 (balanced) to nearly 1 (one-sided, much said)
    return ("bullish" if bull > bear else "bearish"), round(min(1.0, 0.35 + margin), 2)


def paragraph_leanings(text: str, threshold: float = 2.0) -> list[tuple[int, int, int]]:
    """(start, end, sign) for each paragraph whose cues lean one way by at least threshold."""
    out = []
    folded = fold(text)
    for para in re.finditer(r"[^\n]+", text):
        weight = sum(
            score_sentence(folded[para.start() + a : para.start() + b])[0]
            for a, b in sentences(para.group(0))
        )
        if abs(weight) >= threshold:
            out.append((para.start(), para.end(), 1 if weight > 0 else -1))
    return out
