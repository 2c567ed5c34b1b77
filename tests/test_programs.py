"""Leg programs: the built-ins keep to the guidance, coaches build their own, assignments keep
to the rest rule and the weekly band, and history is never lost."""

import re
import uuid
from dataclasses import replace
from datetime import date

import pytest

from coachkit import catalog, programs
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.programs import (
    DESK_SQUATS,
    GYM_LEGS,
    HOME_LEGS,
    Prescription,
    Program,
    ProgramError,
)
from tests.conftest import TODAY

MONDAY = date(2026, 11, 23)  # the Monday of the pinned TODAY's week


@pytest.fixture
def db(store):
    programs.install_builtins(store)
    return store


@pytest.fixture
def coach(db):
    return add_coach(db, "coach@programs.example", "Coach")


@pytest.fixture
def rival(db):
    return add_coach(db, "rival@programs.example", "Rival")


@pytest.fixture
def client(db, coach):
    return add_client(db, coach.id, "Ana")


def new_program(**changes) -> Program:
    """A valid weekly program of the coach's own, not saved yet."""
    program = Program(
        id=None,
        name="Quads twice",
        description="Quads and hamstrings.",
        kind="weekly",
        leg_freq_min=1,
        leg_freq_max=2,
        min_rest_days=3,
        stretching_required=True,
        horizon_weeks=14,
        planned_weekdays=(3, 6),
        progression_notes="Add a rep a week.",
        exercises=(
            Prescription("front_squat", 4, 5, 5, 8, "Belt on.", ("goblet_squat",)),
            Prescription("seated_leg_curl", 3, 3, 10, 12),
        ),
    )
    return replace(program, **changes)


def slugs(program: Program) -> set[str]:
    return {p.slug for p in program.exercises}


# The built-ins, as stored in the database.


def test_the_builtins_are_stored_exactly_as_defined_and_installed_once(db, coach):
    for builtin in programs.BUILTINS:
        assert programs.get_program(db, coach.id, builtin.id) == builtin
    assert programs.install_builtins(db) == 0


def test_gym_legs_prescribes_the_five_exercises_the_guidance_names(db, coach):
    program = programs.get_program(db, coach.id, GYM_LEGS.id)
    named = ("Leg extension", "Hip adductor", "Prone leg curl", "Weighted squat", "Weighted lunge")
    # Each of the guidance's own words finds the prescribed catalog exercise.
    assert slugs(program) == {catalog.classify(name).slug for name in named}
    assert len(program.exercises) == 5


def test_home_legs_is_bodyweight_squats_squat_jumps_and_lunges(db, coach):
    program = programs.get_program(db, coach.id, HOME_LEGS.id)
    named = ("Bodyweight squats", "Squat jumps", "Lunges")
    assert slugs(program) == {catalog.classify(name).slug for name in named}
    assert {catalog.exercise(p.slug).equipment for p in program.exercises} == {"bodyweight"}


def test_the_weekly_builtins_plan_one_or_two_leg_days_three_rest_days_and_stretching(db, coach):
    for builtin in (GYM_LEGS, HOME_LEGS):
        program = programs.get_program(db, coach.id, builtin.id)
        assert program.kind == "weekly"
        assert (program.leg_freq_min, program.leg_freq_max) == (1, 2)
        assert program.min_rest_days == 3
        assert program.stretching_required
        programs.check_weekdays(program, program.planned_weekdays)


def test_the_desk_plan_is_100_squats_a_day_in_five_or_six_sets(db, coach):
    program = programs.get_program(db, coach.id, DESK_SQUATS.id)
    (squats,) = program.exercises
    assert squats.slug == catalog.classify("Bodyweight squats").slug
    assert (squats.sets_min, squats.sets_max) == (5, 6)
    assert program.daily_reps_target == 100
    # 100 reps fit the rep range in 5 sets and in 6.
    for sets in (5, 6):
        assert sets * squats.reps_min <= 100 <= sets * squats.reps_max
    assert program.kind == "daily"
    assert program.planned_weekdays == (1, 2, 3, 4, 5, 6, 7)
    assert "10 minutes" in program.description


def test_the_desk_plan_is_exempt_from_the_rest_rule(db, coach, client):
    program = programs.get_program(db, coach.id, DESK_SQUATS.id)
    assert program.min_rest_days == 0
    programs.check_weekdays(program, (1, 2, 3, 4, 5, 6, 7))
    programs.assign_program(db, coach.id, client.id, DESK_SQUATS.id, MONDAY, (1, 2))
    assert programs.assignments_of(db, coach.id, client.id)[0].planned_weekdays == (1, 2)


