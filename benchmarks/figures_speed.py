"""Figure extraction against jieba's cut_for_search over the same text, in one run.

python benchmarks/figures_speed.py [--content DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def measure(content: Path, repeat: int = 20) -> dict:
    from capexreader.corpus import load_corpus
    from capexreader.figures import extract_figures
    from capexreader.segment import tokenizer

    texts = [a.body for a in load_corpus(content).articles]
    chars = sum(map(len, texts))
    jieba = tokenizer()  # initialised outside the timing
    list(jieba.cut_for_search(texts[0]))
    extract_figures(texts[0])  # data files loaded outside the timing

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(repeat):
                for text in texts:
                    fn(text)
            best = min(best, time.perf_counter() - start)
        return best

    t_jieba = timed(lambda t: list(jieba.cut_for_search(t)))
    t_fig = timed(extract_figures)
    return {
        "characters": chars * repeat,
        "jieba_cut_for_search_s": round(t_jieba, 4),
        "extract_figures_s": round(t_fig, 4),
        "speedup_vs_jieba": round(t_jieba / t_fig, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--content", type=Path, default=root.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(measure(args.content, args.repeat), indent=2))


if __name__ == "__main__":
    main()
