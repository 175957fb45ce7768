"""Wrapping text into terminal lines by cell width: CJK breaks anywhere, Latin at spaces."""

from __future__ import annotations

from functools import lru_cache

from rich.cells import get_character_cell_size

# Line breaking after the Unicode rules' main cases, with the CJK conventions: a line breaks
# after a space, or beside a CJK character; never inside a Latin word or a number, nor between a
# number and its unit (800亿美元, 30%), nor before closing or after opening punctuation.
_NO_START = set("，。、；：！？）」』”’》〉】〕…—～,.;:!?)]}%％")
_NO_END = set("（「『“‘《〈【〔([{$¥￥")
_UNIT_AFTER_DIGIT = set("万亿千百兆元美港日欧倍年月日%％个多余")
_UNIT_PAIRS = {("万", "亿"), ("亿", "美"), ("万", "美"), ("亿", "元"), ("万", "元"), ("千", "亿")}
_UNIT_PAIRS |= {(a, "元") for a in "美港日欧台"}


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
        wrap_range(text, pos, pos + len(para), width, lines)
        pos += len(para) + 1
    return lines


def can_break(text: str, p: int) -> bool:
    """Whether a line may break between text[p - 1] and text[p]."""
    a, b = text[p - 1], text[p]
    if b in _NO_START or a in _NO_END or b == " ":
        return False
    if a == " ":
        return True
    if not (_breaks_anywhere(a) or _breaks_anywhere(b)):
        return False  # inside a Latin word or a number
    if a.isdigit() and b in _UNIT_AFTER_DIGIT:
        return False
    return (a, b) not in _UNIT_PAIRS


def _fallback(text: str, line_start: int, i: int) -> int:
    """Where a line with no proper break must break: inside a unit (亿 / 美元) rather than
    before closing punctuation; else at i (a word longer than the line), or one character
    earlier to keep closing punctuation with what it closes."""
    for p in range(i - 1, line_start, -1):
        a, b = text[p - 1], text[p]
        if b not in _NO_START and a not in _NO_END and (_breaks_anywhere(a) or _breaks_anywhere(b)):
            if not a.isdigit():
                return p
    if text[i] in _NO_START and text[i - 1] not in _NO_START and i - 1 > line_start:
        return i - 1
    return i


def wrap_range(text: str, start: int, end: int, width: int, out: list) -> None:
    if start == end:
        out.append((start, start))
        return
    if end - start <= width and text[start:end].isascii():
        out.append((start, end))
        return
    line_start, used, brk = start, 0, -1  # brk: the last place in this line it may break
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
            cut = i if can_break(text, i) else (brk if brk > line_start else _fallback(text, line_start, i))
            out.append((line_start, cut))
            line_start = cut
            while line_start < i and text[line_start] == " ":
                line_start += 1
            used = sum(char_width(c) for c in text[line_start:i])
            brk = max((p for p in range(line_start + 1, i) if can_break(text, p)), default=-1)
            continue
        if i > line_start and can_break(text, i):
            brk = i
        used += w
        i += 1
    out.append((line_start, end))
