"""Import speed: a folder of 50 saved pages (Chinese and English, navigation, ads and footers
around the text, some in GBK) through `capexreader import`, in pages a second; beside it, in the
same run, trafilatura's own extraction of the same pages (the floor: what import adds is the
writing and the checks).

python benchmarks/import_bench.py [--pages 50]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pages import EN_PARAGRAPHS, ZH_PARAGRAPHS, page  # noqa: E402

EXTRACT = """
import sys, time
from pathlib import Path
import trafilatura
files = sorted(Path(sys.argv[1]).glob("*.htm*"))
start = time.perf_counter()
for f in files:
    trafilatura.bare_extraction(f.read_bytes(), with_metadata=True)
print(time.perf_counter() - start)
"""


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        if n % 2:
            html = page(f"Meta capex story {n}", [f"{p} (part {n})" for p in EN_PARAGRAPHS * 3])
            (folder / f"p{n:03}.html").write_text(html, "utf-8")
        else:
            html = page(f"资本开支报道第{n}篇", [f"{p}（第{n}段）" for p in ZH_PARAGRAPHS * 3], charset="gbk")
            (folder / f"p{n:03}.htm").write_bytes(html.encode("gbk"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cxr-import-"))
    write_pages(work / "saved", args.pages)
    env = {**os.environ, "CAPEXREADER_DATA_DIR": str(work / "data"), "CAPEXREADER_CONFIG_DIR": str(work)}
    py = sys.executable
    floor = float(
        subprocess.run(
            [py, "-c", EXTRACT, str(work / "saved")], capture_output=True, text=True, check=True, env=env
        ).stdout
    )
    start = time.perf_counter()
    done = subprocess.run(
        [
            py,
            "-m",
            "capexreader",
            "import",
            str(work / "saved"),
            "--into",
            str(work / "lib"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    statuses = [o["status"] for o in json.loads(done.stdout)] if done.stdout else []
    print(
        json.dumps(
            {
                "pages": args.pages,
                "imported": statuses.count("imported"),
                "import_s": round(elapsed, 3),
                "pages_per_s": round(args.pages / elapsed, 1),
                "trafilatura_extract_s": round(floor, 3),
                "import_vs_extract": round(elapsed / floor, 2),
                "goal_pages_per_s": 10,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
