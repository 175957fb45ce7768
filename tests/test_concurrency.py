"""One folder's index used by several processes at once; builds killed midway; failures said
in one line."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

CLI = [sys.executable, "-m", "capexreader"]


def write_folder(folder, count, start=0):
    folder.mkdir(exist_ok=True)
    for n in range(start, start + count):
        text = f"---\ntitle: 第{n}篇 capex\ndate: 2025-01-{1 + n % 28:02}\n---\n" + (
            f"微软第{n}次宣布投入{n}0亿美元建设数据中心，市场担心AI泡沫。Capex bubble fears, part {n}.\n" * 3
        )
        (folder / f"{n:04}.md").write_text(text, "utf-8")


def run(args, cache, **kw):
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": str(cache)}
    return subprocess.Popen(
        [*CLI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def together(commands, cache):
    procs = [run(args, cache) for args in commands]
    outputs = [p.communicate(timeout=180) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outputs, strict=True)]


@pytest.mark.parametrize("count", [12, 260])  # a few files, and a build in worker processes
def test_processes_started_together_on_a_new_folder_all_answer_the_same(tmp_path, count):
    folder = tmp_path / "articles"
    write_folder(folder, count)
    cache = tmp_path / "cache"
    answers = together([["list", "--content", str(folder), "--format", "json"]] * 3, cache)
    for code, _out, err in answers:
        assert code == 0, err
        assert "Traceback" not in err
    outputs = {out for _, out, _ in answers}
    assert len(outputs) == 1 and len(json.loads(outputs.pop())) == count


def test_searches_meeting_a_changed_and_an_added_file_all_succeed(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder, 20)
    cache = tmp_path / "cache"
    assert run(["list", "--content", str(folder)], cache).wait(120) == 0
    (folder / "0003.md").write_text("---\ntitle: changed\n---\n泡沫已经破裂。", "utf-8")
    write_folder(folder, 1, start=20)
    args = ["search", "泡沫", "--content", str(folder), "--format", "json"]
    answers = together([args] * 3, cache)
    assert [code for code, _, _ in answers] == [0, 0, 0], [err for _, _, err in answers]
    results = [[r["article"] for r in json.loads(out)["results"]] for _, out, _ in answers]
    assert results[0] == results[1] == results[2] and len(results[0]) == 21


def test_a_build_killed_at_any_moment_is_repaired_by_the_next_run(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder, 300)
    clean = run(["search", "泡沫", "--content", str(folder), "--format", "json"], tmp_path / "clean")
    expected, _ = clean.communicate(timeout=180)
    cache = tmp_path / "cache"
    rng = random.Random(7)
    for _ in range(3):
        proc = run(["list", "--content", str(folder)], cache)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    again = run(["search", "泡沫", "--content", str(folder), "--format", "json"], cache)
    out, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    assert json.loads(out) == json.loads(expected)


def test_a_failing_write_is_one_line_with_the_details_in_the_log(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder, 3)
    cache = tmp_path / "cache"
    code = (
        "import sys\n"
        "from capexreader import search, cli\n"
        "def full(*a, **k):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "search.SearchIndex.put = full\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": str(cache)}
    args = ["list", "--content", str(folder)]
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"capexreader: indexing {folder} failed: OSError:")
    assert "No space left on device" in lines[0] and "--debug" in lines[1]
    assert "Traceback" in (cache / "capexreader.log").read_text("utf-8")
    debug = subprocess.run(
        [sys.executable, "-c", code, *args, "--debug"], env=env, capture_output=True, text=True
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr


async def test_the_reader_picks_up_what_another_process_indexed(tmp_path, monkeypatch):
    from capexreader.ui.app import CapexReaderApp
    from capexreader.ui.screens import reader
    from capexreader.ui.widgets.article_list import ArticleList

    from .conftest import wait_ready

    monkeypatch.setattr(reader, "WATCH_EVERY", 0.2)
    folder = tmp_path / "articles"
    write_folder(folder, 3)
    app = CapexReaderApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        assert len(app.query_one(ArticleList).article_ids) == 3
        app.reader.open_article("0001")  # the open article stays, whatever the others do
        write_folder(folder, 2, start=3)
        (folder / "0000.md").unlink()
        other = subprocess.run([*CLI, "list", "--content", str(folder)], capture_output=True, text=True)
        assert other.returncode == 0, other.stderr
        for _ in range(100):
            await pilot.pause(0.05)
            if len(app.query_one(ArticleList).article_ids) == 4:
                break
        assert app.query_one(ArticleList).article_ids == ["0001", "0002", "0003", "0004"]


async def test_the_reader_waits_for_another_processes_build_and_says_so(tmp_path, monkeypatch):
    from filelock import FileLock

    from capexreader.indexer import index_path
    from capexreader.ui.app import CapexReaderApp
    from capexreader.ui.widgets.article_list import ArticleList

    from .conftest import wait_ready

    folder = tmp_path / "articles"
    write_folder(folder, 2)
    built = subprocess.run([*CLI, "list", "--content", str(folder)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    write_folder(folder, 1, start=2)  # a new file, while another process is building
    lock = FileLock(f"{index_path(folder)}.lock")
    lock.acquire()  # as another process building this folder's index would
    app = CapexReaderApp(folder)
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if said:
                    break
            assert any("Another capexreader is indexing" in m for m in said)
            assert not app.session.ready and len(app.query_one(ArticleList).article_ids) == 3
            lock.release()
            await wait_ready(pilot)
            assert app.session.index is not None and len(app.session.index) == 3
            assert len(app.query_one(ArticleList).article_ids) == 3
    finally:
        if lock.is_locked:
            lock.release()


QUOTA = (
    "import resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (120_000, 120_000))\n"
    "from capexreader import cli\n"
    "sys.exit(cli.main(sys.argv[1:]))\n"
)


def test_a_full_disk_is_one_line_and_leaves_no_half_written_file(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder, 60)
    for f in folder.iterdir():  # long enough that the index outgrows the quota
        f.write_text(f.read_text("utf-8") + "数据中心的资本开支继续增长。\n" * 200, "utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "CAPEXREADER_CACHE_DIR": str(cache)}
    args = ["list", "--content", str(folder)]
    done = subprocess.run([sys.executable, "-c", QUOTA, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    first = done.stderr.strip().splitlines()[0]
    assert first.startswith(f"capexreader: indexing {folder} failed:"), done.stderr
    assert not [p.name for p in cache.iterdir() if p.name.startswith("tmp")]
    # with room again, the next run repairs what was left and answers in full
    again = run(["list", "--content", str(folder), "--format", "json"], cache)
    out, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    assert len(json.loads(out)) == 60


def test_a_cache_folder_that_cannot_be_made_is_said_and_the_command_answers(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder, 3)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    proc = run(["search", "泡沫", "--content", str(folder), "--format", "json"], blocked)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert err.strip() == "capexreader: no writable cache folder: the index lives in memory this time"
    assert len(json.loads(out)["results"]) == 3
