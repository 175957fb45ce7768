"""Command line: no subcommand opens the reader; list, show, search and figures answer in JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import STANCES, Corpus, CorpusError
from .paths import bundled_content


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of articles (default: the bundled corpus)",
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
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = sub.add_parser("show", parents=[common], help="print one article")
    p.add_argument("id", metavar="ID", help="article id, as `list` gives it")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("search", parents=[common], help="search the articles")
    p.add_argument("query", metavar="QUERY", help='words (all must match); "quoted phrase"')
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-expand", action="store_true", help="no bilingual glossary expansion")

    p = sub.add_parser("figures", parents=[common], help="the figures in the articles")
    p.add_argument("--article", metavar="ID", help="one article only")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    content = getattr(args, "content", None)
    if args.command is None:
        from .ui.app import CapexReaderApp

        if content is not None and not Path(content).is_dir():
            print(f"capexreader: {content}: not a readable folder", file=sys.stderr)
            return 1
        CapexReaderApp(content_dir=content).run()
        return 0
    from .indexer import load_cached

    progress = _progress if sys.stderr.isatty() else None
    try:
        corpus, index = load_cached(Path(content or bundled_content()), progress=progress)
    except CorpusError as exc:
        print(f"capexreader: {exc}", file=sys.stderr)
        return 1
    for problem in corpus.problems:
        print(f"capexreader: {problem}", file=sys.stderr)
    args.index = index
    try:
        return COMMANDS[args.command](corpus, args)
    except BrokenPipeError:
        return 0


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
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    Console(markup=False, highlight=False).print(table)


def cmd_list(corpus: Corpus, args: argparse.Namespace) -> int:
    items = [article_summary(a) for a in corpus.articles]
    if args.stance:
        items = [i for i in items if i["stance"] == args.stance]
    if args.format == "json":
        _dump(items)
    else:
        rows = [[i["id"], i["date"] or "", i["language"], _stance_cell(i), i["title"]] for i in items]
        _table(rows, ["id", "date", "lang", "stance", "title"])
    return 0


def cmd_show(corpus: Corpus, args: argparse.Namespace) -> int:
    article = corpus.get(args.id)
    if article is None:
        print(f"capexreader: no article with id {args.id!r}", file=sys.stderr)
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


def cmd_search(corpus: Corpus, args: argparse.Namespace) -> int:
    result = args.index.search(args.query, expand=not args.no_expand)
    if args.format == "json":
        _dump(result.to_dict())
        return 0
    print(f"{len(result.results)} articles · terms: {', '.join(result.terms) or '(none)'}")
    for r in result.results:
        print(f"\n{r.title}  [{r.article}]  score {r.score:.2f}, {len(r.hits)} hits")
        for hit in r.hits[:5]:
            print(f"  {hit.start:>6}  {hit.context}")
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


def cmd_figures(corpus: Corpus, args: argparse.Namespace) -> int:
    if args.article and corpus.get(args.article) is None:
        print(f"capexreader: no article with id {args.article!r}", file=sys.stderr)
        return 1
    rows = figure_rows(corpus, args.article)
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


COMMANDS = {"list": cmd_list, "show": cmd_show, "search": cmd_search, "figures": cmd_figures}
