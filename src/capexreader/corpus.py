"""Articles and the corpus: read, decode, front matter, clean."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .clean import clean_text, strip_controls
from .decode import NotText, decode_bytes
from .fold import fold
from .limits import LONG

if TYPE_CHECKING:
    from .figures import Figure
    from .stance import Stance

PAGE_SUFFIXES = {".html", ".htm"}  # saved web pages: their main text is extracted
TEXT_SUFFIXES = {".md", ".markdown", ".txt"} | PAGE_SUFFIXES
LANGUAGES = {"en", "zh", "zh-Hant", "mixed"}
STANCES = {"bullish", "bearish", "mixed", "neutral"}
MAX_BYTES = 64 * 1024 * 1024
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading (libyaml when present), dates left as strings: a bad one is a warning."""


_SafeLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LoadProblem:
    """A file that could not be read, or was read with a warning."""

    path: Path
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Article:
    """One article. Its body may come later (from the cache) through ``loader``; ``summary``
    holds what the list shows (figure count, stance) when it was cached."""

    def __init__(
        self,
        id: str,
        path: Path | str,
        title: str,
        body: str | None = None,
        *,
        date: str | None = None,
        source: str = "",
        author: str = "",
        language: str = "en",
        editorial_stance: str | None = None,
        seed: str = "",
        tags: list[str] | None = None,
        loader: Callable[[], str | None] | None = None,
        summary: dict | None = None,
    ) -> None:
        self.id, self._path, self.title = id, path, title
        self._body, self._loader = body, loader
        self.date, self.source, self.author, self.language = date, source, author, language
        self.editorial_stance, self.seed, self.tags = editorial_stance, seed, tags or []
        self.summary = summary or {}

    def __repr__(self) -> str:
        return f"Article({self.id!r}, {self.title[:30]!r})"

    @property
    def path(self) -> Path:
        if not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path

    @property
    def body(self) -> str:
        if self._body is None:
            self._body = (self._loader() if self._loader else None) or ""
        return self._body

    @property
    def loaded(self) -> bool:
        """The body is in memory (reading it costs nothing)."""
        return self._body is not None

    @property
    def size(self) -> int | None:
        """Characters in the body, known without reading it when cached; else None."""
        if self._body is not None:
            return len(self._body)
        return self.summary.get("chars")

    @property
    def is_long(self) -> bool:
        """Longer than LONG characters, or of a size not known without reading it."""
        size = self.size
        return size is None or size > LONG

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @cached_property
    def figures(self) -> list[Figure]:
        from .figures import extract_figures

        return extract_figures(
            self.body, year=self.year, title=self.title, language=self.language, source=self.source
        )

    @cached_property
    def stance(self) -> Stance:
        from .stance import score_stance

        return score_stance(self.body, title=self.title, override=self.editorial_stance)

    @property
    def has_figures(self) -> bool:
        """The figures are worked out (a long article's come from a worker)."""
        return "figures" in self.__dict__

    @property
    def figure_count(self) -> int | None:
        """Known without the body when cached; None while not yet computed."""
        if "figures" in self.__dict__:
            return len(self.figures)
        return self.summary.get("figures")

    @property
    def stance_label(self) -> str | None:
        if "stance" in self.__dict__:
            return self.stance.label
        return self.summary.get("stance_label")

    @property
    def stance_confidence(self) -> float | None:
        if "stance" in self.__dict__:
            return self.stance.confidence
        return self.summary.get("stance_confidence")

    @property
    def stance_score(self) -> float | None:
        if "stance" in self.__dict__:
            return self.stance.score
        return self.summary.get("stance_score")

    def keep_body(self, body: str) -> None:
        """The body, read elsewhere (by a worker, from the cache)."""
        if self._body is None:
            self._body = body

    def adopt(self, figures: list[Figure], stance: Stance) -> None:
        """Figures and stance of this body worked out elsewhere (in a helper process)."""
        self.__dict__.setdefault("figures", figures)
        self.__dict__.setdefault("stance", stance)

    def detached(self) -> Article:
        """A copy with the same metadata and source of its body, whose body, figures and stance
        are its own: for a thread to work on while this one is being drawn."""
        copy = Article(
            self.id, self._path, self.title, self._body, loader=self._loader, summary=dict(self.summary)
        )
        copy.date, copy.source, copy.author, copy.language = (
            self.date,
            self.source,
            self.author,
            self.language,
        )
        copy.editorial_stance, copy.seed, copy.tags = self.editorial_stance, self.seed, self.tags
        return copy

    def alone(self) -> Article:
        """A copy that holds its body and nothing it was loaded through: one to send to
        another process."""
        copy = self.detached()
        copy.keep_body(self.body if self._body is None else self._body)
        copy._loader = None
        return copy

    def summarise(self) -> dict:
        """Compute (and keep) the figure count and stance for the list."""
        self.summary = {
            "figures": len(self.figures),
            "stance_label": self.stance.label,
            "stance_score": self.stance.score,
            "stance_confidence": self.stance.confidence,
            "chars": len(self.body),
        }
        return self.summary

    def release(self) -> None:
        """Forget the body, figures and stance (the summary stays); they come back on use."""
        if self._loader is not None:
            self._body = None
        self.__dict__.pop("figures", None)
        self.__dict__.pop("stance", None)

    def metadata(self) -> dict:
        return {
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "author": self.author,
            "language": self.language,
            "stance": self.editorial_stance,
            "seed": self.seed,
            "tags": self.tags,
        }


