"""Wrapping text into terminal lines by cell width: CJK breaks anywhere, Latin at spaces."""

from __future__ import annotations

from array import array
from functools import lru_cache

from rich.cells import get_character_cell_size

# Characters a line should not start with (CJK closing punctuation).
_NO_START = set("，。、；：！？）」』”’》〉】,.;:!?)")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    return get_character_cell_size(ch)


def _breaks_anywhere(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets of each display line; every paragraph starts a new line."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        _wrap_paragraph(text, pos, pos + len(para), width, lines)
        pos += len(para) + 1
    return lines


def wrap_arrays(text: str, width: int) -> tuple[array, array]:
    """wrap_lines as two packed arrays (starts, ends): compact, and cheap to pass around."""
    lines = wrap_lines(text, width)
    return array("q", [s for s, _ in lines]), array("q", [e for _, e in lines])


def _wrap_paragraph(text: str, start: int, end: int, width: int, out: list) -> None:
    if start == end:
        out.append((start, start))
        return
    if end - start <= width and text[start:end].isascii():
        out.append((start, end))
        return
    line_start, used, brk = start, 0, -1
    i = start
    while i < end:
        ch = text[i]
        w = char_width(ch)
        if used + w > width and i > line_start:
            if ch == " ":
                out.append((line_start, i))
                line_start, used, brk = i + 1, 0, -1
                i += 1
                continue
            cut = brk if brk > line_start and not _breaks_anywhere(ch) else i
            if ch in _NO_START and cut == i and i - 1 > line_start:
                cut = i - 1  # keep the punctuation with the character before it
            out.append((line_start, cut))
            line_start = cut
            while line_start < i and text[line_start] == " ":
                line_start += 1
            used = sum(char_width(c) for c in text[line_start:i])
            brk = -1
            continue
        used += w
        if ch == " ":
            brk = i + 1
        elif _breaks_anywhere(ch):
            brk = i + 1
        i += 1
    out.append((line_start, end))
