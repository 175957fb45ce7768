"""The index build's progress bar under the article list: mounted when a build first reports,
hidden when it is done."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import ProgressBar


class IndexProgress(ProgressBar):
    @classmethod
    def report(cls, container: Widget, done: int, total: int) -> None:
        """Show done of total below container's children (mounting the bar the first time)."""
        bars = container.query(cls)
        if not bars and done >= total:
            return
        bar = bars.first() if bars else cls(id="index-progress", show_eta=False)
        if not bars:  # mounted when first needed: the first frame has less to draw
            container.mount(bar)
        bar.display = done < total
        bar.update(total=total, progress=done)
