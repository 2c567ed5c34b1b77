"""Write logged sets in the layouts that real apps export (see FORMATS.md in the shared docs).

The demo's sample files and the importers' test fixtures both come from here, so the fixtures
carry the same quirks as real exports: Strong's rest-timer pseudo-rows and CRLF line ends,
Hevy's quoted strings, 0-based set index and newest-first order, FitNotes' unquoted fields.
Every layout the importer knows has a writer here (WRITERS, keyed by `Layout.key`), so a test
can produce any of them from one hand-written frame and know exactly what it put in.

Input is a frame of sets in the demo's shape: performed_at (workout start), workout_end,
workout_name, logged_exercise, category, set_type, reps, weight_kg, duration_s, distance_m, rpe,
notes, set_index (0-based within workout and exercise), rest_s (seconds rested after the set,
or NaN). Optional columns, used where a layout has room for them: unit ("kg" or "lb", the unit
the client logs that set in; kg when absent), workout_notes, exercise_note (Strong writes it
as a `Note` pseudo-row before the exercise), duration_text (the app's free-text workout
duration, when a test wants a spelling the writer would not produce itself).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

LAYOUTS = ("strong", "hevy", "fitnotes")
KG_PER_LB = 0.45359237
M_PER_MI = 1609.344

STRONG_A_HEADER = ["Date", "Workout Name", "Exercise Name", "Set Order", "kg", "Reps", "km"]
STRONG_A_HEADER += ["Seconds", "Notes"]
HEVY_HEADER = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]
HEVY_LB_HEADER = [
    {"weight_kg": "weight_lbs", "distance_km": "distance_miles"}.get(name, name)
    for name in HEVY_HEADER
]
FITNOTES_HEADER = ["Date", "Exercise", "Category", "Weight", "Weight Unit", "Reps", "Distance"]
FITNOTES_HEADER += ["Distance Unit", "Time", "Comment"]
FITNOTES_1_HEADER = ["Date", "Exercise", "Category", "Weight (lbs)", "Reps", "Distance"]
FITNOTES_1_HEADER += ["Distance Unit", "Time"]
FITNOTES_2_HEADER = FITNOTES_HEADER[:-1]
STRONGLIFTS_SLOTS = 6
TEMPLATE_HEADER = ["date", "workout", "exercise", "set_type", "reps", "weight", "unit"]
TEMPLATE_HEADER += ["duration_s", "distance_m", "rpe", "notes"]

STRONG_SET_ORDER = {"warmup": "W", "drop": "D", "failure": "F"}
HEVY_SET_TYPE = {"working": "normal", "warmup": "warmup", "drop": "dropset", "failure": "failure"}
ORDERS = ("oldest", "newest", "reversed")


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _number(value, digits: int = 2) -> str:
    """A number as the apps print it: blank when missing, no trailing `.0` on whole values."""
    if not _present(value):
        return ""
    value = round(float(value), digits)
    return str(int(value)) if value.is_integer() else str(value)


def _scaled(value, divisor: float, digits: int = 2) -> str:
    return _number(value / divisor, digits) if _present(value) else ""


def _count(value, as_float: bool) -> str:
    """Reps and seconds: some Strong exports print every count as a float (`10.0`, `120.0`)."""
    if as_float and _present(value):
        return f"{float(value):.1f}"
    return _number(value)


def _dusty(value, divisor: float, dust: bool) -> str:
    """A weight in the file's unit; with `dust`, one float step below it, as Strong writes
    values that went through a kg<->lb round trip (150 becomes 149.99999999999997)."""
    if not _present(value):
        return ""
    if dust and value > 0:
        return repr(math.nextafter(round(value / divisor, 2), 0.0))
    return _number(value / divisor)


def _row_unit(row) -> str:
    unit = getattr(row, "unit", None)
    return unit if isinstance(unit, str) and unit in ("kg", "lb") else "kg"


def _text(row, column: str) -> str:
    value = getattr(row, column, None)
    return value if isinstance(value, str) else ""


def _ordered(sets: pd.DataFrame) -> pd.DataFrame:
    return sets.sort_values(["performed_at", "exercise_order", "set_index"], kind="stable")


def _arrange(workouts: list[list], order: str) -> list:
    """Lines of the file from each workout's lines, oldest first: `newest` puts the newest
    workout first and keeps each workout's rows as logged (how Hevy sorts, and any app that
    sorts by workout start); `reversed` turns every line of the file upside down."""
    if order not in ORDERS:
        raise ValueError(f"order is one of {', '.join(ORDERS)}, not {order!r}")
    if order == "newest":
        workouts = workouts[::-1]
    lines = [line for workout in workouts for line in workout]
    return lines[::-1] if order == "reversed" else lines


def _csv_line(values: list[str], delimiter: str = ",", quote_all: bool = False) -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=delimiter, lineterminator="", quoting=quoting).writerow(values)
    return out.getvalue()


def _free_duration(seconds) -> str:
    """Strong F and G print the workout's length in words: `31m`, `1h 3m`, `264h 1m`."""
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


