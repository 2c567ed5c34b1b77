"""The hostile-input corpus: files a coach might upload by mistake, or someone might upload on
purpose, each written by this module into a folder and paired with what CoachKit must do.

`write_corpus(folder)` writes every case and returns them as `Case`s. A case is either
`Rejected` (the import is refused as a whole, and the message names the file and says what is
wrong: `fragment` is the specific part that must be in it) or `Accepted` (the file imports, and
the preview flags what a coach must see: the names the catalog does not know; the typed text is
kept as plain data, character for character). The large cases (10,000 columns, a 5 MB line) are
written here each run, never committed. Everything is deterministic: no clock, no randomness.

`FORMULAS`, `MARKUP` and `SQL_NAMES` are the strings the corpus plants in names and notes; the
export tests reuse them to check that exported files keep them inert.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Spreadsheet formula injection (CSV injection): what Excel or LibreOffice would run if the text
# were written to a cell as it is.
FORMULAS = (
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "=cmd|' /C notepad'!'A1'",
)

# Text that Markdown turns into a live link with no markup at all (GitHub's autolinks): a bare
# www address, a URL, an e-mail address. A client's file must never put a phishing link in
# front of the coach.
AUTOLINKS = (
    "Go to www.evil-phish.com now",
    "https://evil-phish.com/login",
    "mail reset@evil-phish.com",
    "HTTP://EVIL-PHISH.COM/Reset and WWW.EVIL-PHISH.COM",
    "mailto:help@evil-phish.com or xmpp:help@evil-phish.com",
)

# Markup that runs a script if a page renders it as HTML (each sets window.__pwned, which the
# browser test watches), Markdown that would become a link or formatting, HTML entities, and
# what Streamlit itself turns into icons, emoji, colours, dashes and arrows.
MARKUP = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '"><script>window.__pwned=1</script>',
    "[click me](javascript:window.__pwned=1)",
    "**bold** _slanted_ `code` # heading",
    "&lt;b&gt;entities&lt;/b&gt; &amp; AT&T",
    ":material/warning: :streamlit: :smile: :red[red] a -- b -> c <= d",
    *AUTOLINKS,
)

# Text that breaks a query built by pasting strings, in DuckDB or PostgreSQL.
SQL_NAMES = (
    "Robert'); DROP TABLE clients;--",
    "1' OR '1'='1",
    "'; DELETE FROM set_rows; --",
    'x"; DROP TABLE coaches; --',
    "$1 %s %(name)s {client_id} getvariable('import_source')",
)

# Client names for the roster: the browser test's traps, and SQL-looking names.
CLIENT_MARKUP = ("<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=1</script>")
AUTOLINK_CLIENT = "https://evil-phish.com/pay"
CLIENT_NAMES = (*CLIENT_MARKUP, AUTOLINK_CLIENT, *SQL_NAMES[:4])

STRONG_HEADER = ("Date", "Workout Name", "Exercise Name", "Set Order", "kg", "Reps", "km",
                 "Seconds", "Notes")  # fmt: skip
HEVY_HEADER = ("title", "start_time", "end_time", "description", "exercise_title", "superset_id",
               "exercise_notes", "set_index", "set_type", "weight_kg", "reps", "distance_km",
               "duration_seconds", "rpe")  # fmt: skip
FITNOTES_HEADER = (
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
)
TEMPLATE_HEADER = ("date", "workout", "exercise", "set_type", "reps", "weight", "unit",
                   "duration_s", "distance_m", "rpe", "notes")  # fmt: skip
STRONGLIFTS_HEADER = ("Date (yyyy/mm/dd)", "Workout", "Workout Name", "Program Name",
                      "Body Weight (KG)", "Exercise", "Sets×Reps", "Set 1 (Reps)", "Set 1 (KG)",
                      "Set 2 (Reps)", "Set 2 (KG)")  # fmt: skip

# Terminal escapes, a right-to-left override and a zero-width space: invisible or misleading
# when printed, harmless as data.
CONTROL = ("\x1b[2J\x1b]0;pwned\x07Squat", "\u202eSquat\u202c (Barbell)", "Leg\u200bPress")
# Bidirectional overrides and isolates: "\u202eevil.exe" prints as "exe.live". Stored as
# typed, printed by the CLI as escapes.
BIDI = (
    "\u202eevil.exe",
    "\u202dLeg Press\u202c",
    "Squat \u2066(Barbell)\u2069",
    "Calf \u2067Raise\u2069 \u202aLTR\u202c \u202bRTL\u202c \u2068first\u2069",
)
# A file name is text from the coach's disk: "<img src=x onerror=window.__pwned=1>.csv".
MARKUP_FILE_NAME = f"{CLIENT_MARKUP[0]}.csv"
UNCLOSED = 'a quote (") is not closed at the end of its value'

WHEN = "2026-11-02 18:00:00"  # a Monday three weeks before the tests' TODAY
SQUAT = "Squat (Barbell)"  # a name the catalog knows
FIVE_MB = 5 * 1024 * 1024


@dataclass(frozen=True)
class Rejected:
    """The file is refused whole; the message holds `fragment` (and `line`, when given)."""

    fragment: str
    line: int | None = None

    @property
    def outcome(self) -> str:
        return "rejected"


@dataclass(frozen=True)
class Accepted:
    """The file imports `sets` sets; the preview lists exactly the names of `unknown` as names
    the catalog does not know, and counts the rows of `skipped` as not sets; after the import
    each text of `stored[column]` is in that column of the client's set rows as written."""

    sets: int
    unknown: frozenset[str] = frozenset()
    stored: dict[str, frozenset[str]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # rows that are not sets, by reason

    @property
    def outcome(self) -> str:
        return "accepted"


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expectation: Rejected | Accepted

    def __str__(self) -> str:
        return self.name


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]], delimiter: str = ",") -> str:
    """Rows written the way a spreadsheet writes them: quoted only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def strong(rows: Iterable[Iterable[object]]) -> str:
    return _csv(STRONG_HEADER, rows)


def strong_set(
    exercise: str = SQUAT,
    weight: object = 80,
    reps: object = 8,
    notes: str = "",
    order: object = 1,
    when: str = WHEN,
    workout: str = "Legs",
) -> list[object]:
    return [when, workout, exercise, order, weight, reps, "", "", notes]


def _good_strong() -> str:
    return strong([strong_set(order=1), strong_set(order=2), strong_set(order="Rest Timer",
                   weight="", reps="")])  # fmt: skip


def _zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("strong.csv", text)
    return buffer.getvalue()


def _strong_bad_row(row: list[object]) -> str:
    """A good set, then `row` as the second data row: line 3 of the file."""
    return strong([strong_set(order=1), row])


def _formula_rows() -> str:
    """Strong layout A: each formula as an exercise name, as a note, and as a workout name."""
    rows = []
    for n, formula in enumerate(FORMULAS):
        rows.append(strong_set(exercise=formula, notes=formula, workout=formula, order=1))
        rows.append(strong_set(exercise=SQUAT, notes=formula, order=n + 1, weight=60))
    return strong(rows)


def hevy(rows: Iterable[Iterable[object]]) -> str:
    """As Hevy writes: every text quoted (inner quotes doubled), numbers bare, blanks empty."""

    def cell(value: object) -> str:
        if isinstance(value, str):
            return '"' + value.replace('"', '""') + '"'
        return "" if value is None else str(value)

    lines = [",".join(cell(name) for name in HEVY_HEADER)]
    lines += [",".join(cell(value) for value in row) for row in rows]
    return "\n".join(lines) + "\n"


def markup_hevy() -> str:
    """Hevy: markup as exercise titles, exercise notes, workout titles and descriptions."""
    rows = []
    for n, text in enumerate(MARKUP):
        start = f"{n + 2} Nov 2026, 18:00"
        end = f"{n + 2} Nov 2026, 19:00"
        rows.append([text, start, end, text, text, None, text, 0, "normal", 50, 10, None, None,
                     None])  # fmt: skip
        rows.append([text, start, end, text, SQUAT, None, text, 1, "normal", 80, 5, None, None,
                     None])  # fmt: skip
    return hevy(rows)


def markup_sessions(today: date, weeks: int = 4) -> str:
    """Strong layout A: a squat session every day up to `today`, three working sets each, its
    workout names and notes markup. A client with these is drawn on every chart, and flagged
    (legs on consecutive days), so that the name is shown wherever a client's name can be."""
    rows = []
    for k in range(weeks * 7, 0, -1):
        when = f"{today - timedelta(days=k):%Y-%m-%d} 18:00:00"
        text = MARKUP[k % len(MARKUP)]
        rows += [strong_set(weight=100, reps=5, notes=text, order=n, when=when, workout=text)
                 for n in (1, 2, 3)]  # fmt: skip
    return strong(rows)