def test_every_builtin_runs_longer_than_three_months_and_says_how_to_progress(db, coach):
    for builtin in programs.BUILTINS:
        program = programs.get_program(db, coach.id, builtin.id)
        assert program.horizon_weeks >= 12
        assert program.horizon_weeks * 7 > 91, program.name  # 3 months are about 13 weeks
        assert "3 months" in program.progression_notes
        for p in program.exercises:
            assert 1 <= p.sets_min <= p.sets_max and 1 <= p.reps_min <= p.reps_max


def test_builtins_come_first_then_the_coachs_own_programs_by_name(db, coach):
    programs.save_program(db, coach.id, new_program(name="Zebra legs"))
    programs.save_program(db, coach.id, new_program(name="Adductor focus"))
    names = [p.name for p in programs.programs_for(db, coach.id)]
    assert names == [
        "Desk-worker daily squats",
        "Gym legs",
        "Home legs",
        "Adductor focus",
        "Zebra legs",
    ]


def test_install_builtins_restores_a_builtin_that_was_changed_in_the_database(db, coach):
    # An older release stored Gym legs without exercises, say.
    db.execute("programs/program_exercises_delete", {"id": GYM_LEGS.id, "coach_id": None})
    assert programs.get_program(db, coach.id, GYM_LEGS.id).exercises == ()
    assert programs.install_builtins(db) == 1
    assert programs.get_program(db, coach.id, GYM_LEGS.id) == GYM_LEGS


# Read-only built-ins, copies and the coach's own programs.


def test_a_builtin_cannot_be_edited_only_copied(db, coach):
    edited = replace(GYM_LEGS, min_rest_days=1)
    with pytest.raises(ProgramError, match=re.escape(programs.READ_ONLY)):
        programs.save_program(db, coach.id, edited)
    assert programs.get_program(db, coach.id, GYM_LEGS.id) == GYM_LEGS


def test_a_copy_of_a_builtin_is_the_coachs_own_and_can_be_edited(db, coach):
    copy = programs.copy_program(db, coach.id, GYM_LEGS.id)
    assert (copy.name, copy.coach_id, copy.builtin) == ("Gym legs (copy)", coach.id, False)
    assert copy.id != GYM_LEGS.id
    assert copy.exercises == GYM_LEGS.exercises

    fewer = replace(copy, exercises=copy.exercises[:2], stretching_required=False, horizon_weeks=20)
    programs.save_program(db, coach.id, fewer)
    assert programs.get_program(db, coach.id, copy.id) == fewer
    assert programs.get_program(db, coach.id, GYM_LEGS.id) == GYM_LEGS


def test_copies_get_names_of_their_own_or_the_name_given(db, coach):
    first = programs.copy_program(db, coach.id, HOME_LEGS.id)
    second = programs.copy_program(db, coach.id, HOME_LEGS.id)
    of_copy = programs.copy_program(db, coach.id, first.id)
    named = programs.copy_program(db, coach.id, HOME_LEGS.id, name="Ana's home legs")
    assert [first.name, second.name, of_copy.name, named.name] == [
        "Home legs (copy)",
        "Home legs (copy 2)",
        "Home legs (copy) (copy)",
        "Ana's home legs",
    ]


def test_a_new_program_round_trips_through_the_database(db, coach):
    saved = programs.save_program(db, coach.id, new_program(planned_weekdays=(6, 3)))
    assert saved.id is not None and saved.coach_id == coach.id
    assert saved.planned_weekdays == (3, 6)
    assert programs.get_program(db, coach.id, saved.id) == saved
    assert saved in programs.programs_for(db, coach.id)


def test_editing_replaces_the_exercises_and_keeps_the_id(db, coach):
    saved = programs.save_program(db, coach.id, new_program())
    edited = replace(
        saved,
        name="Quads once",
        leg_freq_max=1,
        planned_weekdays=(2,),
        exercises=(Prescription("leg_extension", 2, 3, 12, 20, "Slow."),),
    )
    assert programs.save_program(db, coach.id, edited) == edited
    assert programs.get_program(db, coach.id, saved.id) == edited
    assert [p.name for p in programs.programs_for(db, coach.id) if not p.builtin] == ["Quads once"]