@dataclass(frozen=True)
class _StrongLayout:
    """How one Strong export version writes: its columns, delimiter and where units live."""

    header: str
    delimiter: str
    unit: str | None  # the file's weight unit; None: a Weight Unit column or the caller's choice
    line_end: str = "\n"
    quote_all: bool = False
    wrapped: bool = False  # B wraps each data line in one pair of quotes, doubling inner ones

    @property
    def columns(self) -> list[str]:
        return self.header.split(self.delimiter)


STRONG = {
    "strong_a": _StrongLayout(",".join(STRONG_A_HEADER), ",", "kg", line_end="\r\n"),
    "strong_b": _StrongLayout(
        "Date;Workout Name;Exercise Name;Set Order;lbs;Reps;mi.;Seconds;Notes;Workout Notes",
        ";",
        "lb",
        wrapped=True,
    ),
    "strong_c": _StrongLayout(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes",
        ";",
        None,
    ),
    "strong_d": _StrongLayout(
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE",
        ",",
        None,
    ),
    "strong_d2": _StrongLayout(
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes",
        ",",
        None,
    ),
    "strong_e": _StrongLayout(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes",
        ";",
        None,
    ),
    "strong_f": _StrongLayout(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE",
        ",",
        None,
    ),
    "strong_g": _StrongLayout(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
        ";",
        None,
    ),
    "strong_h": _StrongLayout(
        "Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps;"
        "RPE;Distance (meters);Seconds;Notes;Workout Notes",
        ";",
        "kg",
        quote_all=True,
    ),
}


