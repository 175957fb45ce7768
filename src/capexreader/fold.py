"""Script and case folding that never shifts offsets: one character in, one character out."""

from __future__ import annotations

from functools import lru_cache

_converter = None


def _t2s():
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter


# Small and wave forms that full-width text uses as decimal points, commas and range marks.
_MARKS = {"﹒": ".", "﹐": ",", "﹑": "、", "〜": "~", "﹪": "%"}


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character: Traditional to Simplified, upper to lower case, full-width to ASCII."""
    ch = _MARKS.get(ch, ch)
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
        ch = chr(code - 0xFEE0)
        code = ord(ch)
    if code < 0x3000:
        low = ch.lower()
        return low if len(low) == 1 else ch
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F:
        out = _t2s().convert(ch)
        return out if len(out) == 1 else ch
    return ch


class _Table(dict[int, str]):
    """The translation table, filled as str.translate meets new characters (no pass over the
    text beforehand to find them)."""

    def __missing__(self, code: int) -> str:
        out = self[code] = fold_char(chr(code))
        return out


_table = _Table()
CHUNK = 1 << 16  # long texts fold in pieces: a thread between pieces lets the UI run


def fold(text: str) -> str:
    """Fold a whole text; ``len(fold(t)) == len(t)`` always holds."""
    if len(text) > CHUNK:
        return "".join(fold(text[i : i + CHUNK]) for i in range(0, len(text), CHUNK))
    if text.isascii():
        return text.lower()
    return text.translate(_table)
