"""Make N synthetic articles from the bundled ones: ~1,500 characters each, mixed zh, zh-Hant
and en, figures varied. Deterministic for a given seed.

python benchmarks/generate.py OUT_DIR [--count 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from capexreader.corpus import load_corpus  # noqa: E402
from capexreader.paths import bundled_content  # noqa: E402

SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]+|[^.\n]+\.(?=\s)")
LANGS = ("zh", "zh-Hant", "en")
SIZE = 1500


def sentence_pools() -> dict[str, list[str]]:
    import opencc

    s2t = opencc.OpenCC("s2t")
    pools: dict[str, list[str]] = {"zh": [], "zh-Hant": [], "en": []}
    for article in load_corpus(bundled_content()).articles:
        for m in SENTENCE.finditer(article.body):
            text = m.group(0).strip()
            if len(text) < 8:
                continue
            lang = "en" if text.isascii() else ("zh-Hant" if article.language == "zh-Hant" else "zh")
            pools[lang].append(text)
    pools["zh-Hant"].extend(s2t.convert(t) for t in pools["zh"])
    return pools


def vary_numbers(text: str, rng: random.Random) -> str:
    """Change the figures so that they differ between articles (years stay years)."""

    def swap(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(rng.choice((2023, 2024, 2025, 2026)))
        return str(max(1, int(int(digits) * rng.uniform(0.5, 1.5))))

    return re.sub(r"\d+", swap, text)


def make_article(pools: dict[str, list[str]], rng: random.Random, n: int) -> str:
    lang = LANGS[n % 3]
    pool = pools[lang]
    parts: list[str] = []
    size = 0
    while size < SIZE:
        sentence = vary_numbers(rng.choice(pool), rng)
        parts.append(sentence)
        size += len(sentence)
    sep = " " if lang == "en" else ""
    paragraphs = [sep.join(parts[i : i + 4]) for i in range(0, len(parts), 4)]
    title = parts[0][:60].replace('"', "'")
    date = f"20{rng.choice((24, 25, 26))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    front = f'---\ntitle: "{title}"\ndate: {date}\nlanguage: {lang}\nsource: synthetic\n---\n\n'
    return front + "\n\n".join(paragraphs) + "\n"


def generate(out: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    pools = sentence_pools()
    for n in range(count):
        folder = out / f"batch{n // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{n:05d}.md").write_text(make_article(pools, rng, n), "utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)
    chars = sum(len(p.read_text("utf-8")) for p in args.out.rglob("*.md"))
    print(f"{args.count} articles, {chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