def _strong(
    sets: pd.DataFrame,
    layout: _StrongLayout,
    unit: str | None = None,
    order: str = "oldest",
    zero_based: bool = False,
    float_counts: bool = False,
    dust: bool = False,
    zeros: bool = False,
    rpe_zero: bool = False,
    blank_distance_unit: bool = False,
) -> str:
    """Any Strong layout: one row per set, `Note` rows before an exercise that has a note and
    a `Rest Timer` row after each set the client rested after. `zeros` writes 0 instead of a
    blank weight and reps on timed and cardio rows, as some exports do; `rpe_zero` writes RPE
    0 where the set has none (layout F's "no RPE"); `blank_distance_unit` leaves the Distance
    Unit of a distance empty, as some C exports do on cardio rows."""
    if layout.unit is None and "Weight Unit" not in layout.columns and unit not in ("kg", "lb"):
        raise ValueError("this Strong layout names no unit: say unit='kg' or unit='lb'")
    ordered = _ordered(sets)
    # Strong numbers working sets 1, 2, 3… and marks the others with a letter instead.
    counts = (
        ordered["set_type"]
        .ne("warmup")
        .groupby([ordered["performed_at"], ordered["logged_exercise"]])
        .cumsum()
    )
    numbers = {start: i + 1 for i, start in enumerate(sorted(ordered["performed_at"].unique()))}
    workouts: list[list[dict]] = []
    block = None
    for row, number in zip(ordered.itertuples(index=False), counts, strict=True):
        if not workouts or block[0] != row.performed_at:
            workouts.append([])
        timed = _present(row.duration_s) or _present(row.distance_m)
        if zeros and timed and not _present(row.weight_kg) and not _present(row.reps):
            row = row._replace(weight_kg=0.0, reps=0)
        row_unit = layout.unit or unit or _row_unit(row)
        pounds = row_unit == "lb"
        seconds = (row.workout_end - row.performed_at).total_seconds()
        has_weight = _present(row.weight_kg) and row.weight_kg > 0
        has_distance = _present(row.distance_m)
        common = {
            "Date": row.performed_at.strftime("%Y-%m-%d %H:%M:%S"),
            "Workout Name": row.workout_name,
            "Exercise Name": row.logged_exercise,
            "Workout Notes": _text(row, "workout_notes"),
            "Duration": _text(row, "duration_text") or _free_duration(seconds),
            "Workout Duration": _text(row, "duration_text") or _free_duration(seconds),
            "Duration (sec)": str(int(seconds)),
            "Workout #": str(numbers[row.performed_at]),
        }
        if block != (row.performed_at, row.logged_exercise) and _text(row, "exercise_note"):
            workouts[-1].append({**common, "Set Order": "Note", "Notes": row.exercise_note})
        block = (row.performed_at, row.logged_exercise)
        set_order = STRONG_SET_ORDER.get(row.set_type, str(number - 1 if zero_based else number))
        workouts[-1].append(
            {
                **common,
                "Set Order": set_order,
                "kg": _dusty(row.weight_kg, 1.0, dust),
                "lbs": _dusty(row.weight_kg, KG_PER_LB, dust),
                "Weight (kg)": _dusty(row.weight_kg, 1.0, dust),
                "Weight": _dusty(row.weight_kg, KG_PER_LB if pounds else 1.0, dust),
                "Weight Unit": ("lbs" if pounds else "kg") if has_weight else "",
                "Reps": _count(row.reps, float_counts),
                "km": _scaled(row.distance_m, 1000, 3),
                "mi.": _scaled(row.distance_m, M_PER_MI, 3),
                "Distance (meters)": _number(row.distance_m),
                "Distance": _scaled(row.distance_m, M_PER_MI if pounds else 1000, 3),
                "Distance Unit": (
                    ("mi" if pounds else "km") if has_distance and not blank_distance_unit else ""
                ),
                "Seconds": _count(row.duration_s, float_counts),
                "Notes": row.notes or "",
                "RPE": _number(row.rpe, 1) or ("0" if rpe_zero else ""),
            }
        )
        if _present(row.rest_s):
            rest = _count(int(row.rest_s), float_counts)
            workouts[-1].append({**common, "Set Order": "Rest Timer", "Seconds": rest})
    lines = [_csv_line(layout.columns, layout.delimiter, layout.quote_all)]
    for cells in _arrange(workouts, order):
        line = _csv_line(
            [cells.get(column, "") for column in layout.columns],
            layout.delimiter,
            layout.quote_all,
        )
        lines.append('"' + line.replace('"', '""') + '"' if layout.wrapped else line)
    return "".join(line + layout.line_end for line in lines)


def strong_csv(sets: pd.DataFrame, **options) -> str:
    """Strong layout A: comma, CRLF, kg and km, a Rest Timer row after most working sets.
    `zero_based=True` numbers sets from 0, as the oldest exports did."""
    return _strong(sets, STRONG["strong_a"], **options)


def strong_b_csv(sets: pd.DataFrame, **options) -> str:
    """Strong layout B: semicolons, pounds and miles, and every data line wrapped in one pair
    of quotes (inner quotes doubled), so a plain CSV reader sees one column per line."""
    return _strong(sets, STRONG["strong_b"], **options)


def strong_c_csv(sets: pd.DataFrame, float_counts: bool = True, **options) -> str:
    """Strong layout C: semicolons, a Weight Unit per row (kg or lbs, blank on bodyweight and
    cardio rows), and counts printed as floats (`10.0` reps)."""
    return _strong(sets, STRONG["strong_c"], float_counts=float_counts, **options)


