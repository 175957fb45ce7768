"""Reading numbers written with digits or with Chinese numerals."""

from __future__ import annotations

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "[零〇一二两三四五六七八九十百千]+"


def parse_number(text: str) -> float:
    """1,234.5 -> 1234.5"""
    return float(text.replace(",", ""))


def parse_cn_number(text: str | None) -> float | None:
    """Digits or Chinese numerals below ten thousand: 三 -> 3, 二十五 -> 25, 1.5 -> 1.5."""
    if not text:
        return None
    if text[0].isdigit():
        try:
            return parse_number(text)
        except ValueError:
            return None
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:  # 二〇二五 style: digit by digit
                return _digit_string(text)
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _digit_string(text: str) -> float | None:
    if all(ch in CN_DIGITS for ch in text):
        return float("".join(str(CN_DIGITS[ch]) for ch in text))
    return None
