"""What the import contracts (pyproject.toml, `lint-imports`) cannot see: what importing the
core loads at run time, through other packages and lazy imports as well."""

import subprocess
import sys
from pathlib import Path

import coachkit

PACKAGE = Path(coachkit.__file__).parent


def test_importing_the_core_does_not_load_streamlit():
    modules = sorted(
        "coachkit." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1]
        and p.name not in {"__main__.py", "__init__.py"}
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
