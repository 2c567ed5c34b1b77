"""Leg programs: CoachKit's built-in templates, a coach's own programs, and assignments.

The templates follow the guidance CoachKit is built on: legs once or twice a week, three rest
days after each leg session (72 h, Israetel), stretching afterwards, and a horizon of more than
three months because results take that long. The desk-worker plan is the exception by design:
100 bodyweight squats a day in 5–6 sets, about ten minutes, exempt from the rest rule.

Built-ins are stored with coach_id NULL and are read-only; a coach copies one to change it.
Every function takes the coach and sees the built-ins and that coach's own programs only. A
program or client that is another coach's gets the same answer as one that does not exist, so
that ids cannot be probed. Assignments are never deleted: a new one ends the open one, and the
client's history keeps both.
"""

from __future__ import annotations

import itertools
import math
import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from coachkit import catalog, versions, weekdays
from coachkit.clients import ClientError, get_client
from coachkit.clock import utc_now
from coachkit.store import Cursor, Store, retry_conflicts

KINDS = ("weekly", "daily")
MAX_NAME_LENGTH = 80
MAX_SETS = 20
MAX_REPS = 100
MAX_HORIZON_WEEKS = 104
MAX_DAILY_REPS = 1000
READ_ONLY = "built-in programs are read-only; copy it first"


class ProgramError(ValueError):
    """A program or assignment breaks a rule; the message says which."""


@dataclass(frozen=True)
class Prescription:
    slug: str
    sets_min: int
    sets_max: int
    reps_min: int
    reps_max: int
    notes: str = ""
    substitutes: tuple[str, ...] = ()  # catalog slugs that count as this exercise


@dataclass(frozen=True)
class Program:
    id: uuid.UUID | None  # None: not saved yet; save_program gives it one
    name: str
    description: str
    kind: str  # "weekly", or "daily" for the desk-worker plan
    leg_freq_min: int
    leg_freq_max: int
    min_rest_days: int
    stretching_required: bool
    horizon_weeks: int
    planned_weekdays: tuple[int, ...]  # ISO: 1 = Monday
    progression_notes: str
    exercises: tuple[Prescription, ...] = field(default=())
    daily_reps_target: int | None = None
    coach_id: uuid.UUID | None = None  # None: a built-in

    @property
    def builtin(self) -> bool:
        return self.id is not None and self.coach_id is None


@dataclass(frozen=True)
class Assignment:
    id: uuid.UUID
    program_id: uuid.UUID
    program_name: str | None  # None only if the program is no longer visible to the coach
    start: date
    end: date | None  # exclusive, like the metrics read it; None while the assignment runs
    planned_weekdays: tuple[int, ...]
    weekly_target: int | None  # None: the program's leg_freq_max (METRICS.md)


# Built-in programs have fixed ids so that every database, and every replica, agrees on them.
# All three run 16 weeks: results take more than three months, so a 12-week plan would end
# just before the client could see any.
GYM_LEGS = Program(
    id=uuid.UUID("6c1f2f57-5d1a-4d7e-9a0b-000000000001"),
    name="Gym legs",
    description="Machines and free weights for quads, hamstrings, adductors and glutes.",
    kind="weekly",
    leg_freq_min=1,
    leg_freq_max=2,
    min_rest_days=3,
    stretching_required=True,
    horizon_weeks=16,
    planned_weekdays=(1, 4),
    progression_notes=(
        "Add a rep each session until the top of the range on every set, then add 2.5 kg "
        "(5 kg on squats) and start again at the bottom of the range. Stretch quads, "
        "hamstrings and adductors for 5–10 minutes after. Expect visible results after 3 months."
    ),
    exercises=(
        Prescription("leg_extension", 3, 3, 10, 15, "Controlled, pause at the top."),
        Prescription("hip_adduction_machine", 3, 3, 12, 15),
        Prescription("lying_leg_curl", 3, 3, 10, 12, substitutes=("seated_leg_curl",)),
        Prescription("barbell_back_squat", 3, 4, 6, 10, "Two warm-up sets first."),
        Prescription("dumbbell_lunge", 3, 3, 8, 12, "Per leg.", ("barbell_lunge",)),
    ),
)

