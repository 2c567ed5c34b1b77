"""The Programs page through AppTest: templates, copies, the builder and assignments."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coachkit import auth, catalog, clients, demo, programs, ui
from coachkit.store import open_store
from coachkit.ui import programs as programs_screen
from tests.conftest import TODAY
from tests.test_pages import signed_in

ROOT = Path(__file__).parents[1]
PAGE = "pages/programs.py"
MON, TUE, THU, SAT = 1, 2, 4, 6


@dataclass
class Demo:
    """The demo's client ids by name, read before the app opens (and keeps open) the file."""

    ids: dict[str, uuid.UUID]
    other_client: uuid.UUID  # a client of another coach


@pytest.fixture
def demo_db(db_path, monkeypatch) -> Demo:
    with open_store(db_path) as store:
        catalog.sync(store)
        coach_id = demo.rebuild(store, TODAY)
        roster = clients.roster(store, coach_id)
        other = auth.add_coach(store, "other@gym.example", "Other", "long enough password")
        other_client = clients.add_client(store, other.id, "Zed Elsewhere")
    monkeypatch.setenv("COACHKIT_DB", db_path)
    return Demo(dict(zip(roster["name"], roster["id"], strict=True)), other_client.id)


def on_programs(client: uuid.UUID | None = None) -> AppTest:
    at = signed_in(PAGE, client=client)
    assert at.title[0].value == "Programs"
    return at


def tables(at: AppTest, column: str) -> list:
    """The frames of the page's read-only tables that have this column, in page order
    (AppTest finds a read-only st.dataframe by position, not by its key)."""
    return [d.value for d in at.dataframe if d.editing_mode == "read_only" and column in d.value]


def overview(at: AppTest) -> dict[str, str]:
    """The programs table: each program's name and whose it is."""
    (table,) = tables(at, "owner")
    return dict(zip(table["name"], table["owner"], strict=True))


def exercises(at: AppTest, program: str):
    """The exercises table of one program, found by the program's place in the overview."""
    return tables(at, "sets_x_reps")[list(overview(at)).index(program)]


def history(at: AppTest) -> list[tuple]:
    """The client's assignments, newest first: program, planned weekdays, end."""
    (table,) = tables(at, "start")
    ends = [None if pd.isna(end) else end for end in table["end"]]
    return list(zip(table["program"], table["weekdays"], ends, strict=True))


def exercise_row(slug: str, sets=(3, 3), reps=(10, 15), notes="") -> dict:
    return {
        "exercise": slug,
        "sets_min": sets[0],
        "sets_max": sets[1],
        "reps_min": reps[0],
        "reps_max": reps[1],
        "notes": notes,
    }


def add_exercises(at: AppTest, suffix: str, *rows: dict) -> None:
    """Rows typed into the builder's table: AppTest seeds a data editor's edits by its key."""
    at.session_state[f"builder_exercises:{suffix}"] = {
        "edited_rows": {},
        "added_rows": list(rows),
        "deleted_rows": [],
    }


def test_the_programs_page_run_directly_while_signed_out_shows_only_the_sign_in(demo_db):
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in to CoachKit"]
    assert not at.dataframe and not at.expander and not at.multiselect
    assert [b.key for b in at.button] == ["sign_in_submit"]


def test_the_three_built_in_templates_are_listed_with_their_exercises(demo_db):
    at = on_programs()
    assert overview(at) == {p.name: "built-in" for p in programs.BUILTINS}
    gym = exercises(at, "Gym legs")
    assert list(gym["exercise"])[0] == "Leg Extension"
    assert list(gym["sets_x_reps"]) == ["3 × 10–15", "3 × 12–15", "3 × 10–12", "3–4 × 6–10",
                                        "3 × 8–12"]  # fmt: skip
    facts = [m.value.replace("\\", "") for m in at.markdown]  # as read, escapes resolved
    assert any(
        "at least 3 days from one leg day to the next: Mon → Thu" in f and "Mon, Thu" in f
        for f in facts
    )
    assert any(f.startswith("**Progression:** Add a rep each session") for f in facts)


def test_a_built_in_can_be_copied_but_not_edited(demo_db):
    at = on_programs()
    assert not [b for b in at.button if b.key == f"edit:{programs.GYM_LEGS.id}"]
    at.button(key=f"copy:{programs.GYM_LEGS.id}").click().run()
    assert not at.exception
    assert overview(at)["Gym legs (copy)"] == "yours"
    assert "Copied Gym legs as Gym legs \\(copy\\); edit it below\\." in [
        s.value for s in at.success
    ]
    # The copy opens in the builder, with the template's exercises.
    copy_id = at.selectbox(key=programs_screen.BUILDER_PICK).value
    assert at.text_input(key=f"builder_name:{copy_id}").value == "Gym legs (copy)"
    assert len(at.get("data_editor")[0].value) == len(programs.GYM_LEGS.exercises)


def test_creating_a_program_from_catalog_exercises_saves_it(demo_db):
    at = on_programs()
    at.text_input(key="builder_name:new").input("Quads and hams")
    at.multiselect(key="builder_weekdays:new").set_value([TUE, SAT])
    add_exercises(
        at,
        "new",
        exercise_row("leg_extension", notes="Slow."),
        exercise_row("lying_leg_curl", sets=(2, 4), reps=(8, 12)),
    )
    at.button(key="builder_submit").click().run()
    assert not at.exception and not at.error
    assert "Saved Quads and hams\\." in [s.value for s in at.success]
    assert overview(at)["Quads and hams"] == "yours"
    saved = exercises(at, "Quads and hams")
    assert list(saved["exercise"]) == ["Leg Extension", "Lying Leg Curl"]
    assert list(saved["sets_x_reps"]) == ["3 × 10–15", "2–4 × 8–12"]
    assert list(saved["notes"]) == ["Slow.", ""]