def test_a_daily_program_of_the_coachs_own_needs_a_daily_reps_target(db, coach):
    daily = new_program(kind="daily", leg_freq_min=7, leg_freq_max=7, min_rest_days=0)
    daily = replace(daily, planned_weekdays=(1, 2, 3, 4, 5, 6, 7))
    with pytest.raises(ProgramError, match=r"^daily_reps_target:"):
        programs.save_program(db, coach.id, daily)
    saved = programs.save_program(db, coach.id, replace(daily, daily_reps_target=50))
    assert programs.get_program(db, coach.id, saved.id).daily_reps_target == 50


def one_exercise(**changes) -> tuple[Prescription, ...]:
    return (replace(Prescription("leg_extension", 3, 3, 10, 15), **changes),)


REFUSALS = {
    "empty name": ({"name": "   "}, r"^name: a program needs a name"),
    "long name": ({"name": "x" * 81}, r"^name: at most 80 characters"),
    "unknown kind": ({"kind": "monthly"}, r"^kind: must be weekly or daily, not 'monthly'"),
    "no leg day": ({"leg_freq_min": 0}, r"^leg_freq_min: must be a whole number from 1 to 7"),
    "eight a week": ({"leg_freq_max": 8}, r"^leg_freq_max: must be a whole number from 1 to 7"),
    "band upside down": (
        {"leg_freq_min": 2, "leg_freq_max": 1},
        r"^leg_freq_min \(2\) is above leg_freq_max \(1\)",
    ),
    "rest a week": ({"min_rest_days": 7}, r"^min_rest_days: must be a whole number from 0 to 6"),
    "negative rest": ({"min_rest_days": -1}, r"^min_rest_days: .* not -1"),
    "no horizon": ({"horizon_weeks": 0}, r"^horizon_weeks: must be a whole number from 1 to 104"),
    "horizon too long": ({"horizon_weeks": 105}, r"^horizon_weeks: .* not 105"),
    "fractional weeks": ({"horizon_weeks": 12.5}, r"^horizon_weeks: .* not 12.5"),
    "weekly with a daily target": (
        {"daily_reps_target": 100},
        r"^daily_reps_target: only a daily program has one",
    ),
    "no exercise": ({"exercises": ()}, r"^exercises: a program needs at least one exercise"),
    "unknown exercise": (
        {"exercises": one_exercise(slug="moon_squat")},
        r"^exercise 1: 'moon_squat' is not in the exercise catalog",
    ),
    "unknown substitute": (
        {"exercises": one_exercise(substitutes=("leg_press", "moon_press"))},
        r"^exercise 1 \(leg_extension\) substitutes: 'moon_press' is not in the exercise catalog",
    ),
    "same exercise twice": (
        {"exercises": one_exercise() + one_exercise()},
        r"^exercise 2: leg_extension is already in the program",
    ),
    "no sets": (
        {"exercises": one_exercise(sets_min=0)},
        r"^exercise 1 \(leg_extension\) sets_min: must be a whole number from 1 to 20",
    ),
    "too many sets": (
        {"exercises": one_exercise(sets_max=21)},
        r"^exercise 1 \(leg_extension\) sets_max: must be a whole number from 1 to 20",
    ),
    "sets upside down": (
        {"exercises": one_exercise(sets_min=4, sets_max=3)},
        r"^exercise 1 \(leg_extension\) sets_min \(4\) is above sets_max \(3\)",
    ),
    "no reps": (
        {"exercises": one_exercise(reps_min=0)},
        r"^exercise 1 \(leg_extension\) reps_min: must be a whole number from 1 to 100",
    ),
    "too many reps": (
        {"exercises": one_exercise(reps_max=101)},
        r"^exercise 1 \(leg_extension\) reps_max: must be a whole number from 1 to 100",
    ),
    "reps upside down": (
        {"exercises": one_exercise(reps_min=15, reps_max=10)},
        r"^exercise 1 \(leg_extension\) reps_min \(15\) is above reps_max \(10\)",
    ),
    "back-to-back plan": (
        {"planned_weekdays": (1, 2)},
        r"^planned_weekdays: Mon and Tue are 1 day apart; Quads twice needs at least 3 days",
    ),
    "plan above the band": (
        {"planned_weekdays": (1, 4, 7)},
        r"^planned_weekdays: Quads twice plans 1–2 leg sessions a week; 3 weekdays",
    ),
    "no planned day": ({"planned_weekdays": ()}, r"^planned_weekdays: choose at least one"),
    "day eight": ({"planned_weekdays": (1, 8)}, r"^planned_weekdays: .* 1 \(Mon\) to 7 \(Sun\)"),
}