def strong_d_csv(sets: pd.DataFrame, unit: str = "kg", **options) -> str:
    """Strong layout D: commas, RPE, and no unit anywhere: `unit` is what the client's app was
    set to, which the file itself does not say (distances follow it: km or miles)."""
    return _strong(sets, STRONG["strong_d"], unit=unit, **options)


def strong_d2_csv(sets: pd.DataFrame, unit: str = "kg", **options) -> str:
    """Strong layout D′: D without the RPE column; no unit either."""
    return _strong(sets, STRONG["strong_d2"], unit=unit, **options)


def strong_e_csv(sets: pd.DataFrame, float_counts: bool = True, **options) -> str:
    """Strong layout E: C's unit per row plus RPE."""
    return _strong(sets, STRONG["strong_e"], float_counts=float_counts, **options)


def strong_f_csv(sets: pd.DataFrame, unit: str = "kg", **options) -> str:
    """Strong layout F: D with the workout's length as free text (`31m`, `1h 3m`)."""
    return _strong(sets, STRONG["strong_f"], unit=unit, **options)


def strong_g_csv(sets: pd.DataFrame, float_counts: bool = True, **options) -> str:
    """Strong layout G: E plus the workout's length as free text."""
    return _strong(sets, STRONG["strong_g"], float_counts=float_counts, **options)


def strong_h_csv(sets: pd.DataFrame, **options) -> str:
    """Strong layout H: every header and value quoted, kg and metres, the workout's number and
    its length in whole seconds."""
    return _strong(sets, STRONG["strong_h"], **options)


def _hevy_time(stamp: pd.Timestamp, us: bool = False) -> str:
    """Hevy prints English month names and no seconds, the day without zero padding: `7 Apr
    2026, 10:14`; a US phone month first on a 12-hour clock, with a narrow no-break space
    before AM and PM: `Jun 11, 2026, 1:01\u202fPM`."""
    if not us:
        return f"{stamp.day} {stamp.strftime('%b %Y, %H:%M')}"
    hour = stamp.hour % 12 or 12
    half = "AM" if stamp.hour < 12 else "PM"
    month = stamp.strftime("%b")
    return f"{month} {stamp.day}, {stamp.year}, {hour}:{stamp.minute:02d}\u202f{half}"


def _hevy(sets: pd.DataFrame, unit: str, us: bool = False) -> str:
    pounds = unit == "lb"
    out = io.StringIO()
    out.write(",".join(f'"{name}"' for name in (HEVY_LB_HEADER if pounds else HEVY_HEADER)))
    out.write("\n")
    ordered = _ordered(sets)
    starts = sorted(ordered["performed_at"].unique(), reverse=True)
    for start in starts:
        workout = ordered[ordered["performed_at"] == start]
        for row in workout.itertuples(index=False):
            quoted = [
                row.workout_name,
                _hevy_time(row.performed_at, us),
                _hevy_time(row.workout_end, us),
                _text(row, "workout_notes"),
                row.logged_exercise,
            ]
            fields = ['"' + str(v).replace('"', '""') + '"' for v in quoted]
            fields.append("")  # superset_id: a bare empty number
            fields.append('"' + (row.notes or "").replace('"', '""') + '"')
            fields += [
                str(row.set_index),
                f'"{HEVY_SET_TYPE[row.set_type]}"',
                _scaled(row.weight_kg, KG_PER_LB) if pounds else _number(row.weight_kg),
                _number(row.reps),
                _scaled(row.distance_m, M_PER_MI if pounds else 1000, 3),
                _number(row.duration_s),
                _number(row.rpe, 1),
            ]
            out.write(",".join(fields) + "\n")
    return out.getvalue()


def hevy_csv(sets: pd.DataFrame, us: bool = False) -> str:
    """Hevy, kg account: strings always quoted, numbers bare, newest workout first; notes may
    hold line breaks inside their quotes. `us` writes times as a US-English phone does."""
    return _hevy(sets, "kg", us)


