"""Figures: money, percentages, percentage points and counts, normalised and attributed.

All patterns run on the folded text (Simplified script, lower case, ASCII digits), which has
the same length as the original, so every span points into the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .fold import fold
from .numbers import CN_NUM, parse_cn_number, parse_number
from .patterns import word_union
from .query import line_chunks
from .resources import load_data

MONEY_UNITS = {"USD", "CNY", "EUR", "GBP", "JPY", "HKD", "TWD", "KRW", "INR", "CAD", "AUD", "SGD"}
SCORED_UNITS = MONEY_UNITS | {"percent", "pp"}

NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_LB = r"(?<![a-z0-9_$€£¥])(?<!\d[.,])"
MAG_ZH = {"万亿": 1e12, "兆": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
          "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4}
MAG_EN = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6,
          "mn": 1e6, "mln": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_MAG_ZH = "|".join(sorted(MAG_ZH, key=len, reverse=True))
_MAG_EN = r"(?:trillion|tn|billion|bn|b|million|mln|mn|m|thousand|k)(?![a-z])"
_MAG = rf"(?:\s?{_MAG_EN}|\s*(?:{_MAG_ZH}))"
PREFIX_CUR = {"us$": "USD", "usd": "USD", "hk$": "HKD", "nt$": "TWD", "a$": "AUD", "au$": "AUD",
              "c$": "CAD", "ca$": "CAD", "s$": "SGD", "$": "USD", "€": "EUR", "eur": "EUR",
              "£": "GBP", "gbp": "GBP", "¥": "CNY", "rmb": "CNY", "cny": "CNY", "jpy": "JPY",
              "₹": "INR", "inr": "INR", "₩": "KRW", "krw": "KRW", "人民币": "CNY", "美元": "USD"}
SUFFIX_CUR = {"美元": "USD", "美金": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY",
              "欧元": "EUR", "英镑": "GBP", "日元": "JPY", "日圆": "JPY", "港元": "HKD",
              "港币": "HKD", "新台币": "TWD", "台币": "TWD", "韩元": "KRW", "卢比": "INR",
              "us dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
              "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP", "gbp": "GBP",
              "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "yen": "JPY",
              "jpy": "JPY"}
_PRE = "|".join(re.escape(c) for c in sorted(PREFIX_CUR, key=len, reverse=True))
_SUF = "|".join(re.escape(c) for c in sorted(SUFFIX_CUR, key=len, reverse=True))
_RANGE = r"\s*(?:-|–|—|~|～|至|到|to)\s*"

# $60-65 billion, US$1.2 trillion, €5bn, 人民币4.58万亿元
MONEY_PRE = re.compile(
    rf"(?<![a-z0-9_])(?<!\d[.,])(?P<cur>{_PRE})\s?{NUM}(?P<m1>{_MAG})?"
    rf"(?:{_RANGE}(?:{_PRE})?\s?{NUM}(?P<m2>{_MAG})?)?(?:\s?元)?(?![\d.]*\d)"
)
# 800亿美元, 600-650亿美元, 700亿至720亿美元, 80 billion dollars, 4.58 万亿元人民币
MONEY_SUF = re.compile(
    rf"{_LB}{NUM}(?P<m1>{_MAG})?(?:{_RANGE}{NUM}(?P<m2>{_MAG})?)?\s*(?P<cur>{_SUF})(?![a-z])"
)
# 35bn with no currency: financial shorthand for dollars.
MONEY_BARE = re.compile(rf"{_LB}{NUM}\s?(?P<m1>bn|tn)(?![a-z])")
PP = re.compile(
    rf"{_LB}{NUM}(?:{_RANGE}{NUM})?\s*(?P<u>percentage points?|pct points?|ppts?|pp|个百分点|百分点"
    r"|basis points?|bps|个基点|基点)(?![a-z])"
)
PERCENT = re.compile(
    rf"{_LB}{NUM}\s*(?P<u1>%|percent(?!age)|per cent|pct)?(?:{_RANGE}{NUM})?\s*"
    r"(?P<u>%|percent(?!age)|per cent|pct(?![a-z]))"
)
PERCENT_ZH = re.compile(rf"百分之(?P<n>{NUM}|{CN_NUM})")
MULTIPLE = re.compile(rf"{_LB}(?P<n>{NUM}|{CN_NUM})\s?倍")
COUNT_ZH = re.compile(rf"{_LB}(?:{NUM}|(?P<cn>{CN_NUM}))\s*(?P<m1>{_MAG_ZH})(?P<w>[人名个家台位户部块颗次]?)")
COUNT_EN = re.compile(
    rf"{_LB}{NUM}\s(?P<m1>trillion|billion|million|thousand)\s(?P<w>[a-z]+(?:-[a-z]+)?)"
)
_DIGITS = re.compile(r"\d+")
_ANCHOR = re.compile(r"\d+|百分之|倍|[亿万兆]")
# Text that holds digits but no figures: URLs, e-mail addresses, link targets, citations.
MASK = re.compile(r"https?://\S+|www\.\S+|\]\([^)\s]*\)|(?:\[\d+(?:[,-]\d+)*\])+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Matched on the original text (same offsets as the folded one), so capitals can be seen.
# A single line break is often a hard wrap inside a sentence: only a blank line ends one.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"』」)）]?|\.(?=\s|$)|\n\s*\n|\s-\s(?=[A-Z])")
CLAUSE_END = re.compile(r"[,，、:：—–]|\s-\s")
YEAR = re.compile(
    r"(?<![\d.,$])(?:fy\s?|fiscal year\s?|财年\s?)?((?:19[5-9]|20[0-4])\d)(?![\d%])(?:\s?(?:财年|年))?"
    r"|(?<![a-z])fy\s?(\d\d)(?!\d)"
)
RELATIVE_YEAR = {"今年": 0, "本年": 0, "this year": 0, "去年": -1, "上一年": -1, "last year": -1,
                 "前年": -2, "明年": 1, "next year": 1, "后年": 2}
_RELATIVE = re.compile("|".join(sorted(map(re.escape, RELATIVE_YEAR), key=len, reverse=True)))
_LIST_GAP = re.compile(r"^\s*(?:、|,|，|和|及|与|以及|&|and|or|或|,\s*and)?\s*$")
# An entity after a figure is its subject only when no dash or comparison stands between.
_NO_FORWARD = re.compile(r"[—–]|是|比|像|如|than|like|from|versus|vs")
_FIG_GAP = re.compile(r"^\s*(?:和|及|与|、|,|，|and|,\s*and|以及)\s*$")


@dataclass(slots=True)
class Figure:
    """One figure in a text: its exact span, normalised value and attribution."""

    text: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    kind: str | None = None
    entity: str | None = None
    year: int | None = None
    sentence: str = ""

    @property
    def category(self) -> str:
        if self.unit in MONEY_UNITS:
            return "money"
        if self.unit in ("percent", "pp"):
            return "percent"
        return "count" if self.unit == "count" else "other"

    def amount(self) -> str:
        """The value in short form: $80B, ¥4.58T, 30%, 0.7 pp, 500K."""
        text = _short(self.value, self.unit)
        if self.value_high is not None:
            text += "–" + _short(self.value_high, self.unit, symbol=False)
        return text

    def label(self) -> str:
        """Entity · kind · year · amount, leaving out what is unknown."""
        parts = [self.entity, self.kind, str(self.year) if self.year else None, self.amount()]
        return " · ".join(p for p in parts if p)

    def to_dict(self) -> dict:
        return asdict(self)


def group_figures(
    figures: list[Figure], limit: int = 200
) -> list[tuple[str, int, list[tuple[int, Figure]]]]:
    """(category, how many, the first ``limit`` as (index, figure)) for money, percent, count,
    other: in one pass, so that a long article's hundred thousand figures stay cheap."""
    groups: dict[str, tuple[list[int], list[tuple[int, Figure]]]] = {
        k: ([0], []) for k in ("money", "percent", "count", "other")}
    for i, fig in enumerate(figures):
        count, members = groups[fig.category]
        count[0] += 1
        if len(members) < limit:
            members.append((i, fig))
    return [(k, c[0], m) for k, (c, m) in groups.items() if c[0]]


