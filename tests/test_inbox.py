"""Clients sending their own exports through their report link (coachkit/inbox.py): the same
pipeline as the coach's import, recorded as sent by the client, limited per link, and refused
in words (changing nothing) whenever the link does not take files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coachkit import answers, inbox, ingest, sharing
from coachkit.auth import add_coach
from coachkit.clients import ClientError, add_client, set_archived
from coachkit.clock import utc_now
from coachkit.importers.source import ImportRejected
from tests.test_ingest_rejects import GOOD_ROWS, everything, strong, write

# GOOD_ROWS: a warm-up and a working squat, a rest timer, a leg extension on 2026-11-02.
# The rest timer is not a set: 3 sets, in 1 workout.
GOOD_SETS = 3
MORE_ROWS = [  # another day: 2 squats, 1 unknown exercise name
    "2026-11-05 18:00:00,Legs,Squat (Barbell),1,82.5,8,,,",
    "2026-11-05 18:00:00,Legs,Squat (Barbell),2,82.5,8,,,",
    "2026-11-05 18:00:00,Legs,Moonwalk Lunge Shuffle,1,,12,,,",
]


@pytest.fixture
def coach(store):
    return add_coach(store, "coach@gym.example", "Coach", "long enough password")


@pytest.fixture
def client(store, coach):
    return add_client(store, coach.id, "Kim")


@pytest.fixture
def link(store, coach, client) -> sharing.Created:
    return sharing.create_link(store, coach.id, client.id)  # uploads on: the default


@pytest.fixture
def export(tmp_path) -> Path:
    return write(tmp_path, strong(*GOOD_ROWS), "kim-strong.csv")


@pytest.fixture
def more(tmp_path) -> Path:
    return write(tmp_path, strong(*MORE_ROWS), "kim-strong-2.csv")


def batches(store, coach, client):
    return ingest.history(store, coach.id, client.id)


def refused_unchanged(store, attempt, error=inbox.SendRefused) -> str:
    before = everything(store)
    with pytest.raises(error) as caught:
        attempt()
    assert everything(store) == before
    return str(caught.value)


def test_a_client_sends_their_export_and_the_import_says_it_came_through_the_link(
    store, coach, client, link, export
):
    preview = inbox.preview(store, link.token, export, "kim-strong.csv")
    assert (preview.sets, preview.new_sets, preview.sessions) == (GOOD_SETS, GOOD_SETS, 1)
    result = inbox.send(store, link.token, export, "kim-strong.csv")
    assert result.sets_added == GOOD_SETS
    history = batches(store, coach, client)
    assert list(history["link_id"]) == [link.id]
    assert list(history["file_name"]) == ["kim-strong.csv"]
    # The coach undoes it like any import.
    assert ingest.undo(store, coach.id, result.batch_id) == GOOD_SETS


def test_the_same_file_sent_twice_adds_nothing(store, coach, client, link, export):
    inbox.send(store, link.token, export, "kim-strong.csv")
    again = inbox.send(store, link.token, export, "kim-strong.csv")
    assert (again.sets_added, again.sets_existing) == (0, GOOD_SETS)
    assert len(batches(store, coach, client)) == 1  # nothing new: no second import recorded


def test_a_revoked_link_takes_nothing(store, coach, link, export):
    sharing.revoke(store, coach.id, link.id)
    message = refused_unchanged(store, lambda: inbox.send(store, link.token, export, "a.csv"))
    assert message == "This link does not take files. Ask your coach for a new link."
    refused_unchanged(store, lambda: inbox.preview(store, link.token, export, "a.csv"))


def test_an_expired_link_takes_nothing(store, coach, client, export):
    short = sharing.create_link(store, coach.id, client.id, days=1)
    later = utc_now() + timedelta(days=2)
    refused_unchanged(store, lambda: inbox.send(store, short.token, export, "a.csv", now=later))


def test_a_report_only_link_takes_nothing_until_the_coach_turns_uploads_on(
    store, coach, client, export
):
    made = sharing.create_link(store, coach.id, client.id, uploads=False)
    refused_unchanged(store, lambda: inbox.send(store, made.token, export, "a.csv"))
    sharing.set_uploads(store, coach.id, made.id, True)
    assert inbox.send(store, made.token, export, "a.csv").sets_added == GOOD_SETS
    sharing.set_uploads(store, coach.id, made.id, False)
    refused_unchanged(store, lambda: inbox.send(store, made.token, export, "a.csv"))


def test_an_archived_clients_link_takes_nothing(store, coach, client, link, export):
    set_archived(store, coach.id, client.id, True)
    refused_unchanged(store, lambda: inbox.send(store, link.token, export, "a.csv"))


def test_a_wrong_token_takes_nothing(store, link, export):
    wrong = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    refused_unchanged(store, lambda: inbox.send(store, wrong, export, "a.csv"))
    refused_unchanged(store, lambda: inbox.send(store, "not a token", export, "a.csv"))


def test_a_link_takes_a_settable_number_of_files_a_day(
    store, link, export, more, tmp_path, monkeypatch
):
    monkeypatch.setenv("COACHKIT_LINK_UPLOADS_PER_DAY", "2")
    third = write(tmp_path, strong("2026-11-09 18:00:00,Legs,Lunge (Dumbbell),1,20,10,,,"))
    assert inbox.sends_left(store, link.token) == 2
    inbox.send(store, link.token, export, "one.csv")
    inbox.send(store, link.token, more, "two.csv")
    assert inbox.sends_left(store, link.token) == 0
    message = refused_unchanged(store, lambda: inbox.send(store, link.token, third, "3.csv"))
    assert message.startswith("You have sent 2 files in the last 24 hours")
    # A day later the link takes files again.
    tomorrow = utc_now() + timedelta(hours=25)
    assert inbox.send(store, link.token, third, "3.csv", now=tomorrow).sets_added == 1


def test_once_the_cap_is_reached_even_a_file_already_sent_is_refused(
    store, link, export, monkeypatch
):
    monkeypatch.setenv("COACHKIT_LINK_UPLOADS_PER_DAY", "1")
    inbox.send(store, link.token, export, "one.csv")
    # Nothing new: the button is off on the page, and the file records no import here either;
    # but the cap of 1 is reached, so even this is refused in words.
    refused_unchanged(store, lambda: inbox.send(store, link.token, export, "one.csv"))


def test_a_file_with_too_many_bad_rows_is_refused_and_changes_nothing(store, link, tmp_path):
    negative = "2026-11-02 18:00:00,Legs,Squat (Barbell),2,-5,8,,,"
    bad = write(tmp_path, strong(GOOD_ROWS[1], negative))
    # 2 rows, 1 with a negative weight: 50% of the rows, more than the 10% that may be left out.
    preview = inbox.preview(store, link.token, bad, "bad.csv")
    assert (preview.error_total, preview.may_leave_out) == (1, False)
    refused_unchanged(
        store, lambda: inbox.send(store, link.token, bad, "bad.csv", leave_out=True), ImportRejected
    )


def test_a_layout_coachkit_does_not_know_is_refused_in_words(store, link, tmp_path):
    odd = write(tmp_path, "When,What,How many\n2026-11-02,Squat,8\n")
    message = refused_unchanged(store, lambda: inbox.preview(store, link.token, odd, "odd.csv"))
    assert "CoachKit does not know this kind of file" in message


def test_a_link_reaches_only_its_own_client(store, coach, client, export):
    other = add_client(store, coach.id, "Lee")
    lees_link = sharing.create_link(store, coach.id, other.id)
    inbox.send(store, lees_link.token, export, "a.csv")
    assert batches(store, coach, client).empty
    assert len(batches(store, coach, other)) == 1


def test_the_coach_sees_what_arrived_until_they_look(store, coach, client, link, export, more):
    first = inbox.send(store, link.token, export, "one.csv")
    assert inbox.new_logs(store, coach.id) == {client.id: 1}
    inbox.send(store, link.token, more, "two.csv")
    assert inbox.new_logs(store, coach.id) == {client.id: 2}
    arrived = inbox.arrivals(store, coach.id, client.id)
    assert [(a.file_name, a.is_new) for a in arrived] == [("two.csv", True), ("one.csv", True)]
    inbox.mark_seen(store, coach.id, client.id)
    assert inbox.new_logs(store, coach.id) == {}
    assert [a.is_new for a in inbox.arrivals(store, coach.id, client.id)] == [False, False]
    # The coach's own imports are not news to the coach.
    ingest.commit(store, coach.id, client.id, write(store_dir(export), strong(MORE_ROWS[0])))
    assert inbox.new_logs(store, coach.id) == {}
    # An undone import is not new either.
    ingest.undo(store, coach.id, first.batch_id)
    assert [a.undone_at is not None for a in inbox.arrivals(store, coach.id, client.id)] == [
        False,
        True,
    ]


def store_dir(path: Path) -> Path:
    folder = path.parent / "coach"
    folder.mkdir(exist_ok=True)
    return folder


def test_unknown_names_wait_for_the_coach(store, coach, client, link, more):
    inbox.send(store, link.token, more, "two.csv")
    unknown = inbox.unknown_names(store, coach.id, client.id)
    assert [(u.name, u.rows) for u in unknown] == [("Moonwalk Lunge Shuffle", 1)]
    answers.map_exercise(store, coach.id, "Moonwalk Lunge Shuffle", "walking_lunge")
    assert inbox.unknown_names(store, coach.id, client.id) == []


def test_another_coach_cannot_read_or_clear_what_arrived(store, coach, client, link, export):
    rival = add_coach(store, "rival@gym.example", "Rival", "long enough password")
    inbox.send(store, link.token, export, "a.csv")
    for call in (inbox.arrivals, inbox.mark_seen, inbox.unknown_names):
        with pytest.raises(ClientError, match="no such client"):
            call(store, rival.id, client.id)
    assert inbox.new_logs(store, rival.id) == {}
    assert inbox.new_logs(store, coach.id) == {client.id: 1}