def hevy_lb_csv(sets: pd.DataFrame, us: bool = False) -> str:
    """Hevy, pounds account: the same file with `weight_lbs` and `distance_miles`; the unit is
    only in those two column names."""
    return _hevy(sets, "lb", us)


def _clock(seconds) -> str:
    if not _present(seconds):
        return ""
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _fitnotes(
    sets: pd.DataFrame, version: int, timed_unit: str | None = None, unit: str = "lb"
) -> str:
    header = {1: FITNOTES_1_HEADER, 2: FITNOTES_2_HEADER, 3: FITNOTES_HEADER}[version]
    if version == 1 and unit == "kg":
        header = [{"Weight (lbs)": "Weight (kgs)"}.get(name, name) for name in header]
    lines = [",".join(header)]
    for row in _ordered(sets).itertuples(index=False):
        pounds = unit == "lb" if version == 1 else _row_unit(row) == "lb"
        has_weight = _present(row.weight_kg) and row.weight_kg > 0
        weight = _scaled(row.weight_kg, KG_PER_LB if pounds else 1.0) if has_weight else ""
        if _present(row.distance_m):
            distance = _scaled(row.distance_m, M_PER_MI if pounds else 1000, 3)
            distance_unit = "mi" if pounds else "km"
        elif timed_unit is not None and _present(row.duration_s):
            distance, distance_unit = "0", timed_unit
        else:
            distance, distance_unit = "", ""
        fields = [row.performed_at.strftime("%Y-%m-%d"), row.logged_exercise, row.category, weight]
        if version > 1:
            fields.append(("lbs" if pounds else "kgs") if has_weight else "")
        fields += [_number(row.reps), distance, distance_unit, _clock(row.duration_s)]
        if version > 2:
            fields.append(row.notes or "")
        lines.append(",".join(fields))
    return "\n".join(lines) + "\n"


def fitnotes_1_csv(sets: pd.DataFrame, timed_unit: str | None = None) -> str:
    """FitNotes, oldest layout: pounds in the column name, no unit column, no comments.
    `timed_unit` writes a distance of 0 in that unit on timed rows: real files carry nonsense
    there (FORMATS.md), which must not make a timed set an error."""
    return _fitnotes(sets, 1, timed_unit)


def fitnotes_1kg_csv(sets: pd.DataFrame, timed_unit: str | None = None) -> str:
    """FitNotes, oldest layout of a metric account: `Weight (kgs)`, otherwise as the lb one."""
    return _fitnotes(sets, 1, timed_unit, unit="kg")


def fitnotes_2_csv(sets: pd.DataFrame, timed_unit: str | None = None) -> str:
    """FitNotes, middle layout: a Weight Unit per row (`kgs` or `lbs`), no comments."""
    return _fitnotes(sets, 2, timed_unit)


def fitnotes_csv(sets: pd.DataFrame, timed_unit: str | None = None) -> str:
    """FitNotes, newest layout: no quoting at all, one date per session, no set types."""
    return _fitnotes(sets, 3, timed_unit)


