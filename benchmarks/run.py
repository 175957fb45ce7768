"""Run every benchmark and print one JSON object, each figure beside its same-run reference.

python benchmarks/run.py [--quick] [--count 10000] [--corpus DIR]
python benchmarks/run.py --articles 1000,10000,100000 [--keep DIR]

Makes a synthetic corpus (generate.py) unless --corpus names one, builds its index cold,
then measures warm search, the app's start and responsiveness on it, and the bundled corpus's
start. Takes a few minutes with 10,000 articles. With --articles, the growth instead
(growth.py): each size side by side, with the issue's goals checked.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import figures_speed  # noqa: E402
import growth  # noqa: E402
import search_bench  # noqa: E402
import startup  # noqa: E402
from generate import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--articles", help="sizes for the growth, comma-separated: 1000,10000,100000")
    parser.add_argument("--keep", type=Path, default=None, help="with --articles: keep the corpora here")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    if args.articles:
        report = growth.run(args.articles, args.keep, runs=3 if args.quick else growth.RUNS)
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    seeds = ROOT.parent / "shared" / "seeds"
    corpus = args.corpus
    if corpus is None or not corpus.exists():
        corpus = generate(corpus or Path(tempfile.mkdtemp(prefix="cxr-corpus-")), args.count)
    report: dict = {
        "startup_bundled": startup.measure(runs=runs),
        "figures_vs_jieba": figures_speed.measure(
            seeds if seeds.is_dir() else ROOT / "content", repeat=5 if args.quick else 20
        ),
    }
    search = search_bench.measure(corpus, runs=3 if args.quick else 5)
    report["search_large"] = search
    cache = search.pop("cache_dir")
    report["startup_large_warm"] = startup.measure(runs=runs, content=str(corpus), cache=cache)
    app = subprocess.run(
        [sys.executable, str(HERE / "app_bench.py"), "--corpus", str(corpus), "--cache", cache],
        capture_output=True,
        text=True,
    )
    if app.returncode:
        sys.exit(f"app_bench.py failed:\n{app.stderr}")
    report["app_large_warm"] = json.loads(app.stdout)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