@dataclass
class Corpus:
    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    _by_id: dict[str, Article] = field(default_factory=dict, init=False, repr=False)

    @property
    def by_id(self) -> dict[str, Article]:
        if len(self._by_id) != len(self.articles):
            self._by_id = {a.id: a for a in self.articles}
        return self._by_id

    def get(self, article_id: str) -> Article | None:
        return self.by_id.get(article_id)

    def add(self, articles: list[Article]) -> None:
        """Add or replace articles, keeping the list in id order."""
        known = self.by_id
        for article in articles:
            known[article.id] = article
        self.articles = sorted(known.values(), key=lambda a: a.id)
        self._by_id = {a.id: a for a in self.articles}


class CorpusError(OSError):
    """The content folder itself cannot be read."""


def walk(root: Path) -> list[str]:
    """Relative posix paths of the text files below root, sorted; hidden entries skipped;
    symlink loops cut. Plain strings: fast for tens of thousands of files."""
    seen: set[str] = set()
    found: list[str] = []
    base = os.fspath(root)
    for folder, dirs, files in os.walk(base, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, base)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
                continue
            found.append(prefix + name)
    return found


def scan(
    root: Path, skipped: list[str] | None = None, folders: dict[str, int] | None = None
) -> list[tuple[str, str]]:
    """(relative posix path, "size:mtime" key) of the text files below root, in walk()'s order:
    one scandir pass, no file opened; hidden entries skipped, symlink loops cut. Other files
    (not hidden, of a kind that is not read) are added to skipped, and each folder's mtime to
    folders (taken before it is listed, so a file added meanwhile changes it), if given."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        try:
            if folders is not None:
                folders[prefix] = os.stat(folder).st_mtime_ns
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        dirs = []
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            dot = name.rfind(".")
            try:
                if entry.is_dir():
                    dirs.append((entry.path, f"{prefix}{name}/"))
                elif dot > 0 and name[dot:].lower() in TEXT_SUFFIXES:
                    st = entry.stat()
                    found.append((prefix + name, f"{st.st_size}:{st.st_mtime_ns}"))
                elif skipped is not None:
                    skipped.append(prefix + name)
            except OSError:
                continue
        stack.extend(reversed(dirs))  # depth first, in name order
    return found


def assign_ids(rels: list[str]) -> dict[str, str]:
    """Relative path -> id: the path without its suffix, or with it where two files share a stem."""
    stems = [os.path.splitext(rel)[0] for rel in rels]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    return {rel: stem if counts[stem] == 1 else rel for rel, stem in zip(rels, stems, strict=True)}


def load_corpus(path: Path | str) -> Corpus:
    """Load every article below path; unreadable files become LoadProblems."""
    root = Path(path)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a readable folder")
    try:
        os.listdir(root)
    except OSError as exc:
        raise CorpusError(f"{root}: {exc.strerror or exc}") from exc
    corpus = Corpus(root)
    rels = walk(root)
    ids = assign_ids(rels)
    for rel in rels:
        article = read_article(root / rel, ids[rel], corpus.problems)
        if article is not None:
            corpus.articles.append(article)
    return corpus


def read_article(file: Path, article_id: str, problems: list[LoadProblem]) -> Article | None:
    """load_article, with a file that cannot be read turned into a LoadProblem."""
    try:
        return load_article(file, article_id, problems)
    except (OSError, NotText, ValueError) as exc:
        problems.append(LoadProblem(file, getattr(exc, "strerror", None) or str(exc)))
        return None


def load_article(file: Path, article_id: str, problems: list[LoadProblem]) -> Article:
    """Read one file into an Article; warnings go to problems."""
    if file.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    if file.suffix.lower() in PAGE_SUFFIXES:
        return _load_page(file, article_id, problems)
    text = decode_bytes(file.read_bytes())
    front, text = split_front_matter(text, file, problems)
    cleaned = clean_text(text)
    body = cleaned.text
    meta = {**cleaned.metadata, **(front or {})}
    title = _text_value(meta.get("title"))
    if not title and front is None:
        title, body = _title_from_body(body)
    if not title:
        title = file.stem
    return Article(
        id=article_id,
        path=file,
        title=title,
        body=body,
        date=_date_value(meta.get("date"), body, file, problems),
        source=_text_value(meta.get("source")),
        author=_text_value(meta.get("author")),
        language=_language_value(meta.get("language"), title + "\n" + body),
        editorial_stance=_stance_value(meta.get("stance"), file, problems),
        seed=_text_value(meta.get("seed")),
        tags=[str(t) for t in meta.get("tags") or [] if isinstance(t, (str, int, float))]
        if isinstance(meta.get("tags"), list)
        else [],
    )


def _load_page(file: Path, article_id: str, problems: list[LoadProblem]) -> Article:
    """A saved web page, read only: its main text and metadata, extracted as `import` does."""
    from .importer import extract_page

    page = extract_page(file.read_bytes())
    if page is None:
        raise ValueError("a web page with no article text in it")
    body = clean_text(page.text).text
    return Article(
        id=article_id,
        path=file,
        title=page.title,
        body=body,
        date=_date_value(page.date, body, file, problems),
        source=page.url or page.site or "",
        author=page.author or "",
        language=_language_value(None, page.title + "\n" + body),
    )


def split_front_matter(text: str, file: Path, problems: list[LoadProblem]) -> tuple[dict | None, str]:
    """Split YAML front matter (safe loading only) from the text; None if it has none."""
    text = text.lstrip("\ufeff")
    match = _FRONT.match(text.replace("\r\n", "\n")) if text.startswith("---") else None
    if not match:
        return None, text
    body = text.replace("\r\n", "\n")[match.end() :]
    try:
        meta = yaml.load(match.group(1) or "", Loader=_SafeLoader)  # noqa: S506 - safe subclass
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        problems.append(LoadProblem(file, f"front matter ignored: {_first_line(exc)}", False))
        return {}, body
    if not isinstance(meta, dict):
        if meta is not None:
            problems.append(LoadProblem(file, "front matter ignored: not a mapping", False))
        return {}, body
    return {str(k): v for k, v in meta.items()}, body


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _text_value(value: object) -> str:
    """A metadata value as one clean line: lists joined, escapes and controls removed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text_value(v) for v in value).strip()
    if isinstance(value, dict):
        return ""
    return " ".join(strip_controls(str(value)).split())


