"""The commands for the tracker, exports and your own material: track, brief, import, mark and
config (cli.py parses the command line and runs them)."""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import Stage, _corpus, _dump, _table

if TYPE_CHECKING:
    from .corpus import Corpus
    from .search import SearchIndex
    from .state import ReadState


def marks_cell(item: dict) -> str:
    return ("★" if item["starred"] else "") + ("" if item["read"] else "●")


def read_state(root: Path, corpus: Corpus | None = None) -> ReadState | None:
    """The read state of root's articles; None (said once) where it cannot be kept."""
    from .state import ReadState

    try:
        state = ReadState(root)
    except (OSError, sqlite3.Error) as exc:
        print(f"capexreader: read state unavailable ({exc})", file=sys.stderr)
        return None
    if corpus is not None:  # the marks of moved or renamed files follow them
        state.adopt_moved([a.id for a in corpus.articles], lambda aid: corpus.by_id[aid].body)
    return state


def cmd_mark(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    corpus = _corpus(root, index)
    article = corpus.get(args.id)
    if article is None:
        print(f"capexreader: no article with id {args.id!r}", file=sys.stderr)
        return 1
    state = read_state(root, corpus)
    if state is None:
        return 1
    mark = state.get(article.id)
    changes: dict[str, object] = {}
    if args.read is not None:
        changes["read"] = args.read
    if args.starred is not None:
        changes["starred"] = args.starred
    if args.tag or args.untag:
        tags = [t for t in mark.tags if t not in args.untag]
        changes["tags"] = tags + [t for t in args.tag if t not in tags]
    if args.note is not None:
        changes["note"] = " ".join(args.note.split())
    if changes:
        mark = state.update(article.id, body=article.body, **changes)
    _dump({"id": article.id, **mark.to_dict()})
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_sources
    from .paths import library_dir

    into = (args.into or library_dir()).expanduser()
    tty = sys.stderr.isatty()
    Stage.what = f"importing into {into}"

    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rcapexreader: importing {done}/{total}", end=end, file=sys.stderr, flush=True)

    outcomes = import_sources(args.sources, into, progress=progress if tty else None)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "exists", "failed")}
    if args.format == "json":
        _dump(
            [
                {
                    "source": o.source,
                    "status": o.status,
                    "path": str(o.path) if o.path else None,
                    "reason": o.reason,
                }
                for o in outcomes
            ]
        )
    else:
        for o in outcomes:
            if o.status == "exists":
                print(f"{o.source}: {o.reason}")
    for o in outcomes:
        if o.status == "failed":
            print(f"capexreader: {o.reason}", file=sys.stderr)
    print(
        f"capexreader: {counts['imported']} imported, {counts['exists']} already there, "
        f"{counts['failed']} failed · {into}",
        file=sys.stderr,
    )
    return 0 if counts["imported"] or counts["exists"] else 1


def cmd_config(args: argparse.Namespace) -> int:
    from .config import EXAMPLE, config_path, load_config

    path = config_path()
    if args.path or not args.show:
        print(path)
        if not path.exists() and not args.path:
            print(f"(no file yet; one would look like this)\n\n{EXAMPLE}", end="")
        return 0
    config, problems = load_config(path)
    for line in problems:
        print(f"capexreader: {line}", file=sys.stderr)
    _dump(dataclasses.asdict(config))
    return 1 if problems else 0


def export(args: argparse.Namespace, rows: list[dict], columns: list[str], sheet: str) -> int:
    """Rows to --output (its suffix, else --format, says CSV or XLSX), or CSV to stdout."""
    from .export import save, to_csv

    if args.output is None:
        if args.format == "xlsx":
            print("capexreader: --format xlsx needs --output FILE.xlsx", file=sys.stderr)
            return 2
        sys.stdout.write(to_csv(rows, columns))
        return 0
    output = args.output
    if output.suffix.lower() not in (".csv", ".xlsx"):
        output = output.with_suffix(".xlsx" if args.format == "xlsx" else ".csv")
    save(output, rows, columns, sheet)
    print(f"capexreader: {len(rows)} rows written to {output}", file=sys.stderr)
    return 0


def cmd_track(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    from .tracker import ARROW, track

    lines = track(_corpus(root, index), entity=args.entity, kind=args.kind, year=args.year)
    if args.output or args.format in ("csv", "xlsx"):
        from .export import TRACK_COLUMNS, tracker_records

        return export(args, tracker_records(lines), TRACK_COLUMNS, "tracker")
    if args.format == "json":
        _dump([line.to_dict() for line in lines])
        return 0
    if not lines:
        print(
            "No figure names a company and what it measures"
            + (" for that filter." if any((args.entity, args.kind, args.year)) else ".")
        )
        return 0
    for line in lines:
        latest = line.latest
        head = f"{line.label()} · {line.unit}"
        print(f"\n{head} · latest {latest.figure.amount() if latest else '—'}")
        rows = [
            [
                s.article.date or "undated",
                f"{ARROW[s.change]} {s.change}" + (" (expected)" if s.expectation else ""),
                s.figure.amount(),
                s.moved(),
                s.article.id
                + (f" (+{len(s.copies)} {'copy' if len(s.copies) == 1 else 'copies'})" if s.copies else ""),
                " ".join(s.figure.sentence.split()),
            ]
            for s in line.statements
        ]
        _table(rows, ["date", "change", "amount", "by", "article", "sentence"])
    return 0


def cmd_brief(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    from .brief import brief_html, brief_markdown

    corpus = _corpus(root, index)
    text = brief_html(corpus) if args.format == "html" else brief_markdown(corpus)
    if args.output:
        from .atomic import write_atomic

        write_atomic(args.output, text)
        print(f"capexreader: brief written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
