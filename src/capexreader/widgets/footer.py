"""Textual's Footer, rebuilt only when it must be.

The stock Footer recomposes all its keys whenever the focus moves. Our footer shows only the
app's own keys (quit, search, help, palette); moving into the search bar takes the printable
ones away (they type there) and moving out brings them back. Here they are dimmed and
brightened in place, which costs a repaint instead of a recompose and a new layout."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._composed: dict[str, tuple] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        shown = {b.key: (b.description, enabled, tooltip)
                 for _, b, enabled, tooltip in screen.active_bindings.values() if b.show}
        composed = self._composed
        if self._bindings_ready and composed is not None and all(
                composed.get(key) == value for key, value in shown.items()):
            for key in self.query(FooterKey):  # dimmed, not hidden: no new layout
                if not key.has_class("-command-palette"):
                    key.disabled = key.key not in shown
            return
        self._composed = shown
        super().bindings_changed(screen)
