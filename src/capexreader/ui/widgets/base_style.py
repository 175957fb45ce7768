"""A widget's own Rich style, computed once until its styles change.

``Widget.rich_style`` walks every ancestor on each call; a line-API widget asks for it on every
line it draws, which was most of the cost of drawing the article list."""

from __future__ import annotations

from rich.style import Style


class BaseStyle:
    """Mix into a Widget: ``base_style`` is ``rich_style``, kept until the next style update."""

    _base_style: Style | None = None

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style  # type: ignore[attr-defined]
        return self._base_style

    def notify_style_update(self) -> None:
        self._base_style = None
        self.styles_changed()
        super().notify_style_update()  # type: ignore[misc]

    def styles_changed(self) -> None:
        """Drop what was drawn with the old styles (a theme change): override to do so."""
