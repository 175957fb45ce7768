"""write_atomic: whole or not at all."""

import os

import pytest

from capexreader import atomic
from capexreader.atomic import write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "sub" / "out.csv"
    write_atomic(target, "一,二\n")
    assert target.read_text("utf-8") == "一,二\n"
    write_atomic(target, b"bytes")
    assert target.read_bytes() == b"bytes"
    assert os.listdir(target.parent) == ["out.csv"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("old", "utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new " * 1000)
    assert target.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.md"]
