"""capexreader: a terminal reader for the news about big tech's AI capital expenditure."""

__version__ = "0.1.0"
