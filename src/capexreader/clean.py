"""Text hygiene: control characters, pinyin annotations, site boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .fold import fold
from .resources import load_data

# ANSI CSI, OSC (ended by BEL or ST) and other two-character escapes.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# C0/C1 controls except tab and newline, plus bidi overrides and zero-width no-break space.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_NEUTRAL = {"men", "me", "de", "le", "zi", "ma", "ne", "ba", "zhe", "ge", "li", "tou", "shang"}
# A CJK character followed by a parenthesised pinyin syllable: 關(guān) -> 關.
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\(([a-zü" + _TONED + r"]{1,6})\)")
_BLANKS = re.compile(r"\n{3,}")


@dataclass
class Cleaned:
    """The cleaned text and any metadata found in its header lines."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def strip_controls(text: str) -> str:
    """Remove ANSI/OSC escape sequences and control characters; normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)


def _pinyin_repl(match: re.Match[str]) -> str:
    syllable = match.group(1)
    if any(ch in _TONED for ch in syllable) or syllable in _NEUTRAL:
        return ""
    return match.group(0)


def remove_pinyin(text: str) -> str:
    """Drop pinyin annotations written inside words, e.g. 關(guān) -> 關."""
    return _PINYIN.sub(_pinyin_repl, text)


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_data("boilerplate")
    return {
        "drop": [re.compile(p) for p in data["drop_lines"]],
        "counter": [re.compile(p) for p in data["counter_before"]],
        "cut": [re.compile(p) for p in data["cut_from"]],
        "meta": {k: [re.compile(p) for p in ps] for k, ps in data["metadata"].items()},
    }


def _key(line: str) -> str:
    return fold(line.strip())


def remove_boilerplate(text: str, header_lines: int = 12) -> Cleaned:
    """Drop boilerplate lines and trailing sections; pick metadata out of header lines."""
    rules = _rules()
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    # Trailing sections: cut at a marker in the second half, again until none is left.
    cut = _find_cut(lines, keys, rules["cut"])
    while cut is not None:
        lines, keys = lines[:cut], keys[:cut]
        cut = _find_cut(lines, keys, rules["cut"])
    metadata: dict[str, str] = {}
    kept: list[str] = []
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if i < header_lines and _take_metadata(line.strip(), key, rules["meta"], metadata):
            continue
        if any(p.search(key) for p in rules["drop"]):
            continue
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if key.isdigit() and any(p.search(nxt) for p in rules["counter"]):
            continue
        kept.append(line.rstrip())
    body = _BLANKS.sub("\n\n", "\n".join(kept)).strip("\n")
    return Cleaned(body, metadata)


def _find_cut(lines: list[str], keys: list[str], patterns: list[re.Pattern]) -> int | None:
    half = sum(len(line) + 1 for line in lines) // 2
    pos = 0
    for i, key in enumerate(keys):
        if pos >= half and key and any(p.search(key) for p in patterns):
            return i
        pos += len(lines[i]) + 1
    return None


def _take_metadata(line: str, key: str, patterns: dict, metadata: dict[str, str]) -> bool:
    for name, pats in patterns.items():
        for pat in pats:
            m = pat.match(key)
            if m:
                # Groups index into the folded key; same offsets in the original line.
                start, end = m.span(m.lastindex or 0)
                metadata.setdefault(name, line[start:end].strip())
                return True
    return False


def clean_text(text: str) -> Cleaned:
    """The whole cleaning pipeline, applied to raw text and to article bodies alike."""
    text = remove_pinyin(strip_controls(text))
    return remove_boilerplate(text)
