"""Turn the bytes of a file into text, guessing among the encodings Chinese web text uses."""

from __future__ import annotations

import codecs
import re

_FALLBACKS = ("utf-8", "gb18030", "big5")


class NotText(ValueError):
    """The bytes are not text in any encoding we know."""


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5; else raise NotText."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise NotText("binary data (NUL bytes)")
    for encoding in _FALLBACKS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise NotText("not valid UTF-8, GB18030 or Big5 text")


_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    return len(_BAD.findall(sample)) / len(sample) < 0.02
