"""Engines on hostile shapes: time per character at two sizes, beside jieba on the same text.

python benchmarks/worst_case.py [--small 100000] [--large 2000000] [--list]

For each shape (one long line with no full stop, a Markdown table of many rows, a text dense
with figures, thousands of company names, dense inline Markdown, ordinary prose) it times
figure extraction (with attribution), stance, paragraph leanings and the reader's layout
(Markdown parsed, wrapped to 100 cells) at both sizes and jieba's cut_for_search over the
same text. Linear time shows as growth (large per character / small per character) near 1; the
goal is growth <= 1.5 for every engine and shape. Beside the 5 x goal it gives the floor of any
figure engine written in Python: the share of the goal's time budget (a fifth of jieba's) that
finding every number and making a bare Figure for each takes, before units, currency and
attribution; and the share that the figure patterns alone take. With --list it also times a cold
`capexreader list` of a folder holding a 2.5 MB single line and a 16 MB article (goal: 40 s),
beside jieba's own segmentation of the same text in one process, timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHAPES = {
    "long_line": "微软投入800亿美元建设数据中心 Meta spends $60-65 billion on capex 增长30% 而 ",
    "table": "| Microsoft | capex | $80.5B | -8.50% | 2025 |\n",
    "dense_figures": "120亿、85亿和60亿美元，41.2%、63.5%和70%，$2trn-$4trn；",
    "company_names": "微软、谷歌、亚马逊、Meta、甲骨文、英伟达、OpenAI、软银、台积电、Oracle and Nvidia, ",
    "markup": "**微软** 投入 [800亿美元](https://x.example/a) *用于* `capex` 与 ![图](i.png) [未闭合 **加粗 ",
    "prose": (
        "Microsoft said its capital expenditure would reach $80 billion in fiscal 2025. "
        "其营收增长12%，该公司预计明年投入将超过千亿元。Analysts expect more. "
    ),
}


def text_of(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def timed(fn, text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def measure(small: int, large: int) -> dict:
    from capexreader.figures import extract_figures
    from capexreader.layout import layout_text
    from capexreader.segment import tokenizer
    from capexreader.stance import paragraph_leanings, score_stance

    jieba = tokenizer()
    list(jieba.cut_for_search("预热"))
    extract_figures("预热 5%")
    engines = {
        "figures": extract_figures,
        "stance": score_stance,
        "leanings": paragraph_leanings,
        "layout": lambda t: layout_text(t, 100),  # the reader's Markdown, laid out
        "jieba": lambda t: list(jieba.cut_for_search(t)),
    }
    report: dict = {}
    for shape, unit in SHAPES.items():
        row: dict = {}
        for name, fn in engines.items():
            per_char = {}
            for size in (small, large):
                per_char[size] = timed(fn, text_of(unit, size)) / size
            row[name] = {
                "us_per_char_small": round(per_char[small] * 1e6, 3),
                "us_per_char_large": round(per_char[large] * 1e6, 3),
                "growth": round(per_char[large] / per_char[small], 2),
            }
        row["figures_vs_jieba_large"] = round(
            row["jieba"]["us_per_char_large"] / row["figures"]["us_per_char_large"], 2
        )
        budget = row["jieba"]["us_per_char_large"] / 5 * large / 1e6
        row["floor_share_of_budget"] = round(_floor(text_of(unit, large)) / budget, 2)
        row["patterns_share_of_budget"] = round(_patterns(text_of(unit, large)) / budget, 2)
        report[shape] = row
        print(shape, json.dumps(row), file=sys.stderr, flush=True)
    return report


def _floor(text: str) -> float:
    """Seconds to find every number in text and make a bare Figure of each: what any figure
    engine in Python pays before it reads a unit or a company."""
    from capexreader.figures import Figure

    start = time.perf_counter()
    [Figure(m.group(), m.start(), m.end(), float(m.group()), None, "") for m in _NUMBER.finditer(text)]
    return time.perf_counter() - start


def _patterns(text: str) -> float:
    """Seconds the figure patterns alone take over text (folded first, untimed): the part
    before currency conventions and attribution."""
    from capexreader.figures import _scan, mask_text
    from capexreader.fold import fold

    folded = mask_text(fold(text))
    start = time.perf_counter()
    _scan(folded)
    return time.perf_counter() - start


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def cold_list() -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from big_article import make_folder

    folder = make_folder(16)
    cache = tempfile.mkdtemp(prefix="cxr-cache-")
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": cache}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "capexreader", "list", "--content", str(folder), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - start
    jieba = _jieba_over(folder)
    return {
        "seconds": round(took, 1),
        "exit": done.returncode,
        "goal_s": 40,
        "articles": len(json.loads(done.stdout)) if done.returncode == 0 else None,
        "jieba_serial_s": round(jieba, 1),
        "vs_jieba_serial": round(took / jieba, 2),
    }


def _jieba_over(folder: Path) -> float:
    """The reference, in the same run: jieba's own cut_for_search over the same files' text,
    one after the other in one process."""
    from capexreader.segment import tokenizer

    jieba = tokenizer()
    list(jieba.cut_for_search("预热"))
    took = 0.0
    for path in sorted(folder.iterdir()):
        text = path.read_text("utf-8")
        start = time.perf_counter()
        for _ in jieba.cut_for_search(text):
            pass
        took += time.perf_counter() - start
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=2_000_000)
    parser.add_argument("--list", action="store_true", help="also time a cold list of big files")
    args = parser.parse_args()
    report = {"shapes": measure(args.small, args.large)}
    if args.list:
        report["cold_list_16mb_and_line"] = cold_list()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
