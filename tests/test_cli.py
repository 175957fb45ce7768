"""The command line: JSON shapes of DESIGN.md, exit codes, errors on stderr."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from capexreader.cli import main

from .conftest import ROOT


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_shape(capsys):
    code, out, _ = run(capsys, "list", "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) == 5
    assert all(
        set(i)
        == {
            "id",
            "title",
            "date",
            "language",
            "source",
            "stance",
            "stance_score",
            "stance_confidence",
            "path",
            "read",
            "starred",
            "tags",
            "note",
        }
        for i in items
    )
    assert {i["language"] for i in items} == {"en", "mixed", "zh", "zh-Hant"}


def test_list_stance_filter(capsys):
    _, out, _ = run(capsys, "list", "--stance", "bearish", "--format", "json")
    assert {i["stance"] for i in json.loads(out)} == {"bearish"}


def test_show_json_body_matches_search_offsets(capsys):
    _, out, _ = run(capsys, "search", "泡沫", "--format", "json")
    result = json.loads(out)
    assert set(result) == {"query", "terms", "results"} and result["results"]
    first = result["results"][0]
    assert set(first) == {"article", "title", "score", "hits"}
    _, out, _ = run(capsys, "show", first["article"], "--format", "json")
    body = json.loads(out)["body"]
    for hit in first["hits"]:
        assert set(hit) == {"start", "end", "text", "context"}
        assert body[hit["start"] : hit["end"]] == hit["text"]


def test_search_no_expand_and_text_format(capsys):
    _, out, _ = run(capsys, "search", "bubble", "--no-expand", "--format", "json")
    assert json.loads(out)["terms"] == ["bubble"]
    code, out, _ = run(capsys, "search", "Jevons")
    assert code == 0 and "1 articles" in out


def test_figures_json_csv_table(capsys):
    _, out, _ = run(capsys, "figures", "--format", "json")
    rows = json.loads(out)
    fields = [
        "article",
        "text",
        "start",
        "end",
        "value",
        "value_high",
        "unit",
        "kind",
        "entity",
        "year",
        "sentence",
    ]
    assert rows and all(list(r) == fields for r in rows)
    article = rows[0]["article"]
    _, out, _ = run(capsys, "figures", "--article", article, "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert parsed and {r["article"] for r in parsed} == {article}
    code, out, _ = run(capsys, "figures", "--article", article)
    assert code == 0 and "$" in out


def test_errors(capsys, tmp_path):
    code, _, err = run(capsys, "show", "no/such/article")
    assert code == 1 and "no article" in err
    code, _, err = run(capsys, "list", "--content", str(tmp_path / "missing"))
    assert code == 1 and "missing" in err
    with pytest.raises(SystemExit) as exc:
        main(["list", "--format", "yaml"])
    assert exc.value.code == 2


def test_unreadable_file_is_one_line_on_stderr(capsys, tmp_path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\nok")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01" * 50)
    code, out, err = run(capsys, "list", "--content", str(tmp_path), "--format", "json")
    assert code == 0 and [i["title"] for i in json.loads(out)] == ["Good"]
    assert err.count("\n") == 1 and "bad.txt" in err


def test_installed_entry_point_from_another_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-m", "capexreader", "list", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert len(json.loads(out.stdout)) == 5
    assert out.stderr == ""  # jieba and friends print nothing
    version = subprocess.run(
        [sys.executable, "-m", "capexreader", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert version.stdout.startswith("capexreader ")


@pytest.fixture
def tracked(tmp_path):
    from .tracker_corpus import write_corpus

    return str(write_corpus(tmp_path / "tracked"))


def test_track_json_lines(capsys, tracked):
    code, out, _ = run(capsys, "track", "--content", tracked, "--format", "json")
    lines = json.loads(out)
    assert code == 0 and [(ln["entity"], ln["kind"], ln["year"]) for ln in lines] == [
        ("Microsoft", "capex", 2025),
        ("Meta", "capex", 2025),
    ]
    ms = lines[0]
    assert ms["latest"]["value"] == 85e9
    assert [(s["article"], s["change"], s["expectation"]) for s in ms["statements"]] == [
        ("ms-jan", "first", False),
        ("ms-apr", "raised", False),
        ("ms-jul", "reiterated", False),
        ("ms-jul", "first", True),
        ("ms-oct", "lowered", False),
    ]
    assert ms["statements"][1]["copies"] == ["ms-apr-copy"]
    code, out, _ = run(
        capsys, "track", "--content", tracked, "--entity", "微軟", "--year", "2024", "--format", "json"
    )
    assert code == 0 and json.loads(out) == []


def test_track_and_figures_export_with_provenance(capsys, tracked, tmp_path):
    code, out, _ = run(capsys, "track", "--content", tracked, "--entity", "meta", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["change"] for r in rows] == ["first", "raised", "reiterated"]
    body = {r["article"]: r for r in rows}["meta-may"]
    assert body["title"] == "Meta lifts guidance" and body["difference"] == "5500000000.0"
    target = tmp_path / "out" / "figures.xlsx"
    code, _, err = run(capsys, "figures", "--content", tracked, "--output", str(target))
    assert code == 0 and "rows written" in err
    import openpyxl

    values = list(openpyxl.load_workbook(target).active.values)
    header, first = values[0], dict(zip(values[0], values[1], strict=True))
    assert "sentence" in header and "start" in header
    text = (tmp_path / "tracked").joinpath(f"{first['article']}.md").read_text("utf-8")
    assert first["text"] in text
    assert run(capsys, "figures", "--content", tracked, "--format", "xlsx")[0] == 2  # needs --output


def test_brief_markdown_and_html(capsys, tracked, tmp_path):
    code, out, _ = run(capsys, "brief", "--content", tracked)
    assert code == 0 and "## Microsoft" in out and "**$85B**" in out and "▼ lowered" in out
    assert "analysts expect $90B" in out and "Sources: 4 articles" in out
    target = tmp_path / "brief.html"
    assert run(capsys, "brief", "--content", tracked, "--format", "html", "--output", str(target))[0] == 0
    html = target.read_text("utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and "<h2>Microsoft</h2>" in html
        and "<strong>$85B</strong>" in html
    )
