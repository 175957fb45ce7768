"""A long file's indexing spread over processes gives what one process gives."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexreader import indexer, spread
from capexreader.fold import fold
from capexreader.query import index_phrases, index_text, index_tokens, join_terms, line_chunks, pieces_of

LINES = [
    "微软的资本支出增长30%，市场担心AI泡沫；Meta spends $60-65 billion on data centers.",
    "谷歌母公司Alphabet预计今年资本开支达到750亿美元。",
    "The Jevons paradox, Nadella says, means cheaper AI will be used far more.",
    "",
    "亞馬遜投入千億元建設數據中心，龐氏騙局之說再起。",
]


def long_text(lines: int) -> str:
    return "\n".join(f"{i} {LINES[i % len(LINES)]}" for i in range(lines))


@given(
    st.lists(st.text(alphabet="ab\n", min_size=0, max_size=9000), min_size=1, max_size=12),
    st.integers(1, 60_000),
)
@settings(max_examples=60, deadline=None)
def test_pieces_are_runs_of_line_chunks_that_make_up_the_text(parts, size):
    text = "".join(parts)
    pieces = pieces_of(text, size)
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    cuts = {o for o, _ in line_chunks(text)}
    assert all(o in cuts for o, _ in pieces)
    assert all(len(p) <= size for _, p in pieces if len(line_chunks(p)) > 1)  # one chunk may be longer


def test_the_pieces_words_joined_are_the_whole_texts():
    folded = fold(long_text(900))  # about 50,000 characters: three line chunks
    pieces = pieces_of(folded, 25_000)
    assert len(pieces) > 1
    joined = index_phrases(folded)
    for offset, piece in pieces:
        join_terms(joined, index_tokens(piece, offset))
    assert joined == index_text(folded)


def test_a_long_file_spread_over_processes_is_indexed_as_by_one(tmp_path, monkeypatch):
    body = long_text(900)
    (tmp_path / "long.md").write_text("---\ntitle: 微软资本支出\n---\n" + body, "utf-8")
    (tmp_path / "short.md").write_text("---\ntitle: Short\n---\n泡沫与 capex。", "utf-8")
    (tmp_path / "bad.md").write_bytes(bytes(range(256)) * 20)  # binary: a problem, no record
    jobs = [(p.stem, str(p), "k") for p in sorted(tmp_path.iterdir())]
    expected = {job[0]: spread.process(job) for job in jobs}
    monkeypatch.setattr(spread, "LONG", 20_000)
    monkeypatch.setattr(spread, "PIECE", 20_000)
    got = {}
    for record, problems in spread.run(jobs, 2):
        aid = record.id if record else "bad"
        got[aid] = (record, problems)
    assert got.keys() == expected.keys() and expected["bad"][0] is None and expected["bad"][1]
    for aid, (record, problems) in got.items():
        assert problems == expected[aid][1]
        assert record == expected[aid][0]


def test_the_stance_of_a_long_file_is_kept_when_nothing_else_is_summarised(tmp_path, monkeypatch):
    path = tmp_path / "long.md"
    path.write_text("---\ntitle: Long\n---\n" + long_text(400), "utf-8")
    monkeypatch.setattr(spread, "LONG", 1000)
    [(record, _)] = list(spread.run([("long", str(path), "k")], 2, summarise=False))
    assert record.info["stance_label"] in ("bullish", "bearish", "mixed", "neutral")
    assert "figures" not in record.info  # the app counts them later


def test_a_big_file_is_spread_and_the_index_answers_as_a_serial_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    root.mkdir()
    (root / "long.md").write_text("---\ntitle: Long\n---\n" + long_text(900), "utf-8")
    (root / "other.md").write_text("---\ntitle: Other\n---\n泡沫？Jevons。", "utf-8")
    serial, _ = indexer.open_index(root)
    indexer.sync(root, serial, workers=1)
    expected = [(r.article, r.count, r.score) for r in serial.search("泡沫 Jevons").results]
    serial.db.close()
    serial.path.unlink()
    called = []
    monkeypatch.setattr(indexer, "BIG_FILE", 10_000)
    monkeypatch.setattr(spread, "run", lambda *a, **k: called.append(1) or RUN(*a, **k))
    spread_index, _ = indexer.open_index(root)
    indexer.sync(root, spread_index, workers=2)
    assert called
    assert [(r.article, r.count, r.score) for r in spread_index.search("泡沫 Jevons").results] == expected


RUN = spread.run


def test_where_no_pool_can_start_the_files_are_indexed_one_after_another(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    root.mkdir()
    (root / "long.md").write_text("---\ntitle: Long\n---\n" + long_text(300), "utf-8")

    tried = []

    def no_processes() -> None:
        tried.append(1)
        raise OSError("no processes here")

    monkeypatch.setattr(spread, "start_tracker", no_processes)
    monkeypatch.setattr(indexer, "BIG_FILE", 1000)
    index, _ = indexer.open_index(root)
    indexer.sync(root, index, workers=2)
    assert tried and [r.article for r in index.search("泡沫").results] == ["long"]


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_the_index_workers_run_at_the_lowest_priority():
    with spread.pool(2) as processes:
        seen = processes.starmap(os.getpriority, [(os.PRIO_PROCESS, 0)] * 4)
    assert set(seen) == {spread.LOWEST}
