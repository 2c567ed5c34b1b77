"""The Clients and Client pages through AppTest, on the demo database with today pinned."""

import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coachkit import auth, catalog, clients, demo, export, metrics, present, ui
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_pages import signed_in, texts

ROOT = Path(__file__).parents[1]
OTHER_EMAIL = "other@gym.example"
SHARES = (
    "lower_share",
    "recovery_compliance",
    "leg_frequency_compliance",
    "stretching_compliance",
    "adherence",
)
# The title of every chart of the client page, as charts.py words them, for a client on a
# weekly program with loads.
VOLUME_TITLE = "Volume load per week (Σ reps × kg), upper vs lower body"
E1RM_TITLE = "Estimated one-rep max per week, main lower-body lifts"
CHART_TITLES = {
    "Planned vs done, the last 12 weeks and the next 2",
    "Balance: working sets per week, upper vs lower body",
    "Volume load per week (Σ reps × kg), upper vs lower body",
    "Recovery: days between leg sessions",
    "Leg sessions per week",
    "Stretching after leg sessions",
    "Program adherence per week",
    "Estimated one-rep max per week, main lower-body lifts",
}


@dataclass
class Demo:
    """The demo database, and what the tests expect of it, read before the app opens the file:
    the app keeps it open for the rest of the process."""

    ids: dict[str, str]  # every client's id by name, the other coach's client included
    roster: pd.DataFrame  # the roster table of the demo coach on TODAY (present.roster_frame)


@pytest.fixture
def demo_db(db_path, monkeypatch) -> Demo:
    """The demo anchored on TODAY, and a second coach with a client of her own."""
    with open_store(db_path) as store:
        catalog.sync(store)
        coach_id = demo.rebuild(store, TODAY)
        other = auth.add_coach(store, OTHER_EMAIL, "Other", "long enough password")
        clients.add_client(store, other.id, "Zed Elsewhere")
        ids = {}
        for owner in (coach_id, other.id):
            roster = clients.roster(store, owner)
            ids |= {name: str(i) for i, name in zip(roster["id"], roster["name"], strict=True)}
        expected = present.roster_frame(metrics.roster(store, coach_id, today=TODAY))
    monkeypatch.setenv("COACHKIT_DB", db_path)
    return Demo(ids, expected)


def unescaped(markdown: str) -> str:
    """Text as the reader sees it: ui.plain() puts a backslash before Markdown's characters."""
    return markdown.replace("\\", "")


COLOURED = re.compile(r"^:(\w+)\[(.*)\]$")


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    """The number tiles of the Client page: label -> (value, the note below it as read)."""
    return {
        column.metric[0].label: (column.metric[0].value, COLOURED.sub(r"\2", unescaped(note)))
        for column in at.columns
        if column.metric
        for note in [column.caption[0].value]
    }


def tile_colour(at: AppTest, label: str) -> str | None:
    """The colour of a tile's note, if it has one."""
    column = next(c for c in at.columns if c.metric and c.metric[0].label == label)
    coloured = COLOURED.match(column.caption[0].value)
    return coloured[1] if coloured else None


def charts(at: AppTest) -> list[str]:
    """The title of each Vega-Lite chart on the page, in page order."""
    return [json.loads(chart.proto.spec)["title"]["text"] for chart in at.get("vega_lite_chart")]


def links(at: AppTest) -> dict[str, str]:
    """Each page link's label and the query string it navigates with."""
    return {link.value: link.proto.query_string for link in at.get("page_link")}


@pytest.mark.parametrize("page", ["pages/clients.py", "pages/client.py"])
def test_a_roster_page_run_directly_while_signed_out_shows_only_the_sign_in(demo_db, page):
    at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in to CoachKit"]
    assert not at.dataframe and not at.get("vega_lite_chart") and not at.metric
    assert not at.get("page_link")


# The Clients page


def test_the_roster_lists_the_flagged_clients_first_with_their_reasons(demo_db):
    at = signed_in()
    table = at.dataframe[0].value
    flagged = table["reasons"] != ""
    # Every flagged row comes before every other one, and the demo has both kinds.
    assert 0 < flagged.sum() < len(table)
    assert list(flagged) == sorted(flagged, reverse=True)
    reasons = dict(zip(table["name"], table["reasons"], strict=True))
    assert "top-heavy" in reasons["Jordan Reed"]
    assert "too little rest" in reasons["Sam Patel"]
    assert reasons["Eva Rossi"] == ""
    assert list(table["name"]) == list(demo_db.roster["name"])


