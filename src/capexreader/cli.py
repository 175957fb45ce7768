"""Command line: no subcommand opens the reader; list, show, search and figures answer in JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .corpus import STANCES, Corpus, CorpusError

if TYPE_CHECKING:
    from .search import SearchIndex


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help='folder of articles (default: your library if it has any, else the bundled ones: "bundled")',
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on an error, print its details (they are also in the log)",
    )
    parser = argparse.ArgumentParser(
        prog="capexreader",
        parents=[common],
        description="A terminal reader for the news about big tech's AI capital expenditure.",
        epilog="With no command, opens the reader. Keys: press ? inside the app.",
    )
    parser.add_argument("--version", action="version", version=f"capexreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", parents=[common], help="list the articles")
    p.add_argument("--stance", choices=sorted(STANCES), help="only articles with this stance")
    p.add_argument("--unread", action="store_true", help="only articles not yet read")
    p.add_argument("--starred", action="store_true", help="only starred articles")
    p.add_argument("--tag", metavar="T", help="only articles with this tag of yours")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = sub.add_parser("show", parents=[common], help="print one article")
    p.add_argument("id", metavar="ID", help="article id, as `list` gives it")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("search", parents=[common], help="search the articles")
    p.add_argument("query", metavar="QUERY", help='words (all must match); "quoted phrase"')
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-expand", action="store_true", help="no bilingual glossary expansion")
    p.add_argument("--limit", type=_positive, metavar="N", help="the best N results only")
    p.add_argument(
        "--no-sync", action="store_true", help="answer from the index as it is (nothing has changed)"
    )

    p = sub.add_parser("figures", parents=[common], help="the figures in the articles")
    p.add_argument("--article", metavar="ID", help="one article only")
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
    p.add_argument("--output", type=Path, metavar="FILE", help="write there (.csv or .xlsx)")

    p = sub.add_parser("track", parents=[common], help="each company's figures across articles and time")
    p.add_argument("--entity", metavar="E", help="one company (any alias, either script)")
    p.add_argument("--kind", metavar="K", help="capex, revenue, investment, ...")
    p.add_argument("--year", type=int, metavar="Y", help="one (fiscal) year")
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
    p.add_argument("--output", type=Path, metavar="FILE", help="write there (.csv or .xlsx)")

    p = sub.add_parser("import", parents=[common], help="bring saved pages, URLs and feeds into the library")
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="a saved page, a URL, a feed, or a folder of these"
    )
    p.add_argument("--into", type=Path, metavar="DIR", help="where to write them (default: your library)")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("mark", parents=[common], help="read state, star, tags and note of an article")
    p.add_argument("id", metavar="ID", help="article id, as `list` gives it")
    p.add_argument("--read", dest="read", action="store_const", const=True, help="mark read")
    p.add_argument("--unread", dest="read", action="store_const", const=False, help="mark unread")
    p.add_argument("--star", dest="starred", action="store_const", const=True)
    p.add_argument("--unstar", dest="starred", action="store_const", const=False)
    p.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (again for more)")
    p.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag")
    p.add_argument("--note", metavar="TEXT", help='a one-line note ("" clears it)')

    p = sub.add_parser("config", help="where the settings file is, and what it says")
    p.add_argument("--path", action="store_true", help="print the settings file's path")
    p.add_argument("--show", action="store_true", help="print the settings in force")

    p = sub.add_parser("brief", parents=[common], help="a one-page brief: latest figures per company")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("--output", type=Path, metavar="FILE", help="write there instead of printing")
    return parser


class Stage:
    """What the command is doing, for the one line that says what failed."""

    what = "starting"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - one line here, the details in the log
        from .log import log_failure, one_line

        log = log_failure(Stage.what, exc)
        print(f"capexreader: {one_line(Stage.what, exc)}", file=sys.stderr)
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        elif log is not None:
            print(f"capexreader: details in {log} (or run with --debug)", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from . import commands as more
    from .config import load_config

    if args.command == "config":
        return more.cmd_config(args)
    config, bad = load_config()
    for line in bad:
        print(f"capexreader: {line}", file=sys.stderr)
    if args.command == "import":
        return more.cmd_import(args)
    root, named = _content(getattr(args, "content", None), config.content)
    if root.is_file():
        print(f"capexreader: {root}: is a file; --content takes a folder of articles", file=sys.stderr)
        return 1
    if args.command is None:
        from .ui.app import CapexReaderApp

        if not root.is_dir():
            print(f"capexreader: {root}: not a readable folder", file=sys.stderr)
            return 1
        Stage.what = "running the reader"
        CapexReaderApp(content_dir=root, config=config, content_name=named, config_problems=bad).run()
        return 0
    if args.command == "search" and not args.query.strip():
        print("capexreader: search: give words to search for", file=sys.stderr)
        return 2
    from .indexer import as_load_problems, open_synced

    Stage.what = f"indexing {root}"
    tty = sys.stderr.isatty()
    try:
        index, why = open_synced(
            root,
            progress=_progress if tty else None,
            waiting=_waiting if tty else None,
            check=not getattr(args, "no_sync", False),
        )
    except CorpusError as exc:
        print(f"capexreader: {exc}", file=sys.stderr)
        return 1
    if why:
        print(f"capexreader: {why}", file=sys.stderr)
    problems = as_load_problems(index.problems())
    skipped = [p for p in problems if p.reason.startswith("skipped:")]
    for problem in problems:
        if problem not in skipped:
            print(f"capexreader: {problem}", file=sys.stderr)
    if skipped:
        print(
            f"capexreader: {len(skipped)} files of other kinds skipped (.md, .txt and .html are read)",
            file=sys.stderr,
        )
    Stage.what = f"{args.command} in {root}"
    return commands()[args.command](root, index, args)


def _content(given: Path | None, configured: str | None) -> tuple[Path, str]:
    """The folder to work on and what to call it (--content, else the settings' default)."""
    from .paths import default_content

    if given is not None:
        return default_content(str(given)) if str(given) == "bundled" else (given, str(given))
    return default_content(configured)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: not a positive number")
    return value


def _waiting() -> None:
    print("capexreader: another capexreader is indexing this folder; waiting for it", file=sys.stderr)


def _progress(done: int, total: int) -> None:
    end = "\n" if done == total else ""
    print(f"\rcapexreader: indexing {done}/{total} files", end=end, file=sys.stderr, flush=True)


def article_summary(article) -> dict:  # noqa: ANN001
    if article.stance_label is None:  # not in the index: the list needs the stance, not the figures
        article.stance  # noqa: B018
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "language": article.language,
        "source": article.source,
        "stance": article.stance_label,
        "stance_score": article.stance_score,
        "stance_confidence": article.stance_confidence,
        "path": str(article.path),
    }


