"""A parsed article laid out to a width: where each display line starts and ends in the body,
and what it draws (pieces of the body with their styles, and the marks around them: bullets,
quote bars, table borders). Only the line spans are kept for the whole article; a line's
pieces are worked out when it is drawn."""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field

from rich.cells import cell_len

from .document import BREAK, CODE, HEAD, HEADING, MARK, RULE, SOFT, TABLE, Document, Table, parse
from .wrap import wrap_range

# A piece drawn: its text, where it is in the body (-1 for a mark of the layout's own), styles.
Piece = tuple[str, int, int]


@dataclass
class Layout:
    width: int
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))
    block: array = field(default_factory=lambda: array("i"))  # -1: a blank line between blocks
    sub: array = field(default_factory=lambda: array("i"))  # the line's place in its block
    widest: int = 0  # cells of the widest line (a table may be wider than the width)
    grids: dict = field(default_factory=dict)  # tables fitted to the width, by block

    def __getstate__(self) -> dict:
        return {**self.__dict__, "grids": {}}  # a grid holds the text: not sent between processes

    def add(self, start: int, end: int, block: int, sub: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.block.append(block)
        self.sub.append(sub)

    def __len__(self) -> int:
        return len(self.starts)


def lay_out(doc: Document, text: str, width: int) -> Layout:
    width = max(8, width)
    out = Layout(width, widest=width)
    for b in range(len(doc)):
        if doc.gap[b]:
            out.add(doc.lo[b], doc.lo[b], -1, 0)
        kind = doc.kind[b]
        lead = cell_len(doc.prefix_of(b)[0])
        inner = max(4, width - lead)
        out.widest = max(out.widest, lead + inner)  # marks of a deep nesting may not fit
        if kind == TABLE:
            grid = out.grids[b] = TableGrid(doc.tables[b], text, inner)
            out.widest = max(out.widest, grid.width + width - inner)
            for k, (lo, hi) in enumerate(grid.spans):
                out.add(lo, hi, b, k)
        elif kind == RULE:
            out.add(doc.lo[b], doc.hi[b], b, 0)
        else:
            spans = _wrap_block(doc, text, b, inner)
            for k, (lo, hi) in enumerate(spans):
                out.add(lo, hi, b, k)
    return out


def layout_text(text: str, width: int) -> tuple[Document, Layout]:
    doc = parse(text)
    return doc, lay_out(doc, text, width)


def _wrap_block(doc: Document, text: str, b: int, width: int) -> list[tuple[int, int]]:
    runs = doc.runs(b)
    if not runs:
        return [(doc.lo[b], doc.lo[b])]
    spans: list[tuple[int, int]] = []
    segment: list[tuple[int, int, int]] = []
    for r in runs:
        lo, hi, style = doc.run_lo[r], doc.run_hi[r], doc.run_style[r]
        if style & BREAK:
            _wrap_runs(text, segment, width, spans, at=lo)
            segment = []
        else:
            segment.append((lo, hi, style))
    _wrap_runs(text, segment, width, spans, at=doc.run_hi[runs[-1]])
    return spans


def _wrap_runs(text: str, runs: list[tuple[int, int, int]], width: int, out: list, at: int) -> None:
    """Wrap a stretch of runs with no forced break; an empty one is a blank line at `at`."""
    if not runs:
        out.append((at, at))
        return
    if len(runs) == 1 and not runs[0][2] & SOFT:
        wrap_range(text, runs[0][0], runs[0][1], width, out)
        return
    # The visible text of the runs, wrapped, then mapped back onto the body.
    shown = "".join(" " if style & SOFT else text[lo:hi] for lo, hi, style in runs)
    at_shown: list[int] = []
    pos = 0
    for lo, hi, _ in runs:
        at_shown.append(pos)
        pos += hi - lo
    lines: list[tuple[int, int]] = []
    wrap_range(shown, 0, len(shown), width, lines)

    def body(v: int) -> int:
        k = bisect.bisect_right(at_shown, v) - 1
        return runs[k][0] + (v - at_shown[k])

    for vs, ve in lines:
        start = body(vs) if vs < len(shown) else runs[-1][1]
        out.append((start, body(ve - 1) + 1 if ve > vs else start))


def pieces(doc: Document, text: str, layout: Layout, i: int) -> list[Piece]:
    """What display line i draws."""
    b = layout.block[i]
    if b < 0:
        return []
    first, rest = doc.prefix_of(b)
    sub = layout.sub[i]
    out: list[Piece] = []
    lead = first if sub == 0 else rest
    if lead:
        out.append((lead, -1, MARK))
    kind = doc.kind[b]
    inner = max(4, layout.width - cell_len(first))
    if kind == RULE:
        out.append(("─" * inner, -1, MARK))
    elif kind == TABLE:
        grid = layout.grids.get(b)
        if grid is None:
            grid = layout.grids[b] = TableGrid(doc.tables[b], text, inner)
        out.extend(grid.line(sub))
    else:
        extra = HEAD if kind == HEADING else 0
        runs = doc.runs(b)
        start, end = layout.starts[i], layout.ends[i]
        r = max(runs.start, bisect.bisect_right(doc.run_lo, start, runs.start, runs.stop) - 1)
        while r < runs.stop and doc.run_lo[r] < end:
            lo, hi, style = max(doc.run_lo[r], start), min(doc.run_hi[r], end), doc.run_style[r]
            if lo < hi and not style & BREAK:
                out.append((" " if style & SOFT else text[lo:hi], lo, style | extra))
            r += 1
        if kind == CODE and not out:
            out.append(("", end, 0))
    return out


_BORDERS = {"top": ("┌", "┬", "┐"), "rule": ("├", "┼", "┤"), "bottom": ("└", "┴", "┘")}


class TableGrid:
    """A table's columns fitted to a width: at its natural width when it fits, else each
    column narrowed (the widest first) and its cells wrapped, so no text is ever cut."""

    def __init__(self, table: Table, text: str, inner: int) -> None:
        self.inner = inner
        self.text = text
        self.table = table
        columns = max((len(row.cells) for row in table.rows), default=0)
        natural = [1] * columns
        for row in table.rows:
            for c, cell in enumerate(row.cells):
                natural[c] = max(natural[c], _cells(cell.runs, text))
        self.widths = _fit(natural, inner - (3 * columns + 1))
        self.width = sum(self.widths) + 3 * columns + 1
        # Lines: ("top"|"rule"|"bottom", row) or ("row", row index, line of the row).
        self.rows: list[list[list[tuple[int, int]]]] = []  # per row, per cell: its line spans
        self.kinds: list[tuple[str, int, int]] = [("top", 0, 0)]
        self.spans: list[tuple[int, int]] = [(table.rows[0].lo, table.rows[0].lo)] if table.rows else []
        for n, row in enumerate(table.rows):
            cells = [_wrap_cell(cell.runs, text, self.widths[c]) for c, cell in enumerate(row.cells)]
            self.rows.append(cells)
            height = max((len(lines) for lines in cells), default=1)
            for k in range(height):
                self.kinds.append(("row", n, k))
                self.spans.append((row.lo, row.hi))
            if row.header and (n + 1 < len(table.rows) and not table.rows[n + 1].header):
                self.kinds.append(("rule", n, 0))
                self.spans.append((row.hi, row.hi))
        if table.rows:
            self.kinds.append(("bottom", 0, 0))
            self.spans.append((table.rows[-1].hi, table.rows[-1].hi))

    def line(self, k: int) -> list[Piece]:
        if k >= len(self.kinds):
            return []
        what, n, sub = self.kinds[k]
        if what != "row":
            left, mid, right = _BORDERS[what]
            return [(left + mid.join("─" * (w + 2) for w in self.widths) + right, -1, MARK)]
        row = self.table.rows[n]
        out: list[Piece] = [("│ ", -1, MARK)]
        for c, width in enumerate(self.widths):
            cell = row.cells[c] if c < len(row.cells) else None
            lines = self.rows[n][c] if c < len(self.rows[n]) else []
            drawn: list[Piece] = []
            if cell is not None and sub < len(lines):
                drawn = _run_pieces(cell.runs, self.text, *lines[sub])
            used = sum(cell_len(p[0]) for p in drawn)
            pad = max(0, width - used)
            align = self.table.aligns[c] if c < len(self.table.aligns) else "left"
            before = pad if align == "right" else pad // 2 if align == "center" else 0
            if before:
                out.append((" " * before, -1, 0))
            out.extend(drawn)
            out.append((" " * (pad - before), -1, 0))
            out.append((" │ " if c + 1 < len(self.widths) else " │", -1, MARK))
        return out


def _cells(runs: list[tuple[int, int, int]], text: str) -> int:
    return sum(1 if style & SOFT else cell_len(text[lo:hi]) for lo, hi, style in runs)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within room: narrow columns keep their width, the wide share the rest."""
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    order = sorted(range(len(natural)), key=lambda c: natural[c])
    left = max(room, 4 * len(natural))
    for placed, c in enumerate(order):
        share = max(4, left // (len(order) - placed))
        widths[c] = min(natural[c], share)
        left -= widths[c]
    return widths


def _wrap_cell(runs: list[tuple[int, int, int]], text: str, width: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if runs:
        _wrap_runs(text, list(runs), width, out, at=runs[0][0])
    return out


def _run_pieces(runs: list[tuple[int, int, int]], text: str, start: int, end: int) -> list[Piece]:
    out: list[Piece] = []
    for lo, hi, style in runs:
        a, z = max(lo, start), min(hi, end)
        if a < z:
            out.append((" " if style & SOFT else text[a:z], a, style))
    return out