HOME_LEGS = Program(
    id=uuid.UUID("6c1f2f57-5d1a-4d7e-9a0b-000000000002"),
    name="Home legs",
    description="No equipment: bodyweight squats, squat jumps and lunges.",
    kind="weekly",
    leg_freq_min=1,
    leg_freq_max=2,
    min_rest_days=3,
    stretching_required=True,
    horizon_weeks=16,
    planned_weekdays=(2, 6),
    progression_notes=(
        "Add reps until every set reaches the top of the range, then slow the lowering to "
        "3 seconds or hold a backpack. Stretch afterwards. Results come after 3 months."
    ),
    exercises=(
        Prescription("bodyweight_squat", 3, 4, 15, 25),
        Prescription("squat_jump", 3, 3, 8, 12, "Land softly."),
        Prescription("bodyweight_lunge", 3, 3, 10, 15, "Per leg.", ("walking_lunge",)),
    ),
)

DESK_SQUATS = Program(
    id=uuid.UUID("6c1f2f57-5d1a-4d7e-9a0b-000000000003"),
    name="Desk-worker daily squats",
    description="For people who sit all day: 100 bodyweight squats a day, about 10 minutes.",
    kind="daily",
    leg_freq_min=7,
    leg_freq_max=7,
    min_rest_days=0,
    stretching_required=False,
    horizon_weeks=16,
    planned_weekdays=(1, 2, 3, 4, 5, 6, 7),
    progression_notes=(
        "Split the 100 squats into 5–6 sets with short breaks; as it gets easy, use fewer sets. "
        "Daily practice is the point, so the 3-day rest rule does not apply. "
        "Results come after 3 months."
    ),
    exercises=(Prescription("bodyweight_squat", 5, 6, 16, 20, "100 reps in total."),),
    daily_reps_target=100,
)

BUILTINS = (GYM_LEGS, HOME_LEGS, DESK_SQUATS)


def weekdays_text(days: tuple[int, ...]) -> str:
    return ",".join(str(d) for d in sorted(days))


def check_weekdays(program: Program, days: tuple[int, ...]) -> None:
    """Refuse planned weekdays that break the program's weekly band or its rest rule."""
    if not days:
        raise ProgramError("choose at least one planned weekday")
    if any(d not in range(1, 8) for d in days) or len(set(days)) != len(days):
        raise ProgramError("planned weekdays are distinct ISO weekdays, 1 (Mon) to 7 (Sun)")
    if program.kind == "daily":
        return
    if not program.leg_freq_min <= len(days) <= program.leg_freq_max:
        raise ProgramError(
            f"{program.name} plans {program.leg_freq_min}–{program.leg_freq_max} leg sessions "
            f"a week; {len(days)} weekdays were chosen ({weekdays.names(days)})"
        )
    if len(days) == 1:
        return
    ordered = sorted(days)
    # The gap from the last planned day of one week to the first of the next counts too.
    for first, second in zip(ordered, ordered[1:] + [ordered[0] + 7], strict=True):
        gap = second - first
        if gap < program.min_rest_days:
            raise ProgramError(
                f"{weekdays.name(first)} and {weekdays.name(second)} are {gap} "
                f"day{'s' if gap != 1 else ''} apart; {program.name} needs at least "
                f"{program.min_rest_days} days between leg sessions"
            )


def _check_range(label: str, value: object, low: int, high: int) -> None:
    # bool is an int to Python, but True sets is a slip, not a number.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProgramError(f"{label}: must be a whole number from {low} to {high}, not {value!r}")


def _check_band(prefix: str, name: str, low: object, high: object, ceiling: int) -> None:
    """`<name>_min` and `<name>_max` each from 1 to `ceiling`, the minimum not above the maximum."""
    _check_range(f"{prefix}{name}_min", low, 1, ceiling)
    _check_range(f"{prefix}{name}_max", high, 1, ceiling)
    if low > high:
        raise ProgramError(f"{prefix}{name}_min ({low}) is above {name}_max ({high})")


