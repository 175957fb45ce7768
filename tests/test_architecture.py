"""The model never imports Textual; the UI uses no private Textual API; modules stay small."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import capexreader

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "capexreader"
ENTRY = {"ui", "cli", "commands", "__main__"}


def model_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(capexreader.__path__) if m.name not in ENTRY)


def test_model_modules_import_without_textual():
    model = model_modules()
    assert {"corpus", "figures", "search", "stance", "session", "offload"} <= set(model)
    code = (
        "import importlib, sys\n"
        f"for name in {model!r}:\n"
        "    importlib.import_module('capexreader.' + name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_import_contract_covers_every_model_module():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert {"textual", "capexreader.ui", "gc"} <= set(contract["forbidden_modules"])
    assert sorted(contract["source_modules"]) == [f"capexreader.{m}" for m in model_modules()]


def ui_files() -> list[Path]:
    return sorted((PACKAGE / "ui").rglob("*.py"))


def test_no_private_textual_module_is_imported():
    for path in ui_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("textual"):
                    assert not any(part.startswith("_") for part in name.split(".")), (path, name)


def test_the_app_is_small_and_so_is_every_ui_class():
    assert len((PACKAGE / "ui" / "app.py").read_text("utf-8").splitlines()) <= 150
    for path in ui_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                size = node.end_lineno - node.lineno + 1
                assert size <= 350, (path.name, node.name, size)
