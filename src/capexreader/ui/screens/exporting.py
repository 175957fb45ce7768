"""Exports from a screen: written into the user's exports folder, said in a notification."""

from __future__ import annotations

import time

from textual.app import App


def export_rows(app: App, name: str, rows: list[dict], columns: list[str], suffix: str) -> None:
    from capexreader.export import save
    from capexreader.paths import exports_dir

    if not rows:
        app.notify("Nothing to export: no row is shown.", severity="warning")
        return
    path = exports_dir() / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    try:
        save(path, rows, columns, name)
    except OSError as exc:
        app.notify(f"{path}: {exc.strerror or exc}", title="Export failed", severity="error")
        return
    app.notify(f"{len(rows)} rows → {path}", title="Exported")
