"""Read state, kept in the user's data folder (never in the content folder): read or unread,
starred, tags of one's own and a one-line note per article. Keyed by content folder and article
id, with a hash of the text so that a file moved or renamed keeps its state."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .paths import data_dir

TABLE = """
CREATE TABLE IF NOT EXISTS marks(folder TEXT, id TEXT, hash TEXT, read INTEGER DEFAULT 0,
    starred INTEGER DEFAULT 0, tags TEXT DEFAULT '[]', note TEXT DEFAULT '', updated REAL,
    PRIMARY KEY(folder, id));
CREATE INDEX IF NOT EXISTS marks_hash ON marks(folder, hash);
"""


@dataclass
class Mark:
    read: bool = False
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict:
        return {"read": self.read, "starred": self.starred, "tags": self.tags, "note": self.note}


HASHED = 100_000  # characters of a body that its hash covers (with its length)


def text_hash(body: str) -> str:
    """What identifies an article's text when its file moves: its start (spaces evened out) and
    its length. Only the start: opening a 16 MB article marks it read on the app's thread."""
    start = " ".join(body[:HASHED].split())
    return hashlib.sha1(f"{len(body)}:{start}".encode()).hexdigest()


def state_path() -> Path:
    return data_dir() / "state.sqlite"


class ReadState:
    """The marks of one content folder."""

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        self.folder = str(folder.resolve())
        self.path = path or state_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(TABLE)
        self._marks: dict[str, Mark] = {}
        self._hashes: dict[str, str] = {}
        self.reload()

    def reload(self) -> None:
        with self.lock:
            rows = self.db.execute(
                "SELECT id, hash, read, starred, tags, note FROM marks WHERE folder=?", (self.folder,)
            ).fetchall()
        self._marks = {r[0]: Mark(bool(r[2]), bool(r[3]), json.loads(r[4] or "[]"), r[5] or "") for r in rows}
        self._hashes = {r[0]: r[1] for r in rows if r[1]}

    def get(self, article_id: str) -> Mark:
        return self._marks.get(article_id) or Mark()

    def adopt_moved(self, ids: Iterable[str], body_of: Callable[[str], str]) -> int:
        """Marks of ids no longer in the folder given to the article (among ids) with the same
        text: a moved or renamed file keeps its state. Only articles without marks are read,
        and only when some marks have lost their article. Returns how many were moved."""
        present = set(ids)
        lost = {h: aid for aid, h in self._hashes.items() if aid not in present}
        if not lost:
            return 0
        moved = 0
        for aid in present - set(self._marks):
            old = lost.pop(text_hash(body_of(aid)), None)
            if old is not None:
                with self.lock:
                    self.db.execute("UPDATE marks SET id=? WHERE folder=? AND id=?", (aid, self.folder, old))
                    self.db.commit()
                moved += 1
            if not lost:
                break
        if moved:
            self.reload()
        return moved

    def update(self, article_id: str, body: str | None = None, **changes: object) -> Mark:
        """Change an article's mark: read, starred (bools), tags (a list), note (a string)."""
        mark = self.get(article_id)
        for key, value in changes.items():
            if key not in ("read", "starred", "tags", "note"):
                raise ValueError(f"no mark {key!r}")
            setattr(mark, key, value)
        digest = text_hash(body) if body is not None else self._hashes.get(article_id)
        with self.lock:
            self.db.execute(
                "INSERT OR REPLACE INTO marks VALUES(?,?,?,?,?,?,?,?)",
                (
                    self.folder,
                    article_id,
                    digest,
                    int(mark.read),
                    int(mark.starred),
                    json.dumps(mark.tags, ensure_ascii=False),
                    mark.note,
                    time.time(),
                ),
            )
            self.db.commit()
        self._marks[article_id] = mark
        if digest:
            self._hashes[article_id] = digest
        return mark

    def tags(self) -> list[str]:
        return sorted({t for m in self._marks.values() for t in m.tags})

    def close(self) -> None:
        with self.lock:
            self.db.close()