@pytest.mark.parametrize(("changes", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_program_that_breaks_a_rule_is_refused_naming_the_field(db, coach, changes, message):
    with pytest.raises(ProgramError, match=message):
        programs.save_program(db, coach.id, new_program(**changes))
    assert all(p.builtin for p in programs.programs_for(db, coach.id))


def test_an_edit_that_breaks_a_rule_leaves_the_program_as_it_was(db, coach):
    saved = programs.save_program(db, coach.id, new_program())
    broken = replace(saved, exercises=saved.exercises + one_exercise(slug="moon_squat"))
    with pytest.raises(ProgramError, match="moon_squat"):
        programs.save_program(db, coach.id, broken)
    assert programs.get_program(db, coach.id, saved.id) == saved


def test_a_coach_has_one_program_per_name_whatever_the_case(db, coach, rival):
    saved = programs.save_program(db, coach.id, new_program(name="Quads twice"))
    with pytest.raises(ProgramError, match="^name: you already have a program called quads TWICE$"):
        programs.save_program(db, coach.id, new_program(name="  quads   TWICE "))
    # Saving it again under its own name is an edit, not a clash; another coach may use it too.
    programs.save_program(db, coach.id, replace(saved, horizon_weeks=15))
    programs.save_program(db, rival.id, new_program(name="Quads twice"))


def test_another_coach_can_neither_see_get_edit_copy_nor_assign_your_program(db, coach, rival):
    mine = programs.save_program(db, coach.id, new_program())
    theirs = add_client(db, rival.id, "Ben")
    assert [p.id for p in programs.programs_for(db, rival.id)] == [
        DESK_SQUATS.id,
        GYM_LEGS.id,
        HOME_LEGS.id,
    ]
    calls = (
        lambda: programs.get_program(db, rival.id, mine.id),
        lambda: programs.save_program(db, rival.id, replace(mine, name="Stolen")),
        lambda: programs.copy_program(db, rival.id, mine.id),
        lambda: programs.assign_program(db, rival.id, theirs.id, mine.id, MONDAY),
        lambda: programs.assign(db, rival.id, theirs.id, mine, MONDAY),
    )
    for call in calls:
        with pytest.raises(ProgramError, match="^no such program$"):
            call()
    # The same answer as for a program that does not exist at all.
    with pytest.raises(ProgramError, match="^no such program$"):
        programs.get_program(db, rival.id, uuid.uuid4())
    assert programs.get_program(db, coach.id, mine.id) == mine
    assert programs.assignments_of(db, rival.id, theirs.id) == []


def test_another_coachs_client_and_assignment_are_refused(db, coach, rival, client):
    assignment = programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY)
    with pytest.raises(ProgramError, match="^no such client$"):
        programs.assign(db, rival.id, client.id, GYM_LEGS, MONDAY)
    with pytest.raises(ProgramError, match="^no such client$"):
        programs.assignments_of(db, rival.id, client.id)
    with pytest.raises(ProgramError, match="^no such assignment$"):
        programs.end_assignment(db, rival.id, assignment, TODAY)
    assert programs.assignments_of(db, coach.id, client.id)[0].end is None


# Assignments.


def test_mon_and_tue_are_refused_because_the_rest_rule_needs_three_days(db, coach, client):
    with pytest.raises(
        ProgramError,
        match="^Mon and Tue are 1 day apart; Gym legs needs at least 3 days between leg sessions$",
    ):
        programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY, weekdays=(1, 2))
    assert programs.assignments_of(db, coach.id, client.id) == []


def test_three_weekdays_are_refused_because_gym_legs_plans_one_or_two(db, coach, client):
    with pytest.raises(
        ProgramError,
        match="^Gym legs plans 1–2 leg sessions a week; 3 weekdays were chosen "
        r"\(Mon, Thu, Sun\)$",
    ):
        programs.assign_program(db, coach.id, client.id, GYM_LEGS.id, MONDAY, (1, 4, 7))


def test_sun_and_mon_are_refused_because_the_gap_runs_across_the_week_boundary(db, coach, client):
    with pytest.raises(ProgramError, match="^Sun and Mon are 1 day apart; Home legs needs"):
        programs.assign_program(db, coach.id, client.id, HOME_LEGS.id, MONDAY, (1, 7))


def test_mon_and_thu_keep_three_days_apart_and_are_assigned(db, coach, client):
    programs.assign_program(db, coach.id, client.id, GYM_LEGS.id, MONDAY, (4, 1))
    (current,) = programs.assignments_of(db, coach.id, client.id)
    assert (current.program_name, current.planned_weekdays) == ("Gym legs", (1, 4))