_SYMBOL = {"USD": "$", "CNY": "¥", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$",
           "TWD": "NT$", "KRW": "₩", "INR": "₹", "CAD": "C$", "AUD": "A$", "SGD": "S$"}


def _short(value: float, unit: str, symbol: bool = True) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "pp":
        return f"{value:g} pp"
    if unit == "multiple":
        return f"{value:g}×"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            number = f"{value / size:.3g}{suffix}"
            break
    else:
        number = f"{value:g}"
    if unit in _SYMBOL:
        return (_SYMBOL[unit] if symbol else "") + number
    return number


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_data("figures")
    entities = load_data("entities")

    def alternation(words: list[str]) -> str:
        return word_union(fold(w) for w in words)

    alias_to_name = {fold(a): name for name, aliases in entities.items() for a in aliases + [name]}
    return {
        "entity": re.compile(alternation(list(alias_to_name))),
        "alias": alias_to_name,
        "kinds": _kind_matchers(data["kinds"], alternation),
        "percent_kinds": _kind_matchers(data["percent_kinds"], alternation),
        "respectively": re.compile(alternation(data["respectively"])),
    }


def _kind_matchers(kinds: dict, alternation) -> list[tuple[str, re.Pattern]]:  # noqa: ANN001
    return [(kind, re.compile(alternation(words))) for kind, words in kinds.items()]


