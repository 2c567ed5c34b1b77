"""The Programs screen: the built-in leg templates and the coach's own programs, a builder to
write or change one, and assigning a program to a client with its history."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from coachkit import auth, catalog, clients, present, programs, weekdays
from coachkit.ui import plain, store, today

BUILDER_PICK = "builder_pick"
_BUILDER_NEXT = "builder_next"
PRESCRIPTION_TABLE = {
    "exercise": "Exercise",
    "sets_x_reps": "Sets × reps",
    "notes": "Notes",
    "also_counts": "Also counts",
}
OVERVIEW_TABLE = {
    "name": "Program",
    "owner": "Whose",
    "kind": "Kind",
    "band": "Leg sessions",
    "rest_days": st.column_config.NumberColumn(
        "Days between leg days",
        help="At least this many days from one leg day to the next: 3 means Mon → Thu.",
    ),
    "stretching": st.column_config.CheckboxColumn("Stretching"),
    "weekdays": "Planned on",
    "weeks": st.column_config.NumberColumn("Weeks", help="How long the program runs."),
}
ASSIGNMENT_TABLE = {
    "program": "Program",
    "start": st.column_config.DateColumn("Start"),
    "end": st.column_config.DateColumn("Ended", help="The first day without the program."),
    "weekdays": "Planned on",
    "weekly_target": st.column_config.NumberColumn(
        "Weekly target", help="Empty: the program's highest weekly count."
    ),
}


def remember(key: str, message: str) -> None:
    """Keep a message for the next run: the page reruns after a change and `flash` shows it."""
    st.session_state[f"flash:{key}"] = message


def flash(key: str) -> None:
    message = st.session_state.pop(f"flash:{key}", None)
    if message is not None:
        st.success(plain(message))


def weekday_picker(default: tuple[int, ...], key: str) -> list[int]:
    """Planned weekdays as ISO numbers (1 is Monday), shown by name."""
    return st.multiselect(
        "Planned weekdays",
        list(weekdays.NUMBERS),
        default=list(default),
        format_func=weekdays.name,
        key=key,
    )


# The programs there are.


def _owner(program: programs.Program) -> str:
    return "built-in" if program.builtin else "yours"


def overview(found: list[programs.Program]) -> None:
    """One row per program: whose it is and its rules."""
    rows = [
        {
            "name": p.name,
            "owner": _owner(p),
            "kind": p.kind,
            "band": present.program_band(p),
            "rest_days": p.min_rest_days,
            "stretching": p.stretching_required,
            "weekdays": weekdays.names(p.planned_weekdays),
            "weeks": p.horizon_weeks,
        }
        for p in found
    ]
    st.caption("Open a program for its exercises and progression; copy one to change it.")
    st.dataframe(
        pd.DataFrame(rows, columns=list(OVERVIEW_TABLE)),
        hide_index=True,
        placeholder="",
        column_config=OVERVIEW_TABLE,
        key="programs_overview",
    )


def _prescriptions(program: programs.Program) -> pd.DataFrame:
    """A program's exercises as the coach reads them: sets × reps, notes, what else counts."""
    rows = [
        {
            "exercise": present.exercise_name(p.slug),
            "sets_x_reps": present.sets_and_reps(p),
            "notes": p.notes,
            "also_counts": ", ".join(present.exercise_name(s) for s in p.substitutes),
        }
        for p in program.exercises
    ]
    return pd.DataFrame(rows, columns=list(PRESCRIPTION_TABLE))


def program_details(coach: auth.Coach, program: programs.Program) -> None:
    """One program opened: its rules, exercises and progression; copy it, or edit one's own."""
    with st.expander(f"{plain(program.name)} ({_owner(program)})"):
        st.markdown(plain(program.description))
        st.markdown(plain(present.program_facts(program)))
        st.dataframe(
            _prescriptions(program),
            hide_index=True,
            placeholder="",
            column_config=PRESCRIPTION_TABLE,
            key=f"exercises:{program.id}",
        )
        st.markdown(f"**Progression:** {plain(program.progression_notes)}")
        if st.button("Copy into my programs", key=f"copy:{program.id}"):
            try:
                copy = programs.copy_program(store(), coach.id, program.id)
            except programs.ProgramError as exc:
                st.error(plain(exc))
            else:
                _edit_next(copy.id)
                remember("programs", f"Copied {program.name} as {copy.name}; edit it below.")
                st.rerun()
        if not program.builtin and st.button("Edit", key=f"edit:{program.id}"):
            _edit_next(program.id)
            st.rerun()


