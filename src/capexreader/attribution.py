"""Attribution: the entity, kind and year of each figure, as a careful reader gives them.

The cues (company names, kind words, years, pronouns, totals) of a sentence are found the
first time a figure there needs them and kept in sorted lists; each figure then looks up only
its neighbours by bisection, so the work is linear in the text whatever its shape (one huge
line, a table of ten thousand rows, thousands of company names).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from .fold import fold
from .patterns import Words
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
    r"(?<![\d.$])(?<!\d,)(?:fy\s?|fiscal year\s?|fiscal\s|财年\s?)?((?:19[5-9]|20[0-4])\d)(?![\d%])"
    r"(?:\s?(?:财年|年度|年))?"
    r"|(?<![a-z])fy\s?'?(\d\d)(?!\d)"
    # ROC years, as Taiwan writes them: 114年度, 民國114年, 114年第3季 (2025)
    r"|(?:(?<=民国)|(?<![\d.]))(1[01]\d)(?=年度|(?<=民国\d{3})年|年(?:第|上半|下半|全年|前[一二三四]季|\d{1,2}月|[一二三四]季|q))"
)
RELATIVE_YEAR = {
    "今年": 0,
    "本年": 0,
    "this year": 0,
    "去年": -1,
    "上一年": -1,
    "last year": -1,
    "前年": -2,
    "明年": 1,
    "next year": 1,
    "后年": 2,
    "next fiscal year": 1,
}
_RELATIVE = re.compile("|".join(sorted(map(re.escape, RELATIVE_YEAR), key=len, reverse=True)))
_LIST_GAP = re.compile(r"\s*(?:、|,|，|和|及|与|以及|&|and|or|或|,\s*and)?\s*$")
# An entity after a figure is its subject only when no dash, comparison or new coordinate
# clause stands between ("$3trn of capex, and Oracle plans ..."; "…，而甲骨文").
_NO_FORWARD = re.compile(
    r"[—–]|是|比|像|如|than|like|from|versus|vs|[,，;；]\s*(?:(?:and|but|while|whereas)\b|而|但|同时)"
)
# ... and it wins over one before the figure when it is what the figure is for.
_FOR_ENTITY = re.compile(r"^[^,，。;；]{0,24}?(?:\bfor|\bat|\bby|来自|源自|属于)\s*(?:the\s)?$")
# Figures of one list: "490亿美元和近310亿美元", "5% and 8%".
_FIG_GAP = re.compile(
    r"\s*(?:和|及|与|、|,|，|and|,\s*and|以及)\s*(?:近|约|超过|超|逾|达|nearly|about|around|over|"
    r"approximately|roughly|almost)?\s*$"
)
# A company named as a partner: "a deal with Meta", "in partnership with OpenAI".
_PARTNER = re.compile(r"\b(?:with|alongside)\s+(?:the\s+)?$")
# An object marker between two companies: the first is the subject (英伟达向OpenAI投资).
_OBJECT_MARK = re.compile(r"[^,，。;；、]{0,12}[向对给][^,，。;；、]{0,12}$")
# 四大科技巨头, the five hyperscalers' 五大云厂商 (not 上周五大跌, "fell sharply last Friday").
_BIG_N = (
    r"(?<![周期拜])[二三四五六七八九几十\d]大(?=科技|巨头|科企|云|公司|厂|企业|美国|美股|超大|ai|tech|"
    r"hyperscal|互联网|芯片)"
)
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
    misc: dict[str, str] = {}
    for name in MISC:
        for w in data[name]:
            misc.setdefault(fold(w), name)

    def union(words: list[str]) -> Words:
        return Words(fold(w) for w in words)

    return {
        "alias": alias,
        "entity": union(list(alias)),
        "kind_of": kinds,
        "kind": union(list(kinds)),
        "percent_kind_of": percent_kinds,
        "percent_kind": union(list(percent_kinds)),
        # 公司 alone, where no word runs into it, is "the company"; 四大科技 is a group.
        "misc": Words(misc, extra=r"(?<![\u3400-\u9fff])公司(?!们)|" + _BIG_N),
        "misc_of": misc,
    }


MISC = ("respectively", "group", "anaphora", "expectation", "this_year", "comparison")
LABELS = {"entity": "alias", "kind": "kind_of", "percent_kind": "percent_kind_of"}


class Marks:
    """Starts, ends and labels of one kind of cue in one sentence, in text order."""

    def __init__(self, found: list[tuple[int, int, object]]) -> None:
        self.starts = [f[0] for f in found]
        self.ends = [f[1] for f in found]
        self.labels: list[Any] = [f[2] for f in found]

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


EMPTY = Marks([])


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

    def __init__(
        self,
        text: str,
        t: str,
        year: int | None,
        title: str = "",
        figures: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text, self.t = text, t
        self.sentences = Bounds(SENTENCE_END, text)
        self.paragraphs = Bounds(PARAGRAPH_END, text)
        self.figures = figures = figures or []
        self.figure_starts = [start for start, _ in figures]
        self.base = year if year is not None else dominant_year(t)
        self.main = _main_entity(fold(title), t[:400])
        self._subjects: dict[int, str | None] = {}
        self.given: dict[int, str | None] = {}  # the company of a sentence's last figure
        self._marks: dict[tuple[str, int], Marks] = {}
        self._quoted: dict[tuple[int, int], str] = {}

    def at(self, name: str, i: int) -> Marks:
        """The cues called name in sentence i, found on first use: only sentences that hold
        figures, and the few before them, are ever searched."""
        key = (name, i)
        marks = self._marks.get(key)
        if marks is None:
            lo, hi = self.sentences.span(i)
            if name in MISC:  # one search finds the words of all the small lists
                found = self._find("misc", lo, hi)
                for other in MISC:
                    self._marks[(other, i)] = Marks([m for m in found if m[2] == other]) if found else EMPTY
                return self._marks[key]
            found = self._find(name, lo, hi)
            marks = self._marks[key] = Marks(found) if found else EMPTY
        return marks

    def _find(self, name: str, lo: int, hi: int) -> list[tuple[int, int, object]]:
        c, t = cues(), self.t
        if name == "year":
            return [y for y in self._years(lo, hi) if not self._in_figure(y[0])]  # 2000亿美元 holds none
        if name == "clause":
            return [(m.start(), m.end(), True) for m in CLAUSE_END.finditer(self.text, lo, hi)]
        if name == "misc":
            table = c["misc_of"]
            return [
                (m.start(), m.end(), table.get(m.group(0)) or _misc_label(m.group(0)))
                for m in c["misc"].finditer(t, lo, hi)
            ]
        if name == "relative":
            return [(m.start(), m.end(), RELATIVE_YEAR[m.group(0)]) for m in _RELATIVE.finditer(t, lo, hi)]
        table = c[LABELS[name]]
        return [(m.start(), m.end(), table[m.group(0)]) for m in c[name].finditer(t, lo, hi)]

    def _in_figure(self, pos: int) -> bool:
        i = bisect_right(self.figure_starts, pos) - 1
        return i >= 0 and self.figures[i][1] > pos

    def _years(self, lo: int, hi: int) -> list[tuple[int, int, object]]:
        found: list[tuple[int, int, object]] = []
        for m in YEAR.finditer(self.t, lo, hi):
            if m.group(1):
                value = int(m.group(1))
            elif m.group(2):
                value = 2000 + int(m.group(2))
            else:
                value = int(m.group(3)) + 1911
            found.append((m.start(), m.end(), value))
        if self.base:
            for start, end, shift in self._find("relative", lo, hi):
                if self.t[end : end + 1] not in ("-", "‑"):  # 今年-to-date is not a year
                    found.append((start, end, self.base + cast(int, shift)))
        found.sort()
        return found

    def clause_index(self, pos: int, sentence: int) -> int:
        """Which clause of its sentence pos stands in (0 for the first)."""
        return bisect_right(self.at("clause", sentence).ends, pos)

    def clause(self, start: int, end: int, sentence: int) -> tuple[int, int]:
        """The clause around [start, end), within the sentence."""
        lo, hi = self.sentences.span(sentence)
        ends = self.at("clause", sentence).ends
        i = bisect_right(ends, start)
        j = bisect_left(ends, end)
        return (ends[i - 1] if i > 0 else lo), (ends[j] if j < len(ends) else hi)

    def place(self, start: int, end: int) -> Place:
        i = self.sentences.index(start)
        s_lo, _ = self.sentences.span(i)
        s_hi = self.sentences.around(start, end)[1]
        c_lo, c_hi = self.clause(start, end, i)
        return Place(i, s_lo, s_hi, max(c_lo, s_lo), min(c_hi, s_hi))

    def sentence_text(self, place: Place, start: int, end: int) -> str:
        lo, hi = place.s_lo, place.s_hi
        if hi - lo > LONG_SENTENCE:  # quote the clause, or a stretch around the figure
            lo = max(place.c_lo, start - LONG_SENTENCE // 2)
            hi = min(place.c_hi, end + LONG_SENTENCE // 2)
        quoted = self._quoted.get((lo, hi))
        if quoted is None:  # the figures of one sentence share its text
            quoted = self._quoted[(lo, hi)] = " ".join(self.text[lo:hi].split())
        return quoted

    # Entities -------------------------------------------------------------------------

    def subject(self, i: int) -> str | None:
        """The company sentence i is about: its first company, unless it names several at
        once or a total; None where it names none."""
        if i in self._subjects:
            return self._subjects[i]
        e = self.at("entity", i)
        name = None
        if e.starts and not self.at("group", i).starts:
            name = e.labels[0] if len(set(self._list_from(e))) == 1 else None
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
            if self.at("entity", i).starts or self.at("group", i).starts:
                return self.subject(i)
        return None

    def _list_from(self, e: Marks, most: int = 16) -> list[str]:
        """Names of the run of company mentions joined by 、, 和, and, ... from the first."""
        names = [e.labels[0]]
        j = 0
        while j + 1 < len(e.starts) and len(names) < most:
            if not _LIST_GAP.match(self.t, e.ends[j], e.starts[j + 1]):
                break
            j += 1
            names.append(e.labels[j])
        return names

    def list_ending_at(self, e: Marks, last: int, lo: int, most: int = 16) -> list[int]:
        """Indexes of the run of company mentions joined by 、, 和, and, ... ending at last."""
        group = [last]
        while group[0] > 0 and len(group) < most and e.starts[group[0] - 1] >= lo:
            prev = group[0] - 1
            if not _LIST_GAP.match(self.t, e.ends[prev], e.starts[group[0]]):
                break
            group.insert(0, prev)
        return group

    def entity(self, fig: Figure, p: Place) -> str | None:
        t, e, group = self.t, self.at("entity", p.index), self.at("group", p.index)
        anaphora = self.at("anaphora", p.index)
        last = e.last_before(p.s_lo, fig.start)
        steps = 0
        while last is not None and self._partner(e, last, p.s_lo):
            # "a deal with Meta and a $22.4 billion one": the partner is not the subject; a few
            # steps back at most, so that a long run of partners stays linear
            steps += 1
            last = last - 1 if steps <= 4 and last > 0 and e.starts[last - 1] >= p.s_lo else None
        after = e.first_after(fig.end, p.s_hi)
        if after is not None and e.starts[after] - fig.end <= 50:  # a company named just after
            gap, named, at = t[fig.end : e.starts[after]], e.labels[after], e.starts[after]
        else:
            gap, named, at = None, None, 0
        if gap is not None and _FOR_ENTITY.match(gap) and not group.any(p.c_lo, at):
            return named
        if last is not None:
            if group.any(e.ends[last], fig.start):  # "Google and Meta together"
                return None
            run = [i for i in self.list_ending_at(e, last, p.s_lo) if not self._partner(e, i, p.s_lo)]
            if len({e.labels[i] for i in run}) > 1:
                return None
            first = run[0]
            if (
                first > 0
                and e.starts[first - 1] >= p.c_lo
                and _OBJECT_MARK.match(t, e.ends[first - 1], e.starts[first])
            ):
                return e.labels[first - 1]
            anaphor = anaphora.last_before(e.ends[last], fig.start)
            if (
                anaphor is not None
                and not self._leads(e.starts[last], p)
                and self.clause_index(anaphora.starts[anaphor], p.index)
                > self.clause_index(e.starts[last], p.index)
            ):
                # 軟銀牽頭的融資完成后，公司估值: "the company" is the sentence's subject, or the
                # one the sentences before were about
                lead = e.first_after(p.s_lo, p.s_hi)
                if lead is not None and self._leads(e.starts[lead], p):
                    return self.subject(p.index) or e.labels[last]
                return self.carried(p) or self.main or e.labels[last]
            return e.labels[last]
        if group.any(p.s_lo, fig.start):
            return None
        if anaphora.any(p.s_lo, fig.start):  # the company, 其, its
            return self.carried(p) or self.main
        if gap is not None and not _NO_FORWARD.search(gap) and not group.any(p.c_lo, at):
            return named
        return self.carried(p) or self.main

    def _partner(self, e: Marks, i: int, lo: int) -> bool:
        """Whether company mention i is named as a partner ("with Meta"), not as a subject."""
        return _PARTNER.search(self.t, max(lo, e.starts[i] - 16), e.starts[i]) is not None

    def _leads(self, pos: int, p: Place) -> bool:
        """Whether pos stands in the first clause of its sentence."""
        return self.clause_index(pos, p.index) == 0

    # Kinds ----------------------------------------------------------------------------

    def nearest(self, marks: Marks, fig: Figure, lo: int, hi: int) -> int | None:
        """Index of the cue in [lo, hi) nearest to the figure (before wins a tie)."""
        before = marks.last_before(lo, fig.start)
        after = marks.first_after(fig.end, hi)
        if before is None or after is None:
            return before if after is None else after
        return before if fig.start - marks.ends[before] <= marks.starts[after] - fig.end else after

    def kind(self, fig: Figure, lo: int, hi: int, sentence: int) -> str | None:
        kinds, e = self.at("kind", sentence), self.at("entity", sentence)
        i = self.nearest(kinds, fig, lo, hi)
        if i is None:
            return None
        kind = kinds.labels[i]
        if kind != "spending":
            return kind
        # Money put into another company is an investment; otherwise it is the spender's own
        # build-out.
        cue = (kinds.starts[i], kinds.ends[i])
        lo_c, hi_c = self.clause(min(fig.start, cue[0]), max(fig.end, cue[1]), sentence)
        if _TOWARD.search(self.t, max(lo_c, cue[0] - 16), cue[0]):
            return "investment"  # 向14个国家投资: money put into others
        # Only the companies next to the cue or the figure can be its object.
        near = {
            e.last_before(max(lo_c, cue[0] - 16), cue[0]),
            e.first_after(cue[1], min(hi_c, cue[1] + 2)),
            e.first_after(fig.end, min(hi_c, fig.end + 24)),
        }
        for j in (j for j in near if j is not None):
            noun = fig.end <= e.starts[j] and 0 <= cue[0] - e.ends[j] <= 1  # $13bn OpenAI investment
            if (
                noun
                or 0 <= e.starts[j] - cue[1] <= 1
                or _OBJECT_BEFORE.search(self.t, max(lo_c, e.starts[j] - 12), e.starts[j])
            ):
                return "investment"
        return "capex"

    def percent_kind(self, fig: Figure, p: Place) -> str | None:
        kinds = self.at("percent_kind", p.index)
        i = self.nearest(kinds, fig, p.c_lo, p.c_hi)
        return None if i is None else kinds.labels[i]

    # Years ----------------------------------------------------------------------------

    def year(
        self,
        fig: Figure,
        lo: int,
        hi: int,
        sentence: int,
        others: Callable[[int, int], bool] | None = None,
        after_hi: int | None = None,
    ) -> int | None:
        """The nearest year in [lo, hi) (after the figure, in [.., after_hi) when given);
        with others, none with another figure of the same category between, and none after
        the figure behind a comparison (较2024年)."""
        y = self.at("year", sentence)
        best: tuple[int, int] | None = None
        before = y.last_before(lo, fig.start)
        if before is not None and not (others and others(y.ends[before], fig.start)):
            best = (fig.start - y.ends[before], y.labels[before])
        after = y.first_after(fig.end, hi if after_hi is None else after_hi)
        if after is not None and not (
            others
            and (
                others(fig.end, y.starts[after])
                or self.at("comparison", sentence).any(fig.end, y.starts[after])
            )
        ):
            gap = y.starts[after] - fig.end
            if best is None or gap < best[0]:
                best = (gap, y.labels[after])
        return best[1] if best else None


def _misc_label(word: str) -> str:
    return "group" if word.endswith("大") else "anaphora"  # 四大 (_BIG_N), or 公司 alone


def _main_entity(title: str, lede: str) -> str | None:
    """The company an article is about: the only one its title names, or its lede."""
    for text in (title, lede):
        named = {cues()["alias"][m.group(0)] for m in cues()["entity"].finditer(text)}
        if named:
            return named.pop() if len(named) == 1 else None
    return None


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
    money = [f.start for f in figures if f.category == "money"]

    def money_between(lo: int, hi: int) -> bool:
        return bisect_right(money, hi - 1) - bisect_left(money, lo) > 0

    previous: Figure | None = None  # the last money figure, and its sentence
    prev_place: Place | None = None
    for fig, p in zip(figures, places, strict=True):
        fig.sentence = r.sentence_text(p, fig.start, fig.end)
        fig.entity = r.entity(fig, p)
        r.given[p.index] = fig.entity
        if fig.category == "money":
            _money(
                r,
                fig,
                p,
                previous if prev_place and prev_place.index == p.index else None,
                previous,
                money_between,
            )
            expect = r.at("expectation", p.index)
            fig.expectation = expect.any(p.c_lo, fig.start) or (
                expect.any(p.s_lo, fig.start) and not r.at("entity", p.index).any(p.s_lo, fig.start)
            )
            previous, prev_place = fig, p
        elif fig.category == "percent":
            fig.kind = r.percent_kind(fig, p)
            fig.year = r.year(fig, p.c_lo, p.c_hi, p.index)
    _respectively(r, figures, places)
    _list_years(r, figures, places)
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


def _money(
    r: Reader,
    fig: Figure,
    p: Place,
    same: Figure | None,
    last: Figure | None,
    others: Callable[[int, int], bool],
) -> None:
    """Kind and year of a money figure. same: the sentence's previous money figure; last: the
    text's previous one (its topic carries into a sentence that names none)."""
    own = r.kind(fig, p.c_lo, p.c_hi, p.index)
    fig.kind = own or (same.kind if same else None) or r.kind(fig, p.s_lo, p.s_hi, p.index)
    carried = (
        last is not None
        and same is None
        and fig.kind is None
        and r.sentences.index(last.start) >= p.index - CARRY
        and r.paragraphs.index(last.start) == r.paragraphs.index(p.s_lo)
    )
    if carried and last is not None:
        fig.kind = last.kind
    fig.year = r.year(fig, p.c_lo, p.c_hi, p.index, others)
    if fig.year is None and r.base and r.at("this_year", p.index).any(p.c_lo, p.c_hi):
        fig.year = r.base
    if fig.year is None and not r.at("relative", p.index).any(p.c_lo, p.c_hi):  # 去年 unresolved
        same_topic = same is not None and own in (None, same.kind)
        # in the rest of the sentence, a year before the figure; one after it belongs to its
        # own clause ("$34.9 billion in the quarter, and ... in fiscal 2026")
        fig.year = (same.year if same_topic and same else None) or r.year(
            fig, p.s_lo, p.s_hi, p.index, others, after_hi=p.c_hi
        )
        if fig.year is None and carried and last is not None and not r.at("year", p.index).starts:
            fig.year = last.year
    if (
        fig.year is None
        and last is not None
        and not r.at("year", p.index).starts
        and not r.at("relative", p.index).starts
        and r.sentences.index(last.start) == p.index - 1
        and r.t[p.s_lo - 1 : p.s_lo] in (";", "；")
        and r.at("year", p.index - 1).any(r.sentences.span(p.index - 1)[0], last.start)
    ):
        # 2026财年第一季度营收777亿美元…；资本支出349亿美元: clauses of one sentence under the
        # period it opens with (not a year that trails another figure: "$80bn in 2025; …")
        fig.year = last.year