def test_an_edited_program_is_saved_under_its_new_name_with_its_exercises_once(demo_db):
    at = on_programs()
    at.button(key=f"copy:{programs.HOME_LEGS.id}").click().run()
    copy_id = at.selectbox(key=programs_screen.BUILDER_PICK).value
    at.text_input(key=f"builder_name:{copy_id}").input("Home legs, harder")
    add_exercises(at, str(copy_id), exercise_row("walking_lunge"))
    at.button(key="builder_submit").click().run()
    assert not at.exception and not at.error
    names = overview(at)
    assert "Home legs, harder" in names and "Home legs (copy)" not in names
    # The table edit was saved once: after the rerun it is not applied again on top.
    exercises = at.get("data_editor")[0].value
    assert list(exercises["exercise"]) == [
        *(p.slug for p in programs.HOME_LEGS.exercises),
        "walking_lunge",
    ]


def test_a_program_without_exercises_is_refused_with_the_reason(demo_db):
    at = on_programs()
    at.text_input(key="builder_name:new").input("Nothing yet")
    at.button(key="builder_submit").click().run()
    assert [e.value for e in at.error] == [
        ui.plain("exercises: a program needs at least one exercise")
    ]
    assert "Nothing yet" not in overview(at)


def test_a_program_that_breaks_its_own_rest_rule_is_refused(demo_db):
    at = on_programs()
    at.text_input(key="builder_name:new").input("Too close")
    at.multiselect(key="builder_weekdays:new").set_value([MON, TUE])
    add_exercises(at, "new", exercise_row("leg_extension"))
    at.button(key="builder_submit").click().run()
    assert "Mon and Tue are 1 day apart" in at.error[0].value
    assert "Too close" not in overview(at)


def test_assigning_monday_and_tuesday_shows_the_rest_rule(demo_db):
    maya = demo_db.ids["Maya Lopez"]
    at = on_programs(client=maya)
    before = history(at)
    at.selectbox(key=f"assign_program:{maya}").set_value(programs.GYM_LEGS.id).run()
    at.multiselect(key=f"assign_days:{programs.GYM_LEGS.id}").set_value([MON, TUE])
    at.button(key="assign_submit").click().run()
    assert at.error[0].value == ui.plain(
        "Mon and Tue are 1 day apart; Gym legs needs at least 3 days between leg sessions"
    )
    assert history(at) == before


def test_assigning_a_program_adds_it_to_the_clients_history(demo_db):
    maya = demo_db.ids["Maya Lopez"]
    at = on_programs(client=maya)
    assert history(at) == [("Gym legs", "Mon, Thu", None)]
    at.selectbox(key=f"assign_program:{maya}").set_value(programs.HOME_LEGS.id).run()
    at.multiselect(key=f"assign_days:{programs.HOME_LEGS.id}").set_value([TUE, SAT])
    start = TODAY + timedelta(days=5)
    at.date_input(key="assign_start").set_value(start)
    at.button(key="assign_submit").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == ui.plain(f"Maya Lopez follows Home legs from {start}.")
    # The running assignment ends the day the new one starts; both stay in the history.
    assert history(at) == [("Home legs", "Tue, Sat", None), ("Gym legs", "Mon, Thu", start)]


def test_the_program_to_assign_starts_on_the_clients_current_one(demo_db):
    aisha = demo_db.ids["Aisha Khan"]
    at = on_programs(client=aisha)
    assert at.selectbox(key=f"assign_program:{aisha}").value == programs.HOME_LEGS.id
    assert at.multiselect(key=f"assign_days:{programs.HOME_LEGS.id}").value == [TUE, SAT]


def test_the_client_from_the_address_is_the_one_assigned(demo_db):
    sam = demo_db.ids["Sam Patel"]
    at = on_programs(client=sam)
    assert at.selectbox(key="assign_client").value == sam
    assert at.subheader[-1].value == "Programs of Sam Patel"


def test_another_coachs_client_in_the_address_cannot_be_assigned(demo_db):
    at = on_programs(client=demo_db.other_client)
    assert [e.value for e in at.error] == ["No such client"]
    assert not [b for b in at.button if b.key == "assign_submit"]
    # The rest of the page still works.
    assert overview(at) == {p.name: "built-in" for p in programs.BUILTINS}


def test_a_program_name_is_shown_as_typed_never_as_markdown(demo_db):
    at = on_programs()
    at.text_input(key="builder_name:new").input("[Legs](https://evil.example)")
    add_exercises(at, "new", exercise_row("leg_extension"))
    at.button(key="builder_submit").click().run()
    labels = [e.label for e in at.expander]
    # Escaped, and a word joiner before "://" leaves no address to link.
    assert r"\[Legs\]\(https" + ui.WORD_JOINER + r"\://evil\.example\) (yours)" in labels


def test_an_own_program_opens_in_the_builder_from_its_edit_button(demo_db):
    at = on_programs()
    at.button(key=f"copy:{programs.DESK_SQUATS.id}").click().run()
    copy_id = at.selectbox(key=programs_screen.BUILDER_PICK).value
    at.selectbox(key=programs_screen.BUILDER_PICK).set_value(None).run()
    assert at.text_input(key="builder_name:new").value == ""
    at.button(key=f"edit:{copy_id}").click().run()
    assert at.selectbox(key=programs_screen.BUILDER_PICK).value == copy_id
    assert at.radio(key=f"builder_kind:{copy_id}").value == "daily"
    assert at.number_input(key=f"builder_daily_reps:{copy_id}").value == 100
