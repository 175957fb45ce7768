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
