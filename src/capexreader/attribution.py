"""Attribution: the entity, kind and year of each figure, as a careful reader gives them.

Every cue (company names, kind words, years, pronouns, totals) is found once over the whole
text and kept in sorted lists; each figure then looks up only its neighbours by bisection, so
the work is linear in the text whatever its shape (one huge line, a table of ten thousand rows,
thousands of company names).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .fold import fold
from .patterns import word_union
from .resources import load_data

if TYPE_CHECKING:
    from .figures import Figure

# Matched on the original text (same offsets as the folded one), so capitals can be seen.
# A single line break is often a hard wrap inside a sentence: only a blank line ends one; so
# does the end of a table row.
SENTENCE_END = re.compile(
    r"[。！？!?；;]+[”’\"』」)）]?|\.(?=\s|$)|\n\s*\n|\|[ \t]*\n|\s-\s(?=[A-Z])|\n(?=\s*[#·•*>-])"
)
CLAUSE_END = re.compile(r"[,，、:：—–|]|\s-\s")
# Where the subject carried from sentence to sentence is forgotten: a blank line or a heading.
PARAGRAPH_END = re.compile(r"\n\s*\n|\n(?=#)")
YEAR = re.compile(
    r"(?<![\d.,$])(?:fy\s?|fiscal year\s?|fiscal\s|财年\s?)?((?:19[5-9]|20[0-4])\d)(?![\d%])"
    r"(?:\s?(?:财年|年度|年))?"
    r"|(?<![a-z])fy\s?'?(\d\d)(?!\d)"
    r"|(?<![\d.])(1[01]\d)(?=年度|\s?年(?!代|前|后|来|间))"  # ROC years: 114年度 is 2025
)
RELATIVE_YEAR = {"今年": 0, "本年": 0, "this year": 0, "去年": -1, "上一年": -1, "last year": -1,
                 "前年": -2, "明年": 1, "next year": 1, "后年": 2, "next fiscal year": 1}
_RELATIVE = re.compile("|".join(sorted(map(re.escape, RELATIVE_YEAR), key=len, reverse=True)))
_LIST_GAP = re.compile(r"\s*(?:、|,|，|和|及|与|以及|&|and|or|或|,\s*and)?\s*$")
# An entity after a figure is its subject only when no dash or comparison stands between.
_NO_FORWARD = re.compile(r"[—–]|是|比|像|如|than|like|from|versus|vs")
# ... and it wins over one before the figure when it is what the figure is for.
_FOR_ENTITY = re.compile(r"^[^,，。;；]{0,24}?(?:\bfor|\bat|\bby|来自|源自|属于)\s*(?:the\s)?$")
# Figures of one list: "490亿美元和近310亿美元", "5% and 8%".
_FIG_GAP = re.compile(
    r"\s*(?:和|及|与|、|,|，|and|,\s*and|以及)\s*(?:近|约|超过|超|逾|达|nearly|about|around|over|"
    r"approximately|roughly|almost)?\s*$"
)
# An object marker between two companies: the first is the subject (英伟达向OpenAI投资).
_OBJECT_MARK = re.compile(r"[^,，。;；、]{0,12}[向对给][^,，。;；、]{0,12}$")
# 四大科技巨头, the five hyperscalers' 五大云厂商 (not 上周五大跌, "fell sharply last Friday").
_BIG_N = (r"(?<![周期拜])[二三四五六七八九几十\d]大(?=科技|巨头|科企|云|公司|厂|企业|美国|美股|超大|ai|tech|"
          r"hyperscal|互联网|芯片)")
# What makes a company the object of money put in: 向OpenAI, 对CoreWeave, 获英伟达, in Anthropic.
_TOWARD = re.compile(r"[向对][^,，。;；、]{0,14}$")
_OBJECT_BEFORE = re.compile(r"(?:[向对给获]|获得|\bin|\binto|\bbacking)[^,，。;；、]{0,8}$")
LONG_SENTENCE = 600  # a longer "sentence" (a table, an unpunctuated line) is quoted in part
CARRY = 3  # sentences back that a subject or topic carries


@lru_cache(maxsize=1)
def cues() -> dict:
    data = load_data("figures")
    entities = load_data("entities")
    alias = {fold(a): name for name, aliases in entities.items() for a in aliases + [name]}
    kinds: dict[str, str] = {}
    for kind, words in data["kinds"].items():
        for w in words:
            kinds.setdefault(fold(w), kind)
    for w in data["spending"]:
        kinds.setdefault(fold(w), "spending")
    percent_kinds = {fold(w): k for k, words in data["percent_kinds"].items() for w in words}

    def union(words: list[str]) -> re.Pattern:
        return re.compile(word_union(fold(w) for w in words))

    return {
        "alias": alias,
        "entity": union(list(alias)),
        "kind_of": kinds,
        "kinds": union(list(kinds)),
        "percent_kind_of": percent_kinds,
        "percent_kinds": union(list(percent_kinds)),
        **{k: union(data[k]) for k in ("respectively", "expectation", "this_year", "comparison")},
        "group": re.compile(word_union(fold(w) for w in data["group"]) + "|" + _BIG_N),
        # 公司 alone, where no word runs into it, is "the company"
        "anaphora": re.compile(word_union(fold(w) for w in data["anaphora"])
                               + r"|(?<![\u3400-\u9fff])公司(?!们)"),
    }


class Marks:
    """Starts, ends and labels of one kind of cue over the whole text, sorted."""

    def __init__(self, found: list[tuple[int, int, object]]) -> None:
        self.starts = [f[0] for f in found]
        self.ends = [f[1] for f in found]
        self.labels = [f[2] for f in found]

    @classmethod
    def of(cls, pattern: re.Pattern, t: str, label: Callable[[re.Match], object] = lambda m: True,
           ) -> Marks:
        return cls([(m.start(), m.end(), label(m)) for m in pattern.finditer(t)])

    def between(self, lo: int, hi: int) -> range:
        """Indexes of the marks that lie wholly in [lo, hi)."""
        return range(bisect_left(self.starts, lo), bisect_right(self.ends, hi))

    def any(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.ends[i] <= hi

    def last_before(self, lo: int, pos: int) -> int | None:
        """Index of the last mark ending at or before pos and starting at or after lo."""
        i = bisect_right(self.ends, pos) - 1
        return i if i >= 0 and self.starts[i] >= lo else None

    def first_after(self, pos: int, hi: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return i if i < len(self.starts) and self.ends[i] <= hi else None


class Bounds:
    """Where sentences (or clauses) end in a text, found in one pass."""

    def __init__(self, pattern: re.Pattern, text: str) -> None:
        self.ends = [m.end() for m in pattern.finditer(text)]
        self.size = len(text)

    def index(self, pos: int) -> int:
        return bisect_right(self.ends, pos)

    def span(self, i: int) -> tuple[int, int]:
        return (self.ends[i - 1] if i > 0 else 0), (self.ends[i] if i < len(self.ends) else self.size)

    def around(self, start: int, end: int) -> tuple[int, int]:
        lo = self.span(self.index(start))[0]
        j = bisect_left(self.ends, end)
        return lo, (self.ends[j] if j < len(self.ends) else self.size)


@dataclass(slots=True)
class Place:
    """Where one figure stands: its sentence (index and span) and clause."""

    index: int
    s_lo: int
    s_hi: int
    c_lo: int
    c_hi: int


class Reader:
    """What a reader of one text knows: its cues, sentences and the subjects they carry."""

    def __init__(self, text: str, t: str, year: int | None, title: str = "",
                 figures: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        c = cues()
        self.text, self.t = text, t
        self.sentences, self.clauses = Bounds(SENTENCE_END, text), Bounds(CLAUSE_END, text)
        self.paragraphs = Bounds(PARAGRAPH_END, text)
        self.entities = Marks.of(c["entity"], t, lambda m: c["alias"][m.group(0)])
        self.kinds = Marks.of(c["kinds"], t, lambda m: c["kind_of"][m.group(0)])
        self.percent_kinds = Marks.of(c["percent_kinds"], t, lambda m: c["percent_kind_of"][m.group(0)])
        self.marks = {k: Marks.of(c[k], t) for k in ("respectively", "group", "anaphora",
                                                      "expectation", "this_year", "comparison")}
        self.base = year if year is not None else dominant_year(t)
        self.relative = Marks.of(_RELATIVE, t, lambda m: RELATIVE_YEAR[m.group(0)])
        self.years = Marks(_outside(self._years(t), figures))  # 2000亿美元 holds no year
        self.main = _main_entity(fold(title), self.entities.labels)
        self._subjects: dict[int, str | None] = {}
        self.given: dict[int, str | None] = {}  # the company of a sentence's last figure

    def _years(self, t: str) -> list[tuple[int, int, object]]:
        found: list[tuple[int, int, object]] = []
        for m in YEAR.finditer(t):
            if m.group(1):
                value = int(m.group(1))
            elif m.group(2):
                value = 2000 + int(m.group(2))
            else:
                value = int(m.group(3)) + 1911
            found.append((m.start(), m.end(), value))
        if self.base:
            for start, end, shift in zip(self.relative.starts, self.relative.ends,
                                         self.relative.labels, strict=True):
                if t[end : end + 1] not in ("-", "‑"):  # 今年-to-date is not a year
                    found.append((start, end, self.base + shift))  # type: ignore[operator]
        found.sort()
        return found

    def place(self, start: int, end: int) -> Place:
        i = self.sentences.index(start)
        s_lo, _ = self.sentences.span(i)
        s_hi = self.sentences.around(start, end)[1]
        c_lo, c_hi = self.clauses.around(start, end)
        return Place(i, s_lo, s_hi, max(c_lo, s_lo), min(c_hi, s_hi))

    def sentence_text(self, place: Place, start: int, end: int) -> str:
        lo, hi = place.s_lo, place.s_hi
        if hi - lo > LONG_SENTENCE:  # quote the clause, or a stretch around the figure
            lo = max(place.c_lo, start - LONG_SENTENCE // 2)
            hi = min(place.c_hi, end + LONG_SENTENCE // 2)
        return " ".join(self.text[lo:hi].split())

    # Entities -------------------------------------------------------------------------

    def subject(self, i: int) -> str | None:
        """The company sentence i is about: its first company, unless it names several at
        once or a total; None where it names none."""
        if i in self._subjects:
            return self._subjects[i]
        lo, hi = self.sentences.span(i)
        marks = self.entities.between(lo, hi)
        name = None
        if marks and not self.marks["group"].any(lo, hi):
            first = marks[0]
            group = self._list_from(first, hi)
            name = self.entities.labels[first] if len(set(group)) == 1 else None
        self._subjects[i] = name
        return name

    def carried(self, place: Place) -> str | None:
        """The subject of the sentences before, within the paragraph."""
        para_lo = self.paragraphs.span(self.paragraphs.index(place.s_lo))[0]
        for i in range(place.index - 1, max(place.index - 1 - CARRY, -1), -1):
            lo, hi = self.sentences.span(i)
            if hi <= para_lo:
                break
            if i in self.given:
                return self.given[i]
            if self.entities.any(lo, hi) or self.marks["group"].any(lo, hi):
                return self.subject(i)
        return None

    def _list_from(self, first: int, hi: int, most: int = 16) -> list[str]:
        """Names of the run of company mentions joined by 、, 和, and, ... from the first."""
        e = self.entities
        names = [e.labels[first]]
        j = first
        while j + 1 < len(e.starts) and e.ends[j + 1] <= hi and len(names) < most:
            if not _LIST_GAP.match(self.t, e.ends[j], e.starts[j + 1]):
                break
            j += 1
            names.append(e.labels[j])  # type: ignore[arg-type]
        return names  # type: ignore[return-value]

    def list_ending_at(self, last: int, lo: int, most: int = 16) -> list[int]:
        """Indexes of the run of company mentions joined by 、, 和, and, ... ending at last."""
        e = self.entities
        group = [last]
        while group[0] > 0 and len(group) < most and e.starts[group[0] - 1] >= lo:
            prev = group[0] - 1
            if not _LIST_GAP.match(self.t, e.ends[prev], e.starts[group[0]]):
                break
            group.insert(0, prev)
        return group

    def entity(self, fig: Figure, p: Place) -> str | None:
        e, t, group = self.entities, self.t, self.marks["group"]
        last = e.last_before(p.s_lo, fig.start)
        after = e.first_after(fig.end, p.s_hi)
        gap = t[fig.end : e.starts[after]] if after is not None and e.starts[after] - fig.end <= 50 else None
        if gap is not None and _FOR_ENTITY.match(gap) and not group.any(p.c_lo, e.starts[after]):
            return e.labels[after]  # type: ignore[index, return-value]
        if last is not None:
            if group.any(e.ends[last], fig.start):  # "Google and Meta together"
                return None
            run = self.list_ending_at(last, p.s_lo)
            if len({e.labels[i] for i in run}) > 1:
                return None
            first = run[0]
            if first > 0 and e.starts[first - 1] >= p.c_lo and _OBJECT_MARK.match(
                    t, e.ends[first - 1], e.starts[first]):
                return e.labels[first - 1]  # type: ignore[return-value]
            anaphor = self.marks["anaphora"].last_before(e.ends[last], fig.start)
            if anaphor is not None and not self._leads(last, p) and self.clauses.index(
                    self.marks["anaphora"].starts[anaphor]) > self.clauses.index(e.starts[last]):
                # 軟銀牽頭的融資完成后，公司估值: "the company" is the sentence's subject, or the
                # one the sentences before were about
                lead = e.first_after(p.s_lo, p.s_hi)
                if lead is not None and self._leads(lead, p):
                    return self.subject(p.index) or e.labels[last]  # type: ignore[return-value]
                return self.carried(p) or self.main or e.labels[last]  # type: ignore[return-value]
            return e.labels[last]  # type: ignore[return-value]
        if group.any(p.s_lo, fig.start):
            return None
        if self.marks["anaphora"].any(p.s_lo, fig.start):  # the company, 其, its
            return self.carried(p) or self.main
        if gap is not None and not _NO_FORWARD.search(gap) and not group.any(p.c_lo, e.starts[after]):
            return e.labels[after]  # type: ignore[index, return-value]
        return self.carried(p) or self.main

    def _leads(self, mark: int, p: Place) -> bool:
        """Whether company mention mark stands in the first clause of its sentence."""
        return self.clauses.index(self.entities.starts[mark]) == self.clauses.index(p.s_lo)

    # Kinds ----------------------------------------------------------------------------

    def nearest(self, marks: Marks, fig: Figure, lo: int, hi: int) -> int | None:
        """Index of the cue in [lo, hi) nearest to the figure (before wins a tie)."""
        before = marks.last_before(lo, fig.start)
        after = marks.first_after(fig.end, hi)
        if before is None or after is None:
            return before if after is None else after
        return before if fig.start - marks.ends[before] <= marks.starts[after] - fig.end else after

    def kind(self, fig: Figure, lo: int, hi: int) -> str | None:
        i = self.nearest(self.kinds, fig, lo, hi)
        if i is None:
            return None
        kind = self.kinds.labels[i]
        if kind != "spending":
            return kind  # type: ignore[return-value]
        # Money put into another company is an investment; otherwise it is the spender's own
        # build-out.
        cue = (self.kinds.starts[i], self.kinds.ends[i])
        lo_c, hi_c = self.clauses.around(min(fig.start, cue[0]), max(fig.end, cue[1]))
        e = self.entities
        if _TOWARD.search(self.t, max(lo_c, cue[0] - 16), cue[0]):
            return "investment"  # 向14个国家投资: money put into others
        for j in e.between(lo_c, hi_c):
            noun = fig.end <= e.starts[j] and 0 <= cue[0] - e.ends[j] <= 1  # $13bn OpenAI investment
            if (noun or 0 <= e.starts[j] - cue[1] <= 1
                    or _OBJECT_BEFORE.search(self.t, max(lo_c, e.starts[j] - 12), e.starts[j])):
                return "investment"
        return "capex"

    def percent_kind(self, fig: Figure, p: Place) -> str | None:
        i = self.nearest(self.percent_kinds, fig, p.c_lo, p.c_hi)
        return None if i is None else self.percent_kinds.labels[i]  # type: ignore[return-value]

    # Years ----------------------------------------------------------------------------

    def year(self, fig: Figure, lo: int, hi: int, others: Callable[[int, int], bool] | None = None,
             ) -> int | None:
        """The nearest year in [lo, hi); with others, none with another figure of the same
        category between, and none after the figure behind a comparison (较2024年)."""
        y = self.years
        best: tuple[int, int] | None = None
        before = y.last_before(lo, fig.start)
        if before is not None and not (others and others(y.ends[before], fig.start)):
            best = (fig.start - y.ends[before], y.labels[before])  # type: ignore[assignment]
        after = y.first_after(fig.end, hi)
        if after is not None and not (others and (
                others(fig.end, y.starts[after])
                or self.marks["comparison"].any(fig.end, y.starts[after]))):
            gap = y.starts[after] - fig.end
            if best is None or gap < best[0]:
                best = (gap, y.labels[after])  # type: ignore[assignment]
        return best[1] if best else None


def _outside(found: list[tuple[int, int, object]], spans: list[tuple[int, int]],
             ) -> list[tuple[int, int, object]]:
    """The marks that start outside every span (both sorted)."""
    starts = [s for s, _ in spans]
    out = []
    for mark in found:
        i = bisect_right(starts, mark[0]) - 1
        if i < 0 or spans[i][1] <= mark[0]:
            out.append(mark)
    return out


def _main_entity(title: str, mentions: list) -> str | None:
    """The company an article is about: the only one its title names, else the one named in
    most of its mentions (three at least)."""
    if title:
        named = {cues()["alias"][m.group(0)] for m in cues()["entity"].finditer(title)}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    if not mentions:
        return None
    name, count = Counter(mentions).most_common(1)[0]
    return name if count >= 3 and count * 5 >= len(mentions) * 3 else None


def dominant_year(folded: str) -> int | None:
    """The explicit year a text names most often, if it names it at least twice."""
    counts: dict[int, int] = {}
    for m in re.finditer(r"(?<!\d)(?:19[5-9]|20[0-4])\d(?!\d)", folded):
        value = int(m.group(0))
        counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    value, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return value if count >= 2 else None


def attribute(text: str, t: str, figures: list[Figure], year: int | None, title: str = "") -> None:
    """Set entity, kind, year and sentence of figures (in text order) in place."""
    r = Reader(text, t, year, title, [(f.start, f.end) for f in figures])
    places = [r.place(f.start, f.end) for f in figures]
    starts = {"money": [], "percent": []}  # type: dict[str, list[int]]
    for f in figures:
        starts.setdefault(f.category, []).append(f.start)

    def others_of(category: str) -> Callable[[int, int], bool]:
        own = starts[category]
        return lambda lo, hi: bisect_right(own, hi - 1) - bisect_left(own, lo) > 0

    previous: Figure | None = None  # the last money figure, and its sentence
    prev_place: Place | None = None
    for fig, p in zip(figures, places, strict=True):
        fig.sentence = r.sentence_text(p, fig.start, fig.end)
        fig.entity = r.entity(fig, p)
        r.given[p.index] = fig.entity
        if fig.category == "money":
            _money(r, fig, p, previous if prev_place and prev_place.index == p.index else None,
                   previous, others_of("money"))
            fig.expectation = r.marks["expectation"].any(p.c_lo, fig.start) or (
                r.marks["expectation"].any(p.s_lo, fig.start) and not r.entities.any(p.s_lo, fig.start))
            previous, prev_place = fig, p
        elif fig.category == "percent":
            fig.kind = r.percent_kind(fig, p)
            fig.year = r.year(fig, p.c_lo, p.c_hi)
    _respectively(r, figures, places)
    _same_amounts(figures)


def _same_amounts(figures: list[Figure]) -> None:
    """An amount an article repeats is the same thing each time: a mention that names no kind
    or year takes those of one that does (7000亿美元 in the lede and again in the close)."""
    known: dict[tuple, Figure] = {}
    for f in figures:
        if f.category == "money" and f.kind:
            known.setdefault((f.unit, f.value, f.value_high), f)
    for f in figures:
        model = known.get((f.unit, f.value, f.value_high)) if f.category == "money" else None
        if model is not None and f.kind is None:
            f.kind = model.kind
            f.year = f.year or model.year


def _money(r: Reader, fig: Figure, p: Place, same: Figure | None, last: Figure | None,
           others: Callable[[int, int], bool]) -> None:
    """Kind and year of a money figure. same: the sentence's previous money figure; last: the
    text's previous one (its topic carries into a sentence that names none)."""
    own = r.kind(fig, p.c_lo, p.c_hi)
    fig.kind = own or (same.kind if same else None) or r.kind(fig, p.s_lo, p.s_hi)
    carried = (last is not None and same is None and fig.kind is None
               and r.sentences.index(last.start) >= p.index - CARRY
               and r.paragraphs.index(last.start) == r.paragraphs.index(p.s_lo))
    if carried:
        fig.kind = last.kind  # type: ignore[union-attr]
    fig.year = r.year(fig, p.c_lo, p.c_hi, others)
    if fig.year is None and r.base and r.marks["this_year"].any(p.c_lo, p.c_hi):
        fig.year = r.base
    if fig.year is None and not r.relative.any(p.c_lo, p.c_hi):  # 去年 unresolved: no year
        same_topic = same is not None and own in (None, same.kind)
        fig.year = (same.year if same_topic and same else None) or r.year(fig, p.s_lo, p.s_hi, others)
        if fig.year is None and carried and not r.years.any(p.s_lo, p.s_hi):
            fig.year = last.year  # type: ignore[union-attr]


def _respectively(r: Reader, figures: list[Figure], places: list[Place]) -> None:
    """Figures of a list go to the companies of a list, in order, where the sentence says
    分别, 各自 or respectively."""
    t, e = r.t, r.entities
    i = 0
    while i < len(figures):
        j = i
        while (j + 1 < len(figures) and places[j + 1].index == places[i].index
               and _FIG_GAP.match(t, figures[j].end, figures[j + 1].start)):
            j += 1
        p = places[i]
        if j > i and r.marks["respectively"].any(p.s_lo, p.s_hi):
            group = figures[i : j + 1]
            last = e.last_before(p.s_lo, group[0].start)
            if last is not None:
                names = _dedupe([e.labels[k] for k in r.list_ending_at(last, p.s_lo)])
                if len(names) < len(group):
                    first = bisect_left(e.starts, p.s_lo)
                    names = _dedupe([e.labels[k] for k in range(max(first, last - 16), last + 1)])
                    names = names[-len(group):]
                if len(names) == len(group):
                    for fig, name in zip(group, names, strict=True):
                        fig.entity = name  # type: ignore[assignment]
        i = j + 1


def _dedupe(names: list) -> list:
    out: list = []
    for name in names:
        if not out or out[-1] != name:
            out.append(name)
    return out