def markup_template() -> str:
    """The CoachKit template: markup and formulas in workout, exercise and notes."""
    rows = [
        [f"2026-11-{n + 2:02d} 07:30", text, text, "working", 12, 20, "kg", "", "", "", text]
        for n, text in enumerate((*MARKUP, *FORMULAS))
    ]
    return _csv(TEMPLATE_HEADER, rows)


def _markup_fitnotes() -> str:
    """FitNotes writes nothing quoted: a comma in a name splits the row, and the import joins
    the surplus fields back into the exercise name; quotes are plain characters."""
    lines = [FITNOTES_HEADER]
    for n, text in enumerate((*MARKUP, *FORMULAS)):
        lines.append(f"2026-11-{n + 2:02d},{text},Legs,40,kgs,10,,,,{text.replace(',', ';')}")
    return "\n".join(lines) + "\n"


def _sql_strong() -> str:
    rows = [strong_set(exercise=name, notes=name, workout=name) for name in SQL_NAMES]
    return strong(rows)


def _sql_stronglifts() -> str:
    rows = [
        [f"2026/11/{n + 2:02d}", "A", name, "5x5", 80, name, "5×5", 5, 60, 5, 62.5]
        for n, name in enumerate(SQL_NAMES)
    ]
    return _csv(STRONGLIFTS_HEADER, rows)