def test_the_stored_program_decides_not_the_object_passed(db, coach, client):
    loosened = replace(GYM_LEGS, min_rest_days=1)
    with pytest.raises(ProgramError, match="needs at least 3 days"):
        programs.assign(db, coach.id, client.id, loosened, MONDAY, weekdays=(1, 2))


def test_an_unsaved_program_cannot_be_assigned(db, coach, client):
    with pytest.raises(ProgramError, match="save the program before assigning it"):
        programs.assign(db, coach.id, client.id, new_program(), MONDAY)


def test_an_assignment_takes_the_programs_weekdays_unless_others_are_given(db, coach, client):
    own = programs.save_program(db, coach.id, new_program())
    programs.assign(db, coach.id, client.id, own, MONDAY)
    (current,) = programs.assignments_of(db, coach.id, client.id)
    assert (current.program_id, current.planned_weekdays) == (own.id, (3, 6))


def test_a_new_assignment_ends_the_open_one_and_the_history_keeps_both(db, coach, client):
    first = programs.assign(db, coach.id, client.id, GYM_LEGS, date(2026, 9, 7))
    second = programs.assign_program(db, coach.id, client.id, HOME_LEGS.id, date(2026, 11, 2))
    history = programs.assignments_of(db, coach.id, client.id)
    assert [(a.id, a.program_name, a.start, a.end) for a in history] == [
        (second, "Home legs", date(2026, 11, 2), None),
        (first, "Gym legs", date(2026, 9, 7), date(2026, 11, 2)),
    ]


def test_editing_a_program_keeps_its_assignments(db, coach, client):
    own = programs.save_program(db, coach.id, new_program())
    programs.assign(db, coach.id, client.id, own, MONDAY)
    programs.save_program(db, coach.id, replace(own, name="Renamed"))
    (current,) = programs.assignments_of(db, coach.id, client.id)
    assert (current.program_id, current.program_name) == (own.id, "Renamed")


def test_a_new_assignment_shortens_one_that_was_planned_to_run_past_its_start(db, coach, client):
    programs.assign(db, coach.id, client.id, GYM_LEGS, date(2026, 9, 7), end=date(2026, 12, 28))
    programs.assign(db, coach.id, client.id, HOME_LEGS, date(2026, 11, 2))
    older = programs.assignments_of(db, coach.id, client.id)[1]
    assert (older.program_name, older.end) == ("Gym legs", date(2026, 11, 2))


def test_a_new_assignment_cannot_start_before_the_latest_one(db, coach, client):
    programs.assign(db, coach.id, client.id, GYM_LEGS, date(2026, 11, 2))
    with pytest.raises(ProgramError, match="latest assignment starts on 2026-11-02"):
        programs.assign(db, coach.id, client.id, HOME_LEGS, date(2026, 10, 26))
    assert len(programs.assignments_of(db, coach.id, client.id)) == 1


def test_an_assignment_that_ends_before_it_starts_is_refused(db, coach, client):
    with pytest.raises(ProgramError, match="cannot end"):
        programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY, end=date(2026, 11, 22))
    assert programs.assignments_of(db, coach.id, client.id) == []


def test_ending_an_assignment_keeps_it_in_the_history(db, coach, client):
    assignment = programs.assign(db, coach.id, client.id, GYM_LEGS, date(2026, 9, 7))
    with pytest.raises(ProgramError, match="cannot end"):
        programs.end_assignment(db, coach.id, assignment, date(2026, 9, 6))
    programs.end_assignment(db, coach.id, assignment, date(2026, 11, 2))
    (ended,) = programs.assignments_of(db, coach.id, client.id)
    assert (ended.id, ended.end) == (assignment, date(2026, 11, 2))
    with pytest.raises(ProgramError, match="already ended on 2026-11-02"):
        programs.end_assignment(db, coach.id, assignment, date(2026, 11, 9))


def test_a_weekly_target_is_kept_within_the_programs_band(db, coach, client):
    with pytest.raises(ProgramError, match=r"^weekly_target \(Gym legs plans 1–2 .* not 3$"):
        programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY, weekly_target=3)
    with pytest.raises(ProgramError, match="^weekly_target: a daily program counts days"):
        programs.assign(db, coach.id, client.id, DESK_SQUATS, MONDAY, weekly_target=1)
    programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY, weekly_target=1)
    assert programs.assignments_of(db, coach.id, client.id)[0].weekly_target == 1


def test_without_a_weekly_target_the_assignment_leaves_it_to_the_program(db, coach, client):
    programs.assign(db, coach.id, client.id, GYM_LEGS, MONDAY)
    assert programs.assignments_of(db, coach.id, client.id)[0].weekly_target is None
