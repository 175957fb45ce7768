"""Figures: money, percentages, percentage points and counts, normalised and attributed.

All patterns run on the folded text (Simplified script, lower case, ASCII digits), which has
the same length as the original, so every span points into the original text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from . import currency
from .attribution import attribute
from .fold import fold
from .numbers import CN_NUM, parse_cn_number, parse_number
from .query import line_chunks

MONEY_UNITS = {"USD", "CNY", "EUR", "GBP", "JPY", "HKD", "TWD", "KRW", "INR", "CAD", "AUD", "SGD"}
SCORED_UNITS = MONEY_UNITS | {"percent", "pp"}

NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_LB = r"(?<![a-z0-9_$€£¥])(?<!\d[.,])"
MAG_ZH = {
    "万亿": 1e12,
    "兆": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
}
MAG_EN = {
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
    "t": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
_MAG_ZH = "|".join(sorted(MAG_ZH, key=len, reverse=True))
_MAG_EN = r"(?:trillion|trn|tn|t|billion|bn|b|million|mln|mn|m|thousand|k)(?![a-z])"
_MAG = rf"(?:\s?{_MAG_EN}|\s*(?:{_MAG_ZH}))"
PREFIX_CUR = {
    "us$": "USD",
    "usd": "USD",
    "hk$": "HKD",
    "nt$": "TWD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "s$": "SGD",
    "$": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": currency.YEN_SIGN,
    "rmb": "CNY",
    "cny": "CNY",
    "jpy": "JPY",
    "₹": "INR",
    "inr": "INR",
    "₩": "KRW",
    "krw": "KRW",
    "人民币": "CNY",
    "美元": "USD",
    "港币": "HKD",
    "港元": "HKD",
    "新台币": "TWD",
    "台币": "TWD",
    "美金": "USD",
}
SUFFIX_CUR = {
    "美元": "USD",
    "美金": "USD",
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "日圆": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "新台币": "TWD",
    "台币": "TWD",
    "韩元": "KRW",
    "卢比": "INR",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
}
_PRE = "|".join(re.escape(c) for c in sorted(PREFIX_CUR, key=len, reverse=True))
_SUF = "|".join(re.escape(c) for c in sorted(SUFFIX_CUR, key=len, reverse=True))
_RANGE = r"[^\S\n]*(?:(?<=\S)-|-(?!\d)|–|—|~|～|至|到|to)[^\S\n]*"  # a range never spans lines

# A minus sign before a number where no word or number stands before it: -8.50% in a table.
_SIGN = r"(?:(?<![a-z0-9_.,%)\]])(?P<neg>[-−]))?"
# $60-65 billion, US$1.2 trillion, €5bn, 人民币4.58万亿元, -$2bn
MONEY_PRE = re.compile(
    rf"{_SIGN}(?<![a-z0-9_])(?<!\d[.,])(?P<cur>{_PRE})\s?{NUM}(?P<m1>{_MAG})?"
    rf"(?:{_RANGE}(?:{_PRE})?\s?{NUM}(?P<m2>{_MAG})?)?(?:\s?元)?(?![\d.]*\d)"
)
# 800亿美元, 600-650亿美元, 700亿至720亿美元, 80 billion dollars, 4.58 万亿元人民币
MONEY_SUF = re.compile(
    rf"{_LB}{NUM}(?P<m1>{_MAG})?(?:{_RANGE}{NUM}(?P<m2>{_MAG})?)?\s*(?P<cur>{_SUF})(?![a-z])"
)
# 千亿元, 逾百億美元, 三二〇至三八〇億美元: Chinese numerals (not 数千亿, "several hundred billion").
MONEY_CN = re.compile(
    rf"(?<![数几多\d])(?P<n1>{CN_NUM})(?P<m1>{_MAG_ZH})?(?:{_RANGE}(?P<n2>{CN_NUM})(?P<m2>{_MAG_ZH})?)?"
    rf"\s*(?P<cur>{_SUF})(?![a-z])"
)
# 35bn with no currency: financial shorthand for dollars.
MONEY_BARE = re.compile(rf"{_LB}{NUM}\s?(?P<m1>bn|trn|tn)(?![a-z])")
PP = re.compile(
    rf"{_LB}{NUM}(?:{_RANGE}{NUM})?(?:\s*|-)(?P<u>percentage[ -]points?|pct points?|ppts?|pp|个百分点|百分点"
    r"|basis[ -]points?|bps|个基点|基点)(?![a-z])"
)
PERCENT = re.compile(
    rf"{_SIGN}{_LB}{NUM}\s*(?P<u1>%|percent(?!age)|per cent|pct)?(?:{_RANGE}{NUM})?\s*"
    r"(?P<u>%|percent(?!age)|per cent|pct(?![a-z]))"
)
PERCENT_ZH = re.compile(rf"百分之(?P<n>{NUM}|{CN_NUM})")
# 七十二％, 三十五至四十％
PERCENT_CN = re.compile(rf"(?<![数几第])(?P<n1>{CN_NUM})(?:{_RANGE}(?P<n2>{CN_NUM}))?\s*%")
# 三成 and 7成 are 30% and 70% (not 成本, 成为, 成长, 成员, 一成不变).
TENTHS = re.compile(
    r"(?<![数几第零〇一二两三四五六七八九十百千\d.])(?P<n>[一二两三四五六七八九十]|\d)成"
    r"(?![本为长功员绩交品型果熟立份分效就都不语真群年])"
)
MULTIPLE = re.compile(rf"{_LB}(?P<n>{NUM}|{CN_NUM})\s?倍")
# 30 萬瓩 and 5 万千瓦 are power, not counts.
COUNT_ZH = re.compile(
    rf"{_LB}(?:{NUM}|(?P<cn>{CN_NUM}))\s*(?P<m1>{_MAG_ZH})(?!\s*(?:千瓦|瓩|瓦|kw|mw|gw))"
    r"(?P<w>[人名个家台位户部块颗次]?)"
)
COUNT_EN = re.compile(rf"{_LB}{NUM}\s(?P<m1>trillion|billion|million|thousand)\s(?P<w>[a-z]+(?:-[a-z]+)?)")
_ANCHOR = re.compile(r"\d+|百分之|倍|[亿万兆%成元]")
# Text that holds digits but no figures: URLs, e-mail addresses, link targets, citations.
MASK = re.compile(r"https?://\S+|www\.\S+|\]\([^)\s]*\)|(?:\[\d+(?:[,-]\d+)*\])+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


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
    expectation: bool = False  # an analysts' or the market's number, not the company's own

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


def group_figures(figures: list[Figure], limit: int = 200) -> list[tuple[str, int, list[tuple[int, Figure]]]]:
    """(category, how many, the first ``limit`` as (index, figure)) for money, percent, count,
    other: in one pass, so that a long article's hundred thousand figures stay cheap."""
    groups: dict[str, tuple[list[int], list[tuple[int, Figure]]]] = {
        k: ([0], []) for k in ("money", "percent", "count", "other")
    }
    for i, fig in enumerate(figures):
        count, members = groups[fig.category]
        count[0] += 1
        if len(members) < limit:
            members.append((i, fig))
    return [(k, c[0], m) for k, (c, m) in groups.items() if c[0]]


