"""What an import found in a file, in the words a coach reads: the Preview shown before
anything is written (and kept in the Result after), its row errors, the exercise names the
catalog does not know, and the rows a coach chose to leave out."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date

from coachkit.importers.source import ImportRejected

# A coach may import the good rows of a file and leave out the bad ones, as long as the bad
# ones are at most this share of the rows: past that the file is more wrong than right.
MAX_LEFT_OUT_SHARE = 0.10
SKIP_TEXT = {
    "rest": "rest timer rows",
    "note": "note rows",
    "empty": "rows with no reps and no duration",
}
# The same, for a single row.
SKIP_ONE = {
    "rest timer rows": "rest timer row",
    "note rows": "note row",
    "rows with no reps and no duration": "row with no reps and no duration",
}


def rows_with_errors(errors: int, rows: int) -> str:
    """ "1 of its 12 rows has errors", "3 of its 3,928 rows have errors"."""
    noun = "row" if rows == 1 else "rows"
    return f"{errors:,} of its {rows:,} {noun} {'has' if errors == 1 else 'have'} errors"


ERROR_TEXT = {
    "fields": ("row", "has {value} fields; the header has more, and they could not be repaired"),
    "date_missing": ("date", "no date"),
    "date_unparsed": ("date", "{value!r} is not a date this layout writes"),
    "date_range": ("date", "{value} is outside 1990 to tomorrow"),
    "exercise_missing": ("exercise", "no exercise name"),
    "set_type": ("set type", "{value!r} is not a set type CoachKit knows"),
    "weight_nan": ("weight", "{value!r} is not a number"),
    "weight_negative": ("weight", "{value} is negative"),
    "unit_missing": ("unit", "a weight without a unit (kg or lb)"),
    "unit_unknown": ("unit", "{value!r} is not kg or lb"),
    "weight_absurd": ("weight", "{value} is more than 1,000 kg"),
    "reps_nan": ("reps", "{value!r} is not a number"),
    "reps_negative": ("reps", "{value} is negative"),
    "reps_fraction": ("reps", "{value} is not a whole number"),
    "reps_absurd": ("reps", "{value} is more than 1,000 reps in one set"),
    "seconds_nan": ("seconds", "{value!r} is not a duration"),
    "seconds_negative": ("seconds", "{value} is negative"),
    "seconds_absurd": ("seconds", "{value} is more than 24 hours in one set"),
    "distance_nan": ("distance", "{value!r} is not a number"),
    "distance_negative": ("distance", "{value} is negative"),
    "distance_unit": ("distance unit", "{value!r} is not km, mi or m"),
    "distance_absurd": ("distance", "{value} is more than 1,000 km"),
    "rpe_range": ("RPE", "{value!r} is not an RPE from 1 to 10"),
}


class NeedsMapping(ImportRejected):
    """The header matches no known layout: the coach can map its columns once."""

    def __init__(self, file_name: str, header: tuple[str, ...]):
        super().__init__(
            file_name,
            "this is not a layout CoachKit knows (Strong, Hevy, FitNotes, StrongLifts or the "
            "CoachKit template); map its columns on the upload page to import it",
            1,
        )
        self.header = header


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.reason}"


@dataclass(frozen=True)
class UnknownName:
    name: str
    category: str | None
    rows: int
    region: str | None  # from the file's category, when it had one


@dataclass
class Preview:
    file_name: str
    layout: str
    layout_label: str
    unit: str | None  # "kg" or "lb" for the file; "unit per row" when each row names its own
    unit_needed: bool  # the file names no unit and none was given
    unit_guess: str | None
    rows_read: int
    sets: int
    sessions: int
    first_date: date | None
    last_date: date | None
    skipped: dict[str, int]
    errors: list[RowError]
    error_total: int
    unknown: list[UnknownName]
    repaired_rows: int
    already_in_db: int
    sha256: str
    size: int
    # Days of the new sets that already hold other sets of the client, from another file.
    overlap_days: int = 0
    overlap_first: date | None = None
    overlap_last: date | None = None
    header: tuple[str, ...] = field(default=())

    @property
    def new_sets(self) -> int:
        return self.sets - self.already_in_db

    @property
    def may_leave_out(self) -> bool:
        """Whether the bad rows are few enough to import the others without them."""
        return 0 < self.error_total <= MAX_LEFT_OUT_SHARE * self.rows_read

    def problem(self, leave_out: bool = False) -> ImportRejected | None:
        """Why this file cannot be imported as it is (naming file and line), or None.
        `leave_out`: the coach asked to import the good rows without the bad ones."""
        if self.errors and leave_out and not self.may_leave_out:
            rejected = ImportRejected(
                self.file_name,
                f"{rows_with_errors(self.error_total, self.rows_read)}, more than "
                f"{MAX_LEFT_OUT_SHARE:.0%}: fix the file rather than leave them out",
            )
        elif self.errors and not leave_out:
            first = self.errors[0]
            more = f" (and {self.error_total - 1:,} more)" if self.error_total > 1 else ""
            text = f"{first.column}: {first.reason}{more}"
            rejected = ImportRejected(self.file_name, text, first.line)
        elif self.unit_needed:
            rejected = ImportRejected(
                self.file_name,
                "the file does not say whether weights are kg or lb; choose one "
                f"({present_guess(self.unit_guess)})",
            )
        elif self.rows_read == 0:
            rejected = ImportRejected(self.file_name, "the file has a header but no rows")
        elif self.sets == 0:
            rejected = ImportRejected(
                self.file_name, f"none of the {self.rows_read:,} rows is a set to import"
            )
        else:
            return None
        rejected.preview = self
        return rejected

    def as_dict(self) -> dict:
        data = asdict(self)
        data["new_sets"] = self.new_sets
        data["errors"] = [asdict(e) for e in self.errors]
        for key in ("first_date", "last_date", "overlap_first", "overlap_last"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class Result:
    preview: Preview
    batch_id: uuid.UUID | None  # None when nothing new was added
    sets_added: int
    sets_existing: int

    def as_dict(self) -> dict:
        return {
            **self.preview.as_dict(),
            "batch_id": str(self.batch_id) if self.batch_id else None,
            "sets_added": self.sets_added,
            "sets_existing": self.sets_existing,
        }


def present_guess(guess: str | None) -> str:
    """The unit guess in words: "it looks like lb", or that the numbers do not tell."""
    return f"it looks like {guess}" if guess else "the numbers do not tell which"


def left_out_rows(left_out: str | None) -> list[RowError]:
    """The rows an import left out, from its record (import_batches.left_out), worded."""
    return [
        row_error({"line": r["line"], "error_code": r["code"], "error_value": r["value"]})
        for r in json.loads(left_out or "[]")
    ]


def row_error(row: dict) -> RowError:
    column, reason = ERROR_TEXT[row["error_code"]]
    value = row["error_value"] if row["error_value"] is not None else ""
    return RowError(row["line"], column, value, reason.format(value=value))
