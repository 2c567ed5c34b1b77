"""Text that leaves CoachKit for a spreadsheet: shown there, never run.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets strip
before looking) is read as a formula, so a client's exercise named `=HYPERLINK(…)` would become
a live link in the coach's spreadsheet (OWASP's CSV injection). Such text gets a leading
apostrophe wherever CoachKit writes it for a spreadsheet: the export's CSV files, and the HTML
report, which spreadsheets open too. `spreadsheet_text()` in sql/store/macros.sql is the same
rule for files DuckDB writes itself; tests/test_export.py checks that the two agree.
"""

from __future__ import annotations

import re

FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def spreadsheet_text(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it."""
    return "'" + text if FORMULA_START.match(text) else text