def test_the_flagged_clients_are_listed_above_the_table_with_a_link_each(demo_db):
    at = signed_in()
    ids = demo_db.ids
    table = at.dataframe[0].value
    flagged = list(table.loc[table["reasons"] != "", "name"])
    assert f"Needs attention ({len(flagged)})" in [s.value for s in at.subheader]
    assert links(at) == {name: f"client={ids[name]}" for name in flagged}
    # The reasons are shown as typed: their Markdown characters arrive escaped.
    assert ui.plain(dict(zip(table["name"], table["reasons"], strict=True))["Sam Patel"]) in [
        m.value for m in at.markdown
    ]


def test_the_roster_shows_balance_and_compliance_as_percentage_bars(demo_db):
    at = signed_in()
    table = at.dataframe[0].value.set_index("name")
    expected = demo_db.roster.set_index("name")
    config = json.loads(at.dataframe[0].proto.columns)
    for column in SHARES:
        # A share of 0.25 is drawn as a bar a quarter long labelled "25%".
        assert table[column].equals(expected[column].astype(float) * 100)
        assert config[column]["type_config"] == {
            "type": "progress",
            "format": "%.0f%%",
            "min_value": 0,
            "max_value": 100,
            "color": "#0072B2",
        }
    assert table.loc["Jordan Reed", "balance_band"] == "top-heavy"


def test_the_search_keeps_the_clients_whose_name_contains_it_in_any_case(demo_db):
    at = signed_in()
    at.text_input(key="roster_search").input("  EN ").run()
    assert sorted(at.dataframe[0].value["name"]) == ["Ben Carter", "Lena Novak"]
    # Both are flagged (Ben's legs three times a week, Lena never stretches): the attention
    # list narrows to them as well.
    assert "Needs attention (2)" in [s.value for s in at.subheader]
    assert set(links(at)) == {"Ben Carter", "Lena Novak"}


def test_a_search_that_matches_nobody_says_so(demo_db):
    at = signed_in()
    at.text_input(key="roster_search").input("[x](y)").run()
    assert not at.exception and not at.dataframe
    assert r"No client's name contains “\[x\]\(y\)”." in [i.value for i in at.info]


def test_the_roster_filters_by_flag_program_and_last_session(demo_db):
    at = signed_in()
    expected = demo_db.roster
    at.multiselect(key="roster_flags").set_value(["no stretching"]).run()
    # Exactly the clients whose reasons include the no-stretching rule (Lena never stretches).
    stretchless = sorted(expected.loc[expected["reasons"].str.contains("no stretching"), "name"])
    assert "Lena Novak" in stretchless
    assert sorted(at.dataframe[0].value["name"]) == stretchless
    at.multiselect(key="roster_flags").set_value([]).run()
    at.multiselect(key="roster_programs").set_value(["Home legs", "no program"]).run()
    # Aisha and Diego are on Home legs; Priya and Ben have no program.
    assert sorted(at.dataframe[0].value["name"]) == [
        "Aisha Khan", "Ben Carter", "Diego Alvarez", "Priya Shah"
    ]  # fmt: skip
    at.multiselect(key="roster_programs").set_value([]).run()
    at.selectbox(key="roster_last").set_value("not in the last 14 days").run()
    # Chris stopped logging three weeks before TODAY: his last session is 22 days back.
    assert list(at.dataframe[0].value["name"]) == ["Chris Morgan"]
    at.selectbox(key="roster_last").set_value("never").run()
    assert not at.dataframe and "No client passes these filters." in [i.value for i in at.info]


def test_the_roster_table_says_this_weeks_planned_and_done_and_never_none(demo_db):
    at = signed_in()
    table = at.dataframe[0].value.set_index("name")
    assert table["this_week"].to_dict() == demo_db.roster.set_index("name")["this_week"].to_dict()
    assert table.loc["Priya Shah", "this_week"] == "nothing planned"  # no program
    for column in ("program", "reasons", "this_week", "balance_band"):
        assert not table[column].astype(str).isin(["None", "nan", "NaT"]).any(), column


def test_clicking_a_roster_row_opens_that_client(demo_db):
    at = signed_in()
    table = at.dataframe[0].value
    row = list(table["name"]).index("Nora Kim")
    # A click on a cell of Nora's row, as the browser reports it.
    at.session_state["roster"] = {
        "selection": {"rows": [], "columns": [], "cells": [[row, "name"]]}
    }
    at.run()
    assert not at.exception
    assert at.title[0].value == "Client"
    assert at.query_params["client"] == demo_db.ids["Nora Kim"]


