"""The persistent index: incremental updates, damaged or unwritable caches, parallel builds."""

import os
import time

import pytest

from capexreader import indexer
from capexreader.indexer import corpus_from_index, kept_problems, make_plan, open_index, sync


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "content"
    write(root / "a.md", "---\ntitle: A\n---\n微软的资本支出增长，市场担心泡沫。")
    write(root / "b.md", "---\ntitle: B\n---\nThe Jevons paradox and the capex boom.")
    write(root / "c.txt", "C title\n亚马逊投入1000亿美元建设数据中心。")
    return root


def ids(result):
    return sorted(r.article for r in result.results)


def test_build_then_nothing_to_do(cache, folder):
    index, warning = open_index(folder)
    assert warning is None
    sync(folder, index)
    assert len(index) == 3 and ids(index.search("泡沫")) == ["a"]
    again, _ = open_index(folder)  # a new process would see the same file
    assert len(again) == 3
    plan = make_plan(folder, again)
    assert plan.todo == [] and plan.removed == []


def test_only_changed_added_and_removed_files_are_reindexed(cache, folder):
    index, _ = open_index(folder)
    sync(folder, index)
    time.sleep(0.01)
    write(folder / "a.md", "---\ntitle: A\n---\nNothing about bubbles any more.")
    write(folder / "d.md", "---\ntitle: D\n---\n另一篇关于泡沫的文章。")
    os.remove(folder / "c.txt")
    plan = make_plan(folder, index)
    assert sorted(aid for aid, _, _ in plan.todo) == ["a", "d"]
    assert plan.removed == ["c"]
    sync(folder, index, plan)
    assert ids(index.search("泡沫", expand=False)) == ["d"]
    assert ids(index.search("亚马逊")) == []
    corpus = corpus_from_index(folder, index)
    assert [a.id for a in corpus.articles] == ["a", "b", "d"]
    assert corpus.get("d").body == "另一篇关于泡沫的文章。"  # read from the cache


def test_cached_corpus_keeps_summaries_and_problems(cache, folder):
    (folder / "bad.txt").write_bytes(b"\x00\x01" * 30)
    index, _ = open_index(folder)
    sync(folder, index)
    corpus = corpus_from_index(folder, index)
    a = corpus.get("a")
    assert a.summary["stance_label"] in {"bearish", "mixed", "neutral", "bullish"}
    assert a.figure_count == 0 and corpus.get("c").figure_count == 1
    assert [p.path.name for p in corpus.problems] == ["bad.txt"]
    # The unreadable file is not read again while it is unchanged.
    assert make_plan(folder, index).todo == []


def test_corrupt_cache_is_rebuilt(cache, folder):
    index, _ = open_index(folder)
    sync(folder, index)
    path = index.path
    index.db.close()
    path.write_bytes(b"this is not a database" * 100)
    index, warning = open_index(folder)
    assert warning is None and len(index) == 0
    sync(folder, index)
    assert len(index) == 3


def test_unwritable_cache_falls_back_to_memory(tmp_path, monkeypatch, folder):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CAPEXREADER_CACHE_DIR", str(blocker / "cache"))
    index, warning = open_index(folder)
    assert index.path is None and "memory" in warning
    sync(folder, index)
    assert ids(index.search("Jevons")) == ["b"]


def test_parallel_build_matches_serial(cache, folder, monkeypatch):
    for n in range(6):
        write(folder / f"many/{n}.md", f"---\ntitle: N{n}\n---\n第{n}篇：资本支出与泡沫。")
    serial, _ = open_index(folder)
    sync(folder, serial, workers=1)
    expected = [(r.article, r.count) for r in serial.search("泡沫").results]
    serial.db.close()
    serial.path.unlink()
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 2)
    parallel, _ = open_index(folder)
    sync(folder, parallel, workers=2)
    assert [(r.article, r.count) for r in parallel.search("泡沫").results] == expected


def test_jieba_dictionary_cache_lives_in_our_cache_folder():
    import tempfile
    from pathlib import Path

    from capexreader.segment import tokenizer

    tk = tokenizer()
    assert Path(tk.tmp_dir) != Path(tempfile.gettempdir())
    assert (Path(tk.tmp_dir) / tk.cache_file).exists()


def test_an_unchanged_folder_is_not_compared_again_and_keeps_its_problems(cache, folder):
    (folder / "bad.txt").write_bytes(b"\x00\x01" * 30)
    index, _ = open_index(folder)
    sync(folder, index)
    plan = make_plan(folder, index)
    assert plan.unchanged and plan.todo == [] and plan.removed == []
    assert [p[0] for p in kept_problems(index, plan)] == [str(folder / "bad.txt")]
    changed = folder / "a.md"
    changed.write_text(changed.read_text("utf-8") + "\n泡沫。", "utf-8")  # in place, same folder
    os.utime(changed, ns=(1, 1))  # a new key even on a coarse clock
    plan = make_plan(folder, index)
    assert not plan.unchanged and [aid for aid, _, _ in plan.todo] == ["a"]
    sync(folder, index, plan)
    assert make_plan(folder, index).unchanged and "a" in [r.article for r in index.search("泡沫").results]


def _age_folders(root, seconds=100):
    """Folders last changed a while ago (a folder changed just now is not trusted)."""
    past = time.time() - seconds
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (past, past))


def _settled(folder):
    index, _ = open_index(folder)
    sync(folder, index)
    _age_folders(folder)
    sync(folder, index)  # a full scan that finds it in step keeps the folders' mtimes
    return index


def test_a_folder_whose_folders_did_not_change_is_not_scanned_again(cache, folder, monkeypatch):
    write(folder / "sub" / "e.md", "---\ntitle: E\n---\n谷歌。")
    index = _settled(folder)

    def no_scan(*args, **kwargs):
        raise AssertionError("scanned")

    monkeypatch.setattr(indexer, "scan", no_scan)
    plan = make_plan(folder, index)
    assert plan.unchanged and plan.folders is None


def test_a_file_added_removed_or_renamed_is_seen_at_once(cache, folder):
    index = _settled(folder)
    write(folder / "d.md", "---\ntitle: D\n---\n另一篇关于泡沫的文章。")
    plan = make_plan(folder, index)
    assert [aid for aid, _, _ in plan.todo] == ["d"]
    sync(folder, index, plan)
    _age_folders(folder)
    sync(folder, index)
    os.rename(folder / "b.md", folder / "b2.md")
    plan = make_plan(folder, index)
    assert plan.removed == ["b"] and [aid for aid, _, _ in plan.todo] == ["b2"]


def test_an_edit_in_place_is_seen_by_the_next_full_scan(cache, folder, monkeypatch):
    index = _settled(folder)
    path = folder / "a.md"
    with path.open("a", encoding="utf-8") as f:  # in place: the folder's mtime stays
        f.write("追加一句。")
    assert make_plan(folder, index).unchanged  # within TRUST_FOLDERS of the last full scan
    monkeypatch.setattr(indexer, "TRUST_FOLDERS", 0.0)
    assert [aid for aid, _, _ in make_plan(folder, index).todo] == ["a"]


def test_a_folder_removed_or_changed_just_now_is_scanned(cache, folder):
    write(folder / "sub" / "e.md", "---\ntitle: E\n---\n谷歌。")
    index = _settled(folder)
    for name in os.listdir(folder / "sub"):
        os.remove(folder / "sub" / name)
    os.rmdir(folder / "sub")
    assert make_plan(folder, index).removed == ["sub/e"]
    sync(folder, index)
    os.utime(folder)  # changed now: its mtime may be too coarse to show a second change
    assert make_plan(folder, index).folders is not None
