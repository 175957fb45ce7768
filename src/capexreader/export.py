"""Exports with provenance: the figures table and the tracker as CSV or XLSX, every row with
its article, title, source, date, sentence and offsets. Files are written whole or not at all."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic

if TYPE_CHECKING:
    from .reconcile import Mention
    from .tracker import Line

FIGURE_COLUMNS = [
    "article",
    "title",
    "source",
    "date",
    "entity",
    "kind",
    "year",
    "amount",
    "value",
    "value_high",
    "unit",
    "expectation",
    "text",
    "sentence",
    "start",
    "end",
]
TRACK_COLUMNS = [
    "entity",
    "kind",
    "year",
    "unit",
    "date",
    "article",
    "title",
    "source",
    "amount",
    "value",
    "value_high",
    "change",
    "difference",
    "expectation",
    "copies",
    "sentence",
    "start",
    "end",
]
FORMATS = (".csv", ".xlsx")


def figure_records(mentions: Iterable[Mention]) -> list[dict]:
    rows = []
    for m in mentions:
        a, f = m.article, m.figure
        rows.append(
            {
                "article": a.id,
                "title": a.title,
                "source": a.source,
                "date": a.date,
                "entity": f.entity,
                "kind": f.kind,
                "year": f.year,
                "amount": f.amount(),
                "value": f.value,
                "value_high": f.value_high,
                "unit": f.unit,
                "expectation": f.expectation,
                "text": " ".join(f.text.split()),
                "sentence": f.sentence,
                "start": f.start,
                "end": f.end,
            }
        )
    return rows


def tracker_records(lines: Iterable[Line]) -> list[dict]:
    rows = []
    for line in lines:
        for s in line.statements:
            row = {"entity": line.entity, "kind": line.kind, "year": line.year, **s.to_dict()}
            row["copies"] = " ".join(s.copies)
            rows.append({k: row[k] for k in TRACK_COLUMNS})
    return rows


def to_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return out.getvalue()


def to_xlsx(rows: list[dict], columns: list[str], sheet: str) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_urls": False})
    page = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    page.write_row(0, 0, columns, bold)
    for r, row in enumerate(rows, start=1):
        page.write_row(r, 0, ["" if row[c] is None else row[c] for c in columns])
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, len(rows), len(columns) - 1)
    book.close()
    return out.getvalue()


def save(path: Path, rows: list[dict], columns: list[str], sheet: str) -> Path:
    """Write rows to path as CSV or XLSX, chosen by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: an export ends in .csv or .xlsx")
    data: str | bytes = to_csv(rows, columns) if suffix == ".csv" else to_xlsx(rows, columns, sheet)
    write_atomic(path, data)
    return path