def _title_from_body(body: str) -> tuple[str, str]:
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            title = line.strip().lstrip("#").strip()
            return title, "\n".join(lines[i + 1 :]).strip("\n")
    return "", body


def _date_value(value: object, body: str, file: Path, problems: list[LoadProblem]) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is not None and value != "":
        parsed = parse_date(str(value))
        if parsed is None:
            problems.append(LoadProblem(file, f"date ignored: {str(value)[:40]!r}", False))
        return parsed
    head = "\n".join(body.split("\n")[:4])
    return parse_date(head)


def parse_date(text: str) -> str | None:
    """The first valid YYYY-MM-DD-like date in text, as ISO, else None."""
    for m in _DATE.finditer(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None


def _stance_value(value: object, file: Path, problems: list[LoadProblem]) -> str | None:
    if value is None or value == "":
        return None
    label = str(value).strip().lower()
    if label in STANCES:
        return label
    problems.append(LoadProblem(file, f"stance ignored: {str(value)[:40]!r}", False))
    return None


def _language_value(value: object, text: str) -> str:
    if isinstance(value, str) and value in LANGUAGES:
        return value
    return detect_language(text)


def detect_language(text: str) -> str:
    """en, zh, zh-Hant or mixed, from the share of Han characters and Latin words."""
    sample = text[:20000]
    han = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"]
    latin = len(re.findall(r"[A-Za-z]{2,}", sample))
    if not han:
        return "en"
    share = len(han) / (len(han) + 2 * latin)
    if share < 0.15:
        return "en"
    if share < 0.85 and latin > 50:
        return "mixed"
    traditional = sum(1 for ch in han if fold(ch) != ch)
    return "zh-Hant" if traditional > 0.05 * len(han) else "zh"
