"""Growth: the index and the reader at several corpus sizes, each figure beside a reference
measured in the same run.

python benchmarks/growth.py [--articles 1000,10000,100000] [--keep DIR]   (or run.py --articles)

For each size, a generated corpus (generate.py; kept in --keep DIR/N and reused when there)
and an empty cache:
- cold build: `capexreader search` with no index, against jieba's serial `cut_for_search` over
  the same bodies (goal <= 1.0);
- warm `search 泡沫 --limit 20 --format json`, as it comes (its change check stats the folders
  only, within a minute of a full scan that found the index in step, else it stats every file:
  the first warm run does, the median run does not) and with `--no-sync`: against the same
  command at the smallest size (goal at 100,000 within 1.5x) and against `rg -l 泡沫` over the
  same folder (goal: faster); `stat_all_s` is a bare scandir-and-stat pass over the folder, the
  cost of a full scan;
- the warm search's peak memory (goal <= 150 MB);
- the reader, warm: first frame against a bare Textual app (startup.py, goal <= 1.6x), its key
  timings (app_bench.py, first update within 100 ms) and peak memory (goal <= 400 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import startup  # noqa: E402
from generate import generate  # noqa: E402
from search_bench import JIEBA_SERIAL  # noqa: E402

RUNS = 5
QUERY = "泡沫"


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak resident MB of the process and the children it waited for)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read()[-2000:].decode()}")
    return elapsed, usage.ru_maxrss / 1024


def stat_all(root: Path) -> None:
    stack = [str(root)]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir():
                stack.append(entry.path)
            else:
                entry.stat()


def median_time(fn, runs: int = RUNS) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(corpus: Path, runs: int = RUNS, app: bool = True) -> dict:
    cache = tempfile.mkdtemp(prefix="cxr-growth-")
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": cache}
    py = sys.executable
    out = subprocess.run(
        [py, "-c", JIEBA_SERIAL, str(corpus)], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    report: dict = {"characters": int(out[1]), "jieba_serial_cut_for_search_s": round(float(out[0]), 2)}
    search = [py, "-m", "capexreader", "search", QUERY, "--content", str(corpus), "--limit", "20"]
    search += ["--format", "json"]
    cold, cold_mb = run_measured(search, env)
    report["cold_build_s"] = round(cold, 2)
    report["cold_build_ratio"] = round(cold / float(out[0]), 3)
    report["cold_build_peak_mb"] = round(cold_mb, 1)
    for name, cmd in (("warm_search", search), ("warm_search_no_sync", [*search, "--no-sync"])):
        times, peaks = [], []
        for _ in range(runs):
            seconds, mb = run_measured(cmd, env)
            times.append(seconds)
            peaks.append(mb)
        report[f"{name}_s"] = round(statistics.median(times), 4)
        report[f"{name}_peak_mb"] = round(max(peaks), 1)
    rg = shutil.which("rg")
    if rg:
        report["rg_l_s"] = round(
            median_time(lambda: subprocess.run([rg, "-l", QUERY, str(corpus)], stdout=subprocess.DEVNULL)), 4
        )
        report["warm_search_vs_rg"] = round(report["warm_search_s"] / report["rg_l_s"], 3)
        report["warm_search_no_sync_vs_rg"] = round(report["warm_search_no_sync_s"] / report["rg_l_s"], 3)
    report["stat_all_s"] = round(median_time(lambda: stat_all(corpus)), 4)
    if app:
        first = startup.measure(runs=max(3, runs - 2), content=str(corpus), cache=cache)
        report["app_first_frame_ratio"] = first["first_frame_ratio"]
        report["app_titles_s"] = first["titles_s"]
        bench = subprocess.run(
            [py, str(HERE / "app_bench.py"), "--corpus", str(corpus), "--cache", cache],
            capture_output=True,
            text=True,
        )
        if bench.returncode:
            raise RuntimeError(f"app_bench.py failed:\n{bench.stderr[-2000:]}")
        keys = json.loads(bench.stdout)
        report["app_keys_paint_ms"] = {
            k.removesuffix("_paint_ms"): keys[k] for k in keys if k.endswith("_paint_ms")
        }
        report["app_peak_mb"] = keys["peak_rss_mb"]
    shutil.rmtree(cache, ignore_errors=True)
    return report


def goals(sizes: dict[int, dict]) -> dict:
    """Each goal of the issue against what was measured: (value, goal, met)."""
    small, large = min(sizes), max(sizes)
    top = sizes[large]
    checks: dict[str, list] = {}

    def check(name: str, value: float, limit: float, below: bool = True) -> None:
        checks[name] = [value, limit, value <= limit if below else value >= limit]

    check("cold_build_ratio", top["cold_build_ratio"], 1.0)
    for name in ("warm_search", "warm_search_no_sync"):
        growth = top[f"{name}_s"] / sizes[small][f"{name}_s"]
        check(f"{name}_growth_{small}_to_{large}", round(growth, 3), 1.5)
        if f"{name}_vs_rg" in top:
            check(f"{name}_vs_rg", top[f"{name}_vs_rg"], 1.0)
        check(f"{name}_peak_mb", top[f"{name}_peak_mb"], 150)
    if "app_peak_mb" in top:
        check("app_first_frame_ratio", top["app_first_frame_ratio"], 1.6)
        check("app_worst_first_update_ms", max(top["app_keys_paint_ms"].values()), 100)
        check("app_peak_mb", top["app_peak_mb"], 400)
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="1000,10000,100000", help="sizes, comma-separated")
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the corpora here")
    parser.add_argument("--no-app", action="store_true", help="the index only")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    print(json.dumps(run(args.articles, args.keep, not args.no_app, args.runs), indent=2))


def run(articles: str, keep: Path | None = None, app: bool = True, runs: int = RUNS) -> dict:
    base = keep or Path(tempfile.mkdtemp(prefix="cxr-growth-corpora-"))
    sizes: dict[int, dict] = {}
    for n in sorted(int(x) for x in articles.split(",")):
        corpus = base / str(n)
        if not corpus.exists():
            generate(corpus, n)
        sizes[n] = measure(corpus, runs, app)
        print(f"growth: {n} articles measured", file=sys.stderr)
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return {"sizes": sizes, "goals": goals(sizes)}


if __name__ == "__main__":
    main()
