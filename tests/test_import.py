"""import: saved pages, feeds and URLs (served by a server the test starts on 127.0.0.1),
nothing overwritten, one line per failure; saved pages read in place."""

import http.server
import json
import threading

import pytest

from capexreader.cli import main
from capexreader.corpus import load_corpus
from capexreader.importer import import_sources

from .pages import en_page, feed, zh_page


@pytest.fixture
def server():
    """A local site: two article pages, a feed of them, a page with no text, a missing page."""
    pages = {
        "/zh.html": (zh_page("gbk").encode("gbk"), "text/html; charset=gbk"),
        "/en.html": (en_page().encode(), "text/html"),
        "/empty.html": (b"<html><body><nav>Home</nav></body></html>", "text/html"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            if self.path == "/feed.xml":
                base = f"http://127.0.0.1:{self.server.server_port}"
                body = feed(
                    [("微软上调投资", "/zh.html", "摘要"), ("Meta", "/en.html", "summary")], base
                ).encode()
                found = (body, "application/rss+xml")
            else:
                found = pages.get(self.path)
            if found is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", found[1])
            self.end_headers()
            self.wfile.write(found[0])

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def written(folder):
    return sorted(p.read_text("utf-8") for p in folder.glob("*.md"))


def test_saved_pages_in_both_languages_one_in_gbk(tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "zh.htm").write_bytes(zh_page("gbk").encode("gbk"))
    (saved / "en.html").write_text(en_page(), "utf-8")
    library = tmp_path / "library"
    outcomes = import_sources([str(saved)], library)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    texts = written(library)
    assert any("title: 微软宣布投入800亿美元建设数据中心" in t and "800亿美元" in t for t in texts)
    english = next(t for t in texts if "Meta" in t)
    assert "date: '2025-07-31'" in english and "site: Example News" in english
    for junk in ("Advertisement", "Log in", "All rights reserved", "Another story"):
        assert all(junk not in t for t in texts)
    corpus = load_corpus(library)  # what was written reads back as articles
    assert {a.date for a in corpus.articles} == {"2025-07-31"} and len(corpus.articles) == 2
    again = import_sources([str(saved)], library)  # nothing is overwritten
    assert [o.status for o in again] == ["exists", "exists"] and len(written(library)) == 2


def test_a_feed_with_its_pages_served_and_urls(tmp_path, server):
    library = tmp_path / "library"
    outcomes = import_sources([f"{server}/feed.xml"], library)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    texts = written(library)
    assert any(f"source: {server}/zh.html" in t and "资本开支将达到800亿美元" in t for t in texts)
    assert [o.status for o in import_sources([f"{server}/en.html"], library)] == ["exists"]  # same address
    bad = import_sources([f"{server}/missing.html", f"{server}/empty.html", "ftp://example.com/x"], library)
    assert [o.status for o in bad] == ["failed"] * 3
    assert "HTTP 404" in bad[0].reason and "no article text" in bad[1].reason
    assert "only http and https" in bad[2].reason


def test_a_feed_file_whose_entries_have_no_page_uses_their_content(tmp_path):
    path = tmp_path / "feed.xml"
    body = (
        "<p>"
        + "英伟达公布季度营收创新高，数据中心业务收入同比增长逾一倍，市场对AI需求的担忧暂时缓解。" * 3
        + "</p>"
    )
    path.write_text(feed([("英伟达财报", "", body)]), "utf-8")
    outcomes = import_sources([str(path)], tmp_path / "lib")
    assert [o.status for o in outcomes] == ["imported"]
    (text,) = written(tmp_path / "lib")
    assert "title: 英伟达财报" in text and "数据中心业务收入" in text


def test_the_import_command_says_one_line_per_failure_and_its_exit_codes(tmp_path, server, capsys):
    into = tmp_path / "lib"
    code = main(["import", f"{server}/en.html", f"{server}/missing.html", "--into", str(into)])
    out, err = capsys.readouterr()
    assert code == 0  # something came in
    lines = err.strip().splitlines()
    assert lines[0].endswith("HTTP 404 Not Found") and lines[-1].startswith(
        "capexreader: 1 imported, 0 already"
    )
    code = main(["import", f"{server}/en.html", "--into", str(into), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)[0]["status"] == "exists"
    assert main(["import", f"{server}/missing.html", "--into", str(into)]) == 1  # everything failed
    capsys.readouterr()
    with pytest.raises(SystemExit) as usage:
        main(["import"])
    assert usage.value.code == 2


def test_saved_pages_in_a_content_folder_are_read_in_place_and_others_counted(tmp_path, capsys):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "page.html").write_bytes(zh_page("gbk").encode("gbk"))
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4")
    before = sorted(p.name for p in folder.iterdir())
    code = main(["list", "--content", str(folder), "--format", "json"])
    out, err = capsys.readouterr()
    (item,) = json.loads(out)
    assert code == 0 and item["title"] == "微软宣布投入800亿美元建设数据中心" and item["id"] == "page"
    assert "1 files of other kinds skipped" in err
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written there
