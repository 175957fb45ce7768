"""Run every benchmark and print one JSON object, each figure beside its same-run reference.

python benchmarks/run.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import figures_speed  # noqa: E402
import startup  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    seeds = ROOT.parent / "shared" / "seeds"
    content = seeds if seeds.is_dir() else ROOT / "content"
    report = {
        "startup_bundled": startup.measure(runs=3 if args.quick else 9),
        "figures_vs_jieba": figures_speed.measure(content, repeat=5 if args.quick else 20),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