def _lists(r: Reader, figures: list[Figure], places: list[Place]) -> Iterator[tuple[int, int]]:
    """(first, last) index of each run of figures listed in one sentence: 5%、8%和10%."""
    i = 0
    while i < len(figures):
        j = i
        while (
            j + 1 < len(figures)
            and places[j + 1].index == places[i].index
            and _FIG_GAP.match(r.t, figures[j].end, figures[j + 1].start)
        ):
            j += 1
        if j > i:
            yield i, j
        i = j + 1


def _respectively(r: Reader, figures: list[Figure], places: list[Place]) -> None:
    """Figures of a list go to the companies of a list, in order, where the sentence says
    分别, 各自 or respectively."""
    for i, j in _lists(r, figures, places):
        p = places[i]
        if not r.at("respectively", p.index).starts:
            continue
        e = r.at("entity", p.index)
        group = figures[i : j + 1]
        last = e.last_before(p.s_lo, group[0].start)
        if last is not None:
            names = _dedupe([e.labels[k] for k in r.list_ending_at(e, last, p.s_lo)])
            if len(names) < len(group):
                names = _dedupe([e.labels[k] for k in range(max(0, last - 16), last + 1)])
                names = names[-len(group) :]
            if len(names) == len(group):
                for fig, name in zip(group, names, strict=True):
                    fig.entity = name


def _list_years(r: Reader, figures: list[Figure], places: list[Place]) -> None:
    """A list's year applies to each item: "$70bn, $91bn and $125bn in 2025" (the items before
    the last could not see it past the others)."""
    for i, j in _lists(r, figures, places):
        group = figures[i : j + 1]
        years = {f.year for f in group if f.year is not None}
        if len(years) == 1 and len({f.category for f in group}) == 1:
            year = years.pop()
            for fig in group:
                fig.year = year


def _dedupe(names: list) -> list:
    out: list = []
    for name in names:
        if not out or out[-1] != name:
            out.append(name)
    return out
