"""The pane keys (j, k, space, b, g, G) in a dialog: they move its list or scroll its text."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

PANE_KEYS: list[BindingType] = [
    Binding("j", "pane('down')", "Down", show=False, id="dialog.down", tooltip="Down a line"),
    Binding("k", "pane('up')", "Up", show=False, id="dialog.up", tooltip="Up a line"),
    Binding(
        "space", "pane('page_down')", "Page down", show=False, id="dialog.page_down", tooltip="Down a page"
    ),
    Binding("b", "pane('page_up')", "Page up", show=False, id="dialog.page_up", tooltip="Up a page"),
    Binding("g", "pane('home')", "Top", show=False, id="dialog.top", tooltip="To the top"),
    Binding("G", "pane('end')", "Bottom", show=False, id="dialog.bottom", tooltip="To the bottom"),
]
_LIST = {
    "down": "action_cursor_down",
    "up": "action_cursor_up",
    "page_down": "action_page_down",
    "page_up": "action_page_up",
    "home": "action_first",
    "end": "action_last",
}
_TABLE = {
    "down": "action_cursor_down",
    "up": "action_cursor_up",
    "page_down": "action_page_down",
    "page_up": "action_page_up",
    "home": "action_scroll_top",
    "end": "action_scroll_bottom",
}
_SCROLL = {
    "down": "scroll_down",
    "up": "scroll_up",
    "page_down": "scroll_page_down",
    "page_up": "scroll_page_up",
    "home": "scroll_home",
    "end": "scroll_end",
}


def move_pane(widget: Widget, how: str) -> None:
    """Move a dialog's list cursor, or scroll its text at once (no animation)."""
    if isinstance(widget, OptionList):
        getattr(widget, _LIST[how])()
    elif isinstance(widget, DataTable):
        getattr(widget, _TABLE[how])()
    else:
        getattr(widget, _SCROLL[how])(animate=False)