_SYMBOL = {
    "USD": "$",
    "CNY": "¥",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "KRW": "₩",
    "INR": "₹",
    "CAD": "C$",
    "AUD": "A$",
    "SGD": "S$",
}


def short_amount(value: float, unit: str) -> str:
    """A value in the figures' short form ($80B, 30%), signed when negative."""
    return _short(value, unit)


def _short(value: float, unit: str, symbol: bool = True) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "pp":
        return f"{value:g} pp"
    if unit == "multiple":
        return f"{value:g}×"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            number = f"{value / size:.4g}{suffix}"  # $102.6B, not $103B
            break
    else:
        number = f"{value:g}"
    if unit in _SYMBOL:
        return (_SYMBOL[unit] if symbol else "") + number
    return number


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


def extract_figures(
    text: str,
    year: int | None = None,
    *,
    title: str = "",
    language: str | None = None,
    source: str | None = None,
) -> list[Figure]:
    """Every figure in text, in order; ``year`` (the article's) resolves 今年, last year, ...

    Without it, the year the text names most often (twice at least) stands in. The title
    names the company an article is about; language and source decide what a bare 元 is.
    """
    folded = mask_text(fold(text))
    found = [list(span) for span in _share_units(folded, _scan(folded))]
    currency.resolve(folded, found, language, source)
    figures = [Figure(text[s:e], s, e, value, high, unit) for s, e, value, high, unit in found]
    if figures:
        attribute(text, folded, figures, year, title)
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


