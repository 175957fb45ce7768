"""Launch to first frame: capexreader against a bare Textual app, in a real pty, same run.

python benchmarks/startup.py [--runs N] [--content DIR]

Each app runs in a pseudo-terminal of 160x45; the clock stops when the pty shows the
variant's marker: the bare app's text or capexreader's pane titles (first frame), or the list's
"N of N" counter, drawn once the titles are in (titles). The process is then killed.
Runs alternate between the variants; medians are reported with their ratio to the bare app.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("bare-app-ready"); yield Footer()
Bare().run()
"""
READER = """
import sys
from capexreader.ui.app import CapexReaderApp
CapexReaderApp(sys.argv[1] if len(sys.argv) > 1 else None).run()
"""
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")


def run_in_pty(code: str, args: list[str], env: dict[str, str], marker: bytes) -> float:
    """Seconds from launch until marker shows on the pty."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen, elapsed = b"", None
    pattern = re.compile(marker)
    while elapsed is None:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        seen += data
        if pattern.search(ANSI.sub(b"", seen)):
            elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    os.close(master)
    if elapsed is None:
        raise RuntimeError(f"marker {marker!r} never appeared")
    return elapsed


def measure(runs: int = 7, content: str | None = None, cache: str | None = None) -> dict:
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env["CAPEXREADER_CACHE_DIR"] = cache or tempfile.mkdtemp(prefix="capexreader-bench-")
    # Bytecode is cached as on an ordinary install (pip compiles on install): where writing it
    # is turned off, our modules would be compiled afresh on every start, which the bare app
    # (Textual's modules, compiled when installed) never pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = [content] if content else []
    variants = {
        "bare": (BARE, [], rb"bare-app-ready"),
        "first_frame": (READER, args, rb"Articles"),
        "titles": (READER, args, rb"\d+ of \d+"),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for code, a, marker in variants.values():  # warm the OS file cache once
        run_in_pty(code, a, env, marker)
    for _ in range(runs):
        for name, (code, a, marker) in variants.items():
            times[name].append(run_in_pty(code, a, env, marker))
    bare = statistics.median(times["bare"])
    out = {"runs": runs, "bare_app_s": round(bare, 4)}
    for name in ("first_frame", "titles"):
        median = statistics.median(times[name])
        out[f"{name}_s"] = round(median, 4)
        out[f"{name}_ratio"] = round(median / bare, 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--content", default=None)
    args = parser.parse_args()
    print(json.dumps(measure(args.runs, args.content), indent=2))


if __name__ == "__main__":
    main()
