"""Where things are: the bundled articles."""

from __future__ import annotations

from pathlib import Path


def bundled_content() -> Path:
    """The articles shipped with the package (or with the source tree in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "content", here.parent.parent / "content"):
        if candidate.is_dir():
            return candidate
    return here / "content"