# The builder.


def _edit_next(program_id: uuid.UUID) -> None:
    """Open this program in the builder on the next run; its picker is drawn by then."""
    st.session_state[_BUILDER_NEXT] = program_id


def _builder_pick(own: list[programs.Program]) -> programs.Program | None:
    """The coach's own program to edit, or None for a new one."""
    if _BUILDER_NEXT in st.session_state:
        st.session_state[BUILDER_PICK] = st.session_state.pop(_BUILDER_NEXT)
    names = {p.id: p.name for p in own}
    chosen = st.selectbox(
        "Program",
        [None, *names],
        format_func=lambda v: "A new program" if v is None else names.get(v, "?"),
        key=BUILDER_PICK,
    )
    return next((p for p in own if p.id == chosen), None)


def _forget_builder(suffix: str) -> None:
    """Drop the builder's widgets of one program (keys `builder_*:<suffix>`), so that they show
    the stored program again; a kept table edit would otherwise be applied twice."""
    for key in [k for k in st.session_state if str(k).startswith("builder_")]:
        if str(key).endswith(f":{suffix}"):
            del st.session_state[key]


def _builder_frame(program: programs.Program | None) -> pd.DataFrame:
    """The exercises table the builder edits: one row per prescription."""
    rows = [
        {
            "exercise": p.slug,
            "sets_min": p.sets_min,
            "sets_max": p.sets_max,
            "reps_min": p.reps_min,
            "reps_max": p.reps_max,
            "notes": p.notes,
        }
        for p in (program.exercises if program else ())
    ]
    frame = pd.DataFrame(rows, columns=["exercise", *programs.COUNTS, "notes"])
    return frame.astype(
        {"exercise": object, "notes": object, **dict.fromkeys(programs.COUNTS, "Int64")}
    )


def _builder_columns() -> dict:
    """Column settings of the exercises table: catalog exercises, lower body first."""
    ordered = sorted(catalog.exercises(), key=lambda e: (e.region != "lower", e.name))
    labels = {e.slug: f"{e.name} ({e.region})" for e in ordered}

    def count(label: str, default: int, top: int) -> st.column_config.NumberColumn:
        return st.column_config.NumberColumn(
            label, min_value=1, max_value=top, step=1, default=default, required=True
        )

    return {
        "exercise": st.column_config.SelectboxColumn(
            "Exercise", options=list(labels), format_func=labels.get, required=True, width="medium"
        ),
        "sets_min": count("Sets from", 3, programs.MAX_SETS),
        "sets_max": count("Sets to", 3, programs.MAX_SETS),
        "reps_min": count("Reps from", 8, programs.MAX_REPS),
        "reps_max": count("Reps to", 12, programs.MAX_REPS),
        "notes": st.column_config.TextColumn("Notes", default=""),
    }


def _rows(edited: pd.DataFrame) -> list[dict]:
    """The edited table's rows with every empty cell as None, as programs.from_builder takes."""
    return edited.astype(object).where(edited.notna(), None).to_dict("records")


def builder(coach: auth.Coach, found: list[programs.Program]) -> None:
    """Write a new program, or change one of the coach's own; saved on one button."""
    editing = _builder_pick([p for p in found if not p.builtin])
    base = editing or programs.GYM_LEGS  # a new program starts from the usual weekly rules
    suffix = str(editing.id) if editing else "new"
    with st.form(f"builder:{suffix}"):
        fields = _builder_fields(editing, base, suffix)
        st.caption(
            "Exercises: one row each, added with the + above the table; sets and reps are ranges."
        )
        exercises = st.data_editor(
            _builder_frame(editing),
            num_rows="dynamic",
            hide_index=True,
            column_config=_builder_columns(),
            key=f"builder_exercises:{suffix}",
        )
        fields["progression_notes"] = st.text_area(
            "Progression notes",
            value=editing.progression_notes if editing else "",
            key=f"builder_progression:{suffix}",
        )
        submitted = st.form_submit_button("Save program", type="primary", key="builder_submit")
    if not submitted:
        return
    try:
        program = programs.from_builder(editing, _rows(exercises), **fields)
        saved = programs.save_program(store(), coach.id, program)
    except programs.ProgramError as exc:
        st.error(plain(exc))
        return
    _forget_builder(suffix)
    _edit_next(saved.id)
    remember("programs", f"Saved {saved.name}.")
    st.rerun()