def mask_text(folded: str) -> str:
    """Blank out URLs, e-mail addresses and citation markers, keeping the length."""
    if len(folded) > 65536:  # none of them spans a line: long texts go by pieces of lines
        return "".join(_mask(piece) for _, piece in line_chunks(folded, 65536))
    return _mask(folded)


def _mask(folded: str) -> str:
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    if "@" in folded:
        folded = EMAIL.sub(blank, folded)
    return MASK.sub(blank, folded) if ("[" in folded or "http" in folded or "www." in folded) else folded


def extract_figures(text: str, year: int | None = None) -> list[Figure]:
    """Every figure in text, in order; ``year`` (the article's) resolves 今年, last year, ...

    Without it, the year the text names most often (twice at least) stands in.
    """
    folded = mask_text(fold(text))
    found = _scan(folded)
    figures = [
        Figure(text[s:e], s, e, value, high, unit) for s, e, value, high, unit in found
    ]
    if figures:
        _attribute(text, folded, figures, year)
    return figures


WINDOW = 2048  # longest stretch one regex search may cover: each search holds the interpreter
MARGIN = 128  # context a cut stretch keeps on either side, more than any figure is long


def _windows(t: str) -> list[tuple[int, int, int, int]]:
    """Stretches of text around digits and numeral words: the only places figures can be.

    Each is (lo, hi, first, last): search t[lo:hi] and keep matches that start in
    [first, last). A long stretch (a page of tables, a single huge line) is cut into pieces
    that overlap by MARGIN, so no single search runs over megabytes."""
    merged: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(t):
        lo, hi = max(0, m.start() - 24), m.end() + 64
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    out: list[tuple[int, int, int, int]] = []
    for lo, hi in merged:
        if hi - lo <= WINDOW:
            out.append((lo, hi, lo, hi))
            continue
        for cut in range(lo, hi, WINDOW):
            last = min(cut + WINDOW, hi)
            out.append((max(lo, cut - MARGIN), min(hi, last + MARGIN), cut, last))
    return out