def _columns(count: int) -> str:
    header = ",".join(f"c{n}" for n in range(count))
    return header + "\r\n" + ",".join(["1"] * count) + "\r\n"


def _long_comment_fitnotes() -> str:
    # FitNotes is read line by line, by another reader than the other layouts.
    return f"{FITNOTES_HEADER}\n2026-11-02,Squat,Legs,40,kgs,10,,,,{'x' * FIVE_MB}\n"


def _control_characters() -> str:
    rows = [strong_set(exercise=text, notes=text, order=1) for text in CONTROL]
    return strong(rows)


def _bidi() -> str:
    rows = [strong_set(exercise=text, notes=text, workout=text, order=1) for text in BIDI]
    return strong(rows)


def _long_line() -> bytes:
    # One line of 5 MB and no line end: a log file or a minified blob, not a table.
    return (b"2026-11-02 18:00:00,Legs,Squat," * (FIVE_MB // 31 + 1))[:FIVE_MB]


def _long_note() -> str:
    # A proper header, then one set whose note is 5 MB long.
    return strong([strong_set(order=1), strong_set(order=2, notes="x" * FIVE_MB)])


def _corpus() -> list[tuple[str, Callable[[], str | bytes], Rejected | Accepted]]:
    good = _good_strong()
    unknown_formulas = frozenset(FORMULAS)
    every_markup = frozenset((*MARKUP, *FORMULAS))
    return [
        # The file itself.
        ("empty", lambda: b"", Rejected("the file is empty")),
        ("blank-lines", lambda: b"\r\n\r\n   \n\t\n", Rejected("the file is empty")),
        ("header-only", lambda: strong([]), Rejected("the file has a header but no rows")),
        ("binary", lambda: bytes(range(256)) * 64, Rejected("this is a binary file")),
        (
            "png-renamed",
            lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
            Rejected("this is a binary file"),
        ),
        ("zip-renamed", lambda: _zip(good), Rejected("this is a zip archive")),
        (
            "utf-16-with-bom",
            lambda: codecs.BOM_UTF16_LE + good.encode("utf-16-le"),
            Accepted(sets=2),
        ),
        ("utf-16-no-bom", lambda: good.encode("utf-16-le"), Accepted(sets=2)),
        ("utf-16-big-endian-no-bom", lambda: good.encode("utf-16-be"), Accepted(sets=2)),
        # Ā (U+0100) and 一 (U+4E00) put a NUL in the character's byte too.
        (
            "utf-16-no-bom-non-latin",
            lambda: strong([strong_set(exercise=name) for name in ("Ā squat", "一 squat")]).encode(
                "utf-16-le"
            ),
            Accepted(
                sets=2,
                unknown=frozenset({"Ā squat", "一 squat"}),
                stored={"logged_exercise": frozenset({"Ā squat", "一 squat"})},
            ),
        ),
        (
            "nul-byte",
            lambda: strong([strong_set(notes="a\x00b")]),
            Rejected("this is a binary file"),
        ),
        (
            "pipe-delimited",
            lambda: good.replace(",", "|"),
            Rejected("the header has a single column", line=1),
        ),
        # Another delimiter than the app writes is read by the header's own.
        ("semicolons", lambda: good.replace(",", ";"), Accepted(sets=2)),
        ("tabs", lambda: good.replace(",", "\t"), Accepted(sets=2)),
        (
            "rows-semicolon-header-comma",
            lambda: good.split("\r\n", 1)[0] + "\r\n" + good.split("\r\n", 1)[1].replace(",", ";"),
            Rejected("the line does not fit the header", line=2),
        ),
        (
            "10000-columns",
            lambda: _columns(10_000),
            Rejected("the header has 10,000 columns", line=1),
        ),
        ("5mb-single-line", _long_line, Rejected("the first line is longer than 64 KB", line=1)),
        ("5mb-note", _long_note, Rejected("the line is longer than 2 MB", line=3)),
        (
            "5mb-comment-fitnotes",
            _long_comment_fitnotes,
            Rejected("the line is longer than 2 MB", line=2),
        ),
        (
            "unclosed-quote",
            lambda: strong([strong_set()]) + f'{WHEN},Legs,"Squat,2,80,8,,,\r\n',
            Rejected(UNCLOSED, line=3),
        ),
        (
            "text-after-closing-quote",
            lambda: strong([strong_set()]) + f'{WHEN},Legs,"Squat"x,2,80,8,,,\r\n',
            Rejected(UNCLOSED, line=3),
        ),
        (
            "unclosed-quote-hevy",
            lambda: markup_hevy().replace('"normal",80', '"normal,80', 1),
            Rejected(UNCLOSED, line=3),
        ),
        # FitNotes quotes nothing: a quote there is a character of the name, kept as typed.
        (
            "unclosed-quote-fitnotes",
            lambda: f'{FITNOTES_HEADER}\n2026-11-02,"Squat,Legs,40,kgs,10,,,,\n',
            Accepted(sets=1, stored={"logged_exercise": frozenset({'"Squat'})}),
        ),
        # Values: dates and numbers past the import rules.
        (
            "date-1900",
            lambda: _strong_bad_row(strong_set(when="1900-01-01 10:00:00")),
            Rejected("date: 1900-01-01 10:00:00 is outside 1990 to tomorrow", line=3),
        ),
        (
            "date-2100",
            lambda: _strong_bad_row(strong_set(when="2100-01-01 10:00:00")),
            Rejected("date: 2100-01-01 10:00:00 is outside 1990 to tomorrow", line=3),
        ),
        (
            "weight-minus-5",
            lambda: _strong_bad_row(strong_set(weight=-5)),
            Rejected("weight: -5 is negative", line=3),
        ),
        (
            "weight-1e9",
            lambda: _strong_bad_row(strong_set(weight="1e9")),
            Rejected("weight: 1e9 is more than 1,000 kg", line=3),
        ),
        (
            "reps-10000",
            lambda: _strong_bad_row(strong_set(reps=10_000)),
            Rejected("reps: 10000 is more than 1,000 reps in one set", line=3),
        ),
        # A failed set: 0 reps under a load is logged by StrongLifts and Strong alike.
        (
            "reps-0",
            lambda: _strong_bad_row(strong_set(reps=0)),
            Accepted(sets=1, skipped={"rows with no reps and no duration": 1}),
        ),
        (
            "formula-in-weight",
            lambda: _strong_bad_row(strong_set(weight="=1+1")),
            Rejected("weight: '=1+1' is not a number", line=3),
        ),
        (
            "formula-in-reps",
            lambda: _strong_bad_row(strong_set(reps="@SUM(1+1)")),
            Rejected("reps: '@SUM(1+1)' is not a number", line=3),
        ),
        (
            "markup-in-date",
            lambda: _strong_bad_row(strong_set(when=MARKUP[0])),
            Rejected(f"date: {MARKUP[0]!r} is not a date", line=3),
        ),
        # Text: formulas, markup and SQL in names and notes import as plain text.
        (
            "formulas-strong",
            _formula_rows,
            Accepted(
                sets=2 * len(FORMULAS),
                unknown=unknown_formulas,
                stored={
                    "logged_exercise": unknown_formulas,
                    "notes": unknown_formulas,
                    "workout_name": unknown_formulas,
                },
            ),
        ),
        (
            "markup-hevy",
            markup_hevy,
            Accepted(
                sets=2 * len(MARKUP),
                unknown=frozenset(MARKUP),
                stored={
                    "logged_exercise": frozenset(MARKUP),
                    "notes": frozenset(MARKUP),
                    "workout_name": frozenset(MARKUP),
                },
            ),
        ),
        (
            "markup-template",
            markup_template,
            Accepted(
                sets=len(every_markup),
                unknown=every_markup,
                stored={
                    "logged_exercise": every_markup,
                    "notes": every_markup,
                    "workout_name": every_markup,
                },
            ),
        ),
        (
            "markup-fitnotes",
            _markup_fitnotes,
            Accepted(
                sets=len(every_markup),
                unknown=every_markup,
                stored={
                    "logged_exercise": every_markup,
                    "notes": frozenset(t.replace(",", ";") for t in every_markup),
                },
            ),
        ),
        (
            "sql-strong",
            _sql_strong,
            Accepted(
                sets=len(SQL_NAMES),
                unknown=frozenset(SQL_NAMES),
                stored={
                    "logged_exercise": frozenset(SQL_NAMES),
                    "notes": frozenset(SQL_NAMES),
                    "workout_name": frozenset(SQL_NAMES),
                },
            ),
        ),
        (
            "control-characters",
            _control_characters,
            Accepted(
                sets=len(CONTROL),
                # The catalog reads past the invisible characters; the escapes stay unknown.
                unknown=frozenset(CONTROL[:1]),
                stored={"logged_exercise": frozenset(CONTROL), "notes": frozenset(CONTROL)},
            ),
        ),
        (
            "bidi-controls",
            _bidi,
            Accepted(
                sets=len(BIDI),
                # The catalog reads past the invisible characters: it knows the leg press and
                # the squat inside their controls, not "evil.exe" or the made-up calf name.
                unknown=frozenset((BIDI[0], BIDI[3])),
                stored={
                    "logged_exercise": frozenset(BIDI),
                    "notes": frozenset(BIDI),
                    "workout_name": frozenset(BIDI),
                },
            ),
        ),
        # The file's own name is text the coach sees too.
        (MARKUP_FILE_NAME, _good_strong, Accepted(sets=2)),
        (
            "sql-stronglifts",
            _sql_stronglifts,
            Accepted(
                sets=2 * len(SQL_NAMES),
                unknown=frozenset(SQL_NAMES),
                stored={
                    "logged_exercise": frozenset(SQL_NAMES),
                    "workout_name": frozenset(SQL_NAMES),
                },
            ),
        ),
    ]


def write_corpus(folder: Path) -> list[Case]:
    """Write every case into `folder` (which must exist) and return the cases, in order."""
    cases = []
    for name, make, expectation in _corpus():
        content = make()
        path = folder / (name if name.endswith(".csv") else f"{name}.csv")
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        cases.append(Case(name, path, expectation))
    return cases


def case_names() -> list[str]:
    """The cases' names, for test ids, without writing anything."""
    return [name for name, _, _ in _corpus()]