Span = tuple[int, int, float, "float | None", str]


def _scan(t: str) -> list[Span]:
    taken: list[Span] = []
    windows = [(lo, hi, first, last, t[lo:hi]) for lo, hi, first, last in _windows(t)]
    for pattern, reader, keys in _READERS:
        spans: list[Span] = []
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
                if high is not None and _FROM.search(t, max(0, start - 8), start):
                    spans.extend(_from_to(t, m, start, end, value, high, unit))
                else:
                    spans.append((start, end, value, high, unit))
        taken = _merge(taken, spans)
    return taken


def _merge(taken: list[Span], spans: list[Span]) -> list[Span]:
    """Both lists in text order; the spans that overlap nothing taken join it (earlier
    patterns win), in one pass."""
    out: list[Span] = []
    i = 0
    for span in spans:
        while i < len(taken) and taken[i][1] <= span[0]:
            out.append(taken[i])
            i += 1
        if (i < len(taken) and taken[i][0] < span[1]) or (out and out[-1][1] > span[0]):
            continue
        out.append(span)
    out.extend(taken[i:])
    return out


_FROM = re.compile(r"(?:from|从|由)\s*$")
_SEPARATOR = re.compile(_RANGE)


def _from_to(
    t: str,
    m: re.Match[str],
    start: int,
    end: int,
    low: float,
    high: float,
    unit: str,
) -> list[Span]:
    """ "from $800bn to $1.2tn" is two values, not a range."""
    nums = _num_groups(m)
    sep = _SEPARATOR.search(t, m.end(nums[0]), m.start(nums[1]))
    if sep is None or sep.group(0).strip() not in ("to", "至", "到"):  # from $2trn-$4trn: a range
        return [(start, end, low, high, unit)]
    first_end = sep.start()
    second = sep.end()
    return [(start, first_end, low, None, unit), (second, end, high, None, unit)]


# One unit for a list: 120亿、85亿和60亿美元, 512、688億美元, 41.2、63.5和70%.
_ITEM = re.compile(
    rf"(?:(?<![\d.,])(?P<n>{NUM})|(?<![{CN_NUM[1:-2]}])(?P<cn>{CN_NUM}))\s*(?P<mag>{_MAG_ZH})?\s*"
    r"(?P<sep>、|和|及|与|以及|或|,|，|\band\b|\bor\b)\s*$"
)
_HEAD = re.compile(rf"(?P<n>{NUM})|(?P<cn>{CN_NUM})")
_LIST_WORDS = ("、", "和", "及", "与", "以及", "或")
_SHARED = MONEY_UNITS | {"percent", currency.YUAN}
_NUMERALS = set(CN_NUM[1:-2])  # the characters of CN_NUM's class


def _share_units(t: str, spans: list) -> list:
    """Bare numbers listed before a figure with a unit take its unit and magnitude."""
    out: list = []
    for span in spans:
        start, end, value, high, unit = span
        if unit in _SHARED and high is None and (t[start].isdigit() or t[start] in _NUMERALS):
            items = _items_before(t, start, span)
            while out and items and out[-1][0] >= items[0][0]:
                out.pop()  # a count such as 120亿 that the list makes money
            out.extend(items)
        out.append(span)
    return out


def _items_before(t: str, start: int, last: tuple) -> list:
    head = _HEAD.match(t, start)
    number = (
        parse_number(head.group("n"))
        if head and head.group("n")
        else (parse_cn_number(head.group("cn")) if head else None)
    )
    if not number:
        return []
    scale = last[2] / number  # 688億美元: 1e8 dollars a unit
    items: list = []
    pos = start
    while len(items) < 12:
        m = _ITEM.search(t, max(0, pos - 40), pos)
        if m is None:
            break
        value = parse_number(m.group("n")) if m.group("n") else parse_cn_number(m.group("cn"))
        own = MAG_ZH.get(m.group("mag")) if m.group("mag") else None
        if value is None or (
            own is None and (m.group("sep") not in _LIST_WORDS or (m.group("n") and 1900 <= value < 2100))
        ):
            break  # 2025, 300亿美元: a year, not an item of a list
        end = m.start("sep")
        while t[end - 1].isspace():
            end -= 1
        items.insert(0, (m.start(), end, value * (own or scale), None, last[4]))
        pos = m.start()
    return items


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