def _scan(t: str) -> list[tuple[int, int, float, float | None, str]]:
    spans: list[tuple[int, int, float, float | None, str]] = []
    windows = [(lo, hi, first, last, t[lo:hi]) for lo, hi, first, last in _windows(t)]
    for pattern, reader, keys in _READERS:
        # A pattern runs only in windows holding one of the words it cannot match without.
        for lo, hi, first, last, w in windows:
            if not any(k in w for k in keys):
                continue
            for m in pattern.finditer(t, lo, hi):
                start = m.start()
                if start < first:
                    continue
                if start >= last:
                    break
                item = reader(m)
                if item is None:
                    continue
                value, high, unit = item
                end = m.end()
                while end > start and t[end - 1].isspace():
                    end -= 1
                spans.append((start, end, value, high, unit))
    # Earlier patterns win; among overlaps keep the first taken.
    taken: list[tuple[int, int, float, float | None, str]] = []
    starts: list[int] = []
    for span in spans:
        i = bisect.bisect_left(starts, span[0])
        if i > 0 and taken[i - 1][1] > span[0]:
            continue
        if i < len(taken) and taken[i][0] < span[1]:
            continue
        taken.insert(i, span)
        starts.insert(i, span[0])
    return taken


def _pair(m: re.Match[str], scale1: float, scale2: float) -> tuple[float, float | None]:
    nums = _num_groups(m)
    low = parse_number(m.group(nums[0]))
    high = parse_number(m.group(nums[1])) if len(nums) > 1 and m.group(nums[1]) else None
    if high is None:
        return low * scale1, None
    return low * scale1, high * scale2


def _num_groups(m: re.Match[str]) -> list[int]:
    named = set(m.re.groupindex.values())
    return [i for i in range(1, m.re.groups + 1) if i not in named]


def _mag(text: str | None) -> float | None:
    if not text:
        return None
    key = text.strip()
    return MAG_ZH.get(key) or MAG_EN.get(key)


