"""Benches that cannot rot: each script in bench/ runs in its smoke mode (tiny sizes, the same
code paths, its own temporary folder), so a change to the schema, the metrics or the pages that
breaks a bench fails here, not on the next run of record. The figures are not checked: they
are a report, and a busy machine would fail a timed test for nothing. What is checked is that
the script ran to its end (exit 0) and printed its table.

bench/layout_files.py is no script of its own: ingest.py runs it as a child, and does so here
through --all-layouts on two layouts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.driver import CHROMIUM
from tests.conftest import POSTGRES_MISSING, POSTGRES_SERVER

ROOT = Path(__file__).parents[1]
BROWSER = {"pages.py", "load.py"}  # a real server and Chromium
# metrics.py's PostgreSQL path is its own code; load.py's --postgres only points the same
# server at another database, which the suite's browser tests run on both backends already.
POSTGRES = {"metrics.py"}

SMOKES = [
    pytest.param("gymchain.py", [], "set_rows", id="gymchain"),
    pytest.param("metrics.py", [], "roster", id="metrics"),
    pytest.param("ingest.py", [], "coachkit", id="ingest"),
    pytest.param(
        "ingest.py",
        ["--all-layouts", "--layouts", "strong_a,fitnotes_1"],
        "strong_a",
        id="ingest --all-layouts",
    ),  # fmt: skip
    pytest.param("unit_guess.py", [], "files", id="unit_guess"),
    pytest.param("pages.py", [], "first chart", id="pages"),
    pytest.param("load.py", [], "p95", id="load"),
]


def run_smoke(script: str, extra: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--smoke", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"bench/{script} --smoke failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def needs_chromium(script: str) -> None:
    if script in BROWSER and not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed (CI installs it)")


@pytest.mark.parametrize(("script", "extra", "printed"), SMOKES)
def test_a_bench_runs_in_its_smoke_mode(script, extra, printed):
    needs_chromium(script)
    assert printed in run_smoke(script, extra)


@pytest.mark.parametrize("script", sorted(POSTGRES))
def test_a_bench_runs_in_its_smoke_mode_on_postgresql(script):
    if POSTGRES_MISSING:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_SERVER!r}")  # CI=true refuses to start
    needs_chromium(script)
    assert "postgres" in run_smoke(script, ["--postgres", POSTGRES_SERVER]).lower()


def test_every_script_in_bench_has_a_smoke_run():
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")} - {"layout_files.py"}
    assert scripts == {param.values[0] for param in SMOKES}
