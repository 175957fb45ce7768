"""Access to the YAML data files shipped in capexreader/data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """Load ``data/<name>.yaml`` from the package (safe loading only)."""
    text = resources.files("capexreader").joinpath("data").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)
