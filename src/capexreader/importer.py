"""Bring articles in: saved pages (.html, .htm), URLs, RSS or Atom feeds (files or URLs; each
entry's page is fetched and extracted, else the entry's own content is used), or folders of
these. Main text and metadata come from trafilatura, feeds from feedparser. Each article is
written as Markdown with front matter into the library; nothing there is ever overwritten."""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from . import __version__
from .atomic import write_atomic

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
TIMEOUT = 20.0  # seconds for one fetch
MAX_BYTES = 20 * 1024 * 1024  # a larger download is refused
MIN_TEXT = 20  # characters: less is not an article
USER_AGENT = f"capexreader/{__version__} (article import; +https://pypi.org/project/capexreader/)"
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


class ImportFailure(Exception):
    """One source could not be brought in; the message says why."""


@dataclass
class Page:
    title: str
    text: str
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


@dataclass
class Outcome:
    source: str
    status: str  # imported, exists or failed
    path: Path | None = None
    reason: str = ""


def fetch(url: str, timeout: float = TIMEOUT, limit: int = MAX_BYTES) -> bytes:
    """The body at an http or https URL, at most limit bytes."""
    if not re.match(r"https?://", url, re.I):
        raise ImportFailure(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise ImportFailure(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ImportFailure(f"{url}: {reason}") from exc
    if len(data) > limit:
        raise ImportFailure(f"{url}: larger than {limit // (1024 * 1024)} MB")
    return data


def extract_page(data: bytes | str, url: str | None = None) -> Page | None:
    """The main text and metadata of a page (its encoding found from its bytes); None if it
    holds no text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=True
    )

    def field(name: str) -> str | None:
        value = getattr(doc, name, None)
        return str(value).strip() or None if value else None

    paragraphs = [p.strip() for p in (field("text") or "").splitlines() if p.strip()]
    if sum(len(p) for p in paragraphs) < MIN_TEXT:  # a menu or a login box, not an article
        return None
    title = field("title") or paragraphs[0][:80]
    if paragraphs[0] == title and len(paragraphs) > 1:  # the headline, repeated as the first line
        paragraphs = paragraphs[1:]
    return Page(
        title, "\n\n".join(paragraphs), field("date"), field("author"), field("sitename"), field("url") or url
    )


def is_feed(data: bytes) -> bool:
    return bool(_FEED_SNIFF.search(data[:2048]))


def feed_pages(
    data: bytes, fetcher: Callable[[str], bytes] = fetch
) -> Iterator[tuple[str, Page | None, str]]:
    """(label, page or None, why not) for each entry of a feed: its page fetched and extracted,
    else its own content."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise ImportFailure(f"not a readable feed ({parsed.get('bozo_exception')})")
    for entry in parsed.entries:
        link = entry.get("link") or ""
        label = link or entry.get("title") or "a feed entry"
        page, why = None, ""
        if re.match(r"https?://", link, re.I):
            try:
                page = extract_page(fetcher(link), link)
            except ImportFailure as exc:
                why = str(exc)
        if page is None:
            content = entry.get("content") or [{}]
            html = content[0].get("value") or entry.get("summary") or ""
            page = (
                extract_page(f"<html><body><article>{html}</article></body></html>", link or None)
                if html
                else None
            )
        if page is None:
            yield label, None, why or "no text in the entry or its page"
            continue
        page.title = entry.get("title") or page.title
        page.url = link or page.url
        page.author = page.author or entry.get("author")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp and not page.date:
            page.date = f"{stamp.tm_year:04}-{stamp.tm_mon:02}-{stamp.tm_mday:02}"
        yield label, page, ""


def text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


class Library:
    """The folder articles are written into: knows the URLs and texts it already holds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.urls: set[str] = set()
        self.texts: set[str] = set()
        if folder.is_dir():
            for path in folder.rglob("*.md"):
                self._learn(path)

    def _learn(self, path: Path) -> None:
        from .corpus import split_front_matter

        try:
            front, body = split_front_matter(path.read_text("utf-8"), path, [])
        except (OSError, UnicodeDecodeError):
            return
        if front and front.get("source"):
            self.urls.add(str(front["source"]))
        self.texts.add(text_key(body))

    def add(self, page: Page, label: str) -> Outcome:
        if page.url and page.url in self.urls:
            return Outcome(label, "exists", reason="already in the library (same address)")
        key = text_key(page.text)
        if key in self.texts:
            return Outcome(label, "exists", reason="already in the library (same text)")
        path = self.folder / f"{_slug(page)}-{key[:8]}.md"
        front = {
            k: v
            for k, v in (
                ("title", page.title),
                ("date", page.date),
                ("author", page.author),
                ("site", page.site),
                ("source", page.url),
            )
            if v
        }
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        write_atomic(path, f"---\n{head}---\n\n{page.text}\n")
        self.texts.add(key)
        if page.url:
            self.urls.add(page.url)
        return Outcome(label, "imported", path)


def _slug(page: Page) -> str:
    words = re.findall(r"[a-z0-9]+", (page.title or "").lower())
    slug = "-".join(words)[:60].strip("-")
    return "-".join(p for p in ((page.date or "")[:10], slug or "article") if p)


def import_sources(
    sources: list[str],
    into: Path,
    fetcher: Callable[[str], bytes] = fetch,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """Each source in, one Outcome per article (or per source that failed)."""
    library = Library(into)
    jobs = list(_expand(sources))
    outcomes: list[Outcome] = []
    for n, (label, load) in enumerate(jobs, start=1):
        try:
            for entry, page, why in load(fetcher):
                if page is None:
                    outcomes.append(Outcome(entry, "failed", reason=why))
                else:
                    outcomes.append(library.add(page, entry))
        except ImportFailure as exc:
            outcomes.append(Outcome(label, "failed", reason=str(exc)))
        except OSError as exc:
            outcomes.append(Outcome(label, "failed", reason=f"{label}: {exc.strerror or exc}"))
        if progress:
            progress(n, len(jobs))
    return outcomes


Loader = Callable[[Callable[[str], bytes]], Iterator[tuple[str, "Page | None", str]]]


def _expand(sources: list[str]) -> Iterator[tuple[str, Loader]]:
    """(label, loader) per page or feed: folders are walked for saved pages and feeds."""
    for source in sources:
        if re.match(r"[a-z][a-z0-9+.-]*://", source, re.I):
            yield source, partial(_from_url, source)
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES + FEED_SUFFIXES)
            if not files:
                yield source, _fails(f"{source}: no saved pages or feeds in this folder")
            for file in files:
                yield str(file), partial(_from_file, file)
        elif path.is_file():
            yield source, partial(_from_file, path)
        else:
            yield source, _fails(f"{source}: no such file, folder or address")


def _fails(reason: str) -> Loader:
    def load(fetcher: Callable[[str], bytes]) -> Iterator[tuple[str, Page | None, str]]:
        raise ImportFailure(reason)

    return load


def _from_url(url: str, fetcher: Callable[[str], bytes]) -> Iterator[tuple[str, Page | None, str]]:
    return _from_bytes(url, fetcher(url), fetcher, url)


def _from_file(path: Path, fetcher: Callable[[str], bytes]) -> Iterator[tuple[str, Page | None, str]]:
    return _from_bytes(str(path), path.read_bytes(), fetcher)


def _from_bytes(
    label: str, data: bytes, fetcher: Callable[[str], bytes], url: str | None = None
) -> Iterator[tuple[str, Page | None, str]]:
    if is_feed(data):
        try:
            yield from feed_pages(data, fetcher)
        except ImportFailure as exc:
            raise ImportFailure(f"{label}: {exc}") from exc
        return
    page = extract_page(data, url)
    yield label, page, "" if page else f"{label}: no article text found in the page"
