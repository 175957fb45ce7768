"""jieba, set up once: quiet, dictionary cache in our cache folder, domain words added."""

from __future__ import annotations

import logging
import threading

from .cache import cache_dir
from .fold import fold
from .resources import load_data

_lock = threading.Lock()
_tokenizer = None


def tokenizer():  # noqa: ANN201 - jieba has no type hints
    """The shared jieba Tokenizer, initialised on first use (thread-safe)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.CRITICAL + 1)
            logging.getLogger("jieba").propagate = False
            tk = jieba.Tokenizer()
            folder = cache_dir()
            if folder is not None:
                tk.tmp_dir = str(folder)
                tk.cache_file = "jieba.cache"
            tk.initialize()
            for word in load_data("glossary")["words"]:
                tk.add_word(fold(word), freq=20000)
            _tokenizer = tk
    return _tokenizer


def cut(folded: str) -> list[str]:
    """Plain segmentation of a query word."""
    return [w for w in tokenizer().lcut(folded, HMM=True) if w.strip()]
