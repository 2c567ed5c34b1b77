"""Leg programs: CoachKit's built-in templates and the rules an assignment must keep.

The templates follow the guidance CoachKit is built on: legs once or twice a week, three rest
days after each leg session (72 h, Israetel), stretching afterwards, and a horizon of more than
three months because results take that long. The desk-worker plan is the exception by design:
100 bodyweight squats a day in 5–6 sets, about ten minutes, exempt from the rest rule.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from coachkit.auth import utc_now
from coachkit.store import Cursor, Store

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


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
    substitutes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Program:
    id: uuid.UUID
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
    coach_id: uuid.UUID | None = None


# Built-in programs have fixed ids so that every database, and every replica, agrees on them.
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
    horizon_weeks=12,
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
    horizon_weeks=12,
    planned_weekdays=(1, 2, 3, 4, 5, 6, 7),
    progression_notes=(
        "Split the 100 squats into 5–6 sets with short breaks; as it gets easy, use fewer sets. "
        "Daily practice is the point, so the 3-day rest rule does not apply."
    ),
    exercises=(Prescription("bodyweight_squat", 5, 6, 16, 20, "100 reps in total."),),
    daily_reps_target=100,
)

BUILTINS = (GYM_LEGS, HOME_LEGS, DESK_SQUATS)


def weekdays_text(days: tuple[int, ...]) -> str:
    return ",".join(str(d) for d in sorted(days))


def check_weekdays(program: Program, days: tuple[int, ...]) -> None:
    """Refuse planned weekdays that break the program's weekly band or its rest rule."""
    if any(d not in range(1, 8) for d in days) or len(set(days)) != len(days):
        raise ProgramError("planned weekdays are distinct ISO weekdays, 1 (Mon) to 7 (Sun)")
    if program.kind == "daily":
        return
    if not program.leg_freq_min <= len(days) <= program.leg_freq_max:
        raise ProgramError(
            f"{program.name} plans {program.leg_freq_min}–{program.leg_freq_max} leg sessions "
            f"a week; {len(days)} weekdays were chosen"
        )
    ordered = sorted(days)
    # The gap from the last planned day of one week to the first of the next counts too.
    for first, second in zip(ordered, ordered[1:] + [ordered[0] + 7], strict=True):
        gap = second - first
        if len(ordered) > 1 and gap < program.min_rest_days:
            raise ProgramError(
                f"{WEEKDAYS[first - 1]} and {WEEKDAYS[(second - 1) % 7]} are {gap} day(s) apart; "
                f"{program.name} needs at least {program.min_rest_days} between leg sessions"
            )


def _save_program(cur: Cursor, program: Program) -> None:
    now = utc_now()
    cur.execute(
        "insert_program",
        {
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
            "now": now,
        },
    )
    for position, p in enumerate(program.exercises):
        cur.execute(
            "insert_program_exercise",
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


def install_builtins(store: Store) -> int:
    """Write the built-in programs that the database lacks; return how many were added."""
    with store.transaction() as cur:
        present = {row["id"] for row in cur.rows("builtin_program_ids")}
        missing = [p for p in BUILTINS if p.id not in present]
        for program in missing:
            _save_program(cur, program)
    return len(missing)


def assign(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    program: Program,
    start: date,
    weekdays: tuple[int, ...] | None = None,
    end: date | None = None,
) -> uuid.UUID:
    """Assign a program to one of the coach's clients; an open assignment before it ends."""
    days = weekdays if weekdays is not None else program.planned_weekdays
    check_weekdays(program, days)
    if end is not None and end < start:
        raise ProgramError("an assignment cannot end before it starts")
    assignment_id = uuid.uuid4()
    with store.transaction() as cur:
        if not cur.one("client_by_id", {"coach_id": coach_id, "client_id": client_id}):
            raise ProgramError("no such client")
        cur.execute(
            "end_open_assignments",
            {"coach_id": coach_id, "client_id": client_id, "end_date": start},
        )
        cur.execute(
            "insert_assignment",
            {
                "id": assignment_id,
                "coach_id": coach_id,
                "client_id": client_id,
                "program_id": program.id,
                "start_date": start,
                "end_date": end,
                "planned_weekdays": weekdays_text(days),
                "now": utc_now(),
            },
        )
    return assignment_id