def test_a_note_on_a_client_is_kept_shown_and_exported(demo_db):
    at = signed_in("pages/client.py", client=demo_db.ids["Eva Rossi"])
    key = demo_db.ids["Eva Rossi"]
    at.text_area(key=f"note_text:{key}").input("Knee: no jumps until March **really**")
    at.button(key=f"note_submit:{key}").click().run()
    assert not at.exception
    assert ui.plain("Knee: no jumps until March **really**") in [i.value for i in at.info]
    # The app's own store (cached per process): the file admits one handle.
    store = ui.store()
    coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
    eva = clients.get_client(store, coach.id, uuid.UUID(key))
    assert eva.note == "Knee: no jumps until March **really**"
    with pytest.raises(clients.ClientError, match="at most 500"):
        clients.set_note(store, coach.id, eva.id, "x" * 501)
    # Exported with the coach's data: the clients table's notes column.
    exported = export.zipped(store, coach.id)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        table = archive.read("coachkit-export/clients.csv").decode()
    assert "Knee: no jumps until March **really**" in table


def test_another_coachs_clients_never_appear_on_the_roster(demo_db):
    at = signed_in()
    assert "Zed Elsewhere" not in list(at.dataframe[0].value["name"])
    assert len(at.dataframe[0].value) == len(demo.CLIENTS)
    at.text_input(key="roster_search").input("Zed").run()
    assert not at.dataframe and not at.get("page_link")


