"""An article body read as Markdown: its blocks and the visible runs of its text, as offsets
into the body, so that hits, figures and evidence keep their meaning on what is drawn.

markdown-it-py finds the structure; each inline token's children are then found in the body
in order (a cursor that only moves on, each search within a short window), so the markup that
is not drawn (`**`, `## `, `> `, `](url)`) is simply left out of the runs. Long bodies are
parsed a chunk at a time, cut at blank lines outside code fences: time and memory stay linear.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# block kinds
PARA, HEADING, CODE, RULE, TABLE, HTML = range(6)

# run styles (bits)
BOLD, ITALIC, MONO, LINK, STRIKE, SOFT, BREAK, IMAGE = (1 << i for i in range(8))
HEAD, MARK = 1 << 8, 1 << 9  # set when drawn: a heading's text, the marks around the text

CHUNK = 64_000  # characters parsed at a time (a chunk ends at a blank line)
WINDOW = 256  # how far past the cursor a child's text is looked for
QUOTE_MARK = "│ "


@dataclass
class Cell:
    runs: list[tuple[int, int, int]]  # (lo, hi, style) in the body


@dataclass
class Row:
    lo: int
    hi: int
    header: bool
    cells: list[Cell]


@dataclass
class Table:
    rows: list[Row]
    aligns: list[str]  # "left", "right" or "center" for each column


@dataclass
class Document:
    """Leaf blocks in body order, each with its runs of visible text."""

    kind: array = field(default_factory=lambda: array("b"))
    level: array = field(default_factory=lambda: array("b"))  # a heading's level
    lo: array = field(default_factory=lambda: array("q"))
    hi: array = field(default_factory=lambda: array("q"))
    gap: array = field(default_factory=lambda: array("b"))  # a blank line before the block
    prefix: array = field(default_factory=lambda: array("i"))  # index into prefixes
    first_run: array = field(default_factory=lambda: array("i"))
    run_lo: array = field(default_factory=lambda: array("q"))
    run_hi: array = field(default_factory=lambda: array("q"))
    run_style: array = field(default_factory=lambda: array("h"))
    prefixes: list[tuple[str, str]] = field(default_factory=lambda: [("", "")])
    tables: dict[int, Table] = field(default_factory=dict)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # text span and its URL
    lines_are_paragraphs: bool = False

    def __len__(self) -> int:
        return len(self.kind)

    def runs(self, block: int) -> range:
        end = self.first_run[block + 1] if block + 1 < len(self.first_run) else len(self.run_lo)
        return range(self.first_run[block], end)

    def prefix_of(self, block: int) -> tuple[str, str]:
        return self.prefixes[self.prefix[block]]

    def link_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.links, offset, key=lambda link: link[0]) - 1
        if i >= 0 and self.links[i][0] <= offset < self.links[i][1]:
            return self.links[i][2]
        return None


def is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


_NOT_PROSE = re.compile(r"[ \t]*(?:[|>#*+-]|\d+[.)]|$)")


def lines_are_paragraphs(text: str) -> bool:
    """Raw web text puts every paragraph on a line of its own with no blank line between; a
    Markdown source (or text wrapped by hand) ends its paragraphs with blank lines. Decided on
    the text's start, so that the start of a long text, laid out first, agrees with the whole."""
    lines = text[:CHUNK].strip("\n").split("\n")
    prose = sum(1 for line in lines if not _NOT_PROSE.match(line))
    blanks = sum(1 for line in lines if not line.strip())
    return prose >= 2 and blanks * 4 < prose


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"typographer": False}).enable(["table", "strikethrough"])


def warm() -> None:
    """Import markdown-it and make its parser now: a loader's thread does it before the first
    article is shown, so that the app's own thread does not (the import is a long step)."""
    _parser()


def parse(text: str) -> Document:
    doc = Document(lines_are_paragraphs=lines_are_paragraphs(text))
    builder = _Builder(text, doc)
    for lo, hi in _chunks(text):
        builder.add(lo, hi, _parser().parse(text[lo:hi]))
    return doc


