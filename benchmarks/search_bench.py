"""Search at scale, each figure beside a reference measured in the same run.

python benchmarks/search_bench.py [--corpus DIR] [--count 10000]

- cold build: `capexreader search` with an empty cache, against jieba's serial
  cut_for_search over the same article bodies;
- warm search: `capexreader search` with the cache in place, against
  `python -c "import jieba; jieba.initialize()"`;
- in-process queries: p95 over a mix of queries, hits built for the first 20 results (as the
  app does);
- peak memory: the largest resident set of the build's processes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = [
    "泡沫",
    "Jevons",
    "資本支出",
    "微软",
    "AI 泡沫",
    "capex",
    "bubble",
    "亚马逊 资本支出",
    '"data center"',
    "龐氏騙局",
    "Microsoft capex",
    "算力",
    "OpenAI",
    "英伟达",
    "投资 回报",
]

JIEBA_SERIAL = """
import sys, time, logging
from capexreader.corpus import load_corpus
import jieba
jieba.setLogLevel(logging.CRITICAL)
jieba.initialize()
bodies = [a.body for a in load_corpus(sys.argv[1]).articles]
start = time.perf_counter()
for body in bodies:
    for _ in jieba.cut_for_search(body):
        pass
print(time.perf_counter() - start, sum(map(len, bodies)))
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(corpus: Path, runs: int = 5) -> dict:
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": tempfile.mkdtemp(prefix="cxr-bench-")}
    py = sys.executable
    out = subprocess.run(
        [py, "-c", JIEBA_SERIAL, str(corpus)], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    jieba_serial, chars = float(out[0]), int(out[1])
    search = [py, "-m", "capexreader", "search", "泡沫", "--content", str(corpus), "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cold = timed(search, env)
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    warm, init = [], []
    for _ in range(runs):
        warm.append(timed(search, env))
        init.append(timed([py, "-c", "import jieba; jieba.initialize()"], env))
    # In-process queries on the warm index.
    os.environ["CAPEXREADER_CACHE_DIR"] = env["CAPEXREADER_CACHE_DIR"]
    from capexreader.indexer import open_index

    index, _ = open_index(corpus)
    times = []
    for _ in range(5):
        for q in QUERIES:
            start = time.perf_counter()
            index.search(q, hit_limit=20)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return {
        "articles": len(index),
        "characters": chars,
        "cold_build_s": round(cold, 2),
        "jieba_serial_cut_for_search_s": round(jieba_serial, 2),
        "cold_build_ratio": round(cold / jieba_serial, 3),
        "warm_search_s": round(statistics.median(warm), 3),
        "jieba_initialize_s": round(statistics.median(init), 3),
        "warm_search_ratio": round(statistics.median(warm) / statistics.median(init), 3),
        "query_p95_ms": round(p95, 2),
        "query_median_ms": round(statistics.median(times), 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "cache_dir": env["CAPEXREADER_CACHE_DIR"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--count", type=int, default=10000)
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None or not corpus.exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        corpus = generate(corpus or Path(tempfile.mkdtemp(prefix="cxr-corpus-")), args.count)
    result = measure(corpus)
    result.pop("cache_dir")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