def _validate(program: Program) -> None:
    """Refuse a program that breaks a rule; the message starts with the field it is about."""
    if not program.name:
        raise ProgramError("name: a program needs a name")
    if len(program.name) > MAX_NAME_LENGTH:
        raise ProgramError(f"name: at most {MAX_NAME_LENGTH} characters, not {len(program.name)}")
    if program.kind not in KINDS:
        raise ProgramError(f"kind: must be weekly or daily, not {program.kind!r}")
    _check_band("", "leg_freq", program.leg_freq_min, program.leg_freq_max, 7)
    _check_range("min_rest_days", program.min_rest_days, 0, 6)
    _check_range("horizon_weeks", program.horizon_weeks, 1, MAX_HORIZON_WEEKS)
    if program.kind == "daily":
        _check_range("daily_reps_target", program.daily_reps_target, 1, MAX_DAILY_REPS)
    elif program.daily_reps_target is not None:
        raise ProgramError("daily_reps_target: only a daily program has one; leave it empty")
    if not program.exercises:
        raise ProgramError("exercises: a program needs at least one exercise")
    known = {exercise.slug for exercise in catalog.exercises()}
    seen: set[str] = set()
    for number, p in enumerate(program.exercises, start=1):
        if p.slug not in known:
            raise ProgramError(f"exercise {number}: {p.slug!r} is not in the exercise catalog")
        if p.slug in seen:
            raise ProgramError(f"exercise {number}: {p.slug} is already in the program")
        seen.add(p.slug)
        where = f"exercise {number} ({p.slug}) "
        for substitute in p.substitutes:
            if substitute not in known:
                raise ProgramError(
                    f"{where}substitutes: {substitute!r} is not in the exercise catalog"
                )
        _check_band(where, "sets", p.sets_min, p.sets_max, MAX_SETS)
        _check_band(where, "reps", p.reps_min, p.reps_max, MAX_REPS)
    try:
        check_weekdays(program, program.planned_weekdays)
    except ProgramError as exc:
        raise ProgramError(f"planned_weekdays: {exc}") from None


COUNTS = ("sets_min", "sets_max", "reps_min", "reps_max")


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def from_builder(base: Program | None, rows: list[dict], **fields: object) -> Program:
    """The Program that a builder's exercise rows and fields describe; `save_program` then
    checks its rules and stores it.

    Each row has `exercise` (a catalog slug), the four counts and `notes`; a row with every
    cell empty (None, "" or NaN) is skipped. Substitutes are not edited in a builder: an edited
    exercise keeps the ones it had in `base`. Raises ProgramError for a row without an exercise
    or with a count that is not a whole number.
    """
    kept = {p.slug: p.substitutes for p in base.exercises} if base else {}
    prescriptions = []
    for number, row in enumerate(rows, start=1):
        if all(_blank(value) for value in row.values()):
            continue
        if _blank(row["exercise"]):
            raise ProgramError(f"exercise {number}: choose an exercise")
        counts = {}
        for column in COUNTS:
            value = row[column]
            if _blank(value) or float(value) != int(value):
                raise ProgramError(f"exercise {number}: {column} needs a whole number")
            counts[column] = int(value)
        prescriptions.append(
            Prescription(
                slug=row["exercise"],
                notes="" if _blank(row["notes"]) else str(row["notes"]).strip(),
                substitutes=kept.get(row["exercise"], ()),
                **counts,
            )
        )
    return Program(id=base.id if base else None, exercises=tuple(prescriptions), **fields)


def _visible(cur: Cursor, coach_id: uuid.UUID | None, program_id: uuid.UUID | None = None):
    """The built-ins and the coach's own programs (or just `program_id` among them), loaded
    with their exercises, built-ins first, then by name."""
    params = {"coach_id": coach_id, "program_id": program_id}
    exercises: dict[uuid.UUID, list[Prescription]] = {}
    for row in cur.rows("programs/program_exercise_rows", params):
        exercises.setdefault(row["program_id"], []).append(
            Prescription(
                slug=row["exercise_slug"],
                sets_min=row["sets_min"],
                sets_max=row["sets_max"],
                reps_min=row["reps_min"],
                reps_max=row["reps_max"],
                notes=row["notes"],
                substitutes=tuple(s for s in row["substitutes"].split("|") if s),
            )
        )
    return [
        Program(
            id=row["id"],
            name=row["name"],
            description=row["description"],
            kind=row["kind"],
            leg_freq_min=row["leg_freq_min"],
            leg_freq_max=row["leg_freq_max"],
            min_rest_days=row["min_rest_days"],
            stretching_required=row["stretching_required"],
            horizon_weeks=row["horizon_weeks"],
            planned_weekdays=weekdays.parse(row["planned_weekdays"]),
            progression_notes=row["progression_notes"],
            exercises=tuple(exercises.get(row["id"], ())),
            daily_reps_target=row["daily_reps_target"],
            coach_id=row["coach_id"],
        )
        for row in cur.rows("programs/program_rows", params)
    ]


def _get(cur: Cursor, coach_id: uuid.UUID, program_id: uuid.UUID) -> Program:
    found = _visible(cur, coach_id, program_id)
    if not found:
        raise ProgramError("no such program")
    return found[0]