def _builder_fields(editing: programs.Program | None, base: programs.Program, suffix: str) -> dict:
    """The builder's inputs above the exercises table, by the Program field each fills."""
    fields = {
        "name": st.text_input(
            "Name", value=editing.name if editing else "", key=f"builder_name:{suffix}"
        ),
        "description": st.text_area(
            "Description",
            value=editing.description if editing else "",
            key=f"builder_description:{suffix}",
        ),
        "kind": st.radio(
            "Kind",
            programs.KINDS,
            index=programs.KINDS.index(base.kind),
            horizontal=True,
            key=f"builder_kind:{suffix}",
            help="Daily: the same short routine every day, without the rest rule.",
        ),
    }
    low, high, rest = st.columns(3)
    fields["leg_freq_min"] = low.number_input(
        "Leg sessions a week, at least", 1, 7, base.leg_freq_min, key=f"builder_freq_min:{suffix}"
    )
    fields["leg_freq_max"] = high.number_input(
        "Leg sessions a week, at most", 1, 7, base.leg_freq_max, key=f"builder_freq_max:{suffix}"
    )
    fields["min_rest_days"] = rest.number_input(
        "Days from one leg day to the next, at least", 0, 6, base.min_rest_days,
        key=f"builder_rest:{suffix}",
        help=f"For example, {present.rest_rule(base.min_rest_days)}.",
    )  # fmt: skip
    fields["planned_weekdays"] = tuple(
        weekday_picker(base.planned_weekdays, key=f"builder_weekdays:{suffix}")
    )
    weeks, reps, stretching = st.columns(3)
    fields["horizon_weeks"] = weeks.number_input(
        "Weeks", 1, programs.MAX_HORIZON_WEEKS, base.horizon_weeks, key=f"builder_weeks:{suffix}"
    )
    fields["daily_reps_target"] = reps.number_input(
        "Reps a day (daily programs only)",
        1,
        programs.MAX_DAILY_REPS,
        base.daily_reps_target,
        key=f"builder_daily_reps:{suffix}",
    )
    fields["stretching_required"] = stretching.checkbox(
        "Stretching after leg sessions",
        base.stretching_required,
        key=f"builder_stretching:{suffix}",
    )
    return fields


# Assigning.


def _program_choice(
    found: list[programs.Program], history: list[programs.Assignment], key: str
) -> programs.Program:
    """A select box of the coach's programs, at first on the client's latest one."""
    by_id = {p.id: p for p in found}
    latest = history[0].program_id if history else None
    chosen = st.selectbox(
        "Program",
        list(by_id),
        index=list(by_id).index(latest) if latest in by_id else 0,
        format_func=lambda program_id: by_id[program_id].name,
        key=key,
    )
    return by_id[chosen]


def _assignments(history: list[programs.Assignment]) -> pd.DataFrame:
    """A client's assignments, newest first, as the coach reads them."""
    rows = [
        {
            "program": a.program_name or "(no longer available)",
            "start": a.start,
            "end": a.end,
            "weekdays": weekdays.names(a.planned_weekdays),
            "weekly_target": a.weekly_target,
        }
        for a in history
    ]
    return pd.DataFrame(rows, columns=list(ASSIGNMENT_TABLE))


def assign_form(coach: auth.Coach, client: clients.Client, found: list[programs.Program]) -> None:
    """Assign one of the programs to the client from a start day, and their programs so far."""
    history = programs.assignments_of(store(), coach.id, client.id)
    chosen = _program_choice(found, history, key=f"assign_program:{client.id}")
    with st.form(f"assign:{client.id}"):
        start, end = st.columns(2)
        start_date = start.date_input("Start", value=today(), key="assign_start")
        end_date = end.date_input(
            "End (optional)",
            value=None,
            key="assign_end",
            help="The first day without the program; empty while it runs.",
        )
        days = weekday_picker(chosen.planned_weekdays, key=f"assign_days:{chosen.id}")
        assign = st.form_submit_button("Assign", type="primary", key="assign_submit")
    if assign:
        try:
            programs.assign_program(
                store(), coach.id, client.id, chosen.id, start_date, tuple(days), end_date
            )
        except programs.ProgramError as exc:
            st.error(plain(exc))
        else:
            remember("assign", f"{client.name} follows {chosen.name} from {start_date}.")
            st.rerun()
    flash("assign")
    st.subheader(f"Programs of {plain(client.name)}")
    st.dataframe(
        _assignments(history),
        hide_index=True,
        placeholder="",
        column_config=ASSIGNMENT_TABLE,
        key=f"assignments:{client.id}",
    )
