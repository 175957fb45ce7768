"""Sizes that decide where work is done."""

LONG = 200_000  # characters: a longer body is read and worked on away from the reader's thread