def _money(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    cur = m.group("cur").strip()
    unit = PREFIX_CUR.get(cur) or SUFFIX_CUR.get(cur)
    m1, m2 = _mag(m.group("m1")), _mag(m.group("m2"))
    if unit is None:
        return None
    low, high = _pair(m, m1 or m2 or 1.0, m2 or m1 or 1.0)
    return low, high, unit


def _money_bare(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    return parse_number(m.group(1)) * MAG_EN[m.group("m1")], None, "USD"


def _pp(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    unit = m.group("u")
    scale = 0.01 if ("basis" in unit or "bp" in unit or "基点" in unit) else 1.0
    low, high = _pair(m, scale, scale)
    return low, high, "pp"


def _percent(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    low, high = _pair(m, 1.0, 1.0)
    return low, high, "percent"


def _percent_zh(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    value = parse_cn_number(m.group("n"))
    return None if value is None else (value, None, "percent")


def _multiple(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    value = parse_cn_number(m.group("n"))
    return None if value is None else (value, None, "multiple")


def _count_zh(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    number = parse_cn_number(m.group("cn")) if m.group("cn") else parse_number(m.group(1))
    if number is None or (m.group("cn") and len(m.group("cn")) == 1 and not m.group("w")):
        return None
    return number * MAG_ZH[m.group("m1")], None, "count"


def _count_en(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    if m.group("w") in {"in", "on", "for", "of", "to", "worth", "and", "or", "a", "per"}:
        return None
    return parse_number(m.group(1)) * MAG_EN[m.group("m1")], None, "count"


_CUR_PRE_KEYS = ("$", "€", "£", "¥", "₹", "₩", "usd", "eur", "gbp", "rmb", "cny", "jpy", "inr",
                 "krw", "人民币", "美元")
_CUR_SUF_KEYS = ("元", "美金", "人民币", "欧元", "英镑", "日元", "日圆", "港", "台币", "韩元", "卢比",
                 "dollar", "usd", "euro", "eur", "pound", "gbp", "yuan", "renminbi", "rmb", "cny",
                 "yen", "jpy")
_READERS = [
    (MONEY_PRE, _money, _CUR_PRE_KEYS),
    (MONEY_SUF, _money, _CUR_SUF_KEYS),
    (MONEY_BARE, _money_bare, ("bn", "tn")),
    (PP, _pp, ("point", "pp", "百分点", "基点", "bp")),
    (PERCENT, _percent, ("%", "percent", "per cent", "pct")),
    (PERCENT_ZH, _percent_zh, ("百分之",)),
    (MULTIPLE, _multiple, ("倍",)),
    (COUNT_ZH, _count_zh, ("亿", "万", "兆")),
    (COUNT_EN, _count_en, ("illion", "thousand")),
]


class _Bounds:
    """Where sentences (or clauses) end in a text, found in one pass."""

    def __init__(self, pattern: re.Pattern, text: str) -> None:
        self.ends = [m.end() for m in pattern.finditer(text)]
        self.size = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start)
        lo = self.ends[i - 1] if i > 0 else 0
        j = bisect.bisect_left(self.ends, end)
        return lo, (self.ends[j] if j < len(self.ends) else self.size)


class _Sentence:
    """Entity and year mentions of one sentence, found once for all its figures."""

    def __init__(self, t: str, lo: int, hi: int, year: int | None | _Lazy) -> None:
        cues = _cues()
        self.lo, self.hi = lo, hi
        self.text = ""
        self.mentions = [(m.start(), m.end(), cues["alias"][m.group(0)])
                         for m in cues["entity"].finditer(t, lo, hi)]
        self.starts = [m[0] for m in self.mentions]
        self.years = _year_mentions(t, year, lo, hi)


class _Lazy:
    """The text's dominant year, found only if a relative year word needs it."""

    def __init__(self, t: str) -> None:
        self.t = t
        self.value: int | None = None
        self.done = False

    def get(self) -> int | None:
        if not self.done:
            self.value, self.done = dominant_year(self.t), True
        return self.value


def _attribute(text: str, t: str, figures: list[Figure], year: int | None) -> None:
    cues = _cues()
    base: int | None | _Lazy = year if year is not None else _Lazy(t)
    sentences: dict[tuple[int, int], _Sentence] = {}
    by_figure: list[_Sentence] = []
    previous: dict[int, Figure] = {}
    sentence_bounds, clause_bounds = _Bounds(SENTENCE_END, text), _Bounds(CLAUSE_END, text)
    starts = [f.start for f in figures]  # figures come in order
    for fig in figures:
        s_lo, s_hi = sentence_bounds.around(fig.start, fig.end)
        c_lo, c_hi = clause_bounds.around(fig.start, fig.end)
        c_lo, c_hi = max(c_lo, s_lo), min(c_hi, s_hi)
        sent = sentences.get((s_lo, s_hi))
        if sent is None:
            sent = sentences[(s_lo, s_hi)] = _Sentence(t, s_lo, s_hi, base)
            sent.text = " ".join(text[s_lo:s_hi].split())
        by_figure.append(sent)
        fig.sentence = sent.text
        fig.entity = _entity(fig, sent.mentions, sent.starts, t, s_lo, s_hi)
        if fig.category == "money":
            # A clause of its own wins; else the sentence's previous figure sets the topic.
            prev = previous.get(id(sent))
            own_kind = _nearest_kind(t, fig, cues["kinds"], c_lo, c_hi)
            same_topic = prev is not None and own_kind in (None, prev.kind)
            fig.kind = (own_kind or (prev.kind if prev else None)
                        or _nearest_kind(t, fig, cues["kinds"], s_lo, s_hi))
            fig.year = _nearest_year(sent.years, fig, c_lo, c_hi)
            if fig.year is None and not _RELATIVE.search(t, c_lo, c_hi):  # 去年 unresolved
                fig.year = (prev.year if same_topic and prev else None) or _nearest_year(
                    sent.years, fig, s_lo, s_hi, (figures, starts))
            previous[id(sent)] = fig
        elif fig.category == "percent":
            fig.kind = _nearest_kind(t, fig, cues["percent_kinds"], c_lo, c_hi)
            fig.year = _nearest_year(sent.years, fig, c_lo, c_hi)
    _respectively(t, figures, by_figure, cues["respectively"])


def _entity(fig: Figure, mentions: list, starts: list[int], t: str, lo: int, hi: int) -> str | None:
    i = bisect.bisect_left(starts, fig.start)
    before = [m for m in mentions[:i] if m[0] >= lo]
    if before:
        group = _list_ending_at(before, t)
        if len({m[2] for m in group}) > 1:
            return None
        return before[-1][2]
    for m in mentions[i:]:
        if m[0] >= hi or m[0] - fig.end > 50:
            break
        if m[0] >= fig.end and not _NO_FORWARD.search(t, fig.end, m[0]):
            return m[2]
    return None


def _list_ending_at(before: list, t: str) -> list:
    """The run of entity mentions joined by 、, 和, and, ... that ends with the last one."""
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        if _LIST_GAP.match(t[prev[1] : group[0][0]]):
            group.insert(0, prev)
        else:
            break
    return group


def _respectively(t: str, figures: list[Figure], sentences: list[_Sentence], cue: re.Pattern) -> None:
    i = 0
    while i < len(figures):
        j = i
        while (j + 1 < len(figures) and sentences[j + 1] is sentences[i]
               and _FIG_GAP.match(t[figures[j].end : figures[j + 1].start])):
            j += 1
        sent = sentences[i]
        if j > i and cue.search(t, sent.lo, sent.hi):
            group = figures[i : j + 1]
            k = bisect.bisect_left(sent.starts, group[0].start)
            before = sent.mentions[:k]
            if before:
                names = _dedupe([m[2] for m in _list_ending_at(before, t)])
                if len(names) < len(group):
                    names = _dedupe([m[2] for m in before])[-len(group) :]
                if len(names) == len(group):
                    for fig, name in zip(group, names, strict=True):
                        fig.entity = name
        i = j + 1


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if not out or out[-1] != name:
            out.append(name)
    return out


def _nearest_kind(t: str, fig: Figure, kinds: list, lo: int, hi: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(kinds):
        for m in pattern.finditer(t, lo, hi):
            if fig.start <= m.start() < fig.end:
                continue
            gap = fig.start - m.end() if m.end() <= fig.start else m.start() - fig.end
            if best is None or (gap, rank) < best[:2]:
                best = (max(gap, 0), rank, kind)
    return best[2] if best else None


def dominant_year(folded: str) -> int | None:
    """The explicit year a text names most often, if it names it at least twice."""
    counts: dict[int, int] = {}
    for digits in _DIGITS.findall(folded):
        if len(digits) == 4 and 1950 <= (value := int(digits)) < 2050:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    value, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return value if count >= 2 else None


def _year_mentions(
    t: str, year: int | None | _Lazy, lo: int, hi: int
) -> list[tuple[int, int, int]]:
    found = []
    for m in YEAR.finditer(t, lo, hi):
        value = int(m.group(1)) if m.group(1) else 2000 + int(m.group(2))
        found.append((m.start(), m.end(), value))
    relative = list(_RELATIVE.finditer(t, lo, hi))
    if relative and isinstance(year, _Lazy):
        year = year.get()
    if year:
        for m in relative:
            if t[m.end() : m.end() + 1] not in ("-", "‑"):
                found.append((m.start(), m.end(), year + RELATIVE_YEAR[m.group(0)]))
    found.sort()
    return found


def _nearest_year(
    years: list, fig: Figure, lo: int, hi: int,
    others: tuple[list[Figure], list[int]] | None = None,
) -> int | None:
    """The nearest year in [lo, hi]; with others (all figures, in order, and their starts),
    none that another figure of the same category stands nearer to."""
    best = None
    for start, end, value in years:
        if start < lo or end > hi or fig.start <= start < fig.end:
            continue
        if others:
            figs, starts = others
            i = bisect.bisect_right(starts, min(start, fig.start))
            j = bisect.bisect_left(starts, max(start, fig.start))
            if any(o is not fig and o.category == fig.category for o in figs[i:j]):
                continue
        gap = fig.start - end if end <= fig.start else start - fig.end
        if best is None or gap < best[0]:
            best = (gap, value)
    return best[1] if best else None
