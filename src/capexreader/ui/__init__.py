"""Everything Textual: the app, its screens, widgets, messages and workers."""
