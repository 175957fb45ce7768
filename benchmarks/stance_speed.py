"""Stance scoring over generated articles, beside jieba's cut_for_search over the same text.

python benchmarks/stance_speed.py [--count 2000]

The articles come from generate.py (the same generator as the 10,000-article corpus of
run.py), so the ratio can be compared from one version of the code to the next.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def measure(count: int = 2000) -> dict:
    from generate import generate

    from capexreader.corpus import load_corpus
    from capexreader.segment import tokenizer
    from capexreader.stance import score_stance

    folder = generate(Path(tempfile.mkdtemp(prefix="cxr-stance-")), count)
    texts = [(a.body, a.title) for a in load_corpus(folder).articles]
    jieba = tokenizer()
    list(jieba.cut_for_search(texts[0][0]))
    score_stance(texts[0][0])
    start = time.perf_counter()
    for body, title in texts:
        score_stance(body, title=title)
    t_stance = time.perf_counter() - start
    start = time.perf_counter()
    for body, _ in texts:
        list(jieba.cut_for_search(body))
    t_jieba = time.perf_counter() - start
    return {
        "articles": len(texts),
        "characters": sum(len(b) for b, _ in texts),
        "stance_s": round(t_stance, 3),
        "jieba_cut_for_search_s": round(t_jieba, 3),
        "stance_vs_jieba": round(t_stance / t_jieba, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    print(json.dumps(measure(parser.parse_args().count), indent=2))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
