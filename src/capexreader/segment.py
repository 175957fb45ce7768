"""jieba, set up once: quiet, dictionary cache in our cache folder, domain words added."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

from .cache import cache_dir
from .fold import fold
from .resources import load_data

_lock = threading.Lock()
_tokenizer = None
gentle = False  # the app sets it (big_article.py measures why): see _build_dictionary


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
            if gentle:
                _build_dictionary(tk)
            elif folder is not None:
                _initialize_tidily(tk, folder)
            else:
                tk.initialize()
            for word in load_data("glossary")["words"]:
                tk.add_word(fold(word), freq=20000)
            _tokenizer = tk
    return _tokenizer


def _initialize_tidily(tk, folder: Path) -> None:  # noqa: ANN001
    """jieba's initialize, which writes its cache to a temporary file and renames it: where
    the write fails (a full disk) it leaves that file behind, so it is removed here."""
    before = set(folder.glob("tmp*"))
    try:
        tk.initialize()
    finally:
        for stray in set(folder.glob("tmp*")) - before:
            stray.unlink(missing_ok=True)


def _build_dictionary(tk) -> None:  # noqa: ANN001
    """jieba's prefix dictionary built from its word list in small Python steps: slower than
    loading its cache (~0.3 s in one step that holds the interpreter, so an app could not
    draw meanwhile), but no step is long. The list is read at once: reading it line by line
    from the file would keep taking the interpreter back from the app's thread."""
    with tk.get_dict_file() as f:
        words = io.BytesIO(f.read())
    tk.FREQ, tk.total = tk.gen_pfdict(words)
    tk.initialized = True


def cut(folded: str) -> list[str]:
    """Plain segmentation of a query word."""
    return [w for w in tokenizer().lcut(folded, HMM=True) if w.strip()]
