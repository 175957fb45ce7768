"""Long-article work in a helper process: same results as in process, failures reported,
cancellation honoured, big files read and indexed apart."""

import pickle

import pytest

from capexreader import offload
from capexreader.corpus import read_article
from capexreader.figures import extract_figures
from capexreader.indexer import BIG_FILE, _one, process, read_one
from capexreader.layout import lay_out, layout_text
from capexreader.stance import paragraph_leanings, score_stance

from .conftest import CONTENT

BODY = (CONTENT / "articles" / "wechat-microsoft-80b-golden-opportunity.md").read_text("utf-8")


def _boom(text: str) -> str:
    raise ValueError(f"no {text}")


def test_pieces_round_trip():
    items = [(i, str(i)) for i in range(offload.PIECE * 2 + 7)]
    blobs = offload.pieces(items)
    assert len(blobs) == 3 and offload.unpieces(blobs) == items
    assert offload.unpieces(offload.pieces([])) == []


@pytest.fixture(scope="module")
def helper():
    helper = offload.Helper()
    yield helper
    helper.stop()


def test_work_that_cannot_be_sent_is_reported(helper):
    import threading

    with pytest.raises(offload.Failed, match="cannot send"):
        helper.run(len, threading.Lock())
    assert helper.run(len, "still here") == 10  # the same process goes on


def test_study_apart_matches_the_work_done_here(helper):
    found = helper.run(offload.study, BODY, "Title", None, 2025)
    figures = offload.unpieces(found["figures"])
    assert [(f.start, f.end, f.value, f.unit, f.kind, f.entity, f.year) for f in figures] == [
        (f.start, f.end, f.value, f.unit, f.kind, f.entity, f.year) for f in extract_figures(BODY, year=2025)
    ]
    here = score_stance(BODY, title="Title")
    there = pickle.loads(found["stance"])
    assert (there.label, there.score, len(there.evidence)) == (here.label, here.score, len(here.evidence))
    assert offload.unpieces(found["leanings"]) == paragraph_leanings(BODY)


def test_a_layout_apart_matches_one_made_here(helper):
    doc, layout = offload.unpack_layout(helper.run(offload.lay_out, BODY, 37))
    here_doc, here = layout_text(BODY, 37)
    assert list(layout.starts) == list(here.starts) and list(layout.ends) == list(here.ends)
    assert list(layout.block) == list(here.block) and doc.links == here_doc.links
    wider = offload.unpack_layout(helper.run(offload.lay_out, BODY, 60))[1]  # parsed once there
    assert list(wider.starts) == list(lay_out(here_doc, BODY, 60).starts)


def test_the_helpers_own_errors_are_raised_as_they_are(helper):
    with pytest.raises(ValueError, match="no luck"):
        helper.run(_boom, "luck")


def test_one_process_serves_job_after_job(helper):
    import os

    first = helper.run(os.getpid)
    assert first != os.getpid() and helper.run(os.getpid) == first


def test_a_cancelled_job_returns_none_and_the_next_one_runs(helper):
    import os

    before = helper.run(os.getpid)
    assert helper.run(offload.study, BODY * 50, "", None, None, cancelled=lambda: True) is None
    after = helper.run(os.getpid)  # the running job was stopped with its process
    assert after != before and helper.run(len, "ok") == 2


def test_a_helper_that_dies_is_reported_and_replaced(helper):
    import os
    import signal

    with pytest.raises(offload.Failed, match="ended"):
        helper.run(os.kill, helper.run(os.getpid), signal.SIGKILL)
    assert helper.run(len, "back") == 4


def test_no_process_at_all_is_reported(monkeypatch):
    import multiprocessing

    def refuse(_method):
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    with pytest.raises(offload.Failed, match="no processes here"):
        offload.Helper().run(len, "x")


def test_a_big_file_is_read_and_indexed_apart_with_the_same_result(tmp_path, monkeypatch):
    import capexreader.indexer as indexer

    calls = []

    def spy(fn, *args, **kw):
        calls.append(fn.__name__)
        return real(fn, *args, **kw)

    real = indexer.helper.run
    monkeypatch.setattr(indexer.helper, "run", spy)
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
    assert (record.body, record.terms, record.spans, record.info) == (
        local.body,
        local.terms,
        local.spans,
        local.info,
    )
    assert _one(("big", str(path), "k"), True, lambda: True) is None
    assert calls == ["_read", "process", "process"]
    small = tmp_path / "small.md"
    small.write_text("---\ntitle: Small\n---\n" + unit)
    assert read_one(small, "small", []).body == read_article(small, "small", []).body
    assert calls == ["_read", "process", "process"]  # small files are read here


def test_a_job_queued_behind_a_cancelled_one_still_runs():
    import threading
    import time

    helper = offload.Helper()
    try:
        helper.run(len, "start")
        stop = threading.Event()
        results = {}

        def first():
            # a job that runs until it is cancelled, however fast the machine
            results["first"] = helper.run(time.sleep, 60, cancelled=stop.is_set)

        thread = threading.Thread(target=first)
        thread.start()
        time.sleep(0.3)  # the long job is running; the next one queues behind it
        later = threading.Thread(target=lambda: results.update(second=helper.run(len, "queued")))
        later.start()
        time.sleep(0.2)
        stop.set()
        thread.join(30)
        later.join(30)
        assert results == {"first": None, "second": 6}
    finally:
        helper.stop()