def _signed(m: re.Match[str], low: float, high: float | None) -> tuple[float, float | None]:
    if "neg" in m.re.groupindex and m.group("neg"):
        return -low, high
    return low, high


def _money(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    cur = m.group("cur").strip()
    unit = currency.YUAN if cur == "元" else PREFIX_CUR.get(cur) or SUFFIX_CUR.get(cur)
    m1, m2 = _mag(m.group("m1")), _mag(m.group("m2"))
    if unit is None:
        return None
    low, high = _pair(m, m1 or m2 or 1.0, m2 or m1 or 1.0)
    return (*_signed(m, low, high), unit)


def _money_cn(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    cur = m.group("cur").strip()
    unit = currency.YUAN if cur == "元" else SUFFIX_CUR.get(cur)
    low = parse_cn_number(m.group("n1"))
    m1, m2 = _mag(m.group("m1")), _mag(m.group("m2"))
    if unit is None or low is None or (not (m1 or m2) and len(m.group("n1")) < 2):
        return None  # 一元 alone is too often a word
    high = parse_cn_number(m.group("n2")) if m.group("n2") else None
    low *= m1 or m2 or 1.0
    return low, (None if high is None else high * (m2 or m1 or 1.0)), unit


def _money_bare(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    return parse_number(m.group(1)) * MAG_EN[m.group("m1")], None, "USD"


def _pp(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    unit = m.group("u")
    scale = 0.01 if ("basis" in unit or "bp" in unit or "基点" in unit) else 1.0
    low, high = _pair(m, scale, scale)
    return low, high, "pp"


def _percent(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    low, high = _pair(m, 1.0, 1.0)
    return (*_signed(m, low, high), "percent")


def _percent_cn(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    low = parse_cn_number(m.group("n1"))
    high = parse_cn_number(m.group("n2")) if m.group("n2") else None
    return None if low is None else (low, high, "percent")


def _tenths(m: re.Match[str]) -> tuple[float, float | None, str] | None:
    value = parse_cn_number(m.group("n"))
    return None if value is None else (value * 10, None, "percent")


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


_CUR_PRE_KEYS = (
    "$",
    "€",
    "£",
    "¥",
    "₹",
    "₩",
    "usd",
    "eur",
    "gbp",
    "rmb",
    "cny",
    "jpy",
    "inr",
    "krw",
    "人民币",
    "美元",
    "美金",
    "港",
    "台币",
)
_CUR_SUF_KEYS = (
    "元",
    "美金",
    "人民币",
    "欧元",
    "英镑",
    "日元",
    "日圆",
    "港",
    "台币",
    "韩元",
    "卢比",
    "dollar",
    "usd",
    "euro",
    "eur",
    "pound",
    "gbp",
    "yuan",
    "renminbi",
    "rmb",
    "cny",
    "yen",
    "jpy",
)
_READERS = [
    (MONEY_PRE, _money, _CUR_PRE_KEYS),
    (MONEY_SUF, _money, _CUR_SUF_KEYS),
    (MONEY_CN, _money_cn, ("亿", "万", "兆", "元")),
    (MONEY_BARE, _money_bare, ("bn", "tn", "trn")),
    (PP, _pp, ("point", "pp", "百分点", "基点", "bp")),
    (PERCENT, _percent, ("%", "percent", "per cent", "pct")),
    (PERCENT_ZH, _percent_zh, ("百分之",)),
    (PERCENT_CN, _percent_cn, ("%",)),
    (TENTHS, _tenths, ("成",)),
    (MULTIPLE, _multiple, ("倍",)),
    (COUNT_ZH, _count_zh, ("亿", "万", "兆")),
    (COUNT_EN, _count_en, ("illion", "thousand")),
]
