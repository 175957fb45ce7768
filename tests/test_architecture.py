"""The model never imports Textual."""

import pkgutil
import subprocess
import sys

import capexreader

UI = {"app", "cli", "screens", "widgets", "__main__"}


def test_model_modules_import_without_textual():
    model = [m.name for m in pkgutil.iter_modules(capexreader.__path__) if m.name not in UI]
    assert {"corpus", "figures", "search", "stance", "clean", "cache"} <= set(model)
    code = (
        "import importlib, sys\n"
        f"for name in {model!r}:\n"
        "    importlib.import_module('capexreader.' + name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
