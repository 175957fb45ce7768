"""The command palette's commands for the reader."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from capexreader.session import READ_FILTERS, STANCE_FILTERS

if TYPE_CHECKING:
    from .app import CapexReaderApp
    from .screens.reader import ReaderScreen


def reader_commands(app: CapexReaderApp, reader: ReaderScreen) -> Iterable[SystemCommand]:
    session = reader.session
    yield SystemCommand("Search", "Search all articles", reader.action_search)
    yield SystemCommand("Clear search", "Show every article again", reader.action_clear_search)
    for label in STANCE_FILTERS:
        yield SystemCommand(
            f"Filter: {label}", f"Show {label} articles", partial(reader.set_stance_filter, label)
        )
    if session.state is not None:
        for label in READ_FILTERS[1:]:
            yield SystemCommand(
                f"Filter: {label}", f"Show {label} articles only", partial(_read_filter, reader, label)
            )
        for tag in session.state.tags():
            yield SystemCommand(
                f"Filter: tag {tag}", f"Only articles tagged {tag}", partial(reader.set_tag_filter, tag)
            )
        if session.read_filter != "all" or session.tag_filter is not None:
            yield SystemCommand(
                "Filter: every article", "Read or not, any tag", partial(_read_filter, reader, "all")
            )
        yield SystemCommand("Tag this article…", "Tags of your own (comma-separated)", reader.action_tag)
        yield SystemCommand("Note on this article…", "A one-line note of your own", reader.action_note)
        yield SystemCommand("Mark read or unread", "The open article", reader.action_toggle_read)
        yield SystemCommand("Star or unstar", "The open article", reader.action_toggle_star)
    yield SystemCommand(
        "Open the source", "The open article's address, in the browser", reader.action_open_source
    )
    yield SystemCommand("Copy the source address", "To the clipboard", reader.action_copy_source)
    yield SystemCommand("Links in this article", "Their text and address: open or copy", reader.action_links)
    yield SystemCommand("Toggle figures sidebar", "Show or hide the figures", reader.action_toggle_sidebar)
    expand = session.expand
    yield SystemCommand(
        "Glossary expansion: " + ("off" if expand else "on"),
        "Search also finds the other language's terms (bubble ↔ 泡沫)",
        partial(reader.set_expand, not expand),
    )
    yield SystemCommand(
        "All figures", "Every figure in the corpus, reconciled and charted", reader.action_corpus_figures
    )
    yield SystemCommand("Tracker", "Each company's figures across articles and time", reader.action_tracker)
    yield SystemCommand(
        "Why this stance", "The evidence for the open article's stance", reader.action_evidence
    )
    yield SystemCommand("Load problems", "Files that could not be read", reader.action_show_problems)
    yield SystemCommand("Help", "What this is and every key", app.action_help)


def _read_filter(reader: ReaderScreen, label: str) -> None:
    reader.session.read_filter = label
    if label == "all":
        reader.session.tag_filter = None
    reader.refresh_list()