def _stance_cell(item: dict) -> str:
    sure = item["stance_confidence"]
    return item["stance"] if sure is None else f"{item['stance']} {sure:.0%}"


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(rows: list[list[str]], headers: list[str]) -> None:
    """A table on a terminal; piped, plain tab-separated lines (nothing cut or wrapped)."""
    if not sys.stdout.isatty():
        for row in [headers, *rows]:
            sys.stdout.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    Console(markup=False, highlight=False).print(table)


def _corpus(root: Path, index: SearchIndex) -> Corpus:
    from .indexer import corpus_from_index

    return corpus_from_index(root, index)


def cmd_list(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    corpus = _corpus(root, index)
    from .commands import marks_cell, read_state

    state = read_state(root, corpus)
    items = []
    for article in corpus.articles:
        item = article_summary(article)
        item.update(
            state.get(article.id).to_dict()
            if state
            else {"read": False, "starred": False, "tags": [], "note": ""}
        )
        items.append(item)
    if args.stance:
        items = [i for i in items if i["stance"] == args.stance]
    if args.unread:
        items = [i for i in items if not i["read"]]
    if args.starred:
        items = [i for i in items if i["starred"]]
    if args.tag:
        items = [i for i in items if args.tag in i["tags"]]
    if args.format == "json":
        _dump(items)
    else:
        rows = [
            [marks_cell(i), i["id"], i["date"] or "", i["language"], _stance_cell(i), i["title"]]
            for i in items
        ]
        _table(rows, ["", "id", "date", "lang", "stance", "title"])
    return 0


def cmd_show(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    corpus = _corpus(root, index)
    article = corpus.get(args.id)
    if article is None:
        near = [a.id for a in corpus.articles if a.id.rsplit("/", 1)[-1] == args.id]
        hint = f"; did you mean {' or '.join(near)}? (ids include their folder)" if near else ""
        print(f"capexreader: no article with id {args.id!r}{hint}", file=sys.stderr)
        return 1
    data = article_summary(article)
    data.update(author=article.author, tags=article.tags, seed=article.seed, body=article.body)
    if args.format == "json":
        _dump(data)
    else:
        head = [
            article.title,
            " · ".join(
                x for x in (article.source, article.date or "", article.language, data["stance"]) if x
            ),
        ]
        sys.stdout.write("\n".join(head) + "\n\n" + article.body + "\n")
    return 0


TEXT_RESULTS = 20  # results the text output shows unless --limit says otherwise


def cmd_search(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    """Results streamed as they are built: the first lines come at once, memory stays bounded."""
    text = args.format == "text"
    shown = args.limit or TEXT_RESULTS
    # only what is printed is ranked in full and named: the time does not grow with the corpus
    limit = shown if text else args.limit
    result = index.search(args.query, expand=not args.no_expand, limit=limit, hit_limit=0)
    if not text:
        head = json.dumps({"query": result.query, "terms": result.terms}, ensure_ascii=False)
        sys.stdout.write(head[:-1] + ', "results": [')
        for n, r in enumerate(index.results(result)):
            item = {
                "article": r.article,
                "title": r.title,
                "score": round(r.score, 4),
                "hits": [h.to_dict() for h in r.hits],
            }
            sys.stdout.write(("," if n else "") + "\n  " + json.dumps(item, ensure_ascii=False))
        sys.stdout.write("\n]}\n")
        return 0
    print(f"{result.matched} articles · terms: {', '.join(result.terms) or '(none)'}")
    for r in index.results(result):
        print(f"\n{r.title}  [{r.article}]  score {r.score:.2f}, {len(r.hits)} hits")
        for hit in r.hits[:5]:
            print(f"  {hit.start:>6}  {hit.context}")
    if result.matched > shown:
        print(f"\n… and {result.matched - shown} more (--limit N shows more)")
    return 0


FIGURE_FIELDS = [
    "article",
    "text",
    "start",
    "end",
    "value",
    "value_high",
    "unit",
    "kind",
    "entity",
    "year",
    "sentence",
]


def figure_rows(corpus: Corpus, article_id: str | None = None) -> list[dict]:
    rows = []
    for article in corpus.articles:
        if article_id and article.id != article_id:
            continue
        for fig in article.figures:
            row = {"article": article.id, **fig.to_dict()}
            rows.append({k: row[k] for k in FIGURE_FIELDS})
    return rows


def cmd_figures(root: Path, index: SearchIndex, args: argparse.Namespace) -> int:
    corpus = _corpus(root, index)
    if args.article and corpus.get(args.article) is None:
        print(f"capexreader: no article with id {args.article!r}", file=sys.stderr)
        return 1
    rows = figure_rows(corpus, args.article)
    if args.output or args.format == "xlsx":
        from .export import FIGURE_COLUMNS, figure_records
        from .reconcile import article_figures

        chosen = [a for a in corpus.articles if not args.article or a.id == args.article]
        from .commands import export

        return export(args, figure_records(article_figures(chosen)), FIGURE_COLUMNS, "figures")
    if args.format == "json":
        _dump(rows)
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, FIGURE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from .figures import Figure

        table = []
        for r in rows:
            fig = Figure(**{k: r[k] for k in FIGURE_FIELDS if k != "article"})
            table.append(
                [
                    r["article"],
                    fig.amount(),
                    r["entity"] or "",
                    r["kind"] or "",
                    str(r["year"] or ""),
                    " ".join(r["text"].split()),
                ]
            )
        _table(table, ["article", "amount", "entity", "kind", "year", "text"])
    return 0


def commands() -> dict:
    """Each command's function; the newer ones live in commands.py."""
    from . import commands as more

    return {
        "list": cmd_list,
        "show": cmd_show,
        "search": cmd_search,
        "figures": cmd_figures,
        "track": more.cmd_track,
        "mark": more.cmd_mark,
        "brief": more.cmd_brief,
    }
