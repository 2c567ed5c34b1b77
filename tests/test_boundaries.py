"""The core cannot reach the UI: only coachkit/ui.py may import streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

import coachkit

PACKAGE = Path(coachkit.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_coachkit_module_but_ui_imports_streamlit():
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "ui.py" and "streamlit" in imported_modules(path)
    ]
    assert offenders == []


def test_importing_the_core_does_not_load_streamlit():
    modules = sorted(
        "coachkit." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if p.name not in {"ui.py", "__main__.py", "__init__.py"}
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