_EVENTS = re.compile(r"^[ \t]*(?:```|~~~)|\n\n(?=\S)", re.M)


def _chunks(text: str) -> list[tuple[int, int]]:
    """Pieces of about CHUNK characters, each ending at a blank line outside a code fence and
    before a line that does not continue an indented block (one pass over the text)."""
    out, lo, fenced = [], 0, False
    if len(text) > CHUNK:
        for event in _EVENTS.finditer(text):
            if event.group().startswith("\n"):
                if not fenced and event.start() - lo >= CHUNK:
                    out.append((lo, event.end()))
                    lo = event.end()
            else:
                fenced = not fenced
    out.append((lo, len(text)))
    return out


class _Builder:
    def __init__(self, text: str, doc: Document) -> None:
        self.text = text
        self.doc = doc
        self.prefix_index: dict[tuple[str, str], int] = {("", ""): 0}
        self.last_lists: set[int] = set()

    # -- blocks ---------------------------------------------------------------------------
    def add(self, base: int, end: int, tokens: list) -> None:
        starts = _line_starts(self.text, base, end)
        frames: list[list] = []  # containers: ["quote"] or ["list", ordered, number, marker_due, id]
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            if t == "blockquote_open":
                frames.append(["quote"])
            elif t in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrGet("start") or 1) if t == "ordered_list_open" else 0
                frames.append(["list", t == "ordered_list_open", start - 1, False, i])
            elif t == "list_item_open":
                frames[-1][2] += 1
                frames[-1][3] = True
            elif t in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
                frames.pop()
            elif t in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1]
                lo, hi = _span(tok.map, starts, end)
                kind = HEADING if t == "heading_open" else PARA
                level = int(tok.tag[1]) if kind == HEADING else 0
                self._leaf(kind, level, lo, hi, frames, tight=tok.hidden)
                runs: list[tuple[int, int, int]] = []
                self._inline(inline.children or [], lo, hi, into=runs)
                self._paragraphs(runs, kind, level, frames)
                i += 2
            elif t in ("fence", "code_block", "html_block"):
                lo, hi = _span(tok.map, starts, end)
                inner = (lo, hi)
                if t == "fence":
                    first_end = self.text.find("\n", lo, hi)
                    inner_lo = first_end + 1 if first_end >= 0 else hi
                    last = self.text.rfind("\n", inner_lo, max(inner_lo, hi - 1))
                    closing = self.text[last + 1 : hi].strip()
                    inner = (inner_lo, last if closing.startswith(tok.markup) and last >= inner_lo else hi)
                self._leaf(CODE if t != "html_block" else HTML, 0, lo, hi, frames, tight=False)
                self._lines(*inner)
            elif t == "hr":
                lo, hi = _span(tok.map, starts, end)
                self._leaf(RULE, 0, lo, hi, frames, tight=False)
            elif t == "table_open":
                i = self._table(tokens, i, starts, end, frames)
            i += 1

    def _paragraphs(self, runs: list[tuple[int, int, int]], kind: int, level: int, frames: list) -> None:
        """The runs of a paragraph; in raw web text each of its lines is a paragraph of its own."""
        for lo, hi, style in runs:
            if style & BREAK and self.doc.lines_are_paragraphs and kind == PARA:
                end, self.doc.hi[-1] = self.doc.hi[-1], lo
                self._leaf(kind, level, hi, max(hi, end), frames, tight=False)
                continue
            self._run(lo, hi, style)

    def _leaf(
        self, kind: int, level: int, lo: int, hi: int, frames: list, *, tight: bool, gap: bool = True
    ) -> None:
        doc = self.doc
        first, rest = "", ""
        for frame in frames:
            if frame[0] == "quote":
                first, rest = first + QUOTE_MARK, rest + QUOTE_MARK
                continue
            marker = f"{frame[2]}. " if frame[1] else "• "
            if frame[3]:
                first, rest = first + marker, rest + " " * len(marker)
                frame[3] = False
            else:
                pad = " " * len(marker)
                first, rest = first + pad, rest + pad
        key = (first, rest)
        if key not in self.prefix_index:
            self.prefix_index[key] = len(doc.prefixes)
            doc.prefixes.append(key)
        # Items of a tight list follow each other with no blank line; anything else has one.
        lists = {f[4] for f in frames if f[0] == "list"}
        gap = gap and len(doc.kind) > 0 and not (tight and lists & self.last_lists)
        self.last_lists = lists
        doc.kind.append(kind)
        doc.level.append(level)
        doc.lo.append(lo)
        doc.hi.append(hi)
        doc.gap.append(1 if gap else 0)
        doc.prefix.append(self.prefix_index[key])
        doc.first_run.append(len(doc.run_lo))

    def _run(self, lo: int, hi: int, style: int) -> None:
        doc = self.doc
        if hi <= lo:
            return
        joins = len(doc.run_lo) > doc.first_run[-1] and doc.run_hi[-1] == lo and doc.run_style[-1] == style
        if joins and not style & (SOFT | BREAK):
            doc.run_hi[-1] = hi
            return
        doc.run_lo.append(lo)
        doc.run_hi.append(hi)
        doc.run_style.append(style)

    def _lines(self, lo: int, hi: int) -> None:
        """Each source line a line of its own (code, raw HTML)."""
        pos = lo
        while pos < hi:
            end = self.text.find("\n", pos, hi)
            end = hi if end < 0 else end
            self._run(pos, end, MONO)
            if end < hi:
                self._run(end, end + 1, BREAK)
            pos = end + 1

    def _table(self, tokens: list, i: int, starts: array, end: int, frames: list) -> int:
        lo, hi = _span(tokens[i].map, starts, end)
        self._leaf(TABLE, 0, lo, hi, frames, tight=False)
        table = Table([], [])
        header = False
        row: Row | None = None
        cursor = lo
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                header = True
            elif tok.type == "tbody_open":
                header = False
            elif tok.type == "tr_open":
                rlo, rhi = _span(tok.map, starts, end)
                row = Row(rlo, rhi, header, [])
                cursor = rlo
            elif tok.type in ("th_open", "td_open") and row is not None:
                if header:
                    style = str(tok.attrGet("style") or "")
                    table.aligns.append(style.removeprefix("text-align:") or "left")
                inline = tokens[i + 1]
                runs: list[tuple[int, int, int]] = []
                cursor = self._inline(inline.children or [], cursor, row.hi, into=runs, bold=header)
                row.cells.append(Cell(runs))
            elif tok.type == "tr_close" and row is not None:
                table.rows.append(row)
            i += 1
        self.doc.tables[len(self.doc.kind) - 1] = table
        self.doc.hi[-1] = table.rows[-1].hi if table.rows else hi
        return i

    # -- inline ---------------------------------------------------------------------------
    def _inline(
        self,
        children: list,
        lo: int,
        hi: int,
        into: list[tuple[int, int, int]],
        bold: bool = False,
    ) -> int:
        """Find each child in the body from lo on, its runs added to into; returns where the
        cursor ended."""
        text = self.text
        style = BOLD if bold else 0
        cursor = lo
        link_from = -1
        runs: list[tuple[int, int, int]] = []

        def emit(a: int, b: int, s: int) -> None:
            if b > a:
                if runs and runs[-1][1] == a and runs[-1][2] == s and not s & (SOFT | BREAK):
                    runs[-1] = (runs[-1][0], b, s)
                else:
                    runs.append((a, b, s))

        def skip(mark: str) -> None:
            nonlocal cursor
            found = text.find(mark, cursor, min(hi, cursor + WINDOW))
            if found >= 0:
                cursor = found + len(mark)

        for child in children:
            t = child.type
            if t == "text" or t == "code_inline":
                if t == "code_inline":
                    skip(child.markup)
                mono = MONO if t == "code_inline" else 0
                cursor = self._find_text(child.content, cursor, hi, style | mono, emit)
                if t == "code_inline":
                    skip(child.markup)
            elif t in ("softbreak", "hardbreak"):
                found = text.find("\n", cursor, min(hi, cursor + WINDOW))
                if found < 0:
                    continue
                if t == "hardbreak" or self.doc.lines_are_paragraphs:
                    emit(found, found + 1, BREAK)
                elif not self._joins_without_space(found, hi):
                    emit(found, found + 1, SOFT)
                cursor = found + 1
            elif t in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"):
                skip(child.markup)
                bit = BOLD if t.startswith("strong") else ITALIC if t.startswith("em") else STRIKE
                style = style | bit if t.endswith("open") else style & ~bit
                if bold:
                    style |= BOLD
            elif t == "link_open":
                skip("<" if child.markup == "autolink" else "[")
                link_from = len(runs)
                style |= LINK
                href = str(child.attrGet("href") or "")
            elif t == "link_close":
                style &= ~LINK
                if link_from >= 0 and link_from < len(runs):
                    self.doc.links.append((runs[link_from][0], runs[-1][1], href))
                link_from = -1
                if child.markup == "autolink":
                    skip(">")
                else:
                    cursor = self._after_target(cursor, hi)
            elif t == "image":
                skip("![")
                from_run = len(runs)
                for alt in child.children or []:
                    if alt.type == "text":
                        cursor = self._find_text(alt.content, cursor, hi, style | IMAGE, emit)
                cursor = self._after_target(cursor, hi)
                if from_run < len(runs):
                    self.doc.links.append((runs[from_run][0], runs[-1][1], str(child.attrGet("src") or "")))
            elif t == "html_inline":
                skip(child.content)
        into.extend(runs)
        return cursor

    def _find_text(self, content: str, cursor: int, hi: int, style: int, emit: Any) -> int:
        if not content:
            return cursor
        text = self.text
        found = text.find(content, cursor, min(hi, cursor + len(content) + WINDOW))
        if found >= 0:
            emit(found, found + len(content), style)
            return found + len(content)
        # Escapes and entities differ from the source: place it character by character.
        for ch in content:
            at = text.find(ch, cursor, min(hi, cursor + 16))
            if at >= 0:
                emit(at, at + 1, style)
                cursor = at + 1
        return cursor

    def _after_target(self, cursor: int, hi: int) -> int:
        """Past a link's `](target "title")`, `][ref]` or `]`."""
        text = self.text
        close = text.find("]", cursor, min(hi, cursor + WINDOW))
        if close < 0:
            return cursor
        pos = close + 1
        if pos < hi and text[pos] == "(":
            depth, pos = 1, pos + 1
            limit = min(hi, pos + 4 * WINDOW)
            while pos < limit and depth:
                ch = text[pos]
                if ch == "\\":
                    pos += 1
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                pos += 1
        elif pos < hi and text[pos] == "[":
            end = text.find("]", pos, min(hi, pos + WINDOW))
            pos = end + 1 if end >= 0 else pos
        return pos

    def _joins_without_space(self, newline: int, hi: int) -> bool:
        """A soft line break between Chinese text is no space at all."""
        text = self.text
        before = text[newline - 1] if newline > 0 else " "
        pos = newline + 1
        limit = min(hi, pos + 16)
        while pos < limit and text[pos] in " \t>":
            pos += 1
        after = text[pos] if pos < hi else " "
        return is_cjk(before) or is_cjk(after)


def _line_starts(text: str, base: int, end: int) -> array:
    """Offsets of the lines of the chunk [base, end) (markdown-it maps by line)."""
    out = array("q", [base])
    pos = text.find("\n", base, end)
    while pos >= 0:
        out.append(pos + 1)
        pos = text.find("\n", pos + 1, end)
    return out


def _span(line_map: list[int] | None, starts: array, end: int) -> tuple[int, int]:
    """Where a block that markdown-it places on lines [first, last) starts and ends."""
    if not line_map:
        return (starts[0], starts[0])
    first, last = line_map
    lo = starts[first] if first < len(starts) else end
    hi = starts[last] - 1 if last < len(starts) else end
    return lo, max(lo, hi)
