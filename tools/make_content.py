"""Make content/articles/ from the raw seeds: clean (never reword) and add front matter.

usage: python tools/make_content.py SEEDS_DIR

Metadata comes from the text of each seed (its headline, byline, date line, sign-off); the
header lines that carried it are dropped from the body. Nothing else is edited by hand.
"""

import sys
from pathlib import Path

import yaml

from capexreader.clean import clean_text

OUT = Path(__file__).resolve().parent.parent / "content" / "articles"

# seed stem -> (slug, metadata, header lines of the cleaned text that hold only metadata)
SEEDS = {
    "000_8140111d7c79342f": (
        "huxiu-ai-investment-last-industrial-revolution",
        {
            "title": "美国AI投资新高潮,是最后引领工业革命的机会吗",
            "date": "2025-08-03",
            "source": "Hu Xiu",
            "language": "en",
            "tags": ["capex", "GDP", "tokens"],
        },
        3,
    ),
    "001_0988a1f2d82e965d": (
        "ainews-big-tech-320b-ai-spend",
        {
            "title": "Big tech’s $320B AI spend defies efficiency race",
            "date": "2025-02-12",
            "source": "AI News",
            "language": "mixed",
            "tags": ["capex", "Jevons", "DeepSeek"],
        },
        2,
    ),
    "002_4deaa4e24bdb6c76": (
        "netease-us-ai-bubble-ponzi",
        {
            "title": "為何AI這項被世界公認代表未來方向的科技創新,在美國的表現卻好像是用概念圈錢的龐氏騙局?",
            "source": "網易號 (NetEase Hao)",
            "language": "zh-Hant",
            "tags": ["bubble", "泡沫"],
        },
        0,
    ),
    "003_83f490df435fba61": (
        "tmtpost-ai-investment-700b",
        {
            "title": "AI投资狂潮席卷全球:中美巨头砸7000亿美金,芯片人才告急,消费电子涨价在即",
            "date": "2026-02-10",
            "source": "钛媒体APP",
            "author": "AGI-Signal",
            "language": "zh",
            "tags": ["capex", "chips", "labour"],
        },
        1,
    ),
    "004_7086a8affeac1dc1": (
        "wechat-microsoft-80b-golden-opportunity",
        {
            "title": "谁也不敢错过AI风口，微软宣布：2025年再投800亿给人工智能！这盘棋怎么下？",
            "date": "2025-01-04",
            "source": "mp.weixin.qq.com (AI深度研究员)",
            "author": "AI深度研究员",
            "language": "zh",
            "tags": ["Microsoft", "capex", "policy"],
        },
        2,
    ),
}


def main() -> None:
    seeds = Path(sys.argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, (slug, meta, drop) in SEEDS.items():
        raw = (seeds / f"{stem}.txt").read_text("utf-8")
        lines = clean_text(raw).text.split("\n")
        body = "\n".join(lines[drop:]).strip("\n")
        front = {**meta, "seed": f"{stem}.txt"}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
        (OUT / f"{slug}.md").write_text(text + body + "\n", "utf-8")
        print(f"{slug}.md: {len(body)} characters")


if __name__ == "__main__":
    main()