def _write(cur: Cursor, program: Program, update: bool) -> None:
    """Store a validated program; an update replaces its exercises, so positions stay 0..n-1."""
    params = {
        "id": program.id,
        "coach_id": program.coach_id,
        "name": program.name,
        "description": program.description,
        "kind": program.kind,
        "leg_freq_min": program.leg_freq_min,
        "leg_freq_max": program.leg_freq_max,
        "min_rest_days": program.min_rest_days,
        "stretching_required": program.stretching_required,
        "horizon_weeks": program.horizon_weeks,
        "planned_weekdays": weekdays_text(program.planned_weekdays),
        "daily_reps_target": program.daily_reps_target,
        "progression_notes": program.progression_notes,
        "now": utc_now(),
    }
    if update:
        cur.execute("programs/program_update", params)
        cur.execute(
            "programs/program_exercises_delete", {"id": program.id, "coach_id": program.coach_id}
        )
    else:
        cur.execute("programs/insert_program", params)
    for position, p in enumerate(program.exercises):
        cur.execute(
            "programs/insert_program_exercise",
            {
                "program_id": program.id,
                "position": position,
                "slug": p.slug,
                "sets_min": p.sets_min,
                "sets_max": p.sets_max,
                "reps_min": p.reps_min,
                "reps_max": p.reps_max,
                "substitutes": "|".join(p.substitutes),
                "notes": p.notes,
            },
        )


def _own_names(cur: Cursor, coach_id: uuid.UUID, other_than: uuid.UUID | None = None) -> set[str]:
    """The names of the coach's own programs, case-folded: "Legs" and "legs" are one name."""
    rows = cur.rows("programs/program_names", {"coach_id": coach_id})
    return {row["name"].casefold() for row in rows if row["id"] != other_than}


def _save(cur: Cursor, coach_id: uuid.UUID, program: Program) -> Program:
    """Create (id None) or update one of the coach's own programs, inside the caller's
    transaction; the coach_id argument, not the object's, decides whose program it is."""
    if program.id is not None and _get(cur, coach_id, program.id).builtin:
        raise ProgramError(READ_ONLY)
    saved = replace(
        program,
        id=program.id or uuid.uuid4(),
        coach_id=coach_id,
        name=" ".join(program.name.split()),
        planned_weekdays=tuple(sorted(program.planned_weekdays)),
        exercises=tuple(replace(p, substitutes=tuple(p.substitutes)) for p in program.exercises),
    )
    _validate(saved)
    if saved.name.casefold() in _own_names(cur, coach_id, other_than=saved.id):
        raise ProgramError(f"name: you already have a program called {saved.name}")
    _write(cur, saved, update=program.id is not None)
    versions.changed(cur, coach_id)
    return saved


def programs_for(store: Store, coach_id: uuid.UUID) -> list[Program]:
    """The programs the coach can use: the built-ins first, then their own by name."""
    with store.transaction() as cur:
        return _visible(cur, coach_id)


def get_program(store: Store, coach_id: uuid.UUID, program_id: uuid.UUID) -> Program:
    """A built-in or one of the coach's own programs, with its exercises."""
    with store.transaction() as cur:
        return _get(cur, coach_id, program_id)


def save_program(store: Store, coach_id: uuid.UUID, program: Program) -> Program:
    """Create the program when its id is None, else update the coach's own program of that id;
    return it as stored. Built-ins are refused: they are copied, never changed."""
    with store.transaction() as cur:
        return _save(cur, coach_id, program)


