"""Where things are: the bundled articles, the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path


def bundled_content() -> Path:
    """The articles shipped with the package (or with the source tree in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "content", here.parent.parent / "content"):
        if candidate.is_dir():
            return candidate
    return here / "content"


def data_dir() -> Path:
    """The user's data folder (CAPEXREADER_DATA_DIR, else the platform's): exports live here."""
    env = os.environ.get("CAPEXREADER_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("capexreader", appauthor=False))


def exports_dir() -> Path:
    return data_dir() / "exports"


def library_dir() -> Path:
    """Where `import` puts articles by default."""
    return data_dir() / "library"


def has_articles(folder: Path) -> bool:
    from .corpus import TEXT_SUFFIXES

    return folder.is_dir() and any(p.suffix.lower() in TEXT_SUFFIXES for p in folder.rglob("*"))


def default_content(configured: str | None = None) -> tuple[Path, str]:
    """The folder to open with no --content, and what to call it: the configured folder, else
    the library when it holds articles, else the bundled corpus. "bundled" names that one."""
    if configured == "bundled":
        return bundled_content(), "bundled articles"
    if configured:
        return Path(configured).expanduser(), str(Path(configured).expanduser())
    library = library_dir()
    if has_articles(library):
        return library, "your library"
    return bundled_content(), "bundled articles"
