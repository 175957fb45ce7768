"""Which currency a bare 元 is: the article's own conventions first, then where it comes from.

Taiwanese outlets write 元 for New Taiwan dollars; Hong Kong ones quote share prices in 元
(Hong Kong dollars) beside results in 人民幣; Simplified Chinese text keeps 元 as yuan.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .resources import load_data

YUAN = "元"  # the unit a figure carries until its currency is known
YEN_SIGN = "¥"  # yen in English text, yuan in Chinese
NAMED = {
    "人民币": "CNY",
    "港币": "HKD",
    "港元": "HKD",
    "新台币": "TWD",
    "台币": "TWD",
    "美元": "USD",
    "日元": "JPY",
    "日圆": "JPY",
    "欧元": "EUR",
}
# （人民幣，下同）, (單位：新台幣), (下同): matched on folded text.
_NAMES = "|".join(NAMED)
CONVENTION = re.compile(
    rf"[(（]\s*(?:以|单位\s*[:：]\s*(?:[亿万千百]+元?)?\s*)?(?P<cur>{_NAMES})?\s*(?:[亿万千百]*元)?"
    rf"\s*[,，、]?\s*(?P<same>下同)?\s*[)）]"
)
_SHARE_PRICE = re.compile(r"股价|收报|收市|收盘价|目标价|招股价|每股作价|每股|报价|股息")
_TW_WORDS = re.compile(r"新台币|台币|nt\$|台股|台湾|立法院|行政院|经济部|民国|柜买|证交所")
_HK_WORDS = re.compile(r"港元|港币|hk\$|港股|恒指|恒生|香港|港交所|特区政府")


def region(folded: str, language: str | None, source: str | None) -> str | None:
    """Where an article's bare 元 comes from: "tw", "hk", or None (yuan)."""
    if language != "zh-Hant":
        return None  # Simplified Chinese keeps 元 as yuan
    host = (urlsplit(source).hostname or "") if source and "//" in source else (source or "")
    host = host.lower()
    hosts = load_data("sources")
    for name in ("tw", "hk"):
        if host.endswith("." + name) or any(h in host for h in hosts[name]):
            return name
    tw, hk = len(_TW_WORDS.findall(folded)), len(_HK_WORDS.findall(folded))
    if hk > tw:
        return "hk"
    return "tw"  # Traditional script with no sign of Hong Kong: Taiwan's usage


def resolve(folded: str, spans: list[list], language: str | None, source: str | None) -> None:
    """Give each figure whose unit is a bare 元 its currency, in place. spans are
    [start, end, value, high, unit] in text order."""
    yen = "JPY" if language and language.startswith("en") else "CNY"
    for span in spans:
        if span[4] == YEN_SIGN:
            span[4] = yen
    if not any(s[4] == YUAN for s in spans):
        return
    marks = [m for m in CONVENTION.finditer(folded) if m.group("cur") or m.group("same")]
    place = region(folded, language, source)
    mainland = "人民币" in folded
    convention: str | None = None
    explicit: str | None = None  # the currency of the last figure that names one
    k = 0
    for span in spans:
        # a mark also covers the figure it follows: 80亿元（人民币，下同）
        while k < len(marks) and marks[k].start() <= span[1] + 2:
            cur = marks[k].group("cur")
            convention = (
                NAMED[cur]
                if cur
                # (下同): the currency of the figure before
                else (span[4] if marks[k].start() > span[0] and span[4] != YUAN else explicit)
            )
            k += 1
        if span[4] != YUAN:
            if span[4] in NAMED.values():
                explicit = span[4]
            continue
        share = place == "hk" and _SHARE_PRICE.search(folded, max(0, span[0] - 24), span[0])
        if share:  # a Hong Kong share price is in Hong Kong dollars, whatever 下同 said
            unit = "HKD"
        elif convention:
            unit = convention
        elif place == "tw":
            unit = "TWD"
        else:
            unit = "HKD" if place == "hk" and not mainland else "CNY"
        span[4] = unit
