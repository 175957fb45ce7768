"""The on-disk cache folder: CAPEXREADER_CACHE_DIR, else the platform's user cache folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """A writable cache folder, created if needed; None if none can be had."""
    env = os.environ.get("CAPEXREADER_CACHE_DIR")
    if env:
        path = Path(env)
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("capexreader", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".probe"):
            pass
    except OSError:
        return None
    return path
