"""Programs: the built-in leg templates, the coach's own programs, and who follows which."""

import streamlit as st

from coachkit import clients, programs, ui

coach = ui.require_coach()
st.title("Programs")
ui.flash("programs")

found = programs.programs_for(ui.store(), coach.id)
st.caption("Open a program for its exercises and progression; copy one to change it.")
st.dataframe(
    ui.programs_frame(found),
    hide_index=True,
    column_config={
        "name": "Program",
        "owner": "Whose",
        "kind": "Kind",
        "band": "Leg sessions",
        "rest_days": st.column_config.NumberColumn("Rest days", help="Between leg sessions."),
        "stretching": st.column_config.CheckboxColumn("Stretching"),
        "weekdays": "Planned on",
        "weeks": st.column_config.NumberColumn("Weeks", help="How long the program runs."),
    },
    key="programs_overview",
)

for program in found:
    owner = "built-in" if program.builtin else "yours"
    with st.expander(f"{ui.plain(program.name)} ({owner})"):
        st.markdown(ui.plain(program.description))
        st.markdown(ui.program_facts(program))
        st.dataframe(
            ui.prescriptions_frame(program),
            hide_index=True,
            column_config=ui.PRESCRIPTION_TABLE,
            key=f"exercises:{program.id}",
        )
        st.markdown(f"**Progression:** {ui.plain(program.progression_notes)}")
        if st.button("Copy into my programs", key=f"copy:{program.id}"):
            try:
                copy = programs.copy_program(ui.store(), coach.id, program.id)
            except programs.ProgramError as exc:
                st.error(ui.plain(exc))
            else:
                ui.edit_next(copy.id)
                ui.remember("programs", f"Copied {program.name} as {copy.name}; edit it below.")
                st.rerun()
        if not program.builtin and st.button("Edit", key=f"edit:{program.id}"):
            ui.edit_next(program.id)
            st.rerun()

st.header("Build a program")
editing = ui.builder_pick([p for p in found if not p.builtin])
base = editing or programs.GYM_LEGS  # a new program starts from the usual weekly rules
suffix = str(editing.id) if editing else "new"
with st.form(f"builder:{suffix}"):
    name = st.text_input(
        "Name", value=editing.name if editing else "", key=f"builder_name:{suffix}"
    )
    description = st.text_area(
        "Description",
        value=editing.description if editing else "",
        key=f"builder_description:{suffix}",
    )
    kind = st.radio(
        "Kind",
        programs.KINDS,
        index=programs.KINDS.index(base.kind),
        horizontal=True,
        key=f"builder_kind:{suffix}",
        help="Daily: the same short routine every day, without the rest rule.",
    )
    low, high, rest = st.columns(3)
    leg_freq_min = low.number_input(
        "Leg sessions a week, at least", 1, 7, base.leg_freq_min, key=f"builder_freq_min:{suffix}"
    )
    leg_freq_max = high.number_input(
        "Leg sessions a week, at most", 1, 7, base.leg_freq_max, key=f"builder_freq_max:{suffix}"
    )
    min_rest_days = rest.number_input(
        "Rest days between leg sessions", 0, 6, base.min_rest_days, key=f"builder_rest:{suffix}"
    )
    weekdays = ui.weekday_picker(base.planned_weekdays, key=f"builder_weekdays:{suffix}")
    weeks, reps, stretching = st.columns(3)
    horizon_weeks = weeks.number_input(
        "Weeks", 1, programs.MAX_HORIZON_WEEKS, base.horizon_weeks, key=f"builder_weeks:{suffix}"
    )
    daily_reps_target = reps.number_input(
        "Reps a day (daily programs only)",
        1,
        programs.MAX_DAILY_REPS,
        base.daily_reps_target,
        key=f"builder_daily_reps:{suffix}",
    )
    stretching_required = stretching.checkbox(
        "Stretching after leg sessions",
        base.stretching_required,
        key=f"builder_stretching:{suffix}",
    )
    st.caption(
        "Exercises: one row each, added with the + above the table; sets and reps are ranges."
    )
    exercises = st.data_editor(
        ui.builder_frame(editing),
        num_rows="dynamic",
        hide_index=True,
        column_config=ui.builder_columns(),
        key=f"builder_exercises:{suffix}",
    )
    progression_notes = st.text_area(
        "Progression notes",
        value=editing.progression_notes if editing else "",
        key=f"builder_progression:{suffix}",
    )
    submitted = st.form_submit_button("Save program", type="primary", key="builder_submit")
if submitted:
    try:
        saved = programs.save_program(
            ui.store(),
            coach.id,
            ui.program_from_builder(
                editing,
                exercises,
                name=name,
                description=description,
                kind=kind,
                leg_freq_min=leg_freq_min,
                leg_freq_max=leg_freq_max,
                min_rest_days=min_rest_days,
                stretching_required=stretching_required,
                horizon_weeks=horizon_weeks,
                planned_weekdays=tuple(weekdays),
                progression_notes=progression_notes,
                daily_reps_target=daily_reps_target,
            ),
        )
    except programs.ProgramError as exc:
        st.error(ui.plain(exc))
    else:
        ui.forget_builder(suffix)
        ui.edit_next(saved.id)
        ui.remember("programs", f"Saved {saved.name}.")
        st.rerun()

st.header("Assign a program")
try:
    client = ui.client_from_url(coach, key="assign_client")
except clients.ClientError:
    st.error(ui.NO_SUCH_CLIENT)
    client = None
if client is not None:
    history = programs.assignments_of(ui.store(), coach.id, client.id)
    chosen = ui.program_choice(found, history, key=f"assign_program:{client.id}")
    with st.form(f"assign:{client.id}"):
        start, end = st.columns(2)
        start_date = start.date_input("Start", value=ui.today(), key="assign_start")
        end_date = end.date_input(
            "End (optional)",
            value=None,
            key="assign_end",
            help="The first day without the program; empty while it runs.",
        )
        days = ui.weekday_picker(chosen.planned_weekdays, key=f"assign_days:{chosen.id}")
        assign = st.form_submit_button("Assign", type="primary", key="assign_submit")
    if assign:
        try:
            programs.assign_program(
                ui.store(), coach.id, client.id, chosen.id, start_date, tuple(days), end_date
            )
        except programs.ProgramError as exc:
            st.error(ui.plain(exc))
        else:
            ui.remember("assign", f"{client.name} follows {chosen.name} from {start_date}.")
            st.rerun()
    ui.flash("assign")
    st.subheader(f"Programs of {ui.plain(client.name)}")
    st.dataframe(
        ui.assignments_frame(history),
        hide_index=True,
        column_config=ui.ASSIGNMENT_TABLE,
        key=f"assignments:{client.id}",
    )
