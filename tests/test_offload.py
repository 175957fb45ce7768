"""Long-article work in a helper process: same results as in process, failures reported,
cancellation honoured, big files read and indexed apart."""

import pickle

import pytest

from capexreader import offload
from capexreader.corpus import read_article
from capexreader.figures import extract_figures
from capexreader.indexer import BIG_FILE, _one, process, read_one
from capexreader.stance import paragraph_leanings, score_stance
from capexreader.wrap import wrap_lines

from .conftest import CONTENT

BODY = (CONTENT / "articles" / "wechat-microsoft-80b-golden-opportunity.md").read_text("utf-8")


def _boom(text: str) -> str:
    raise ValueError(f"no {text}")


def test_pieces_round_trip():
    items = [(i, str(i)) for i in range(offload.PIECE * 2 + 7)]
    blobs = offload.pieces(items)
    assert len(blobs) == 3 and offload.unpieces(blobs) == items
    assert offload.unpieces(offload.pieces([])) == []


class Wire:
    """One end of a connection that keeps what is sent, for receive() to read back."""

    def __init__(self):
        self.messages = []

    def send_bytes(self, data):
        self.messages.append(bytes(data))

    def recv_bytes(self):
        return self.messages.pop(0)


def test_long_strings_travel_in_pieces_and_arrive_whole():
    long = ("资本支出𝔸\ud800 capex " * (offload.TEXT_PIECE // 5))[: offload.TEXT_PIECE * 3 + 11]
    other = "x" * (offload.TEXT_PIECE + 1)
    value = {"body": long, "more": [other, long], "short": "短", "n": 3}
    wire = Wire()
    offload.send(wire, value)
    biggest = max(len(m) for m in wire.messages)
    assert biggest <= offload.TEXT_PIECE * 4  # utf-8 of one piece at most: no whole body
    assert offload.receive(wire) == value and not wire.messages


def test_work_that_cannot_be_sent_is_reported():
    import threading

    with pytest.raises(offload.Failed):
        offload.run_apart(len, threading.Lock())


def test_study_apart_matches_the_work_done_here():
    found = offload.run_apart(offload.study, BODY, "Title", None, 2025)
    figures = offload.unpieces(found["figures"])
    assert [(f.start, f.end, f.value, f.unit, f.kind, f.entity, f.year) for f in figures] == [
        (f.start, f.end, f.value, f.unit, f.kind, f.entity, f.year)
        for f in extract_figures(BODY, year=2025)]
    here = score_stance(BODY, title="Title")
    there = pickle.loads(found["stance"])
    assert (there.label, there.score, len(there.evidence)) == (
        here.label, here.score, len(here.evidence))
    assert offload.unpieces(found["leanings"]) == paragraph_leanings(BODY)


def test_wrap_apart_matches_wrap_lines():
    starts, ends = offload.run_apart(offload.wrap, BODY, 37)
    lines = list(zip(offload.as_array(starts), offload.as_array(ends), strict=True))
    assert lines == wrap_lines(BODY, 37)


def test_a_failure_in_the_helper_is_reported():
    with pytest.raises(offload.Failed, match="ValueError: no luck"):
        offload.run_apart(_boom, "luck")


def test_a_cancelled_job_returns_none():
    assert offload.run_apart(offload.study, BODY * 50, "", None, None,
                             cancelled=lambda: True) is None


def test_a_big_file_is_read_and_indexed_apart_with_the_same_result(tmp_path, monkeypatch):
    import capexreader.indexer as indexer

    calls = []

    def spy(fn, *args, **kw):
        calls.append(fn.__name__)
        return offload.run_apart(fn, *args, **kw)

    monkeypatch.setattr(indexer, "run_apart", spy)
    unit = BODY.split("---", 2)[2]
    path = tmp_path / "big.md"
    path.write_text("---\ntitle: Big\n---\n" + unit * (BIG_FILE // len(unit.encode()) + 2))
    assert path.stat().st_size > BIG_FILE
    problems: list = []
    there = read_one(path, "big", problems)
    here = read_article(path, "big", [])
    assert (there.title, there.body) == (here.title, here.body) and not problems
    record, found = _one(("big", str(path), "k"), True, lambda: False)
    local, _ = process(("big", str(path), "k"), True)
    assert (record.body, record.postings, record.info) == (local.body, local.postings, local.info)
    assert _one(("big", str(path), "k"), True, lambda: True) is None
    assert calls == ["_read", "process", "process"]
    small = tmp_path / "small.md"
    small.write_text("---\ntitle: Small\n---\n" + unit)
    assert read_one(small, "small", []).body == read_article(small, "small", []).body
    assert calls == ["_read", "process", "process"]  # small files are read here
