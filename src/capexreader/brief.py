"""A one-page brief: per company its latest figures, how they moved, and the stance mix of the
articles that give them. Markdown, or HTML made from it."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .tracker import ARROW, track

if TYPE_CHECKING:
    from .corpus import Corpus
    from .tracker import Line


def brief_markdown(corpus: Corpus) -> str:
    lines = track(corpus)
    dates = sorted(a.date for a in corpus.articles if a.date)
    span = f" · {dates[0]} to {dates[-1]}" if dates else ""
    out = [f"# AI capex brief\n\n{len(corpus.articles)} articles{span}.\n"]
    by_entity: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        by_entity[line.entity].append(line)
    if not by_entity:
        out.append("No figure in these articles names a company and what it measures.\n")
    order = sorted(by_entity, key=lambda e: (-sum(len(ln.statements) for ln in by_entity[e]), e))
    for entity in order:
        out.append(f"## {_md(entity)}\n")
        sources: set[str] = set()
        for line in sorted(by_entity[entity], key=lambda ln: (ln.kind, ln.year is None, ln.year or 0)):
            sources.update(s.article.id for s in line.statements)
            out.append(_line_item(line))
        stances = Counter(a.stance.label for aid in sorted(sources) if (a := corpus.get(aid)) is not None)
        mix = ", ".join(f"{n} {label}" for label, n in stances.most_common())
        out.append(f"\nSources: {len(sources)} articles ({mix}).\n")
    return "\n".join(out)


def _line_item(line: Line) -> str:
    year = str(line.year) if line.year else "year not stated"
    own, expected = line.own, [s for s in line.statements if s.expectation]
    if own:
        last = own[-1]
        moved = f"{ARROW[last.change]} {last.change}" if last.change != "first" else "first stated"
        path = " → ".join(s.figure.amount() for s in own)
        text = (
            f"- {line.kind} {year}: **{last.figure.amount()}** ({moved}, {last.article.date or 'undated'}, "
            f"{_md(last.article.title)}); path: {path}"
        )
    else:
        text = f"- {line.kind} {year}: no figure of the company's own"
    if expected:
        text += f"; analysts expect {expected[-1].figure.amount()}"
    return text


def _md(text: str) -> str:
    """Plain text inside Markdown: characters that would start markup are escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in " ".join(text.split()))


def brief_html(corpus: Corpus) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(brief_markdown(corpus))
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>AI capex brief</title>'
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}</style>"
        f"</head><body>\n{body}</body></html>\n"
    )
