"""Details of what went wrong, kept in the cache folder: the user sees one line, this file the
traceback (``capexreader --debug`` prints it too)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .cache import cache_dir

LOG_NAME = "capexreader.log"
MAX_BYTES = 1 << 20  # the log is rotated at this size, one old copy kept
_logger: logging.Logger | None = None


def log_path() -> Path | None:
    folder = cache_dir()
    return folder / LOG_NAME if folder is not None else None


def _log() -> logging.Logger | None:
    global _logger
    if _logger is None:
        path = log_path()
        if path is None:
            return None
        logger = logging.getLogger("capexreader")
        logger.propagate = False  # never to the terminal: a TUI may own it
        try:
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8"
            )
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        _logger = logger
    return _logger


def log_failure(what: str, exc: BaseException) -> Path | None:
    """Write what failed and its traceback to the log; the log's path, or None if none."""
    logger = _log()
    if logger is None:
        return None
    logger.error("%s: %s: %s", what, type(exc).__name__, exc, exc_info=exc)
    return log_path()


def one_line(what: str, exc: BaseException) -> str:
    """What failed and why, on one line."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return f"{what} failed: {type(exc).__name__}: {reason}"