def test_ticking_a_row_opens_that_clients_page_at_once(demo_db):
    at = signed_in()
    row = list(at.dataframe[0].value["name"]).index("Eva Rossi")
    at.session_state["roster"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "Client"
    assert at.query_params["client"] == demo_db.ids["Eva Rossi"]


def test_the_roster_chart_is_drawn_below_the_table(demo_db):
    at = signed_in()
    assert charts(at) == ["Roster: balance against recovery"]


# The Client page


def test_a_link_from_the_roster_opens_that_clients_dashboard(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Jordan Reed"])
    assert at.selectbox(key="client_pick").value == uuid.UUID(ids["Jordan Reed"])
    assert sorted(charts(at)) == sorted(CHART_TITLES)
    assert [m.label for m in at.metric] == [
        "Lower share",
        "Recovery",
        "Leg frequency",
        "Stretching",
        "Adherence",
    ]
    assert tiles(at)["Lower share"] == ("5%", "top-heavy, target 35%–60%")
    assert tile_colour(at, "Lower share") == "red"
    assert "top\\-heavy" in at.warning[0].value


def test_the_key_numbers_are_the_reports_numbers(demo_db):
    at = signed_in("pages/client.py", client=demo_db.ids["Sam Patel"])
    expected = demo_db.roster.set_index("name").loc["Sam Patel"]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Recovery"] == f"{expected['recovery_compliance']:.0%}"
    assert shown["Adherence"] == f"{expected['adherence']:.0%}"
    assert shown["Lower share"] == f"{expected['lower_share']:.0%}"
    assert "too little rest" in at.warning[0].value


def test_a_daily_program_is_exempt_from_the_rest_rule_on_the_tiles(demo_db):
    at = signed_in("pages/client.py", client=demo_db.ids["Tom Becker"])
    assert tiles(at)["Recovery"] == ("—", "exempt, daily program")


def test_another_coachs_client_in_the_address_is_no_such_client(demo_db):
    at = signed_in("pages/client.py", client=demo_db.ids["Zed Elsewhere"])
    assert [e.value for e in at.error] == ["No such client"]
    assert not at.get("vega_lite_chart") and not at.metric and not at.selectbox
    assert "Zed" not in texts(at)


@pytest.mark.parametrize("raw", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_malformed_or_unknown_client_id_is_no_such_client_too(demo_db, raw):
    at = signed_in("pages/client.py", client=raw)
    assert [e.value for e in at.error] == ["No such client"]
    assert not at.get("vega_lite_chart")


def test_without_a_link_the_client_page_opens_the_first_client_and_puts_it_in_the_address(
    demo_db,
):
    at = signed_in("pages/client.py")
    chosen = at.selectbox(key="client_pick").value
    assert at.query_params["client"] == str(chosen)
    assert chosen == uuid.UUID(demo_db.ids["Aisha Khan"])  # the first by name


def test_a_client_without_loads_sees_best_sets_not_an_empty_volume_or_e1rm_chart(demo_db):
    # Aisha's home plan: bodyweight squats, squat jumps, lunges, push-ups and planks, no load.
    at = signed_in("pages/client.py", client=demo_db.ids["Aisha Khan"])
    assert sorted(charts(at)) == sorted(
        CHART_TITLES - {VOLUME_TITLE, E1RM_TITLE} | {"Best set per week, exercises without a load"}
    )


def test_the_daily_plan_sees_its_squats_per_day_and_no_rest_or_stretching_verdicts(demo_db):
    # Tom's desk-worker plan is exempt from the rest rule and the weekly band, asks for no
    # stretching, and has no load: no recovery, frequency, stretching, volume or e1RM chart.
    at = signed_in("pages/client.py", client=demo_db.ids["Tom Becker"])
    assert sorted(charts(at)) == sorted([
        "Planned vs done, the last 12 weeks and the next 2",
        "Balance: working sets per week, upper vs lower body",
        "Program adherence per week",
        "Daily squats: reps per day against the target",
        "Best set per week, exercises without a load",
    ])  # fmt: skip
    assert "not stretched" not in json.dumps([c.proto.spec for c in at.get("vega_lite_chart")])


def test_choosing_another_client_puts_their_id_in_the_address(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Jordan Reed"])
    at.selectbox(key="client_pick").set_value(uuid.UUID(ids["Eva Rossi"])).run()
    assert not at.exception
    assert at.query_params["client"] == ids["Eva Rossi"]
    assert "top-heavy" not in tiles(at)["Lower share"][1]


def test_the_client_chosen_on_one_page_is_the_one_the_next_page_opens_until_a_link_says_else(
    demo_db,
):
    ids = demo_db.ids
    eva, jordan = uuid.UUID(ids["Eva Rossi"]), uuid.UUID(ids["Jordan Reed"])
    at = signed_in("pages/upload.py")
    assert at.selectbox(key="upload_client").value != eva  # the list opens on Alex Kim
    at.selectbox(key="upload_client").set_value(eva).run()
    at.switch_page("pages/client.py").run()
    assert at.selectbox(key="client_pick").value == eva
    assert at.query_params["client"] == str(eva)
    at.switch_page("pages/share.py").run()
    assert at.selectbox(key="share_client").value == eva
    # A link to Jordan (the roster's) wins, and Jordan is then the current client.
    at.query_params["client"] = str(jordan)
    at.switch_page("pages/client.py").run()
    assert at.selectbox(key="client_pick").value == jordan
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert at.selectbox(key="upload_client").value == jordan


def test_a_chosen_window_recounts_every_number_over_those_dates(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Maya Lopez"])
    assert at.metric[0].value != "—"
    window = f"window:{ids['Maya Lopez']}"
    at.toggle(key=f"{window}:custom").set_value(True).run()
    # Long before the demo's first logged day: nothing to count.
    at.date_input(key=f"{window}:since").set_value(date(2020, 1, 1))
    at.date_input(key=f"{window}:until").set_value(date(2020, 3, 1)).run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Lower share"] == shown["Recovery"] == shown["Adherence"] == "—"
    assert tiles(at)["Lower share"][1] == "no working sets"  # no band without a working set
    assert "Balance window: 2020-01-01 to 2020-03-01 · " in unescaped(at.caption[0].value)


def test_a_window_that_ends_before_it_starts_is_refused(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Maya Lopez"])
    window = f"window:{ids['Maya Lopez']}"
    at.toggle(key=f"{window}:custom").set_value(True).run()
    at.date_input(key=f"{window}:since").set_value(date(2026, 11, 1))
    at.date_input(key=f"{window}:until").set_value(date(2026, 10, 1)).run()
    assert "is after" in at.error[0].value
    assert not at.get("vega_lite_chart")


def test_the_current_program_is_shown_with_a_link_to_change_it(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Aisha Khan"])
    assert any(unescaped(m.value).startswith("Home legs: started") for m in at.markdown)
    assert links(at)["Change the program"] == f"client={ids['Aisha Khan']}"


def test_a_client_without_a_program_is_offered_one(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Priya Shah"])
    assert "Program: none assigned" in [unescaped(i.value) for i in at.info]
    assert links(at)["Assign a program"] == f"client={ids['Priya Shah']}"


def test_an_import_can_be_undone_from_the_client_page(demo_db):
    ids = demo_db.ids
    at = signed_in("pages/client.py", client=ids["Eva Rossi"])
    at.button(key=f"undo_submit:{ids['Eva Rossi']}").click().run()
    assert not at.exception
    assert "Removed" in texts(at)
    # Nothing logged now, and added today: new, not inactive; but 16 weeks of Gym legs
    # without a leg session are behind the program.
    assert "behind the program" in at.warning[0].value
    assert "no logged set" not in at.warning[0].value