def _copy_name(name: str, taken: set[str]) -> str:
    for number in itertools.count(1):
        suffix = " (copy)" if number == 1 else f" (copy {number})"
        candidate = name[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
    raise AssertionError("unreachable")


def copy_program(
    store: Store, coach_id: uuid.UUID, program_id: uuid.UUID, name: str | None = None
) -> Program:
    """Copy a built-in or own program into the coach's own, editable programs. Without a name
    the copy is called "<name> (copy)", numbered when the coach already has one."""
    with store.transaction() as cur:
        source = _get(cur, coach_id, program_id)
        if name is None:
            name = _copy_name(source.name, _own_names(cur, coach_id))
        return _save(cur, coach_id, replace(source, id=None, name=name))


def install_builtins(store: Store) -> int:
    """Write the built-in programs that the database lacks or holds in an older form; return
    how many were written. Their ids are fixed, so assignments keep pointing at them. Of two
    app servers starting at once, the one that loses the race starts over and finds them."""

    def install() -> int:
        with store.transaction() as cur:
            stored = {program.id: program for program in _visible(cur, None)}
            changed = [program for program in BUILTINS if stored.get(program.id) != program]
            for program in changed:
                _write(cur, program, update=program.id in stored)
            if changed:
                versions.changed_all(cur)
        return len(changed)

    return retry_conflicts(install)


def _require_client(cur: Cursor, coach_id: uuid.UUID, client_id: uuid.UUID) -> None:
    try:
        get_client(cur, coach_id, client_id)
    except ClientError:
        raise ProgramError("no such client") from None


def _check_end(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ProgramError(f"an assignment cannot end ({end}) before it starts ({start})")


def _check_weekly_target(program: Program, target: int | None) -> None:
    if target is None:
        return
    if program.kind == "daily":
        raise ProgramError("weekly_target: a daily program counts days, not sessions a week")
    low, high = program.leg_freq_min, program.leg_freq_max
    label = f"weekly_target ({program.name} plans {low}–{high} leg sessions a week)"
    _check_range(label, target, low, high)


def _history(cur: Cursor, coach_id: uuid.UUID, client_id: uuid.UUID) -> list[Assignment]:
    return [
        Assignment(
            id=row["id"],
            program_id=row["program_id"],
            program_name=row["program_name"],
            start=row["start_date"],
            end=row["end_date"],
            planned_weekdays=weekdays.parse(row["planned_weekdays"]),
            weekly_target=row["weekly_target"],
        )
        for row in cur.rows(
            "programs/assignment_rows", {"coach_id": coach_id, "client_id": client_id}
        )
    ]


def assign_program(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    program_id: uuid.UUID,
    start: date,
    weekdays: tuple[int, ...] | None = None,
    end: date | None = None,
    weekly_target: int | None = None,
) -> uuid.UUID:
    """Assign a built-in or own program to one of the coach's clients from `start` (and until
    `end`, exclusive), on the program's planned weekdays unless others are given.

    The client's open assignment ends the day this one starts; it stays in the history. A new
    assignment cannot start before the client's latest one, so the history never overlaps.
    """
    _check_end(start, end)
    assignment_id = uuid.uuid4()
    with store.transaction() as cur:
        _require_client(cur, coach_id, client_id)
        program = _get(cur, coach_id, program_id)
        days = tuple(weekdays) if weekdays is not None else program.planned_weekdays
        check_weekdays(program, days)
        _check_weekly_target(program, weekly_target)
        history = _history(cur, coach_id, client_id)
        if history and start < history[0].start:
            raise ProgramError(
                f"the client's latest assignment starts on {history[0].start}; "
                f"a new one cannot start before it ({start})"
            )
        cur.execute(
            "programs/end_open_assignments",
            {"coach_id": coach_id, "client_id": client_id, "end_date": start},
        )
        cur.execute(
            "programs/insert_assignment",
            {
                "id": assignment_id,
                "coach_id": coach_id,
                "client_id": client_id,
                "program_id": program.id,
                "start_date": start,
                "end_date": end,
                "planned_weekdays": weekdays_text(days),
                "weekly_target": weekly_target,
                "now": utc_now(),
            },
        )
        versions.changed(cur, coach_id)
    return assignment_id


def assign(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    program: Program,
    start: date,
    weekdays: tuple[int, ...] | None = None,
    end: date | None = None,
    weekly_target: int | None = None,
) -> uuid.UUID:
    """`assign_program` for a Program object. Only its id counts: the rules are those of the
    stored program the coach can see, so an edited or hand-made object cannot bring its own."""
    if program.id is None:
        raise ProgramError("save the program before assigning it")
    return assign_program(
        store, coach_id, client_id, program.id, start, weekdays, end, weekly_target
    )


def assignments_of(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> list[Assignment]:
    """Every assignment of one of the coach's clients, past ones included, newest first."""
    with store.transaction() as cur:
        _require_client(cur, coach_id, client_id)
        return _history(cur, coach_id, client_id)


def end_assignment(store: Store, coach_id: uuid.UUID, assignment_id: uuid.UUID, end: date) -> None:
    """End a running assignment on `end` (exclusive); it stays in the client's history.
    An assignment that has ended is history and is not rewritten."""
    with store.transaction() as cur:
        row = cur.one("programs/assignment_by_id", {"coach_id": coach_id, "id": assignment_id})
        if row is None:
            raise ProgramError("no such assignment")
        if row["end_date"] is not None:
            raise ProgramError(f"this assignment already ended on {row['end_date']}")
        _check_end(row["start_date"], end)
        cur.execute(
            "programs/assignment_end", {"coach_id": coach_id, "id": assignment_id, "end_date": end}
        )
        versions.changed(cur, coach_id)