def stronglifts_csv(sets: pd.DataFrame, unit: str = "kg") -> str:
    """StrongLifts 5×5: one row per exercise of a workout, its sets spread over six
    `Set N (Reps)` / `Set N (KG)` pairs (LB for pound accounts); a failed set is 0 reps."""
    suffix = "KG" if unit == "kg" else "LB"
    divisor = 1.0 if unit == "kg" else KG_PER_LB
    header = ["Date (yyyy/mm/dd)", "Workout", "Workout Name", "Program Name"]
    header += [f"Body Weight ({suffix})", "Exercise", "Sets×Reps"]
    for slot in range(1, STRONGLIFTS_SLOTS + 1):
        header += [f"Set {slot} (Reps)", f"Set {slot} ({suffix})"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    ordered = _ordered(sets)
    numbers = {start: i + 1 for i, start in enumerate(sorted(ordered["performed_at"].unique()))}
    keys = ["performed_at", "exercise_order", "logged_exercise"]
    for (start, _, exercise), done in ordered.groupby(keys, sort=False):
        if len(done) > STRONGLIFTS_SLOTS:
            raise ValueError(f"StrongLifts holds at most six sets of {exercise}")
        first = done.iloc[0]
        body = getattr(first, "body_weight_kg", None)
        reps = int(done["reps"].max())
        row = [start.strftime("%Y/%m/%d"), str(numbers[start]), first["workout_name"]]
        row += ["StrongLifts 5×5", _scaled(body, divisor), exercise, f"{len(done)}×{reps}"]
        for one in done.itertuples(index=False):
            row += [_number(one.reps), _scaled(one.weight_kg, divisor)]
        row += [""] * (len(header) - len(row))
        writer.writerow(row)
    return out.getvalue()


def coachkit_csv(sets: pd.DataFrame) -> str:
    """CoachKit's own template (coachkit/importers/template.py): one row per set, the set type
    spelled out and each weight with its unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_HEADER)
    for row in _ordered(sets).itertuples(index=False):
        pounds = _row_unit(row) == "lb"
        has_weight = _present(row.weight_kg)
        writer.writerow(
            [
                row.performed_at.strftime("%Y-%m-%d %H:%M"),
                row.workout_name,
                row.logged_exercise,
                row.set_type,
                _number(row.reps),
                _scaled(row.weight_kg, KG_PER_LB if pounds else 1.0),
                ("lb" if pounds else "kg") if has_weight else "",
                _number(row.duration_s),
                _number(row.distance_m),
                _number(row.rpe, 1),
                row.notes or "",
            ]
        )
    return out.getvalue()


# The demo's three names first (demo.write_samples uses them), then one writer per Layout.key.
WRITERS = {
    "strong": strong_csv,
    "hevy": hevy_csv,
    "fitnotes": fitnotes_csv,
    "strong_a": strong_csv,
    "strong_b": strong_b_csv,
    "strong_c": strong_c_csv,
    "strong_d": strong_d_csv,
    "strong_d2": strong_d2_csv,
    "strong_e": strong_e_csv,
    "strong_f": strong_f_csv,
    "strong_g": strong_g_csv,
    "strong_h": strong_h_csv,
    "hevy_kg": hevy_csv,
    "hevy_lb": hevy_lb_csv,
    "fitnotes_1": fitnotes_1_csv,
    "fitnotes_1kg": fitnotes_1kg_csv,
    "fitnotes_2": fitnotes_2_csv,
    "fitnotes_3": fitnotes_csv,
    "stronglifts": stronglifts_csv,
    "coachkit": coachkit_csv,
}


def write(sets: pd.DataFrame, layout: str, path: Path, **options) -> Path:
    """Write `sets` as `layout` (a WRITERS key) to `path`, UTF-8, line ends as the app's."""
    path.write_text(WRITERS[layout](sets, **options), encoding="utf-8", newline="")
    return path


def utf8_bom(text: str) -> bytes:
    """UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves it."""
    return codecs.BOM_UTF8 + text.encode("utf-8")


def excel_unicode_text(text: str, delimiter: str = ",") -> bytes:
    """The file as Excel's "Unicode text" saves it: UTF-16 little-endian with a BOM, tabs
    between fields, CRLF, quotes only where a field needs them."""
    return codecs.BOM_UTF16_LE + redelimit(text, "\t", delimiter, "\r\n").encode("utf-16-le")


def cp1252(text: str) -> bytes:
    """Windows-1252, as older Windows tools save text (an accented name is one byte)."""
    return text.encode("cp1252")


def crlf(text: str) -> str:
    """Every line end as CRLF, as a file saved on Windows has them."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def redelimit(text: str, delimiter: str, source: str = ",", line_end: str = "\n") -> str:
    """The same CSV with another delimiter, re-quoted as a CSV writer would (not for FitNotes,
    whose unquoted fields a CSV parser splits differently)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    writer.writerows(csv.reader(io.StringIO(text, newline=""), delimiter=source))
    return out.getvalue()
